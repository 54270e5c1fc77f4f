/**
 * The atlas map (MapLibre GL JS), loaded lazily so that the page's first paint does not wait for
 * MapLibre. The areas are the layer's vector tiles (style.ts, areaSource); indicator, year, mode
 * and classes only change each area's `fill` feature state, which keeps a switch on ~11,000
 * polygons well under 100 ms. The layer's geometry, which arrives after the first map, outlines
 * the selected and the hovered area, zooms to an area and tells from which zoom names fit.
 *
 * The container carries the state tests and benchmarks wait for: `data-state` ("loading" until
 * MapLibre is idle after the latest data, then "ready") and what is shown (`data-indicator`,
 * `data-layer`, `data-period`, `data-mode`, `data-method`, `data-classes`).
 */
import 'maplibre-gl/dist/maplibre-gl.css'

import {
  type GeoJSONSource,
  type LngLatBoundsLike,
  type LayerSpecification,
  Map as MapLibreMap,
  type MapMouseEvent,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useMemo, useRef, useState } from 'react'

import type { Feature, FeatureCollection, MultiPolygon } from '../../../core/geo/geojson.js'
import type { FacilityCollection, FacilityProperties } from '../../http/types.js'
import { useI18n } from '../../i18n/I18nProvider.js'
import { bbox } from '../../lib/geo.js'
import {
  AREA_SOURCE,
  areaBounds,
  areaSource,
  areaSourceLayer,
  atlasSources,
  isTiles,
  FACILITY_SOURCE,
  facilityFilter,
  fillLayer,
  HIGHLIGHT_SOURCE,
  highlightFeatures,
  LAYER_IDS,
  labelLayer,
  labelMinZoom,
  type MapAreas,
  offlineStyle,
  overlayLayers,
} from './style.js'
import { labelMap } from '../../lib/mapLabels.js'

setWorkerUrl(workerUrl)

/** What the page may do with the map: export the picture, project coordinates (tests). */
export interface AtlasMapHandle {
  canvas(): HTMLCanvasElement
  /** Screen position (CSS pixels, relative to the canvas) of a longitude/latitude. */
  project(lngLat: [number, number]): [number, number]
}

/** The view shown, written to the container's data attributes once drawn. */
export interface AtlasMapView {
  indicator: string
  layer: string
  period: number
  mode: string
  method: string
  classes: number
}

export interface TooltipContent {
  title: string
  lines: string[]
}

export type AreaGeometry = FeatureCollection<MultiPolygon, { code: string; name: string }>

export interface AtlasMapProps {
  /**
   * The areas drawn: the layer's vector tiles (the atlas) or GeoJSON (analysis maps); a new object
   * means another layer (or new boundaries). Null while the first data load: the map is created
   * meanwhile.
   */
  areas: MapAreas | null
  /**
   * The areas of the same layer as GeoJSON, or null until they have arrived (the atlas loads
   * them after the first map): outlines of the selected and hovered area, zoom to an area, the
   * zoom from which names fit.
   */
  geometry: AreaGeometry | null
  /** Fill colour by area code. */
  fills: ReadonlyMap<string, string>
  view: AtlasMapView
  /** True while newer data are being fetched: the map reports `data-state="loading"`. */
  pending: boolean
  facilities: FacilityCollection | null
  visibleCategories: readonly string[]
  labels: boolean
  /** The selected area (outlined). */
  selected: string | null
  /** Zooms to an area whenever the object changes. */
  zoomTo: { code: string } | null
  /** A basemap style URL (same origin), or null for none. */
  basemap: string | null
  /** Accessible name of the map. */
  label: string
  /** The tooltip of an area; `name` is the one the tiles carry. */
  describeArea: (code: string, name: string | null) => TooltipContent | null
  describeFacility: (facility: FacilityProperties) => string
  onAreaClick: (code: string) => void
  onHandle?: (handle: AtlasMapHandle | null) => void
  /** Called whenever the map has drawn a view (`data-state` became "ready"). */
  onReady?: (view: AtlasMapView) => void
}

