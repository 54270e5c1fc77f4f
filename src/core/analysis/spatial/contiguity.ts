/**
 * Contiguity weights from polygon geometry: queen (areas that share at least one boundary point)
 * and rook (areas that share a boundary line). Pure and browser-safe.
 *
 * The definition follows spdep's `poly2nb`: two areas are queen neighbours when a vertex of one lies
 * within `tolerance` (in both x and y) of a vertex of the other; rook neighbours need at least two
 * such distinct shared points, i.e. a common stretch of boundary rather than a corner. Like poly2nb,
 * only vertices are compared, so a vertex lying on the middle of a neighbour's edge (a T-junction
 * without a vertex on the other side) does not count — digitised boundaries share vertices.
 *
 * Vertices are hashed into a grid of `tolerance`-sized cells and only vertices in the same or the
 * eight surrounding cells are compared, so the cost grows with the number of vertices, not with
 * the square of the number of areas (11,000 municipalities are fine).
 */
import type { MultiPolygon, Polygon, Position } from '../../geo/geojson.js'
import { weightsFromPairs, type SpatialWeights } from './weights.js'

export type ContiguityRule = 'queen' | 'rook'

export interface ContiguityOptions {
  /** `queen` (default): one shared point is enough; `rook`: a shared boundary line. */
  rule?: ContiguityRule
  /**
   * Two vertices are the same point when they differ by at most this much in x and in y (in the
   * coordinate units). Default √ε ≈ 1.49e-8, spdep's default `snap`. Use a larger value for
   * boundaries digitised separately (e.g. 1e-7° ≈ 1 cm for lon/lat, 0.01 for metres). 0 means
   * exactly equal coordinates.
   */
  tolerance?: number
}

export const DEFAULT_TOLERANCE = Math.sqrt(Number.EPSILON)

type AreaGeometry = Polygon | MultiPolygon | null | undefined

/** Flat typed arrays of every distinct vertex with the index of its area. */
interface Vertices {
  x: Float64Array
  y: Float64Array
  owner: Int32Array
}

function collectVertices(geometries: readonly AreaGeometry[]): Vertices {
  const xs: number[] = []
  const ys: number[] = []
  const owners: number[] = []
  geometries.forEach((g, area) => {
    if (g === null || g === undefined) return
    let polygons: Position[][][]
    if (g.type === 'Polygon') polygons = [g.coordinates]
    else if (g.type === 'MultiPolygon') polygons = g.coordinates
    else {
      throw new Error(
        `contiguityWeights: area ${area} has geometry type ${(g as { type: string }).type}, expected Polygon or MultiPolygon`,
      )
    }
    for (const polygon of polygons) {
      for (const ring of polygon) {
        // The closing position repeats the first; skipping it keeps counts of distinct points right.
        let end = ring.length
        const first = ring[0]
        const last = ring[end - 1]
        if (end > 1 && first && last && first[0] === last[0] && first[1] === last[1]) end--
        for (let k = 0; k < end; k++) {
          const p = ring[k]!
          if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
            throw new Error(
              `contiguityWeights: area ${area} has a non-finite coordinate [${p[0]}, ${p[1]}]`,
            )
          }
          xs.push(p[0])
          ys.push(p[1])
          owners.push(area)
        }
      }
    }
  })
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), owner: Int32Array.from(owners) }
}

const f64 = new Float64Array(1)
const u32 = new Uint32Array(f64.buffer)

/** A 32-bit hash of a grid cell (two integral doubles, possibly beyond 2³¹). */
function cellHash(cx: number, cy: number): number {
  f64[0] = cx
  let h = Math.imul(u32[0]! ^ u32[1]!, 0x9e3779b1)
  f64[0] = cy
  h ^= Math.imul(u32[0]! ^ (u32[1]! * 31), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35)
  return (h ^ (h >>> 13)) >>> 0
}

