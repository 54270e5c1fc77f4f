/**
 * Editable text blocks with live numbers. Planners write plain text with placeholders:
 *
 *   Die Kinderarmut lag {{value child_poverty}} und damit {{compare child_poverty with=city}}.
 *
 * Syntax: `{{name arg … key=value key="a value with spaces"}}`; `\{{` writes a literal `{{`.
 * Names and keys are `[a-z_][a-z0-9_]*`. Nothing is evaluated: a placeholder only selects one of
 * the functions the caller passes in (`renderTemplate`) — by default the report functions of
 * `reportTemplateFunctions`, listed in docs/reports.md. Unknown names, unknown indicators or areas
 * and malformed placeholders are reported with their position (offset, line, column); the
 * placeholder then stays in the output verbatim so an editor notices it.
 *
 * The result is plain text; an HTML or DOCX writer escapes it like any other text.
 */
import { DEFAULT_REPORT_LANGUAGE, type ReportLanguage } from './format.js'
import {
  areaPhrase,
  changePhrase,
  comparisonPhrase,
  formatIndicatorValue,
  indicatorSubject,
  rankPhrase,
  rankValues,
  readValue,
  type Reference,
  type ReportArea,
  type ReportIndicator,
  type ReportValue,
} from './text.js'

/** One `{{…}}` of a template. */
export interface Placeholder {
  name: string
  /** Positional arguments, e.g. the indicator key. */
  args: string[]
  /** `key=value` options. */
  options: Record<string, string>
  /** The placeholder as written, braces included. */
  source: string
  /** Offset of the first `{` and after the last `}` in the template. */
  start: number
  end: number
}

export type TemplateErrorCode =
  'TEMPLATE_UNCLOSED' | 'TEMPLATE_SYNTAX' | 'TEMPLATE_UNKNOWN_FUNCTION' | 'TEMPLATE_BAD_ARGUMENT'

/** A problem with one placeholder, with where it is (line and column are 1-based). */
export interface TemplateError {
  code: TemplateErrorCode
  message: string
  /** The placeholder as written (or the rest of the line for an unclosed one). */
  source: string
  start: number
  end: number
  line: number
  column: number
}

/** A parsed template: literal text and placeholders in order. */
export interface ParsedTemplate {
  parts: (string | Placeholder)[]
  errors: TemplateError[]
}

/** Thrown by a template function to report a bad argument; becomes a `TemplateError`. */
export class TemplateArgumentError extends Error {
  override name = 'TemplateArgumentError'
}

/** A function a placeholder can call; returns plain text or throws `TemplateArgumentError`. */
export type TemplateFunction = (placeholder: Placeholder) => string

const NAME = /^[a-z_][a-z0-9_]*$/
// One token: key="quoted value", key=value or a bare word.
const TOKEN = /\s*(?:([a-z_][a-z0-9_]*)=(?:"([^"]*)"|([^\s"]+))|([^\s="]+))/y
const MAX_PLACEHOLDER = 500

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}

function error(
  text: string,
  code: TemplateErrorCode,
  message: string,
  start: number,
  end: number,
): TemplateError {
  return { code, message, source: text.slice(start, end), start, end, ...position(text, start) }
}

/**
 * Splits a template into text and placeholders.
 *
 * @example
 * parseTemplate('Quote: {{value child_poverty area=current}}').parts
 * // ['Quote: ', { name: 'value', args: ['child_poverty'], options: { area: 'current' }, … }]
 */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: (string | Placeholder)[] = []
  const errors: TemplateError[] = []
  let literal = ''
  let i = 0
  while (i < text.length) {
    const open = text.indexOf('{{', i)
    if (open < 0) {
      literal += text.slice(i)
      break
    }
    if (open > 0 && text[open - 1] === '\\') {
      literal += `${text.slice(i, open - 1)}{{`
      i = open + 2
      continue
    }
    literal += text.slice(i, open)
    const close = text.indexOf('}}', open + 2)
    const nextOpen = text.indexOf('{{', open + 2)
    if (close < 0 || (nextOpen >= 0 && nextOpen < close) || close - open > MAX_PLACEHOLDER) {
      const lineEnd = text.indexOf('\n', open)
      const end = lineEnd < 0 ? text.length : lineEnd
      errors.push(
        error(
          text,
          'TEMPLATE_UNCLOSED',
          'A placeholder opened with {{ is not closed with }}.',
          open,
          end,
        ),
      )
      literal += text.slice(open, open + 2)
      i = open + 2
      continue
    }
    const parsed = parsePlaceholder(text, open, close + 2)
    if ('code' in parsed) {
      errors.push(parsed)
      literal += parsed.source
    } else {
      if (literal) parts.push(literal)
      literal = ''
      parts.push(parsed)
    }
    i = close + 2
  }
  if (literal) parts.push(literal)
  return { parts, errors }
}

