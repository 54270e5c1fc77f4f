/**
 * The analysis methods as the API and the CLI run them: one place that turns areas (ids, values,
 * geometry) into spatial weights and JSON answers, so that `planraum analyze` on a file and the
 * HTTP API on the monitoring data give the same figures in the same shape. The statistics
 * themselves are the pure core functions (src/core/analysis).
 */
import { classify, classIndex, type ClassificationMethod } from '../../core/analysis/classify.js'
import {
  contiguityWeights,
  empiricalBayesGlobal,
  empiricalBayesLocal,
  gearyTest,
  knnWeights,
  localG,
  localMoran,
  moranTest,
  polygonCentroid,
  summariseWeights,
  transformWeights,
  type Alternative,
  type AnalyticTest,
  type PermutationTest,
  type SpatialWeights,
} from '../../core/analysis/spatial/index.js'
import { zScores } from '../../core/analysis/stats.js'
import {
  clusterProfiles,
  kmeans,
  silhouette,
  wardClustering,
  type DataMatrix,
} from '../../core/analysis/typology.js'
import type { MultiPolygon, Polygon, Position } from '../../core/geo/geojson.js'

/** Input that a method cannot work with; the message says what was expected and what came. */
export class MethodInputError extends Error {
  override name = 'MethodInputError'
}

/** `queen`, `rook` (contiguity from polygons) or `knn` with k (nearest centroids or points). */
export type WeightsSpec = { kind: 'queen' } | { kind: 'rook' } | { kind: 'knn'; k: number }

export const WEIGHTS_PATTERN = /^(queen|rook|knn:[1-9]\d*)$/

/**
 * Parses `queen`, `rook` or `knn:<k>`.
 *
 * @example parseWeightsSpec('knn:6') // { kind: 'knn', k: 6 }
 */
export function parseWeightsSpec(text: string): WeightsSpec {
  if (!WEIGHTS_PATTERN.test(text)) {
    throw new MethodInputError(
      `Expected weights "queen", "rook" or "knn:<k>" (e.g. knn:6), got "${text}".`,
    )
  }
  if (text === 'queen' || text === 'rook') return { kind: text }
  return { kind: 'knn', k: Number(text.slice(4)) }
}

export const weightsLabel = (spec: WeightsSpec) =>
  spec.kind === 'knn' ? `knn:${spec.k}` : spec.kind

/** Where the areas are: polygons (for contiguity and centroids) and/or points. */
export interface AreaGeometries {
  polygons?: readonly (Polygon | MultiPolygon | null)[]
  /** One point per area (e.g. CSV x/y columns); used by knn instead of polygon centroids. */
  points?: readonly Position[]
  /**
   * Coordinates are longitude/latitude: knn then measures on a local equirectangular projection
   * (longitudes scaled by the cosine of the mean latitude), not in raw degrees.
   */
  lonLat?: boolean
}

/** A weights object with what was built, for the answer. */
export interface BuiltWeights {
  weights: SpatialWeights
  /** For the answer: kind, style, neighbour counts and the ids of areas without neighbours. */
  info: {
    kind: string
    style: 'W' | 'B'
    links: number
    minNeighbours: number
    maxNeighbours: number
    meanNeighbours: number
    islands: string[]
  }
}

function pointsOf(geometries: AreaGeometries, n: number): Position[] {
  let points: Position[]
  if (geometries.points) points = [...geometries.points]
  else if (geometries.polygons) {
    points = geometries.polygons.map((g, i) => {
      if (g === null) {
        throw new MethodInputError(
          `Area ${i + 1} has no geometry; knn weights need a polygon or point for every area.`,
        )
      }
      return polygonCentroid(g)
    })
  } else {
    throw new MethodInputError(
      'knn weights need geometry (GeoJSON polygons) or point coordinates (CSV: --x and --y).',
    )
  }
  if (points.length !== n) {
    throw new MethodInputError(`Expected ${n} points, one per area, got ${points.length}.`)
  }
  if (!geometries.lonLat) return points
  const lat0 = (points.reduce((s, p) => s + p[1], 0) / points.length) * (Math.PI / 180)
  return points.map(([x, y]) => [x * Math.cos(lat0), y])
}

/**
 * Spatial weights for `n` areas in the given style (`W` row-standardised, `B` binary).
 *
 * @throws MethodInputError when the geometry the spec needs is missing, or k ≥ n.
 */
