/**
 * Applying a crosswalk: counts observed on old boundaries redistributed onto new ones. A weight
 * says which share of an old area's count goes to a new area; the weights of each old area sum
 * to 1, so the total is preserved.
 *
 * Only counts (residents, cases, places) may be redistributed. Rates and shares are recomputed
 * from redistributed numerators and denominators afterwards — redistributing a rate is wrong:
 * 10 % of 1,000 and 50 % of 10 residents merged are 10.4 %, not 30 % or 10 % + 50 %.
 * Redistributed counts are fractional (33.3 residents); rounding is a question of presentation.
 */

/** Share `weight` (0–1] of the count of area `from` belongs to area `to`. */
export interface CrosswalkWeight<K extends string | number = string | number> {
  from: K
  to: K
  weight: number
}

/** How far the weights of one old area may miss a sum of 1 (floating point). */
export const WEIGHT_SUM_TOLERANCE = 1e-9

/**
 * The old areas whose weights do not sum to 1 (within 1e-9), or that carry a weight outside
 * (0, 1]; an empty list when the crosswalk is sound.
 *
 * @example
 * checkCrosswalk([{ from: 'A', to: 'X', weight: 0.5 }]) // [{ from: 'A', sum: 0.5 }]
 */
export function checkCrosswalk<K extends string | number>(
  weights: readonly CrosswalkWeight<K>[],
): { from: K; sum: number }[] {
  const sums = new Map<K, number>()
  const bad = new Set<K>()
  for (const w of weights) {
    if (!(w.weight > 0 && w.weight <= 1)) bad.add(w.from)
    sums.set(w.from, (sums.get(w.from) ?? 0) + w.weight)
  }
  const out: { from: K; sum: number }[] = []
  for (const [from, sum] of sums) {
    if (bad.has(from) || Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) out.push({ from, sum })
  }
  return out
}

/**
 * Redistributes counts: each new area receives Σ weight × count of the old areas that map onto
 * it. An old area without a count (missing, null or NaN) makes every new area it feeds unknown
 * (NaN) — a partial sum would look complete. A count for an area the crosswalk does not know is
 * an error: it would silently vanish from the total.
 *
 * @example
 * // Sozialraum A split into A1 (60 %) and A2 (40 %), B unchanged.
 * applyCrosswalk(
 *   [{ from: 'A', to: 'A1', weight: 0.6 }, { from: 'A', to: 'A2', weight: 0.4 }, { from: 'B', to: 'B', weight: 1 }],
 *   new Map([['A', 1000], ['B', 250]]),
 * ) // Map { 'A1' => 600, 'A2' => 400, 'B' => 250 }
 */
export function applyCrosswalk<K extends string | number>(
  weights: readonly CrosswalkWeight<K>[],
  values: ReadonlyMap<K, number | null>,
): Map<K, number> {
  const known = new Set<K>()
  for (const w of weights) known.add(w.from)
  for (const key of values.keys()) {
    if (!known.has(key)) {
      throw new Error(
        `applyCrosswalk: the count of area ${String(key)} has no crosswalk weight; expected weights for every area with a count (it would be lost from the total).`,
      )
    }
  }
  const out = new Map<K, number>()
  for (const w of weights) {
    const value = values.get(w.from)
    const add =
      value === undefined || value === null || Number.isNaN(value) ? NaN : value * w.weight
    out.set(w.to, (out.get(w.to) ?? 0) + add)
  }
  return out
}
