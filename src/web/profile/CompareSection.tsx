/**
 * The area among the other areas of its layer: the ranking of the chosen indicator (bars,
 * the area highlighted; a bar selects that area's profile) and the scatter of the chosen
 * indicator against a second one, with Pearson's r. One request for both indicators.
 */
import { useState } from 'react'

import type { IndicatorMeta } from '../atlas/types.js'
import { RankingChart, ScatterChart } from '../charts/index.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import { loadLayerValues } from './data.js'

export interface CompareSectionProps {
  slug: string
  layer: { key: string; name: string }
  area: string
  period: number
  indicator: IndicatorMeta
  indicators: readonly IndicatorMeta[]
  onSelectArea: (code: string) => void
}

/** Ranking and scatter of the areas of the profile's layer. */
export function CompareSection({
  slug,
  layer,
  area,
  period,
  indicator,
  indicators,
  onSelectArea,
}: CompareSectionProps) {
  const { t, language } = useI18n()
  const preferred = indicators.find((i) => i.key === 'child_poverty' && i.key !== indicator.key)
  const [second, setSecond] = useState<string | undefined>(undefined)
  const other =
    indicators.find((i) => i.key === second && i.key !== indicator.key) ??
    preferred ??
    indicators.find((i) => i.key !== indicator.key)
  const keys = [indicator.key, other?.key].filter((k): k is string => k !== undefined)
  const values = useAsync(
    () => loadLayerValues(slug, keys, layer.key, period),
    `${slug}|${keys.join(',')}|${layer.key}|${period}`,
  )
  const name = (i: IndicatorMeta) => (language === 'en' ? i.nameEn : i.nameDe)
  const withUnit = (i: IndicatorMeta) => (i.unit ? `${name(i)} (${i.unit})` : name(i))

  if (values.status === 'loading') return <Loading />
  if (values.status === 'error') {
    return (
      <ErrorMessage title={t('profile.error.load')} error={values.error} onRetry={values.retry} />
    )
  }
  const rows = values.data
  const of = (key: string) => rows.filter((r) => r.indicator === key)
  const byArea = (key: string) => new Map(of(key).map((r) => [r.areaCode, r]))
  const xs = byArea(indicator.key)
  const ys = other ? byArea(other.key) : new Map()
  return (
    <>
      <RankingChart
        title={t('profile.rankingTitle', {
          indicator: withUnit(indicator),
          layer: layer.name,
          year: period,
        })}
        unit={indicator.unit}
        decimals={indicator.decimals}
        rows={of(indicator.key).map((r) => ({
          code: r.areaCode,
          name: r.areaName,
          value: r.value,
          status: r.status,
        }))}
        highlight={area}
        onSelect={onSelectArea}
      />
      {other && (
        <>
          <label className="profile__field">
            <span>{t('profile.secondIndicator')}</span>
            <select value={other.key} onChange={(event) => setSecond(event.target.value)}>
              {indicators
                .filter((i) => i.key !== indicator.key)
                .map((i) => (
                  <option key={i.key} value={i.key}>
                    {name(i)}
                  </option>
                ))}
            </select>
          </label>
          <ScatterChart
            title={t('profile.scatterTitle', { x: name(indicator), y: name(other), year: period })}
            xLabel={withUnit(indicator)}
            yLabel={withUnit(other)}
            xDecimals={indicator.decimals}
            yDecimals={other.decimals}
            points={[...xs.values()].map((r) => ({
              code: r.areaCode,
              name: r.areaName,
              x: r.value,
              y: ys.get(r.areaCode)?.value ?? null,
            }))}
            highlight={area}
          />
        </>
      )}
    </>
  )
}
