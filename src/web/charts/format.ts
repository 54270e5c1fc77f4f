/**
 * Number formatting shared by the charts: axis ticks and table cells in the UI language, with the
 * official symbols for values that cannot be shown.
 */
import type { Formatter } from '../lib/format.js'

/** Why a value is absent: disclosure control (`.`) or no data (`–`). */
export type ValueStatus = 'ok' | 'suppressed' | 'missing'

/** The symbol of German statistics for a suppressed value. */
export const SUPPRESSED_SYMBOL = '.'
/** The symbol used for "no data". */
export const MISSING_SYMBOL = '–'

/**
 * A value with `decimals` fraction digits, or the symbol of its status.
 *
 * @example formatValue(createFormatter('de'), 1234.5, 1) // '1.234,5'
 * @example formatValue(createFormatter('de'), null, 1, 'suppressed') // '.'
 */
export function formatValue(
  format: Formatter,
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
 */
export function tickFormatter(locale: string, decimals: number): (value: number) => string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: Math.max(0, decimals) })
  return (value) => number.format(value)
}
