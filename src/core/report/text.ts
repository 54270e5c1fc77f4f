/**
 * Sentences from data for social reports, in German (default) and English, e.g.
 * „Im Sozialraum Nordstadt lag die SGB-II-Quote 2024 bei 31,2 % und damit 14,5 Prozentpunkte über
 * dem städtischen Durchschnitt (16,7 %).“
 *
 * Rules the wording follows:
 * - Every difference is computed from the values as printed (rounded to the indicator's decimals),
 *   so the reader's own arithmetic agrees with the text; a difference that rounds to zero is
 *   „gleichauf“ / „unverändert“.
 * - The difference of two rates in % is given in Prozentpunkte (never "percent of percent"); counts
 *   change „um 12,4 %“ (relative change); other units (je 1.000 Einw., m² je Einw.) differ in their
 *   unit. See `measureOf`.
 * - Suppressed values (disclosure control) and missing values get their own sentences and are
 *   never compared or ranked.
 *
 * Numbers and typography: see format.ts. Layer phrases and articles: see grammar.ts.
 */
import type { Polarity } from '../indicators/types.js'

import {
  capitalise,
  DEFAULT_REPORT_LANGUAGE,
  formatNumber,
  formatWithUnit,
  quote,
  roundTo,
  type ReportLanguage,
} from './format.js'
import {
  countNoun,
  englishNoun,
  inArea,
  layerGrammar,
  nameWithArticle,
  ofArea,
  ordinalSuperlative,
  type ArticleDe,
  type LayerGrammar,
} from './grammar.js'

/**
 * How differences of an indicator are expressed:
 * - `rate`: a percentage; differences in percentage points.
 * - `count`: a number of people or things; differences as relative change in percent.
 * - `ratio`: any other quotient (per 1,000 residents, m² per dwelling); differences in its unit.
 */
export type Measure = 'rate' | 'count' | 'ratio'

/** What a sentence needs to know about an indicator (a subset of the catalogue's indicator). */
export interface ReportIndicator {
  nameDe: string
  nameEn: string
  /** Unit as in the catalogue, German (`%`, `Personen`, `je 1.000 Einw.`). */
  unit: string
  /** English unit; by default translated from a small table of the catalogue's units. */
  unitEn?: string
  /** Fraction digits values are shown with. */
  decimals: number
  polarity: Polarity
  /** Overrides the guess of `measureOf`. */
  measure?: Measure
  /** German article of `nameDe`; null forces the neutral „der Wert „…““ phrasing. */
  articleDe?: ArticleDe | null
}

/** Why a value is absent: disclosure control or no data. */
export type ValueStatus = 'ok' | 'suppressed' | 'missing'

/** A value as a sentence receives it: a number, or the reason there is none. */
export type ReportValue = number | null | { value: number | null; status?: ValueStatus }

/** An area named in a sentence. */
export interface ReportArea {
  name: string
  /** Layer key, e.g. `sozialraum`; unknown keys read as „im Gebiet …“. */
  layer: string
  /** Phrases of the layer, when the caller has its own (else looked up by `layer`). */
  grammar?: LayerGrammar
}

/** What a value is compared with. */
export type Reference =
  | { kind: 'city' }
  | { kind: 'county' }
  | { kind: 'area'; area: ReportArea }
  | { kind: 'custom'; de: string; en: string }

/** The direction of a comparison or change, after rounding to the shown decimals. */
export type Direction = 'higher' | 'lower' | 'equal'

/** Whether a direction is good news given the indicator's polarity. */
export type Assessment = 'favourable' | 'unfavourable' | 'neutral'

const SUPPRESSED: Record<ReportLanguage, string> = {
  de: 'aus Datenschutzgründen nicht ausgewiesen',
  en: 'not shown to protect privacy',
}

/**
 * How differences of the indicator are expressed: `%` is a rate, `Personen` (or no unit with no
 * decimals) a count, anything else a ratio in its unit.
 *
 * @example measureOf({ unit: '%', decimals: 1 })        // 'rate'
 * @example measureOf({ unit: 'Personen', decimals: 0 }) // 'count'
 * @example measureOf({ unit: 'je 1.000 Einw.', decimals: 1 }) // 'ratio'
 */
