/**
 * The population pyramid of an area: residents per age group, men to the left, women to the
 * right, the youngest at the bottom. Cells withheld by disclosure control are marked with the
 * official symbol "." at the axis (never drawn as zero).
 */
import * as Plot from '@observablehq/plot'
import { useMemo } from 'react'

import { useI18n } from '../i18n/I18nProvider.js'
import { BLUE, INK, VERMILLION } from './colours.js'
import { formatValue, SUPPRESSED_SYMBOL, tickFormatter, type ValueStatus } from './format.js'
import { PlotFigure } from './PlotFigure.js'
import { useStable } from './useStable.js'

export interface PyramidGroup {
  /** Label of the age group, e.g. "0–4" or "85+". */
  age: string
  male: number | null
  female: number | null
  /** Why `male` is null; default `suppressed` (the API's public answer). */
  maleStatus?: ValueStatus
  femaleStatus?: ValueStatus
}

export interface PopulationPyramidProps {
  title: string
  /** Age groups from the youngest to the oldest. */
  groups: PyramidGroup[]
}

type Sex = 'male' | 'female'

interface Bar {
  age: string
  sex: Sex
  /** Negative for men: they extend to the left. */
  x: number
}

const statusOf = (value: number | null, status: ValueStatus | undefined): ValueStatus =>
  status ?? (value === null ? 'suppressed' : 'ok')

/** A back-to-back bar chart of residents by age group and sex. */
export function PopulationPyramid({ title, groups: groupsProp }: PopulationPyramidProps) {
  const { t, format } = useI18n()
  const groups = useStable(groupsProp)
  const { bars, hidden } = useMemo(() => {
    const bars: Bar[] = []
    const hidden: { age: string; sex: Sex }[] = []
    for (const g of groups) {
      for (const sex of ['male', 'female'] as const) {
        const value = g[sex]
        const status = statusOf(value, sex === 'male' ? g.maleStatus : g.femaleStatus)
        if (value !== null && Number.isFinite(value)) {
          bars.push({ age: g.age, sex, x: sex === 'male' ? -value : value })
        } else if (status === 'suppressed') {
          hidden.push({ age: g.age, sex })
        }
      }
    }
    return { bars, hidden }
  }, [groups])

  const plot = useMemo(() => {
    if (bars.length === 0) return null
    const tick = tickFormatter(format.locale, 0)
    const largest = Math.max(1, ...bars.map((b) => Math.abs(b.x)))
    const offset = largest * 0.03
    return (width: number): Plot.PlotOptions => ({
      width,
      height: groups.length * 20 + 60,
      marginLeft: 56,
      marginRight: 24,
      x: {
        label: `← ${t('chart.male')} · ${t('chart.persons')} · ${t('chart.female')} →`,
        labelAnchor: 'center',
        domain: [-largest, largest],
        nice: true,
        tickFormat: (v: number) => tick(Math.abs(v)),
      },
      // The age groups need no axis label (a rotated one would run into the ticks).
      y: { label: null, domain: groups.map((g) => g.age).reverse() },
      color: { domain: ['male', 'female'], range: [BLUE, VERMILLION] },
      marks: [
        Plot.barX(bars, {
          x: 'x',
          y: 'age',
          fill: 'sex',
          insetTop: 1,
          insetBottom: 1,
          title: (b: Bar) =>
            `${b.age}, ${t(b.sex === 'male' ? 'chart.male' : 'chart.female')}: ${format.integer(Math.abs(b.x))}`,
        }),
        Plot.ruleX([0], { stroke: INK }),
        Plot.text(hidden, {
          x: (h: { sex: Sex }) => (h.sex === 'male' ? -offset : offset),
          y: 'age',
          text: () => SUPPRESSED_SYMBOL,
          fontSize: 18,
          fontWeight: 700,
          fill: INK,
          dy: -4,
        }),
      ],
    })
  }, [bars, hidden, groups, format, t])

  const label = t('chart.pyramidLabel', { title })
  const table = (
    <table className="data-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.age')}</th>
          <th scope="col" className="numeric">
            {t('chart.male')}
          </th>
          <th scope="col" className="numeric">
            {t('chart.female')}
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.age}>
            <th scope="row">{g.age}</th>
            <td className="numeric">
              {formatValue(format, g.male, 0, statusOf(g.male, g.maleStatus))}
            </td>
            <td className="numeric">
              {formatValue(format, g.female, 0, statusOf(g.female, g.femaleStatus))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )

  return (
    <PlotFigure
      kind="pyramid"
      title={title}
      label={label}
      plot={plot}
      table={table}
      minHeight={groups.length * 20 + 60}
    >
      <ul className="chart__legend">
        {(['male', 'female'] as const).map((sex) => (
          <li key={sex}>
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" fill={sex === 'male' ? BLUE : VERMILLION} />
            </svg>
            {t(sex === 'male' ? 'chart.male' : 'chart.female')}
          </li>
        ))}
      </ul>
      {hidden.length > 0 && <p className="chart__note">{t('chart.symbols')}</p>}
    </PlotFigure>
  )
}
