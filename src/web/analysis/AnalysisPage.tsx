/**
 * The analysis page (`/analyse`): the social index, LISA cluster map with global Moran's I,
 * Getis-Ord Gi* hot spots, empirical Bayes smoothed rates and typologies on maps, each with the
 * same data as a table and a short explanation of the method. The view lives in the address
 * (state.ts), so every result can be shared, bookmarked and embedded (`?embed=1`).
 *
 * The figures come from the analysis API, which decides what the viewer may see (the public:
 * disclosure-controlled values and the classes of published indices only).
 */
import './analysis.css'

import { type MouseEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'

import { fetchIndicators } from '../atlas/api.js'
import type { IndicatorMeta } from '../atlas/types.js'
import { api } from '../http/client.js'
import type { Layer, Organisation } from '../http/types.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import type { MessageKey } from '../i18n/index.js'
import { loadLayerGeometry } from '../lib/topology.js'
import { layerName } from '../overview/labels.js'
import { isEmbed } from '../shell/routes.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import { fetchSocialIndexes } from './api.js'
import { IndexView, pickVersion } from './IndexView.js'
import { LocalView } from './LocalView.js'
import { isRate, SmoothedView } from './SmoothedView.js'
import {
  ANALYSIS_VIEWS,
  type AnalysisState,
  type AnalysisView,
  isNewAnalysisView,
  parseAnalysisState,
  writeAnalysisState,
} from './state.js'
import { TypologyView, typologyVariables } from './TypologyView.js'
import type { ViewContext } from './ViewLayout.js'

/** The layer shown when the address names none: Sozialraum, else the finest layer. */
const DEFAULT_LAYER = 'sozialraum'
/** The indicator of a first spatial analysis: the SGB II rate, else the first rate. */
const DEFAULT_INDICATOR = 'sgb2_rate'

function years(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i)
}

/** The indicator of a spatial view: the address's one if it fits, else the default. */
function pickIndicator(
  indicators: readonly IndicatorMeta[],
  wanted: string | null,
  view: AnalysisView,
): IndicatorMeta | undefined {
  const usable = view === 'smoothed' ? indicators.filter(isRate) : indicators
  return (
    usable.find((indicator) => indicator.key === wanted) ??
    usable.find((indicator) => indicator.key === DEFAULT_INDICATOR) ??
    usable[0]
  )
}

