/**
 * The MapLibre style of the atlas. Without a basemap the style is a background layer only: nothing
 * is fetched (no tiles, glyphs or sprites; area names are drawn with the browser's own sans-serif
 * font, as on the overview map). With a basemap style URL, the atlas layers are added on top of it.
 *
 * Colours come from feature state (`fill`), not from the data: switching indicator, year, mode or
 * classes sets one state per area and never re-parses or re-tiles the geometry.
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl'

import { categoryColourExpression } from '../../overview/mapStyle.js'
import { NO_DATA_COLOUR } from '../../../core/maps/palettes.js'

export const AREA_SOURCE = 'atlas-areas'
export const FACILITY_SOURCE = 'atlas-facilities'
export const LAYER_IDS = {
  background: 'atlas-background',
  fill: 'atlas-fill',
  outline: 'atlas-outline',
  highlight: 'atlas-highlight',
  facilities: 'atlas-facilities',
  labels: 'atlas-labels',
} as const

export const BACKGROUND_COLOUR = '#eef1f5'

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] })

/** The style without basemap: a plain background. */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [
      {
        id: LAYER_IDS.background,
        type: 'background',
        paint: { 'background-color': BACKGROUND_COLOUR },
      },
    ],
  }
}

/** The sources of the atlas, empty until data arrive through `setData`. */
export function atlasSources(): Record<string, SourceSpecification> {
  return {
    [AREA_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'code' },
    [FACILITY_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
  }
}

const state = (name: string): ExpressionSpecification => ['boolean', ['feature-state', name], false]

/**
 * The atlas layers: fills (opaque without a basemap, so the e2e test can compare pixel colours
 * with the legend), outlines, the hovered/selected area, facilities and (without basemap) labels.
 */
export function atlasLayers(options: { basemap: boolean; labels: boolean }): LayerSpecification[] {
  const layers: LayerSpecification[] = [
    {
      id: LAYER_IDS.fill,
      type: 'fill',
      source: AREA_SOURCE,
      paint: {
        'fill-color': ['to-color', ['coalesce', ['feature-state', 'fill'], NO_DATA_COLOUR]],
        'fill-opacity': options.basemap ? 0.75 : 1,
      },
    },
    {
      id: LAYER_IDS.outline,
      type: 'line',
      source: AREA_SOURCE,
      paint: { 'line-color': '#4b5563', 'line-width': 0.6 },
    },
    {
      id: LAYER_IDS.highlight,
      type: 'line',
      source: AREA_SOURCE,
      paint: {
        'line-color': ['case', state('selected'), '#0b4ea2', '#000000'],
        'line-width': ['case', state('selected'), 3.5, state('hover'), 2.5, 0],
      },
    },
    {
      id: LAYER_IDS.facilities,
      type: 'circle',
      source: FACILITY_SOURCE,
      filter: facilityFilter([]),
      paint: {
        'circle-color': categoryColourExpression(),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3.5, 14, 7],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  ]
  // A basemap style brings its own glyph server; our labels would ask it for a "sans-serif" font.
  if (!options.basemap) {
    layers.push({
      id: LAYER_IDS.labels,
      type: 'symbol',
      source: AREA_SOURCE,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['sans-serif'],
        'text-size': 12,
        'text-max-width': 8,
        'text-padding': 4,
        visibility: options.labels ? 'visible' : 'none',
      },
      paint: {
        'text-color': '#1b1b1b',
        'text-halo-color': '#ffffff',
        'text-halo-width': 1.6,
      },
    })
  }
  return layers
}

/** Shows only facilities of the `visible` categories. */
export function facilityFilter(visible: readonly string[]): FilterSpecification {
  return ['in', ['get', 'category'], ['literal', [...visible]]]
}

/**
 * The basemap style URL: `?basemap=` in the address when it is a path on this server, else the
 * operator's style (`configured`, from GET /api/config), else none. The address may name only
 * same-origin paths: a shared link must not make a visitor's browser fetch from another host.
 *
 * @example basemapUrl('?basemap=/basemap/style.json', null) // '/basemap/style.json'
 * @example basemapUrl('?basemap=https://elsewhere.example/style.json', null) // null
 */
export function basemapUrl(search: string, configured: string | null = null): string | null {
  const value = new URLSearchParams(search).get('basemap')
  return value !== null && isSameOriginPath(value) ? value : configured
}

/** `/a/b` stays on this server; `//host/…` and `/\\host/…` (read as `//host`) do not. */
function isSameOriginPath(value: string): boolean {
  const base = 'http://same-origin.invalid'
  try {
    return value.startsWith('/') && new URL(value, base).origin === base
  } catch {
    return false
  }
}