function parsePlaceholder(text: string, start: number, end: number): Placeholder | TemplateError {
  const inner = text.slice(start + 2, end - 2)
  const args: string[] = []
  const options: Record<string, string> = {}
  let name: string | null = null
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < inner.length && inner.slice(TOKEN.lastIndex).trim() !== '') {
    const at = TOKEN.lastIndex
    const match = TOKEN.exec(inner)
    if (!match) {
      return error(
        text,
        'TEMPLATE_SYNTAX',
        `Expected a word or key=value at "${inner.slice(at).trim()}" (quote values with spaces: key="a b").`,
        start,
        end,
      )
    }
    const [, key, quoted, plain, word] = match
    if (key !== undefined) {
      options[key] = quoted ?? plain ?? ''
    } else if (name === null) {
      name = word ?? ''
    } else {
      args.push(word ?? '')
    }
  }
  if (name === null || !NAME.test(name)) {
    return error(
      text,
      'TEMPLATE_SYNTAX',
      `Expected a function name such as "value" after {{, got "${name ?? ''}".`,
      start,
      end,
    )
  }
  return { name, args, options, source: text.slice(start, end), start, end }
}

/**
 * Fills a template's placeholders by calling `functions[name]`. Errors do not stop rendering:
 * each is reported and its placeholder is kept as written.
 *
 * @example
 * renderTemplate('Stand {{period}}', { period: () => '2024' }) // { text: 'Stand 2024', errors: [] }
 */
export function renderTemplate(
  text: string,
  functions: Readonly<Record<string, TemplateFunction>>,
): { text: string; errors: TemplateError[] } {
  const { parts, errors } = parseTemplate(text)
  let out = ''
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part
      continue
    }
    const fn = Object.hasOwn(functions, part.name) ? functions[part.name] : undefined
    if (!fn) {
      const known = Object.keys(functions).sort().join(', ')
      errors.push(
        error(
          text,
          'TEMPLATE_UNKNOWN_FUNCTION',
          `Unknown placeholder "${part.name}"; expected one of: ${known}.`,
          part.start,
          part.end,
        ),
      )
      out += part.source
      continue
    }
    try {
      out += fn(part)
    } catch (caught) {
      if (!(caught instanceof TemplateArgumentError)) throw caught
      errors.push(error(text, 'TEMPLATE_BAD_ARGUMENT', caught.message, part.start, part.end))
      out += part.source
    }
  }
  errors.sort((a, b) => a.start - b.start)
  return { text: out, errors }
}

// ---------------------------------------------------------------------------------------------
// The report functions

/** An area a template can name; `parent` is the id of the area one layer up. */
export interface TemplateArea extends ReportArea {
  parent?: string
}

/** The data the report functions read. Ids are whatever the caller uses (codes, UUIDs). */
export interface TemplateData {
  language?: ReportLanguage
  /** The period of the report, e.g. 2024. */
  period: number
  /** The area the text block is about (`area=current`, the default). */
  area: string
  /** The whole city (`area=city`, `with=city`). */
  city?: string
  indicators: Readonly<Record<string, ReportIndicator>>
  areas: Readonly<Record<string, TemplateArea>>
  /** The value of an indicator in an area and period (suppressed/missing as a `ReportValue`). */
  value(indicator: string, area: string, period: number): ReportValue
  /** Ids of all areas of a layer, for ranks. */
  layerAreas?(layer: string): readonly string[]
}

function checkShape(p: Placeholder, args: number, options: readonly string[]): void {
  if (p.args.length !== args) {
    const usage = args === 0 ? 'no argument' : 'an indicator key'
    throw new TemplateArgumentError(
      `"${p.name}" takes ${usage}; got ${p.args.length === 0 ? 'none' : `"${p.args.join(' ')}"`}.`,
    )
  }
  for (const key of Object.keys(p.options)) {
    if (!options.includes(key)) {
      throw new TemplateArgumentError(
        `"${p.name}" has no option "${key}"; expected ${options.length ? options.join(', ') : 'none'}.`,
      )
    }
  }
}

/**
 * The built-in report functions over `data`:
 *
 * | placeholder | gives |
 * | --- | --- |
 * | `{{period}}` | `2024` |
 * | `{{area [area=…]}}` | `Nordstadt` |
 * | `{{in_area [area=…]}}` | `im Sozialraum Nordstadt` |
 * | `{{name IND}}` / `{{subject IND}}` | `SGB-II-Quote` / `die SGB-II-Quote` |
 * | `{{value IND [area=…] [period=…]}}` | `31,2 %` |
 * | `{{compare IND [area=…] [with=city\|parent\|<id>] [period=…]}}` | `14,5 Prozentpunkte über dem städtischen Durchschnitt (16,7 %)` |
 * | `{{change IND [years=5\|from=2019] [area=…]}}` | `um 2,3 Prozentpunkte gestiegen (von 28,9 % auf 31,2 %)` |
 * | `{{rank IND [area=…] [period=…]}}` | `den dritthöchsten Wert der 33 Sozialräume` |
 *
 * `area` is `current` (default), `parent`, `city` or an area id.
 */
