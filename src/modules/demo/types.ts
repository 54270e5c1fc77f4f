/**
 * The demo city as plain data: what the seeded generator produces and the loader writes.
 * Pure data, no I/O — the same structure could come from files.
 */
import type { MultiPolygon } from '../../core/geo/geojson.js'

export interface DemoLayer {
  key: string
  nameDe: string
  nameEn: string
  /** 0 = Gesamtstadt (coarsest); each further layer nests exactly in the one above. */
  level: number
}

export interface DemoArea {
  layerKey: string
  /** Unique within the layer, e.g. "03" (Stadtbezirk), "03.02" (Sozialraum), "03.02.004" (block). */
  code: string
  name: string
  /** Code of the parent area in the next coarser layer; null for the Gesamtstadt. */
  parentCode: string | null
  /** WGS84 lon/lat (EPSG:4326), RFC 7946 ring orientation. */
  geometry: MultiPolygon
}

export interface DemoVariable {
  key: string
  nameDe: string
  nameEn: string
  unit: string
  topic: string
  source: string
}

/**
 * Yearly observations of the finest layer as a dense cube.
 * `values[(v * areaCodes.length + a) * periods.length + p]`; NaN = no value.
 */
export interface DemoObservations {
  variableKeys: string[]
  areaCodes: string[]
  periods: number[]
  values: Float64Array
}

export interface DemoProvider {
  name: string
  kind: 'public' | 'free_welfare' | 'private'
  association: 'AWO' | 'Caritas' | 'Diakonie' | 'DRK' | 'Paritätischer' | 'ZWST' | null
}

export type FacilityCategory =
  'kita' | 'school' | 'youth_centre' | 'senior_centre' | 'counselling' | 'family_centre'

export interface DemoFacility {
  providerName: string
  category: FacilityCategory
  name: string
  street: string
  postcode: string
  capacity: number
  /** e.g. "Plätze", "Schülerinnen und Schüler" */
  capacityUnit: string
  targetGroup: string
  opened: number
  lon: number
  lat: number
}

export interface DemoCity {
  organization: { slug: string; name: string; officialKey: string | null }
  /** Seed and generator version, recorded with the import so the data can be traced and rebuilt. */
  provenance: { generator: string; version: number; seed: number }
  layers: DemoLayer[]
  areas: DemoArea[]
  variables: DemoVariable[]
  observations: DemoObservations
  providers: DemoProvider[]
  facilities: DemoFacility[]
}
