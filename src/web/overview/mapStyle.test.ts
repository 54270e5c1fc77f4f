import { describe, expect, it } from 'vitest'

import { CATEGORY_COLOURS, OTHER_CATEGORY_COLOUR } from '../lib/palette.js'
import { categoryColourExpression, densityStyle, facilityFilter, LAYER_IDS } from './mapStyle.js'

describe('densityStyle', () => {
  const style = densityStyle()

  it('has no basemap and fetches nothing: no tiles, glyphs or sprites', () => {
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson')
    expect(JSON.stringify(style)).not.toMatch(/https?:/)
  })

  it('draws background, areas, facilities and labels in that order', () => {
    expect(style.layers.map((layer) => layer.id)).toEqual([
      LAYER_IDS.background,
      LAYER_IDS.fill,
      LAYER_IDS.outline,
      LAYER_IDS.facilities,
      LAYER_IDS.labels,
    ])
  })
})

describe('facility expressions', () => {
  it('colours every known category and falls back to grey', () => {
    const expression = categoryColourExpression()
    expect(expression.slice(0, 2)).toEqual(['match', ['get', 'category']])
    expect(expression.at(-1)).toBe(OTHER_CATEGORY_COLOUR)
    expect(expression).toHaveLength(3 + 2 * Object.keys(CATEGORY_COLOURS).length)
  })

  it('filters by the visible categories', () => {
    expect(facilityFilter(['kita'])).toEqual(['in', ['get', 'category'], ['literal', ['kita']]])
  })
})