export function buildWeights(
  spec: WeightsSpec,
  geometries: AreaGeometries,
  style: 'W' | 'B',
  ids: readonly string[],
): BuiltWeights {
  const n = ids.length
  let binary: SpatialWeights
  if (spec.kind === 'knn') {
    if (spec.k >= n) {
      throw new MethodInputError(
        `knn:${spec.k} needs more than ${spec.k} areas, got ${n}; choose k below ${n}.`,
      )
    }
    binary = knnWeights(pointsOf(geometries, n), spec.k)
  } else {
    if (!geometries.polygons) {
      throw new MethodInputError(
        `${spec.kind} contiguity needs polygons (a GeoJSON file); for points use --weights knn:<k>.`,
      )
    }
    binary = contiguityWeights(geometries.polygons, { rule: spec.kind })
  }
  const summary = summariseWeights(binary)
  // Islands keep empty rows in either style (spdep's zero.policy = TRUE).
  const weights = style === 'W' ? transformWeights(binary, 'W') : binary
  return {
    weights,
    info: {
      kind: weightsLabel(spec),
      style,
      links: summary.links,
      minNeighbours: summary.minNeighbours,
      maxNeighbours: summary.maxNeighbours,
      meanNeighbours: summary.meanNeighbours,
      islands: summary.islands.map((i) => ids[i]!),
    },
  }
}

/** A finite number, or null (JSON has no NaN). */
export const num = (x: number): number | null => (Number.isFinite(x) ? x : null)

const test = (t: AnalyticTest) => ({ variance: num(t.variance), z: num(t.z), p: num(t.p) })
const permutationOf = (t: PermutationTest | null) =>
  t === null
    ? null
    : {
        permutations: t.permutations,
        seed: t.seed,
        pseudoP: num(t.pseudoP),
        mean: num(t.mean),
        variance: num(t.variance),
        z: num(t.z),
      }

/** Wraps the core's argument errors as input errors (the messages say what was expected). */
function core<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof MethodInputError) throw error
    if (error instanceof Error) throw new MethodInputError(error.message)
    throw error
  }
}

export interface GlobalOptions {
  permutations: number
  seed: number
  alternative?: Alternative
}

/** Global Moran's I (Cliff & Ord 1981) with moments under normality and randomisation. */
export function moranAnswer(x: readonly number[], built: BuiltWeights, options: GlobalOptions) {
  const r = core(() => moranTest(x, built.weights, options))
  return {
    method: 'moran' as const,
    n: x.length,
    weights: built.info,
    I: r.I,
    expectation: r.expectation,
    normality: test(r.normality),
    randomisation: test(r.randomisation),
    permutation: permutationOf(r.permutation),
    alternative: r.alternative,
  }
}

/** Geary's C (Geary 1954) with moments under normality and randomisation. */
export function gearyAnswer(x: readonly number[], built: BuiltWeights, options: GlobalOptions) {
  const r = core(() => gearyTest(x, built.weights, options))
  return {
    method: 'geary' as const,
    n: x.length,
    weights: built.info,
    C: r.C,
    expectation: r.expectation,
    normality: test(r.normality),
    randomisation: test(r.randomisation),
    permutation: permutationOf(r.permutation),
    alternative: r.alternative,
  }
}

export interface LocalOptions {
  permutations: number
  seed: number
  alpha: number
}

function countBy<T extends string>(values: readonly T[]): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {}
  for (const v of values) out[v] = (out[v] ?? 0) + 1
  return out
}

/** Local Moran's I (Anselin 1995) with the cluster map classes. */
export function lisaAnswer(
  ids: readonly string[],
  x: readonly number[],
  built: BuiltWeights,
  options: LocalOptions,
) {
  const r = core(() => localMoran(x, built.weights, options))
  return {
    method: 'lisa' as const,
    n: x.length,
    weights: built.info,
    permutations: r.permutations,
    seed: r.seed,
    alpha: r.alpha,
    significance: r.significance,
    clusters: countBy(r.cluster),
    areas: ids.map((id, i) => ({
      id,
      value: x[i]!,
      Ii: num(r.Ii[i]!),
      expectation: num(r.expectation[i]!),
      variance: num(r.variance[i]!),
      z: num(r.z[i]!),
      p: num(r.p[i]!),
      pseudoP: r.pseudoP ? num(r.pseudoP[i]!) : null,
      quadrant: r.quadrant[i]!,
      cluster: r.cluster[i]!,
    })),
  }
}

/** Getis-Ord Gi* (Ord & Getis 1995) z-values with hot and cold spots. */
export function giStarAnswer(
  ids: readonly string[],
  x: readonly number[],
  built: BuiltWeights,
  options: LocalOptions,
) {
  const r = core(() => localG(x, built.weights, { ...options, star: true }))
  return {
    method: 'gistar' as const,
    n: x.length,
    weights: built.info,
    permutations: r.permutations,
    seed: r.seed,
    alpha: r.alpha,
    clusters: countBy(r.cluster),
    areas: ids.map((id, i) => ({
      id,
      value: x[i]!,
      G: num(r.G[i]!),
      z: num(r.z[i]!),
      p: num(r.p[i]!),
      pseudoP: r.pseudoP ? num(r.pseudoP[i]!) : null,
      cluster: r.cluster[i]!,
    })),
  }
}

/**
 * Empirical Bayes smoothed rates (Marshall 1991): global, or local with the given weights' neighbours.
 * Rates are events per population unit times `scale` (e.g. 1000 for per mille).
 */
