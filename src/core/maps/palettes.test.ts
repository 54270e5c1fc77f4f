import { describe, expect, it } from 'vitest'

import {
  classSide,
  DIVERGING_CENTRE,
  divergingColours,
  MAX_CLASSES,
  NO_DATA_COLOUR,
  sequentialColours,
  SUPPRESSED_COLOUR,
} from './palettes.js'

/** WCAG 2.1 relative luminance of #rrggbb (the definition in the WCAG glossary). */
const relativeLuminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

const darker = (colours: readonly string[]) => {
  const luminance = colours.map(relativeLuminance)
  return luminance.every((value, i) => i === 0 || value < luminance[i - 1]!)
}

/** Red dominates: the "worse" arm of RdBu / YlOrRd. */
const reddish = (colour: string) => parseInt(colour.slice(1, 3), 16) > parseInt(colour.slice(5), 16)

describe('sequentialColours', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('gives %i distinct colours, light to dark', (n) => {
    const colours = sequentialColours(n, 'higher_is_worse')
    expect(colours).toHaveLength(n)
    expect(new Set(colours).size).toBe(n)
    expect(darker(colours)).toBe(true)
  })

  it('uses the published ColorBrewer YlOrRd and YlGnBu steps', () => {
    // colorbrewer2.org, 5 classes
    expect(sequentialColours(5, 'higher_is_worse')).toEqual([
      '#ffffb2',
      '#fecc5c',
      '#fd8d3c',
      '#f03b20',
      '#bd0026',
    ])
    expect(sequentialColours(5, 'neutral')).toEqual([
      '#ffffcc',
      '#a1dab4',
      '#41b6c4',
      '#2c7fb8',
      '#253494',
    ])
  })

  it('reverses for higher_is_better, so low (bad) values get the strong colour', () => {
    const worse = sequentialColours(7, 'higher_is_worse')
    const better = sequentialColours(7, 'higher_is_better')
    expect(better).toEqual([...worse].reverse())
    expect(relativeLuminance(better[0]!)).toBeLessThan(relativeLuminance(better[6]!))
  })

  it('refuses 0 or more than 9 classes, saying what it expected', () => {
    expect(() => sequentialColours(0, 'neutral')).toThrow('1 to 9 classes, got 0')
    expect(() => sequentialColours(MAX_CLASSES + 1, 'neutral')).toThrow('got 10')
  })

  it('keeps the no-data and suppressed greys apart from every class colour', () => {
    for (const polarity of ['higher_is_worse', 'higher_is_better', 'neutral'] as const) {
      for (let n = 1; n <= MAX_CLASSES; n++) {
        const colours = sequentialColours(n, polarity)
        expect(colours).not.toContain(NO_DATA_COLOUR)
        expect(colours).not.toContain(SUPPRESSED_COLOUR)
      }
    }
    expect(NO_DATA_COLOUR).not.toBe(SUPPRESSED_COLOUR)
  })
})

describe('classSide', () => {
  it('puts classes below, above and across 0', () => {
    const breaks = [-3, -1, 0, 2, 5]
    expect([0, 1, 2, 3].map((i) => classSide(breaks, i))).toEqual([-1, -1, 1, 1])
    expect(classSide([-1, 1, 2], 0)).toBe(0)
    // The first class includes its lower bound 0, so it contains 0.
    expect(classSide([0, 1, 2], 0)).toBe(0)
    expect(classSide([0, 1, 2], 1)).toBe(1)
  })
})

describe('divergingColours', () => {
  it('is centred on 0: a class containing 0 is neutral, strength grows with distance', () => {
    const colours = divergingColours([-6, -4, -2, 2, 4, 6], 'neutral')
    expect(colours[2]).toBe(DIVERGING_CENTRE)
    expect(darker([colours[2]!, colours[1]!, colours[0]!])).toBe(true)
    expect(darker([colours[2]!, colours[3]!, colours[4]!])).toBe(true)
    // Symmetric steps: the outermost classes on both sides reach the ends of ColorBrewer PuOr.
    expect([colours[0], colours[4]]).toEqual(['#2d004b', '#7f3b08'])
  })

  it('makes the worse direction red: above 0 for higher_is_worse, below for higher_is_better', () => {
    const breaks = [-2, -1, 0, 1, 2]
    const worse = divergingColours(breaks, 'higher_is_worse')
    expect(worse.map(reddish)).toEqual([false, false, true, true])
    const better = divergingColours(breaks, 'higher_is_better')
    expect(better.map(reddish)).toEqual([true, true, false, false])
    // The outermost classes use the ends of ColorBrewer RdBu (11 classes).
    expect(better[0]).toBe('#67001f')
    expect(better[3]).toBe('#053061')
  })

  it('uses only one arm when all values lie on one side of 0', () => {
    const colours = divergingColours([1, 2, 3, 4], 'higher_is_worse')
    expect(colours.every(reddish)).toBe(true)
    expect(darker(colours)).toBe(true)
  })

  it('gives no colours without classes and refuses too many', () => {
    expect(divergingColours([], 'neutral')).toEqual([])
    expect(() =>
      divergingColours(
        Array.from({ length: 11 }, (_, i) => i),
        'neutral',
      ),
    ).toThrow('1 to 9 classes, got 10')
  })
})
