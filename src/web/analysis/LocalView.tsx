/**
 * Local spatial statistics of one indicator: the LISA cluster map (local Moran's I, Anselin 1995)
 * with the global Moran's I beside it, or the Getis-Ord Gi* hot and cold spots (Ord & Getis 1995).
 */
import { useCallback, useMemo } from 'react'

import type { TooltipContent } from '../atlas/map/AtlasMap.js'
import type { IndicatorMeta } from '../atlas/types.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { ViewMap } from './AnalysisMap.js'
import { AreaTableSection, type Column, Missing } from './AnalysisTable.js'
import {
  type AutocorrelationAnswer,
  fetchAutocorrelation,
  fetchHotSpots,
  fetchLisa,
  type HotSpotAnswer,
  type LisaAnswer,
  type SpatialQuery,
} from './api.js'
import { type Category, categoryMap } from './categories.js'
import { CategoryLegend } from './CategoryLegend.js'
import { HOT_SPOT_COLOURS, HOT_SPOT_ORDER, LISA_COLOURS, LISA_ORDER } from './colours.js'
import {
  AlphaSelect,
  IndicatorSelect,
  indicatorName,
  PermutationsSelect,
  SeedInput,
  WeightsControl,
} from './controls.js'
import { useAreaLookup } from './lookups.js'
import { formatP, formatSigned } from './numbers.js'
import { KeyFigures, MethodNote, MethodStatus, type ViewContext, ViewLayout } from './ViewLayout.js'

const LISA_SHORT: Record<string, string> = {
  'high-high': 'HH',
  'low-low': 'LL',
  'high-low': 'HL',
  'low-high': 'LH',
}

interface LocalData {
  kind: 'lisa' | 'hotspots'
  answer: LisaAnswer | HotSpotAnswer
  moran: AutocorrelationAnswer | null
}

/** One row of the table: every area of the layer, analysed or left out. */
interface Row {
  code: string
  name: string
  value: number | null
  statistic: number | null
  z: number | null
  p: number | null
  pseudoP: number | null
  category: string
  categoryLabel: string
  colour: string
}