interface Tooltip extends TooltipContent {
  x: number
  y: number
}

declare global {
  interface Window {
    /** The atlas map's handle, for end-to-end tests (pixel checks at projected positions). */
    __planraumAtlas?: AtlasMapHandle
  }
}

/** The areas by code, and which of them are outlined (see style.ts, highlight source). */
interface Highlight {
  byCode: Map<string, Feature<MultiPolygon, unknown>>
  selected: string | null
  hovered: string | null
}

function drawHighlight(map: MapLibreMap, { byCode, selected, hovered }: Highlight): void {
  map
    .getSource<GeoJSONSource>(HIGHLIGHT_SOURCE)
    ?.setData(highlightFeatures(byCode, selected, hovered))
}

/** Zoom of the names until the geometry tells where they fit: none shown. */
const LABELS_HIDDEN = 24

/**
 * Puts other areas in place of the shown ones, and clears their colours. GeoJSON in place of
 * GeoJSON is handed to the source (the old areas stay drawn until the new ones are tiled);
 * otherwise the area source and the two layers drawn from it are made anew (fills under the
 * overlays, names on top from `labelZoom`).
 */
function replaceAreaSource(
  map: MapLibreMap,
  before: MapAreas | null,
  areas: MapAreas,
  options: { basemap: boolean; labels: boolean; labelZoom: number },
): void {
  const source = map.getSource(AREA_SOURCE)
  if (source && before && !isTiles(before) && !isTiles(areas)) {
    map.removeFeatureState({ source: AREA_SOURCE })
    ;(source as GeoJSONSource).setData(areas)
    return
  }
  for (const id of [LAYER_IDS.labels, LAYER_IDS.fill]) {
    if (map.getLayer(id)) map.removeLayer(id)
  }
  if (map.getSource(AREA_SOURCE)) map.removeSource(AREA_SOURCE)
  map.addSource(AREA_SOURCE, areaSource(areas))
  const sourceLayer = areaSourceLayer(areas)
  map.addLayer(fillLayer({ ...options, sourceLayer }), LAYER_IDS.highlight)
  const labels: LayerSpecification | null = labelLayer({
    ...options,
    sourceLayer,
    minzoom: options.labelZoom,
  })
  if (labels) map.addLayer(labels)
}