export function AnalysisPage({ organisation }: { organisation: Organisation }) {
  const { t, language } = useI18n()
  const slug = organisation.slug
  const embed = isEmbed(window.location.search)
  const layerId = useId()

  // The view in the address; Back and Forward restore earlier views.
  const [parsed, setParsed] = useState(() => parseAnalysisState(window.location.search))
  const stateRef = useRef(parsed.state)
  const state = parsed.state
  useEffect(() => {
    const restore = () => {
      const next = parseAnalysisState(window.location.search)
      stateRef.current = next.state
      setParsed(next)
    }
    window.addEventListener('popstate', restore)
    return () => window.removeEventListener('popstate', restore)
  }, [])
  const update = useCallback(
    (patch: Partial<AnalysisState>, history: 'auto' | 'replace' = 'auto') => {
      const before = stateRef.current
      const next = { ...before, ...patch }
      stateRef.current = next
      const url = `${window.location.pathname}${writeAnalysisState(next, window.location.search)}${window.location.hash}`
      if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
        if (history === 'auto' && isNewAnalysisView(before, next))
          window.history.pushState(null, '', url)
        else window.history.replaceState(window.history.state, '', url)
      }
      setParsed((current) => ({ state: next, problems: current.problems }))
    },
    [],
  )

  const summary = useAsync(() => api.summary(slug), slug)
  const indicators = useAsync(() => fetchIndicators(slug), slug)
  const versions = useAsync(() => fetchSocialIndexes(slug), slug)

  const layers = useMemo(
    () =>
      summary.status === 'ready'
        ? [...summary.data.layers].filter((l) => l.areaCount > 1).sort((a, b) => a.level - b.level)
        : [],
    [summary],
  )
  const periods = useMemo(
    () =>
      summary.status === 'ready' && summary.data.periods
        ? years(summary.data.periods.first, summary.data.periods.last)
        : [],
    [summary],
  )
  const layer: Layer | undefined =
    layers.find((l) => l.key === state.layer) ??
    layers.find((l) => l.key === DEFAULT_LAYER) ??
    layers.at(-1)
  const period =
    state.period !== null && periods.includes(state.period) ? state.period : periods.at(-1)
  const indicatorList = indicators.status === 'ready' ? indicators.data : []
  const indicator = pickIndicator(indicatorList, state.indicator, state.view)
  const versionList = versions.status === 'ready' ? versions.data : []
  const version = pickVersion(versionList, state.index, state.version)
  const variables = useMemo(
    () => typologyVariables(state.indicators, indicatorList),
    [state.indicators, indicatorList],
  )

  // Write what is shown into the address, so the link names it even when it was a default.
  const notices: { key: MessageKey; params: Record<string, string | number> }[] = []
  if (layer && state.layer && state.layer !== layer.key)
    notices.push({ key: 'analysis.unknownLayer', params: { key: state.layer, shown: layer.key } })
  if (period !== undefined && state.period !== null && state.period !== period)
    notices.push({ key: 'analysis.unknownPeriod', params: { year: state.period, shown: period } })
  const [firstNotices, setFirstNotices] = useState<typeof notices | null>(null)
  const ready =
    summary.status === 'ready' && indicators.status === 'ready' && versions.status === 'ready'
  useEffect(() => {
    if (!ready || !layer || period === undefined) return
    if (firstNotices === null) setFirstNotices(notices)
    const patch: Partial<AnalysisState> = {}
    if (state.layer !== layer.key) patch.layer = layer.key
    if (state.period !== period) patch.period = period
    const spatial = state.view === 'lisa' || state.view === 'hotspots' || state.view === 'smoothed'
    if (spatial && indicator && state.indicator !== indicator.key) patch.indicator = indicator.key
    if (
      state.view === 'index' &&
      version &&
      (state.index !== version.key || state.version !== version.version)
    ) {
      patch.index = version.key
      patch.version = version.version
    }
    if (state.view === 'typology' && state.indicators.length === 0 && variables.length > 0)
      patch.indicators = variables
    if (Object.keys(patch).length > 0) update(patch, 'replace')
  })

  const geometry = useAsync(
    () => (layer ? loadLayerGeometry(slug, layer.key) : new Promise<never>(() => {})),
    `${slug}/${layer?.key ?? ''}`,
  )

  if (summary.status === 'error' || indicators.status === 'error' || versions.status === 'error') {
    const failed =
      summary.status === 'error' ? summary : indicators.status === 'error' ? indicators : versions
    return (
      <div className="container page">
        <ErrorMessage
          title={t('analysis.error.load')}
          error={failed.status === 'error' ? failed.error : undefined}
          onRetry={failed.retry}
        />
      </div>
    )
  }
  if (!ready) {
    return (
      <div className="container page">
        <Loading label={t('analysis.loading')} />
      </div>
    )
  }
  if (!layer || period === undefined) {
    return (
      <div className="container page">
        <h1>{t('analysis.title')}</h1>
        <p className="note">{t('analysis.noData')}</p>
      </div>
    )
  }

  const shownLayerName = layerName(layer, language)
  const href = (view: AnalysisView) =>
    `${window.location.pathname}${writeAnalysisState({ ...state, view, area: null }, window.location.search)}`
  const onTab = (event: MouseEvent<HTMLAnchorElement>, view: AnalysisView) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    update({ view, area: null })
  }
  const commonControls = (
    <>
      <div className="field">
        <label htmlFor={`${layerId}-layer`}>{t('analysis.layer')}</label>
        <select
          id={`${layerId}-layer`}
          value={layer.key}
          onChange={(event) => update({ layer: event.target.value, area: null })}
        >
          {layers.map((l) => (
            <option key={l.key} value={l.key}>
              {layerName(l, language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${layerId}-period`}>{t('analysis.period')}</label>
        <select
          id={`${layerId}-period`}
          value={period}
          onChange={(event) => update({ period: Number(event.target.value) })}
        >
          {[...periods].reverse().map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </div>
      <div className="choice">
        <input
          type="checkbox"
          id={`${layerId}-labels`}
          checked={state.labels}
          onChange={(event) => update({ labels: event.target.checked }, 'replace')}
        />
        <label htmlFor={`${layerId}-labels`}>{t('analysis.labels')}</label>
      </div>
    </>
  )
  const context: ViewContext = {
    slug,
    state,
    update,
    layer,
    period,
    periods,
    indicators: indicatorList,
    geometry: geometry.status === 'ready' ? geometry.data : (geometry.previous ?? null),
    commonControls,
    embed,
    layerName: shownLayerName,
  }

  let content
  if (state.view === 'index') {
    content = version ? (
      <IndexView context={context} versions={versionList} version={version} />
    ) : (
      <p className="note" data-testid="analysis-no-index">
        {t('analysis.index.none')}
      </p>
    )
  } else if (state.view === 'typology') {
    content = <TypologyView context={context} variables={variables} />
  } else if (!indicator) {
    content = <p className="note">{t('analysis.noIndicators')}</p>
  } else if (state.view === 'smoothed') {
    content = <SmoothedView context={context} indicator={indicator} />
  } else {
    content = <LocalView context={context} indicator={indicator} />
  }

  const viewTitle = t(`analysis.view.${state.view}`)
  const problems = parsed.problems.map((p) => ({
    key: 'analysis.urlProblem' as MessageKey,
    params: { param: p.param, value: p.value, expected: t(`analysis.expected.${p.expected}`) },
  }))
  const geometryError =
    geometry.status === 'error' ? (
      <ErrorMessage
        title={t('analysis.error.geometry', { layer: shownLayerName })}
        error={geometry.error}
        onRetry={geometry.retry}
      />
    ) : null

  if (embed) {
    return (
      <div
        className="analysis-page analysis-page--embed"
        data-testid="analysis-page"
        data-view={state.view}
      >
        <h1 className="analysis-embed__title">
          {viewTitle} · {shownLayerName} · {period}
        </h1>
        {geometryError}
        {content}
        <a
          className="analysis-embed__link"
          href={`${window.location.pathname}${writeAnalysisState(state, window.location.search.replace(/(^|&|\?)embed=[^&]*/, '$1'))}`}
          target="_blank"
          rel="noopener"
        >
          {t('analysis.openFull')}
        </a>
      </div>
    )
  }

  return (
    <div
      className="container page analysis-page"
      data-testid="analysis-page"
      data-view={state.view}
    >
      <div className="page-intro">
        <p className="eyebrow">
          {t('analysis.title')} · {organisation.name}
        </p>
        <h1>{viewTitle}</h1>
        <p className="lead">{t(`analysis.lead.${state.view}`)}</p>
      </div>
      <nav className="analysis-tabs" aria-label={t('analysis.views')}>
        <ul>
          {ANALYSIS_VIEWS.map((view) => (
            <li key={view}>
              <a
                href={href(view)}
                aria-current={view === state.view ? 'page' : undefined}
                onClick={(event) => onTab(event, view)}
              >
                {t(`analysis.view.${view}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {[...problems, ...(firstNotices ?? [])].map((notice) => (
        <p
          className="note"
          key={`${notice.key}:${JSON.stringify(notice.params)}`}
          data-testid="analysis-notice"
        >
          {t(notice.key, notice.params)}
        </p>
      ))}
      {geometryError}
      {content}
    </div>
  )
}
