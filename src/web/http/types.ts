/**
 * The JSON the web app reads from the Planraum HTTP API (`/api`). Hand-written from the API
 * description until the server's zod schemas can be shared as browser-safe types.
 */
import type { FeatureCollection, MultiPolygon, Point } from '../../core/geo/geojson.js'
import type { FacilityCategory } from '../../modules/demo/types.js'

export type { FacilityCategory }

export interface Health {
  status: 'ok'
  database: 'pglite' | 'postgres'
  version: string
}

export interface OrganisationListItem {
  slug: string
  name: string
  isDemo: boolean
}

export interface Organisation extends OrganisationListItem {
  officialKey: string | null
  minCaseNumber: number
  defaultLanguage: 'de' | 'en'
}

export interface Layer {
  key: string
  nameDe: string
  nameEn: string
  /** 0 = Gesamtstadt; each further layer nests in the one above. */
  level: number
  areaCount: number
}

export interface Summary {
  periods: { first: number; last: number }
  /** Residents of the whole city by year. */
  population: { period: number; value: number }[]
  layers: Layer[]
  facilities: { category: string; count: number; capacity: number | null }[]
}

export interface AreaProperties {
  code: string
  name: string
  layer: string
  parentCode: string | null
  areaKm2: number
}

export type AreaCollection = FeatureCollection<MultiPolygon, AreaProperties>

export interface PopulationValues {
  layer: string
  period: number
  values: { code: string; population: number | null }[]
}

export interface FacilityProperties {
  id: string | number
  name: string
  category: string
  providerName: string | null
  providerKind: string | null
  association: string | null
  capacity: number | null
  capacityUnit: string | null
  targetGroup: string | null
  street: string | null
  postcode: string | null
}

export type FacilityCollection = FeatureCollection<Point, FacilityProperties>

/** The error body of every failed API request. */
export interface ApiErrorBody {
  error: { code: string; message: string }
}

/** The facility categories in the order the UI lists them. */
export const FACILITY_CATEGORIES = [
  'kita',
  'school',
  'youth_centre',
  'senior_centre',
  'counselling',
  'family_centre',
] as const satisfies readonly FacilityCategory[]
