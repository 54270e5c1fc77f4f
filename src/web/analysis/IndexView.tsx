/**
 * The social index (Sozialindex) of a saved definition version: the 4 × 3 overall classes (status
 * × dynamics, as in Berlin's Monitoring Soziale Stadtentwicklung) on the map, or status or
 * dynamics alone; the areas' index values and classes as a table; the definition it was computed
 * with; and the sensitivity view (which areas change class when an indicator is dropped or its
 * weight halved or doubled).
 */
import { useCallback, useId, useMemo } from 'react'

import type { TooltipContent } from '../atlas/map/AtlasMap.js'
import { type AsyncResult, useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import type { MessageKey } from '../i18n/index.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import type { CombinedClass } from '../../modules/analysis/types.js'
import { ViewMap } from './AnalysisMap.js'
import { AreaTableSection, type Column, Missing, ScrollTable } from './AnalysisTable.js'
import {
  fetchSensitivity,
  fetchSocialIndex,
  type SensitivityAnswer,
  type SocialIndexAnswer,
  type SocialIndexVersion,
} from './api.js'
import { type Category, categoryMap } from './categories.js'
import { CategoryLegend, IndexLegend } from './CategoryLegend.js'
import {
  BELOW_MINIMUM_COLOUR,
  COMBINED_ORDER,
  combinedColour,
  DYNAMICS_COLOURS,
  DYNAMICS_ORDER,
  NO_DYNAMICS_COLOUR,
  STATUS_COLOURS,
  STATUS_ORDER,
} from './colours.js'
import { RadioChoices } from './controls.js'
import { useAreaLookup, useIndicatorLookup } from './lookups.js'
import { formatSigned } from './numbers.js'
import { INDEX_SHOWS } from './state.js'
import { MethodNote, MethodStatus, type ViewContext, ViewLayout } from './ViewLayout.js'

/**
 * The version shown: the one the address names, else the latest published version of the first
 * index (by key), else its latest version. Null when there is none.
 */
export function pickVersion(
  versions: readonly SocialIndexVersion[],
  key: string | null,
  version: number | null,
): SocialIndexVersion | null {
  const named = versions.find((v) => v.key === key && v.version === version)
  if (named) return named
  const keys = [...new Set(versions.map((v) => v.key))].sort()
  const chosenKey = key !== null && keys.includes(key) ? key : keys[0]
  const ofKey = versions.filter((v) => v.key === chosenKey).sort((a, b) => b.version - a.version)
  return ofKey.find((v) => v.published) ?? ofKey[0] ?? null
}

interface Data {
  index: SocialIndexAnswer
}

interface Row {
  code: string
  name: string
  population: number | null
  status: number | null
  statusClass: string | null
  dynamics: number | null
  dynamicsClass: string | null
  combined: string | null
  category: string
  label: string
  colour: string
  excluded: string | null
}

export function IndexView({
  context,
  versions,
  version,
}: {
  context: ViewContext
  versions: readonly SocialIndexVersion[]
  version: SocialIndexVersion
}) {
  const { t, format, language } = useI18n()
  const { slug, state, update, layer, period, geometry } = context
  const id = useId()
  const show = state.show
  const key = `${slug}/index/${version.key}/${version.version}/${layer.key}/${period}`
  const data = useAsync<Data>(
    () =>
      fetchSocialIndex(slug, version.key, version.version, layer.key, period).then((index) => ({
        index,
      })),
    key,
  )
  const sensitivity = useAsync<SensitivityAnswer>(
    () => fetchSensitivity(slug, version.key, version.version, layer.key, period),
    key,
  )
  const answer = data.status === 'ready' ? data.data.index : data.previous?.index
  const { nameOf: indicatorLabel } = useIndicatorLookup(context.indicators)

  const statusLabel = useCallback(
    (status: string) => t(`analysis.index.status.${status}` as MessageKey),
    [t],
  )
  const dynamicsLabel = useCallback(
    (dynamics: string) => t(`analysis.index.dynamics.${dynamics}` as MessageKey),
    [t],
  )
  const minPopulation = answer?.definition.minPopulation ?? version.definition.minPopulation
  const categories = useMemo((): Category[] => {
    const excluded: Category = {
      key: 'below-minimum',
      kind: 'excluded',
      colour: BELOW_MINIMUM_COLOUR,
      label: t('analysis.index.excluded.population_below_minimum', {
        min: format.integer(minPopulation),
      }),
    }
    const noDynamics: Category = {
      key: 'no-dynamics',
      colour: NO_DYNAMICS_COLOUR,
      label: t('analysis.index.noDynamics'),
    }
    if (show === 'status') {
      return [
        ...STATUS_ORDER.map((status, i) => ({
          key: status,
          colour: STATUS_COLOURS[status],
          label: `${i + 1} ${statusLabel(status)}`,
          short: String(i + 1),
        })),
        excluded,
      ]
    }
    if (show === 'dynamics') {
      return [
        ...DYNAMICS_ORDER.map((dynamics, i) => ({
          key: dynamics,
          colour: DYNAMICS_COLOURS[dynamics],
          label: `${['+', '+/−', '−'][i]} ${dynamicsLabel(dynamics)}`,
          short: ['+', '+/−', '−'][i]!,
        })),
        noDynamics,
        excluded,
      ]
    }
    return [
      ...COMBINED_ORDER.map((combined) => ({
        key: combined,
        colour: combinedColour(combined),
        label: combinedText(combined),
        short: combinedText(combined),
      })),
      noDynamics,
      excluded,
    ]
  }, [show, t, format, minPopulation, statusLabel, dynamicsLabel])

  const { codes, names } = useAreaLookup(geometry)
  const mapped = useMemo(() => {
    if (!answer) return null
    const assigned = new Map<string, string>()
    for (const area of answer.areas) {
      const category =
        show === 'status'
          ? area.statusClass
          : show === 'dynamics'
            ? (area.dynamicsClass ?? 'no-dynamics')
            : (area.combined ?? 'no-dynamics')
      assigned.set(area.code, category)
    }
    for (const area of answer.excluded) {
      if (area.reason === 'population_below_minimum') assigned.set(area.code, 'below-minimum')
    }
    return categoryMap(codes, assigned, categories, [], {
      missing: t('analysis.index.excluded.missing_values'),
      suppressed: t('analysis.legend.suppressed'),
    })
  }, [answer, show, codes, categories, t])

  const rows = useMemo((): Row[] => {
    if (!answer || !mapped) return []
    const entries = new Map(mapped.entries.map((entry) => [entry.key, entry]))
    const byCode = new Map(answer.areas.map((area) => [area.code, area]))
    const excluded = new Map(answer.excluded.map((area) => [area.code, area]))
    const allCodes = [...new Set([...codes, ...byCode.keys(), ...excluded.keys()])]
    return allCodes.map((code) => {
      const area = byCode.get(code)
      const out = excluded.get(code)
      const category = mapped.categoryOf.get(code) ?? 'missing'
      return {
        code,
        name: names.get(code) ?? area?.name ?? out?.name ?? code,
        population: area?.population ?? null,
        status: area?.status ?? null,
        statusClass: area?.statusClass ?? null,
        dynamics: area?.dynamics ?? null,
        dynamicsClass: area?.dynamicsClass ?? null,
        combined: area?.combined ?? null,
        category,
        label: entries.get(category)?.label ?? category,
        colour: entries.get(category)?.colour ?? '',
        excluded: out
          ? t(`analysis.index.excluded.${out.reason}`, { min: format.integer(minPopulation) })
          : null,
      }
    })
  }, [answer, mapped, codes, names, t, format, minPopulation])
  const rowByCode = useMemo(() => new Map(rows.map((row) => [row.code, row])), [rows])

  const describeArea = useCallback(
    (code: string): TooltipContent | null => {
      const row = rowByCode.get(code)
      if (!row) return null
      if (row.excluded) return { title: row.name, lines: [row.excluded] }
      const lines: string[] = []
      if (row.combined)
        lines.push(
          t('analysis.index.tooltip.combined', {
            class: combinedText(row.combined as CombinedClass),
          }),
        )
      if (row.statusClass)
        lines.push(
          t('analysis.index.tooltip.status', {
            class: statusLabel(row.statusClass),
            value: row.status === null ? '' : ` (${formatSigned(format, row.status, 2)})`,
          }),
        )
      lines.push(
        t('analysis.index.tooltip.dynamics', {
          class: row.dynamicsClass
            ? dynamicsLabel(row.dynamicsClass)
            : t('analysis.index.noDynamics'),
          value: row.dynamics === null ? '' : ` (${formatSigned(format, row.dynamics, 2)})`,
        }),
      )
      return { title: row.name, lines }
    },
    [rowByCode, t, format, statusLabel, dynamicsLabel],
  )

  const internal = answer ? answer.areas.some((area) => area.status !== null) : false
  const missing = t('analysis.table.missing')
  const number = (v: number | null, digits: number) =>
    v === null ? <Missing label={missing} /> : formatSigned(format, v, digits)
  const columns: Column<Row>[] = [
    { key: 'code', label: t('analysis.table.code'), sortValue: (r) => r.code },
    { key: 'name', label: t('analysis.table.name'), sortValue: (r) => r.name, rowHeader: true },
    ...(internal
      ? [
          {
            key: 'population',
            label: t('analysis.index.population'),
            numeric: true,
            sortValue: (r: Row) => r.population,
            render: (r: Row) => number(r.population, 0),
          },
          {
            key: 'status',
            label: t('analysis.index.statusIndex'),
            numeric: true,
            sortValue: (r: Row) => r.status,
            render: (r: Row) => number(r.status, 2),
          },
        ]
      : []),
    {
      key: 'statusClass',
      label: t('analysis.index.statusClass'),
      sortValue: (r) => (r.statusClass ? STATUS_ORDER.indexOf(r.statusClass as never) : null),
      render: (r) =>
        r.statusClass ? statusLabel(r.statusClass) : (r.excluded ?? <Missing label={missing} />),
    },
    ...(internal
      ? [
          {
            key: 'dynamics',
            label: t('analysis.index.dynamicsIndex'),
            numeric: true,
            sortValue: (r: Row) => r.dynamics,
            render: (r: Row) => number(r.dynamics, 2),
          },
        ]
      : []),
    {
      key: 'dynamicsClass',
      label: t('analysis.index.dynamicsClass'),
      sortValue: (r) => (r.dynamicsClass ? DYNAMICS_ORDER.indexOf(r.dynamicsClass as never) : null),
      render: (r) =>
        r.dynamicsClass ? dynamicsLabel(r.dynamicsClass) : <Missing label={missing} />,
    },
    {
      key: 'combined',
      label: t('analysis.index.combined'),
      sortValue: (r) => (r.combined ? COMBINED_ORDER.indexOf(r.combined as CombinedClass) : null),
      render: (r) => (
        <span
          className="analysis-table__class"
          data-category={r.category}
          data-combined={r.combined ?? ''}
        >
          <span className="swatch" style={{ background: r.colour }} aria-hidden="true" />
          {r.combined ? combinedText(r.combined as CombinedClass) : r.label}
        </span>
      ),
    },
  ]

  const name = language === 'de' ? version.nameDe : version.nameEn
  const legendTitle = t(`analysis.index.legend.${show}`, { name, year: answer?.period ?? period })
  const definition = answer?.definition ?? version.definition

  const selectId = `${id}-version`
  return (
    <ViewLayout
      embed={context.embed}
      status={
        <>
          <MethodStatus data={data} />
          {answer?.dynamicsUnavailable && (
            <p className="note">
              {t('analysis.index.dynamicsUnavailable', { reason: answer.dynamicsUnavailable })}
            </p>
          )}
        </>
      }
      controls={
        <>
          <div className="control-group">
            <div className="field">
              <label htmlFor={selectId}>{t('analysis.index.version')}</label>
              <select
                id={selectId}
                value={`${version.key}:${version.version}`}
                onChange={(event) => {
                  const [key, number] = event.target.value.split(':')
                  update({ index: key!, version: Number(number) })
                }}
              >
                {versions.map((v) => (
                  <option key={`${v.key}:${v.version}`} value={`${v.key}:${v.version}`}>
                    {t(
                      v.published
                        ? 'analysis.index.versionPublished'
                        : 'analysis.index.versionDraft',
                      {
                        name: language === 'de' ? v.nameDe : v.nameEn,
                        version: v.version,
                      },
                    )}
                  </option>
                ))}
              </select>
            </div>
            {context.commonControls}
          </div>
          <fieldset className="control-group">
            <legend className="control-group__title">{t('analysis.index.show')}</legend>
            <RadioChoices
              options={INDEX_SHOWS}
              value={show}
              onChange={(option) => update({ show: option }, 'replace')}
              label={(option) => t(`analysis.index.show.${option}`)}
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
            indicator: `${version.key}:${version.version}`,
            layer: layer.key,
            period: answer?.period ?? period,
            mode: 'index',
            method: show,
            classes: categories.filter((c) => c.kind !== 'excluded' && c.key !== 'no-dynamics')
              .length,
          }}
          describeArea={describeArea}
        />
      }
      legend={
        mapped &&
        (show === 'combined' ? (
          <IndexLegend
            title={legendTitle}
            entries={mapped.entries}
            note={t('analysis.index.legendNote')}
          />
        ) : (
          <CategoryLegend title={legendTitle} entries={mapped.entries} />
        ))
      }
      method={
        <MethodNote
          title={t('analysis.method.title')}
          paragraphs={[t('analysis.index.about'), t('analysis.index.aboutClasses')]}
          parameters={[
            [
              t('analysis.index.indicators'),
              definition.indicators
                .map((i) =>
                  t('analysis.index.indicatorEntry', {
                    name: indicatorLabel(i.key),
                    direction: i.direction > 0 ? '+' : '−',
                    weight: format.decimal(i.weight, i.weight % 1 === 0 ? 0 : 2),
                  }),
                )
                .join('; '),
            ],
            [t('analysis.index.weighting'), t(`analysis.index.weighting.${definition.weighting}`)],
            [t('analysis.index.minPopulation'), format.integer(definition.minPopulation)],
            [
              t('analysis.index.dynamicsYears'),
              answer
                ? t('analysis.index.dynamicsSpan', { from: answer.dynamicsFrom, to: answer.period })
                : String(definition.dynamicsYears),
            ],
            [
              t('analysis.index.statusThresholds'),
              [
                definition.thresholds.status.high,
                definition.thresholds.status.low,
                definition.thresholds.status.veryLow,
              ]
                .map((v) => formatSigned(format, v, 1))
                .join(' / '),
            ],
            [
              t('analysis.index.dynamicsThresholds'),
              [definition.thresholds.dynamics.positive, definition.thresholds.dynamics.negative]
                .map((v) => formatSigned(format, v, 1))
                .join(' / '),
            ],
            ...(answer
              ? [[t('analysis.index.dataVersion'), String(answer.dataVersion)] as [string, string]]
              : []),
          ]}
          section={t('analysis.docs.index')}
        />
      }
      tables={
        answer && (
          <>
            {answer.audience === 'public' && (
              <p className="note">{t('analysis.index.publicNote')}</p>
            )}
            <AreaTableSection
              caption={t('analysis.index.caption', {
                name,
                year: answer.period,
                layer: context.layerName,
              })}
              columns={columns}
              rows={rows}
              selected={state.area}
            />
            {answer.standardisation && (
              <section className="section" aria-labelledby="analysis-standardisation-title">
                <h2 id="analysis-standardisation-title">{t('analysis.index.standardisation')}</h2>
                <ScrollTable
                  id="analysis-standardisation"
                  testId="analysis-standardisation"
                  caption={t('analysis.index.standardisationCaption', {
                    year: answer.period,
                    from: answer.dynamicsFrom,
                  })}
                >
                  <thead>
                    <tr>
                      <th scope="col">{t('analysis.indicator')}</th>
                      <th scope="col" className="numeric">
                        {t('analysis.index.mean')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('analysis.index.sd')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('analysis.index.changeMean')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('analysis.index.changeSd')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {answer.standardisation.map((s) => (
                      <tr key={s.key}>
                        <th scope="row">{indicatorLabel(s.key)}</th>
                        <td className="numeric">{formatSigned(format, s.mean, 3)}</td>
                        <td className="numeric">{format.decimal(s.sd, 3)}</td>
                        <td className="numeric">
                          {s.changeMean === null ? '–' : formatSigned(format, s.changeMean, 3)}
                        </td>
                        <td className="numeric">
                          {s.changeSd === null ? '–' : format.decimal(s.changeSd, 3)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollTable>
              </section>
            )}
            <SensitivitySection
              result={sensitivity}
              names={names}
              indicatorLabel={indicatorLabel}
              statusLabel={statusLabel}
              dynamicsLabel={dynamicsLabel}
            />
          </>
        )
      }
    />
  )
}

/** "2+/−": the class code with a true minus sign. */
function combinedText(combined: CombinedClass): string {
  return combined.replace(/-$/, '−')
}

function SensitivitySection({
  result,
  names,
  indicatorLabel,
  statusLabel,
  dynamicsLabel,
}: {
  result: AsyncResult<SensitivityAnswer>
  names: ReadonlyMap<string, string>
  indicatorLabel: (key: string) => string
  statusLabel: (status: string) => string
  dynamicsLabel: (dynamics: string) => string
}) {
  const { t, format } = useI18n()
  const change = (from: string | null, to: string | null, label: (c: string) => string) =>
    `${from ? label(from) : t('analysis.index.unclassified')} → ${to ? label(to) : t('analysis.index.unclassified')}`
  const list = (
    changes: { code: string; from: string | null; to: string | null }[],
    label: (c: string) => string,
  ) =>
    changes.length === 0 ? (
      t('analysis.sensitivity.none')
    ) : (
      <ul className="analysis-changes">
        {changes.map((c) => (
          <li key={c.code}>
            {names.get(c.code) ?? c.code}: {change(c.from, c.to, label)}
          </li>
        ))}
      </ul>
    )
  return (
    <section className="section" aria-labelledby="analysis-sensitivity-title">
      <h2 id="analysis-sensitivity-title">{t('analysis.sensitivity.title')}</h2>
      <p>{t('analysis.sensitivity.intro')}</p>
      {result.status === 'loading' && <Loading label={t('analysis.loading.sensitivity')} />}
      {result.status === 'error' && (
        <ErrorMessage
          title={t('analysis.error.sensitivity')}
          error={result.error}
          onRetry={result.retry}
        />
      )}
      {result.status === 'ready' && (
        <ScrollTable
          id="analysis-sensitivity"
          testId="analysis-sensitivity"
          caption={t('analysis.sensitivity.caption')}
        >
          <thead>
            <tr>
              <th scope="col">{t('analysis.sensitivity.variant')}</th>
              <th scope="col" className="numeric">
                {t('analysis.sensitivity.statusCount')}
              </th>
              <th scope="col">{t('analysis.sensitivity.statusChanges')}</th>
              <th scope="col" className="numeric">
                {t('analysis.sensitivity.dynamicsCount')}
              </th>
              <th scope="col">{t('analysis.sensitivity.dynamicsChanges')}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.variants.map((variant) => (
              <tr
                key={`${variant.indicator}:${variant.change}`}
                data-variant={`${variant.indicator}:${variant.change}`}
              >
                <th scope="row">
                  {t(`analysis.sensitivity.${variant.change}`, {
                    indicator: indicatorLabel(variant.indicator),
                  })}
                </th>
                {variant.problem ? (
                  <td colSpan={4}>
                    {t('analysis.sensitivity.problem', { problem: variant.problem })}
                  </td>
                ) : (
                  <>
                    <td className="numeric">{format.integer(variant.status.length)}</td>
                    <td>{list(variant.status, statusLabel)}</td>
                    <td className="numeric">{format.integer(variant.dynamics.length)}</td>
                    <td>{list(variant.dynamics, dynamicsLabel)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  )
}
