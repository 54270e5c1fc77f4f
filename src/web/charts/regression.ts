/**
 * Ordinary least squares of y on x, for the regression line of the scatter chart. Pure.
 */

export interface LinearFit {
  /** y at x = 0. */
  intercept: number
  /** Change in y per unit of x. */
  slope: number
  /** Number of complete pairs used. */
  n: number
}

/**
 * Fits `y = intercept + slope · x` over the pairs where both values are finite (R's
 * `lm(y ~ x)`). Null when there are fewer than two pairs or x is constant.
 *
 * @example linearFit([1, 2, 3], [2, 4, 6]) // { intercept: 0, slope: 2, n: 3 }
 */
export function linearFit(
  x: readonly (number | null)[],
  y: readonly (number | null)[],
): LinearFit | null {
  if (x.length !== y.length) {
    throw new Error(`linearFit: expected x and y of equal length, got ${x.length} and ${y.length}`)
  }
  const xs: number[] = []
  const ys: number[] = []
  for (let i = 0; i < x.length; i++) {
    const a = x[i]
    const b = y[i]
    if (
      typeof a === 'number' &&
      typeof b === 'number' &&
      Number.isFinite(a) &&
      Number.isFinite(b)
    ) {
      xs.push(a)
      ys.push(b)
    }
  }
  const n = xs.length
  if (n < 2) return null
  const mx = xs.reduce((s, v) => s + v, 0) / n
  const my = ys.reduce((s, v) => s + v, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx
    sxy += dx * (ys[i]! - my)
    sxx += dx * dx
  }
  if (sxx === 0) return null
  const slope = sxy / sxx
  return { intercept: my - slope * mx, slope, n }
}
