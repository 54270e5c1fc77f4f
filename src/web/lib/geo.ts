/** Geometry helpers the browser needs; pure, over RFC 7946 GeoJSON. */
import type {
  FeatureCollection,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from '../../core/geo/geojson.js'

/** `[west, south, east, north]` in degrees. */
export type BBox = [number, number, number, number]

/**
 * The bounding box of all coordinates in a collection; null when it has none.
 *
 * @example bbox({ type: 'FeatureCollection', features: [pointFeature([7, 51])] }) // [7, 51, 7, 51]
 */
export function bbox(
  collection: FeatureCollection<Polygon | MultiPolygon | Point, unknown>,
): BBox | null {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  const add = ([lon, lat]: Position) => {
    if (lon < west) west = lon
    if (lon > east) east = lon
    if (lat < south) south = lat
    if (lat > north) north = lat
  }
  for (const { geometry } of collection.features) {
    if (!geometry) continue
    switch (geometry.type) {
      case 'Point':
        add(geometry.coordinates)
        break
      case 'Polygon':
        for (const ring of geometry.coordinates) ring.forEach(add)
        break
      case 'MultiPolygon':
        for (const polygon of geometry.coordinates) for (const ring of polygon) ring.forEach(add)
        break
    }
  }
  return Number.isFinite(west) ? [west, south, east, north] : null
}
