/**
 * The atlas: a choropleth of any indicator, year, layer and mode, with legend, navigation,
 * exports and the table. The view lives in the address (state.ts), so every view can be shared,
 * bookmarked and embedded (`?embed=1` shows map and legend only).
 *
 * Public and internal atlas are the same page: the API decides what the viewer gets (signed-in
 * staff: exact values and unpublished indicators; the public: disclosure-controlled values).
 */
import './atlas.css'

import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'

import {
  type AtlasChoropleth,
  buildChoropleth,
  fillOf,
  mapData,
} from '../../core/maps/choropleth.js'
import { legendDigits, legendEntries } from '../../core/maps/legend.js'
import { NO_DATA_COLOUR } from '../../core/maps/palettes.js'
import { useSession } from '../account/session.js'
import { api } from '../http/client.js'
import type { FacilityProperties, Layer, Organisation } from '../http/types.js'
import { useAsync } from '../hooks/useAsync.js'
import { useSettled } from '../hooks/useSettled.js'
import { useI18n } from '../i18n/I18nProvider.js'
import type { MessageKey } from '../i18n/index.js'
import { FacilityFilter } from '../overview/FacilityFilter.js'
import { categoryLabel, layerName } from '../overview/labels.js'
import { MapBoundary } from '../overview/MapBoundary.js'
import { hrefFor, isEmbed } from '../shell/routes.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import {
  fetchGeometry,
  fetchIndicators,
  fetchMapValues,
  fetchTileSet,
  type LayerTileSet,
  type MapValueRow,
} from './api.js'
import { fetchWebConfig } from './config.js'
import {
  IndicatorInfo,
  IndicatorPicker,
  LayerSwitch,
  ModeSwitch,
  PeriodSlider,
} from './controls/index.js'
import { type MapExport, useMapExport } from './export/useMapExport.js'
import { AtlasLegend } from './legend/AtlasLegend.js'
import { ClassificationControls } from './legend/ClassificationControls.js'
import type { AtlasMapHandle, AtlasMapView, AreaGeometry, TooltipContent } from './map/AtlasMap.js'
import { AreaSearch } from './map/AreaSearch.js'
import { basemapUrl } from './map/style.js'
import { isNewView, parseAtlasState, type StateProblem, writeAtlasState } from './state.js'
import { MAP_WAIT_MS, TABLE_DELAY_MS } from './table/AtlasTableLoader.js'
import { AtlasTableLoader, Downloads } from './table/index.js'
import type { AtlasState, IndicatorMeta, MapMode } from './types.js'

// MapLibre (~1 MB) is requested right after the page has asked for its data (see the effect in
// AtlasPage), and the map is created before the data arrive: the first map queues behind neither.
const loadAtlasMap = () => import('./map/AtlasMap.js')
const AtlasMap = lazy(loadAtlasMap)

/** Identifies a drawn view: the map reports it when ready, the table waits for it. */
const drawnKey = (indicator: string, layer: string, period: number) =>
  `${indicator}/${layer}/${period}`

/** The layer shown when the address names none: Sozialraum, else the finest layer. */
const DEFAULT_LAYER = 'sozialraum'

/** What the map shows, resolved against what exists. */
interface Resolved {
  indicator: IndicatorMeta
  layer: Layer
  period: number
  from: number | null
  mode: MapMode
}

/** Tiles and values of one view, loaded together so the map never mixes two views. */
interface LoadedView extends Resolved {
  tiles: LayerTileSet
  rows: MapValueRow[]
  fromRows: MapValueRow[]
}

function years(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i)
}

