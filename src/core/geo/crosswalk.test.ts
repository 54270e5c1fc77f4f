import { describe, expect, it } from 'vitest'

import { applyCrosswalk, checkCrosswalk, type CrosswalkWeight } from './crosswalk.js'

// Old Sozialräume A, B, C, D; new: AB (A and B merged), C1 and C2 (C split 30/70), D unchanged.
const weights: CrosswalkWeight<string>[] = [
  { from: 'A', to: 'AB', weight: 1 },
  { from: 'B', to: 'AB', weight: 1 },
  { from: 'C', to: 'C1', weight: 0.3 },
  { from: 'C', to: 'C2', weight: 0.7 },
  { from: 'D', to: 'D', weight: 1 },
]

describe('applyCrosswalk', () => {
  it('moves counts onto the new areas and keeps the total (hand-checked)', () => {
    const residents = new Map([
      ['A', 1200],
      ['B', 800],
      ['C', 1000],
      ['D', 450],
    ])
    const out = applyCrosswalk(weights, residents)
    expect(out.get('AB')).toBe(2000) // 1200 + 800
    expect(out.get('C1')).toBeCloseTo(300, 12) // 0.3 × 1000
    expect(out.get('C2')).toBeCloseTo(700, 12) // 0.7 × 1000
    expect(out.get('D')).toBe(450)
    const total = [...out.values()].reduce((a, b) => a + b, 0)
    expect(total).toBeCloseTo(3450, 9)
  })

  it('recomputes rates from redistributed counts instead of redistributing rates', () => {
    // Unemployed and residents aged 15–64: A 10 % of 1,000, B 50 % of 10.
    const unemployed = new Map([
      ['A', 100],
      ['B', 5],
      ['C', 0],
      ['D', 0],
    ])
    const working = new Map([
      ['A', 1000],
      ['B', 10],
      ['C', 1],
      ['D', 1],
    ])
    const num = applyCrosswalk(weights, unemployed)
    const den = applyCrosswalk(weights, working)
    const rate = num.get('AB')! / den.get('AB')!
    expect(rate).toBeCloseTo(105 / 1010, 12) // 10.396 %, not (10 % + 50 %) / 2 = 30 %
    expect(rate).not.toBeCloseTo(0.3, 2)
  })

  it('makes a new area unknown when one of its sources is unknown', () => {
    const out = applyCrosswalk(
      weights,
      new Map<string, number | null>([
        ['A', 10],
        ['B', null],
        ['C', 5],
        ['D', Number.NaN],
      ]),
    )
    expect(out.get('AB')).toBeNaN()
    expect(out.get('D')).toBeNaN()
    expect(out.get('C1')).toBeCloseTo(1.5, 12)
  })

  it('refuses a count of an area the crosswalk does not know', () => {
    expect(() => applyCrosswalk(weights, new Map([['E', 3]]))).toThrow(
      /area E has no crosswalk weight/,
    )
  })

  it('works with numeric area ids', () => {
    const out = applyCrosswalk(
      [
        { from: 1, to: 10, weight: 0.25 },
        { from: 1, to: 11, weight: 0.75 },
      ],
      new Map([[1, 8]]),
    )
    expect([...out]).toEqual([
      [10, 2],
      [11, 6],
    ])
  })
})

describe('checkCrosswalk', () => {
  it('accepts weights that sum to 1 per old area', () => {
    expect(checkCrosswalk(weights)).toEqual([])
  })

  it('names old areas whose weights do not sum to 1 or lie outside (0, 1]', () => {
    expect(
      checkCrosswalk([
        { from: 'A', to: 'X', weight: 0.5 },
        { from: 'B', to: 'X', weight: 1.5 },
        { from: 'B', to: 'Y', weight: -0.5 },
      ]),
    ).toEqual([
      { from: 'A', sum: 0.5 },
      { from: 'B', sum: 1 },
    ])
  })
})
