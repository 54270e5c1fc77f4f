import type { FeatureCollection, MultiPolygon } from '../../core/geo/geojson.js'
import type { FacilityCollection, FacilityProperties } from '../http/types.js'
import type { BBox } from '../lib/geo.js'

/** What the map needs of an area: its code (feature id), name for the label and fill colour. */
export interface MapAreaProperties {
  code: string
  name: string
  fill: string
}

export interface AreaMapProps {
  /** Key of the layer shown; written to `data-layer` once drawn (tests wait for it). */
  layerKey: string
  areas: FeatureCollection<MultiPolygon, MapAreaProperties>
  /** The city's bounds; the map fits them once, when first shown. */
  bounds: BBox | null
  facilities: FacilityCollection | null
  visibleCategories: readonly string[]
  /** Accessible name of the map. */
  label: string
  /** Text shown on hover over an area: its name and value. */
  describeArea: (code: string) => string
  describeFacility: (facility: FacilityProperties) => string
}
