/**
 * The ground plan of Musterstadt: Voronoi cells that become statistical blocks.
 *
 * Everything is built in a local planar system in metres (x east, y north, origin at the city
 * centre) and converted to lon/lat once per vertex at the end. Adjacent Voronoi cells share their
 * vertices (d3-delaunay computes each circumcentre once), and the conversion plus rounding is a
 * pure function of the vertex, so shared edges stay bit-identical in lon/lat and parent areas can
 * be built exactly by edge cancellation (core/geo/union.ts).
 */
import { Delaunay } from 'd3-delaunay'
import type { Position, Ring } from '../../../core/geo/geojson.js'
import type { Random } from '../../../core/random.js'

/** Centre of the city (lon, lat): a plausible spot in Lower Saxony between Hanover and Minden. */
export const CENTRE: Position = [9.4, 52.28]

const EARTH_RADIUS_M = 6_371_008.8
const M_PER_DEG_LAT = (Math.PI / 180) * EARTH_RADIUS_M
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((CENTRE[1] * Math.PI) / 180)

/** Rounds to 7 decimals (≈ 1 cm in lon/lat), the precision of all output coordinates. */
export const round7 = (v: number): number => Math.round(v * 1e7) / 1e7

/**
 * Local metres → lon/lat (equirectangular around the centre, cos(lat) scaling), rounded to
 * 7 decimals. Over 12 km the distortion against a proper projection is below 0.1 %.
 */
export function toLonLat(p: Position): Position {
  return [round7(CENTRE[0] + p[0] / M_PER_DEG_LON), round7(CENTRE[1] + p[1] / M_PER_DEG_LAT)]
}

/** An irregular city outline: an ellipse whose radius is modulated by a few harmonics. */
export interface Outline {
  /** Semi-axes of the base ellipse (m). */
  a: number
  b: number
  harmonics: { k: number; amplitude: number; phase: number }[]
}

/** A random outline about 12 km × 10 km. */
export function makeOutline(rng: Random): Outline {
  const h = (k: number, lo: number, hi: number) => ({
    k,
    amplitude: rng.uniform(lo, hi),
    phase: rng.uniform(0, 2 * Math.PI),
  })
  return {
    a: 5600,
    b: 4700,
    harmonics: [
      h(2, 0.05, 0.09),
      h(3, 0.05, 0.08),
      h(4, 0.025, 0.045),
      h(5, 0.02, 0.035),
      h(7, 0.01, 0.02),
    ],
  }
}

/**
 * Position relative to the outline: 0 at the centre, 1 on the outline, > 1 outside. Linear along
 * each ray from the centre.
 */
export function normalisedRadius(outline: Outline, p: Position): number {
  const ex = p[0] / outline.a
  const ey = p[1] / outline.b
  const theta = Math.atan2(ey, ex)
  let factor = 1
  for (const { k, amplitude, phase } of outline.harmonics) {
    factor += amplitude * Math.cos(k * theta + phase)
  }
  return Math.hypot(ex, ey) / factor
}

/** The point on the outline in direction `angle` (radians), scaled by `fraction`. */
export function pointTowardsEdge(outline: Outline, angle: number, fraction: number): Position {
  const dir: Position = [Math.cos(angle), Math.sin(angle)]
  const edge = 1 / normalisedRadius(outline, dir)
  return [dir[0] * edge * fraction, dir[1] * edge * fraction]
}

// Radial warp from the relaxation space to the city: spacing near the centre is about half the
// spacing at the edge, so central blocks are about a quarter of the size of outer ones (dense
// old town, large village blocks).
const WARP_CORE = 0.5
const WARP_RADIUS = 3500

function warp(x: number, y: number): Position {
  const r2 = x * x + y * y
  const f = WARP_CORE + ((1 - WARP_CORE) * r2) / (r2 + WARP_RADIUS * WARP_RADIUS)
  return [x * f, y * f]
}

/** Area-weighted centroid and area of a closed polygon given as positions. */
export function centroidOf(ring: readonly Position[]): { centroid: Position; area: number } {
  let a = 0
  let cx = 0
  let cy = 0
  const [x0, y0] = ring[0] as Position
  for (let i = 0; i < ring.length - 1; i++) {
    const p = ring[i] as Position
    const q = ring[i + 1] as Position
    const px = p[0] - x0
    const py = p[1] - y0
    const qx = q[0] - x0
    const qy = q[1] - y0
    const cross = px * qy - qx * py
    a += cross
    cx += (px + qx) * cross
    cy += (py + qy) * cross
  }
  if (a === 0) return { centroid: [x0, y0], area: 0 }
  return { centroid: [x0 + cx / (3 * a), y0 + cy / (3 * a)], area: a / 2 }
}

