/**
 * The MapLibre style of the atlas. Without a basemap the style is a background layer only: nothing
 * is fetched (no tiles, glyphs or sprites; area names are drawn with the browser's own sans-serif
 * font, as on the overview map). With a basemap style URL, the atlas layers are added on top of it.
 *
 * The areas are vector tiles cut on the server from the layer's topology (areaSource): the map
 * fetches the few tiles of its view, ready to draw, instead of tiling the whole layer itself.
 * Colours come from feature state (`fill`), not from the data: switching indicator, year, mode or
 * classes sets one state per area and never re-parses or re-tiles the geometry.
 *
 * Every frame draws every visible area, so the layers are kept cheap for layers of ~11,000 areas
 * (measured in bench/atlas.bench.ts, where a frame with names, line outlines and an all-area
 * highlight layer cost four times one with fills alone):
 * - outlines are the fill layer's own antialiasing pass (`fill-outline-color`), not a line layer;
 * - the hovered and the selected area are drawn from a source holding just those two;
 * - names appear from the zoom at which a typical area has room for one (`labelMinZoom`).
 */
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl'

import type { Feature, FeatureCollection, MultiPolygon } from '../../../core/geo/geojson.js'
import { NO_DATA_COLOUR } from '../../../core/maps/palettes.js'
import { mercator } from '../../../core/maps/svg.js'
import { bbox } from '../../lib/geo.js'
import {
  AREA_LABEL_LAYOUT,
  AREA_LABEL_PAINT,
  categoryColourExpression,
} from '../../overview/mapStyle.js'

export const AREA_SOURCE = 'atlas-areas'
export const HIGHLIGHT_SOURCE = 'atlas-highlighted'
export const FACILITY_SOURCE = 'atlas-facilities'
export const LAYER_IDS = {
  background: 'atlas-background',
  fill: 'atlas-fill',
  highlight: 'atlas-highlight',
  facilities: 'atlas-facilities',
  labels: 'atlas-labels',
} as const

export const BACKGROUND_COLOUR = '#eef1f5'
/** Area borders: a one-pixel line, half-transparent grey, so that dense layers stay readable. */
export const OUTLINE_COLOUR = 'rgba(75, 85, 99, 0.6)'

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

