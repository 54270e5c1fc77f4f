/**
 * Colours of the maps. The sequential palette is ColorBrewer YlGnBu (Brewer, Harrower & Pennsylvania
 * State University, colorbrewer2.org), marked there as colour-blind safe; the category colours are
 * from Okabe & Ito (2008), "Color Universal Design", distinguishable with every common colour vision
 * deficiency. Yellow and sky blue are left out of the categories: too light on the light classes.
 */

const YL_GN_BU: Record<number, readonly string[]> = {
  1: ['#41b6c4'],
  2: ['#a1dab4', '#2c7fb8'],
  3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
  4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
  5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
}

/** The largest number of classes the sequential palette supports. */
export const MAX_CLASSES = 5

/** Fill for areas without a value. */
export const NO_DATA_COLOUR = '#d4d4d4'

/**
 * `n` sequential colours from light (low) to dark (high), for 0 ≤ n ≤ 5.
 *
 * @example sequentialColours(3) // ['#edf8b1', '#7fcdbb', '#2c7fb8']
 */
export function sequentialColours(n: number): readonly string[] {
  if (n === 0) return []
  const colours = YL_GN_BU[n]
  if (!colours) {
    throw new RangeError(`The sequential palette has 1 to ${MAX_CLASSES} colours, asked for ${n}.`)
  }
  return colours
}

/** Okabe–Ito colours for facility categories, in a fixed order; unknown categories get grey. */
export const CATEGORY_COLOURS = {
  kita: '#d55e00',
  school: '#0072b2',
  youth_centre: '#cc79a7',
  senior_centre: '#009e73',
  counselling: '#e69f00',
  family_centre: '#000000',
} as const

export const OTHER_CATEGORY_COLOUR = '#6b6b6b'

/** The colour of a facility category. */
export function categoryColour(category: string): string {
  return (CATEGORY_COLOURS as Record<string, string>)[category] ?? OTHER_CATEGORY_COLOUR
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.1, definition of relative luminance). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!match) throw new Error(`Expected a colour as #rrggbb, got "${hex}".`)
  const [r, g, b] = match.slice(1, 4).map((part) => {
    const channel = parseInt(part, 16) / 255
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/**
 * Contrast ratio of two colours (WCAG 2.1), from 1 to 21.
 *
 * @example contrastRatio('#000000', '#ffffff') // 21
 */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ]
  return (light + 0.05) / (dark + 0.05)
}