export default function AtlasMap(props: AtlasMapProps) {
  const { t } = useI18n()
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const propsRef = useRef(props)
  const [loaded, setLoaded] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [tooltip, setTooltip] = useState<Tooltip | null>(null)
  /** What the map holds: areas, and which fills were applied to which of them. */
  const applied = useRef<{
    areas: MapAreas | null
    fills: ReadonlyMap<string, string> | null
    coloured: ReadonlySet<string>
  }>({
    areas: null,
    fills: null,
    coloured: new Set(),
  })
  const fitted = useRef(false)
  /** The areas by code, and which of them are outlined (see style.ts, highlight source). */
  const highlight = useRef<Highlight>({ byCode: new Map(), selected: null, hovered: null })

  useEffect(() => {
    propsRef.current = props
  })

  // Create the map once; data follow in the effects below.
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const { basemap } = propsRef.current
    let map: MapLibreMap
    try {
      map = new MapLibreMap({
        container,
        style: basemap ?? offlineStyle(),
        attributionControl: basemap ? {} : false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        maxPitch: 0,
        fadeDuration: 0,
        locale: {
          'Map.Title': propsRef.current.label,
          'NavigationControl.ZoomIn': t('map.zoomIn'),
          'NavigationControl.ZoomOut': t('map.zoomOut'),
          'NavigationControl.ResetBearing': t('map.resetBearing'),
        },
      })
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error))
      container.dataset.state = 'error'
      return
    }
    mapRef.current = map
    map.touchZoomRotate.disableRotation()
    map.keyboard.disableRotation()
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    map.on('load', () => {
      for (const [id, source] of Object.entries(atlasSources())) map.addSource(id, source)
      for (const layer of overlayLayers()) map.addLayer(layer)
      setLoaded(true)
    })
    map.on('error', (event) => console.error('Map error:', event.error))

    const handle: AtlasMapHandle = {
      canvas: () => map.getCanvas(),
      project: (lngLat) => {
        const point = map.project(lngLat)
        return [point.x, point.y]
      },
    }
    window.__planraumAtlas = handle
    propsRef.current.onHandle?.(handle)

    const setHovered = (code: string | null) => {
      if (highlight.current.hovered === code) return
      highlight.current.hovered = code
      drawHighlight(map, highlight.current)
    }
    const featureAt = (event: MapMouseEvent) => {
      if (!map.getLayer(LAYER_IDS.fill)) return undefined
      return map.queryRenderedFeatures(event.point, {
        layers: [LAYER_IDS.facilities, LAYER_IDS.fill],
      })[0]
    }
    map.on('mousemove', (event) => {
      const feature = featureAt(event)
      if (!feature) {
        setHovered(null)
        setTooltip(null)
        map.getCanvas().style.cursor = ''
        return
      }
      const current = propsRef.current
      if (feature.layer.id === LAYER_IDS.facilities) {
        setHovered(null)
        const text = current.describeFacility(feature.properties as FacilityProperties)
        setTooltip({ x: event.point.x, y: event.point.y, title: text, lines: [] })
        map.getCanvas().style.cursor = 'default'
        return
      }
      const code: unknown = feature.properties.code
      const name: unknown = feature.properties.name
      setHovered(typeof code === 'string' ? code : null)
      const content =
        typeof code === 'string'
          ? current.describeArea(code, typeof name === 'string' ? name : null)
          : null
      setTooltip(content ? { ...content, x: event.point.x, y: event.point.y } : null)
      map.getCanvas().style.cursor = 'pointer'
    })
    map.on('click', (event) => {
      const feature = featureAt(event)
      const code: unknown = feature?.properties.code
      if (feature?.layer.id === LAYER_IDS.fill && typeof code === 'string') {
        propsRef.current.onAreaClick(code)
      }
    })
    map.getCanvas().addEventListener('mouseleave', () => {
      setHovered(null)
      setTooltip(null)
    })

    return () => {
      propsRef.current.onHandle?.(null)
      if (window.__planraumAtlas === handle) delete window.__planraumAtlas
      mapRef.current = null
      map.remove()
    }
    // The map is created once per mount; everything else is updated by the effects below.
  }, [])

  // The zoom from which names fit, for a label layer made anew below and for the current one.
  const { areas, geometry, fills, pending, view } = props
  const labelZoom = useMemo(
    () => (geometry ? labelMinZoom(geometry.features) : LABELS_HIDDEN),
    [geometry],
  )
  const labelZoomRef = useRef(labelZoom)
  useEffect(() => {
    labelZoomRef.current = labelZoom
  })

  // Areas and colours; `data-state` follows.
  const viewKey = JSON.stringify(view)
  useEffect(() => {
    const map = mapRef.current
    const container = containerRef.current
    if (!map || !loaded || !container) return
    container.dataset.state = 'loading'
    if (pending || !areas) return
    const before = applied.current
    if (before.areas !== areas) {
      replaceAreaSource(map, before.areas, areas, {
        basemap: propsRef.current.basemap !== null,
        labels: propsRef.current.labels,
        labelZoom: labelZoomRef.current,
      })
      before.areas = areas
      before.fills = null
      before.coloured = new Set()
      const bounds = fitted.current ? null : areaBounds(areas)
      if (bounds) {
        fitted.current = true
        map.fitBounds(bounds, { padding: 24, animate: false })
      }
    }
    if (before.fills !== fills) {
      // One feature and one state object for all ~11,000 areas: MapLibre copies what it keeps.
      const feature = { source: AREA_SOURCE, sourceLayer: areaSourceLayer(areas), id: '' }
      const state: { fill: string | null } = { fill: null }
      for (const code of before.coloured) {
        if (fills.has(code)) continue
        feature.id = code
        map.setFeatureState(feature, state)
      }
      for (const [code, fill] of fills) {
        feature.id = code
        state.fill = fill
        map.setFeatureState(feature, state)
      }
      before.coloured = new Set(fills.keys())
      before.fills = fills
    }
    let current = true
    const shown = JSON.parse(viewKey) as AtlasMapView
    map.once('idle', () => {
      if (!current) return
      Object.assign(container.dataset, {
        indicator: shown.indicator,
        layer: shown.layer,
        period: String(shown.period),
        mode: shown.mode,
        method: shown.method,
        classes: String(shown.classes),
      })
      container.dataset.state = 'ready'
      propsRef.current.onReady?.(shown)
    })
    map.triggerRepaint()
    return () => {
      current = false
    }
  }, [loaded, areas, fills, pending, viewKey])

  // The geometry of the shown layer: outlines, and names from the zoom at which they fit.
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded) return
    highlight.current.byCode = new Map(
      (geometry?.features ?? []).map((f) => [f.properties.code, f]),
    )
    highlight.current.hovered = null
    drawHighlight(map, highlight.current)
  }, [loaded, geometry])
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded || !map.getLayer(LAYER_IDS.labels)) return
    map.setLayerZoomRange(LAYER_IDS.labels, labelZoom, 24)
  }, [loaded, areas, labelZoom])

  // The selected area: outlined; the selection survives a change of colours.
  const { selected } = props
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded || highlight.current.selected === selected) return
    highlight.current.selected = selected
    drawHighlight(map, highlight.current)
  }, [loaded, selected])

  const { zoomTo } = props
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded || !zoomTo || !geometry) return
    const feature = geometry.features.find((f) => f.properties.code === zoomTo.code)
    const bounds = feature ? bbox({ type: 'FeatureCollection', features: [feature] }) : null
    if (bounds) map.fitBounds(bounds as LngLatBoundsLike, { padding: 48, maxZoom: 15 })
  }, [loaded, zoomTo, geometry])

  const { facilities, visibleCategories, labels } = props
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded || !facilities) return
    ;(map.getSource(FACILITY_SOURCE) as GeoJSONSource).setData(facilities)
  }, [loaded, facilities])

  // A new filter re-tiles the facilities and repaints the map: only when the categories change.
  const categoriesKey = visibleCategories.join('\n')
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded) return
    map.setFilter(
      LAYER_IDS.facilities,
      facilityFilter(categoriesKey ? categoriesKey.split('\n') : []),
    )
  }, [loaded, categoriesKey])

  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded || !map.getLayer(LAYER_IDS.labels)) return
    map.setLayoutProperty(LAYER_IDS.labels, 'visibility', labels ? 'visible' : 'none')
  }, [loaded, labels])

  // Labels follow the language: the canvas's name and the zoom buttons' titles.
  const { label } = props
  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    labelMap(map.getCanvas(), map.getContainer(), label, {
      zoomIn: t('map.zoomIn'),
      zoomOut: t('map.zoomOut'),
    })
  }, [label, t])

  if (failure) {
    return (
      <div className="alert alert--error" role="alert">
        <p className="alert__title">{t('error.map', { reason: failure })}</p>
        <p className="alert__detail">{t('error.mapHint')}</p>
      </div>
    )
  }
  return (
    <div className="map atlas-map">
      <div
        ref={containerRef}
        className="map__canvas"
        data-testid="atlas-map"
        data-state="loading"
      />
      {tooltip && (
        <div
          className="map__tooltip"
          data-testid="atlas-tooltip"
          style={{ transform: `translate(${tooltip.x + 12}px, ${tooltip.y + 12}px)` }}
        >
          <strong>{tooltip.title}</strong>
          {tooltip.lines.map((line) => (
            <span key={line} className="atlas-map__tooltip-line">
              {line}
            </span>
          ))}
        </div>
      )}
    </div>
  )
}
