/**
 * The rows of a map legend, shared by the atlas legend on the page, its PNG and SVG exports and
 * the maps of reports, so all of them show the same classes, colours, counts and labels.
 */
import type { AtlasChoropleth } from './choropleth.js'
import { NO_DATA_COLOUR, SUPPRESSED_COLOUR } from './palettes.js'

export interface LegendEntry {
  key: string
  kind: 'class' | 'missing' | 'suppressed'
  colour: string
  label: string
  count: number
  /** The class bounds (classes only): the first class holds `lower ≤ v ≤ upper`, others `lower < v ≤ upper`. */
  lower?: number
  upper?: number
}

export interface LegendText {
  /** A class range, e.g. `(lower, upper) => '1,5 – 3,0 %'`. */
  range: (lower: number, upper: number) => string
  missing: string
  suppressed: string
}

/**
 * The fixed legend texts in German and English (the atlas dictionaries take theirs from here).
 * `{count}` is the number of areas, already formatted.
 */
export const LEGEND_LABELS = {
  de: {
    missing: 'keine Daten',
    suppressed: 'geheim gehalten (.)',
    count: '{count} Gebiete',
    countOne: '1 Gebiet',
  },
  en: {
    missing: 'no data',
    suppressed: 'suppressed (.)',
    count: '{count} areas',
    countOne: '1 area',
  },
} as const

/**
 * One entry per class plus "no data" and "suppressed" (always listed, also with 0 areas, so the
 * reader knows that nothing was hidden).
 *
 * @example legendEntries(choropleth, text).map((e) => e.kind) // ['class', 'class', …, 'missing', 'suppressed']
 */
export function legendEntries(choropleth: AtlasChoropleth, text: LegendText): LegendEntry[] {
  const { breaks, colours, counts } = choropleth
  const entries: LegendEntry[] = colours.map((colour, index) => ({
    key: `class-${index}`,
    kind: 'class',
    colour,
    label: text.range(breaks[index]!, breaks[index + 1]!),
    count: counts[index] ?? 0,
    lower: breaks[index]!,
    upper: breaks[index + 1]!,
  }))
  entries.push(
    {
      key: 'missing',
      kind: 'missing',
      colour: NO_DATA_COLOUR,
      label: text.missing,
      count: choropleth.missing,
    },
    {
      key: 'suppressed',
      kind: 'suppressed',
      colour: SUPPRESSED_COLOUR,
      label: text.suppressed,
      count: choropleth.suppressed,
    },
  )
  return entries
}

/**
 * Fraction digits needed so that neighbouring class breaks stay distinguishable when rounded:
 * 0 when they are at least 1 apart, up to 3 otherwise.
 *
 * @example fractionDigitsFor([0, 0.05, 0.5]) // 2
 */
export function fractionDigitsFor(breaks: readonly number[]): number {
  let gap = Infinity
  for (let i = 1; i < breaks.length; i++) {
    const difference = Math.abs((breaks[i] ?? 0) - (breaks[i - 1] ?? 0))
    if (difference > 0 && difference < gap) gap = difference
  }
  if (!Number.isFinite(gap) || gap >= 1) return 0
  return Math.min(3, Math.ceil(-Math.log10(gap)))
}

/**
 * The fraction digits of legend bounds: the indicator's own, more where close breaks need them
 * (at most 3).
 *
 * @example legendDigits(1, [0, 0.05, 0.5]) // 2
 */
export function legendDigits(decimals: number, breaks: readonly number[]): number {
  return Math.min(3, Math.max(decimals, fractionDigitsFor(breaks)))
}
