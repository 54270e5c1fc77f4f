/**
 * Geary's C with its moments under normality and randomisation (Cliff & Ord 1981, p. 21) and a
 * seeded permutation test, computed as spdep's `geary.test` / `geary.mc`. Pure and browser-safe.
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
import { centre, type AnalyticTest, type GlobalTestOptions, type PermutationTest } from './moran.js'
import { checkLength, weightsConstants, type SpatialWeights } from './weights.js'

export interface GearyResult {
  C: number
  /** E[C] = 1 */
  expectation: number
  /** z = (1 − C) / √Var(C): positive for positive spatial autocorrelation (spdep ≥ 0.4-35). */
  normality: AnalyticTest
  randomisation: AnalyticTest
  permutation: PermutationTest | null
  /** `greater` = positive autocorrelation, i.e. C smaller than expected. */
  alternative: Alternative
  n: number
  S0: number
  S1: number
  S2: number
  kurtosis: number
  islands: readonly number[]
}

/** Σᵢ Σⱼ wᵢⱼ (xᵢ − xⱼ)² */
function squaredDifferences(w: SpatialWeights, x: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < w.n; i++) {
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      s += w.weights[k]! * (x[i]! - x[w.neighbours[k]!]!) ** 2
    }
  }
  return s
}

/** Reverses the direction for C: small C is positive autocorrelation. */
function flip(alternative: Alternative): Alternative {
  return alternative === 'greater' ? 'less' : alternative === 'less' ? 'greater' : alternative
}

/**
 * Geary's C test.
 *
 * @example
 * gearyTest(crime, transformWeights(queen, 'W')).randomisation.z
 */
export function gearyTest(
  x: ArrayLike<number>,
  w: SpatialWeights,
  options: GlobalTestOptions = {},
): GearyResult {
  const where = 'gearyTest'
  checkLength(w, x, where)
  const alternative = options.alternative ?? 'greater'
  checkAlternative(alternative, where)
  const permutations = options.permutations ?? 0
  checkPermutations(permutations, where)
  const seed = options.seed ?? 1
  const { n, S0, S1, S2 } = weightsConstants(w, options.adjustN ?? true)
  if (n < 4) throw new Error(`${where}: needs at least 4 areas with neighbours, got ${n}`)
  const { z, zz } = centre(x)
  if (!(zz > 0)) throw new Error(`${where}: all values are equal, Geary's C is undefined`)
  if (!(S0 > 0)) throw new Error(`${where}: the weights have no links (S0 = 0)`)

  const C = ((n - 1) / (2 * S0)) * (squaredDifferences(w, z) / zz)
  let z4 = 0
  for (let i = 0; i < z.length; i++) z4 += z[i]! ** 4
  // spdep's geary() takes the kurtosis with the (adjusted) n of the weights.
  const K = (n * z4) / (zz * zz)
  const nn = n * n
  const n1 = n - 1
  const S02 = S0 * S0
  const vNorm = ((2 * S1 + S2) * n1 - 4 * S02) / (2 * (n + 1) * S02)
  const vRand =
    (n1 * S1 * (nn - 3 * n + 3 - K * n1) -
      0.25 * n1 * S2 * (nn + 3 * n - 6 - K * (nn - n + 2)) +
      S02 * (nn - 3 - K * n1 * n1)) /
    (n * (n - 2) * (n - 3) * S02)
  const test = (v: number): AnalyticTest => {
    const zScore = (1 - C) / Math.sqrt(v)
    return { variance: v, z: zScore, p: normalPValue(zScore, alternative) }
  }

  let permutation: PermutationTest | null = null
  if (permutations > 0) {
    const rng = createRandom(seed)
    const zp = Float64Array.from(z)
    const sims = new Float64Array(permutations)
    for (let r = 0; r < permutations; r++) {
      shuffleInPlace(zp, rng)
      sims[r] = ((n - 1) / (2 * S0)) * (squaredDifferences(w, zp) / zz)
    }
    const { mean, variance } = simulationMoments(sims)
    permutation = {
      permutations,
      seed,
      pseudoP: pseudoPValue(C, sims, flip(alternative)),
      mean,
      variance,
      z: (mean - C) / Math.sqrt(variance),
    }
  }
  return {
    C,
    expectation: 1,
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
