/**
 * The data of the atlas as the API sends them (`/api/orgs/:org/indicators`, `/values`), and the
 * state of an atlas view. Shared by the atlas page, its controls, the table and the area profile.
 */
import type { ClassificationMethod } from '../../core/analysis/classify.js'
import type { MapMode } from '../../core/maps/choropleth.js'
import type { Polarity } from '../../core/indicators/types.js'
import type { ValueRow } from '../../modules/monitoring/types.js'

export type { ClassificationMethod, MapMode, Polarity, ValueRow }

/** An indicator (Kennzahl) with its metadata (`GET /api/orgs/:org/indicators`). */
export interface IndicatorMeta {
  key: string
  nameDe: string
  nameEn: string
  definitionDe: string
  definitionEn: string
  formula: string
  unit: string
  decimals: number
  polarity: Polarity
  topic: string
  source: string
  minCaseNumber: number | null
  /** Present for staff with internal access; the public sees published indicators only. */
  published?: boolean
  updatedAt: string
}

/** The map modes in the order the UI offers them. */
export const MAP_MODES = ['value', 'change', 'deviation'] as const satisfies readonly MapMode[]

/**
 * The view of the atlas as the address holds it (`/atlas?org=…&indicator=…`), so that any view can
 * be bookmarked, shared and embedded. `null` means "not chosen": the page fills in a default.
 */
export interface AtlasState {
  indicator: string | null
  layer: string | null
  period: number | null
  mode: MapMode
  /** The earlier year of a change map (`mode = change`). */
  from: number | null
  method: ClassificationMethod
  /** Number of classes (3–9); for manual breaks it follows from the breaks. */
  k: number
  /** Manual class breaks: the inner bounds, ascending (`method = manual`). */
  breaks: number[] | null
  /** The selected area (code). */
  area: string | null
  /** Facility categories shown as points. */
  facilities: string[]
  /** Area names on the map. */
  labels: boolean
}