export function measureOf(
  indicator: Pick<ReportIndicator, 'unit' | 'decimals' | 'measure'>,
): Measure {
  if (indicator.measure) return indicator.measure
  const unit = indicator.unit.trim()
  if (unit === '%') return 'rate'
  if (unit === 'Personen' || unit === 'Anzahl' || (unit === '' && indicator.decimals === 0)) {
    return 'count'
  }
  return 'ratio'
}

/** The number and status of a `ReportValue`. */
export function readValue(value: ReportValue): { value: number | null; status: ValueStatus } {
  if (value === null || typeof value === 'number') {
    return value === null || !Number.isFinite(value)
      ? { value: null, status: 'missing' }
      : { value, status: 'ok' }
  }
  if (value.status === 'suppressed') return { value: null, status: 'suppressed' }
  if (value.value === null || !Number.isFinite(value.value) || value.status === 'missing') {
    return { value: null, status: 'missing' }
  }
  return { value: value.value, status: 'ok' }
}

/**
 * Good or bad news: higher is favourable for `higher_is_better`, unfavourable for
 * `higher_is_worse`; `equal` and `neutral` indicators are neutral.
 */
export function assess(direction: Direction, polarity: Polarity): Assessment {
  if (direction === 'equal' || polarity === 'neutral') return 'neutral'
  const good = polarity === 'higher_is_better' ? 'higher' : 'lower'
  return direction === good ? 'favourable' : 'unfavourable'
}

/**
 * A value with the indicator's decimals and unit, or the phrase for a suppressed or missing one.
 *
 * @example formatIndicatorValue(childPoverty, 31.24)                 // '31,2 %'
 * @example formatIndicatorValue(childPoverty, { value: null, status: 'suppressed' }) // 'aus Datenschutzgründen nicht ausgewiesen'
 */
export function formatIndicatorValue(
  indicator: ReportIndicator,
  value: ReportValue,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): string {
  const read = readValue(value)
  if (read.status === 'suppressed') return SUPPRESSED[language]
  if (read.value === null) return language === 'de' ? 'kein Wert' : 'no value'
  return formatWithUnit(read.value, indicator.decimals, indicator.unit, language, indicator.unitEn)
}

/**
 * The indicator as the subject of a sentence, always in the nominative: „die SGB-II-Quote“,
 * „der Wert „Arbeitslose““ (no safe article), "the SGB II rate", "the number of unemployed" (counts).
 */
export function indicatorSubject(
  indicator: ReportIndicator,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): string {
  if (language === 'en') {
    const noun = englishNoun(indicator.nameEn)
    return measureOf(indicator) === 'count' ? `the number of ${noun}` : `the ${noun}`
  }
  return (
    nameWithArticle(indicator.nameDe, indicator.articleDe) ??
    `der Wert ${quote(indicator.nameDe, 'de')}`
  )
}

/** „im Sozialraum Nordstadt“ / „in the Nordstadt social area“ (lower case). */
export function areaPhrase(
  area: ReportArea,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): string {
  return inArea((area.grammar ?? layerGrammar(area.layer))[language], area.name)
}

/** „dem städtischen Durchschnitt“ / „the city average“ and the other references (dative). */
export function referencePhrase(
  reference: Reference,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): string {
  switch (reference.kind) {
    case 'city':
      return language === 'de' ? 'dem städtischen Durchschnitt' : 'the city average'
    case 'county':
      return language === 'de' ? 'dem Kreisdurchschnitt' : 'the county average'
    case 'area': {
      const words = (reference.area.grammar ?? layerGrammar(reference.area.layer))[language]
      const of = ofArea(words, reference.area.name)
      return language === 'de' ? `dem Wert ${of}` : `the value ${of}`
    }
    case 'custom':
      return reference[language]
  }
}

/** The difference of two shown values, rounded like them (no float noise such as 14.499999). */
function shownDifference(a: number, b: number, decimals: number): number {
  return roundTo(roundTo(a, decimals) - roundTo(b, decimals), decimals)
}

function direction(difference: number): Direction {
  return difference > 0 ? 'higher' : difference < 0 ? 'lower' : 'equal'
}

/**
 * A difference in percentage points: „14,5 Prozentpunkte“, „1 Prozentpunkt“.
 *
 * @example percentagePoints(14.5, 1, 'de') // '14,5 Prozentpunkte'
 * @example percentagePoints(1, 0, 'en')    // '1 percentage point'
 */
