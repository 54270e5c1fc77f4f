/**
 * Exact union of polygons that tile the plane without overlaps and share identical vertices along
 * common edges (a planar partition: Voronoi cells, statistical blocks, cadastral parcels after
 * snapping). No clipping and no new coordinates: an edge inside the union belongs to exactly two
 * input polygons, once in each direction, so it cancels; the remaining edges are the boundary.
 * Because the output reuses the input vertices bit for bit, a parent area built this way nests
 * exactly over its children.
 */
import type { Position, Ring } from './geojson.js'
import { locatePointInPolygon } from './pointInPolygon.js'
import { signedRingArea } from './ring.js'

interface DirectedEdge {
  from: Position
  to: Position
  fromKey: string
  toKey: string
  used: boolean
}

const keyOf = (p: Position): string => `${p[0]},${p[1]}`

/** Positions of a ring without the closing duplicate and without consecutive repeats. */
function openVertices(ring: readonly Position[]): Position[] {
  const out: Position[] = []
  for (const p of ring) {
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  const first = out[0]
  const last = out[out.length - 1]
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop()
  return out
}

/**
 * Angle by which one must turn clockwise from direction `back` (pointing to where we came from) to
 * reach direction `out`, in (0, 2π]. Taking the smallest such turn keeps the interior on the left
 * and splits the boundary at vertices where the union touches itself.
 */
function clockwiseTurn(back: Position, out: Position): number {
  let a = Math.atan2(back[1], back[0]) - Math.atan2(out[1], out[0])
  while (a <= 0) a += 2 * Math.PI
  while (a > 2 * Math.PI) a -= 2 * Math.PI
  return a
}

/**
 * Union of non-overlapping polygons with shared vertices, by edge cancellation.
 *
 * Input: polygons as [exterior, ...holes] (any orientation, closed or open rings). Output: the
 * polygons of the union, each [exterior counter-clockwise, ...holes clockwise] with closed rings
 * (RFC 7946). Edges shared by two inputs must have identical endpoint coordinates in both; edges
 * that only partly overlap (a T-junction without a vertex) are not merged. The output is
 * deterministic for a given input order.
 *
 * @example
 * // two unit squares side by side → one 2×1 rectangle (6 vertices: the shared corners remain)
 * unionByEdgeCancellation([
 *   [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
 *   [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]],
 * ])
 */
export function unionByEdgeCancellation(polygons: readonly (readonly Ring[])[]): Ring[][] {
  // Net count per directed edge: +1 for a→b, and a later b→a cancels it.
  const edges = new Map<string, { edge: DirectedEdge; count: number }>()
  for (const polygon of polygons) {
    polygon.forEach((ring, ringIndex) => {
      const vertices = openVertices(ring)
      if (vertices.length < 3) return
      // Interior on the left: exterior counter-clockwise, holes clockwise.
      const ccw = signedRingArea(vertices) > 0
      if (ccw !== (ringIndex === 0)) vertices.reverse()
      for (let i = 0; i < vertices.length; i++) {
        const from = vertices[i] as Position
        const to = vertices[(i + 1) % vertices.length] as Position
        const fromKey = keyOf(from)
        const toKey = keyOf(to)
        const reverse = edges.get(`${toKey}>${fromKey}`)
        if (reverse && reverse.count > 0) {
          reverse.count -= 1
          continue
        }
        const key = `${fromKey}>${toKey}`
        const entry = edges.get(key)
        if (entry) entry.count += 1
        else edges.set(key, { edge: { from, to, fromKey, toKey, used: false }, count: 1 })
      }
    })
  }

  const outgoing = new Map<string, DirectedEdge[]>()
  const boundary: DirectedEdge[] = []
  for (const { edge, count } of edges.values()) {
    for (let c = 0; c < count; c++) {
      const e = c === 0 ? edge : { ...edge }
      boundary.push(e)
      const list = outgoing.get(e.fromKey)
      if (list) list.push(e)
      else outgoing.set(e.fromKey, [e])
    }
  }

  const rings: Ring[] = []
  for (const start of boundary) {
    if (start.used) continue
    start.used = true
    const ring: Ring = [[start.from[0], start.from[1]]]
    let current = start
    for (;;) {
      ring.push([current.to[0], current.to[1]])
      if (current.toKey === start.fromKey) break
      const candidates = (outgoing.get(current.toKey) ?? []).filter((e) => !e.used)
      let next = candidates[0]
      if (!next) throw new Error(`Open boundary at ${current.toKey}: the input is not a partition.`)
      if (candidates.length > 1) {
        const back: Position = [current.from[0] - current.to[0], current.from[1] - current.to[1]]
        let best = Infinity
        for (const e of candidates) {
          const turn = clockwiseTurn(back, [e.to[0] - e.from[0], e.to[1] - e.from[1]])
          if (turn < best) {
            best = turn
            next = e
          }
        }
      }
      next.used = true
      current = next
    }
    rings.push(ring)
  }

  // Counter-clockwise rings are exteriors; each clockwise ring is a hole of the smallest
  // exterior that contains it.
  const exteriors = rings
    .map((ring) => ({ ring, area: signedRingArea(ring), holes: [] as Ring[] }))
    .filter((r) => r.area > 0)
  for (const ring of rings) {
    if (signedRingArea(ring) > 0) continue
    const a = ring[0] as Position
    const b = ring[1] as Position
    // The midpoint of a hole edge cannot lie on the exterior (edges do not overlap).
    const probe: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
    let owner: (typeof exteriors)[number] | undefined
    for (const ext of exteriors) {
      if (locatePointInPolygon(probe, [ext.ring]) === 'outside') continue
      if (!owner || ext.area < owner.area) owner = ext
    }
    if (!owner) throw new Error('A hole lies outside every exterior ring: the input overlaps.')
    owner.holes.push(ring)
  }
  return exteriors.map((ext) => [ext.ring, ...ext.holes])
}
