/**
 * Colours of the charts (atlas, area profile and reports): from the Okabe–Ito palette, which stays distinguishable with the common
 * colour-vision deficiencies (Okabe and Ito, "Color Universal Design", 2008). Only members with at
 * least 3:1 contrast on white are used for marks (WCAG 2.1 1.4.11); series also differ by dash
 * pattern and dot symbol, so colour is never the only cue.
 */

/** Blue (5.1:1 on white): the area in focus, men in the pyramid. */
export const BLUE = '#0072b2'
/** Vermillion (3.9:1): the parent area, women in the pyramid, a highlighted bar or dot. */
export const VERMILLION = '#c74f00'
/** Near black: the city. */
export const INK = '#1f2430'
/** Bluish green (3.3:1). */
export const GREEN = '#007a5a'
/** Grey of ordinary bars and dots (4.7:1). */
export const GREY = '#6b7585'

/** Colour, dash pattern and dot symbol of the n-th series of a line chart. */
export const SERIES_STYLES: readonly { colour: string; dash: string | null; symbol: string }[] = [
  { colour: BLUE, dash: null, symbol: 'circle' },
  { colour: VERMILLION, dash: '7 4', symbol: 'square' },
  { colour: INK, dash: '2 3', symbol: 'triangle' },
  { colour: GREEN, dash: '10 3 2 3', symbol: 'diamond' },
]

/** The style of series `index` (cycling when there are more series than styles). */
export function seriesStyle(index: number) {
  return SERIES_STYLES[index % SERIES_STYLES.length]!
}
