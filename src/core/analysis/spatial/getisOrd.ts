/**
 * Local Getis-Ord statistics Gi and Gi* (Getis & Ord 1992; Ord & Getis 1995) as z-values, computed
 * as spdep's `localG` (for any weights) — identical to PySAL's `esda.G_Local` for binary weights —
 * with optional seeded conditional-permutation pseudo p-values. Pure and browser-safe.
 *
 * Gi* (`star: true`, the default) counts the area itself in its neighbourhood: the self weight is
 * the largest weight of the row (1 for binary weights) and row-standardised weights are
 * standardised again, so each of k neighbours and the area get 1 / (k + 1), as spdep's
 * `nb2listw(include.self(nb), style = "W")`. The z-value is unchanged by scaling a row, so binary
 * and row-standardised contiguity give the same z. (esda's G_Local with `transform = "R"` uses a
 * moment formula meant for binary weights and so reports different z-values for "R".)
 */
import { conditionalPermutation } from './conditionalPermutation.js'
import { checkAlternative, checkPermutations, normalPValue, type Alternative } from './inference.js'
import { checkLength, includeSelf, type SpatialWeights } from './weights.js'

export type HotSpotClass = 'hot-spot' | 'cold-spot' | 'not-significant' | 'neighbourless'

export interface LocalGOptions {
  /** Gi* (true, default) or Gi (false). */
  star?: boolean
  /** Conditional permutations per area, default 0 (analytic z only). */
  permutations?: number
  seed?: number
  /** Default `two-sided`. */
  alternative?: Alternative
  /** Significance level for the hot/cold spot classes, default 0.05. */
  alpha?: number
}

export interface LocalGResult {
  star: boolean
  /** The ratio statistic: Σⱼ wᵢⱼ xⱼ / Σⱼ xⱼ (Gi: sums without xᵢ). */
  G: Float64Array
  /** Standard deviates (spdep's localG values); NaN for areas without neighbours. */
  z: Float64Array
  /** Normal p-values of z for the alternative. */
  p: Float64Array
  pseudoP: Float64Array | null
  /** Significant positive z = hot spot, negative = cold spot (by pseudo p when permuted). */
  cluster: HotSpotClass[]
  alpha: number
  permutations: number
  seed: number
  islands: readonly number[]
}

/**
 * Getis-Ord Gi* (or Gi) for every area.
 *
 * @example
 * const g = localG(rates, queen) // Gi* with binary queen weights
 * g.z[0]
 */
export function localG(
  x: ArrayLike<number>,
  w: SpatialWeights,
  options: LocalGOptions = {},
): LocalGResult {
  const where = 'localG'
  checkLength(w, x, where)
  const star = options.star ?? true
  const alternative = options.alternative ?? 'two-sided'
  checkAlternative(alternative, where)
  const permutations = options.permutations ?? 0
  checkPermutations(permutations, where)
  const seed = options.seed ?? 1
  const alpha = options.alpha ?? 0.05
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${where}: alpha must be in (0, 1), got ${alpha}`)
  const n = w.n
  if (n < 3) throw new Error(`${where}: needs at least 3 areas, got ${n}`)
  for (let k = 0; k < w.weights.length; k++) {
    if (w.weights[k]! < 0)
      throw new Error(`${where}: weights must not be negative, got ${w.weights[k]}`)
  }

  const ws = star ? includeSelf(w) : w
  let sum = 0
  let sumSq = 0
  for (let i = 0; i < n; i++) {
    sum += x[i]!
    sumSq += x[i]! * x[i]!
  }
  const mean = sum / n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2

  const G = new Float64Array(n)
  const Z = new Float64Array(n)
  const P = new Float64Array(n)
  const lags = new Float64Array(n)
  const selfWeight = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let lag = 0
    let Wi = 0
    let S1i = 0
    for (let k = ws.offsets[i]!; k < ws.offsets[i + 1]!; k++) {
      const j = ws.neighbours[k]!
      const wij = ws.weights[k]!
      lag += wij * x[j]!
      Wi += wij
      S1i += wij * wij
      if (j === i) selfWeight[i] = wij
    }
    lags[i] = lag
    let xbar: number
    let s2: number
    let V: number
    if (star) {
      xbar = mean
      s2 = ss / n
      V = (s2 * (n * S1i - Wi * Wi)) / (n - 1)
      G[i] = lag / sum
    } else {
      xbar = (sum - x[i]!) / (n - 1)
      s2 = (sumSq - x[i]! * x[i]!) / (n - 1) - xbar * xbar
      V = (s2 * ((n - 1) * S1i - Wi * Wi)) / (n - 2)
      G[i] = lag / (sum - x[i]!)
    }
    const isIsland = w.offsets[i + 1] === w.offsets[i]
    Z[i] = isIsland ? Number.NaN : (lag - Wi * xbar) / Math.sqrt(V)
    P[i] = normalPValue(Z[i]!, alternative)
  }

  let pseudoP: Float64Array | null = null
  if (permutations > 0) {
    // Only the neighbours' values are drawn; the self term stays with xᵢ, as in esda's crand.
    pseudoP = conditionalPermutation(
      withoutSelf(ws),
      x,
      lags,
      (i, lag) => lag + selfWeight[i]! * x[i]!,
      { permutations, seed, alternative },
    ).pseudoP
  }
  const decisive = pseudoP ?? P
  const cluster: HotSpotClass[] = []
  for (let i = 0; i < n; i++) {
    if (w.offsets[i + 1] === w.offsets[i]) cluster.push('neighbourless')
    else if (decisive[i]! <= alpha) cluster.push(Z[i]! > 0 ? 'hot-spot' : 'cold-spot')
    else cluster.push('not-significant')
  }
  return {
    star,
    G,
    z: Z,
    p: P,
    pseudoP,
    cluster,
    alpha,
    permutations,
    seed,
    islands: w.islands,
  }
}

/** The weights without their diagonal entries (the neighbours' part of Gi* weights). */
function withoutSelf(w: SpatialWeights): SpatialWeights {
  const offsets = new Int32Array(w.n + 1)
  const neighbours: number[] = []
  const weights: number[] = []
  for (let i = 0; i < w.n; i++) {
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      if (w.neighbours[k] === i) continue
      neighbours.push(w.neighbours[k]!)
      weights.push(w.weights[k]!)
    }
    offsets[i + 1] = neighbours.length
  }
  return {
    n: w.n,
    offsets,
    neighbours: Int32Array.from(neighbours),
    weights: Float64Array.from(weights),
    style: w.style,
    islands: w.islands,
  }
}
