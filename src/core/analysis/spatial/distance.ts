/**
 * Distance-based weights on points (area centroids): k nearest neighbours and distance bands,
 * optionally inverse-distance weighted. Distances are planar (Euclidean) in the coordinate units:
 * project lon/lat to metres first (e.g. EPSG:25832) when distances should mean metres. Pure and
 * browser-safe.
 */
import type { MultiPolygon, Polygon, Position, Ring } from '../../geo/geojson.js'
import { weightsFromNeighbours, type SpatialWeights } from './weights.js'

function checkPoints(points: readonly Position[], where: string): void {
  points.forEach((p, i) => {
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new Error(
        `${where}: point ${i} is ${JSON.stringify(p)}, expected [x, y] finite numbers`,
      )
    }
  })
}

/** Area-weighted centroid of a ring (shoelace), relative to its first vertex for precision. */
function ringMoments(ring: Ring): { a: number; mx: number; my: number } {
  const x0 = ring[0]![0]
  const y0 = ring[0]![1]
  let a = 0
  let mx = 0
  let my = 0
  for (let k = 0; k < ring.length; k++) {
    // The edge back to the first vertex is zero for closed rings and closes open ones.
    const next = ring[(k + 1) % ring.length]!
    const ax = ring[k]![0] - x0
    const ay = ring[k]![1] - y0
    const bx = next[0] - x0
    const by = next[1] - y0
    const c = ax * by - bx * ay
    a += c
    mx += (ax + bx) * c
    my += (ay + by) * c
  }
  // a is twice the signed area; the centroid is (mx, my) / (3a) + origin.
  return { a: a / 2, mx: mx / 6 + (x0 * a) / 2, my: my / 6 + (y0 * a) / 2 }
}

/**
 * Centroid (centre of mass) of a polygon or multipolygon, holes subtracted, like `sf::st_centroid`
 * on planar coordinates. Degenerate shapes (zero area) fall back to the mean of their vertices.
 *
 * @example
 * polygonCentroid({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] }) // [1, 1]
 */
export function polygonCentroid(geometry: Polygon | MultiPolygon): Position {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let area = 0
  let mx = 0
  let my = 0
  let sx = 0
  let sy = 0
  let count = 0
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      if (ring.length === 0) return
      const m = ringMoments(ring)
      // Exterior rings add, holes subtract, whatever their orientation.
      const sign = (r === 0 ? 1 : -1) * Math.sign(m.a)
      area += sign * m.a
      mx += sign * m.mx
      my += sign * m.my
      for (const p of ring) {
        sx += p[0]
        sy += p[1]
        count++
      }
    })
  }
  if (Math.abs(area) > 0) return [mx / area, my / area]
  if (count === 0) throw new Error('polygonCentroid: the geometry has no coordinates')
  return [sx / count, sy / count]
}

/**
 * k-nearest-neighbour weights (binary, generally not symmetric): each point's k closest other
 * points. Ties at the k-th distance are broken by the lower index, so results are reproducible;
 * other tools may pick a different one of equally distant points (spdep's kd-tree order is
 * unspecified). O(n²) distance computations: about a second for 11,000 points.
 *
 * @example
 * knnWeights(centroids, 4)
 */
export function knnWeights(points: readonly Position[], k: number): SpatialWeights {
  checkPoints(points, 'knnWeights')
  const n = points.length
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new Error(`knnWeights: k must be an integer from 1 to ${n - 1} (n − 1), got ${k}`)
  }
  const xs = Float64Array.from(points, (p) => p[0])
  const ys = Float64Array.from(points, (p) => p[1])
  const lists: number[][] = []
  const bestD = new Float64Array(k)
  const bestJ = new Int32Array(k)
  for (let i = 0; i < n; i++) {
    let filled = 0
    for (let j = 0; j < n; j++) {
      if (j === i) continue
      const d = (xs[j]! - xs[i]!) ** 2 + (ys[j]! - ys[i]!) ** 2
      // Insertion into the sorted best-k list; strict < keeps the earlier (lower) index on ties.
      if (filled === k && !(d < bestD[k - 1]!)) continue
      let pos = filled < k ? filled++ : k - 1
      while (pos > 0 && d < bestD[pos - 1]!) {
        bestD[pos] = bestD[pos - 1]!
        bestJ[pos] = bestJ[pos - 1]!
        pos--
      }
      bestD[pos] = d
      bestJ[pos] = j
    }
    lists.push(Array.from(bestJ))
  }
  return weightsFromNeighbours(lists)
}

export interface DistanceBandOptions {
  /** Lower bound (exclusive), default 0, as spdep's `dnearneigh(d1, d2)`. */
  lower?: number
  /** Weight by inverse distance d^−power instead of 1. Default false. */
  inverse?: boolean
  /** Exponent of the inverse distance, default 1. */
  power?: number
}

/**
 * Distance-band weights: every other point with lower < d ≤ threshold is a neighbour (symmetric).
 * Binary by default; `inverse: true` gives w = d^−power (style `custom`; row-standardise with
 * `transformWeights(w, 'W')` if wanted). Points beyond the band of all others become islands.
 * A grid of threshold-sized cells keeps this near-linear for evenly spread points.
 *
 * @example
 * distanceBandWeights(centroids, 5000, { inverse: true })
 */
export function distanceBandWeights(
  points: readonly Position[],
  threshold: number,
  options: DistanceBandOptions = {},
): SpatialWeights {
  checkPoints(points, 'distanceBandWeights')
  if (!(threshold > 0) || !Number.isFinite(threshold)) {
    throw new Error(`distanceBandWeights: threshold must be a positive number, got ${threshold}`)
  }
  const lower = options.lower ?? 0
  const power = options.power ?? 1
  if (!(lower >= 0) || lower >= threshold) {
    throw new Error(`distanceBandWeights: lower must be in [0, threshold), got ${lower}`)
  }
  const n = points.length
  const cells = new Map<string, number[]>()
  const cellOf = (p: Position) => [Math.floor(p[0] / threshold), Math.floor(p[1] / threshold)]
  points.forEach((p, i) => {
    const [cx, cy] = cellOf(p)
    const key = `${cx},${cy}`
    const list = cells.get(key)
    if (list) list.push(i)
    else cells.set(key, [i])
  })
  const lists: number[][] = []
  const weights: number[][] = []
  for (let i = 0; i < n; i++) {
    const p = points[i]!
    const [cx, cy] = cellOf(p)
    const found: { j: number; d: number }[] = []
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of cells.get(`${cx! + dx},${cy! + dy}`) ?? []) {
          if (j === i) continue
          const q = points[j]!
          const d = Math.hypot(q[0] - p[0], q[1] - p[1])
          if (d > lower && d <= threshold) found.push({ j, d })
        }
      }
    }
    found.sort((a, b) => a.j - b.j)
    lists.push(found.map((f) => f.j))
    weights.push(found.map((f) => (options.inverse ? f.d ** -power : 1)))
  }
  return weightsFromNeighbours(lists, options.inverse ? { weights, style: 'custom' } : {})
}

/**
 * The smallest threshold that gives every point at least one neighbour (the largest
 * nearest-neighbour distance), a sensible default band as in GeoDa.
 */
export function minimumThreshold(points: readonly Position[]): number {
  const w = knnWeights(points, 1)
  let max = 0
  for (let i = 0; i < w.n; i++) {
    const q = points[w.neighbours[i]!]!
    const p = points[i]!
    max = Math.max(max, Math.hypot(q[0] - p[0], q[1] - p[1]))
  }
  return max
}
