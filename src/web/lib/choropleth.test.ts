import { describe, expect, it } from 'vitest'

import type { AreaCollection } from '../http/types.js'
import { areaRows, totals } from './areaRows.js'
import { buildChoropleth, colourOf } from './choropleth.js'
import { NO_DATA_COLOUR, sequentialColours } from './palette.js'

describe('buildChoropleth', () => {
  it('makes five quantile classes with counts and colours', () => {
    const values = Array.from({ length: 25 }, (_, i) => i * 100)
    const choropleth = buildChoropleth(values)
    expect(choropleth.breaks).toHaveLength(6)
    expect(choropleth.counts).toEqual([5, 5, 5, 5, 5])
    expect(choropleth.colours).toEqual(sequentialColours(5))
    expect(choropleth.missing).toBe(0)
  })

  it('counts missing values apart and colours them grey', () => {
    const choropleth = buildChoropleth([10, 20, 30, null, NaN], 3)
    expect(choropleth.counts).toEqual([1, 1, 1])
    expect(choropleth.missing).toBe(2)
    expect(colourOf(null, choropleth)).toBe(NO_DATA_COLOUR)
    expect(colourOf(30, choropleth)).toBe(sequentialColours(3)[2])
  })

  it('has no classes without values', () => {
    const choropleth = buildChoropleth([null])
    expect(choropleth.breaks).toEqual([])
    expect(choropleth.colours).toEqual([])
    expect(colourOf(5, choropleth)).toBe(NO_DATA_COLOUR)
  })
})

describe('areaRows', () => {
  const areas: AreaCollection = {
    type: 'FeatureCollection',
    features: [
      { code: '01.01', name: 'Altstadt', parentCode: '01', areaKm2: 2 },
      { code: '01.02', name: 'Hafen', parentCode: '01', areaKm2: 0 },
      { code: '02.01', name: 'Heide', parentCode: '02', areaKm2: 4 },
    ].map((properties) => ({
      type: 'Feature' as const,
      id: properties.code,
      properties: { ...properties, layer: 'sozialraum' },
      geometry: { type: 'MultiPolygon' as const, coordinates: [] },
    })),
  }
  const rows = areaRows(
    areas,
    {
      layer: 'sozialraum',
      period: 2024,
      values: [
        { code: '01.01', population: 5000 },
        { code: '01.02', population: 10 },
      ],
    },
    new Map([['01', 'Mitte']]),
  )

  it('joins population and computes the density', () => {
    expect(rows[0]).toEqual({
      code: '01.01',
      name: 'Altstadt',
      parentCode: '01',
      parentName: 'Mitte',
      population: 5000,
      areaKm2: 2,
      density: 2500,
    })
  })

  it('leaves density empty without population or area', () => {
    expect(rows[1]?.density).toBeNull()
    expect(rows[2]?.population).toBeNull()
    expect(rows[2]?.density).toBeNull()
    expect(rows[2]?.parentName).toBeNull()
  })

  it('totals residents, area and density over the areas that have values', () => {
    expect(totals(rows)).toEqual({ population: 5010, areaKm2: 6, density: 2505 })
  })
})
