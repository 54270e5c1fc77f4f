/**
 * The area profile (Steckbrief) at `/steckbrief?org=…&layer=…&area=…&period=…`: every key
 * figure of one area against its parent area and the city, with rank, changes and sparklines; a
 * time series chart; the population pyramid. Printable (profile.css) with a permanent URL.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'

import type { IndicatorMeta } from '../atlas/types.js'
import { PopulationPyramid, TimeSeriesChart } from '../charts/index.js'
import { api } from '../http/client.js'
import type { Layer, Organisation } from '../http/types.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { MESSAGES, type MessageKey } from '../i18n/index.js'
import { isEmbed } from '../shell/routes.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import {
  defaultLayer,
  loadIndicators,
  loadPyramid,
  loadValues,
  parentLayer,
  pickerAreas,
  profileLines,
  seriesOf,
  topLayer,
  type ChainArea,
} from './data.js'
import { CompareSection } from './CompareSection.js'
import { IndicatorTable } from './IndicatorTable.js'
import { profileHref, readProfileState, type ProfileState } from './url.js'
import './profile.css'

/** The profile state from the address bar, kept in step with back and forward. */
function useProfileState(): [ProfileState, (next: ProfileState) => void] {
  const [state, setState] = useState(() => readProfileState(window.location.search))
  useEffect(() => {
    const onPop = () => setState(readProfileState(window.location.search))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const navigate = useCallback((next: ProfileState) => {
    const org = new URLSearchParams(window.location.search).get('org')
    window.history.pushState(null, '', profileHref(org, next, isEmbed(window.location.search)))
    setState(next)
    window.scrollTo?.(0, 0)
  }, [])
  return [state, navigate]
}

const layerName = (layer: Layer | undefined, language: string) =>
  layer ? (language === 'en' ? layer.nameEn : layer.nameDe) : ''

const topicKey = (topic: string) => `profile.topic.${topic}` as MessageKey

/** The area profile page. */
export function ProfilePage({ organisation }: { organisation: Organisation }) {
  const { t, language, format } = useI18n()
  const slug = organisation.slug
  const [state, navigate] = useProfileState()

  const base = useAsync(
    () => Promise.all([api.summary(slug), loadIndicators(slug)]),
    `base|${slug}`,
  )
  const summary = base.status === 'ready' ? base.data[0] : undefined
  const indicators = base.status === 'ready' ? base.data[1] : undefined
  const layers = useMemo(() => summary?.layers ?? [], [summary])
  const layer = layers.find((l) => l.key === state.layer) ?? defaultLayer(layers)
  const parentOf = layer ? parentLayer(layers, layer.key) : undefined
  const top = topLayer(layers)

  const areas = useAsync(
    () =>
      layer && top
        ? Promise.all([api.areas(slug, layer.key), api.areas(slug, top.key)])
        : Promise.resolve(null),
    `areas|${slug}|${layer?.key ?? ''}|${top?.key ?? ''}`,
  )
  const areaList = useMemo(
    () =>
      areas.status === 'ready' && areas.data
        ? pickerAreas(areas.data[0].features, format.compare)
        : [],
    [areas, format],
  )
  const cityCode =
    areas.status === 'ready' && areas.data ? areas.data[1].features[0]?.properties.code : undefined
  const area = areaList.find((a) => a.code === state.area) ?? (state.area ? undefined : areaList[0])

  const periods = useMemo(() => {
    if (!summary) return []
    const years = summary.population.map((p) => p.period)
    if (years.length > 0) return [...new Set(years)].sort((a, b) => a - b)
    const out: number[] = []
    for (let y = summary.periods.first; y <= summary.periods.last; y++) out.push(y)
    return out
  }, [summary])
  const period =
    state.period !== undefined && periods.includes(state.period)
      ? state.period
      : periods[periods.length - 1]

  const chain = useMemo(() => {
    if (!area || !layer) return null
    const self: ChainArea = { layer: layer.key, code: area.code }
    const parent: ChainArea | null =
      parentOf && area.parentCode ? { layer: parentOf.key, code: area.parentCode } : null
    const city: ChainArea | null = top && cityCode ? { layer: top.key, code: cityCode } : null
    return { area: self, parent, city }
  }, [area, layer, parentOf, top, cityCode])

  const chainKey = chain
    ? [chain.area, chain.parent, chain.city].map((a) => (a ? `${a.layer}:${a.code}` : '')).join('|')
    : ''
  const values = useAsync(
    () =>
      chain
        ? loadValues(
            slug,
            [chain.area, chain.parent, chain.city].filter((a): a is ChainArea => a !== null),
            periods,
          )
        : Promise.resolve(null),
    `values|${slug}|${chainKey}|${periods.join(',')}`,
  )
  const pyramid = useAsync(
    () =>
      layer && area && period !== undefined
        ? loadPyramid(slug, layer.key, area.code, period)
        : Promise.resolve(null),
    `pyramid|${slug}|${layer?.key ?? ''}|${area?.code ?? ''}|${period ?? ''}`,
  )

  const current: ProfileState = {
    layer: layer?.key,
    area: area?.code,
    period,
    indicator: state.indicator,
  }
  const go = (change: ProfileState) => navigate({ ...current, ...change })

  if (base.status === 'error') {
    return (
      <div className="container page">
        <ErrorMessage title={t('profile.error.load')} error={base.error} onRetry={base.retry} />
      </div>
    )
  }
  if (areas.status === 'error') {
    return (
      <div className="container page">
        <ErrorMessage title={t('profile.error.load')} error={areas.error} onRetry={areas.retry} />
      </div>
    )
  }
  if (!summary || !indicators || areas.status !== 'ready') {
    return (
      <div className="container page" data-state="loading">
        <Loading />
      </div>
    )
  }
  if (!area || !layer || period === undefined) {
    return (
      <div className="container page">
        <h1>{t('profile.title')}</h1>
        <ErrorMessage
          title={t('profile.error.area', { code: state.area ?? '', layer: state.layer ?? '' })}
        />
        <AreaPicker
          layers={layers}
          layer={layer}
          areas={areaList}
          area={undefined}
          periods={periods}
          period={period}
          onChange={go}
        />
      </div>
    )
  }

  const rows = values.status === 'ready' ? values.data : null
  const nameOf = (a: ChainArea | null | undefined) =>
    a ? (rows?.find((r) => r.layer === a.layer && r.areaCode === a.code)?.areaName ?? a.code) : ''
  const isTop = chain?.city?.code === area.code && top?.key === layer.key
  const indicatorKey =
    indicators.find((i) => i.key === state.indicator)?.key ?? indicators[0]?.key ?? ''
  const chosen = indicators.find((i) => i.key === indicatorKey)
  const indicatorName = (i: IndicatorMeta) => (language === 'en' ? i.nameEn : i.nameDe)
  const ready = rows !== null && pyramid.status !== 'loading'
  const permalink = `${window.location.origin}${profileHref(organisation.slug, current)}`

  return (
    <div className="container page profile" data-state={ready ? 'ready' : 'loading'}>
      <header className="page-intro profile__header">
        <p className="eyebrow">{t('profile.eyebrow', { year: period })}</p>
        <h1 data-testid="profile-name">{area.name}</h1>
        <p className="lead">
          {t('profile.layerCode', { layer: layerName(layer, language), code: area.code })}
        </p>
        {!isTop && (
          <p className="profile__chain">
            {chain?.parent && parentOf && chain.parent.code !== chain.city?.code && (
              <>
                {t('profile.partOf')}:{' '}
                <a
                  data-testid="parent-link"
                  href={profileHref(organisation.slug, {
                    layer: chain.parent.layer,
                    area: chain.parent.code,
                    period,
                  })}
                  onClick={(event) => {
                    event.preventDefault()
                    go({ layer: chain.parent!.layer, area: chain.parent!.code })
                  }}
                >
                  {nameOf(chain.parent)}
                </a>{' '}
                ({layerName(parentOf, language)}) ·{' '}
              </>
            )}
            {chain?.city && (
              <>
                {t('profile.city')}:{' '}
                <a
                  data-testid="city-link"
                  href={profileHref(organisation.slug, {
                    layer: chain.city.layer,
                    area: chain.city.code,
                    period,
                  })}
                  onClick={(event) => {
                    event.preventDefault()
                    go({ layer: chain.city!.layer, area: chain.city!.code })
                  }}
                >
                  {nameOf(chain.city)}
                </a>
              </>
            )}
          </p>
        )}
        <p className="profile__permalink">
          {t('profile.permalink')}: <a href={permalink}>{permalink}</a>
        </p>
      </header>

      <AreaPicker
        layers={layers}
        layer={layer}
        areas={areaList}
        area={area.code}
        periods={periods}
        period={period}
        onChange={go}
        permalink={permalink}
      />

      {values.status === 'error' && (
        <ErrorMessage title={t('profile.error.load')} error={values.error} onRetry={values.retry} />
      )}
      {rows === null && values.status !== 'error' && <Loading />}

      {rows !== null && chain && (
        <>
          <section className="profile__section" aria-labelledby="profile-indicators">
            <h2 id="profile-indicators">{t('profile.indicators')}</h2>
            <p>
              {isTop || !chain.parent
                ? t('profile.indicatorsLeadTop', { year: period })
                : t('profile.indicatorsLead', { parent: nameOf(chain.parent), year: period })}
            </p>
            <p className="muted">{t('profile.symbols')}</p>
            {indicators.length === 0 && <p>{t('profile.noIndicators')}</p>}
            {[...profileLines(indicators, rows, chain, period)].map(([topic, lines]) => (
              <IndicatorTable
                key={topic}
                caption={topicLabel(t, topic)}
                lines={lines}
                hasParent={!isTop && chain.parent !== null}
                onShowSeries={(key) => {
                  go({ indicator: key })
                  document.getElementById('profile-series')?.scrollIntoView?.()
                }}
              />
            ))}
          </section>

          {chosen && (
            <section className="profile__section" aria-labelledby="profile-series">
              <h2 id="profile-series" tabIndex={-1}>
                {t('profile.timeSeries')}
              </h2>
              <label className="profile__field">
                <span>{t('profile.indicator')}</span>
                <select
                  value={indicatorKey}
                  onChange={(event) => go({ indicator: event.target.value })}
                >
                  {groupByTopic(indicators).map(([topic, list]) => (
                    <optgroup key={topic} label={topicLabel(t, topic)}>
                      {list.map((i) => (
                        <option key={i.key} value={i.key}>
                          {indicatorName(i)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </label>
              <TimeSeriesChart
                title={`${indicatorName(chosen)}${chosen.unit ? ` (${chosen.unit})` : ''}`}
                unit={chosen.unit}
                decimals={chosen.decimals}
                series={[chain.area, isTop ? null : chain.parent, isTop ? null : chain.city]
                  .filter((a): a is ChainArea => a !== null)
                  .map((a, i) => ({
                    label: nameOf(a),
                    points: seriesOf(rows, chosen.key, a),
                    emphasis: i === 0,
                  }))}
              />
            </section>
          )}
          {chosen && !isTop && (
            <section className="profile__section" aria-labelledby="profile-compare">
              <h2 id="profile-compare">{t('profile.compare')}</h2>
              <p>
                {t('profile.compareLead', {
                  layer: layerName(layer, language),
                  year: period,
                  area: area.name,
                })}
              </p>
              <CompareSection
                slug={slug}
                layer={{ key: layer.key, name: layerName(layer, language) }}
                area={area.code}
                period={period}
                indicator={chosen}
                indicators={indicators}
                onSelectArea={(code) => go({ area: code })}
              />
            </section>
          )}
        </>
      )}

      <section className="profile__section" aria-labelledby="profile-pyramid">
        <h2 id="profile-pyramid">{t('profile.pyramid')}</h2>
        {pyramid.status === 'loading' && <Loading />}
        {pyramid.status === 'error' && (
          <ErrorMessage
            title={t('profile.error.pyramid')}
            error={pyramid.error}
            onRetry={pyramid.retry}
          />
        )}
        {pyramid.status === 'ready' && pyramid.data && (
          <>
            <PopulationPyramid
              title={t('profile.pyramidTitle', { area: area.name, year: pyramid.data.period })}
              groups={pyramid.data.groups.map((g) => ({
                age: g.age,
                male: g.male,
                female: g.female,
                maleStatus: g.maleStatus,
                femaleStatus: g.femaleStatus,
              }))}
            />
            {pyramid.data.audience === 'public' && (
              <p className="muted">
                {t('profile.pyramidPublic', { min: pyramid.data.minCaseNumber })}
              </p>
            )}
          </>
        )}
      </section>
    </div>
  )
}

/** The name of a topic; an organisation's own topic without a translation shows its key. */
function topicLabel(t: (key: MessageKey) => string, topic: string): string {
  const key = topicKey(topic)
  return key in MESSAGES.de ? t(key) : topic
}

function groupByTopic(indicators: readonly IndicatorMeta[]): [string, IndicatorMeta[]][] {
  const groups = new Map<string, IndicatorMeta[]>()
  for (const i of indicators) groups.set(i.topic, [...(groups.get(i.topic) ?? []), i])
  return [...groups]
}

interface AreaPickerProps {
  layers: readonly Layer[]
  layer: Layer | undefined
  areas: readonly { code: string; name: string }[]
  area: string | undefined
  periods: readonly number[]
  period: number | undefined
  onChange: (change: ProfileState) => void
  permalink?: string
}

/** Layer, area and year pickers with the print and copy-link buttons. */
function AreaPicker({
  layers,
  layer,
  areas,
  area,
  periods,
  period,
  onChange,
  permalink,
}: AreaPickerProps) {
  const { t, language } = useI18n()
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = () => {
    if (!permalink) return
    const clipboard = navigator.clipboard as Clipboard | undefined
    if (!clipboard) {
      setCopyState('failed')
      return
    }
    clipboard.writeText(permalink).then(
      () => setCopyState('copied'),
      () => setCopyState('failed'),
    )
  }
  return (
    <div className="profile__toolbar" role="group" aria-label={t('profile.choose')}>
      <label className="profile__field">
        <span>{t('profile.layer')}</span>
        <select
          value={layer?.key ?? ''}
          onChange={(event) =>
            onChange({ layer: event.target.value, area: undefined, indicator: undefined })
          }
        >
          {[...layers]
            .sort((a, b) => a.level - b.level)
            .map((l) => (
              <option key={l.key} value={l.key}>
                {layerName(l, language)}
              </option>
            ))}
        </select>
      </label>
      <label className="profile__field">
        <span>{t('profile.area')}</span>
        <select
          data-testid="area-picker"
          value={area ?? ''}
          onChange={(event) => onChange({ area: event.target.value })}
        >
          {area === undefined && <option value="">–</option>}
          {areas.map((a) => (
            <option key={a.code} value={a.code}>
              {a.code} {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="profile__field">
        <span>{t('profile.year')}</span>
        <select
          value={period ?? ''}
          onChange={(event) => onChange({ period: Number(event.target.value) })}
        >
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      {permalink && (
        <div className="profile__actions">
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('profile.print')}
          </button>
          <button type="button" className="button button--secondary" onClick={copy}>
            {t('profile.copyLink')}
          </button>
          <p className="profile__copy-status" role="status">
            {copyState === 'copied' && t('profile.copied')}
            {copyState === 'failed' && t('profile.copyFailed', { url: permalink })}
          </p>
        </div>
      )}
    </div>
  )
}
