/**
 * Numbers as German statistics write them: `1.234,5` (German) or `1,234.5` (English), with the
 * official status symbols of the statistical offices (Zeichenerklärung, see DESIGN.md §5):
 *
 * | cell             | value | status | meaning                                     |
 * | ---------------- | ----- | ------ | ------------------------------------------- |
 * | `-` (or `–`)     | 0     | `-`    | nothing (genau null)                        |
 * | `.`              | null  | `.`    | unknown or secret (Geheimhaltung)           |
 * | `x`              | null  | `x`    | not meaningful (Tabellenfach gesperrt)      |
 * | `/`              | null  | `/`    | not reliable enough                         |
 * | `...` (or `…`)   | null  | `...`  | available later                             |
 * | `1.234p`, `12 r` | 1234  | `p`    | provisional / revised / estimated (p, r, s) |
 *
 * A symbol is kept as a status and never turned into a number; anything else that is not a number
 * is an error that says what was expected.
 */

/** The official status symbols kept with an observation. */
export type StatusSymbol = '-' | '.' | 'x' | '/' | '...' | 'p' | 'r' | 's'

export const STATUS_SYMBOLS: readonly StatusSymbol[] = ['-', '.', 'x', '/', '...', 'p', 'r', 's']

/** The decimal separator of a file: `,` for German numbers (`1.234,5`), `.` for English ones. */
export type DecimalSeparator = ',' | '.'

/** A parsed cell: a value with an optional status, an empty cell, or what was wrong with it. */
export type ParsedValue =
  | { kind: 'value'; value: number | null; status: StatusSymbol | null }
  | { kind: 'empty' }
  | { kind: 'error'; expected: string }

const ONLY_SYMBOL: Record<string, { value: number | null; status: StatusSymbol }> = {
  '-': { value: 0, status: '-' },
  '–': { value: 0, status: '-' },
  '.': { value: null, status: '.' },
  x: { value: null, status: 'x' },
  X: { value: null, status: 'x' },
  '/': { value: null, status: '/' },
  '...': { value: null, status: '...' },
  '…': { value: null, status: '...' },
}

// Spaces used as thousands separators: normal, no-break, narrow no-break, thin.
const GROUP_SPACES = /(?<=\d)[ \u00a0\u202f\u2009](?=\d)/g
const TRAILING_STATUS = /^(.*?\d)\s*([prs])$/
const NUMBER = {
  ',': /^([+-]?)((?:\d{1,3}(?:\.\d{3})+)|\d*)(?:,(\d+))?(?:[eE]([+-]?\d+))?$/,
  '.': /^([+-]?)((?:\d{1,3}(?:,\d{3})+)|\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/,
} as const

/** What a cell should look like, for error messages. */
export function expectedNumber(decimal: DecimalSeparator): string {
  return decimal === ','
    ? 'a number in German format (1234 or 1.234,5) or a status symbol (-, ., x, /, ..., or a number followed by p, r or s)'
    : 'a number in English format (1234 or 1,234.5) or a status symbol (-, ., x, /, ..., or a number followed by p, r or s)'
}

/**
 * Parses one cell of a statistics file.
 *
 * @example
 * parseValue('1.234,5', ',')  // { kind: 'value', value: 1234.5, status: null }
 * parseValue('1 234 p', ',')  // { kind: 'value', value: 1234, status: 'p' }
 * parseValue('.', ',')        // { kind: 'value', value: null, status: '.' }
 * parseValue('-', ',')        // { kind: 'value', value: 0, status: '-' }
 * parseValue('12.5', ',')     // { kind: 'error', expected: 'a number in German format …' }
 * parseValue(12.5, ',')       // { kind: 'value', value: 12.5, status: null } (a spreadsheet number)
 */
export function parseValue(cell: string | number, decimal: DecimalSeparator): ParsedValue {
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? { kind: 'value', value: cell, status: null }
      : { kind: 'error', expected: expectedNumber(decimal) }
  }
  const text = cell.trim()
  if (text === '') return { kind: 'empty' }
  const symbol = ONLY_SYMBOL[text]
  if (symbol) return { kind: 'value', ...symbol }
  let body = text.replace(GROUP_SPACES, '').replace('−', '-')
  let status: StatusSymbol | null = null
  const trailing = TRAILING_STATUS.exec(body)
  if (trailing) {
    body = trailing[1]!
    status = trailing[2] as StatusSymbol
  }
  const value = parseNumber(body, decimal)
  return value === null
    ? { kind: 'error', expected: expectedNumber(decimal) }
    : { kind: 'value', value, status }
}

