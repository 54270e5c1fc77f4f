/**
 * Global Moran's I with its moments under normality and randomisation (Cliff & Ord 1981, pp. 21,
 * 46) and a seeded permutation test, computed as spdep's `moran.test` / `moran.mc` and PySAL's
 * `esda.Moran`. Pure and browser-safe.
 */
import { createRandom } from '../../random.js'
import {
  checkAlternative,
  checkPermutations,
  normalPValue,
  pseudoPValue,
  shuffleInPlace,
  simulationMoments,
  type Alternative,
} from './inference.js'
import { checkLength, weightsConstants, type SpatialWeights } from './weights.js'

export interface GlobalTestOptions {
  /** Default `greater` (positive spatial autocorrelation), like spdep. */
  alternative?: Alternative
  /** Number of random permutations for the pseudo p-value; 0 (default) skips them. */
  permutations?: number
  /** Seed of the permutations (src/core/random.ts), default 1. */
  seed?: number
  /**
   * Count only areas with neighbours in n (spdep's `adjust.n`, default true). The mean of x still
   * uses every area.
   */
  adjustN?: boolean
}

/** Moments and test of one null hypothesis. */
export interface AnalyticTest {
  variance: number
  /** Standard deviate (statistic − expectation) / √variance (for Geary: (1 − C) / √variance). */
  z: number
  p: number
}

/** Result of a permutation test. */
export interface PermutationTest {
  permutations: number
  seed: number
  /** (M + 1) / (R + 1). */
  pseudoP: number
  /** Mean and variance of the simulated statistics, and the observed value standardised by them. */
  mean: number
  variance: number
  z: number
}

export interface MoranResult {
  I: number
  /** E[I] = −1 / (n − 1) */
  expectation: number
  normality: AnalyticTest
  randomisation: AnalyticTest
  permutation: PermutationTest | null
  alternative: Alternative
  /** n used in the moments (areas with neighbours when adjustN) and the weights constants. */
  n: number
  S0: number
  S1: number
  S2: number
  /** Sample kurtosis n Σz⁴ / (Σz²)² of x. */
  kurtosis: number
  islands: readonly number[]
}

/** Deviations from the mean and their sum of squares. */
export function centre(x: ArrayLike<number>): { z: Float64Array; zz: number } {
  let s = 0
  for (let i = 0; i < x.length; i++) s += x[i]!
  const mean = s / x.length
  const z = new Float64Array(x.length)
  let zz = 0
  for (let i = 0; i < x.length; i++) {
    z[i] = x[i]! - mean
    zz += z[i]! * z[i]!
  }
  return { z, zz }
}

/** Σᵢ zᵢ Σⱼ wᵢⱼ zⱼ */
function crossProduct(w: SpatialWeights, z: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < w.n; i++) {
    let lag = 0
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++)
      lag += w.weights[k]! * z[w.neighbours[k]!]!
    s += z[i]! * lag
  }
  return s
}

/**
 * Global Moran's I test.
 *
 * @example
 * const r = moranTest(crime, transformWeights(queen, 'W'), { permutations: 999, seed: 42 })
 * r.I; r.randomisation.z; r.permutation?.pseudoP
 */
export function moranTest(
  x: ArrayLike<number>,
  w: SpatialWeights,
  options: GlobalTestOptions = {},
): MoranResult {
  const where = 'moranTest'
  checkLength(w, x, where)
  const alternative = options.alternative ?? 'greater'
  checkAlternative(alternative, where)
  const permutations = options.permutations ?? 0
  checkPermutations(permutations, where)
  const seed = options.seed ?? 1
  const { n, S0, S1, S2 } = weightsConstants(w, options.adjustN ?? true)
  if (n < 4) throw new Error(`${where}: needs at least 4 areas with neighbours, got ${n}`)
  const { z, zz } = centre(x)
  if (!(zz > 0)) throw new Error(`${where}: all values are equal, Moran's I is undefined`)
  if (!(S0 > 0)) throw new Error(`${where}: the weights have no links (S0 = 0)`)

  const I = (n / S0) * (crossProduct(w, z) / zz)
  let z4 = 0
  for (let i = 0; i < z.length; i++) z4 += z[i]! ** 4
  const K = (z.length * z4) / (zz * zz)
  const EI = -1 / (n - 1)
  const nn = n * n
  const S02 = S0 * S0
  // Cliff & Ord (1981), p. 21; spdep moran.test. VI is the second crude moment minus EI².
  const vNorm = (nn * S1 - n * S2 + 3 * S02) / (S02 * (nn - 1)) - EI * EI
  const vRand =
    (n * (S1 * (nn - 3 * n + 3) - n * S2 + 3 * S02) - K * (S1 * (nn - n) - 2 * n * S2 + 6 * S02)) /
      ((n - 1) * (n - 2) * (n - 3) * S02) -
    EI * EI
  const test = (v: number): AnalyticTest => {
    const zScore = (I - EI) / Math.sqrt(v)
    return { variance: v, z: zScore, p: normalPValue(zScore, alternative) }
  }

  let permutation: PermutationTest | null = null
  if (permutations > 0) {
    const rng = createRandom(seed)
    const zp = Float64Array.from(z)
    const sims = new Float64Array(permutations)
    for (let r = 0; r < permutations; r++) {
      shuffleInPlace(zp, rng)
      sims[r] = (n / S0) * (crossProduct(w, zp) / zz)
    }
    const { mean, variance } = simulationMoments(sims)
    permutation = {
      permutations,
      seed,
      pseudoP: pseudoPValue(I, sims, alternative),
      mean,
      variance,
      z: (I - mean) / Math.sqrt(variance),
    }
  }
  return {
    I,
    expectation: EI,
    normality: test(vNorm),
    randomisation: test(vRand),
    permutation,
    alternative,
    n,
    S0,
    S1,
    S2,
    kurtosis: K,
    islands: w.islands,
  }
}
