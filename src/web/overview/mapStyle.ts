/**
 * The MapLibre style of the density map: no basemap (a background layer only), the areas as a
 * choropleth with outlines, the facilities as circles, the area names on top. Labels are drawn with the
 * browser's own sans-serif font: the style has no `glyphs` URL, so nothing is fetched.
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl'

import { CATEGORY_COLOURS, OTHER_CATEGORY_COLOUR } from '../lib/palette.js'

export const AREA_SOURCE = 'areas'
export const FACILITY_SOURCE = 'facilities'
export const LAYER_IDS = {
  background: 'background',
  fill: 'areas-fill',
  outline: 'areas-outline',
  labels: 'areas-labels',
  facilities: 'facilities',
} as const

/** A fresh empty collection per style, so MapLibre may keep and mutate what it is given. */
const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] })

/** The whole style with empty sources; data arrive through `setData`. */
export function densityStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [AREA_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'code' },
      [FACILITY_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
    },
    layers: [
      { id: LAYER_IDS.background, type: 'background', paint: { 'background-color': '#eef1f5' } },
      ...areaLayers(),
      facilityLayer([]),
      labelLayer(),
    ],
  }
}

function areaLayers(): LayerSpecification[] {
  const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false]
  return [
    {
      id: LAYER_IDS.fill,
      type: 'fill',
      source: AREA_SOURCE,
      paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.92 },
    },
    {
      id: LAYER_IDS.outline,
      type: 'line',
      source: AREA_SOURCE,
      paint: {
        'line-color': ['case', hover, '#000000', '#3d4552'],
        'line-width': ['case', hover, 3, 0.9],
      },
    },
  ]
}

/** `match` expression from category to colour. */
export function categoryColourExpression(): ExpressionSpecification {
  const c = CATEGORY_COLOURS
  return [
    'match',
    ['get', 'category'],
    'kita',
    c.kita,
    'school',
    c.school,
    'youth_centre',
    c.youth_centre,
    'senior_centre',
    c.senior_centre,
    'counselling',
    c.counselling,
    'family_centre',
    c.family_centre,
    OTHER_CATEGORY_COLOUR,
  ]
}

/** Shows only facilities of the `visible` categories. */
export function facilityFilter(visible: readonly string[]): FilterSpecification {
  return ['in', ['get', 'category'], ['literal', [...visible]]]
}

function facilityLayer(visible: readonly string[]): LayerSpecification {
  return {
    id: LAYER_IDS.facilities,
    type: 'circle',
    source: FACILITY_SOURCE,
    filter: facilityFilter(visible),
    paint: {
      'circle-color': categoryColourExpression(),
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3.5, 14, 7],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  }
}

/**
 * How area names are drawn on every map: the feature's `name` in the browser's own sans-serif font
 * (no glyph server), dark on a white halo.
 */
export const AREA_LABEL_LAYOUT = {
  'text-field': ['get', 'name'],
  'text-font': ['sans-serif'],
  'text-size': 12,
  'text-max-width': 8,
  'text-padding': 4,
} satisfies SymbolLayerSpecification['layout']

export const AREA_LABEL_PAINT = {
  'text-color': '#1b1b1b',
  'text-halo-color': '#ffffff',
  'text-halo-width': 1.6,
} satisfies SymbolLayerSpecification['paint']

/** Area names above the points: the names orient, the points are looked up in the legend. */
function labelLayer(): LayerSpecification {
  return {
    id: LAYER_IDS.labels,
    type: 'symbol',
    source: AREA_SOURCE,
    layout: AREA_LABEL_LAYOUT,
    paint: AREA_LABEL_PAINT,
  }
}
