/**
 * Official area keys of German statistics.
 *
 * - AGS, Amtlicher Gemeindeschlüssel: Land (2 digits) + Regierungsbezirk (1) + Kreis (2) +
 *   Gemeinde (3) = 8 digits, e.g. `09564000` Nürnberg. Its prefixes are the keys of the levels
 *   above: `09` Bayern, `095` Mittelfranken, `09564` Kreisfreie Stadt Nürnberg (Kreisschlüssel).
 * - ARS, Amtlicher Regionalschlüssel: Land + Regierungsbezirk + Kreis + Gemeindeverband (4) +
 *   Gemeinde (3) = 12 digits, e.g. `095640000000`; `LLRKK` + `VVVV` + `GGG`.
 *
 * Spreadsheets often store keys as numbers and so drop the leading zero of the Länder 01–09:
 * `1001` is Flensburg's Kreisschlüssel `01001`. One missing leading zero is restored for the lengths
 * that cannot be anything else (AGS: 7, 4, 1 digits; ARS: 11, 4, 1 digits). Three-digit
 * Regierungsbezirk keys are accepted only as written (a number 31 could be Land or Bezirk).
 */

export type OfficialKeyKind = 'ags' | 'ars'

export type OfficialKeyLevel =
  'land' | 'regierungsbezirk' | 'kreis' | 'gemeindeverband' | 'gemeinde'

export type ParsedOfficialKey =
  { kind: 'key'; key: string; level: OfficialKeyLevel } | { kind: 'error'; expected: string }

export const EXPECTED_AGS =
  'an AGS: 8 digits (Gemeinde, e.g. 09564000), 5 (Kreis, e.g. 09564), 3 (Regierungsbezirk) or 2 (Land); a 12-digit ARS is converted'
export const EXPECTED_ARS =
  'an ARS: 12 digits (Gemeinde, e.g. 095640000000), 9 (Gemeindeverband), 5 (Kreis), 3 (Regierungsbezirk) or 2 (Land)'

const AGS_LEVELS: Record<number, OfficialKeyLevel> = {
  2: 'land',
  3: 'regierungsbezirk',
  5: 'kreis',
  8: 'gemeinde',
}
const ARS_LEVELS: Record<number, OfficialKeyLevel> = {
  2: 'land',
  3: 'regierungsbezirk',
  5: 'kreis',
  9: 'gemeindeverband',
  12: 'gemeinde',
}

function digitsOf(cell: string | number): string | null {
  if (typeof cell === 'number') {
    return Number.isSafeInteger(cell) && cell >= 0 ? String(cell) : null
  }
  const text = cell.trim()
  return /^\d+$/.test(text) ? text : null
}

/**
 * Normalises a cell to an AGS (or one of its prefixes).
 *
 * @example
 * parseAgs('09564000')     // { kind: 'key', key: '09564000', level: 'gemeinde' }
 * parseAgs(1001)           // { kind: 'key', key: '01001', level: 'kreis' }
 * parseAgs('095640000000') // { kind: 'key', key: '09564000', level: 'gemeinde' } (from an ARS)
 * parseAgs('DG')           // { kind: 'error', expected: 'an AGS: …' }
 */
export function parseAgs(cell: string | number): ParsedOfficialKey {
  let digits = digitsOf(cell)
  if (digits === null) return { kind: 'error', expected: EXPECTED_AGS }
  if (digits.length === 7 || digits.length === 4 || digits.length === 1) digits = `0${digits}`
  if (digits.length === 11) digits = `0${digits}`
  if (digits.length === 12) digits = arsToAgs(digits)
  const level = AGS_LEVELS[digits.length]
  return level ? { kind: 'key', key: digits, level } : { kind: 'error', expected: EXPECTED_AGS }
}

/**
 * Normalises a cell to an ARS (or one of its prefixes).
 *
 * @example
 * parseArs('95640000000') // { kind: 'key', key: '095640000000', level: 'gemeinde' }
 * parseArs('09564000')    // { kind: 'error', expected: 'an ARS: …' } (8 digits are an AGS)
 */
export function parseArs(cell: string | number): ParsedOfficialKey {
  let digits = digitsOf(cell)
  if (digits === null) return { kind: 'error', expected: EXPECTED_ARS }
  if (digits.length === 11 || digits.length === 4 || digits.length === 1) digits = `0${digits}`
  const level = ARS_LEVELS[digits.length]
  return level ? { kind: 'key', key: digits, level } : { kind: 'error', expected: EXPECTED_ARS }
}

/** The AGS of a 12-digit ARS: `LLRKK` + `GGG`, dropping the Gemeindeverband. */
export function arsToAgs(ars: string): string {
  return `${ars.slice(0, 5)}${ars.slice(9, 12)}`
}
