/**
 * Types of the monitoring API, shared with the web app (browser-safe: types only).
 */

/** One indicator value of one area and year with its derived figures (`GET …/values`). */
export interface ValueRow {
  indicator: string
  layer: string
  areaCode: string
  areaName: string
  parentCode: string | null
  period: number
  value: number | null
  numerator: number | null
  denominator: number | null
  change1: number | null
  change1Percent: number | null
  change3: number | null
  change3Percent: number | null
  change5: number | null
  change5Percent: number | null
  diffParent: number | null
  diffCity: number | null
  rank: number | null
  rankCount: number
  z: number | null
  /**
   * `ok`, `suppressed` (disclosure control, in the public view only; shown as the symbol "."), or
   * `missing` (no data).
   */
  status: 'ok' | 'suppressed' | 'missing'
}
