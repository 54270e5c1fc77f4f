/**
 * The density map (MapLibre GL JS). Loaded with a dynamic import() so that the first paint does
 * not wait for MapLibre (~1 MB); the table beside it is the accessible alternative.
 */
import 'maplibre-gl/dist/maplibre-gl.css'

import {
  type GeoJSONSource,
  type MapGeoJSONFeature,
  Map as MapLibreMap,
  type MapMouseEvent,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl'
// MapLibre finds its worker next to its own module file, which bundling moves; point it at the
// copy Vite emits instead.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'

import type { FacilityProperties } from '../http/types.js'
import { useI18n } from '../i18n/I18nProvider.js'
import {
  AREA_SOURCE,
  densityStyle,
  FACILITY_SOURCE,
  facilityFilter,
  LAYER_IDS,
} from './mapStyle.js'
import type { AreaMapProps } from './mapTypes.js'
import { labelMap } from '../lib/mapLabels.js'

setWorkerUrl(workerUrl)

interface Tooltip {
  x: number
  y: number
  text: string
}

export default function AreaMap(props: AreaMapProps) {
  const { t } = useI18n()
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const propsRef = useRef(props)
  const fitted = useRef(false)
  const [loaded, setLoaded] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [tooltip, setTooltip] = useState<Tooltip | null>(null)

  useEffect(() => {
    propsRef.current = props
  })

  // Create the map once; data and options follow in the effects below.
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    let map: MapLibreMap
    try {
      map = new MapLibreMap({
        container,
        style: densityStyle(),
        attributionControl: false,
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
    map.on('load', () => setLoaded(true))
    map.on('error', (event) => {
      // A broken layer or data error: keep the map, report it for developers.
      console.error('Map error:', event.error)
    })

    let hovered: string | number | undefined
    const setHovered = (id: string | number | undefined) => {
      if (hovered === id) return
      if (hovered !== undefined)
        map.setFeatureState({ source: AREA_SOURCE, id: hovered }, { hover: false })
      hovered = id
      if (id !== undefined) map.setFeatureState({ source: AREA_SOURCE, id }, { hover: true })
    }
    const describe = (feature: MapGeoJSONFeature): string | null => {
      const current = propsRef.current
      if (feature.layer.id === LAYER_IDS.facilities) {
        return current.describeFacility(feature.properties as FacilityProperties)
      }
      const code = feature.properties.code
      return typeof code === 'string' ? current.describeArea(code) : null
    }
    const point = (event: MapMouseEvent) => {
      const [feature] = map.queryRenderedFeatures(event.point, {
        layers: [LAYER_IDS.facilities, LAYER_IDS.fill],
      })
      if (!feature) {
        setHovered(undefined)
        setTooltip(null)
        map.getCanvas().style.cursor = ''
        return
      }
      const area = feature.layer.id === LAYER_IDS.fill ? feature.id : undefined
      setHovered(area)
      const text = describe(feature)
      setTooltip(text ? { x: event.point.x, y: event.point.y, text } : null)
      map.getCanvas().style.cursor = 'default'
    }
    map.on('mousemove', point)
    map.on('click', point)
    map.getCanvas().addEventListener('mouseleave', () => {
      setHovered(undefined)
      setTooltip(null)
    })

    return () => {
      mapRef.current = null
      map.remove()
    }
    // The map is created once per mount; labels are updated by the effects below.
  }, [])

  // Areas: new data for a new layer or new colours.
  const { areas, layerKey, bounds } = props
  useEffect(() => {
    const map = mapRef.current
    const container = containerRef.current
    if (!map || !loaded || !container) return
    container.dataset.state = 'loading'
    ;(map.getSource(AREA_SOURCE) as GeoJSONSource).setData(areas)
    if (!fitted.current && bounds) {
      fitted.current = true
      map.fitBounds(bounds, { padding: 24, animate: false })
    }
    let current = true
    map.once('idle', () => {
      if (!current) return
      container.dataset.state = 'ready'
      container.dataset.layer = layerKey
    })
    return () => {
      current = false
    }
  }, [loaded, areas, layerKey, bounds])

  const { facilities, visibleCategories } = props
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded || !facilities) return
    ;(map.getSource(FACILITY_SOURCE) as GeoJSONSource).setData(facilities)
  }, [loaded, facilities])

  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded) return
    map.setFilter(LAYER_IDS.facilities, facilityFilter(visibleCategories))
  }, [loaded, visibleCategories])

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
    <div className="map">
      <div
        ref={containerRef}
        className="map__canvas"
        data-testid="density-map"
        data-state="loading"
      />
      {tooltip && (
        <div
          className="map__tooltip"
          style={{ transform: `translate(${tooltip.x + 12}px, ${tooltip.y + 12}px)` }}
        >
          {tooltip.text}
        </div>
      )}
    </div>
  )
}