/**
 * A plain number in the given format, or null. Thousands separators must group exactly three
 * digits, so `12.5` is not a German number and `1,5` is not an English one.
 *
 * @example parseNumber('1.234,5', ',') // 1234.5
 */
export function parseNumber(text: string, decimal: DecimalSeparator): number | null {
  const match = NUMBER[decimal].exec(text)
  if (!match) return null
  const [, sign, whole, fraction, exponent] = match
  if (whole === '' && fraction === undefined) return null
  const group = decimal === ',' ? /\./g : /,/g
  const canonical = `${sign}${whole!.replace(group, '') || '0'}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : `e${exponent}`}`
  const value = Number(canonical)
  return Number.isFinite(value) ? value : null
}

/** The outcome of looking at sample cells: the decimal separator, or null when they do not tell. */
export interface DecimalGuess {
  decimal: DecimalSeparator | null
  /** Cells that were clearly German, clearly English, and a clear example of the winner. */
  german: number
  english: number
  example: string | null
}

const CLEARLY_GERMAN = [
  /^[+-]?\d{1,3}(\.\d{3})+,\d+$/, // 1.234,5
  /^[+-]?\d{1,3}(\.\d{3}){2,}$/, // 1.234.567
  /^[+-]?\d*,(\d{1,2}|\d{4,})$/, // 12,5 or 0,1234 (a comma that cannot group thousands)
  /^[+-]?\d{4,},\d+$/, // 1234,567 (thousands would have been grouped)
]
const CLEARLY_ENGLISH = [
  /^[+-]?\d{1,3}(,\d{3})+\.\d+$/,
  /^[+-]?\d{1,3}(,\d{3}){2,}$/,
  /^[+-]?\d*\.(\d{1,2}|\d{4,})$/,
  /^[+-]?\d{4,}\.\d+$/,
]

/**
 * Decides the decimal separator of a file from sample cells. Ambiguous cells such as `1.234` or
 * `1,234` (a thousand, or one point two three four) do not vote; when no cell decides, the result is
 * null and callers use German, the default of German statistics.
 *
 * @example
 * detectDecimal(['1.234', '12,5']).decimal // ','
 * detectDecimal(['1,234.5']).decimal       // '.'
 * detectDecimal(['1.234', '17']).decimal   // null
 */
export function detectDecimal(samples: Iterable<string>): DecimalGuess {
  let german = 0
  let english = 0
  let germanExample: string | null = null
  let englishExample: string | null = null
  for (const sample of samples) {
    let text = sample.trim().replace(GROUP_SPACES, '')
    const trailing = TRAILING_STATUS.exec(text)
    if (trailing) text = trailing[1]!
    // A mix of both separators can only go one way: the last one is the decimal separator.
    const isGerman =
      CLEARLY_GERMAN.some((re) => re.test(text)) ||
      (/^[+-]?[\d.]+,\d+$/.test(text) && text.includes('.'))
    const isEnglish =
      CLEARLY_ENGLISH.some((re) => re.test(text)) ||
      (/^[+-]?[\d,]+\.\d+$/.test(text) && text.includes(','))
    if (isGerman && !isEnglish) {
      german++
      germanExample ??= sample.trim()
    } else if (isEnglish && !isGerman) {
      english++
      englishExample ??= sample.trim()
    }
  }
  if (german === english) return { decimal: null, german, english, example: null }
  return german > english
    ? { decimal: ',', german, english, example: germanExample }
    : { decimal: '.', german, english, example: englishExample }
}