export function reportTemplateFunctions(data: TemplateData): Record<string, TemplateFunction> {
  const language = data.language ?? DEFAULT_REPORT_LANGUAGE
  const indicator = (p: Placeholder): ReportIndicator => {
    const key = p.args[0] ?? ''
    const found = Object.hasOwn(data.indicators, key) ? data.indicators[key] : undefined
    if (!found) throw new TemplateArgumentError(`Unknown indicator "${key}".`)
    return found
  }
  const areaId = (ref: string | undefined, option = 'area'): string => {
    const wanted = ref ?? 'current'
    let id: string | undefined
    if (wanted === 'current') id = data.area
    else if (wanted === 'city') id = data.city
    else if (wanted === 'parent') id = data.areas[data.area]?.parent
    else id = wanted
    if (id === undefined || !Object.hasOwn(data.areas, id)) {
      throw new TemplateArgumentError(
        `Unknown area "${wanted}" in ${option}=; expected current, parent, city or an area id.`,
      )
    }
    return id
  }
  const period = (p: Placeholder, option = 'period', fallback = data.period): number => {
    const text = p.options[option]
    if (text === undefined) return fallback
    if (!/^\d{4}$/.test(text)) {
      throw new TemplateArgumentError(`${option}= expects a year like 2024, got "${text}".`)
    }
    return Number(text)
  }
  const area = (id: string): TemplateArea => data.areas[id]!

  return {
    period(p) {
      checkShape(p, 0, [])
      return String(data.period)
    },
    area(p) {
      checkShape(p, 0, ['area'])
      return area(areaId(p.options.area)).name
    },
    in_area(p) {
      checkShape(p, 0, ['area'])
      return areaPhrase(area(areaId(p.options.area)), language)
    },
    name(p) {
      checkShape(p, 1, [])
      const ind = indicator(p)
      return language === 'de' ? ind.nameDe : ind.nameEn
    },
    subject(p) {
      checkShape(p, 1, [])
      return indicatorSubject(indicator(p), language)
    },
    value(p) {
      checkShape(p, 1, ['area', 'period'])
      const ind = indicator(p)
      const value = data.value(p.args[0]!, areaId(p.options.area), period(p))
      return formatIndicatorValue(ind, value, language)
    },
    compare(p) {
      checkShape(p, 1, ['area', 'with', 'period'])
      const ind = indicator(p)
      const own = areaId(p.options.area)
      const other = areaId(p.options.with ?? 'city', 'with')
      const year = period(p)
      const mine = readValue(data.value(p.args[0]!, own, year))
      const theirs = readValue(data.value(p.args[0]!, other, year))
      if (mine.value === null) return formatIndicatorValue(ind, mine, language)
      if (theirs.value === null) return formatIndicatorValue(ind, theirs, language)
      const reference: Reference =
        other === data.city ? { kind: 'city' } : { kind: 'area', area: area(other) }
      return comparisonPhrase(ind, mine.value, reference, theirs.value, language).text
    },
    change(p) {
      checkShape(p, 1, ['area', 'years', 'from'])
      const ind = indicator(p)
      const id = areaId(p.options.area)
      const years = p.options.years
      if (years !== undefined && !/^[1-9]\d?$/.test(years)) {
        throw new TemplateArgumentError(`years= expects a number of years like 5, got "${years}".`)
      }
      const from =
        years !== undefined ? data.period - Number(years) : period(p, 'from', data.period - 1)
      const before = readValue(data.value(p.args[0]!, id, from))
      const after = readValue(data.value(p.args[0]!, id, data.period))
      if (before.value === null) return formatIndicatorValue(ind, before, language)
      if (after.value === null) return formatIndicatorValue(ind, after, language)
      const phrase = changePhrase(ind, before.value, after.value, language)
      return `${phrase.movement} ${phrase.detail}`
    },
    rank(p) {
      checkShape(p, 1, ['area', 'period'])
      const ind = indicator(p)
      const id = areaId(p.options.area)
      const layer = area(id).layer
      if (!data.layerAreas)
        throw new TemplateArgumentError('Ranks are not available in this report.')
      const peers = data.layerAreas(layer)
      const year = period(p)
      const values = peers.map((peer) => data.value(p.args[0]!, peer, year))
      const { ranks, count } = rankValues(values, ind.decimals)
      const index = peers.indexOf(id)
      const rank = index < 0 ? null : ranks[index]
      if (rank === null || rank === undefined) {
        return formatIndicatorValue(ind, data.value(p.args[0]!, id, year), language)
      }
      const grammar = area(id).grammar
      return rankPhrase({ position: rank, count, total: peers.length, layer, grammar, language })
    },
  }
}
