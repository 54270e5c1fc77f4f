/** Number texts of the analysis page, built on the UI's locale formatter. */
import type { Formatter } from '../lib/format.js'

/**
 * A p-value: three decimals, or "< 0,001" below that (a smaller p is not more meaningful and the
 * permutation test cannot resolve it).
 *
 * @example formatP(createFormatter('de'), 0.0004) // '< 0,001'
 */
export function formatP(format: Formatter, p: number): string {
  if (p < 0.001) return `< ${format.decimal(0.001, 3)}`
  return format.decimal(p, 3)
}

/**
 * A statistic with a sign and a fixed number of decimals, with a true minus sign.
 *
 * @example formatSigned(createFormatter('de'), -1.5, 2) // '−1,50'
 */
export function formatSigned(format: Formatter, value: number, digits: number): string {
  const text = format.decimal(value, digits)
  return text.replace(/^-/, '−')
}
