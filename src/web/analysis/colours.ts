/**
 * Colours of the analysis maps. Categories are never told by colour alone: the legend, the table,
 * the tooltip and (optionally) a label on the map carry the class in words or as a code.
 *
 * - LISA cluster map: GeoDa's conventional colours (as libgeoda's `lisa_colors()` returns them):
 *   high-high red, low-low blue, low-high light blue, high-low pink, not significant light grey.
 *   GeoDa's grey for areas without neighbours (#999999) is too close to the atlas's grey for
 *   suppressed values, so the darker grey GeoDa uses for "undefined" marks them here.
 * - Gi* hot and cold spots: the same red and blue (GeoDa's local G map).
 * - Social index: status by the 4-class ColorBrewer RdYlBu (colour-blind safe on
 *   colorbrewer2.org; blue = high status, red = very low); the dynamics lighten (positive) or
 *   darken (negative) that colour, so that the 4 × 3 classes keep the status order in lightness.
 * - Typology: 7 of the 8 colours of Okabe & Ito (2008), designed to stay apart under the common
 *   colour-vision deficiencies.
 * - Areas the method left out use the atlas's greys (no data, suppressed), so they mean the same
 *   everywhere.
 */
import type { CombinedClass, DynamicsClass, StatusClass } from '../../modules/analysis/types.js'
import { NO_DATA_COLOUR, SUPPRESSED_COLOUR } from '../../core/maps/palettes.js'
import type { HotSpotClass, LisaCluster } from './api.js'

export { NO_DATA_COLOUR, SUPPRESSED_COLOUR }

export const LISA_COLOURS: Record<LisaCluster, string> = {
  'high-high': '#ff0000',
  'low-low': '#0000ff',
  'low-high': '#a7adf9',
  'high-low': '#f4ada8',
  'not-significant': '#eeeeee',
  neighbourless: '#464646',
}

/** The order of the LISA legend: clusters, outliers, then the rest. */
export const LISA_ORDER: readonly LisaCluster[] = [
  'high-high',
  'low-low',
  'high-low',
  'low-high',
  'not-significant',
  'neighbourless',
]

export const HOT_SPOT_COLOURS: Record<HotSpotClass, string> = {
  'hot-spot': '#ff0000',
  'cold-spot': '#0000ff',
  'not-significant': '#eeeeee',
  neighbourless: '#464646',
}

export const HOT_SPOT_ORDER: readonly HotSpotClass[] = [
  'hot-spot',
  'cold-spot',
  'not-significant',
  'neighbourless',
]

/** ColorBrewer RdYlBu, 4 classes, from high status (blue) to very low (red). */
export const STATUS_COLOURS: Record<StatusClass, string> = {
  high: '#2c7bb6',
  medium: '#abd9e9',
  low: '#fdae61',
  very_low: '#d7191c',
}

/** Dynamics alone: improving blue, stable light grey-yellow (RdYlBu's centre), worsening red. */
export const DYNAMICS_COLOURS: Record<DynamicsClass, string> = {
  positive: '#2c7bb6',
  stable: '#ffffbf',
  negative: '#d7191c',
}

/** Areas with a status class but no dynamics (no data for the earlier year). */
export const NO_DYNAMICS_COLOUR = '#c9c1dc'
/** Areas excluded from the index because they have fewer residents than the minimum. */
export const BELOW_MINIMUM_COLOUR = '#ffffff'

const hex = (colour: string) =>
  [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number]
const toHex = (rgb: readonly number[]) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`

/**
 * `colour` moved towards white (`amount` > 0) or black (`amount` < 0), linearly in RGB.
 *
 * @example shade('#d7191c', -0.35) // '#8c1012'
 */
export function shade(colour: string, amount: number): string {
  const target = amount >= 0 ? 255 : 0
  const f = Math.min(1, Math.abs(amount))
  return toHex(hex(colour).map((c) => c + f * (target - c)))
}

const LIGHTER = 0.45
const DARKER = -0.35

/**
 * The colour of an overall class (status 1–4 × dynamics +, +/-, −): the status colour, lighter
 * for positive dynamics and darker for negative ones.
 *
 * @example combinedColour('4-') // '#8c1012'
 */
export function combinedColour(combined: CombinedClass): string {
  const status = STATUS_ORDER[Number(combined[0]) - 1]!
  const dynamics = combined.slice(1)
  const base = STATUS_COLOURS[status]
  return dynamics === '+' ? shade(base, LIGHTER) : dynamics === '-' ? shade(base, DARKER) : base
}

export const STATUS_ORDER: readonly StatusClass[] = ['high', 'medium', 'low', 'very_low']
export const DYNAMICS_ORDER: readonly DynamicsClass[] = ['positive', 'stable', 'negative']
/** The dynamics sign of an overall class, in the order of DYNAMICS_ORDER. */
export const DYNAMICS_SIGNS = ['+', '+/-', '-'] as const

/** The overall classes from 1+ to 4−, row by row (status), as the legend grid shows them. */
export const COMBINED_ORDER: readonly CombinedClass[] = STATUS_ORDER.flatMap((_, s) =>
  DYNAMICS_SIGNS.map((sign) => `${s + 1}${sign}` as CombinedClass),
)

/**
 * Okabe & Ito (2008): orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
 * Their grey and black are left out (grey means "no data" on our maps; black hides the outlines).
 */
export const CLUSTER_COLOURS = [
  '#e69f00',
  '#56b4e9',
  '#009e73',
  '#f0e442',
  '#0072b2',
  '#d55e00',
  '#cc79a7',
] as const

/** The colour of typology cluster `index` (0-based). */
export function clusterColour(index: number): string {
  return CLUSTER_COLOURS[index % CLUSTER_COLOURS.length]!
}
