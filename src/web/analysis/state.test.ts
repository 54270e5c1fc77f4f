import { describe, expect, it } from 'vitest'

import {
  DEFAULT_ANALYSIS_STATE,
  isNewAnalysisView,
  isWeights,
  parseAnalysisState,
  writeAnalysisState,
} from './state.js'

describe('parseAnalysisState', () => {
  it('reads a LISA view with its parameters', () => {
    const { state, problems } = parseAnalysisState(
      '?org=musterstadt&view=lisa&layer=block&period=2024&indicator=sgb2_rate&weights=knn:6&permutations=499&alpha=0.01&seed=7&area=01.01.001&labels=0',
    )
    expect(problems).toEqual([])
    expect(state).toEqual({
      ...DEFAULT_ANALYSIS_STATE,
      view: 'lisa',
      layer: 'block',
      period: 2024,
      indicator: 'sgb2_rate',
      weights: 'knn:6',
      permutations: 499,
      alpha: 0.01,
      seed: 7,
      area: '01.01.001',
      labels: false,
    })
  })

  it('reads the social index, smoothing and typology parameters', () => {
    const index = parseAnalysisState('?view=index&index=sozialindex&version=2&show=dynamics').state
    expect([index.index, index.version, index.show]).toEqual(['sozialindex', 2, 'dynamics'])
    const smoothed = parseAnalysisState('?view=smoothed&kind=local&display=raw').state
    expect([smoothed.kind, smoothed.display]).toEqual(['local', 'raw'])
    const typology = parseAnalysisState(
      '?view=typology&method=ward&k=5&indicators=sgb2_rate,share_65p,sgb2_rate',
    ).state
    expect([typology.method, typology.k, typology.indicators]).toEqual([
      'ward',
      5,
      ['sgb2_rate', 'share_65p'],
    ])
  })

  it('ignores invalid parameters and says what was expected', () => {
    const { state, problems } = parseAnalysisState(
      '?view=map&weights=knn:0&alpha=5&k=12&permutations=-1&version=x&period=24',
    )
    expect(state).toEqual(DEFAULT_ANALYSIS_STATE)
    expect(problems).toEqual([
      { param: 'view', value: 'map', expected: 'view' },
      { param: 'period', value: '24', expected: 'year' },
      { param: 'version', value: 'x', expected: 'version' },
      { param: 'weights', value: 'knn:0', expected: 'weights' },
      { param: 'permutations', value: '-1', expected: 'permutations' },
      { param: 'alpha', value: '5', expected: 'alpha' },
      { param: 'k', value: '12', expected: 'clusters' },
    ])
  })
})

describe('isWeights', () => {
  it('accepts queen, rook and knn with k from 1 to 20', () => {
    expect(['queen', 'rook', 'knn:1', 'knn:20'].map(isWeights)).toEqual([true, true, true, true])
    expect(['knn:21', 'knn:', 'knn:01', 'distance', 'QUEEN'].map(isWeights)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })
})

describe('writeAnalysisState', () => {
  it('writes only the parameters the view uses, keeping org and embed', () => {
    const state = {
      ...DEFAULT_ANALYSIS_STATE,
      view: 'lisa' as const,
      layer: 'block',
      period: 2024,
      indicator: 'sgb2_rate',
      weights: 'knn:6',
      index: 'sozialindex',
      version: 1,
      method: 'ward' as const,
    }
    expect(writeAnalysisState(state, '?org=musterstadt&embed=1&view=index&show=status')).toBe(
      '?org=musterstadt&embed=1&view=lisa&layer=block&period=2024&indicator=sgb2_rate&weights=knn:6',
    )
  })

  it('round-trips every view', () => {
    const views = [
      '?view=index&layer=sozialraum&period=2023&index=sozialindex&version=3&show=status',
      '?view=hotspots&layer=block&period=2024&indicator=child_poverty&weights=rook&permutations=0&alpha=0.1&seed=3',
      '?view=smoothed&layer=block&period=2024&indicator=sgb2_rate&weights=knn:4&kind=local&display=raw',
      '?view=typology&layer=sozialraum&period=2024&seed=9&method=ward&k=3&indicators=sgb2_rate,share_65p&area=01.02&labels=0',
    ]
    for (const search of views) {
      const { state } = parseAnalysisState(search)
      expect(writeAnalysisState(state, '')).toBe(search)
    }
  })

  it('leaves out the weights of global smoothing, which uses none', () => {
    const state = { ...DEFAULT_ANALYSIS_STATE, view: 'smoothed' as const, weights: 'rook' }
    expect(writeAnalysisState(state, '')).toBe('?view=smoothed')
  })
})

describe('isNewAnalysisView', () => {
  it('gives another view or layer its own history entry, not a parameter', () => {
    const before = DEFAULT_ANALYSIS_STATE
    expect(isNewAnalysisView(before, { ...before, view: 'lisa' })).toBe(true)
    expect(isNewAnalysisView(before, { ...before, layer: 'block' })).toBe(true)
    expect(isNewAnalysisView(before, { ...before, alpha: 0.01 })).toBe(false)
  })
})