/** Uniform random points, evened out by Lloyd relaxation (each point moves to its cell centroid). */
function relaxedPoints(
  rng: Random,
  n: number,
  halfW: number,
  halfH: number,
  iterations: number,
): Float64Array {
  const pts = new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    pts[2 * i] = rng.uniform(-halfW, halfW)
    pts[2 * i + 1] = rng.uniform(-halfH, halfH)
  }
  for (let it = 0; it < iterations; it++) {
    const voronoi = new Delaunay(pts).voronoi([-halfW, -halfH, halfW, halfH])
    for (let i = 0; i < n; i++) {
      const poly = voronoi.cellPolygon(i) as Position[] | null
      if (!poly) continue
      const { centroid } = centroidOf(poly)
      pts[2 * i] = centroid[0]
      pts[2 * i + 1] = centroid[1]
    }
  }
  return pts
}

/** One Voronoi cell of the city: a future statistical block. */
export interface CityCell {
  /** Generating point (m). */
  seed: Position
  /** Cell outline in metres, counter-clockwise, closed. Convex. */
  ringM: Position[]
  /** Cell outline in lon/lat, rounded to 7 decimals, counter-clockwise, closed. */
  ring: Ring
  /** Area (m²) and area-weighted centroid (m). */
  area: number
  centroid: Position
  /** Indices of the cells that share an edge with this one, ascending. */
  neighbours: number[]
}

export interface CityGeometry {
  outline: Outline
  cells: CityCell[]
}

