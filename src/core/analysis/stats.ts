/**
 * Descriptive statistics shared by classification, typologies and the analysis module. Pure and
 * browser-safe.
 *
 * Missing values: every function skips values that are not finite numbers (NaN, ±Infinity), the way
 * R does with `na.rm = TRUE`, because indicator columns routinely hold suppressed or undefined cells.
 * Functions return NaN when too few usable values remain instead of throwing, so a table of
 * indicators can be summarised without special cases.
 */

/** Options of the weighted moments. */
export interface MomentOptions {
  /**
   * Divide by n − 1 (sample) instead of n (population). Default: `true` without weights (like R's
   * `var`/`sd`), `false` with weights. With weights and `sample: true`, the weights are read as
   * frequency weights and the divisor is Σw − 1.
   */
  sample?: boolean
  /**
   * Non-negative weights, one per value (e.g. residents per area, to standardise per person rather
   * than per area). Pairs where the value or the weight is not finite are skipped.
   */
  weights?: readonly number[]
}

/** Pairs of usable values and weights (weight 1 when none are given). */
function usable(
  values: readonly number[],
  weights: readonly number[] | undefined,
  where: string,
): { xs: number[]; ws: number[] } {
  if (weights !== undefined && weights.length !== values.length) {
    throw new Error(
      `${where}: expected one weight per value (${values.length}), got ${weights.length} weights`,
    )
  }
  const xs: number[] = []
  const ws: number[] = []
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!
    const w = weights === undefined ? 1 : weights[i]!
    if (!Number.isFinite(x) || !Number.isFinite(w)) continue
    if (w < 0) throw new Error(`${where}: weights must not be negative, got ${w} at index ${i}`)
    xs.push(x)
    ws.push(w)
  }
  return { xs, ws }
}

/** The finite values of `values`, in their order. */
export function finiteValues(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v))
}

/** Number of finite values. */
export function count(values: readonly number[]): number {
  let n = 0
  for (const v of values) if (Number.isFinite(v)) n++
  return n
}

/** Sum of the finite values (0 for none). */
export function sum(values: readonly number[]): number {
  // Neumaier's compensated summation: sums of ~10,000 area values keep full precision.
  let s = 0
  let c = 0
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    const t = s + v
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s
    s = t
  }
  return s + c
}

/**
 * Arithmetic mean of the finite values, optionally weighted; NaN when none (or all weights are 0).
 *
 * @example mean([1, 2, NaN, 3]) // 2
 * @example mean([1, 3], { weights: [3, 1] }) // 1.5
 */
export function mean(
  values: readonly number[],
  options: { weights?: readonly number[] } = {},
): number {
  if (options.weights === undefined) return unweightedMean(values)
  const { xs, ws } = usable(values, options.weights, 'mean')
  return weightedMean(xs, ws)
}

/** weightedMean with every weight 1, the same arithmetic without copying the values. */
function unweightedMean(values: readonly number[]): number {
  let n = 0
  let m = 0
  for (const x of values) {
    if (!Number.isFinite(x)) continue
    n++
    m += x
  }
  if (n === 0) return NaN
  m /= n
  let corr = 0
  for (const x of values) if (Number.isFinite(x)) corr += x - m
  return m + corr / n
}

function weightedMean(xs: readonly number[], ws: readonly number[]): number {
  let sw = 0
  for (const w of ws) sw += w
  if (xs.length === 0 || sw === 0) return NaN
  // Two passes: the correction term removes most rounding error of the first pass.
  let m = 0
  for (let i = 0; i < xs.length; i++) m += ws[i]! * xs[i]!
  m /= sw
  let corr = 0
  for (let i = 0; i < xs.length; i++) corr += ws[i]! * (xs[i]! - m)
  return m + corr / sw
}

/**
 * Variance of the finite values (two-pass, numerically stable). Sample variance (n − 1) by default,
 * like R's `var`; see {@link MomentOptions} for weights. NaN when the divisor is not positive.
 *
 * @example variance([2, 4, 4, 4, 5, 5, 7, 9]) // 4.571428… (sample)
 * @example variance([2, 4, 4, 4, 5, 5, 7, 9], { sample: false }) // 4
 */
export function variance(values: readonly number[], options: MomentOptions = {}): number {
  const { xs, ws } = usable(values, options.weights, 'variance')
  return weightedVariance(xs, ws, options.sample ?? options.weights === undefined)
}

