/**
 * Number formatting shared by the charts: axis ticks and table cells in the UI or report language,
 * with the official symbols for values that cannot be shown.
 */

/** Why a value is absent: disclosure control (`.`) or no data (`–`). */
export type ValueStatus = 'ok' | 'suppressed' | 'missing'

/** The symbol of German statistics for a suppressed value. */
export const SUPPRESSED_SYMBOL = '.'
/** The symbol used for "no data". */
export const MISSING_SYMBOL = '–'

/** Words drawn inside the charts, in German and English (the web dictionaries take theirs from here). */
export const CHART_LABELS = {
  de: { period: 'Jahr', male: 'Männer', female: 'Frauen', persons: 'Personen' },
  en: { period: 'Year', male: 'Men', female: 'Women', persons: 'Persons' },
} as const

/**
 * What the charts need of a number formatter. The web app's `createFormatter` (web/lib/format.ts)
 * is one; reports build one from core/report/format.ts (modules/reports/figures.ts).
 */
export interface ChartFormat {
  /** BCP 47 locale, e.g. 'de-DE'. */
  locale: string
  /** Whole number with grouping. */
  integer(value: number): string
  /** Fixed number of fraction digits. */
  decimal(value: number, fractionDigits: number): string
  /** Locale-aware string comparison (ties in rankings). */
  compare(a: string, b: string): number
}

/**
 * A value with `decimals` fraction digits, or the symbol of its status.
 *
 * @example formatValue(createFormatter('de'), 1234.5, 1) // '1.234,5'
 * @example formatValue(createFormatter('de'), null, 1, 'suppressed') // '.'
 */
export function formatValue(
  format: Pick<ChartFormat, 'decimal'>,
  value: number | null | undefined,
  decimals: number,
  status?: ValueStatus,
): string {
  if (status === 'suppressed') return SUPPRESSED_SYMBOL
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_SYMBOL
  return format.decimal(value, decimals)
}

/**
 * A tick formatter for an axis: at most `decimals` fraction digits, grouping in the locale
 * (ticks are round numbers, so trailing zeros are dropped).
 *
 * @example tickFormatter('de-DE', 1)(1234.5) // '1.234,5'
 */
export function tickFormatter(locale: string, decimals: number): (value: number) => string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: Math.max(0, decimals) })
  return (value) => number.format(value)
}