const edgeKey = (a: Position, b: Position): string => {
  const ka = `${a[0]},${a[1]}`
  const kb = `${b[0]},${b[1]}`
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`
}

/**
 * Builds the city's cells: seeded, evenly spaced points (denser in the centre), their Voronoi
 * diagram, and the cells whose seed lies inside an irregular outline. Enclosed outside cells are
 * added (no holes in the city) and only the largest edge-connected piece is kept, so the city is one
 * simply connected polygon with a jagged, real-looking boundary.
 */
export function buildCityCells(rng: Random, targetCells = 250): CityGeometry {
  const outline = makeOutline(rng)
  // Share of the relaxation rectangle that lands inside the outline, from a regular grid, to pick
  // the number of points that yields about `targetCells` blocks.
  let hits = 0
  const grid = 120
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const x = -HALF_W + ((i + 0.5) / grid) * 2 * HALF_W
      const y = -HALF_H + ((j + 0.5) / grid) * 2 * HALF_H
      if (normalisedRadius(outline, warp(x, y)) < 1) hits++
    }
  }
  let n = Math.round(targetCells / (hits / (grid * grid)))
  // Hole filling and the jagged edge make the count vary by ±10 %; one or two more draws with a
  // corrected point count bring it close to the target.
  let cells = cityCells(rng, outline, n)
  for (let attempt = 0; attempt < 2 && Math.abs(cells.length - targetCells) > 12; attempt++) {
    n = Math.round((n * targetCells) / cells.length)
    cells = cityCells(rng, outline, n)
  }
  return { outline, cells }
}

const HALF_W = 12_000
const HALF_H = 11_000

/** The city cells for n seed points. */
function cityCells(rng: Random, outline: Outline, n: number): CityCell[] {
  const relaxed = relaxedPoints(rng, n, HALF_W, HALF_H, 3)
  const pts = new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    const [x, y] = warp(relaxed[2 * i] as number, relaxed[2 * i + 1] as number)
    pts[2 * i] = x
    pts[2 * i + 1] = y
  }
  const [bx, by] = warp(HALF_W, HALF_H)
  const bound = Math.max(bx, by) + 1000
  const delaunay = new Delaunay(pts)
  const voronoi = delaunay.voronoi([-bound, -bound, bound, bound])
  const seedOf = (i: number): Position => [pts[2 * i] as number, pts[2 * i + 1] as number]

  const inside = new Uint8Array(n)
  for (let i = 0; i < n; i++) inside[i] = normalisedRadius(outline, seedOf(i)) < 1 ? 1 : 0

  // Fill holes: outside cells not connected to the convex hull through other outside cells.
  const reachesHull = new Uint8Array(n)
  const stack: number[] = []
  for (const h of delaunay.hull) {
    if (!inside[h] && !reachesHull[h]) {
      reachesHull[h] = 1
      stack.push(h)
    }
  }
  while (stack.length > 0) {
    const i = stack.pop() as number
    for (const j of delaunay.neighbors(i)) {
      if (!inside[j] && !reachesHull[j]) {
        reachesHull[j] = 1
        stack.push(j)
      }
    }
  }
  for (let i = 0; i < n; i++) if (!inside[i] && !reachesHull[i]) inside[i] = 1

  const cells: CityCell[] = []
  for (let i = 0; i < n; i++) {
    if (!inside[i]) continue
    const poly = voronoi.cellPolygon(i) as Position[] | null
    if (!poly) throw new Error(`Voronoi cell ${i} is empty; expected a polygon for every seed.`)
    let ringM = poly.map((p): Position => [p[0], p[1]])
    for (const p of ringM) {
      if (Math.abs(p[0]) >= bound - 1e-6 || Math.abs(p[1]) >= bound - 1e-6) {
        throw new Error(
          'A city cell touches the Voronoi bounds; expected a margin of outside cells.',
        )
      }
    }
    const { centroid, area } = centroidOf(ringM)
    if (area < 0) ringM = ringM.reverse()
    const ring: Ring = []
    for (const p of ringM) {
      const q = toLonLat(p)
      const last = ring[ring.length - 1]
      if (!last || last[0] !== q[0] || last[1] !== q[1]) ring.push(q)
    }
    cells.push({ seed: seedOf(i), ringM, ring, area: Math.abs(area), centroid, neighbours: [] })
  }

  linkNeighbours(cells)

  // Keep the largest edge-connected piece (the outline may pinch off a few cells).
  const component = new Int32Array(cells.length).fill(-1)
  const sizes: number[] = []
  for (let i = 0; i < cells.length; i++) {
    if (component[i] !== -1) continue
    const id = sizes.length
    let size = 0
    const todo = [i]
    component[i] = id
    while (todo.length > 0) {
      const c = todo.pop() as number
      size++
      for (const nb of (cells[c] as CityCell).neighbours) {
        if (component[nb] === -1) {
          component[nb] = id
          todo.push(nb)
        }
      }
    }
    sizes.push(size)
  }
  const largest = sizes.indexOf(Math.max(...sizes))
  const kept = cells.filter((_, i) => component[i] === largest)
  linkNeighbours(kept)
  return kept
}

/** Sets each cell's neighbours: cells sharing an edge with identical (rounded) end points. */
function linkNeighbours(cells: CityCell[]): void {
  const byEdge = new Map<string, number[]>()
  cells.forEach((cell, i) => {
    for (let k = 0; k < cell.ring.length - 1; k++) {
      const key = edgeKey(cell.ring[k] as Position, cell.ring[k + 1] as Position)
      const list = byEdge.get(key)
      if (list) list.push(i)
      else byEdge.set(key, [i])
    }
  })
  const sets = cells.map(() => new Set<number>())
  for (const list of byEdge.values()) {
    if (list.length === 2) {
      const [a, b] = list as [number, number]
      sets[a]?.add(b)
      sets[b]?.add(a)
    }
  }
  cells.forEach((cell, i) => {
    cell.neighbours = [...(sets[i] as Set<number>)].sort((x, y) => x - y)
  })
}

/**
 * A random point inside a (convex) cell, in metres, kept away from the boundary: a random point
 * of a random fan triangle, pulled towards the seed.
 */
export function randomPointInCell(rng: Random, cell: CityCell): Position {
  const ring = cell.ringM
  const areas: number[] = []
  for (let i = 0; i < ring.length - 1; i++) {
    const p = ring[i] as Position
    const q = ring[i + 1] as Position
    areas.push(
      Math.abs(
        (p[0] - cell.seed[0]) * (q[1] - cell.seed[1]) -
          (q[0] - cell.seed[0]) * (p[1] - cell.seed[1]),
      ),
    )
  }
  const t = rng.weightedIndex(areas)
  const p = ring[t] as Position
  const q = ring[t + 1] as Position
  let u = rng.next()
  let v = rng.next()
  if (u + v > 1) {
    u = 1 - u
    v = 1 - v
  }
  const shrink = 0.8
  return [
    cell.seed[0] + shrink * (u * (p[0] - cell.seed[0]) + v * (q[0] - cell.seed[0])),
    cell.seed[1] + shrink * (u * (p[1] - cell.seed[1]) + v * (q[1] - cell.seed[1])),
  ]
}
