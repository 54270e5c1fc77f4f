/** A choropleth classification: quantile classes, their colours and how many areas each holds. */
import { classCounts, classify, quantileBreaks } from './classes.js'
import { MAX_CLASSES, NO_DATA_COLOUR, sequentialColours } from './palette.js'

export interface Choropleth {
  /** Ascending class breaks; classes = breaks.length - 1 (0 without values). */
  breaks: number[]
  /** One colour per class, light to dark. */
  colours: readonly string[]
  /** Areas per class. */
  counts: number[]
  /** Areas without a value. */
  missing: number
}

/**
 * Quantile classes (at most 5) over `values`; null and NaN count as missing.
 *
 * @example buildChoropleth([10, 20, 30, null], 3).counts // [1, 1, 1]
 */
export function buildChoropleth(
  values: readonly (number | null)[],
  classes = MAX_CLASSES,
): Choropleth {
  const numbers = values.map((value) => (value === null ? NaN : value))
  const breaks = quantileBreaks(numbers, Math.min(classes, MAX_CLASSES))
  return {
    breaks,
    colours: sequentialColours(Math.max(0, breaks.length - 1)),
    counts: classCounts(numbers, breaks),
    missing: numbers.filter((value) => !Number.isFinite(value)).length,
  }
}

/** The fill colour of a value in a choropleth; grey when it has no value. */
export function colourOf(value: number | null, choropleth: Choropleth): string {
  const index = classify(value ?? NaN, choropleth.breaks)
  return index < 0 ? NO_DATA_COLOUR : (choropleth.colours[index] ?? NO_DATA_COLOUR)
}
