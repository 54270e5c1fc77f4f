/**
 * A typology of the areas: k-means (k-means++ starts, seeded) or Ward clusters on standardised
 * indicators, with the silhouette (Rousseeuw 1987) for choosing k and each cluster's profile.
 */
import { useCallback, useId, useMemo } from 'react'

import type { TooltipContent } from '../atlas/map/AtlasMap.js'
import type { IndicatorMeta } from '../atlas/types.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { ViewMap } from './AnalysisMap.js'
import { AreaTableSection, type Column, Missing, ScrollTable } from './AnalysisTable.js'
import { fetchTypology, type TypologyAnswer } from './api.js'
import { type Category, categoryMap } from './categories.js'
import { CategoryLegend } from './CategoryLegend.js'
import { clusterColour } from './colours.js'
import { indicatorName, RadioChoices, SeedInput } from './controls.js'
import { useAreaLookup, useIndicatorLookup } from './lookups.js'
import { formatSigned } from './numbers.js'
import { MAX_CLUSTERS, MIN_CLUSTERS } from './state.js'
import { KeyFigures, MethodNote, MethodStatus, type ViewContext, ViewLayout } from './ViewLayout.js'

/** Variables of a first typology when the address names none: poverty, age, migration. */
const DEFAULT_VARIABLES = ['sgb2_rate', 'share_65p', 'share_non_german', 'share_u15']

/** The typology's variables: those of the address that exist, else the defaults that exist. */
export function typologyVariables(
  wanted: readonly string[],
  indicators: readonly IndicatorMeta[],
): string[] {
  const known = new Set(indicators.map((indicator) => indicator.key))
  const chosen = wanted.filter((key) => known.has(key))
  if (wanted.length > 0) return chosen
  const defaults = DEFAULT_VARIABLES.filter((key) => known.has(key)).slice(0, 3)
  return defaults.length >= 2 ? defaults : indicators.slice(0, 3).map((indicator) => indicator.key)
}

interface Row {
  code: string
  name: string
  cluster: number | null
  silhouette: number | null
  category: string
  label: string
  colour: string
}

