/**
 * Sparse spatial weights: who neighbours whom, and with which weight. Every spatial statistic in
 * this folder reads this one representation, so contiguity, k-nearest-neighbour and distance-band
 * weights are interchangeable. Pure and browser-safe.
 *
 * The layout is compressed sparse rows (CSR), as in spdep's `listw` or PySAL's `W.sparse`: the
 * neighbours of area `i` are `neighbours[offsets[i] … offsets[i + 1] − 1]` (ascending indices), with
 * the weights at the same positions. Areas without neighbours ("islands") have an empty row and are
 * listed in `islands`.
 */

/**
 * Weighting style (spdep's names): `B` binary (1 per neighbour), `W` row-standardised (each row sums
 * to 1), `custom` anything else (e.g. inverse distances).
 */
export type WeightsStyle = 'B' | 'W' | 'custom'

/** Spatial weights in compressed sparse rows. */
export interface SpatialWeights {
  /** Number of areas. */
  readonly n: number
  /** Row starts, length `n + 1`. */
  readonly offsets: Int32Array
  /** Neighbour indices, ascending within each row; never the row's own index. */
  readonly neighbours: Int32Array
  /** One weight per neighbour entry. */
  readonly weights: Float64Array
  readonly style: WeightsStyle
  /** Indices of areas without neighbours, ascending. */
  readonly islands: readonly number[]
}

/** Counts that describe a weights object (like spdep's `summary.nb`). */
export interface WeightsSummary {
  n: number
  /** Directed links: each neighbour relation counted from both sides when symmetric. */
  links: number
  minNeighbours: number
  maxNeighbours: number
  meanNeighbours: number
  islands: number[]
  symmetric: boolean
}

/** The weights constants of Cliff & Ord (1981) used by the global tests. */
export interface WeightsConstants {
  /** Number of areas, reduced by the islands when `adjustN` (spdep's `adjust.n = TRUE`). */
  n: number
  /** Σᵢ Σⱼ wᵢⱼ */
  S0: number
  /** ½ Σᵢ Σⱼ (wᵢⱼ + wⱼᵢ)² */
  S1: number
  /** Σᵢ (wᵢ. + w.ᵢ)² */
  S2: number
}

function islandsOf(offsets: Int32Array): number[] {
  const out: number[] = []
  for (let i = 0; i + 1 < offsets.length; i++) if (offsets[i + 1] === offsets[i]) out.push(i)
  return out
}

/**
 * Builds weights from neighbour lists (0-based indices). Lists are sorted and de-duplicated; a
 * self-reference or an index out of range is an error. Without `weights`, every link weighs 1.
 *
 * @example
 * weightsFromNeighbours([[1], [0, 2], [1]]).islands // []
 */
export function weightsFromNeighbours(
  lists: readonly (readonly number[])[],
  options: { weights?: readonly (readonly number[])[]; style?: WeightsStyle } = {},
): SpatialWeights {
  const n = lists.length
  if (options.weights && options.weights.length !== n) {
    throw new Error(
      `weightsFromNeighbours: expected one weight list per area (${n}), got ${options.weights.length}`,
    )
  }
  const offsets = new Int32Array(n + 1)
  const rows: { j: number; w: number }[][] = []
  for (let i = 0; i < n; i++) {
    const list = lists[i]!
    const ws = options.weights?.[i]
    if (ws && ws.length !== list.length) {
      throw new Error(
        `weightsFromNeighbours: area ${i} has ${list.length} neighbours but ${ws.length} weights`,
      )
    }
    const seen = new Map<number, number>()
    list.forEach((j, k) => {
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new Error(
          `weightsFromNeighbours: area ${i} lists neighbour ${j}, expected an index 0…${n - 1}`,
        )
      }
      if (j === i) throw new Error(`weightsFromNeighbours: area ${i} lists itself as neighbour`)
      const w = ws ? ws[k]! : 1
      if (!Number.isFinite(w)) {
        throw new Error(`weightsFromNeighbours: weight ${i}→${j} is ${w}, expected a finite number`)
      }
      seen.set(j, w)
    })
    const row = [...seen].map(([j, w]) => ({ j, w })).sort((a, b) => a.j - b.j)
    rows.push(row)
    offsets[i + 1] = offsets[i]! + row.length
  }
  const neighbours = new Int32Array(offsets[n]!)
  const weights = new Float64Array(offsets[n]!)
  rows.forEach((row, i) => {
    row.forEach(({ j, w }, k) => {
      neighbours[offsets[i]! + k] = j
      weights[offsets[i]! + k] = w
    })
  })
  return {
    n,
    offsets,
    neighbours,
    weights,
    style: options.style ?? (options.weights ? 'custom' : 'B'),
    islands: islandsOf(offsets),
  }
}

