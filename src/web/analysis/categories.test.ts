import { describe, expect, it } from 'vitest'

import { NO_DATA_COLOUR, SUPPRESSED_COLOUR } from '../../core/maps/palettes.js'
import { categoryMap } from './categories.js'
import { COMBINED_ORDER, combinedColour, LISA_COLOURS, shade, STATUS_COLOURS } from './colours.js'

const text = { missing: 'no data', suppressed: 'suppressed' }
const categories = [
  { key: 'high-high', colour: LISA_COLOURS['high-high'], label: 'High-high', short: 'HH' },
  { key: 'not-significant', colour: LISA_COLOURS['not-significant'], label: 'not significant' },
]

describe('categoryMap', () => {
  it('gives every area of the layer a category, colour and count', () => {
    const result = categoryMap(
      ['a', 'b', 'c', 'd', 'e'],
      new Map([
        ['a', 'high-high'],
        ['b', 'not-significant'],
        ['c', 'high-high'],
      ]),
      categories,
      [{ code: 'd', status: 'suppressed' }],
      text,
    )
    expect(result.entries.map((e) => [e.key, e.kind, e.count])).toEqual([
      ['high-high', 'class', 2],
      ['not-significant', 'class', 1],
      ['missing', 'missing', 1],
      ['suppressed', 'suppressed', 1],
    ])
    expect(Object.fromEntries(result.fills)).toEqual({
      a: '#ff0000',
      b: '#eeeeee',
      c: '#ff0000',
      d: SUPPRESSED_COLOUR,
      e: NO_DATA_COLOUR,
    })
    // Only categories with a short label are written on the map.
    expect(Object.fromEntries(result.labels)).toEqual({ a: 'HH', c: 'HH' })
    expect(result.categoryOf.get('e')).toBe('missing')
  })

  it('refuses an answer with a category the map does not know', () => {
    expect(() => categoryMap(['a'], new Map([['a', 'low-low']]), categories, [], text)).toThrow(
      'The answer names the category "low-low", which the map does not know.',
    )
  })
})

describe('social index colours', () => {
  it('lighten positive and darken negative dynamics of the ColorBrewer RdYlBu status colour', () => {
    expect(combinedColour('4+/-')).toBe(STATUS_COLOURS.very_low)
    expect(combinedColour('4-')).toBe('#8c1012')
    expect(combinedColour('1+')).toBe(shade('#2c7bb6', 0.45))
    expect(shade('#000000', 1)).toBe('#ffffff')
  })

  it('give the 12 overall classes 12 different colours', () => {
    expect(COMBINED_ORDER).toHaveLength(12)
    expect(new Set(COMBINED_ORDER.map(combinedColour)).size).toBe(12)
  })
})
