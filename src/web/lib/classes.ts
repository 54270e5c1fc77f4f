/**
 * Class breaks for choropleth maps. Pure functions over plain number arrays; NaN and ±Infinity
 * are "no value" and take no part in the breaks.
 */

/**
 * The p-quantile of ascending-sorted values with linear interpolation between order statistics
 * (Hyndman & Fan 1996, type 7 — the default of R and d3.quantile).
 *
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  if (p <= 0) return sorted[0]!
  if (p >= 1) return sorted[n - 1]!
  const h = (n - 1) * p
  const lower = Math.floor(h)
  const below = sorted[lower]!
  const above = sorted[lower + 1] ?? below
  return below + (h - lower) * (above - below)
}

/**
 * Quantile class breaks: ascending `[min, q(1/k), …, q((k-1)/k), max]` for `k` classes holding
 * about the same number of values. Equal neighbouring breaks collapse, so ties or few distinct
 * values give fewer classes (one class when all values are equal; none without values).
 *
 * @example quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5) // ≈ [1, 2.8, 4.6, 6.4, 8.2, 10]
 */
export function quantileBreaks(values: readonly number[], k: number): number[] {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`The number of classes must be a whole number of at least 1, got ${k}.`)
  }
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return []
  const breaks: number[] = []
  for (let i = 0; i <= k; i++) {
    const value = quantileSorted(sorted, i / k)
    if (breaks.length === 0 || value > breaks[breaks.length - 1]!) breaks.push(value)
  }
  // All values equal: one class [v, v].
  if (breaks.length === 1) breaks.push(breaks[0]!)
  return breaks
}

/**
 * The class of `value` for `breaks` from quantileBreaks: classes are [b0, b1], (b1, b2], …,
 * (b(k-1), bk] — a value on a boundary belongs to the lower class. Values outside the range are
 * clamped to the first or last class; -1 means "no value" (NaN, ±Infinity or no breaks).
 *
 * @example classify(4.6, [1, 2.8, 4.6, 6.4, 8.2, 10]) // 1
 */
export function classify(value: number, breaks: readonly number[]): number {
  const classes = breaks.length - 1
  if (!Number.isFinite(value) || classes < 1) return -1
  for (let i = 1; i < classes; i++) {
    if (value <= breaks[i]!) return i - 1
  }
  return classes - 1
}

/** How many values fall in each class (values without a class are not counted). */
export function classCounts(values: readonly number[], breaks: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, breaks.length - 1)).fill(0)
  for (const value of values) {
    const index = classify(value, breaks)
    if (index >= 0) counts[index]! += 1
  }
  return counts
}
