/**
 * The map of an analysis view: the atlas's MapLibre map (loaded lazily), fed with one fill colour
 * per area. The atlas map already takes arbitrary colours by area code, so categorical maps
 * (clusters, classes) need no map of their own; what this adds is the short class label on the
 * map (drawn in place of the area name, so the class can be read without telling colours apart)
 * and the error boundary.
 *
 * The container carries the atlas map's state attributes: `data-state` ("ready" once drawn) and
 * what is shown — `data-mode` is the analysis view, `data-method` its main parameter, and
 * `data-classes` the number of categories.
 */
import { lazy, Suspense, useMemo } from 'react'

import type { AtlasMapView, TooltipContent } from '../atlas/map/AtlasMap.js'
import type { AreaCollection } from '../http/types.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { MapBoundary } from '../overview/MapBoundary.js'
import { Loading } from '../shell/Status.js'
import type { ViewContext } from './ViewLayout.js'

const AtlasMap = lazy(() => import('../atlas/map/AtlasMap.js'))

const NO_FACILITIES: readonly string[] = []

export interface AnalysisMapProps {
  geometry: AreaCollection
  fills: ReadonlyMap<string, string>
  /** Short labels by area code (class codes); null: the area names. */
  labels: ReadonlyMap<string, string> | null
  showLabels: boolean
  view: AtlasMapView
  pending: boolean
  label: string
  selected: string | null
  describeArea: (code: string) => TooltipContent | null
  onAreaClick: (code: string) => void
}

/** The geometry with each area's short label as its name, which the map's label layer draws. */
function labelled(geometry: AreaCollection, labels: ReadonlyMap<string, string> | null) {
  if (!labels) return geometry
  return {
    ...geometry,
    features: geometry.features.map((feature) => ({
      ...feature,
      properties: { ...feature.properties, name: labels.get(feature.properties.code) ?? '' },
    })),
  }
}

export function AnalysisMap(props: AnalysisMapProps) {
  const { t } = useI18n()
  const { geometry, labels } = props
  const shown = useMemo(() => labelled(geometry, labels), [geometry, labels])
  return (
    <MapBoundary
      fallback={(error) => (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('error.map', { reason: error.message })}</p>
          <p className="alert__detail">{t('error.mapHint')}</p>
        </div>
      )}
    >
      <Suspense fallback={<Loading label={t('map.loading')} />}>
        <AtlasMap
          areas={shown}
          geometry={shown}
          fills={props.fills}
          view={props.view}
          pending={props.pending}
          facilities={null}
          visibleCategories={NO_FACILITIES}
          labels={props.showLabels}
          selected={props.selected}
          zoomTo={null}
          basemap={null}
          label={props.label}
          describeArea={props.describeArea}
          describeFacility={() => ''}
          onAreaClick={props.onAreaClick}
        />
      </Suspense>
    </MapBoundary>
  )
}

/**
 * A view's map with what every view passes alike: the layer's geometry (an empty frame of the
 * map's size until it has loaded), the view's fills and class labels (`mapped`, null while the
 * answer is missing), the selected area (a click selects another) and the accessible label.
 */
export function ViewMap({
  context,
  mapped,
  ready,
  title,
  view,
  describeArea,
}: {
  context: ViewContext
  mapped:
    | { fills: ReadonlyMap<string, string>; labels?: ReadonlyMap<string, string> | null }
    | null
    | undefined
  /** Whether the view's answer has arrived (the map is pending until it has, and `mapped` too). */
  ready: boolean
  /** The legend's title, which the map's label repeats. */
  title: string
  view: AtlasMapView
  describeArea: (code: string) => TooltipContent | null
}) {
  const { t } = useI18n()
  const { geometry, state, update } = context
  if (!geometry) return <div className="map map--placeholder" />
  return (
    <AnalysisMap
      geometry={geometry}
      fills={mapped?.fills ?? EMPTY}
      labels={mapped?.labels ?? null}
      showLabels={state.labels}
      view={view}
      pending={!ready || !mapped}
      label={t('analysis.map.label', { title, layer: context.layerName })}
      selected={state.area}
      describeArea={describeArea}
      onAreaClick={(code) => update({ area: code }, 'replace')}
    />
  )
}

const EMPTY: ReadonlyMap<string, string> = new Map()
