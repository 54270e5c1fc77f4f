/** The GeoJSON geometry types Planraum exchanges (RFC 7946), without a dependency. */
export type Position = [number, number]
export type Ring = Position[]

export interface Point {
  type: 'Point'
  coordinates: Position
}

export interface Polygon {
  type: 'Polygon'
  coordinates: Ring[]
}

export interface MultiPolygon {
  type: 'MultiPolygon'
  coordinates: Ring[][]
}

export interface Feature<G = Polygon | MultiPolygon | Point, P = Record<string, unknown>> {
  type: 'Feature'
  id?: string | number
  geometry: G
  properties: P
}

export interface FeatureCollection<
  G = Polygon | MultiPolygon | Point,
  P = Record<string, unknown>,
> {
  type: 'FeatureCollection'
  features: Feature<G, P>[]
}
