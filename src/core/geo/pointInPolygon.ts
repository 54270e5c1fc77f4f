/**
 * Point-in-polygon for planar rings (even–odd rule over the exterior and its holes), with exact
 * detection of points on the boundary.
 */
import type { Position, Ring } from './geojson.js'

/** Where a point lies relative to a polygon. */
export type PointLocation = 'inside' | 'boundary' | 'outside'

/** True when p lies exactly on the segment a–b (exact arithmetic on the given doubles). */
function onSegment(p: Position, a: Position, b: Position): boolean {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
  if (cross !== 0) return false
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  )
}

/** Locates p relative to one ring (closed or open): ray casting to the right. */
function locateInRing(p: Position, ring: readonly Position[]): PointLocation {
  let inside = false
  const n = ring.length
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i] as Position
    const b = ring[j] as Position
    if (onSegment(p, a, b)) return 'boundary'
    // Half-open rule on y avoids counting a vertex twice.
    if (a[1] > p[1] !== b[1] > p[1]) {
      const x = a[0] + ((p[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1])
      if (p[0] < x) inside = !inside
    }
  }
  return inside ? 'inside' : 'outside'
}

/**
 * Locates a point relative to a polygon given as [exterior, ...holes].
 *
 * @example
 * locatePointInPolygon([0.5, 0.5], [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]) // 'inside'
 */
export function locatePointInPolygon(p: Position, polygon: readonly Ring[]): PointLocation {
  const [exterior, ...holes] = polygon
  if (!exterior) return 'outside'
  const outer = locateInRing(p, exterior)
  if (outer !== 'inside') return outer
  for (const hole of holes) {
    const h = locateInRing(p, hole)
    if (h === 'boundary') return 'boundary'
    if (h === 'inside') return 'outside'
  }
  return 'inside'
}

/** Locates a point relative to a multipolygon's coordinates (an array of polygons). */
export function locatePointInMultiPolygon(
  p: Position,
  polygons: readonly (readonly Ring[])[],
): PointLocation {
  let result: PointLocation = 'outside'
  for (const polygon of polygons) {
    const loc = locatePointInPolygon(p, polygon)
    if (loc === 'inside') return 'inside'
    if (loc === 'boundary') result = 'boundary'
  }
  return result
}

/**
 * True when the point lies inside the multipolygon or on its boundary.
 *
 * @example
 * pointInMultiPolygon([9.4, 52.28], city.geometry.coordinates)
 */
export function pointInMultiPolygon(p: Position, polygons: readonly (readonly Ring[])[]): boolean {
  return locatePointInMultiPolygon(p, polygons) !== 'outside'
}
