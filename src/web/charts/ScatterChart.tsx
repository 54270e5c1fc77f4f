/**
 * Two indicators against each other over the areas of a layer: one dot per area, the
 * least-squares regression line, and Pearson's r with the number of areas it rests on.
 */
import * as Plot from '@observablehq/plot'
import { useMemo } from 'react'

import { pearson } from '../../core/analysis/stats.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { GREY, INK, VERMILLION } from '../../core/charts/colours.js'
import { MISSING_SYMBOL, tickFormatter } from '../../core/charts/format.js'
import { PlotFigure } from './PlotFigure.js'
import { useStable } from './useStable.js'
import { linearFit } from './regression.js'

export interface ScatterPoint {
  code: string
  name: string
  x: number | null
  y: number | null
}

export interface ScatterChartProps {
  title: string
  /** Label of the x axis (indicator name and unit). */
  xLabel: string
  /** Label of the y axis. */
  yLabel: string
  points: ScatterPoint[]
  /** Code of the area to highlight. */
  highlight?: string
  /** Fraction digits of x and y in the table (default 1). */
  xDecimals?: number
  yDecimals?: number
}

type Complete = ScatterPoint & { x: number; y: number }

const isComplete = (p: ScatterPoint): p is Complete =>
  p.x !== null && p.y !== null && Number.isFinite(p.x) && Number.isFinite(p.y)

/** A scatter plot with regression line and correlation coefficient. */
export function ScatterChart({
  title,
  xLabel,
  yLabel,
  points: pointsProp,
  highlight,
  xDecimals = 1,
  yDecimals = 1,
}: ScatterChartProps) {
  const { t, format } = useI18n()
  const points = useStable(pointsProp)
  const complete = useMemo(() => points.filter(isComplete), [points])
  const correlation = useMemo(
    () =>
      pearson(
        complete.map((p) => p.x),
        complete.map((p) => p.y),
      ),
    [complete],
  )
  const fit = useMemo(
    () =>
      linearFit(
        complete.map((p) => p.x),
        complete.map((p) => p.y),
      ),
    [complete],
  )

  const plot = useMemo(() => {
    if (complete.length === 0) return null
    const marked = complete.filter((p) => p.code === highlight)
    const xs = complete.map((p) => p.x)
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)]
    const line = fit
      ? [
          { x: x0, y: fit.intercept + fit.slope * x0 },
          { x: x1, y: fit.intercept + fit.slope * x1 },
        ]
      : []
    return (width: number): Plot.PlotOptions => ({
      width,
      height: Math.min(480, Math.max(280, Math.round(width * 0.6))),
      marginLeft: 56,
      marginBottom: 44,
      grid: true,
      inset: 8,
      x: { label: xLabel, nice: true, tickFormat: tickFormatter(format.locale, xDecimals) },
      y: { label: yLabel, nice: true, tickFormat: tickFormatter(format.locale, yDecimals) },
      marks: [
        Plot.line(line, { x: 'x', y: 'y', stroke: INK, strokeWidth: 1.5, strokeDasharray: '6 4' }),
        Plot.dot(complete, {
          x: 'x',
          y: 'y',
          r: 4,
          fill: GREY,
          fillOpacity: 0.85,
          title: (p: Complete) =>
            `${p.name}: ${format.decimal(p.x, xDecimals)} / ${format.decimal(p.y, yDecimals)}`,
        }),
        Plot.dot(marked, { x: 'x', y: 'y', r: 7, fill: VERMILLION, stroke: INK, strokeWidth: 2 }),
        Plot.text(marked, {
          x: 'x',
          y: 'y',
          text: 'name',
          dy: -14,
          fontWeight: 700,
          fill: INK,
          stroke: 'white',
          strokeWidth: 3,
          paintOrder: 'stroke',
        }),
      ],
    })
  }, [complete, highlight, fit, xLabel, yLabel, xDecimals, yDecimals, format])

  const coefficient = Number.isFinite(correlation.r)
    ? t('chart.correlation', { r: format.decimal(correlation.r, 3), n: correlation.n })
    : t('chart.correlationUndefined', { n: correlation.n })
  const regression = fit
    ? t('chart.regression', {
        intercept: format.decimal(fit.intercept, 3),
        sign: fit.slope < 0 ? '−' : '+',
        slope: format.decimal(Math.abs(fit.slope), 3),
      })
    : null
  const label = `${t('chart.scatterLabel', { x: xLabel, y: yLabel, count: complete.length })}. ${coefficient}`

  const cell = (value: number | null, digits: number) =>
    value === null || !Number.isFinite(value) ? MISSING_SYMBOL : format.decimal(value, digits)

  const table = (
    <table className="data-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.area')}</th>
          <th scope="col" className="numeric">
            {xLabel}
          </th>
          <th scope="col" className="numeric">
            {yLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.code} aria-current={p.code === highlight ? 'true' : undefined}>
            <th scope="row">
              {p.name}
              {p.code === highlight ? ` ${t('chart.highlighted')}` : ''}
            </th>
            <td className="numeric">{cell(p.x, xDecimals)}</td>
            <td className="numeric">{cell(p.y, yDecimals)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )

  return (
    <PlotFigure
      kind="scatter"
      title={title}
      label={label}
      plot={plot}
      table={table}
      minHeight={320}
    >
      <p className="chart__note" data-testid="correlation">
        {coefficient}
        {regression ? `; ${regression}` : ''}
      </p>
    </PlotFigure>
  )
}
