/**
 * A time series of one indicator for several areas (typically the area, its parent and the city):
 * one line per series, each with its own colour, dash pattern and dot symbol; gaps where a year
 * has no value.
 */
import type * as Plot from '@observablehq/plot'
import { useMemo } from 'react'

import { seriesStyle } from '../../core/charts/colours.js'
import { formatValue } from '../../core/charts/format.js'
import {
  seriesPeriods,
  TIME_SERIES_HEIGHT,
  timeSeriesPlot,
  type TimeSeries,
  type TimeSeriesPoint,
} from '../../core/charts/timeSeries.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { PlotFigure } from './PlotFigure.js'
import { useStable } from './useStable.js'

export type { TimeSeries, TimeSeriesPoint }

export interface TimeSeriesChartProps {
  title: string
  /** Unit of the values (the y axis label), e.g. "%". */
  unit: string
  decimals: number
  series: TimeSeries[]
}

/** A line chart of values over the years, one line per series, with a legend and a table. */
export function TimeSeriesChart({
  title,
  unit,
  decimals,
  series: seriesProp,
}: TimeSeriesChartProps) {
  const { t, format } = useI18n()
  const series = useStable(seriesProp)
  const periods = useMemo(() => seriesPeriods(series), [series])
  const hasValues = series.some((s) => s.points.some((p) => p.value !== null))

  const plot = useMemo(() => {
    if (!hasValues) return null
    const periodLabel = t('chart.period')
    return (width: number): Plot.PlotOptions =>
      timeSeriesPlot({ series, periods, unit, decimals, format, periodLabel, width })
  }, [series, periods, unit, decimals, format, t, hasValues])

  const first = periods[0] ?? ''
  const last = periods[periods.length - 1] ?? ''
  const label = t('chart.timeSeriesLabel', {
    title,
    first,
    last,
    series: series.map((s) => s.label).join(', '),
  })
  const hasSymbols = series.some((s) => s.points.some((p) => p.value === null))

  const table = (
    <table className="data-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.period')}</th>
          {series.map((s) => (
            <th scope="col" key={s.label} className="numeric">
              {s.label}
              {unit ? ` (${unit})` : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {periods.map((period) => (
          <tr key={period}>
            <th scope="row">{period}</th>
            {series.map((s) => {
              const point = s.points.find((p) => p.period === period)
              return (
                <td key={s.label} className="numeric">
                  {formatValue(format, point?.value, decimals, point?.status)}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )

  return (
    <PlotFigure
      kind="time-series"
      title={title}
      label={label}
      plot={plot}
      table={table}
      minHeight={TIME_SERIES_HEIGHT}
    >
      <ul className="chart__legend">
        {series.map((s, i) => {
          const style = seriesStyle(i)
          return (
            <li key={s.label}>
              <svg width="36" height="12" aria-hidden="true" focusable="false">
                <line
                  x1="2"
                  x2="34"
                  y1="6"
                  y2="6"
                  stroke={style.colour}
                  strokeWidth={s.emphasis ? 3 : 2}
                  strokeDasharray={style.dash ?? undefined}
                />
              </svg>
              {s.label}
            </li>
          )
        })}
      </ul>
      {hasSymbols && <p className="chart__note">{t('chart.symbols')}</p>}
    </PlotFigure>
  )
}
