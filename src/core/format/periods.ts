/**
 * Reference periods of observations. Planraum observes years: a file may write the year (`2024`),
 * a reference date (`31.12.2024`, `2024-12-31`, as GENESIS does for Stichtag statistics) or a
 * spreadsheet number (2024). Months and quarters are not periods of their own.
 */

/** A parsed period, or what was wrong with it. */
export type ParsedPeriod = { kind: 'year'; year: number } | { kind: 'error'; expected: string }

export const EXPECTED_PERIOD = 'a year like 2024 or a reference date like 31.12.2024 or 2024-12-31'

const YEAR = /^(\d{4})$/
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/

/**
 * The year a cell names.
 *
 * @example
 * parsePeriod('2024')       // { kind: 'year', year: 2024 }
 * parsePeriod('31.12.2018') // { kind: 'year', year: 2018 }
 * parsePeriod('2018-12-31') // { kind: 'year', year: 2018 }
 * parsePeriod('2018/19')    // { kind: 'error', expected: 'a year like 2024 …' }
 */
export function parsePeriod(cell: string | number): ParsedPeriod {
  if (typeof cell === 'number') {
    return Number.isInteger(cell) && cell >= 1000 && cell <= 9999
      ? { kind: 'year', year: cell }
      : { kind: 'error', expected: EXPECTED_PERIOD }
  }
  const text = cell.trim()
  let match = YEAR.exec(text)
  if (match) return { kind: 'year', year: Number(match[1]) }
  match = GERMAN_DATE.exec(text)
  if (match && validDate(Number(match[3]), Number(match[2]), Number(match[1]))) {
    return { kind: 'year', year: Number(match[3]) }
  }
  match = ISO_DATE.exec(text)
  if (match && validDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return { kind: 'year', year: Number(match[1]) }
  }
  return { kind: 'error', expected: EXPECTED_PERIOD }
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The default range of acceptable periods: 1900 to next year (forecasts aside, data are past). */
export function defaultPeriodRange(now: Date = new Date()): { min: number; max: number } {
  return { min: 1900, max: now.getFullYear() + 1 }
}