/** Builds binary weights from undirected pairs `[i, j]` (each pair links both ways). */
export function weightsFromPairs(n: number, pairs: Iterable<readonly [number, number]>) {
  const lists: number[][] = Array.from({ length: n }, () => [])
  for (const [i, j] of pairs) {
    lists[i]!.push(j)
    lists[j]!.push(i)
  }
  return weightsFromNeighbours(lists)
}

/** The neighbour lists (0-based) of a weights object. */
export function neighbourLists(w: SpatialWeights): number[][] {
  const out: number[][] = []
  for (let i = 0; i < w.n; i++)
    out.push(Array.from(w.neighbours.subarray(w.offsets[i], w.offsets[i + 1])))
  return out
}

/**
 * Changes the weighting style: `B` sets every link to 1, `W` divides each row by its sum (rows of
 * islands stay empty). Returns a new object; the neighbour structure is shared.
 *
 * @example
 * transformWeights(queen, 'W') // row-standardised
 */
export function transformWeights(w: SpatialWeights, style: 'B' | 'W'): SpatialWeights {
  const weights = new Float64Array(w.weights.length)
  for (let i = 0; i < w.n; i++) {
    const a = w.offsets[i]!
    const b = w.offsets[i + 1]!
    let rowSum = 0
    for (let k = a; k < b; k++) rowSum += style === 'B' ? 1 : w.weights[k]!
    for (let k = a; k < b; k++) {
      if (style === 'B') weights[k] = 1
      else {
        if (!(rowSum > 0)) {
          throw new Error(`transformWeights: row ${i} sums to ${rowSum}, cannot row-standardise`)
        }
        weights[k] = w.weights[k]! / rowSum
      }
    }
  }
  return { ...w, weights, style }
}

/**
 * Adds every area to its own neighbourhood (for Getis-Ord Gi* and local empirical Bayes). The self
 * weight defaults to the largest weight in the row (1 for binary weights), as PySAL does; a
 * row-standardised input is standardised again, so each of k neighbours and the area itself get
 * 1 / (k + 1), like spdep's `nb2listw(include.self(nb), style = "W")`. Islands get weight 1.
 */
export function includeSelf(w: SpatialWeights, selfWeight?: number): SpatialWeights {
  const offsets = new Int32Array(w.n + 1)
  for (let i = 0; i < w.n; i++) offsets[i + 1] = w.offsets[i + 1]! + i + 1
  const neighbours = new Int32Array(offsets[w.n]!)
  const weights = new Float64Array(offsets[w.n]!)
  for (let i = 0; i < w.n; i++) {
    const a = w.offsets[i]!
    const b = w.offsets[i + 1]!
    let max = 0
    for (let k = a; k < b; k++) max = Math.max(max, w.weights[k]!)
    const self = selfWeight ?? (b > a ? max : 1)
    let out = offsets[i]!
    let placed = false
    for (let k = a; k <= b; k++) {
      const j = k < b ? w.neighbours[k]! : Number.POSITIVE_INFINITY
      if (!placed && j > i) {
        neighbours[out] = i
        weights[out++] = self
        placed = true
      }
      if (k < b) {
        neighbours[out] = j
        weights[out++] = w.weights[k]!
      }
    }
  }
  const withSelf: SpatialWeights = {
    n: w.n,
    offsets,
    neighbours,
    weights,
    style: w.style,
    islands: [],
  }
  return w.style === 'W' ? transformWeights(withSelf, 'W') : withSelf
}