export function percentagePoints(
  difference: number,
  decimals: number,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): string {
  const number = formatNumber(Math.abs(difference), decimals, language)
  const one = number === '1'
  if (language === 'de') return `${number}\u00a0${one ? 'Prozentpunkt' : 'Prozentpunkte'}`
  return `${number}\u00a0${one ? 'percentage point' : 'percentage points'}`
}

/** The size of a difference between two shown values in the measure's terms (always positive). */
function differenceAmount(
  indicator: ReportIndicator,
  value: number,
  base: number,
  language: ReportLanguage,
): { difference: number; text: string | null } {
  const difference = shownDifference(value, base, indicator.decimals)
  const measure = measureOf(indicator)
  if (measure === 'rate') {
    return { difference, text: percentagePoints(difference, indicator.decimals, language) }
  }
  if (measure === 'ratio') {
    const text = formatWithUnit(
      Math.abs(difference),
      indicator.decimals,
      indicator.unit,
      language,
      indicator.unitEn,
    )
    return { difference, text }
  }
  // Counts: relative change against the shown base; undefined when the base is 0.
  const shownBase = roundTo(base, indicator.decimals)
  if (shownBase === 0) return { difference, text: null }
  const percent = (100 * Math.abs(difference)) / Math.abs(shownBase)
  return { difference, text: formatWithUnit(percent, 1, '%', language) }
}

/** A comparison sentence with its direction and assessment, for callers that colour or sort. */
export interface ComparisonText {
  text: string
  direction: Direction | null
  assessment: Assessment | null
}

export interface ComparisonInput {
  indicator: ReportIndicator
  area: ReportArea
  /** The period the value belongs to, e.g. 2024. */
  period: number | string
  value: ReportValue
  reference: Reference
  referenceValue: ReportValue
  language?: ReportLanguage
}

/**
 * The value of an area against a reference:
 * „Im Sozialraum Nordstadt lag die SGB-II-Quote 2024 bei 31,2 % und damit 14,5 Prozentpunkte
 * über dem städtischen Durchschnitt (16,7 %).“ — or „gleichauf mit“, or „unter“; suppressed and
 * missing values get a sentence of their own, and a missing reference drops the comparison.
 */
export function compareSentence(input: ComparisonInput): ComparisonText {
  const language = input.language ?? DEFAULT_REPORT_LANGUAGE
  const { indicator, period } = input
  const where = areaPhrase(input.area, language)
  const subject = indicatorSubject(indicator, language)
  const own = readValue(input.value)
  if (own.value === null) {
    return {
      text: absentSentence(own.status, where, subject, period, language),
      direction: null,
      assessment: null,
    }
  }
  const shown = formatIndicatorValue(indicator, own.value, language)
  const reference = readValue(input.referenceValue)
  const refName = referencePhrase(input.reference, language)
  if (reference.value === null) {
    // A suppressed reference is said; a missing one simply drops the comparison.
    const why =
      reference.status !== 'suppressed'
        ? ''
        : language === 'de'
          ? `; ein Vergleich mit ${refName} ist aus Datenschutzgründen nicht möglich`
          : `; a comparison with ${refName} is not possible to protect privacy`
    const text =
      language === 'de'
        ? `${capitalise(where)} lag ${subject} ${period} bei ${shown}${why}.`
        : `${capitalise(where)}, ${subject} was ${shown} in ${period}${why}.`
    return { text, direction: null, assessment: null }
  }
  const relation = comparisonPhrase(
    indicator,
    own.value,
    input.reference,
    reference.value,
    language,
  )
  const text =
    language === 'de'
      ? `${capitalise(where)} lag ${subject} ${period} bei ${shown} und damit ${relation.text}.`
      : `${capitalise(where)}, ${subject} was ${shown} in ${period}, ${relation.text}.`
  return { ...relation, text }
}

/**
 * The comparison alone: „14,5 Prozentpunkte über dem städtischen Durchschnitt (16,7 %)“,
 * „gleichauf mit dem Wert des Stadtbezirks Mitte (16,7 %)“, "2.1 percentage points below the city
 * average (16.7%)".
 */
