/**
 * Colours of the atlas choropleth.
 *
 * Sequential schemes (values): ColorBrewer YlOrRd for indicators with a polarity and YlGnBu for
 * neutral ones (Brewer, Harrower & The Pennsylvania State University, colorbrewer2.org; both marked
 * "colorblind safe" there; hex values as published in d3-scale-chromatic 3.1). The orientation
 * follows the polarity so that the stronger (darker, redder) colour always means "worse":
 * - `higher_is_worse` (e.g. SGB II rate): low values light, high values dark;
 * - `higher_is_better` (e.g. employment rate): reversed — low values dark, high values light;
 * - `neutral` (e.g. share of children): low light, high dark, in a hue without judgement.
 *
 * Diverging schemes (change between two years, deviation from the city): ColorBrewer RdBu for
 * indicators with a polarity (red = the worse direction, blue = the better one) and PuOr for neutral
 * indicators, both colour-blind safe. They are centred on 0: classes below 0 take one side, classes
 * above 0 the other, a class that contains 0 the neutral middle colour, and the intensity grows
 * with the class's distance from 0 in steps shared by both sides (so −2nd and +2nd class from the
 * centre are equally strong).
 */
import type { Polarity } from '../indicators/types.js'

/** Fill of areas without a value (no data for this area and year). */
export const NO_DATA_COLOUR = '#d4d4d4'
/** Fill of areas whose value is suppressed by disclosure control: darker grey, unlike any class. */
export const SUPPRESSED_COLOUR = '#8f8f8f'

export const MIN_CLASSES = 3
export const MAX_CLASSES = 9

const YL_OR_RD: Record<number, readonly string[]> = {
  3: ['#ffeda0', '#feb24c', '#f03b20'],
  4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
  5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
  6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
  7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
  8: ['#ffffcc', '#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
  9: [
    '#ffffcc',
    '#ffeda0',
    '#fed976',
    '#feb24c',
    '#fd8d3c',
    '#fc4e2a',
    '#e31a1c',
    '#bd0026',
    '#800026',
  ],
}

const YL_GN_BU: Record<number, readonly string[]> = {
  3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
  4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
  5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
  7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
  8: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
  9: [
    '#ffffd9',
    '#edf8b1',
    '#c7e9b4',
    '#7fcdbb',
    '#41b6c4',
    '#1d91c0',
    '#225ea8',
    '#253494',
    '#081d58',
  ],
}

/** The 11-class diverging schemes, from the low end to the high end; index 5 is the centre. */
const RD_BU_11 = [
  '#67001f',
  '#b2182b',
  '#d6604d',
  '#f4a582',
  '#fddbc7',
  '#f7f7f7',
  '#d1e5f0',
  '#92c5de',
  '#4393c3',
  '#2166ac',
  '#053061',
] as const
const PU_OR_11 = [
  '#2d004b',
  '#542788',
  '#8073ac',
  '#b2abd2',
  '#d8daeb',
  '#f7f7f7',
  '#fee0b6',
  '#fdb863',
  '#e08214',
  '#b35806',
  '#7f3b08',
] as const

/** The colour of the middle of the diverging schemes (a class containing 0). */
export const DIVERGING_CENTRE = '#f7f7f7'

function checkClasses(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CLASSES) {
    throw new RangeError(`${what} needs 1 to ${MAX_CLASSES} classes, got ${n}.`)
  }
}

/**
 * `n` colours for classes of ascending values, oriented by `polarity` (see the file comment).
 * Fewer than 3 classes (few distinct values) take colours of the 3-class scheme.
 *
 * @example sequentialColours(3, 'higher_is_better') // ['#f03b20', '#feb24c', '#ffeda0']
 */
export function sequentialColours(n: number, polarity: Polarity): string[] {
  checkClasses(n, 'A sequential palette')
  const scheme = polarity === 'neutral' ? YL_GN_BU : YL_OR_RD
  const base = scheme[Math.max(MIN_CLASSES, n)]!
  const colours = n === 1 ? [base[1]!] : n === 2 ? [base[0]!, base[2]!] : [...base]
  return polarity === 'higher_is_better' ? colours.reverse() : colours
}

const hex = (colour: string): [number, number, number] => {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)
  if (!match) throw new Error(`Expected a colour as #rrggbb, got "${colour}".`)
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)]
}
const toHex = (rgb: readonly number[]) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`

/**
 * A colour on one arm of a diverging scheme: `t` = 0 is the centre, 1 the far end; linear in RGB
 * between the scheme's published steps.
 */
function along(arm: readonly string[], t: number): string {
  const position = Math.min(1, Math.max(0, t)) * (arm.length - 1)
  const lower = Math.floor(position)
  const upper = Math.min(arm.length - 1, lower + 1)
  const a = hex(arm[lower]!)
  const b = hex(arm[upper]!)
  const f = position - lower
  return toHex(a.map((c, i) => c + f * (b[i]! - c)))
}

/** Which side of 0 a class lies on: -1 below, +1 above, 0 when it contains 0. */
export function classSide(breaks: readonly number[], index: number): -1 | 0 | 1 {
  const lower = breaks[index]!
  const upper = breaks[index + 1]!
  // Class 0 includes its lower bound; the others start just above it.
  if (upper < 0 || (upper === 0 && lower < 0)) return -1
  if (lower > 0 || (lower === 0 && index > 0 && upper > 0)) return 1
  return 0
}

/**
 * One colour per class of `breaks` (ascending bounds, classes = breaks.length − 1) on a diverging
 * scheme centred on 0, oriented by polarity: for `higher_is_worse` values above 0 are red, for
 * `higher_is_better` below 0; `neutral` uses purple (below) and orange (above).
 *
 * @example divergingColours([-2, -1, 0, 1], 'higher_is_worse') // [dark blue, light blue, light red]
 */
export function divergingColours(breaks: readonly number[], polarity: Polarity): string[] {
  const n = breaks.length - 1
  if (n < 1) return []
  checkClasses(n, 'A diverging palette')
  const scheme = polarity === 'neutral' ? PU_OR_11 : RD_BU_11
  // Arms from the centre outwards: index 5 → 0 (low end) and 5 → 10 (high end).
  const lowArm = scheme.slice(0, 6).reverse()
  const highArm = scheme.slice(5)
  // RdBu runs red (low) to blue (high); for higher_is_worse the high end must be red.
  const [belowArm, aboveArm] =
    polarity === 'higher_is_worse' ? [highArm, lowArm] : [lowArm, highArm]
  const sides = Array.from({ length: n }, (_, i) => classSide(breaks, i))
  const below = sides.filter((side) => side < 0).length
  const above = sides.filter((side) => side > 0).length
  const steps = Math.max(below, above)
  return sides.map((side, i) => {
    if (side === 0) return DIVERGING_CENTRE
    // Distance in classes from the centre: 1 for the class next to 0.
    const distance = side < 0 ? below - i : i - (n - above) + 1
    return along(side < 0 ? belowArm : aboveArm, distance / steps)
  })
}
