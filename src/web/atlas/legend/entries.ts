/**
 * The rows of the legend, shared by the legend on the page and the PNG and SVG exports, so all
 * three show the same classes, colours and counts.
 */
import type { AtlasChoropleth } from '../map/choropleth.js'
import { NO_DATA_COLOUR, SUPPRESSED_COLOUR } from '../palettes.js'

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
