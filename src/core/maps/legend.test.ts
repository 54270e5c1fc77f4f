import { describe, expect, it } from 'vitest'

import { buildChoropleth, mapData } from './choropleth.js'
import { fractionDigitsFor, legendDigits, legendEntries } from './legend.js'
import { NO_DATA_COLOUR, SUPPRESSED_COLOUR } from './palettes.js'

describe('legendEntries', () => {
  const rows = [1, 2, 3, 4, 5, 6].map((value, i) => ({
    areaCode: `a${i}`,
    areaName: `Gebiet ${i}`,
    value,
    diffCity: null,
    status: 'ok' as const,
  }))
  const data = mapData('value', [
    ...rows,
    { areaCode: 's', areaName: 'S', value: null, diffCity: null, status: 'suppressed' },
  ])
  const choropleth = buildChoropleth(data, {
    mode: 'value',
    polarity: 'higher_is_worse',
    method: 'quantile',
    k: 3,
  })
  const entries = legendEntries(choropleth, {
    range: (lower, upper) => `${lower}–${upper}`,
    missing: 'keine Daten',
    suppressed: 'geheim gehalten (.)',
  })

  it('lists every class with its bounds, then no data and suppressed, also when empty', () => {
    expect(entries.map((e) => e.kind)).toEqual(['class', 'class', 'class', 'missing', 'suppressed'])
    expect(entries[0]!.label).toBe(`${choropleth.breaks[0]}–${choropleth.breaks[1]}`)
    expect(entries.slice(3).map((e) => [e.colour, e.count])).toEqual([
      [NO_DATA_COLOUR, 0],
      [SUPPRESSED_COLOUR, 1],
    ])
  })

  it('counts every area once', () => {
    expect(entries.reduce((sum, e) => sum + e.count, 0)).toBe(7)
  })
})

describe('fractionDigitsFor', () => {
  it('needs no digits for breaks at least 1 apart', () => {
    expect(fractionDigitsFor([100, 250.5, 980])).toBe(0)
  })
  it('adds digits for close breaks, at most 3', () => {
    expect(fractionDigitsFor([0, 0.5, 1])).toBe(1)
    expect(fractionDigitsFor([0, 0.25, 0.5])).toBe(1)
    expect(fractionDigitsFor([0, 0.09])).toBe(2)
    expect(fractionDigitsFor([0, 0.00001])).toBe(3)
  })
  it('copes with a single break or equal breaks', () => {
    expect(fractionDigitsFor([5])).toBe(0)
    expect(fractionDigitsFor([5, 5])).toBe(0)
  })
})

describe('legendDigits', () => {
  it("keeps the indicator's decimals unless close breaks need more, at most 3", () => {
    expect(legendDigits(1, [0, 10, 20])).toBe(1)
    expect(legendDigits(0, [0, 0.05, 0.5])).toBe(2)
    expect(legendDigits(5, [0, 1])).toBe(3)
  })
})