export function LocalView({
  context,
  indicator,
}: {
  context: ViewContext
  indicator: IndicatorMeta
}) {
  const { t, format, language } = useI18n()
  const { slug, state, update, layer, period, geometry } = context
  const kind = state.view === 'hotspots' ? 'hotspots' : 'lisa'
  const permutations = state.permutations ?? (kind === 'lisa' ? 999 : 0)
  const query: SpatialQuery = {
    layer: layer.key,
    period,
    indicator: indicator.key,
    weights: state.weights,
    permutations,
    seed: state.seed,
    alpha: state.alpha,
  }
  const key = `${slug}/${kind}/${JSON.stringify(query)}`
  const data = useAsync<LocalData>(
    () =>
      kind === 'lisa'
        ? Promise.all([fetchLisa(slug, query), fetchAutocorrelation(slug, query)]).then(
            ([answer, moran]) => ({ kind, answer, moran }),
          )
        : fetchHotSpots(slug, query).then((answer) => ({ kind, answer, moran: null })),
    key,
  )
  const shown = data.status === 'ready' ? data.data : data.previous
  const current = shown?.kind === kind ? shown : undefined

  const categories = useMemo((): Category[] => {
    if (kind === 'lisa') {
      return LISA_ORDER.map((cluster) => ({
        key: cluster,
        colour: LISA_COLOURS[cluster],
        label: t(`analysis.lisa.cluster.${cluster}`),
        ...(LISA_SHORT[cluster] ? { short: LISA_SHORT[cluster] } : {}),
      }))
    }
    return HOT_SPOT_ORDER.map((cluster) => ({
      key: cluster,
      colour: HOT_SPOT_COLOURS[cluster],
      label: t(`analysis.hotspots.class.${cluster}`),
      ...(cluster === 'hot-spot' || cluster === 'cold-spot'
        ? { short: t(`analysis.hotspots.short.${cluster}`) }
        : {}),
    }))
  }, [kind, t])

  const { codes, names } = useAreaLookup(geometry)
  const mapped = useMemo(() => {
    if (!current) return null
    const assigned = new Map<string, string>(
      current.answer.areas.map((area) => [area.id, area.cluster]),
    )
    return categoryMap(codes, assigned, categories, current.answer.omitted, {
      missing: t('analysis.legend.noData'),
      suppressed: t('analysis.legend.suppressed'),
    })
  }, [current, codes, categories, t])

  const rows = useMemo((): Row[] => {
    if (!current || !mapped) return []
    const byId = new Map<string, LisaAnswer['areas'][number] | HotSpotAnswer['areas'][number]>(
      current.answer.areas.map((area) => [area.id, area]),
    )
    const omittedNames = new Map(current.answer.omitted.map((o) => [o.code, o.name]))
    const labelOf = new Map(mapped.entries.map((entry) => [entry.key, entry]))
    return codes.map((code) => {
      const area = byId.get(code)
      const category = mapped.categoryOf.get(code)!
      return {
        code,
        name: names.get(code) ?? omittedNames.get(code) ?? code,
        value: area?.value ?? null,
        statistic: area ? ('Ii' in area ? area.Ii : area.G) : null,
        z: area?.z ?? null,
        p: area?.p ?? null,
        pseudoP: area?.pseudoP ?? null,
        category,
        categoryLabel: labelOf.get(category)?.label ?? category,
        colour: labelOf.get(category)?.colour ?? '',
      }
    })
  }, [current, mapped, codes, names])
  const rowByCode = useMemo(() => new Map(rows.map((row) => [row.code, row])), [rows])

  const unit = indicator.unit
  const value = useCallback(
    (v: number) => `${format.decimal(v, indicator.decimals)}${unit ? ` ${unit}` : ''}`,
    [format, indicator.decimals, unit],
  )
  const describeArea = useCallback(
    (code: string): TooltipContent | null => {
      const row = rowByCode.get(code)
      if (!row) return null
      const lines = [row.categoryLabel]
      if (row.value !== null) lines.push(t('analysis.tooltip.value', { value: value(row.value) }))
      const p = row.pseudoP ?? row.p
      if (p !== null) lines.push(t('analysis.tooltip.p', { p: formatP(format, p) }))
      return { title: row.name, lines }
    },
    [rowByCode, t, value, format],
  )

  const missing = t('analysis.table.missing')
  const number = (v: number | null, digits: number) =>
    v === null ? <Missing label={missing} /> : formatSigned(format, v, digits)
  const columns: Column<Row>[] = [
    { key: 'code', label: t('analysis.table.code'), sortValue: (r) => r.code },
    { key: 'name', label: t('analysis.table.name'), sortValue: (r) => r.name, rowHeader: true },
    {
      key: 'value',
      label: unit ? `${t('analysis.table.value')} (${unit})` : t('analysis.table.value'),
      numeric: true,
      sortValue: (r) => r.value,
      render: (r) => number(r.value, indicator.decimals),
    },
    {
      key: 'statistic',
      label: kind === 'lisa' ? t('analysis.lisa.Ii') : t('analysis.hotspots.G'),
      numeric: true,
      sortValue: (r) => r.statistic,
      render: (r) => number(r.statistic, kind === 'lisa' ? 3 : 5),
    },
    {
      key: 'z',
      label: kind === 'lisa' ? t('analysis.table.z') : t('analysis.hotspots.z'),
      numeric: true,
      sortValue: (r) => r.z,
      render: (r) => number(r.z, 2),
    },
    {
      key: 'p',
      label: t('analysis.table.p'),
      numeric: true,
      sortValue: (r) => r.p,
      render: (r) => (r.p === null ? <Missing label={missing} /> : formatP(format, r.p)),
    },
    ...(permutations > 0
      ? [
          {
            key: 'pseudoP',
            label: t('analysis.table.pseudoP'),
            numeric: true,
            sortValue: (r: Row) => r.pseudoP,
            render: (r: Row) =>
              r.pseudoP === null ? <Missing label={missing} /> : formatP(format, r.pseudoP),
          },
        ]
      : []),
    {
      key: 'category',
      label: t('analysis.table.class'),
      sortValue: (r) => categories.findIndex((c) => c.key === r.category) + 1 || 99,
      render: (r) => (
        <span className="analysis-table__class" data-category={r.category}>
          <span className="swatch" style={{ background: r.colour }} aria-hidden="true" />
          {r.categoryLabel}
        </span>
      ),
    },
  ]

  const name = indicatorName(indicator, language)
  const weightsLabel = weightsText(state.weights, t)
  const answer = current?.answer
  const moran = current?.moran?.moran
  const figures: [string, string][] = []
  if (answer) {
    if (moran) {
      figures.push(
        [t('analysis.moran.I'), formatSigned(format, moran.I, 4)],
        [t('analysis.moran.expectation'), formatSigned(format, moran.expectation, 4)],
      )
      if (moran.randomisation.z !== null)
        figures.push([t('analysis.moran.z'), formatSigned(format, moran.randomisation.z, 2)])
      if (moran.randomisation.p !== null)
        figures.push([t('analysis.moran.p'), formatP(format, moran.randomisation.p)])
      if (moran.permutation?.pseudoP != null)
        figures.push([
          t('analysis.moran.pseudoP', {
            permutations: format.integer(moran.permutation.permutations),
          }),
          formatP(format, moran.permutation.pseudoP),
        ])
    }
    figures.push(
      [t('analysis.figures.n'), format.integer(answer.n)],
      [t('analysis.figures.neighbours'), format.decimal(answer.weights.meanNeighbours, 1)],
    )
    if (answer.weights.islands.length > 0)
      figures.push([t('analysis.figures.islands'), format.integer(answer.weights.islands.length)])
  }

  const status = <MethodStatus data={data} />
  const legendTitle =
    kind === 'lisa'
      ? t('analysis.lisa.legend', { indicator: name, year: period })
      : t('analysis.hotspots.legend', { indicator: name, year: period })

  return (
    <ViewLayout
      embed={context.embed}
      status={status}
      controls={
        <>
          <div className="control-group">
            {context.commonControls}
            <IndicatorSelect
              indicators={context.indicators}
              value={indicator.key}
              onChange={(key) => update({ indicator: key })}
            />
          </div>
          <div className="control-group">
            <h2 className="control-group__title">{t('analysis.parameters')}</h2>
            <WeightsControl value={state.weights} onChange={(weights) => update({ weights })} />
            <PermutationsSelect
              value={permutations}
              allowNone={kind === 'hotspots'}
              onChange={(n) => update({ permutations: n })}
            />
            <AlphaSelect value={state.alpha} onChange={(alpha) => update({ alpha })} />
            {permutations > 0 && (
              <SeedInput value={state.seed} onChange={(seed) => update({ seed })} />
            )}
          </div>
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
            mode: kind,
            method: state.weights,
            classes: categories.length,
          }}
          describeArea={describeArea}
        />
      }
      legend={
        mapped && (
          <CategoryLegend
            title={legendTitle}
            entries={mapped.entries}
            note={t(kind === 'lisa' ? 'analysis.lisa.legendNote' : 'analysis.hotspots.legendNote', {
              alpha: format.decimal(state.alpha, Math.max(2, String(state.alpha).length - 2)),
            })}
          />
        )
      }
      figures={
        answer && (
          <KeyFigures
            title={kind === 'lisa' ? t('analysis.moran.title') : t('analysis.figures.title')}
            figures={figures}
            testId="analysis-figures"
            note={kind === 'lisa' ? t('analysis.moran.note') : undefined}
          />
        )
      }
      method={
        <MethodNote
          title={t('analysis.method.title')}
          paragraphs={
            kind === 'lisa'
              ? [
                  t('analysis.lisa.about'),
                  t('analysis.lisa.aboutClasses'),
                  t('analysis.lisa.aboutMoran'),
                ]
              : [t('analysis.hotspots.about'), t('analysis.hotspots.aboutClasses')]
          }
          parameters={[
            [t('analysis.indicator'), `${name} (${indicator.key})`],
            [t('analysis.weights'), weightsLabel],
            [t('analysis.weights.style'), t('analysis.weights.rowStandardised')],
            [
              t('analysis.permutations'),
              permutations === 0 ? t('analysis.permutations.none') : format.integer(permutations),
            ],
            [
              t('analysis.alpha'),
              format.decimal(state.alpha, Math.max(2, String(state.alpha).length - 2)),
            ],
            ...(permutations > 0
              ? [[t('analysis.seed'), String(state.seed)] as [string, string]]
              : []),
          ]}
          section={kind === 'lisa' ? t('analysis.docs.lisa') : t('analysis.docs.hotspots')}
        />
      }
      tables={
        answer && (
          <AreaTableSection
            caption={t('analysis.table.caption', {
              title: legendTitle,
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

/** "Queen contiguity", "6 nearest neighbours", … */
export function weightsText(
  weights: string,
  t: (
    key: 'analysis.weights.queen' | 'analysis.weights.rook' | 'analysis.weights.knnK',
    params?: Record<string, string | number>,
  ) => string,
): string {
  if (weights === 'queen') return t('analysis.weights.queen')
  if (weights === 'rook') return t('analysis.weights.rook')
  return t('analysis.weights.knnK', { k: weights.slice(4) })
}
