/**
 * The population pyramid of an area: residents per age group, men to the left, women to the
 * right, the youngest at the bottom. Cells withheld by disclosure control are marked with the
 * official symbol "." at the axis (never drawn as zero).
 */
import type * as Plot from '@observablehq/plot'
import { useMemo } from 'react'

import { formatValue } from '../../core/charts/format.js'
import {
  pyramidBars,
  pyramidHeight,
  pyramidPlot,
  pyramidStatus as statusOf,
  type PyramidGroup,
  SEX_COLOURS,
} from '../../core/charts/pyramid.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { PlotFigure } from './PlotFigure.js'
import { useStable } from './useStable.js'

export type { PyramidGroup }

export interface PopulationPyramidProps {
  title: string
  /** Age groups from the youngest to the oldest. */
  groups: PyramidGroup[]
}

/** A back-to-back bar chart of residents by age group and sex. */
export function PopulationPyramid({ title, groups: groupsProp }: PopulationPyramidProps) {
  const { t, format } = useI18n()
  const groups = useStable(groupsProp)
  const { bars, hidden } = useMemo(() => pyramidBars(groups), [groups])

  const plot = useMemo(() => {
    if (bars.length === 0) return null
    const labels = { male: t('chart.male'), female: t('chart.female'), persons: t('chart.persons') }
    return (width: number): Plot.PlotOptions => pyramidPlot({ groups, format, labels, width })
  }, [bars, groups, format, t])

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
      minHeight={pyramidHeight(groups.length)}
    >
      <ul className="chart__legend">
        {(['male', 'female'] as const).map((sex) => (
          <li key={sex}>
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" fill={SEX_COLOURS[sex]} />
            </svg>
            {t(sex === 'male' ? 'chart.male' : 'chart.female')}
          </li>
        ))}
      </ul>
      {hidden.length > 0 && <p className="chart__note">{t('chart.symbols')}</p>}
    </PlotFigure>
  )
}
