/**
 * The ranking chart: areas as horizontal bars sorted from the highest value down, one area
 * highlighted (outlined, in vermillion unless `colourOf` colours the bars by class). The Plot
 * options are built here, so the atlas (web/charts/RankingChart.tsx) and reports
 * (modules/reports/figures.ts) draw the same chart.
 */
import * as Plot from '@observablehq/plot'

import { GREY, INK, VERMILLION } from './colours.js'
import { type ChartFormat, tickFormatter, type ValueStatus } from './format.js'

export interface RankingRow {
  code: string
  name: string
  value: number | null
  status?: ValueStatus
}

/** A row with a value to draw. */
export type RankedRow = RankingRow & { value: number }

/** Bar height in px; the chart grows with the number of areas. */
export const RANKING_BAR = 18

/**
 * Ranked rows: values from the highest down (ties by name), then areas without a value.
 *
 * @example rankRows([{ code: 'a', name: 'A', value: 1 }, { code: 'b', name: 'B', value: 2 }], cmp).valued[0].code // 'b'
 */
export function rankRows(
  rows: readonly RankingRow[],
  compare: (a: string, b: string) => number,
): { valued: RankedRow[]; rest: RankingRow[] } {
  const valued = rows
    .filter((r): r is RankedRow => r.value !== null && Number.isFinite(r.value))
    .sort((a, b) => b.value - a.value || compare(a.name, b.name))
  const rest = rows.filter((r) => r.value === null || !Number.isFinite(r.value))
  return { valued, rest }
}

export interface RankingPlotOptions {
  /** The rows with values, in the order drawn (`rankRows(…).valued`). */
  valued: readonly RankedRow[]
  unit: string
  decimals: number
  format: ChartFormat
  /** Code of the area to highlight. */
  highlight?: string
  /** Fill of a bar by its value (e.g. the map's class colours); default grey. */
  colourOf?: (value: number) => string
  width: number
}

/** The height of a ranking chart of `count` bars. */
export const rankingHeight = (count: number) => count * RANKING_BAR + 48

/**
 * The Observable Plot options of the ranking chart; the n-th rect of the bar mark is the n-th row.
 *
 * @example Plot.plot(rankingPlot({ valued, unit: '%', decimals: 1, format, width: 640 }))
 */
export function rankingPlot({
  valued,
  unit,
  decimals,
  format,
  highlight,
  colourOf,
  width,
}: RankingPlotOptions): Plot.PlotOptions {
  const tick = tickFormatter(format.locale, decimals)
  const names = new Map(valued.map((r) => [r.code, r.name]))
  const fill = (r: RankedRow) =>
    colourOf ? colourOf(r.value) : r.code === highlight ? VERMILLION : GREY
  const marked = valued.filter((r) => r.code === highlight)
  return {
    width,
    height: rankingHeight(valued.length),
    marginLeft: Math.min(220, Math.max(80, 7 * Math.max(...valued.map((r) => r.name.length)))),
    marginRight: 64,
    x: { label: unit, grid: true, nice: true, tickFormat: tick, axis: 'top' },
    y: {
      label: null,
      domain: valued.map((r) => r.code),
      tickFormat: (code: string) => names.get(code) ?? code,
    },
    marks: [
      Plot.barX(valued, {
        x: 'value',
        y: 'code',
        fill,
        // 'none', not null: Plot drops data whose colour channel is null.
        stroke: (r: RankingRow) => (r.code === highlight ? INK : 'none'),
        strokeWidth: 2,
        insetTop: 2,
        insetBottom: 2,
        title: (r: RankedRow) => `${r.name}: ${format.decimal(r.value, decimals)} ${unit}`,
      }),
      Plot.ruleX([0], { stroke: INK }),
      Plot.text(marked, {
        x: 'value',
        y: 'code',
        text: (r: RankedRow) => format.decimal(r.value, decimals),
        textAnchor: 'start',
        dx: 6,
        fontWeight: 700,
        fill: INK,
      }),
    ],
  }
}
