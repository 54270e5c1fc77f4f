/**
 * Area typologies: grouping areas with similar indicator profiles (k-means, Ward's hierarchical
 * clustering), judging a grouping (silhouette) and describing the groups (profiles). Pure and
 * browser-safe.
 *
 * Data are rows of numbers, one row per area and one column per indicator, all finite. Indicators
 * on different scales should be standardised first (e.g. `zScores` from ./stats.js), because
 * every method here uses Euclidean distances.
 */

import { createRandom, type Random } from '../random.js'
import { mean, standardDeviation } from './stats.js'

/** Rows of finite numbers, one row per item (area), one column per variable (indicator). */
export type DataMatrix = readonly (readonly number[])[]

/** Checks shape and values once, so that the algorithms can trust their input. */
function checkData(data: DataMatrix, where: string): number {
  if (data.length === 0) throw new Error(`${where}: expected at least one row of data, got none`)
  const p = data[0]!.length
  if (p === 0) throw new Error(`${where}: expected at least one variable, row 0 is empty`)
  data.forEach((row, i) => {
    if (row.length !== p) {
      throw new Error(`${where}: expected ${p} values in every row, row ${i} has ${row.length}`)
    }
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) {
        throw new Error(`${where}: expected finite numbers, row ${i} column ${j} is ${v}`)
      }
    })
  })
  return p
}

function checkAssignments(assignments: readonly number[], n: number, where: string): number {
  if (assignments.length !== n) {
    throw new Error(`${where}: expected ${n} assignments (one per row), got ${assignments.length}`)
  }
  let k = 0
  assignments.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 0) {
      throw new Error(`${where}: expected cluster numbers 0, 1, …, got ${c} at row ${i}`)
    }
    k = Math.max(k, c + 1)
  })
  return k
}

function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0
  for (let j = 0; j < a.length; j++) {
    const d = a[j]! - b[j]!
    s += d * d
  }
  return s
}

/** Column means of the given rows. */
function centroid(data: DataMatrix, rows: readonly number[], p: number): number[] {
  const c = new Array<number>(p).fill(0)
  for (const i of rows) for (let j = 0; j < p; j++) c[j]! += data[i]![j]!
  return c.map((s) => s / rows.length)
}

/**
 * Renumbers clusters by first appearance (the cluster of row 0 becomes 0, …), like R's `cutree`,
 * so that equal partitions always get equal labels.
 */
function relabel(assignments: readonly number[]): { labels: number[]; order: number[] } {
  const map = new Map<number, number>()
  const order: number[] = []
  const labels = assignments.map((c) => {
    let l = map.get(c)
    if (l === undefined) {
      l = map.size
      map.set(c, l)
      order.push(c)
    }
    return l
  })
  return { labels, order }
}

// ---------------------------------------------------------------------------------------------
// k-means

export interface KMeansOptions {
  /** Independent starts; the best (lowest total within SS) wins. Default 10. */
  nstart?: number
  /** Iteration limit per start. Default 100. */
  maxIterations?: number
  /** Seed of the random stream for the k-means++ starts. Default 1. */
  seed?: number
}

export interface KMeansResult {
  /** Cluster of each row, 0 … k − 1, numbered by first appearance in the rows. */
  assignments: number[]
  /** Mean of each cluster, one row per cluster. */
  centers: number[][]
  /** Rows per cluster. */
  sizes: number[]
  /** Sum of squared distances to the centre, per cluster (R `withinss`). */
  withinSS: number[]
  /** Sum of `withinSS` (R `tot.withinss`). */
  totalWithinSS: number
  /** Sum of squared distances to the overall mean (R `totss`). */
  totalSS: number
  /** totalSS − totalWithinSS (R `betweenss`). */
  betweenSS: number
  /** Iterations of the best start. */
  iterations: number
  /** False when the best start hit `maxIterations` before assignments settled. */
  converged: boolean
}

/**
 * k-means (Lloyd's algorithm) from k-means++ starts (Arthur & Vassilvitskii 2007), the best of
 * `nstart` runs. Reproducible for a given seed. R's `kmeans` uses Hartigan–Wong updates instead;
 * both are local searches, so results can differ where R is stuck in a worse local optimum.
 *
 * @example kmeans([[1], [2], [10], [11]], 2).assignments // [0, 0, 1, 1]
 */
