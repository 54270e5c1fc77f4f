/**
 * Areas ranked by one indicator: horizontal bars sorted from the highest value down, one area
 * highlighted (outlined, in vermillion unless `colourOf` colours the bars by class). Bars can be
 * clicked to select an area; the table below has a button per area for keyboard users.
 */
import type * as Plot from '@observablehq/plot'
import { useCallback, useMemo } from 'react'

import { formatValue } from '../../core/charts/format.js'
import { rankingHeight, rankingPlot, rankRows, type RankingRow } from '../../core/charts/ranking.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { PlotFigure } from './PlotFigure.js'
import { useStable } from './useStable.js'

export type { RankingRow }

export interface RankingChartProps {
  title: string
  unit: string
  decimals: number
  rows: RankingRow[]
  /** Code of the area to highlight. */
  highlight?: string
  /** Fill of a bar by its value (e.g. the map's class colours); default grey. */
  colourOf?: (value: number) => string
  /** Called with an area's code when its bar or its button in the table is chosen. */
  onSelect?: (code: string) => void
}

/** A horizontal bar chart of areas sorted by value. */
export function RankingChart({
  title,
  unit,
  decimals,
  rows: rowsProp,
  highlight,
  colourOf,
  onSelect,
}: RankingChartProps) {
  const { t, format } = useI18n()
  const rows = useStable(rowsProp)
  const { valued, rest } = useMemo(() => rankRows(rows, format.compare), [rows, format])

  const plot = useMemo(() => {
    if (valued.length === 0) return null
    return (width: number): Plot.PlotOptions =>
      rankingPlot({ valued, unit, decimals, format, highlight, colourOf, width })
  }, [valued, highlight, colourOf, unit, decimals, format])

  // Plot draws the bars in the order of `valued`, so the n-th rect is the n-th row.
  const onRender = useCallback(
    (svg: SVGSVGElement) => {
      if (!onSelect) return
      svg.querySelectorAll('[data-mark="bar"] rect').forEach((rect, i) => {
        const row = valued[i]
        if (row) rect.addEventListener('click', () => onSelect(row.code))
      })
    },
    [onSelect, valued],
  )

  const position = valued.findIndex((r) => r.code === highlight)
  const highlighted = position >= 0 ? valued[position] : undefined
  const label = t('chart.rankingLabel', { title, count: valued.length })

  const name = (row: RankingRow) =>
    onSelect ? (
      <button
        type="button"
        className="chart__select"
        aria-label={t('chart.select', { name: row.name })}
        onClick={() => onSelect(row.code)}
      >
        {row.name}
      </button>
    ) : (
      row.name
    )

  const table = (
    <table className="data-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col" className="numeric">
            {t('chart.rank')}
          </th>
          <th scope="col">{t('chart.area')}</th>
          <th scope="col" className="numeric">
            {t('chart.value')}
            {unit ? ` (${unit})` : ''}
          </th>
        </tr>
      </thead>
      <tbody>
        {[...valued, ...rest].map((row, i) => (
          <tr key={row.code} aria-current={row.code === highlight ? 'true' : undefined}>
            <td className="numeric">{i < valued.length ? i + 1 : ''}</td>
            <th scope="row">
              {name(row)}
              {row.code === highlight ? ` ${t('chart.highlighted')}` : ''}
            </th>
            <td className="numeric">{formatValue(format, row.value, decimals, row.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )

  return (
    <PlotFigure
      kind="ranking"
      className={onSelect ? 'chart--clickable' : undefined}
      title={title}
      label={label}
      plot={plot}
      onRender={onRender}
      table={table}
      minHeight={rankingHeight(valued.length)}
    >
      {highlighted && (
        <p className="chart__note">
          {t('chart.rankingHighlight', {
            name: highlighted.name,
            rank: position + 1,
            count: valued.length,
          })}
        </p>
      )}
      {rest.length > 0 && <p className="chart__note">{t('chart.symbols')}</p>}
    </PlotFigure>
  )
}
