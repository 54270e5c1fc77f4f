/**
 * Shared pieces of inference for the spatial statistics: normal tail probabilities, permutation
 * pseudo p-values and a seeded in-place shuffle. Pure and browser-safe.
 */
import type { Random } from '../../random.js'

/**
 * Which deviation counts as evidence. For Moran's I, Getis-Ord and local Moran `greater` means
 * positive spatial autocorrelation / hot spots; for Geary's C `greater` means positive spatial
 * autocorrelation too (a C *below* its expectation), matching spdep's `geary.test`.
 */
export type Alternative = 'greater' | 'less' | 'two-sided'

export const ALTERNATIVES: readonly Alternative[] = ['greater', 'less', 'two-sided']

/**
 * Lower tail Φ(x) of the standard normal distribution. For |x| < 3: Hart (1968) algorithm 5666 as
 * given by West (2005), "Better approximations to cumulative normal functions" (relative error
 * about 1e-15 there); beyond, Laplace's continued fraction for Mills' ratio, evaluated backwards,
 * which keeps the relative error of tiny tail probabilities near 1e-14 (p-values like 1e-9 stay
 * exact to the digits tools print).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  const a = Math.abs(x)
  let c: number
  if (a > 38) c = 0
  else if (a < 3) {
    const e = Math.exp((-a * a) / 2)
    let num = 3.52624965998911e-2 * a + 0.700383064443688
    num = num * a + 6.37396220353165
    num = num * a + 33.912866078383
    num = num * a + 112.079291497871
    num = num * a + 221.213596169931
    num = num * a + 220.206867912376
    let den = 8.83883476483184e-2 * a + 1.75566716318264
    den = den * a + 16.064177579207
    den = den * a + 86.7807322029461
    den = den * a + 296.564248779674
    den = den * a + 637.333633378831
    den = den * a + 793.826512519948
    den = den * a + 440.413735824752
    c = (e * num) / den
  } else {
    // Φ(−a) = φ(a) / (a + 1/(a + 2/(a + 3/(a + …)))).
    let t = a
    for (let k = 300; k >= 1; k--) t = a + k / t
    c = Math.exp((-a * a) / 2) / Math.sqrt(2 * Math.PI) / t
  }
  return x > 0 ? 1 - c : c
}

/** p-value of a standard normal deviate z for the alternative. */
export function normalPValue(z: number, alternative: Alternative): number {
  if (!Number.isFinite(z)) return Number.NaN
  if (alternative === 'greater') return normalCdf(-z)
  if (alternative === 'less') return normalCdf(z)
  return 2 * normalCdf(-Math.abs(z))
}

/**
 * Pseudo p-value (M + 1) / (R + 1) of Hope (1968), as PySAL/esda and spdep's moran.mc: M counts the
 * simulated values at least as extreme as the observed one. `two-sided` folds: M is the smaller of
 * the counts above and below (PySAL's `p_sim`), so it is a one-sided p-value in the direction of the
 * observed deviation.
 */
export function pseudoPValue(
  observed: number,
  simulated: ArrayLike<number>,
  alternative: Alternative,
): number {
  const R = simulated.length
  let above = 0
  let below = 0
  for (let r = 0; r < R; r++) {
    if (simulated[r]! >= observed) above++
    if (simulated[r]! <= observed) below++
  }
  let m: number
  if (alternative === 'greater') m = above
  else if (alternative === 'less') m = below
  else m = Math.min(above, R - above)
  return (m + 1) / (R + 1)
}

/** Mean and (population) variance of the simulated values. */
export function simulationMoments(values: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0
  for (let r = 0; r < values.length; r++) s += values[r]!
  const mean = s / values.length
  let v = 0
  for (let r = 0; r < values.length; r++) v += (values[r]! - mean) ** 2
  return { mean, variance: v / values.length }
}

/** Fisher–Yates shuffle in place with the seeded stream. */
export function shuffleInPlace(values: Float64Array | Int32Array, rng: Random): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1))
    const t = values[i]!
    values[i] = values[j]!
    values[j] = t
  }
}

/** Validates a permutation count: 0 (none) or a positive integer up to a million. */
export function checkPermutations(permutations: number, where: string): void {
  if (!Number.isInteger(permutations) || permutations < 0 || permutations > 1_000_000) {
    throw new Error(
      `${where}: permutations must be an integer from 0 to 1000000, got ${permutations}`,
    )
  }
}

/** Validates the alternative hypothesis. */
export function checkAlternative(
  alternative: string,
  where: string,
): asserts alternative is Alternative {
  if (!ALTERNATIVES.includes(alternative as Alternative)) {
    throw new Error(
      `${where}: alternative must be one of ${ALTERNATIVES.join(', ')}, got '${alternative}'`,
    )
  }
}