/** Buckets of vertex indices by hashed cell, in compressed form (counting sort). */
function bucketVertices(cx: Float64Array, cy: Float64Array, bits: number) {
  const size = 1 << bits
  const mask = size - 1
  const m = cx.length
  const start = new Int32Array(size + 1)
  const slot = new Int32Array(m)
  for (let v = 0; v < m; v++) {
    const b = cellHash(cx[v]!, cy[v]!) & mask
    slot[v] = b
    start[b + 1]!++
  }
  for (let b = 0; b < size; b++) start[b + 1]! += start[b]!
  const fill = start.slice(0, size)
  const items = new Int32Array(m)
  for (let v = 0; v < m; v++) items[fill[slot[v]!]!++] = v
  return { start, items, mask }
}

/**
 * Queen or rook contiguity weights (binary) from polygon geometries, one per area in order; `null`
 * geometries become islands. Use `transformWeights(w, 'W')` for row-standardised weights.
 *
 * @example
 * const w = contiguityWeights(features.map((f) => f.geometry), { rule: 'queen' })
 * summariseWeights(w).links // 236 for the Columbus neighbourhoods
 */
export function contiguityWeights(
  geometries: readonly AreaGeometry[],
  options: ContiguityOptions = {},
): SpatialWeights {
  const rule = options.rule ?? 'queen'
  if (rule !== 'queen' && rule !== 'rook') {
    throw new Error(`contiguityWeights: rule must be 'queen' or 'rook', got '${String(rule)}'`)
  }
  const tol = options.tolerance ?? DEFAULT_TOLERANCE
  if (!(tol >= 0) || !Number.isFinite(tol)) {
    throw new Error(`contiguityWeights: tolerance must be a finite number ≥ 0, got ${tol}`)
  }
  const n = geometries.length
  const { x, y, owner } = collectVertices(geometries)
  const m = x.length
  // Cells of size `tol`: points within tol of each other lie in the same or adjacent cells. With
  // tol = 0 the cell is the exact coordinate and only the own cell is searched.
  const cx = new Float64Array(m)
  const cy = new Float64Array(m)
  for (let v = 0; v < m; v++) {
    cx[v] = tol > 0 ? Math.floor(x[v]! / tol) : x[v]!
    cy[v] = tol > 0 ? Math.floor(y[v]! / tol) : y[v]!
  }
  const bits = Math.max(4, Math.min(24, Math.ceil(Math.log2(Math.max(m, 1))) + 1))
  const { start, items, mask } = bucketVertices(cx, cy, bits)
  const reach = tol > 0 ? 1 : 0

  // For rook, the distinct shared vertices seen on each side of a pair (stops counting at 2).
  const shared = new Map<number, { a: Set<string>; b: Set<string> }>()
  const queen = new Set<number>()
  const rook = new Set<number>()

  for (let v = 0; v < m; v++) {
    const ov = owner[v]!
    for (let dx = -reach; dx <= reach; dx++) {
      for (let dy = -reach; dy <= reach; dy++) {
        const b = cellHash(cx[v]! + dx, cy[v]! + dy) & mask
        for (let s = start[b]!; s < start[b + 1]!; s++) {
          const u = items[s]!
          const ou = owner[u]!
          // Each unordered pair of vertices is met twice; keep the one seen from the lower area.
          if (ou <= ov) continue
          if (Math.abs(x[u]! - x[v]!) > tol || Math.abs(y[u]! - y[v]!) > tol) continue
          const key = ov * n + ou
          queen.add(key)
          if (rule === 'rook' && !rook.has(key)) {
            let entry = shared.get(key)
            if (!entry) shared.set(key, (entry = { a: new Set(), b: new Set() }))
            entry.a.add(`${x[v]},${y[v]}`)
            entry.b.add(`${x[u]},${y[u]}`)
            if (entry.a.size >= 2 && entry.b.size >= 2) {
              rook.add(key)
              shared.delete(key)
            }
          }
        }
      }
    }
  }
  const keys = rule === 'queen' ? queen : rook
  const pairs: [number, number][] = []
  for (const key of keys) pairs.push([Math.floor(key / n), key % n])
  return weightsFromPairs(n, pairs)
}