/** Σⱼ wᵢⱼ xⱼ for every area (0 for islands): the spatial lag. */
export function spatialLag(w: SpatialWeights, x: ArrayLike<number>): Float64Array {
  checkLength(w, x, 'spatialLag')
  const out = new Float64Array(w.n)
  for (let i = 0; i < w.n; i++) {
    let s = 0
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++)
      s += w.weights[k]! * x[w.neighbours[k]!]!
    out[i] = s
  }
  return out
}

/** Row sums Σⱼ wᵢⱼ. */
export function rowSums(w: SpatialWeights): Float64Array {
  const out = new Float64Array(w.n)
  for (let i = 0; i < w.n; i++) {
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) out[i]! += w.weights[k]!
  }
  return out
}

/** The weight wᵢⱼ (0 when j is not a neighbour of i), by binary search in row i. */
export function weightOf(w: SpatialWeights, i: number, j: number): number {
  let lo = w.offsets[i]!
  let hi = w.offsets[i + 1]! - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = w.neighbours[mid]!
    if (v === j) return w.weights[mid]!
    if (v < j) lo = mid + 1
    else hi = mid - 1
  }
  return 0
}

/** True when every link i→j has a link j→i (weights may differ). */
export function isSymmetric(w: SpatialWeights): boolean {
  for (let i = 0; i < w.n; i++) {
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      const j = w.neighbours[k]!
      let found = false
      for (let m = w.offsets[j]!; m < w.offsets[j + 1]!; m++) {
        if (w.neighbours[m] === i) {
          found = true
          break
        }
      }
      if (!found) return false
    }
  }
  return true
}

/** Link counts, neighbour range and islands. */
export function summariseWeights(w: SpatialWeights): WeightsSummary {
  let min = Number.POSITIVE_INFINITY
  let max = 0
  for (let i = 0; i < w.n; i++) {
    const c = w.offsets[i + 1]! - w.offsets[i]!
    min = Math.min(min, c)
    max = Math.max(max, c)
  }
  return {
    n: w.n,
    links: w.neighbours.length,
    minNeighbours: w.n === 0 ? 0 : min,
    maxNeighbours: max,
    meanNeighbours: w.n === 0 ? 0 : w.neighbours.length / w.n,
    islands: [...w.islands],
    symmetric: isSymmetric(w),
  }
}

/**
 * S0, S1, S2 of Cliff & Ord (1981, p. 19), as spdep's `spweights.constants`. With `adjustN`
 * (default, like spdep) n counts only areas that have neighbours.
 */
export function weightsConstants(w: SpatialWeights, adjustN = true): WeightsConstants {
  const rs = new Float64Array(w.n)
  const cs = new Float64Array(w.n)
  let S0 = 0
  let S1 = 0
  for (let i = 0; i < w.n; i++) {
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      const j = w.neighbours[k]!
      const wij = w.weights[k]!
      const wji = weightOf(w, j, i)
      S0 += wij
      rs[i]! += wij
      cs[j]! += wij
      // Each ordered pair contributes wij² + wij·wji; summed over both orders this is ½Σ(wij+wji)².
      S1 += wij * wij + wij * wji
    }
  }
  let S2 = 0
  for (let i = 0; i < w.n; i++) S2 += (rs[i]! + cs[i]!) ** 2
  return { n: adjustN ? w.n - w.islands.length : w.n, S0, S1, S2 }
}

/** Throws unless `x` has one finite value per area. */
export function checkLength(w: SpatialWeights, x: ArrayLike<number>, where: string): void {
  if (x.length !== w.n) {
    throw new Error(`${where}: expected one value per area (${w.n}), got ${x.length} values`)
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new Error(`${where}: value ${i} is ${x[i]}, expected a finite number`)
    }
  }
}
