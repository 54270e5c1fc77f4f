/**
 * Planar measures and orientation of linear rings (RFC 7946: closed, exterior counter-clockwise,
 * holes clockwise). Coordinates are treated as planar; for lon/lat input the area is in square
 * degrees, which is fine for comparisons and orientation but not for hectares.
 */
import type { Position, Ring } from './geojson.js'

/**
 * Signed planar area of a ring by the shoelace formula: positive when counter-clockwise.
 * Works for closed and unclosed rings. Coordinates are taken relative to the first vertex so
 * that large offsets (lon/lat around 9°, 52°) do not cost precision.
 *
 * @example
 * signedRingArea([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) // 1
 */
export function signedRingArea(ring: readonly Position[]): number {
  const n = ring.length
  if (n < 3) return 0
  const [x0, y0] = ring[0] as Position
  let sum = 0
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Position
    const b = ring[(i + 1) % n] as Position
    sum += (a[0] - x0) * (b[1] - y0) - (b[0] - x0) * (a[1] - y0)
  }
  return sum / 2
}

/**
 * Planar area of a polygon (exterior minus holes), independent of the rings' orientation.
 *
 * @example
 * polygonArea([square10, square2]) // 100 - 4
 */
export function polygonArea(polygon: readonly Ring[]): number {
  let area = 0
  polygon.forEach((ring, i) => {
    const a = Math.abs(signedRingArea(ring))
    area += i === 0 ? a : -a
  })
  return area
}

/** Planar area of a multipolygon: the sum of its polygons' areas. */
export function multiPolygonArea(polygons: readonly Ring[][]): number {
  let area = 0
  for (const polygon of polygons) area += polygonArea(polygon)
  return area
}

/** True when the ring has at least four positions and its first and last positions are equal. */
export function isClosedRing(ring: readonly Position[]): boolean {
  const first = ring[0]
  const last = ring[ring.length - 1]
  return (
    ring.length >= 4 &&
    first !== undefined &&
    last !== undefined &&
    first[0] === last[0] &&
    first[1] === last[1]
  )
}

/** A closed copy of the ring (appends the first position if the ring is open). */
export function closeRing(ring: readonly Position[]): Ring {
  const out = ring.map((p): Position => [p[0], p[1]])
  const first = out[0]
  const last = out[out.length - 1]
  if (first && last && (first[0] !== last[0] || first[1] !== last[1]))
    out.push([first[0], first[1]])
  return out
}

/**
 * A copy of the polygon with RFC 7946 orientation: exterior ring counter-clockwise, holes
 * clockwise.
 */
export function rewindPolygon(polygon: readonly Ring[]): Ring[] {
  return polygon.map((ring, i) => {
    const ccw = signedRingArea(ring) > 0
    const wantCcw = i === 0
    const copy = ring.map((p): Position => [p[0], p[1]])
    return ccw === wantCcw ? copy : copy.reverse()
  })
}