export function kmeans(data: DataMatrix, k: number, options: KMeansOptions = {}): KMeansResult {
  const p = checkData(data, 'kmeans')
  const distinct = new Set(data.map((row) => row.join(','))).size
  if (!Number.isInteger(k) || k < 1 || k > distinct) {
    throw new Error(
      `kmeans: expected a whole number of clusters from 1 to ${distinct} (distinct rows), got ${k}`,
    )
  }
  const nstart = options.nstart ?? 10
  const maxIterations = options.maxIterations ?? 100
  if (!Number.isInteger(nstart) || nstart < 1) {
    throw new Error(`kmeans: expected nstart ≥ 1, got ${nstart}`)
  }
  const rng = createRandom(options.seed ?? 1)
  let best: LloydRun | undefined
  for (let s = 0; s < nstart; s++) {
    const run = lloyd(data, p, seedCenters(data, k, rng), maxIterations)
    if (best === undefined || run.cost < best.cost) best = run
  }
  return summariseKMeans(data, p, best!)
}

/** k-means++: each further centre is a row drawn with probability ∝ squared distance. */
function seedCenters(data: DataMatrix, k: number, rng: Random): number[][] {
  const centers = [[...data[rng.int(0, data.length - 1)]!]]
  const d2 = data.map((row) => squaredDistance(row, centers[0]!))
  while (centers.length < k) {
    const next = [...data[rng.weightedIndex(d2)]!]
    centers.push(next)
    data.forEach((row, i) => (d2[i] = Math.min(d2[i]!, squaredDistance(row, next))))
  }
  return centers
}

interface LloydRun {
  assignments: number[]
  cost: number
  iterations: number
  converged: boolean
}

function lloyd(data: DataMatrix, p: number, start: number[][], maxIterations: number): LloydRun {
  let centers = start
  const assignments = new Array<number>(data.length).fill(-1)
  let iterations = 0
  let converged = false
  while (iterations < maxIterations) {
    iterations++
    let changed = false
    data.forEach((row, i) => {
      const c = nearest(row, centers)
      if (c !== assignments[i]) {
        assignments[i] = c
        changed = true
      }
    })
    if (!changed) {
      converged = true
      break
    }
    centers = updateCenters(data, p, assignments, centers)
  }
  let cost = 0
  data.forEach((row, i) => (cost += squaredDistance(row, centers[assignments[i]!]!)))
  return { assignments, cost, iterations, converged }
}