export function ebAnswer(
  ids: readonly string[],
  events: readonly number[],
  population: readonly number[],
  kind: 'global' | 'local',
  built: BuiltWeights | null,
  scale: number,
) {
  const areas = (r: {
    raw: Float64Array
    smoothed: Float64Array
    shrinkage: Float64Array
    mean: number | Float64Array
    variance: number | Float64Array
  }) =>
    ids.map((id, i) => ({
      id,
      events: events[i]!,
      population: population[i]!,
      raw: num(r.raw[i]! * scale),
      smoothed: num(r.smoothed[i]! * scale),
      shrinkage: num(r.shrinkage[i]!),
      ...(typeof r.mean === 'number'
        ? {}
        : {
            localMean: num(r.mean[i]! * scale),
            localVariance: num((r.variance as Float64Array)[i]! * scale * scale),
          }),
    }))
  if (kind === 'global') {
    const r = core(() => empiricalBayesGlobal(events, population))
    return {
      method: 'ebsmooth' as const,
      kind,
      n: ids.length,
      scale,
      weights: null,
      mean: num(r.mean * scale),
      variance: num(r.variance * scale * scale),
      areas: areas(r),
    }
  }
  const r = core(() => empiricalBayesLocal(events, population, built!.weights))
  return {
    method: 'ebsmooth' as const,
    kind,
    n: ids.length,
    scale,
    weights: built!.info,
    mean: null,
    variance: null,
    areas: areas(r),
  }
}

/** Class breaks, counts per class, goodness of variance fit, and each area's class (0-based). */
export function classifyAnswer(
  ids: readonly string[],
  x: readonly number[],
  method: ClassificationMethod,
  k: number,
  breaks?: readonly number[],
) {
  const r = core(() => classify(x, method, k, breaks ? { breaks } : {}))
  return {
    method: r.method,
    k,
    classes: r.counts.length,
    breaks: r.breaks,
    counts: r.counts,
    gvf: num(r.gvf),
    areas: ids.map((id, i) => ({ id, value: x[i]!, class: classIndex(x[i]!, r.breaks) })),
  }
}

export interface TypologyOptions {
  method: 'kmeans' | 'ward'
  k: number
  seed: number
  /** Largest k of the silhouette table (default 10, at most n − 1). */
  maxK?: number
}

/**
 * A typology of areas on standardised variables (z-scores, sample SD): k-means (k-means++ starts,
 * seeded) or Ward, the silhouette of the result, the mean silhouette for k = 2 … maxK to help choose
 * k, and each cluster's profile in the variables' own units.
 */
export function typologyAnswer(
  ids: readonly string[],
  variables: readonly string[],
  columns: readonly (readonly number[])[],
  options: TypologyOptions,
) {
  const n = ids.length
  if (!Number.isInteger(options.k) || options.k < 2 || options.k > n - 1) {
    throw new MethodInputError(
      `Expected a number of clusters from 2 to ${n - 1} (areas − 1), got ${options.k}.`,
    )
  }
  const standardised = columns.map((column, j) => {
    const z = zScores(column)
    if (z.some((v) => !Number.isFinite(v))) {
      throw new MethodInputError(
        `"${variables[j]}" has the same value in every area; it cannot be standardised for a typology.`,
      )
    }
    return z
  })
  const data: DataMatrix = ids.map((_, i) => standardised.map((z) => z[i]!))
  const original: DataMatrix = ids.map((_, i) => columns.map((c) => c[i]!))
  const tree = options.method === 'ward' ? core(() => wardClustering(data)) : null
  const partition = (k: number) =>
    tree ? tree.cut(k) : core(() => kmeans(data, k, { seed: options.seed })).assignments
  const km = tree ? null : core(() => kmeans(data, options.k, { seed: options.seed }))
  const assignments = km ? km.assignments : tree!.cut(options.k)
  const s = silhouette(data, assignments)
  const maxK = Math.min(options.maxK ?? 10, n - 1)
  const byK = []
  for (let k = 2; k <= maxK; k++) {
    byK.push({ k, silhouette: num(k === options.k ? s.mean : silhouette(data, partition(k)).mean) })
  }
  return {
    method: options.method,
    k: options.k,
    seed: options.method === 'kmeans' ? options.seed : null,
    variables: [...variables],
    n,
    silhouette: { mean: num(s.mean), clusterMeans: s.clusterMeans.map(num) },
    silhouetteByK: byK,
    withinSS: km ? { total: km.totalWithinSS, between: km.betweenSS, totalSS: km.totalSS } : null,
    wardHeights: tree
      ? tree.merges.slice(-Math.min(10, tree.merges.length)).map((m) => m.height)
      : null,
    profiles: clusterProfiles(original, assignments, variables).map((p) => ({
      cluster: p.cluster,
      size: p.size,
      variables: p.variables.map((v) => ({ name: v.name, mean: num(v.mean), sd: num(v.sd) })),
    })),
    areas: ids.map((id, i) => ({
      id,
      cluster: assignments[i]!,
      silhouette: num(s.widths[i]!),
    })),
  }
}