export function TypologyView({
  context,
  variables,
}: {
  context: ViewContext
  variables: string[]
}) {
  const { t, format, language } = useI18n()
  const { slug, state, update, layer, period, geometry } = context
  const id = useId()
  const enough = variables.length >= 2
  const query = {
    layer: layer.key,
    period,
    indicators: variables,
    method: state.method,
    k: state.k,
    seed: state.seed,
  }
  const data = useAsync<TypologyAnswer | null>(
    () => (enough ? fetchTypology(slug, query) : Promise.resolve(null)),
    `${slug}/typology/${JSON.stringify(query)}`,
  )
  const answer = data.status === 'ready' ? data.data : (data.previous ?? null)
  const { byKey, nameOf: variableName } = useIndicatorLookup(context.indicators)

  const { codes, names } = useAreaLookup(geometry)
  const categories = useMemo(
    (): Category[] =>
      answer
        ? Array.from({ length: answer.k }, (_, i) => ({
            key: `cluster-${i + 1}`,
            colour: clusterColour(i),
            label: t('analysis.typology.cluster', { number: i + 1 }),
            short: String(i + 1),
          }))
        : [],
    [answer, t],
  )
  const mapped = useMemo(() => {
    if (!answer) return null
    const assigned = new Map(answer.areas.map((area) => [area.id, `cluster-${area.cluster + 1}`]))
    return categoryMap(codes, assigned, categories, answer.omitted, {
      missing: t('analysis.legend.noData'),
      suppressed: t('analysis.legend.suppressed'),
    })
  }, [answer, codes, categories, t])

  const rows = useMemo((): Row[] => {
    if (!answer || !mapped) return []
    const byId = new Map(answer.areas.map((area) => [area.id, area]))
    const entries = new Map(mapped.entries.map((entry) => [entry.key, entry]))
    const omittedNames = new Map(answer.omitted.map((o) => [o.code, o.name]))
    return codes.map((code) => {
      const area = byId.get(code)
      const category = mapped.categoryOf.get(code)!
      return {
        code,
        name: names.get(code) ?? omittedNames.get(code) ?? code,
        cluster: area ? area.cluster + 1 : null,
        silhouette: area?.silhouette ?? null,
        category,
        label: entries.get(category)?.label ?? category,
        colour: entries.get(category)?.colour ?? '',
      }
    })
  }, [answer, mapped, codes, names])
  const rowByCode = useMemo(() => new Map(rows.map((row) => [row.code, row])), [rows])
  const describeArea = useCallback(
    (code: string): TooltipContent | null => {
      const row = rowByCode.get(code)
      if (!row) return null
      const lines = [row.label]
      if (row.silhouette !== null)
        lines.push(
          t('analysis.typology.tooltip', { value: formatSigned(format, row.silhouette, 2) }),
        )
      return { title: row.name, lines }
    },
    [rowByCode, t, format],
  )

  const missing = t('analysis.table.missing')
  const columns: Column<Row>[] = [
    { key: 'code', label: t('analysis.table.code'), sortValue: (r) => r.code },
    { key: 'name', label: t('analysis.table.name'), sortValue: (r) => r.name, rowHeader: true },
    {
      key: 'cluster',
      label: t('analysis.typology.clusterColumn'),
      sortValue: (r) => r.cluster,
      render: (r) => (
        <span className="analysis-table__class" data-category={r.category}>
          <span className="swatch" style={{ background: r.colour }} aria-hidden="true" />
          {r.label}
        </span>
      ),
    },
    {
      key: 'silhouette',
      label: t('analysis.typology.silhouette'),
      numeric: true,
      sortValue: (r) => r.silhouette,
      render: (r) =>
        r.silhouette === null ? <Missing label={missing} /> : formatSigned(format, r.silhouette, 3),
    },
  ]

  const legendTitle = t('analysis.typology.legend', {
    method: t(`analysis.typology.method.${state.method}`),
    k: state.k,
    year: period,
  })
  const figures: [string, string][] = answer
    ? [
        [
          t('analysis.typology.meanSilhouette'),
          answer.silhouette.mean === null ? '–' : formatSigned(format, answer.silhouette.mean, 3),
        ],
        [t('analysis.figures.n'), format.integer(answer.n)],
      ]
    : []
  const best = answer?.silhouetteByK.reduce<{ k: number; silhouette: number | null } | null>(
    (top, entry) =>
      entry.silhouette !== null &&
      (top === null || entry.silhouette > (top.silhouette ?? -Infinity))
        ? entry
        : top,
    null,
  )

  const toggle = (key: string, on: boolean) => {
    const next = on ? [...variables, key] : variables.filter((k) => k !== key)
    update({ indicators: next }, 'replace')
  }

  return (
    <ViewLayout
      embed={context.embed}
      status={
        <>
          {!enough && <p className="note">{t('analysis.typology.tooFew')}</p>}
          <MethodStatus data={data} />
        </>
      }
      controls={
        <>
          <div className="control-group">{context.commonControls}</div>
          <fieldset className="control-group">
            <legend className="control-group__title">{t('analysis.typology.method')}</legend>
            <RadioChoices
              options={['kmeans', 'ward'] as const}
              value={state.method}
              onChange={(method) => update({ method })}
              label={(method) => t(`analysis.typology.method.${method}`)}
            />
            <div className="field">
              <label htmlFor={`${id}-k`}>{t('analysis.typology.k')}</label>
              <select
                id={`${id}-k`}
                value={state.k}
                onChange={(event) => update({ k: Number(event.target.value) })}
              >
                {Array.from(
                  { length: MAX_CLUSTERS - MIN_CLUSTERS + 1 },
                  (_, i) => MIN_CLUSTERS + i,
                ).map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </div>
            {state.method === 'kmeans' && (
              <SeedInput value={state.seed} onChange={(seed) => update({ seed })} />
            )}
          </fieldset>
          <fieldset className="control-group analysis-variables">
            <legend className="control-group__title">{t('analysis.typology.variables')}</legend>
            <div className="analysis-variables__list">
              {context.indicators.map((indicator) => (
                <div className="choice" key={indicator.key}>
                  <input
                    type="checkbox"
                    id={`${id}-var-${indicator.key}`}
                    checked={variables.includes(indicator.key)}
                    onChange={(event) => toggle(indicator.key, event.target.checked)}
                  />
                  <label htmlFor={`${id}-var-${indicator.key}`}>
                    {indicatorName(indicator, language)}
                  </label>
                </div>
              ))}
            </div>
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
            indicator: variables.join(','),
            layer: layer.key,
            period: answer?.period ?? period,
            mode: 'typology',
            method: state.method,
            classes: answer?.k ?? 0,
          }}
          describeArea={describeArea}
        />
      }
      legend={mapped && <CategoryLegend title={legendTitle} entries={mapped.entries} />}
      figures={
        answer && (
          <KeyFigures
            title={t('analysis.figures.title')}
            figures={figures}
            testId="analysis-figures"
            note={t('analysis.typology.silhouetteNote')}
          />
        )
      }
      method={
        <MethodNote
          title={t('analysis.method.title')}
          paragraphs={[
            t('analysis.typology.about'),
            t(`analysis.typology.about.${state.method}`),
            t('analysis.typology.aboutSilhouette'),
          ]}
          parameters={[
            [t('analysis.typology.method'), t(`analysis.typology.method.${state.method}`)],
            [t('analysis.typology.k'), String(state.k)],
            [t('analysis.typology.variables'), variables.map(variableName).join(', ')],
            ...(state.method === 'kmeans'
              ? [[t('analysis.seed'), String(state.seed)] as [string, string]]
              : []),
          ]}
          section={t('analysis.docs.typology')}
        />
      }
      tables={
        answer && (
          <>
            <section className="section" aria-labelledby="analysis-profiles-title">
              <h2 id="analysis-profiles-title">{t('analysis.typology.profiles')}</h2>
              <ScrollTable
                id="analysis-profiles"
                testId="analysis-profiles"
                caption={t('analysis.typology.profilesCaption')}
              >
                <thead>
                  <tr>
                    <th scope="col">{t('analysis.typology.clusterColumn')}</th>
                    <th scope="col" className="numeric">
                      {t('analysis.typology.size')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('analysis.typology.silhouette')}
                    </th>
                    {answer.variables.map((key) => (
                      <th scope="col" className="numeric" key={key}>
                        {variableName(key)}
                        {byKey.get(key)?.unit ? ` (${byKey.get(key)!.unit})` : ''}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {answer.profiles.map((profile) => (
                    <tr key={profile.cluster}>
                      <th scope="row">
                        <span className="analysis-table__class">
                          <span
                            className="swatch"
                            style={{ background: clusterColour(profile.cluster) }}
                            aria-hidden="true"
                          />
                          {t('analysis.typology.cluster', { number: profile.cluster + 1 })}
                        </span>
                      </th>
                      <td className="numeric">{format.integer(profile.size)}</td>
                      <td className="numeric">
                        {answer.silhouette.clusterMeans[profile.cluster] == null
                          ? '–'
                          : formatSigned(
                              format,
                              answer.silhouette.clusterMeans[profile.cluster]!,
                              3,
                            )}
                      </td>
                      {profile.variables.map((variable) => {
                        const decimals = byKey.get(variable.name)?.decimals ?? 1
                        return (
                          <td className="numeric" key={variable.name}>
                            {variable.mean === null ? '–' : format.decimal(variable.mean, decimals)}
                            {variable.sd !== null && (
                              <span className="muted">
                                {' '}
                                (
                                {t('analysis.typology.sd', {
                                  sd: format.decimal(variable.sd, decimals),
                                })}
                                )
                              </span>
                            )}
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </section>
            <section className="section" aria-labelledby="analysis-silhouette-title">
              <h2 id="analysis-silhouette-title">{t('analysis.typology.byK')}</h2>
              <ScrollTable
                id="analysis-silhouette"
                className="data-table analysis-table--narrow"
                testId="analysis-silhouettes"
                caption={t('analysis.typology.byKCaption', {
                  method: t(`analysis.typology.method.${state.method}`),
                })}
              >
                <thead>
                  <tr>
                    <th scope="col">{t('analysis.typology.k')}</th>
                    <th scope="col" className="numeric">
                      {t('analysis.typology.meanSilhouette')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {answer.silhouetteByK.map((entry) => (
                    <tr key={entry.k} aria-current={entry.k === answer.k ? 'true' : undefined}>
                      <th scope="row">
                        {entry.k}
                        {entry.k === answer.k && ` (${t('analysis.typology.shown')})`}
                        {best?.k === entry.k && ` (${t('analysis.typology.best')})`}
                      </th>
                      <td className="numeric">
                        {entry.silhouette === null
                          ? '–'
                          : formatSigned(format, entry.silhouette, 3)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </section>
            <AreaTableSection
              caption={t('analysis.table.caption', {
                title: legendTitle,
                layer: context.layerName,
              })}
              columns={columns}
              rows={rows}
              selected={state.area}
            />
          </>
        )
      }
    />
  )
}