/** The overlay sources of the atlas, empty until data arrive through `setData`. */
export function atlasSources(): Record<string, SourceSpecification> {
  return {
    [HIGHLIGHT_SOURCE]: { type: 'geojson', data: empty() },
    [FACILITY_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
  }
}

/** The one layer of the area tiles (src/modules/areas/tiles.ts, TILE_LAYER). */
export const AREA_TILE_LAYER = 'areas'

/** What the area source needs of a layer's TileJSON (web/atlas/api.ts, LayerTileSet). */
export interface AreaTiles {
  tiles: string[]
  minzoom: number
  maxzoom: number
  /** [west, south, east, north]. */
  bounds: [number, number, number, number]
}

/**
 * The areas the map draws: a layer's vector tiles cut on the server (the atlas), or GeoJSON that
 * MapLibre tiles itself (the analysis maps, whose labels are computed per view).
 */
export type MapAreas = AreaTiles | FeatureCollection<MultiPolygon, { code: string; name: string }>

export const isTiles = (areas: MapAreas): areas is AreaTiles => 'tiles' in areas

/** The `source-layer` of the area layers: the tiles' one layer, none for GeoJSON. */
export const areaSourceLayer = (areas: MapAreas): string | undefined =>
  isTiles(areas) ? AREA_TILE_LAYER : undefined

/** Each area's `code` is its feature id (for feature state), its `name` the label. */
export function areaSource(areas: MapAreas): SourceSpecification {
  if (!isTiles(areas)) return { type: 'geojson', data: areas, promoteId: 'code' }
  return {
    type: 'vector',
    tiles: areas.tiles,
    minzoom: areas.minzoom,
    maxzoom: areas.maxzoom,
    bounds: areas.bounds,
    promoteId: { [AREA_TILE_LAYER]: 'code' },
  }
}

/** [west, south, east, north] of the areas, or null for none. */
export function areaBounds(areas: MapAreas): [number, number, number, number] | null {
  if (isTiles(areas)) return areas.bounds
  const box = bbox(areas)
  return box ? [box[0], box[1], box[2], box[3]] : null
}

/** How an area is highlighted: the selected one, or the one under the pointer. */
export type HighlightKind = 'selected' | 'hover'

/**
 * The area fills with their outlines: opaque without a basemap, so the e2e test can compare pixel
 * colours with the legend. Drawn below the overlays (`before`).
 */
export function fillLayer(options: {
  basemap: boolean
  sourceLayer: string | undefined
}): LayerSpecification {
  return {
    id: LAYER_IDS.fill,
    type: 'fill',
    source: AREA_SOURCE,
    ...(options.sourceLayer ? { 'source-layer': options.sourceLayer } : {}),
    paint: {
      'fill-color': ['to-color', ['coalesce', ['feature-state', 'fill'], NO_DATA_COLOUR]],
      'fill-outline-color': OUTLINE_COLOUR,
      'fill-opacity': options.basemap ? 0.75 : 1,
    },
  }
}

/**
 * The area names, on top of everything; null with a basemap (its style brings its own glyph
 * server, which our labels would ask for a "sans-serif" font). Hidden below `minzoom`, which the
 * map sets from the geometry (labelMinZoom) once it has it.
 */
export function labelLayer(options: {
  basemap: boolean
  labels: boolean
  minzoom: number
  sourceLayer: string | undefined
}): LayerSpecification | null {
  if (options.basemap) return null
  return {
    id: LAYER_IDS.labels,
    type: 'symbol',
    source: AREA_SOURCE,
    ...(options.sourceLayer ? { 'source-layer': options.sourceLayer } : {}),
    minzoom: options.minzoom,
    layout: { ...AREA_LABEL_LAYOUT, visibility: options.labels ? 'visible' : 'none' },
    paint: AREA_LABEL_PAINT,
  }
}

/** The layers above the areas: the hovered and selected area, and facilities. */
export function overlayLayers(): LayerSpecification[] {
  const selected: ExpressionSpecification = ['==', ['get', 'kind'], 'selected']
  return [
    {
      id: LAYER_IDS.highlight,
      type: 'line',
      source: HIGHLIGHT_SOURCE,
      paint: {
        'line-color': ['case', selected, '#0b4ea2', '#000000'],
        'line-width': ['case', selected, 3.5, 2.5],
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
}

/**
 * The highlight source's features: the selected area and the hovered one (when it is another).
 */
export function highlightFeatures(
  byCode: ReadonlyMap<string, Feature<MultiPolygon, unknown>>,
  selected: string | null,
  hovered: string | null,
): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = []
  const add = (code: string | null, kind: HighlightKind) => {
    const feature = code === null ? undefined : byCode.get(code)
    if (feature)
      features.push({ type: 'Feature', geometry: feature.geometry, properties: { kind } })
  }
  add(selected, 'selected')
  if (hovered !== selected) add(hovered, 'hover')
  return { type: 'FeatureCollection', features }
}

/** Side of a square, in pixels, that an area needs before names are shown (a short name fits). */
export const LABEL_ROOM_PX = 56
/** Web Mercator world width in pixels at zoom 0 (MapLibre's 512-pixel tiles). */
const WORLD_PX = 512

/**
 * The zoom from which area names are drawn: where the median area's bounding box (as the side of
 * a square of the same size) spans `LABEL_ROOM_PX`. Below it a layer of thousands of areas would
 * place thousands of colliding names on every frame, none of them readable. Collision detection
 * still hides names that do not fit above it.
 *
 * @example labelMinZoom(thirtyThreeSozialraeume) // ≈ 11, below the zoom the city is shown at
 */
export function labelMinZoom(features: readonly Feature<MultiPolygon, unknown>[]): number {
  const sides: number[] = []
  for (const feature of features) {
    const box = bbox({ type: 'FeatureCollection', features: [feature] })
    if (!box) continue
    const [x0, y0] = mercator([box[0], box[3]])
    const [x1, y1] = mercator([box[2], box[1]])
    sides.push(Math.sqrt((x1 - x0) * (y1 - y0)) * WORLD_PX)
  }
  if (sides.length === 0) return 0
  sides.sort((a, b) => a - b)
  const median = sides[Math.floor(sides.length / 2)]!
  if (!(median > 0)) return 0
  return Math.min(22, Math.max(0, Math.log2(LABEL_ROOM_PX / median)))
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
