/**
 * Numbers, units and quotation marks for report text, in German (default) and British English.
 *
 * Typography, chosen to match what the app already shows (src/web/lib/format.ts formats through
 * `Intl.NumberFormat` with the locales `de-DE` and `en-GB`):
 *
 * - Grouping and decimals come from `Intl.NumberFormat`: `1.234,5` (de) and `1,234.5` (en).
 * - Negative numbers keep Intl's hyphen-minus (`-1,5`), as everywhere else in the app; Intl does not
 *   emit U+2212 for these locales and a report should not disagree with the atlas.
 * - Between a number and `%` or a unit stands a NO-BREAK SPACE (U+00A0), the space Intl itself puts
 *   before `%` in German, so a line never breaks inside „31,2 %“. U+202F (narrow no-break space)
 *   is typographically finer but missing from many office fonts. British English writes `31.2%`.
 * - Quotes: German „…“ (U+201E, U+201C), English “…” (U+201C, U+201D).
 *
 * Rounding: `roundTo` rounds like the formatter does (half away from zero on the exact binary
 * value), so a difference computed from rounded values always matches the numbers printed.
 */

/** The languages reports are written in. */
export type ReportLanguage = 'de' | 'en'

/** The default report language. */
export const DEFAULT_REPORT_LANGUAGE: ReportLanguage = 'de'

/** The locale used for numbers in each report language (the same as the web app's). */
export const REPORT_LOCALES: Record<ReportLanguage, string> = { de: 'de-DE', en: 'en-GB' }

/** NO-BREAK SPACE between a number and its unit or `%`. */
export const NBSP = '\u00a0'

const QUOTES: Record<ReportLanguage, readonly [string, string]> = {
  de: ['\u201e', '\u201c'],
  en: ['\u201c', '\u201d'],
}

const formats = new Map<string, Intl.NumberFormat>()

function numberFormat(language: ReportLanguage, digits: number): Intl.NumberFormat {
  const key = `${language}|${digits}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(REPORT_LOCALES[language], {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    formats.set(key, format)
  }
  return format
}

/**
 * Rounds to `digits` fraction digits exactly as the formatter prints; never returns -0.
 *
 * @example roundTo(2.25, 1) // 2.3
 * @example roundTo(-0.04, 1) // 0
 */
export function roundTo(value: number, digits: number): number {
  // toFixed works on the exact binary value and rounds ties away from zero, like Intl's halfExpand.
  const rounded = Number(value.toFixed(digits))
  return rounded === 0 ? 0 : rounded
}

/**
 * A number with exactly `digits` fraction digits and the locale's grouping.
 *
 * @example formatNumber(1234.56, 1, 'de') // '1.234,6'
 * @example formatNumber(1234.56, 1, 'en') // '1,234.6'
 * @example formatNumber(-0.04, 1, 'de')   // '0,0' (no negative zero)
 */
export function formatNumber(
  value: number,
  digits: number,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`formatNumber: expected a finite number, got ${String(value)}.`)
  }
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`formatNumber: expected 0–20 fraction digits, got ${String(digits)}.`)
  }
  return numberFormat(language, digits).format(roundTo(value, digits))
}

// German units in the catalogue and their English forms; other units are shown as given.
const UNIT_EN: Record<string, string> = {
  Personen: 'persons',
  'Personen je Haushalt': 'persons per household',
  'Personen je Wohnung': 'persons per dwelling',
  'je 1.000 Einw.': 'per 1,000 residents',
  'je 100 Einw. 20–64 J.': 'per 100 residents aged 20–64',
  'je 1.000 Frauen 15–44 J.': 'per 1,000 women aged 15–44',
  'je 100 Haushalte': 'per 100 households',
  'm² je Einw.': 'm² per resident',
  'm² je Wohnung': 'm² per dwelling',
  Euro: 'euros',
  Jahre: 'years',
}

// Singular forms for a value of exactly 1 ("1 Person", not "1 Personen").
const UNIT_SINGULAR: Record<string, string> = {
  Personen: 'Person',
  persons: 'person',
  Jahre: 'Jahr',
  years: 'year',
  euros: 'euro',
}

/**
 * The unit in the report language: English units come from `unitEn` or a small table of the
 * catalogue's German units; unknown ones are shown as given.
 *
 * @example unitLabel('je 1.000 Einw.', 'en') // 'per 1,000 residents'
 */
export function unitLabel(unit: string, language: ReportLanguage, unitEn?: string): string {
  if (language === 'de') return unit
  return unitEn ?? UNIT_EN[unit] ?? unit
}

/**
 * A number followed by its unit, joined by a no-break space (`%` directly in English).
 *
 * @example formatWithUnit(31.24, 1, '%', 'de')       // '31,2 %' (U+00A0 before %)
 * @example formatWithUnit(31.24, 1, '%', 'en')       // '31.2%'
 * @example formatWithUnit(1234, 0, 'Personen', 'de') // '1.234 Personen'
 * @example formatWithUnit(1, 0, 'Personen', 'de')    // '1 Person'
 */
export function formatWithUnit(
  value: number,
  digits: number,
  unit: string,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
  unitEn?: string,
): string {
  const number = formatNumber(value, digits, language)
  const label = unitLabel(unit, language, unitEn)
  if (label === '') return number
  if (label === '%') return language === 'en' ? `${number}%` : `${number}${NBSP}%`
  const singular = number === '1' ? UNIT_SINGULAR[label] : undefined
  return `${number}${NBSP}${singular ?? label}`
}

/**
 * Text in the quotation marks of the language.
 *
 * @example quote('Nordstadt', 'de') // '„Nordstadt“'
 * @example quote('Nordstadt', 'en') // '“Nordstadt”'
 */
export function quote(text: string, language: ReportLanguage = DEFAULT_REPORT_LANGUAGE): string {
  const [open, close] = QUOTES[language]
  return `${open}${text}${close}`
}

/**
 * The first letter in upper case, for a phrase that starts a sentence.
 *
 * @example capitalise('im Sozialraum Nordstadt') // 'Im Sozialraum Nordstadt'
 */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
