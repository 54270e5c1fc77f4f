import { describe, expect, it } from 'vitest'

import { NO_DATA_COLOUR, sequentialColours, SUPPRESSED_COLOUR } from '../../core/maps/palettes.js'
import { smoothedMap } from './smoothing.js'

const area = (id: string, raw: number, smoothed: number) => ({
  id,
  events: 0,
  population: 0,
  raw,
  smoothed,
  shrinkage: 0,
})

const answer = {
  areas: [area('a', 1, 2), area('b', 3, 3), area('c', 10, 6), area('d', 5, 5), area('e', 7, 6)],
  omitted: [{ code: 's', name: 'S', status: 'suppressed' as const }],
}
const codes = ['a', 'b', 'c', 'd', 'e', 's', 'm']

describe('smoothedMap', () => {
  it('classifies raw and smoothed rates on the same bounds', () => {
    const raw = smoothedMap(answer, 'raw', 'higher_is_worse', codes)
    const smoothed = smoothedMap(answer, 'smoothed', 'higher_is_worse', codes)
    expect(raw.choropleth.breaks).toEqual(smoothed.choropleth.breaks)
    // Quintiles of the ten rates 1 2 3 3 5 5 6 6 7 10 together (R quantile type 7).
    expect(raw.choropleth.breaks.map((b) => Number(b.toFixed(9)))).toEqual([
      1, 2.8, 4.2, 5.4, 6.2, 10,
    ])
    expect(raw.choropleth.counts).toEqual([1, 1, 1, 0, 2])
    expect(smoothed.choropleth.counts).toEqual([1, 1, 1, 2, 0])
  })

  it('colours by polarity and keeps suppressed and missing areas apart', () => {
    const { fills, choropleth } = smoothedMap(answer, 'raw', 'higher_is_worse', codes)
    const colours = sequentialColours(5, 'higher_is_worse')
    expect(fills.get('a')).toBe(colours[0])
    expect(fills.get('c')).toBe(colours[4])
    expect(fills.get('s')).toBe(SUPPRESSED_COLOUR)
    expect(fills.get('m')).toBe(NO_DATA_COLOUR)
    expect([choropleth.suppressed, choropleth.missing]).toEqual([1, 1])
  })
})