export function comparisonPhrase(
  indicator: ReportIndicator,
  value: number,
  reference: Reference,
  referenceValue: number,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): ComparisonText {
  const refShown = formatIndicatorValue(indicator, referenceValue, language)
  const amount = differenceAmount(indicator, value, referenceValue, language)
  const dir = direction(amount.difference)
  const text = comparisonRelation(
    dir,
    amount.text,
    referencePhrase(reference, language),
    refShown,
    language,
  )
  return { text, direction: dir, assessment: assess(dir, indicator.polarity) }
}

/** „14,5 Prozentpunkte über dem städtischen Durchschnitt (16,7 %)“ and its variants. */
function comparisonRelation(
  dir: Direction,
  amount: string | null,
  refName: string,
  refShown: string,
  language: ReportLanguage,
): string {
  if (language === 'de') {
    if (dir === 'equal') return `gleichauf mit ${refName} (${refShown})`
    const word = dir === 'higher' ? 'über' : 'unter'
    return `${amount ? `${amount} ` : ''}${word} ${refName} (${refShown})`
  }
  if (dir === 'equal') return `level with ${refName} (${refShown})`
  const word = dir === 'higher' ? 'above' : 'below'
  return `${amount ? `${amount} ` : ''}${word} ${refName} (${refShown})`
}

// The subject stays in the nominative in every sentence, so no article has to be declined.
function absentSentence(
  status: ValueStatus,
  where: string,
  subject: string,
  period: number | string,
  language: ReportLanguage,
): string {
  if (language === 'de') {
    return status === 'suppressed'
      ? `${capitalise(where)} wird ${subject} ${period} ${SUPPRESSED.de}.`
      : `${capitalise(where)} liegt ${subject} für ${period} nicht vor.`
  }
  return status === 'suppressed'
    ? `${capitalise(where)}, ${subject} for ${period} is ${SUPPRESSED.en}.`
    : `${capitalise(where)}, no value of ${subject} is available for ${period}.`
}

export interface ChangeInput {
  indicator: ReportIndicator
  area: ReportArea
  /** Earlier and later period, e.g. 2019 and 2024. */
  from: number | string
  to: number | string
  fromValue: ReportValue
  toValue: ReportValue
  language?: ReportLanguage
}

/**
 * The change of an indicator over a span:
 * „Im Sozialraum Nordstadt ist die SGB-II-Quote von 2019 bis 2024 um 2,3 Prozentpunkte gestiegen
 * (von 28,9 % auf 31,2 %).“ — counts change „um 12,4 %“, ratios in their unit; a change that
 * rounds to zero is „unverändert“.
 */
export function changeSentence(input: ChangeInput): ComparisonText {
  const language = input.language ?? DEFAULT_REPORT_LANGUAGE
  const { indicator, from, to } = input
  const where = capitalise(areaPhrase(input.area, language))
  const subject = indicatorSubject(indicator, language)
  const before = readValue(input.fromValue)
  const after = readValue(input.toValue)
  if (before.value === null || after.value === null) {
    const suppressed = before.status === 'suppressed' || after.status === 'suppressed'
    const text =
      language === 'de'
        ? `${where} ${suppressed ? 'wird aus Datenschutzgründen nicht ausgewiesen' : 'lässt sich mangels Daten nicht angeben'}, wie sich ${subject} von ${from} bis ${to} verändert hat.`
        : `${where}, the change in ${subject} from ${from} to ${to} ${suppressed ? 'is not shown to protect privacy' : 'cannot be given for lack of data'}.`
    return { text, direction: null, assessment: null }
  }
  const phrase = changePhrase(indicator, before.value, after.value, language)
  const text =
    language === 'de'
      ? `${where} ist ${subject} von ${from} bis ${to} ${phrase.movement} ${phrase.detail}.`
      : `${where}, ${subject} ${phrase.movement} between ${from} and ${to} ${phrase.detail}.`
  return {
    text,
    direction: phrase.direction,
    assessment: assess(phrase.direction, indicator.polarity),
  }
}

/**
 * The parts of a change: the movement („um 2,3 Prozentpunkte gestiegen“, „um 12,4 % gesunken“,
 * „unverändert geblieben“; "rose by 2.3 percentage points") and the values in brackets
 * („(von 28,9 % auf 31,2 %)“; other units are named once: „(von 1.250 auf 1.095 Personen)“).
 */