function nearest(row: readonly number[], centers: readonly (readonly number[])[]): number {
  let best = 0
  let bestD = Infinity
  for (let c = 0; c < centers.length; c++) {
    const d = squaredDistance(row, centers[c]!)
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  return best
}

/**
 * New centres as cluster means. An emptied cluster takes the row farthest from its own centre,
 * so k clusters survive (the usual repair; R's Lloyd variant stops with an error instead).
 */
function updateCenters(
  data: DataMatrix,
  p: number,
  assignments: number[],
  old: readonly number[][],
): number[][] {
  const members: number[][] = old.map(() => [])
  assignments.forEach((c, i) => members[c]!.push(i))
  const centers = members.map((rows, c) => (rows.length > 0 ? centroid(data, rows, p) : old[c]!))
  members.forEach((rows, c) => {
    if (rows.length > 0) return
    let far = -1
    let farD = -1
    assignments.forEach((a, i) => {
      const d = members[a]!.length > 1 ? squaredDistance(data[i]!, centers[a]!) : -1
      if (d > farD) {
        farD = d
        far = i
      }
    })
    if (far < 0) return
    members[assignments[far]!] = members[assignments[far]!]!.filter((i) => i !== far)
    assignments[far] = c
    members[c] = [far]
    centers[c] = [...data[far]!]
  })
  return centers
}

function summariseKMeans(data: DataMatrix, p: number, run: LloydRun): KMeansResult {
  const { labels } = relabel(run.assignments)
  const k = Math.max(...labels) + 1
  const members: number[][] = Array.from({ length: k }, () => [])
  labels.forEach((c, i) => members[c]!.push(i))
  const centers = members.map((rows) => centroid(data, rows, p))
  const withinSS = members.map((rows, c) =>
    rows.reduce((s, i) => s + squaredDistance(data[i]!, centers[c]!), 0),
  )
  const all = centroid(
    data,
    data.map((_, i) => i),
    p,
  )
  const totalSS = data.reduce((s, row) => s + squaredDistance(row, all), 0)
  const totalWithinSS = withinSS.reduce((a, b) => a + b, 0)
  return {
    assignments: labels,
    centers,
    sizes: members.map((rows) => rows.length),
    withinSS,
    totalWithinSS,
    totalSS,
    betweenSS: totalSS - totalWithinSS,
    iterations: run.iterations,
    converged: run.converged,
  }
}

// ---------------------------------------------------------------------------------------------
// Ward's hierarchical clustering

/** One merge of the tree. Nodes 0 … n − 1 are the rows, node n + i is made by merge i. */
export interface WardMerge {
  /** The smaller of the two merged node ids. */
  left: number
  /** The larger of the two merged node ids. */
  right: number
  /** Merge height as in R `hclust(dist(x), method = "ward.D2")` and SciPy `ward`. */
  height: number
  /** Rows in the merged cluster. */
  size: number
}

export interface WardTree {
  /** Number of rows (leaves). */
  n: number
  /** n − 1 merges in order of increasing height. */
  merges: WardMerge[]
  /** Cluster of each row when the tree is cut into k clusters (numbered by first appearance). */
  cut(k: number): number[]
}

/**
 * Ward's minimum variance clustering on Euclidean distances, i.e. R `hclust(dist(x), method =
 * "ward.D2")` (Murtagh & Legendre 2014) = SciPy `linkage(x, "ward")`: the Lance–Williams update on
 * squared distances, heights reported as square roots. Between clusters A and B that squared
 * distance equals 2·|A|·|B| / (|A| + |B|) · ‖mean A − mean B‖², so it is computed from centroids
 * with the nearest-neighbour chain algorithm: O(n²·p) time and only O(n·p) memory, which keeps
 * 10,000 areas feasible. Equal distances are resolved by the lower node id; R may pick another of
 * the tied merges, giving the same heights.
 *
 * @example wardClustering([[0], [1], [10]]).merges[0] // { left: 0, right: 1, height: 1, size: 2 }
 */
export function wardClustering(data: DataMatrix): WardTree {
  const p = checkData(data, 'wardClustering')
  const n = data.length
  const found = nearestNeighbourChain(data, p)
  // Stable sort keeps a parent after its children when heights tie (Ward has no inversions).
  found.sort((a, b) => a.d2 - b.d2)
  const merges = labelMerges(found, n)
  return { n, merges, cut: (k: number) => cutTree(merges, n, k) }
}

interface RawMerge {
  /** A row of each merged cluster (their representatives). */
  a: number
  b: number
  d2: number
}

function nearestNeighbourChain(data: DataMatrix, p: number): RawMerge[] {
  const n = data.length
  // Flat centroid storage and a dense list of active ids keep the O(n²·p) search fast.
  const centers = new Float64Array(n * p)
  data.forEach((row, i) => centers.set(row, i * p))
  const sizes = new Float64Array(n).fill(1)
  const active = Array.from({ length: n }, (_, i) => i)
  const wardD2 = (a: number, b: number) => {
    let s = 0
    for (let j = 0; j < p; j++) {
      const d = centers[a * p + j]! - centers[b * p + j]!
      s += d * d
    }
    return ((2 * sizes[a]! * sizes[b]!) / (sizes[a]! + sizes[b]!)) * s
  }
  const merges: RawMerge[] = []
  const chain: number[] = []
  while (active.length > 1) {
    if (chain.length === 0) chain.push(Math.min(...active))
    const a = chain[chain.length - 1]!
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1
    let b = -1
    let bestD = Infinity
    for (const c of active) {
      if (c === a) continue
      const d = wardD2(a, c)
      if (d < bestD || (d === bestD && c < b)) {
        bestD = d
        b = c
      }
    }
    // Prefer the previous chain element on ties, or the chain could cycle.
    if (previous >= 0 && wardD2(a, previous) === bestD) b = previous
    if (b !== previous) {
      chain.push(b)
      continue
    }
    chain.pop()
    chain.pop()
    merges.push({ a, b, d2: bestD })
    // The merged cluster lives on in the lower id; its centroid is the size-weighted mean.
    const keep = Math.min(a, b)
    const drop = Math.max(a, b)
    const total = sizes[a]! + sizes[b]!
    for (let j = 0; j < p; j++) {
      centers[keep * p + j] =
        (sizes[a]! * centers[a * p + j]! + sizes[b]! * centers[b * p + j]!) / total
    }
    sizes[keep] = total
    const at = active.indexOf(drop)
    active[at] = active[active.length - 1]!
    active.pop()
  }
  return merges
}

/** Turns merges of representatives into node ids (rows 0 … n − 1, merge i → n + i). */
function labelMerges(found: readonly RawMerge[], n: number): WardMerge[] {
  const parent = Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!
      i = parent[i]!
    }
    return i
  }
  const node = Array.from({ length: n }, (_, i) => i)
  const size = new Array<number>(n).fill(1)
  return found.map((m, i) => {
    const ra = find(m.a)
    const rb = find(m.b)
    const [left, right] = [node[ra]!, node[rb]!].sort((x, y) => x - y)
    parent[rb] = ra
    node[ra] = n + i
    size[ra] = size[ra]! + size[rb]!
    return { left: left!, right: right!, height: Math.sqrt(m.d2), size: size[ra]! }
  })
}

/**
 * Memberships when a merge tree (as from {@link wardClustering}) is cut into k clusters: the
 * first n − k merges are applied. Clusters are numbered by first appearance in the rows.
 */
