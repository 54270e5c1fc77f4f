/**
 * Local Moran's I (LISA, Anselin 1995) with analytic moments as spdep's `localmoran` (1.2-x
 * defaults: `mlvar = TRUE`; moments conditional on xᵢ after Sokal, Oden & Thomson 1998, or under
 * total randomisation as in Anselin 1995), seeded conditional-permutation pseudo p-values as
 * PySAL's `esda.Moran_Local`, and the usual cluster map classes. Pure and browser-safe.
 */
import { conditionalPermutation } from './conditionalPermutation.js'
import { checkAlternative, checkPermutations, normalPValue, type Alternative } from './inference.js'
import { centre } from './moran.js'
import { checkLength, type SpatialWeights } from './weights.js'

/** Moran scatterplot quadrant of an area: its own value and its neighbours' against the mean. */
export type LisaQuadrant = 'high-high' | 'low-low' | 'high-low' | 'low-high'

/** Cluster map class: the quadrant when significant, else `not-significant`; islands apart. */
export type LisaCluster = LisaQuadrant | 'not-significant' | 'neighbourless'

export interface LocalMoranOptions {
  /** Conditional permutations per area, default 999; 0 uses the analytic p-values only. */
  permutations?: number
  /** Seed of the permutations, default 1. */
  seed?: number
  /** Significance level for the cluster classes, default 0.05. */
  alpha?: number
  /** Default `two-sided` (spdep); permutation p-values are folded as in PySAL. */
  alternative?: Alternative
  /**
   * Moments of Ii: `conditional` (default, spdep ≥ 1.1: conditional on the observed xᵢ) or `total`
   * (total randomisation, Anselin 1995; spdep `conditional = FALSE`).
   */
  moments?: 'conditional' | 'total'
  /** Which p-value decides significance, default `permutation` when permutations > 0. */
  significance?: 'permutation' | 'analytic'
}

export interface LocalMoranResult {
  /** Ii = (zᵢ / m₂) Σⱼ wᵢⱼ zⱼ with m₂ = Σz² / n. */
  Ii: Float64Array
  expectation: Float64Array
  variance: Float64Array
  /** (Ii − E[Ii]) / √Var(Ii); NaN for islands. */
  z: Float64Array
  /** Normal p-value of z for the alternative. */
  p: Float64Array
  /** Conditional-permutation pseudo p-values, null without permutations. */
  pseudoP: Float64Array | null
  quadrant: LisaQuadrant[]
  cluster: LisaCluster[]
  alpha: number
  significance: 'permutation' | 'analytic'
  permutations: number
  seed: number
  islands: readonly number[]
}

/**
 * Local Moran's I for every area.
 *
 * @example
 * const lisa = localMoran(crime, transformWeights(queen, 'W'), { permutations: 999, seed: 7 })
 * lisa.cluster // ['high-high', 'not-significant', …]
 */
export function localMoran(
  x: ArrayLike<number>,
  w: SpatialWeights,
  options: LocalMoranOptions = {},
): LocalMoranResult {
  const where = 'localMoran'
  checkLength(w, x, where)
  const alternative = options.alternative ?? 'two-sided'
  checkAlternative(alternative, where)
  const permutations = options.permutations ?? 999
  checkPermutations(permutations, where)
  const seed = options.seed ?? 1
  const alpha = options.alpha ?? 0.05
  if (!(alpha > 0 && alpha < 1)) throw new Error(`${where}: alpha must be in (0, 1), got ${alpha}`)
  const moments = options.moments ?? 'conditional'
  if (moments !== 'conditional' && moments !== 'total') {
    throw new Error(`${where}: moments must be 'conditional' or 'total', got '${String(moments)}'`)
  }
  const significance = options.significance ?? (permutations > 0 ? 'permutation' : 'analytic')
  if (significance === 'permutation' && permutations === 0) {
    throw new Error(`${where}: significance 'permutation' needs permutations > 0`)
  }
  const n = w.n
  if (n < 3) throw new Error(`${where}: needs at least 3 areas, got ${n}`)
  const { z, zz } = centre(x)
  if (!(zz > 0)) throw new Error(`${where}: all values are equal, local Moran is undefined`)
  const m2 = zz / n
  let z4 = 0
  for (let i = 0; i < n; i++) z4 += z[i]! ** 4
  const b2 = z4 / n / (m2 * m2)

  const Ii = new Float64Array(n)
  const E = new Float64Array(n)
  const V = new Float64Array(n)
  const Z = new Float64Array(n)
  const P = new Float64Array(n)
  const quadrant: LisaQuadrant[] = []
  for (let i = 0; i < n; i++) {
    let lag = 0
    let Wi = 0
    let Wi2 = 0
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      const wij = w.weights[k]!
      lag += wij * z[w.neighbours[k]!]!
      Wi += wij
      Wi2 += wij * wij
    }
    const zi = z[i]!
    Ii[i] = (zi / m2) * lag
    if (moments === 'conditional') {
      E[i] = -(zi * zi * Wi) / ((n - 1) * m2)
      V[i] =
        (zi / m2) ** 2 * (n / (n - 2)) * (Wi2 - (Wi * Wi) / (n - 1)) * (m2 - (zi * zi) / (n - 1))
    } else {
      E[i] = -Wi / (n - 1)
      const A = (n - b2) / (n - 1)
      const B = (2 * b2 - n) / ((n - 1) * (n - 2))
      V[i] = A * Wi2 + B * (Wi * Wi - Wi2) - E[i]! ** 2
    }
    const isIsland = w.offsets[i + 1] === w.offsets[i]
    Z[i] = isIsland ? Number.NaN : (Ii[i]! - E[i]!) / Math.sqrt(V[i]!)
    P[i] = normalPValue(Z[i]!, alternative)
    // Quadrants by the signs of zᵢ and its lag, as GeoDa and PySAL (zero counts as low).
    quadrant.push(zi > 0 ? (lag > 0 ? 'high-high' : 'high-low') : lag > 0 ? 'low-high' : 'low-low')
  }

  let pseudoP: Float64Array | null = null
  if (permutations > 0) {
    pseudoP = conditionalPermutation(w, z, Ii, (i, lag) => (z[i]! / m2) * lag, {
      permutations,
      seed,
      alternative,
    }).pseudoP
  }
  const decisive = significance === 'permutation' ? pseudoP! : P
  const cluster: LisaCluster[] = quadrant.map((q, i) => {
    if (w.offsets[i + 1] === w.offsets[i]) return 'neighbourless'
    return decisive[i]! <= alpha ? q : 'not-significant'
  })
  return {
    Ii,
    expectation: E,
    variance: V,
    z: Z,
    p: P,
    pseudoP,
    quadrant,
    cluster,
    alpha,
    significance,
    permutations,
    seed,
    islands: w.islands,
  }
}
