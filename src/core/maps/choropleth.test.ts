import { describe, expect, it } from 'vitest'

import { buildChoropleth, fillOf, type MapInputRow, mapData, type MapStatus } from './choropleth.js'
import { NO_DATA_COLOUR, sequentialColours, SUPPRESSED_COLOUR } from './palettes.js'

const row = (
  areaCode: string,
  value: number | null,
  status: MapStatus = 'ok',
  diffCity: number | null = null,
): MapInputRow => ({ areaCode, areaName: `Gebiet ${areaCode}`, value, diffCity, status })

describe('mapData', () => {
  it('maps values, keeping suppressed and missing apart', () => {
    const data = mapData('value', [
      row('a', 1),
      row('b', null, 'suppressed'),
      row('c', null, 'missing'),
    ])
    expect([...data.values()].map((d) => [d.value, d.status])).toEqual([
      [1, 'ok'],
      [null, 'suppressed'],
      [null, 'missing'],
    ])
  })

  it('computes the change between two years; suppressed or missing in either year has none', () => {
    const now = [row('a', 12), row('b', 5), row('c', 7), row('d', null, 'suppressed')]
    const before = [row('a', 10), row('b', null, 'suppressed'), row('d', 3)]
    const data = mapData('change', now, before)
    expect(data.get('a')).toMatchObject({ value: 2, base: 12, status: 'ok' })
    expect(data.get('b')).toMatchObject({ value: null, status: 'suppressed' })
    expect(data.get('c')).toMatchObject({ value: null, status: 'missing' })
    expect(data.get('d')).toMatchObject({ value: null, status: 'suppressed' })
  })

  it('maps the deviation from the city (diffCity)', () => {
    const data = mapData('deviation', [row('a', 12, 'ok', 2.5), row('b', 8, 'ok', -1.5)])
    expect([...data.values()].map((d) => d.value)).toEqual([2.5, -1.5])
  })
})

describe('buildChoropleth', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  const data = mapData('value', [
    ...values.map((v, i) => row(`a${i}`, v)),
    row('s', null, 'suppressed'),
    row('m', null, 'missing'),
  ])

  it('classifies with core classify and colours by polarity, counting no-data apart', () => {
    const choropleth = buildChoropleth(data, {
      mode: 'value',
      polarity: 'higher_is_worse',
      method: 'equal',
      k: 3,
    })
    expect(choropleth.breaks).toEqual([1, 4, 7, 10])
    expect(choropleth.counts).toEqual([4, 3, 3])
    expect(choropleth.colours).toEqual(sequentialColours(3, 'higher_is_worse'))
    expect(choropleth).toMatchObject({ missing: 1, suppressed: 1, diverging: false })
    expect(fillOf(data.get('a9'), choropleth)).toBe(choropleth.colours[2])
    expect(fillOf(data.get('s'), choropleth)).toBe(SUPPRESSED_COLOUR)
    expect(fillOf(data.get('m'), choropleth)).toBe(NO_DATA_COLOUR)
    expect(fillOf(undefined, choropleth)).toBe(NO_DATA_COLOUR)
  })

  it('takes manual inner breaks and closes the outer classes with the data range', () => {
    const choropleth = buildChoropleth(data, {
      mode: 'value',
      polarity: 'neutral',
      method: 'manual',
      k: 5,
      breaks: [2.5, 6],
    })
    expect(choropleth.breaks).toEqual([1, 2.5, 6, 10])
    expect(choropleth.counts).toEqual([2, 4, 4])
  })

  it('uses a diverging palette for changes, with a neutral class around 0', () => {
    const change = mapData(
      'deviation',
      [-3, -2, -1, 1, 2, 3].map((v, i) => row(`d${i}`, 10, 'ok', v)),
    )
    const choropleth = buildChoropleth(change, {
      mode: 'deviation',
      polarity: 'higher_is_worse',
      method: 'equal',
      k: 3,
    })
    expect(choropleth.diverging).toBe(true)
    expect(choropleth.breaks).toEqual([-3, -1, 1, 3])
    expect(choropleth.colours[1]).toBe('#f7f7f7')
  })

  it('has no classes without values', () => {
    const empty = buildChoropleth(mapData('value', [row('m', null, 'missing')]), {
      mode: 'value',
      polarity: 'neutral',
      method: 'quantile',
      k: 5,
    })
    expect(empty).toMatchObject({ breaks: [], colours: [], counts: [], missing: 1 })
  })
})