export function cutTree(merges: readonly WardMerge[], n: number, k: number): number[] {
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new Error(`cutTree: expected a whole number of clusters from 1 to ${n}, got ${k}`)
  }
  if (merges.length !== n - 1) {
    throw new Error(`cutTree: expected ${n - 1} merges for ${n} rows, got ${merges.length}`)
  }
  // Each node's cluster root among the rows; merge i joins the rows of its two nodes.
  const parent = Array.from({ length: n }, (_, i) => i)
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)))
  const rowOf = Array.from({ length: 2 * n - 1 }, (_, i) => (i < n ? i : -1))
  merges.forEach((m, i) => {
    const a = find(rowOf[m.left]!)
    const b = find(rowOf[m.right]!)
    if (i < n - k) parent[b] = a
    rowOf[n + i] = a
  })
  return relabel(Array.from({ length: n }, (_, i) => find(i))).labels
}

// ---------------------------------------------------------------------------------------------
// silhouette and profiles

export interface Silhouette {
  /** s(i) per row in [−1, 1]; 0 for rows alone in their cluster. */
  widths: number[]
  /** Mean of `widths` (R `summary(silhouette(…))$avg.width`). */
  mean: number
  /** Mean width per cluster. */
  clusterMeans: number[]
}

/**
 * Silhouette widths (Rousseeuw 1987) on Euclidean distances, as R `cluster::silhouette(cl,
 * dist(x))`: s(i) = (b − a) / max(a, b) with a the mean distance to the own cluster and b the
 * smallest mean distance to another cluster; 0 for singletons and when a = b. NaN everywhere
 * unless 2 ≤ k ≤ n − 1, where the measure is undefined. O(n²·p) time, O(n) memory.
 *
 * @example silhouette([[0], [1], [10], [11]], [0, 0, 1, 1]).mean // 0.9
 */
export function silhouette(data: DataMatrix, assignments: readonly number[]): Silhouette {
  checkData(data, 'silhouette')
  const n = data.length
  const k = checkAssignments(assignments, n, 'silhouette')
  const sizes = new Array<number>(k).fill(0)
  for (const c of assignments) sizes[c]!++
  const used = sizes.filter((s) => s > 0).length
  if (used < 2 || used > n - 1) {
    return { widths: new Array<number>(n).fill(NaN), mean: NaN, clusterMeans: sizes.map(() => NaN) }
  }
  const widths = data.map((row, i) => silhouetteWidth(data, row, i, assignments, sizes))
  const clusterMeans = sizes.map((_, c) => mean(widths.filter((_, i) => assignments[i] === c)))
  return { widths, mean: mean(widths), clusterMeans }
}

function silhouetteWidth(
  data: DataMatrix,
  row: readonly number[],
  i: number,
  assignments: readonly number[],
  sizes: readonly number[],
): number {
  const own = assignments[i]!
  if (sizes[own] === 1) return 0
  const sums = new Array<number>(sizes.length).fill(0)
  data.forEach((other, j) => {
    if (j !== i) sums[assignments[j]!]! += Math.sqrt(squaredDistance(row, other))
  })
  const a = sums[own]! / (sizes[own]! - 1)
  let b = Infinity
  sums.forEach((s, c) => {
    if (c !== own && sizes[c]! > 0) b = Math.min(b, s / sizes[c]!)
  })
  return a === b ? 0 : (b - a) / Math.max(a, b)
}

export interface ClusterProfile {
  cluster: number
  size: number
  /** Per variable: mean and sample SD (n − 1; NaN for a single row) within the cluster. */
  variables: { name: string; mean: number; sd: number }[]
}

/**
 * Describes each cluster by the mean and SD of every variable, to name types ("young families,
 * high transfer receipt" …). Pass the unstandardised data to read the profiles in original units.
 *
 * @example clusterProfiles([[1], [3], [10]], [0, 0, 1], ['age'])[0] // size 2, age mean 2
 */
export function clusterProfiles(
  data: DataMatrix,
  assignments: readonly number[],
  names: readonly string[],
): ClusterProfile[] {
  const p = checkData(data, 'clusterProfiles')
  if (names.length !== p) {
    throw new Error(`clusterProfiles: expected ${p} variable names, got ${names.length}`)
  }
  const k = checkAssignments(assignments, data.length, 'clusterProfiles')
  return Array.from({ length: k }, (_, c) => {
    const rows = data.filter((_, i) => assignments[i] === c)
    return {
      cluster: c,
      size: rows.length,
      variables: names.map((name, j) => {
        const column = rows.map((r) => r[j]!)
        return { name, mean: mean(column), sd: standardDeviation(column) }
      }),
    }
  })
}