/** Fills in defaults and replaces what does not exist, with notices for the reader. */
function resolve(
  state: AtlasState,
  indicators: readonly IndicatorMeta[],
  layers: readonly Layer[],
  periods: readonly number[],
): {
  resolved: Resolved | null
  notices: { key: MessageKey; params: Record<string, string | number> }[]
} {
  const notices: { key: MessageKey; params: Record<string, string | number> }[] = []
  const indicator =
    indicators.find((candidate) => candidate.key === state.indicator) ?? indicators[0]
  const layer =
    layers.find((candidate) => candidate.key === state.layer) ??
    layers.find((candidate) => candidate.key === DEFAULT_LAYER) ??
    layers.at(-1)
  const last = periods.at(-1)
  if (!indicator || !layer || last === undefined) return { resolved: null, notices }
  if (state.indicator && state.indicator !== indicator.key) {
    notices.push({
      key: 'atlas.unknownIndicator',
      params: { key: state.indicator, shown: indicator.key },
    })
  }
  if (state.layer && state.layer !== layer.key) {
    notices.push({ key: 'atlas.unknownLayer', params: { key: state.layer, shown: layer.key } })
  }
  let period = last
  if (state.period !== null) {
    if (periods.includes(state.period)) period = state.period
    else notices.push({ key: 'atlas.unknownPeriod', params: { year: state.period, shown: last } })
  }
  const earlier = periods.filter((year) => year < period)
  const mode = state.mode === 'change' && earlier.length === 0 ? 'value' : state.mode
  let from: number | null = null
  if (mode === 'change') {
    from =
      state.from !== null && earlier.includes(state.from)
        ? state.from
        : (earlier.find((year) => year >= period - 5) ?? earlier[0]!)
  }
  return { resolved: { indicator, layer, period, from, mode }, notices }
}

function loadView(slug: string, view: Resolved): Promise<LoadedView> {
  const { indicator, layer, period, from, mode } = view
  return Promise.all([
    fetchTileSet(slug, layer.key),
    fetchMapValues(slug, indicator.key, layer.key, period),
    mode === 'change' && from !== null
      ? fetchMapValues(slug, indicator.key, layer.key, from)
      : Promise.resolve([]),
  ]).then(([tiles, rows, fromRows]) => ({ ...view, tiles, rows, fromRows }))
}

/** The query string without `embed`: the link from an embedded map to the full atlas. */
function withoutEmbed(search: string): string {
  const params = new URLSearchParams(search)
  params.delete('embed')
  return `?${params.toString()}`
}

const name = (indicator: IndicatorMeta, language: string) =>
  language === 'de' ? indicator.nameDe : indicator.nameEn