export function changePhrase(
  indicator: ReportIndicator,
  before: number,
  after: number,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): { movement: string; detail: string; direction: Direction } {
  const amount = differenceAmount(indicator, after, before, language)
  const dir = direction(amount.difference)
  const shownAfter = formatIndicatorValue(indicator, after, language)
  if (dir === 'equal') {
    return {
      movement: language === 'de' ? 'unverändert geblieben' : 'remained unchanged',
      detail: `(${shownAfter})`,
      direction: dir,
    }
  }
  // A rate repeats its sign („von 28,9 % auf 31,2 %“); other units are named once.
  const fromText =
    measureOf(indicator) === 'rate'
      ? formatIndicatorValue(indicator, before, language)
      : formatNumber(before, indicator.decimals, language)
  if (language === 'de') {
    const by = amount.text ? `um ${amount.text} ` : ''
    return {
      movement: `${by}${dir === 'higher' ? 'gestiegen' : 'gesunken'}`,
      detail: `(von ${fromText} auf ${shownAfter})`,
      direction: dir,
    }
  }
  const by = amount.text ? ` by ${amount.text}` : ''
  return {
    movement: `${dir === 'higher' ? 'rose' : 'fell'}${by}`,
    detail: `(from ${fromText} to ${shownAfter})`,
    direction: dir,
  }
}

export interface RankInput {
  /** 1 = highest shown value. */
  position: number
  /** Areas with a shown value on the layer. */
  count: number
  /** Areas on the layer in total; more than `count` when some values are suppressed or missing. */
  total?: number
  /** Layer of the ranked areas, for „der 33 Sozialräume“. */
  layer: string
  grammar?: LayerGrammar
  language?: ReportLanguage
}

/**
 * The rank of a value among the areas of its layer, from whichever end is nearer:
 * „den dritthöchsten Wert der 33 Sozialräume“, „den niedrigsten Wert der 33 Sozialräume“;
 * when values are hidden: „… der 31 Sozialräume mit ausgewiesenem Wert“.
 *
 * @example rankPhrase({ position: 3, count: 33, layer: 'sozialraum' }) // 'den dritthöchsten Wert der 33 Sozialräume'
 * @example rankPhrase({ position: 33, count: 33, layer: 'sozialraum', language: 'en' }) // 'the lowest value of the 33 social areas'
 */
export function rankPhrase(input: RankInput): string {
  const language = input.language ?? DEFAULT_REPORT_LANGUAGE
  const { position, count } = input
  if (!Number.isInteger(position) || !Number.isInteger(count) || position < 1 || position > count) {
    throw new RangeError(
      `rankPhrase: expected a position between 1 and the count (${String(count)}), got ${String(position)}.`,
    )
  }
  const words = (input.grammar ?? layerGrammar(input.layer))[language]
  const fromTop = position <= count - position + 1
  const place = fromTop ? position : count - position + 1
  const group = countNoun(count, words.singular, words.plural)
  const hidden = input.total !== undefined && input.total > count
  if (language === 'de') {
    const adjective = ordinalSuperlative(place, fromTop ? 'höchsten' : 'niedrigsten', 'de')
    return `den ${adjective} Wert der ${group}${hidden ? ' mit ausgewiesenem Wert' : ''}`
  }
  const adjective = ordinalSuperlative(place, fromTop ? 'highest' : 'lowest', 'en')
  return `the ${adjective} value of the ${group}${hidden ? ' with a value shown' : ''}`
}

/**
 * Ranks of values, 1 = highest; suppressed and missing values get no rank and do not count, ties
 * share the better rank (competition ranking „1, 2, 2, 4“).
 *
 * @example rankValues([3, null, 5, 3]) // { ranks: [2, null, 1, 2], count: 3 }
 */
export function rankValues(
  values: readonly ReportValue[],
  decimals?: number,
): {
  ranks: (number | null)[]
  count: number
} {
  const numbers = values.map((v) => {
    const read = readValue(v)
    return read.value === null
      ? null
      : decimals === undefined
        ? read.value
        : roundTo(read.value, decimals)
  })
  const shown = numbers.filter((v): v is number => v !== null)
  const ranks = numbers.map((v) => (v === null ? null : 1 + shown.filter((w) => w > v).length))
  return { ranks, count: shown.length }
}
