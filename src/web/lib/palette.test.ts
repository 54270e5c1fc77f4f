import { describe, expect, it } from 'vitest'

import {
  CATEGORY_COLOURS,
  categoryColour,
  contrastRatio,
  MAX_CLASSES,
  NO_DATA_COLOUR,
  OTHER_CATEGORY_COLOUR,
  relativeLuminance,
  sequentialColours,
} from './palette.js'

describe('sequentialColours', () => {
  it.each([1, 2, 3, 4, 5])('gives %i distinct colours from light to dark', (n) => {
    const colours = sequentialColours(n)
    expect(colours).toHaveLength(n)
    expect(new Set(colours).size).toBe(n)
    const luminance = colours.map(relativeLuminance)
    for (let i = 1; i < n; i++) expect(luminance[i]).toBeLessThan(luminance[i - 1]!)
  })

  it('gives none for no classes and refuses more than it has', () => {
    expect(sequentialColours(0)).toEqual([])
    expect(() => sequentialColours(MAX_CLASSES + 1)).toThrow('1 to 5 colours, asked for 6')
  })

  it('keeps the no-data grey apart from every class colour', () => {
    expect(sequentialColours(5)).not.toContain(NO_DATA_COLOUR)
  })
})

describe('category colours', () => {
  it('are distinct and fall back to grey', () => {
    const colours = Object.values(CATEGORY_COLOURS)
    expect(new Set(colours).size).toBe(colours.length)
    expect(categoryColour('kita')).toBe(CATEGORY_COLOURS.kita)
    expect(categoryColour('unknown')).toBe(OTHER_CATEGORY_COLOUR)
  })
})

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21)
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1)
    // The primary blue of the UI passes AA for normal text on white (4.5:1).
    expect(contrastRatio('#0b4ea2', '#ffffff')).toBeGreaterThan(4.5)
  })

  it('rejects colours it cannot read', () => {
    expect(() => relativeLuminance('blue')).toThrow('#rrggbb, got "blue"')
  })
})
