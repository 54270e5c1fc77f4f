/**
 * A time series of one indicator for several areas (typically the area, its parent and the city):
 * one line per series, each with its own colour, dash pattern and dot symbol; gaps where a year
 * has no value.
 */
import * as Plot from '@observablehq/plot'
import { useMemo } from 'react'

import { useI18n } from '../i18n/I18nProvider.js'
import { seriesStyle } from './colours.js'
import { formatValue, tickFormatter } from './format.js'
import { PlotFigure } from './PlotFigure.js'
import { useStable } from './useStable.js'

export interface TimeSeriesPoint {
  period: number
  value: number | null
  /** Why a value is null (default: missing). */
  status?: 'ok' | 'suppressed' | 'missing'
}

export interface TimeSeries {
  label: string
  points: TimeSeriesPoint[]
  /** Drawn thicker: the area in focus. */
  emphasis?: boolean
}

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
  const periods = useMemo(
    () => [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort((a, b) => a - b),
    [series],
  )
  const hasValues = series.some((s) => s.points.some((p) => p.value !== null))

  const plot = useMemo(() => {
    if (!hasValues) return null
    const tick = tickFormatter(format.locale, decimals)
    return (width: number): Plot.PlotOptions => ({
      width,
      height: 280,
      marginLeft: 56,
      marginRight: 16,
      x: {
        label: t('chart.period'),
        ticks: periods.length <= 12 ? periods : undefined,
        tickFormat: (year: number) => String(year),
        domain: [periods[0]!, periods[periods.length - 1]!],
        inset: 8,
      },
      y: { label: unit, grid: true, nice: true, tickFormat: tick },
      marks: series.flatMap((s, i) => {
        const style = seriesStyle(i)
        const points = s.points
          .filter((p) => p.value !== null)
          .map((p) => ({ period: p.period, value: p.value, series: s.label }))
        const all = s.points.map((p) => ({ period: p.period, value: p.value }))
        return [
          Plot.lineY(all, {
            x: 'period',
            y: 'value',
            stroke: style.colour,
            strokeWidth: s.emphasis ? 3 : 2,
            strokeDasharray: style.dash ?? undefined,
          }),
          Plot.dot(points, {
            x: 'period',
            y: 'value',
            fill: style.colour,
            symbol: style.symbol,
            r: s.emphasis ? 4 : 3,
            title: (d: { period: number; value: number; series: string }) =>
              `${d.series} ${d.period}: ${format.decimal(d.value, decimals)} ${unit}`,
          }),
        ]
      }),
    })
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
      minHeight={280}
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
