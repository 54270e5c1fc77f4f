import { describe, expect, it } from 'vitest'

import { DEFAULT_STATE, isNewView, parseAtlasState, parseBreaks, writeAtlasState } from './state.js'
import type { AtlasState } from './types.js'

describe('parseAtlasState', () => {
  it('reads the contract parameters of the atlas address', () => {
    const { state, problems } = parseAtlasState(
      '?org=musterstadt&indicator=sgb2_rate&layer=sozialraum&period=2024',
    )
    expect(problems).toEqual([])
    expect(state).toEqual({
      ...DEFAULT_STATE,
      indicator: 'sgb2_rate',
      layer: 'sozialraum',
      period: 2024,
    })
  })

  it('reads mode, classification, area, facilities and labels', () => {
    const { state, problems } = parseAtlasState(
      '?mode=change&from=2019&method=manual&breaks=10,20.5,30&area=01.02&facilities=kita,school&labels=0&k=7',
    )
    expect(problems).toEqual([])
    expect(state).toMatchObject({
      mode: 'change',
      from: 2019,
      method: 'manual',
      breaks: [10, 20.5, 30],
      area: '01.02',
      facilities: ['kita', 'school'],
      labels: false,
      k: 7,
    })
  })

  it('ignores invalid values and says which parameter expected what', () => {
    const { state, problems } = parseAtlasState(
      '?period=24&k=12&mode=map&method=best&breaks=3,2&labels=yes&indicator=a%20b',
    )
    expect(state).toEqual(DEFAULT_STATE)
    expect(problems).toEqual([
      { param: 'indicator', value: 'a b', expected: 'key' },
      { param: 'period', value: '24', expected: 'year' },
      { param: 'mode', value: 'map', expected: 'mode' },
      { param: 'method', value: 'best', expected: 'method' },
      { param: 'k', value: '12', expected: 'classes' },
      { param: 'breaks', value: '3,2', expected: 'breaks' },
      { param: 'labels', value: 'yes', expected: 'boolean' },
    ])
  })

  it('falls back from manual classes without breaks', () => {
    const { state, problems } = parseAtlasState('?method=manual')
    expect(state.method).toBe(DEFAULT_STATE.method)
    expect(problems).toEqual([{ param: 'method', value: 'manual', expected: 'breaks' }])
  })
})

describe('parseBreaks', () => {
  it('accepts ascending numbers separated by commas, semicolons or spaces', () => {
    expect(parseBreaks('10,20.5,30')).toEqual([10, 20.5, 30])
    expect(parseBreaks(' -1; 0 ;2.5e1 ')).toEqual([-1, 0, 25])
  })

  it('refuses unsorted, repeated, non-numeric and too many breaks', () => {
    expect(parseBreaks('2,1')).toBeNull()
    expect(parseBreaks('1,1')).toBeNull()
    expect(parseBreaks('1,zwei')).toBeNull()
    expect(parseBreaks('')).toBeNull()
    expect(parseBreaks('1,2,3,4,5,6,7,8,9,10,11')).toBeNull()
  })
})

describe('writeAtlasState', () => {
  const state: AtlasState = {
    ...DEFAULT_STATE,
    indicator: 'sgb2_rate',
    layer: 'block',
    period: 2024,
  }

  it('keeps other parameters and leaves defaults out', () => {
    expect(writeAtlasState(state, '?org=musterstadt&embed=1&indicator=old')).toBe(
      '?org=musterstadt&embed=1&indicator=sgb2_rate&layer=block&period=2024',
    )
  })

  it('round-trips every parameter', () => {
    const full: AtlasState = {
      ...state,
      mode: 'change',
      from: 2019,
      method: 'manual',
      breaks: [1.5, 3],
      area: '01.02',
      facilities: ['kita', 'school'],
      labels: false,
    }
    const search = writeAtlasState(full, '?org=musterstadt')
    expect(search).toContain('breaks=1.5,3')
    expect(parseAtlasState(search)).toEqual({ state: full, problems: [] })
    const quantiles: AtlasState = { ...state, mode: 'deviation', method: 'jenks', k: 7 }
    expect(parseAtlasState(writeAtlasState(quantiles, '')).state).toEqual(quantiles)
  })

  it('drops the from-year outside change maps', () => {
    expect(writeAtlasState({ ...state, from: 2019 }, '')).not.toContain('from=')
  })
})

describe('isNewView', () => {
  it('pushes history for another indicator, layer or mode only', () => {
    expect(isNewView(DEFAULT_STATE, { ...DEFAULT_STATE, indicator: 'x' })).toBe(true)
    expect(isNewView(DEFAULT_STATE, { ...DEFAULT_STATE, mode: 'deviation' })).toBe(true)
    expect(isNewView(DEFAULT_STATE, { ...DEFAULT_STATE, period: 2020, k: 7 })).toBe(false)
  })
})
