/**
 * The time series chart: one indicator for several areas (typically the area, its parent and the
 * city), one line per series, each with its own colour, dash pattern and dot symbol; gaps where a
 * year has no value. Built here for the area profile (web/charts/TimeSeriesChart.tsx) and reports
 * (modules/reports/figures.ts).
 */
import * as Plot from '@observablehq/plot'

import { seriesStyle } from './colours.js'
import { type ChartFormat, tickFormatter, type ValueStatus } from './format.js'

export interface TimeSeriesPoint {
  period: number
  value: number | null
  /** Why a value is null (default: missing). */
  status?: ValueStatus
}

export interface TimeSeries {
  label: string
  points: TimeSeriesPoint[]
  /** Drawn thicker: the area in focus. */
  emphasis?: boolean
}

/** Height of the time series chart in px. */
export const TIME_SERIES_HEIGHT = 280

/**
 * All periods of the series, ascending and without repeats.
 *
 * @example seriesPeriods([{ label: 'A', points: [{ period: 2021, value: 1 }, { period: 2020, value: 2 }] }]) // [2020, 2021]
 */
export function seriesPeriods(series: readonly TimeSeries[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort((a, b) => a - b)
}

export interface TimeSeriesPlotOptions {
  series: readonly TimeSeries[]
  /** `seriesPeriods(series)`. */
  periods: readonly number[]
  unit: string
  decimals: number
  format: ChartFormat
  /** Label of the x axis („Jahr“). */
  periodLabel: string
  width: number
}

/**
 * The Observable Plot options of the time series chart: per series a line (mark `line`, broken at
 * null values) and dots on the values (mark `dot`).
 *
 * @example Plot.plot(timeSeriesPlot({ series, periods: seriesPeriods(series), unit: '%', … }))
 */
export function timeSeriesPlot({
  series,
  periods,
  unit,
  decimals,
  format,
  periodLabel,
  width,
}: TimeSeriesPlotOptions): Plot.PlotOptions {
  const tick = tickFormatter(format.locale, decimals)
  return {
    width,
    height: TIME_SERIES_HEIGHT,
    marginLeft: 56,
    marginRight: 16,
    x: {
      label: periodLabel,
      ticks: periods.length <= 12 ? [...periods] : undefined,
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
  }
}
