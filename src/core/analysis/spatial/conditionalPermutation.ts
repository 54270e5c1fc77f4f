/**
 * Conditional permutation for local statistics (Anselin 1995): the value of area i stays in place
 * and its k neighbours' values are replaced by k values drawn without replacement from the other
 * n − 1 areas. Shared by local Moran and Getis-Ord. Pure and browser-safe.
 */
import { createRandom } from '../../random.js'
import { pseudoPValue, type Alternative } from './inference.js'
import type { SpatialWeights } from './weights.js'

export interface ConditionalPermutationResult {
  /** Pseudo p-value per area (NaN for islands). */
  pseudoP: Float64Array
  /** Mean of the simulated statistics per area. */
  mean: Float64Array
  /** Standard deviation of the simulated statistics per area. */
  sd: Float64Array
}

/**
 * Runs `permutations` conditional permutations per area. `statistic(i, lag)` turns the randomised
 * weighted sum Σₜ wᵢₜ v[drawₜ] into the statistic compared with `observed[i]`. One seeded stream
 * serves all areas in order, so results depend only on the seed and the data.
 */
export function conditionalPermutation(
  w: SpatialWeights,
  values: ArrayLike<number>,
  observed: ArrayLike<number>,
  statistic: (i: number, lag: number) => number,
  options: { permutations: number; seed: number; alternative: Alternative },
): ConditionalPermutationResult {
  const { n } = w
  const R = options.permutations
  const rng = createRandom(options.seed)
  const pseudoP = new Float64Array(n).fill(Number.NaN)
  const mean = new Float64Array(n).fill(Number.NaN)
  const sd = new Float64Array(n).fill(Number.NaN)
  // pool[0 … n − 2] holds every index but i (i is swapped to the last slot); pos tracks places.
  const pool = new Int32Array(n)
  const pos = new Int32Array(n)
  for (let j = 0; j < n; j++) pool[j] = pos[j] = j
  const sims = new Float64Array(R)
  const swap = (a: number, b: number) => {
    const va = pool[a]!
    const vb = pool[b]!
    pool[a] = vb
    pool[b] = va
    pos[vb] = a
    pos[va] = b
  }
  for (let i = 0; i < n; i++) {
    const a = w.offsets[i]!
    const k = w.offsets[i + 1]! - a
    if (k === 0) continue
    if (k > n - 1)
      throw new Error(`conditionalPermutation: area ${i} has more neighbours than areas`)
    swap(pos[i]!, n - 1)
    for (let r = 0; r < R; r++) {
      let lag = 0
      // Partial Fisher–Yates: the first k slots become a uniform random k-subset of the others.
      for (let t = 0; t < k; t++) {
        const j = t + Math.floor(rng.next() * (n - 1 - t))
        swap(t, j)
        lag += w.weights[a + t]! * values[pool[t]!]!
      }
      sims[r] = statistic(i, lag)
    }
    let s = 0
    for (let r = 0; r < R; r++) s += sims[r]!
    const m = s / R
    let v = 0
    for (let r = 0; r < R; r++) v += (sims[r]! - m) ** 2
    mean[i] = m
    sd[i] = Math.sqrt(v / R)
    pseudoP[i] = pseudoPValue(observed[i]!, sims, options.alternative)
  }
  return { pseudoP, mean, sd }
}
