/**
 * Empirical Bayes smoothed rates (Marshall 1991): raw and smoothed rates on the same classes, one
 * at a time on the map (a switch), both side by side in the table.
 */
import { useCallback, useMemo } from 'react'

import { AtlasLegend } from '../atlas/legend/AtlasLegend.js'
import { legendDigits, legendEntries } from '../../core/maps/legend.js'
import type { TooltipContent } from '../atlas/map/AtlasMap.js'
import type { IndicatorMeta } from '../atlas/types.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { ErrorMessage } from '../shell/Status.js'
import { ViewMap } from './AnalysisMap.js'
import { AreaTableSection, type Column, Missing } from './AnalysisTable.js'
import { fetchSmoothed, type SmoothedAnswer } from './api.js'
import { IndicatorSelect, indicatorName, RadioChoices, WeightsControl } from './controls.js'
import { weightsText } from './LocalView.js'
import { useAreaLookup } from './lookups.js'
import { formatSigned } from './numbers.js'
import { smoothedMap } from './smoothing.js'
import { KeyFigures, MethodNote, MethodStatus, type ViewContext, ViewLayout } from './ViewLayout.js'

/** Indicators with a denominator (a rate such as the SGB II rate): the ones smoothing applies to. */
export function isRate(indicator: IndicatorMeta): boolean {
  return indicator.formula.includes('/')
}

interface Row {
  code: string
  name: string
  events: number | null
  population: number | null
  raw: number | null
  smoothed: number | null
  shrinkage: number | null
}