export function AtlasPage({ organisation }: { organisation: Organisation }) {
  const { t, format, language } = useI18n()
  const slug = organisation.slug
  const embed = isEmbed(window.location.search)
  // The map is created once with its style: it waits for the server's basemap (a failed request
  // leaves the atlas without one rather than without a map).
  const webConfig = useAsync(fetchWebConfig, 'config')
  const basemapKnown = webConfig.status !== 'loading'
  const basemap = useMemo(
    () =>
      basemapUrl(
        window.location.search,
        webConfig.status === 'ready' ? webConfig.data.basemapStyleUrl : null,
      ),
    [webConfig],
  )
  const session = useSession()

  // The view in the address; Back and Forward restore earlier views.
  const [parsed, setParsed] = useState(() => parseAtlasState(window.location.search))
  const stateRef = useRef(parsed.state)
  const state = parsed.state
  useEffect(() => {
    const restore = () => {
      const next = parseAtlasState(window.location.search)
      stateRef.current = next.state
      setParsed(next)
    }
    window.addEventListener('popstate', restore)
    return () => window.removeEventListener('popstate', restore)
  }, [])
  const update = useCallback((patch: Partial<AtlasState>, history: 'auto' | 'replace' = 'auto') => {
    const before = stateRef.current
    const next = { ...before, ...patch }
    stateRef.current = next
    const url = `${window.location.pathname}${writeAtlasState(next, window.location.search)}${window.location.hash}`
    if (history === 'auto' && isNewView(before, next)) window.history.pushState(null, '', url)
    else window.history.replaceState(window.history.state, '', url)
    setParsed((current) => ({ state: next, problems: current.problems }))
  }, [])

  const summary = useAsync(() => api.summary(slug), slug)
  const indicators = useAsync(() => fetchIndicators(slug), slug)
  useEffect(() => {
    // After the requests above are sent (effects run in order); a failure shows where the map is.
    loadAtlasMap().catch(() => {})
  }, [])
  const layers = useMemo(
    () =>
      summary.status === 'ready' ? [...summary.data.layers].sort((a, b) => a.level - b.level) : [],
    [summary],
  )
  const periods = useMemo(
    () =>
      summary.status === 'ready' && summary.data.periods
        ? years(summary.data.periods.first, summary.data.periods.last)
        : [],
    [summary],
  )
  const { resolved, notices } = useMemo(
    () =>
      indicators.status === 'ready'
        ? resolve(state, indicators.data, layers, periods)
        : { resolved: null, notices: [] },
    [state, indicators, layers, periods],
  )
  // Notices about the address as it was first opened (later it holds what is shown).
  const [addressNotices, setAddressNotices] = useState<typeof notices | null>(null)
  useEffect(() => {
    if (!resolved) return
    if (addressNotices === null) setAddressNotices(notices)
    const missing =
      state.indicator !== resolved.indicator.key ||
      state.layer !== resolved.layer.key ||
      state.period !== resolved.period ||
      state.mode !== resolved.mode ||
      (resolved.mode === 'change' && state.from !== resolved.from)
    if (missing) {
      update(
        {
          indicator: resolved.indicator.key,
          layer: resolved.layer.key,
          period: resolved.period,
          mode: resolved.mode,
          from: resolved.from ?? state.from,
        },
        'replace',
      )
    }
  }, [resolved, notices, state, addressNotices, update])

  const viewKey = resolved
    ? [
        resolved.indicator.key,
        resolved.layer.key,
        resolved.period,
        resolved.mode,
        resolved.from,
      ].join('/')
    : ''
  const view = useAsync(
    () => (resolved ? loadView(slug, resolved) : new Promise<LoadedView>(() => {})),
    `${slug}/${viewKey}`,
  )
  const shown = view.status === 'ready' ? view.data : view.previous

  // The table's rows wait until the map has drawn the view (see AtlasTableLoader).
  const [mapReadyFor, setMapReadyFor] = useState<string | null>(null)
  const onMapReady = useCallback(
    (view: AtlasMapView) => setMapReadyFor(drawnKey(view.indicator, view.layer, view.period)),
    [],
  )
  // The layer's geometry (names, area search, outlines, SVG export) is loaded, as the table's rows
  // are, once the map has drawn the view and the reader pauses: its download and decoding (half
  // a second for ~11,000 areas) never hold up a map. Once asked for, it stays for the layer.
  const shownKey = shown ? drawnKey(shown.indicator.key, shown.layer.key, shown.period) : ''
  const quiet = useSettled(shownKey, TABLE_DELAY_MS, mapReadyFor !== shownKey, MAP_WAIT_MS)
  const [geometryFor, setGeometryFor] = useState<string | null>(null)
  const shownLayerKey = shown?.layer.key ?? null
  useEffect(() => {
    if (quiet && shownLayerKey) setGeometryFor(shownLayerKey)
  }, [quiet, shownLayerKey])
  const geometryLayer = geometryFor !== null && geometryFor === shownLayerKey ? geometryFor : null
  const geometryState = useAsync(
    () =>
      geometryLayer ? fetchGeometry(slug, geometryLayer) : new Promise<AreaGeometry>(() => {}),
    geometryLayer ? `${slug}/${geometryLayer}` : '',
  )
  const geometry: AreaGeometry | null =
    geometryState.status === 'ready' && geometryLayer ? geometryState.data : null
  const names = useMemo(
    () => new Map((geometry?.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [geometry],
  )

  // Numbers, classes and colours of what is shown.
  const data = useMemo(
    () => (shown ? mapData(shown.mode, shown.rows, shown.fromRows) : new Map()),
    [shown],
  )
  const classification = useMemo((): { choropleth: AtlasChoropleth } | { error: Error } | null => {
    if (!shown) return null
    try {
      return {
        choropleth: buildChoropleth(data, {
          mode: shown.mode,
          polarity: shown.indicator.polarity,
          method: state.method,
          k: state.k,
          breaks: state.breaks,
        }),
      }
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)) }
    }
  }, [shown, data, state.method, state.k, state.breaks])
  const choropleth =
    classification && 'choropleth' in classification ? classification.choropleth : null
  const fills = useMemo(() => {
    const result = new Map<string, string>()
    if (!choropleth) return result
    for (const [code, datum] of data) result.set(code, fillOf(datum, choropleth))
    return result
  }, [data, choropleth])

  // Texts: units, values, legend.
  const unitOf = useCallback(
    (indicator: IndicatorMeta, mode: MapMode) =>
      mode !== 'value' && indicator.unit === '%' ? t('atlas.percentPoints') : indicator.unit,
    [t],
  )
  const digits = shown ? legendDigits(shown.indicator.decimals, choropleth?.breaks ?? []) : 0
  const formatNumber = useCallback(
    (value: number, signed: boolean, places: number) => {
      const text = format.decimal(value, places)
      return signed && value > 0 ? `+${text}` : text
    },
    [format],
  )
  const withUnit = (text: string, unit: string) => (unit ? `${text} ${unit}` : text)

  // The inner bounds shown, rounded to the digits of the legend: where manual bounds start.
  const innerBreaks = useMemo(
    () =>
      (choropleth?.breaks.slice(1, -1) ?? [])
        .map((b) => Number(b.toFixed(digits)))
        .filter((b, i, all) => i === 0 || b > all[i - 1]!),
    [choropleth, digits],
  )

  const legendTitle = shown
    ? t(`atlas.legend.${shown.mode}`, {
        indicator: name(shown.indicator, language),
        year: shown.period,
        from: shown.from ?? '',
      })
    : ''
  const unit = shown ? unitOf(shown.indicator, shown.mode) : ''
  const entries = useMemo(
    () =>
      choropleth && shown
        ? legendEntries(choropleth, {
            range: (lower, upper) =>
              `${formatNumber(lower, shown.mode !== 'value', digits)} – ${formatNumber(upper, shown.mode !== 'value', digits)}`,
            missing: t('atlas.legend.noData'),
            suppressed: t('atlas.legend.suppressed'),
          })
        : [],
    [choropleth, shown, formatNumber, digits, t],
  )
  const legendNote = shown
    ? [
        t('atlas.legend.note'),
        shown.mode === 'value'
          ? ''
          : shown.indicator.polarity === 'neutral'
            ? t('atlas.legend.divergingNeutralNote')
            : t('atlas.legend.divergingNote'),
      ]
        .filter(Boolean)
        .join(' ')
    : ''

  const describeArea = useCallback(
    (code: string, tileName: string | null): TooltipContent | null => {
      if (!shown) return null
      const datum = data.get(code)
      const title = names.get(code) ?? tileName ?? code
      const lines: string[] = []
      const places = shown.indicator.decimals
      if (!datum || datum.status === 'missing' || datum.value === null) {
        lines.push(
          datum?.status === 'suppressed'
            ? t('atlas.tooltip.suppressed')
            : t('atlas.tooltip.noData'),
        )
      } else {
        const signed = shown.mode !== 'value'
        const value = withUnit(
          formatNumber(datum.value, signed, places),
          unitOf(shown.indicator, shown.mode),
        )
        lines.push(
          t(`atlas.tooltip.${shown.mode}`, { value, year: shown.period, from: shown.from ?? '' }),
        )
        if (shown.mode !== 'value' && datum.base !== null) {
          lines.push(
            t('atlas.tooltip.value', {
              year: shown.period,
              value: withUnit(format.decimal(datum.base, places), shown.indicator.unit),
            }),
          )
        }
      }
      lines.push(t('atlas.tooltip.open'))
      return { title, lines }
    },
    [shown, data, names, t, format, formatNumber, unitOf],
  )
  const describeFacility = useCallback(
    (facility: FacilityProperties) =>
      [facility.name, categoryLabel(facility.category, t), facility.providerName]
        .filter(Boolean)
        .join(' · '),
    [t],
  )

  // Areas: selection, zoom, profile.
  // Sorted once per layer, not on every switch of indicator or year (11,000 names take a while).
  const areaOptions = useMemo(
    () =>
      (geometry?.features ?? [])
        .map((feature) => ({ code: feature.properties.code, name: feature.properties.name }))
        .sort((a, b) => format.compare(a.name, b.name)),
    [geometry, format],
  )
  const selectedArea = areaOptions.find((option) => option.code === state.area) ?? null
  const profileHref = useCallback(
    (code: string) =>
      hrefFor('/steckbrief', slug, {
        layer: resolved?.layer.key,
        area: code,
        period: resolved?.period,
      }),
    [slug, resolved],
  )
  const [zoomTo, setZoomTo] = useState<{ code: string } | null>(() =>
    state.area ? { code: state.area } : null,
  )
  const onAreaClick = useCallback(
    (code: string) => {
      update({ area: code }, 'replace')
      const href = profileHref(code)
      if (embed) window.open(href, '_blank', 'noopener')
      else window.location.assign(href)
    },
    [update, profileHref, embed],
  )

  // Facilities: fetched once the first category is switched on.
  const facilityCategories = useMemo(
    () => (summary.status === 'ready' ? summary.data.facilities : []),
    [summary],
  )
  const facilities = useAsync(
    () => (state.facilities.length > 0 ? api.facilities(slug) : Promise.resolve(null)),
    state.facilities.length > 0 ? slug : '',
  )
  const hiddenCategories = useMemo(
    () =>
      new Set(
        facilityCategories
          .map((entry) => entry.category)
          .filter((category) => !state.facilities.includes(category)),
      ),
    [facilityCategories, state.facilities],
  )
  const toggleCategory = useCallback(
    (category: string, visible: boolean) => {
      const current = stateRef.current.facilities.filter((c) => c !== category)
      update({ facilities: visible ? [...current, category] : current }, 'replace')
    },
    [update],
  )

  // Exports.
  const handleRef = useRef<AtlasMapHandle | null>(null)
  const onHandle = useCallback((handle: AtlasMapHandle | null) => {
    handleRef.current = handle
  }, [])
  const countLabel = useCallback(
    (n: number) =>
      n === 1 ? t('atlas.legend.countOne') : t('atlas.legend.count', { count: format.integer(n) }),
    [t, format],
  )
  const exportData = useMemo((): MapExport | null => {
    if (!shown || !choropleth) return null
    const layer = layerName(shown.layer, language)
    const layerKey = shown.layer.key
    return {
      areas: () => fetchGeometry(slug, layerKey),
      fills,
      fallback: NO_DATA_COLOUR,
      title: legendTitle,
      subtitle: `${organisation.name} · ${layer}`,
      legendTitle: unit ? t('atlas.legend.unit', { unit }) : legendTitle,
      legend: entries,
      countLabel,
      source: t('atlas.source', { source: shown.indicator.source, org: organisation.name }),
      nameParts: [
        slug,
        shown.indicator.key,
        shown.layer.key,
        shown.mode === 'change' ? `${shown.from}-${shown.period}` : shown.period,
        shown.mode === 'value' ? '' : shown.mode,
      ],
    }
  }, [
    shown,
    choropleth,
    fills,
    legendTitle,
    unit,
    entries,
    countLabel,
    organisation,
    slug,
    language,
    t,
  ])

  const mapExport = useMapExport(
    useCallback(() => handleRef.current?.canvas() ?? null, []),
    exportData,
  )
  const showOnMap = useCallback(
    (code: string) => {
      update({ area: code }, 'replace')
      setZoomTo({ code })
      document.querySelector('[data-testid="atlas-map"]')?.scrollIntoView({ block: 'center' })
    },
    [update],
  )

  const signedIn = session.status === 'signed-in' && session.user.organisation === slug

  // ----- Rendering ---------------------------------------------------------------------------
  if (summary.status === 'error') {
    return (
      <div className="container page">
        <ErrorMessage title={t('error.summary')} error={summary.error} onRetry={summary.retry} />
      </div>
    )
  }
  if (indicators.status === 'error') {
    return (
      <div className="container page">
        <ErrorMessage
          title={t('atlas.error.indicators')}
          error={indicators.error}
          onRetry={indicators.retry}
        />
      </div>
    )
  }
  if (summary.status !== 'ready' || indicators.status !== 'ready') {
    return (
      <div className="container page">
        <Loading label={t('atlas.loading')} />
      </div>
    )
  }
  if (!resolved) {
    return (
      <div className="container page">
        <h1>{t('atlas.title')}</h1>
        <p className="note">
          {indicators.data.length === 0 ? t('atlas.noIndicators') : t('atlas.noLayers')}
        </p>
      </div>
    )
  }

  // What the map shows, or until the first data arrive what it is about to show.
  const drawn = shown ?? resolved
  const indicatorName = name(resolved.indicator, language)
  const shownLayerName = layerName(drawn.layer, language)
  const fromYears = periods.filter((year) => year < resolved.period)
  const problems: StateProblem[] = parsed.problems

  const legend = choropleth && (
    <AtlasLegend
      title={`${legendTitle}${unit ? ` (${unit})` : ''}`}
      entries={entries}
      note={legendNote}
    />
  )
  const map = (
    <MapBoundary
      fallback={(error) => (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('error.map', { reason: error.message })}</p>
          <p className="alert__detail">{t('error.mapHint')}</p>
        </div>
      )}
    >
      <Suspense fallback={<Loading label={t('map.loading')} />}>
        {basemapKnown ? (
          <AtlasMap
            areas={shown?.tiles ?? null}
            geometry={geometry}
            fills={fills}
            view={{
              indicator: drawn.indicator.key,
              layer: drawn.layer.key,
              period: drawn.period,
              mode: drawn.mode,
              method: state.method,
              classes: choropleth ? choropleth.colours.length : 0,
            }}
            pending={view.status === 'loading' || !choropleth}
            facilities={facilities.status === 'ready' ? facilities.data : null}
            visibleCategories={state.facilities}
            labels={state.labels}
            selected={state.area}
            zoomTo={zoomTo}
            basemap={basemap}
            label={t('atlas.map.label', {
              indicator: indicatorName,
              layer: shownLayerName,
              year: drawn.period,
            })}
            describeArea={describeArea}
            describeFacility={describeFacility}
            onAreaClick={onAreaClick}
            onHandle={onHandle}
            onReady={onMapReady}
          />
        ) : (
          <div className="map map--placeholder" />
        )}
      </Suspense>
    </MapBoundary>
  )
  const status = (
    <>
      {view.status === 'loading' && <Loading label={t('atlas.loadingValues')} />}
      {view.status === 'error' && (
        <ErrorMessage
          title={t('atlas.error.values', { indicator: indicatorName })}
          error={view.error}
          onRetry={view.retry}
        />
      )}
      {geometryState.status === 'error' && (
        <ErrorMessage
          title={t('atlas.error.geometry', { layer: shownLayerName })}
          error={geometryState.error}
          onRetry={geometryState.retry}
        />
      )}
      {classification && 'error' in classification && (
        <ErrorMessage title={t('atlas.error.classify', { reason: classification.error.message })} />
      )}
    </>
  )

  if (embed) {
    return (
      <div className="atlas-page atlas-page--embed" data-testid="atlas-page">
        <h1 className="atlas-embed__title">
          {indicatorName} · {shownLayerName} · {shown?.period ?? resolved.period}
        </h1>
        <div className="atlas-embed">
          <div className="atlas-embed__map">{map}</div>
          <div className="atlas-embed__legend">
            {legend}
            <a
              className="atlas-embed__link"
              href={`${window.location.pathname}${writeAtlasState(state, withoutEmbed(window.location.search))}`}
              target="_blank"
              rel="noopener"
            >
              {t('atlas.openInAtlas')}
            </a>
          </div>
        </div>
        {status}
      </div>
    )
  }

  return (
    <div className="container page atlas-page" data-testid="atlas-page">
      <div className="page-intro">
        <p className="eyebrow">
          {t('atlas.title')} · {organisation.name}
        </p>
        <h1>{indicatorName}</h1>
        <p className="lead">{t('atlas.lead')}</p>
        {signedIn && (
          <p className="atlas-internal" data-testid="atlas-internal">
            <span className="badge">{t('atlas.internal')}</span> {t('atlas.internalHint')}
          </p>
        )}
      </div>
      {[
        ...problems.map((p) => ({
          key: 'atlas.urlProblem' as MessageKey,
          params: { param: p.param, value: p.value, expected: t(`atlas.expected.${p.expected}`) },
        })),
        ...(addressNotices ?? []),
      ].map((notice) => (
        <p
          className="note"
          key={`${notice.key}:${JSON.stringify(notice.params)}`}
          data-testid="atlas-notice"
        >
          {t(notice.key, notice.params)}
        </p>
      ))}
      <div className="atlas atlas-layout">
        <div className="atlas__controls" data-testid="atlas-controls">
          <IndicatorPicker
            indicators={indicators.data}
            value={resolved.indicator.key}
            onChange={(key) => update({ indicator: key })}
          />
          <LayerSwitch
            layers={layers}
            value={resolved.layer.key}
            onChange={(key) => update({ layer: key, area: null })}
          />
          <PeriodSlider
            periods={periods}
            value={resolved.period}
            onChange={(period) => update({ period })}
          />
          <ModeSwitch
            value={resolved.mode}
            onChange={(mode) => update({ mode })}
            fromPeriods={fromYears}
            from={resolved.from ?? undefined}
            onFromChange={(from) => update({ from })}
          />
          <ClassificationControls
            method={state.method}
            k={state.k}
            breaks={state.breaks}
            gvf={choropleth?.gvf ?? NaN}
            currentBreaks={innerBreaks}
            onChange={(next) => update(next)}
          />
          <AreaSearch
            options={areaOptions}
            layerName={shownLayerName}
            selected={selectedArea}
            profileHref={selectedArea ? profileHref(selectedArea.code) : null}
            onSelect={(code) => update({ area: code })}
            onZoom={(code) => setZoomTo({ code })}
          />
          <FacilityFilter
            categories={facilityCategories}
            hidden={hiddenCategories}
            onToggle={toggleCategory}
          />
          <div className="control-group">
            <div className="choice">
              <input
                type="checkbox"
                id="atlas-labels"
                checked={state.labels}
                onChange={(event) => update({ labels: event.target.checked })}
              />
              <label htmlFor="atlas-labels">{t('atlas.labels')}</label>
            </div>
          </div>
        </div>
        <div className="atlas__map atlas-layout__map">
          {status}
          {map}
          <p className="hint">{t('atlas.map.hint')}</p>
          <div className="atlas-layout__below">
            {legend}
            <div>
              <Downloads
                org={slug}
                indicator={resolved.indicator.key}
                layer={resolved.layer.key}
                period={resolved.period}
                language={language}
                onPng={exportData ? mapExport.png : undefined}
                onSvg={exportData ? mapExport.svg : undefined}
              />
              {mapExport.failure && (
                <p className="field__error" role="alert">
                  {t('atlas.export.failed', { reason: mapExport.failure })}
                </p>
              )}
            </div>
          </div>
          <IndicatorInfo indicator={resolved.indicator} />
        </div>
      </div>
      {shown && (
        <AtlasTableLoader
          org={slug}
          layer={shown.layer.key}
          period={shown.period}
          indicator={shown.indicator}
          mode={shown.mode}
          caption={t('atlas.tableCaption', {
            indicator: name(shown.indicator, language),
            year: shown.period,
            layer: shownLayerName,
          })}
          selectedArea={state.area ?? undefined}
          onSelectArea={showOnMap}
          profileHref={profileHref}
          from={shown.from ?? undefined}
          waitForMap={mapReadyFor !== shownKey}
        />
      )}
    </div>
  )
}
