/**
 * Number formatting for the UI through Intl.NumberFormat: German format (`1.234,5`) in the German UI,
 * British English (`1,234.5`) in the English one. Pure; cached formatters per language.
 */
import { LOCALES, type Language } from '../i18n/index.js'

export interface Formatter {
  /** BCP 47 locale, e.g. 'de-DE'. */
  locale: string
  /** @example createFormatter('de').integer(12345.6) // '12.346' */
  integer(value: number): string
  /** Fixed number of fraction digits. @example createFormatter('de').decimal(1.5, 2) // '1,50' */
  decimal(value: number, fractionDigits: number): string
  /** A change ratio as signed percent. @example createFormatter('de').signedPercent(0.012) // '+1,2 %' */
  signedPercent(ratio: number): string
  /** A class range. @example createFormatter('de').range(1000, 2500.5, 0) // '1.000 – 2.501' */
  range(lower: number, upper: number, fractionDigits: number): string
  /** Locale-aware string comparison with numeric collation ('2' before '10'). */
  compare(a: string, b: string): number
}

const cache = new Map<Language, Formatter>()

/** The formatter for a UI language (memoised: Intl objects are costly to create). */
export function createFormatter(language: Language): Formatter {
  const cached = cache.get(language)
  if (cached) return cached
  const locale = LOCALES[language]
  const decimals = new Map<number, Intl.NumberFormat>()
  const decimalFormat = (digits: number): Intl.NumberFormat => {
    let format = decimals.get(digits)
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
      decimals.set(digits, format)
    }
    return format
  }
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  })
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' })
  const formatter: Formatter = {
    locale,
    integer: (value) => decimalFormat(0).format(value),
    decimal: (value, digits) => decimalFormat(digits).format(value),
    signedPercent: (ratio) => percent.format(ratio),
    range: (lower, upper, digits) =>
      `${decimalFormat(digits).format(lower)} – ${decimalFormat(digits).format(upper)}`,
    compare: (a, b) => collator.compare(a, b),
  }
  cache.set(language, formatter)
  return formatter
}

/** Fraction digits for a population density: one below 10 residents per km², none above. */
export function densityDigits(value: number): number {
  return Math.abs(value) < 10 ? 1 : 0
}