function weightedVariance(xs: readonly number[], ws: readonly number[], sample: boolean): number {
  const m = weightedMean(xs, ws)
  if (Number.isNaN(m)) return NaN
  let sw = 0
  let ss = 0
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m
    sw += ws[i]!
    ss += ws[i]! * d * d
  }
  const divisor = sample ? sw - 1 : sw
  return divisor > 0 ? ss / divisor : NaN
}

/**
 * Standard deviation: the square root of {@link variance} with the same options.
 *
 * @example standardDeviation([2, 4, 4, 4, 5, 5, 7, 9], { sample: false }) // 2
 */
export function standardDeviation(values: readonly number[], options: MomentOptions = {}): number {
  return Math.sqrt(variance(values, options))
}

/**
 * z-scores (x − mean) / SD, one per input value and NaN where the value (or its weight) is not
 * usable. Without weights: sample SD, like R's `scale()`. With weights (e.g. population): weighted
 * mean and weighted population SD, so that the weighted mean of the result is 0 and its weighted
 * variance 1. All values NaN when the SD is 0 or undefined, because no direction can be read then.
 *
 * @example zScores([1, 2, 3]) // [-1, 0, 1]
 */
export function zScores(values: readonly number[], options: MomentOptions = {}): number[] {
  const { xs, ws } = usable(values, options.weights, 'zScores')
  const m = weightedMean(xs, ws)
  const sd = Math.sqrt(weightedVariance(xs, ws, options.sample ?? options.weights === undefined))
  const ok = Number.isFinite(sd) && sd > 0
  return values.map((x, i) => {
    const w = options.weights === undefined ? 1 : options.weights[i]!
    return ok && Number.isFinite(x) && Number.isFinite(w) ? (x - m) / sd : NaN
  })
}

/** Result of {@link pearson}. */
export interface Correlation {
  /** Pearson's product-moment correlation coefficient, NaN when undefined. */
  r: number
  /** Number of complete pairs used. */
  n: number
}

/**
 * Pearson correlation over the pairs where both values are finite (R's
 * `cor(x, y, use = "complete.obs")`). r is NaN for fewer than 2 pairs or a constant variable.
 *
 * @example pearson([1, 2, 3, NaN], [2, 4, 7, 1]) // { r: 0.9933…, n: 3 }
 */
export function pearson(x: readonly number[], y: readonly number[]): Correlation {
  if (x.length !== y.length) {
    throw new Error(`pearson: expected x and y of equal length, got ${x.length} and ${y.length}`)
  }
  const xs: number[] = []
  const ys: number[] = []
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      xs.push(x[i]!)
      ys.push(y[i]!)
    }
  }
  const n = xs.length
  if (n < 2) return { r: NaN, n }
  const mx = mean(xs)
  const my = mean(ys)
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx
    const dy = ys[i]! - my
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  if (sxx === 0 || syy === 0) return { r: NaN, n }
  // Clamp: rounding can push |r| a hair above 1 for perfectly collinear data.
  return { r: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), n }
}

/** The finite values sorted ascending (a fresh array). */
export function sortedFinite(values: readonly number[]): number[] {
  return finiteValues(values).sort((a, b) => a - b)
}

/**
 * The p-quantile of already sorted finite values by R's default definition (Hyndman & Fan 1996
 * type 7): linear interpolation between order statistics at position h = (n − 1)·p. NaN when empty.
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile: expected p in [0, 1], got ${p}`)
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  const a = sorted[lo]!
  const b = sorted[hi]!
  // Written as a + (h − lo)(b − a) like R, so that equal neighbours give exactly that value.
  return a + (h - lo) * (b - a)
}

/**
 * Quantiles of the finite values (R `quantile(x, p, type = 7)`).
 *
 * @example quantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantile(values: readonly number[], p: number): number {
  return quantileSorted(sortedFinite(values), p)
}

/**
 * Several quantiles at once, sorting only once.
 *
 * @example quantiles([1, 2, 3, 4, 5], [0, 0.25, 0.5, 1]) // [1, 2, 3, 5]
 */
export function quantiles(values: readonly number[], ps: readonly number[]): number[] {
  const sorted = sortedFinite(values)
  return ps.map((p) => quantileSorted(sorted, p))
}

/** Median of the finite values (NaN when none). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/** Smallest and largest finite value; [NaN, NaN] when none. */
export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN]
}