export function SmoothedView({
  context,
  indicator,
}: {
  context: ViewContext
  indicator: IndicatorMeta
}) {
  const { t, format, language } = useI18n()
  const { slug, state, update, layer, period, geometry } = context
  const query = {
    layer: layer.key,
    period,
    indicator: indicator.key,
    kind: state.kind,
    ...(state.kind === 'local' ? { weights: state.weights } : {}),
  }
  const data = useAsync<SmoothedAnswer>(
    () => fetchSmoothed(slug, query),
    `${slug}/smoothed/${JSON.stringify(query)}`,
  )
  const answer = data.status === 'ready' ? data.data : data.previous
  const { codes, names } = useAreaLookup(geometry)
  const result = useMemo((): { map: ReturnType<typeof smoothedMap> } | { error: Error } | null => {
    if (!answer) return null
    try {
      return { map: smoothedMap(answer, state.display, indicator.polarity, codes) }
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)) }
    }
  }, [answer, state.display, indicator.polarity, codes])
  const mapped = result && 'map' in result ? result.map : null

  const unit = indicator.unit
  const digits = mapped
    ? legendDigits(indicator.decimals, mapped.choropleth.breaks)
    : indicator.decimals
  const entries = useMemo(
    () =>
      mapped
        ? legendEntries(mapped.choropleth, {
            range: (lower, upper) => format.range(lower, upper, digits),
            missing: t('analysis.legend.noData'),
            suppressed: t('analysis.legend.suppressed'),
          })
        : [],
    [mapped, format, digits, t],
  )

  const rows = useMemo((): Row[] => {
    if (!answer) return []
    const byId = new Map(answer.areas.map((area) => [area.id, area]))
    const omittedNames = new Map(answer.omitted.map((o) => [o.code, o.name]))
    return codes.map((code) => {
      const area = byId.get(code)
      return {
        code,
        name: names.get(code) ?? omittedNames.get(code) ?? code,
        events: area?.events ?? null,
        population: area?.population ?? null,
        raw: area?.raw ?? null,
        smoothed: area?.smoothed ?? null,
        shrinkage: area?.shrinkage ?? null,
      }
    })
  }, [answer, codes, names])
  const rowByCode = useMemo(() => new Map(rows.map((row) => [row.code, row])), [rows])
  const withUnit = useCallback(
    (v: number) => `${format.decimal(v, indicator.decimals)}${unit ? ` ${unit}` : ''}`,
    [format, indicator.decimals, unit],
  )
  const describeArea = useCallback(
    (code: string): TooltipContent | null => {
      const row = rowByCode.get(code)
      if (!row) return null
      if (row.raw === null || row.smoothed === null) {
        return { title: row.name, lines: [t('analysis.legend.noData')] }
      }
      return {
        title: row.name,
        lines: [
          t('analysis.smoothed.tooltip.raw', { value: withUnit(row.raw) }),
          t('analysis.smoothed.tooltip.smoothed', { value: withUnit(row.smoothed) }),
        ],
      }
    },
    [rowByCode, t, withUnit],
  )

  const missing = t('analysis.table.missing')
  const number = (v: number | null, d: number) =>
    v === null ? <Missing label={missing} /> : formatSigned(format, v, d)
  const rateLabel = (key: 'analysis.smoothed.raw' | 'analysis.smoothed.smoothed') =>
    unit ? `${t(key)} (${unit})` : t(key)
  const columns: Column<Row>[] = [
    { key: 'code', label: t('analysis.table.code'), sortValue: (r) => r.code },
    { key: 'name', label: t('analysis.table.name'), sortValue: (r) => r.name, rowHeader: true },
    {
      key: 'events',
      label: t('analysis.smoothed.events'),
      numeric: true,
      sortValue: (r) => r.events,
      render: (r) => number(r.events, 0),
    },
    {
      key: 'population',
      label: t('analysis.smoothed.population'),
      numeric: true,
      sortValue: (r) => r.population,
      render: (r) => number(r.population, 0),
    },
    {
      key: 'raw',
      label: rateLabel('analysis.smoothed.raw'),
      numeric: true,
      sortValue: (r) => r.raw,
      render: (r) => number(r.raw, indicator.decimals),
    },
    {
      key: 'smoothed',
      label: rateLabel('analysis.smoothed.smoothed'),
      numeric: true,
      sortValue: (r) => r.smoothed,
      render: (r) => number(r.smoothed, indicator.decimals),
    },
    {
      key: 'difference',
      label: t('analysis.smoothed.difference'),
      numeric: true,
      sortValue: (r) => (r.raw === null || r.smoothed === null ? null : r.smoothed - r.raw),
      render: (r) =>
        r.raw === null || r.smoothed === null ? (
          <Missing label={missing} />
        ) : (
          formatSigned(format, r.smoothed - r.raw, indicator.decimals)
        ),
    },
  ]

  const name = indicatorName(indicator, language)
  const displayed = t(`analysis.smoothed.${state.display}`)
  const legendTitle = t('analysis.smoothed.legend', {
    rate: displayed,
    indicator: name,
    year: period,
  })
  const figures: [string, string][] = answer
    ? [
        [t('analysis.smoothed.kind'), t(`analysis.smoothed.kind.${answer.kind}`)],
        ...(answer.mean !== null
          ? [[t('analysis.smoothed.mean'), withUnit(answer.mean)] as [string, string]]
          : []),
        [t('analysis.figures.n'), format.integer(answer.n)],
      ]
    : []

  return (
    <ViewLayout
      embed={context.embed}
      status={
        <>
          <MethodStatus data={data} />
          {result && 'error' in result && (
            <ErrorMessage title={t('analysis.error.classes', { reason: result.error.message })} />
          )}
        </>
      }
      controls={
        <>
          <div className="control-group">
            {context.commonControls}
            <IndicatorSelect
              indicators={context.indicators.filter(isRate)}
              value={indicator.key}
              onChange={(key) => update({ indicator: key })}
              label={t('analysis.smoothed.indicator')}
            />
          </div>
          <fieldset className="control-group">
            <legend className="control-group__title">{t('analysis.smoothed.kind')}</legend>
            <RadioChoices
              options={['global', 'local'] as const}
              value={state.kind}
              onChange={(kind) => update({ kind })}
              label={(kind) => t(`analysis.smoothed.kind.${kind}`)}
            />
            {state.kind === 'local' && (
              <WeightsControl value={state.weights} onChange={(weights) => update({ weights })} />
            )}
          </fieldset>
          <fieldset className="control-group">
            <legend className="control-group__title">{t('analysis.smoothed.display')}</legend>
            <RadioChoices
              options={['smoothed', 'raw'] as const}
              value={state.display}
              onChange={(display) => update({ display }, 'replace')}
              label={(display) => t(`analysis.smoothed.${display}`)}
            />
          </fieldset>
        </>
      }
      map={
        <ViewMap
          context={context}
          mapped={mapped}
          ready={data.status === 'ready'}
          title={legendTitle}
          view={{
            indicator: indicator.key,
            layer: layer.key,
            period: answer?.period ?? period,
            mode: 'smoothed',
            method: state.display,
            classes: mapped?.choropleth.colours.length ?? 0,
          }}
          describeArea={describeArea}
        />
      }
      legend={
        mapped && (
          <AtlasLegend
            title={unit ? `${legendTitle} (${unit})` : legendTitle}
            entries={entries}
            note={t('analysis.smoothed.legendNote')}
          />
        )
      }
      figures={
        answer && (
          <KeyFigures
            title={t('analysis.figures.title')}
            figures={figures}
            testId="analysis-figures"
          />
        )
      }
      method={
        <MethodNote
          title={t('analysis.method.title')}
          paragraphs={[t('analysis.smoothed.about'), t(`analysis.smoothed.about.${state.kind}`)]}
          parameters={[
            [t('analysis.smoothed.indicator'), `${name} (${indicator.key})`],
            [t('analysis.smoothed.kind'), t(`analysis.smoothed.kind.${state.kind}`)],
            ...(state.kind === 'local'
              ? [[t('analysis.weights'), weightsText(state.weights, t)] as [string, string]]
              : []),
            [t('analysis.smoothed.classes'), t('analysis.smoothed.classesValue')],
          ]}
          section={t('analysis.docs.smoothed')}
        />
      }
      tables={
        answer && (
          <AreaTableSection
            caption={t('analysis.smoothed.caption', {
              indicator: name,
              year: period,
              layer: context.layerName,
            })}
            columns={columns}
            rows={rows}
            selected={state.area}
          />
        )
      }
    />
  )
}
