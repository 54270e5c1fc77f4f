/**
 * The atlas map (MapLibre GL JS), loaded lazily so that the page's first paint does not wait for
 * MapLibre. The geometry of a layer is handed to MapLibre once; indicator, year, mode and classes
 * only change each area's `fill` feature state (see style.ts), which keeps a switch on ~11,000
 * polygons well under 100 ms.
 *
 * The container carries the state tests and benchmarks wait for: `data-state` ("loading" until
 * MapLibre is idle after the latest data, then "ready") and what is shown (`data-indicator`,
 * `data-layer`, `data-period`, `data-mode`, `data-method`, `data-classes`).
 */
import 'maplibre-gl/dist/maplibre-gl.css'

import {
  type GeoJSONSource,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  type MapMouseEvent,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'

import type { Feature, FeatureCollection, MultiPolygon } from '../../../core/geo/geojson.js'
import type { FacilityCollection, FacilityProperties } from '../../http/types.js'
import { useI18n } from '../../i18n/I18nProvider.js'
import { bbox } from '../../lib/geo.js'
import {
  AREA_SOURCE,
  atlasLayers,
  atlasSources,
  FACILITY_SOURCE,
  facilityFilter,
  HIGHLIGHT_SOURCE,
  highlightFeatures,
  LAYER_IDS,
  labelMinZoom,
  offlineStyle,
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
   * The areas of the layer shown; a new object means new geometry (another layer). Null while the
   * first data load: the map is created meanwhile.
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
  describeArea: (code: string) => TooltipContent | null
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

export default function AtlasMap(props: AtlasMapProps) {
  const { t } = useI18n()
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const propsRef = useRef(props)
  const [loaded, setLoaded] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [tooltip, setTooltip] = useState<Tooltip | null>(null)
  /** What the map holds: geometry, and which fills were applied to it. */
  const applied = useRef<{
    geometry: AreaGeometry | null
    fills: ReadonlyMap<string, string> | null
  }>({
    geometry: null,
    fills: null,
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
      for (const layer of atlasLayers({
        basemap: basemap !== null,
        labels: propsRef.current.labels,
      }))
        map.addLayer(layer)
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
      setHovered(typeof code === 'string' ? code : null)
      const content = typeof code === 'string' ? current.describeArea(code) : null
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

  // Geometry and colours; `data-state` follows.
  const { geometry, fills, pending, view } = props
  const viewKey = JSON.stringify(view)
  useEffect(() => {
    const map = mapRef.current
    const container = containerRef.current
    if (!map || !loaded || !container) return
    container.dataset.state = 'loading'
    if (pending || !geometry) return
    const source = map.getSource(AREA_SOURCE) as GeoJSONSource
    const before = applied.current
    if (before.geometry !== geometry) {
      map.removeFeatureState({ source: AREA_SOURCE })
      if (map.getLayer(LAYER_IDS.labels)) {
        map.setLayerZoomRange(LAYER_IDS.labels, labelMinZoom(geometry.features), 24)
      }
      source.setData(geometry)
      highlight.current.byCode = new Map(geometry.features.map((f) => [f.properties.code, f]))
      highlight.current.hovered = null
      drawHighlight(map, highlight.current)
      before.fills = null
      before.geometry = geometry
      if (!fitted.current) {
        const bounds = bbox(geometry)
        if (bounds) {
          fitted.current = true
          map.fitBounds(bounds as LngLatBoundsLike, { padding: 24, animate: false })
        }
      }
    }
    if (before.fills !== fills) {
      for (const feature of geometry.features) {
        const code = feature.properties.code
        map.setFeatureState({ source: AREA_SOURCE, id: code }, { fill: fills.get(code) ?? null })
      }
      before.fills = fills
      map.triggerRepaint()
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
  }, [loaded, geometry, fills, pending, viewKey])

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
