/**
 * The population pyramid: residents per age group, men to the left, women to the right, the
 * youngest at the bottom. Cells withheld by disclosure control are marked with the official symbol
 * "." at the axis (never drawn as zero). Built here for the area profile
 * (web/charts/PopulationPyramid.tsx) and reports (modules/reports/figures.ts).
 */
import * as Plot from '@observablehq/plot'

import { BLUE, INK, VERMILLION } from './colours.js'
import { type ChartFormat, SUPPRESSED_SYMBOL, tickFormatter, type ValueStatus } from './format.js'

export interface PyramidGroup {
  /** Label of the age group, e.g. "0–4" or "85+". */
  age: string
  male: number | null
  female: number | null
  /** Why `male` is null; default `suppressed` (the API's public answer). */
  maleStatus?: ValueStatus
  femaleStatus?: ValueStatus
}

export type Sex = 'male' | 'female'

/** A bar of the pyramid. */
export interface PyramidBar {
  age: string
  sex: Sex
  /** Negative for men: they extend to the left. */
  x: number
}

/** The colour of each sex (men blue, women vermillion). */
export const SEX_COLOURS: Record<Sex, string> = { male: BLUE, female: VERMILLION }

/** The status of a cell: given, or `suppressed` when the value is null (the API's public answer). */
export const pyramidStatus = (value: number | null, status: ValueStatus | undefined): ValueStatus =>
  status ?? (value === null ? 'suppressed' : 'ok')

/**
 * The bars of the groups' values and the cells marked as suppressed.
 *
 * @example pyramidBars([{ age: '0–4', male: 10, female: null }]) // { bars: [{ age: '0–4', sex: 'male', x: -10 }], hidden: [{ age: '0–4', sex: 'female' }] }
 */
export function pyramidBars(groups: readonly PyramidGroup[]): {
  bars: PyramidBar[]
  hidden: { age: string; sex: Sex }[]
} {
  const bars: PyramidBar[] = []
  const hidden: { age: string; sex: Sex }[] = []
  for (const g of groups) {
    for (const sex of ['male', 'female'] as const) {
      const value = g[sex]
      const status = pyramidStatus(value, sex === 'male' ? g.maleStatus : g.femaleStatus)
      if (value !== null && Number.isFinite(value)) {
        bars.push({ age: g.age, sex, x: sex === 'male' ? -value : value })
      } else if (status === 'suppressed') {
        hidden.push({ age: g.age, sex })
      }
    }
  }
  return { bars, hidden }
}

/** The height of a pyramid of `groups` age groups. */
export const pyramidHeight = (groups: number) => groups * 20 + 60

export interface PyramidPlotOptions {
  /** Age groups from the youngest to the oldest. */
  groups: readonly PyramidGroup[]
  format: ChartFormat
  /** Words in the axis label and tooltips. */
  labels: { male: string; female: string; persons: string }
  width: number
}

/**
 * The Observable Plot options of the pyramid (marks `bar`, `rule`, `text` for the „.“ cells).
 *
 * @example Plot.plot(pyramidPlot({ groups, format, labels: { male: 'Männer', … }, width: 640 }))
 */
export function pyramidPlot({
  groups,
  format,
  labels,
  width,
}: PyramidPlotOptions): Plot.PlotOptions {
  const { bars, hidden } = pyramidBars(groups)
  const tick = tickFormatter(format.locale, 0)
  const largest = Math.max(1, ...bars.map((b) => Math.abs(b.x)))
  const offset = largest * 0.03
  return {
    width,
    height: pyramidHeight(groups.length),
    marginLeft: 56,
    marginRight: 24,
    x: {
      label: `← ${labels.male} · ${labels.persons} · ${labels.female} →`,
      labelAnchor: 'center',
      domain: [-largest, largest],
      nice: true,
      tickFormat: (v: number) => tick(Math.abs(v)),
    },
    // The age groups need no axis label (a rotated one would run into the ticks).
    y: { label: null, domain: groups.map((g) => g.age).reverse() },
    color: { domain: ['male', 'female'], range: [SEX_COLOURS.male, SEX_COLOURS.female] },
    marks: [
      Plot.barX(bars, {
        x: 'x',
        y: 'age',
        fill: 'sex',
        insetTop: 1,
        insetBottom: 1,
        title: (b: PyramidBar) =>
          `${b.age}, ${b.sex === 'male' ? labels.male : labels.female}: ${format.integer(Math.abs(b.x))}`,
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
  }
}
