import { describe, expect, it } from 'vitest'
import {
  aggregateVariables,
  attachFlags,
  computeIndicators,
  type IndicatorDefinition,
  maskForPublic,
  NOT_CHECKED,
  periodColumn,
  publicCell,
  publicSlice,
  updateIndicators,
} from './engine.js'
import { parseFormula } from './formula.js'
import { createRandom } from '../random.js'
import { createAreaTree, EngineError } from './tree.js'
import { PRIMARY, SECONDARY, VISIBLE } from './types.js'

/*
 * The hand-computed example: Musterdorf (0) → districts North (1), South (2) → blocks
 *   North: 3, 4     South: 5, 6, 7
 * Years 2020, 2021, 2023 (2022 missing). Variables `poor` and `pop`; rate = 100 × poor / pop.
 *
 *            2020            2021            2023
 *         poor  pop  %    poor  pop  %    poor  pop   %
 *   B3     10  100  10     12  100  12     15  100   15
 *   B4     60  300  20     60  300  20     60  300   20
 *   B5     20   50  40     20   50  40     20   50   40
 *   B6     15  150  10     15  150  10     15  150   10
 *   B7     20  200  10     20    –   –     40  200   20
 *   North  70  400  17.5   72  400  18     75  410*  18.29…  (* observed: 410 wins over 400)
 *   South  55  400  13.75  55    –   –     75  400   18.75
 *   city  125  800  15.625 127   –   –    150  810   18.518…
 *
 * North 2020 is Σpoor/Σpop = 70/400 = 17.5 %, not the mean of its rates (10 + 20)/2 = 15 %.
 */
const tree = createAreaTree([-1, 0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 2, 2, 2, 2, 2])
const periods = [2020, 2021, 2023]
const variables = ['poor', 'pop']
const P = periods.length
const N = Number.NaN

function cube(): Float64Array {
  const observed = new Float64Array(variables.length * tree.size * P).fill(N)
  const set = (v: string, area: number, values: number[]) =>
    values.forEach((x, p) => (observed[(variables.indexOf(v) * tree.size + area) * P + p] = x))
  set('poor', 3, [10, 12, 15])
  set('poor', 4, [60, 60, 60])
  set('poor', 5, [20, 20, 20])
  set('poor', 6, [15, 15, 15])
  set('poor', 7, [20, 20, 40])
  set('pop', 3, [100, 100, 100])
  set('pop', 4, [300, 300, 300])
  set('pop', 5, [50, 50, 50])
  set('pop', 6, [150, 150, 150])
  set('pop', 7, [200, N, 200])
  set('pop', 1, [N, N, 410])
  return observed
}

const definition = (key: string, formula: string, decimals = 1): IndicatorDefinition => ({
  key,
  formula: parseFormula(formula, variables),
  decimals,
  polarity: 'higher_is_worse',
})
const RATE = definition('rate', '100 * poor / pop')
const RESIDENTS = definition('residents', 'pop', 0)
const NOT_POOR = definition('not_poor', '100 - 100 * poor / pop')

function compute() {
  return computeIndicators({
    tree,
    periods,
    variables,
    observed: cube(),
    indicators: [RATE, RESIDENTS, NOT_POOR],
  })
}

describe('aggregateVariables', () => {
  it('sums children, lets an observed parent win and never shows a partial sum', () => {
    const agg = aggregateVariables(tree, periods, variables, cube())
    const pop = (area: number) =>
      Array.from(agg.subarray((tree.size + area) * P, (tree.size + area + 1) * P))
    const poor = (area: number) => Array.from(agg.subarray(area * P, (area + 1) * P))
    expect(poor(1)).toEqual([70, 72, 75])
    expect(poor(0)).toEqual([125, 127, 150])
    expect(pop(1)).toEqual([400, 400, 410]) // 2023: observed 410, not the children's 400
    expect(pop(2)).toEqual([400, N, 400]) // 2021: block 7 missing → no total
    expect(pop(0)).toEqual([800, N, 810])
    expect(pop(7)).toEqual([200, N, 200])
  })

  it('treats a leaf without an observation as missing and a childless top as missing', () => {
    const t = createAreaTree([-1, -1, 0], [0, 0, 1])
    const agg = aggregateVariables(t, [2024], ['x'], new Float64Array([N, N, 5]))
    expect(Array.from(agg)).toEqual([5, N, 5])
  })

  it('checks its input', () => {
    expect(() => aggregateVariables(tree, periods, variables, new Float64Array(3))).toThrow(
      'Expected 48 observations (2 variables × 8 areas × 3 periods), got 3',
    )
    expect(() => createAreaTree([-1, 0, 1], [0, 1, 1])).toThrow(EngineError)
    expect(() => aggregateVariables(tree, [2021, 2020, 2023], variables, cube())).toThrow(
      'ascending',
    )
  })
})

describe('computeIndicators', () => {
  const result = compute()

  it('recomputes the rate at every level from summed counts, never as a mean of rates', () => {
    const north = result.cell('rate', 1, 0)
    expect(north.numerator).toBe(70)
    expect(north.denominator).toBe(400)
    expect(north.value).toBe(17.5)
    expect(north.value).not.toBe((10 + 20) / 2)
    expect(result.cell('rate', 2, 0).value).toBe(13.75) // mean of rates would be 20
    expect(result.cell('rate', 0, 0).value).toBe(15.625)
    expect(result.cell('rate', 1, 2).value).toBeCloseTo((100 * 75) / 410, 12)
    expect(result.cell('rate', 0, 2).value).toBeCloseTo((100 * 150) / 810, 12)
  })

  it('gives NaN where a child is missing and a count for a count indicator', () => {
    expect(result.cell('rate', 2, 1).value).toBeNaN()
    expect(result.cell('rate', 0, 1).value).toBeNaN()
    expect(result.cell('rate', 0, 1).numerator).toBe(127)
    expect(result.cell('residents', 0, 0)).toMatchObject({ value: 800, numerator: 800 })
    expect(result.cell('residents', 0, 0).denominator).toBeNaN()
    expect(result.cell('not_poor', 0, 0).value).toBeCloseTo(100 - 15.625, 12)
  })

  it('gives NaN for a zero denominator', () => {
    const t = createAreaTree([-1, 0, 0], [0, 1, 1])
    const r = computeIndicators({
      tree: t,
      periods: [2024],
      variables,
      observed: new Float64Array([N, 0, 3, N, 0, 10]),
      indicators: [RATE],
    })
    expect(r.cell('rate', 1, 0).value).toBeNaN()
    expect(r.cell('rate', 2, 0).value).toBe(30)
    expect(r.cell('rate', 0, 0).value).toBe(30)
  })

  it('computes changes by year, not by array index', () => {
    const b3 = result.cell('rate', 3, 2) // 2023
    expect(b3.change[1]).toEqual({ from: 2022, absolute: N, percent: N }) // 2022 missing
    expect(b3.change[3]).toEqual({ from: 2020, absolute: 5, percent: 50 }) // 10 → 15
    expect(b3.change[5].absolute).toBeNaN()
    const b3in2021 = result.cell('rate', 3, 1)
    expect(b3in2021.change[1]).toEqual({ from: 2020, absolute: 2, percent: 20 }) // 10 → 12
    // A fall is negative in percent of the absolute earlier value.
    const t = createAreaTree([-1], [0])
    const r = computeIndicators({
      tree: t,
      periods: [2023, 2024],
      variables: ['x'],
      observed: new Float64Array([-4, -6]),
      indicators: [{ ...RESIDENTS, formula: parseFormula('x', ['x']) }],
    })
    expect(r.cell('residents', 0, 1).change[1]).toEqual({ from: 2023, absolute: -2, percent: -50 })
  })

  it('differences to the parent and to the city', () => {
    const b3 = result.cell('rate', 3, 0)
    expect(b3.diffParent).toBe(10 - 17.5)
    expect(b3.diffTop).toBe(10 - 15.625)
    expect(result.cell('rate', 1, 0).diffParent).toBe(17.5 - 15.625)
    expect(result.cell('rate', 0, 0).diffParent).toBeNaN()
    expect(result.cell('rate', 0, 0).diffTop).toBe(0)
    expect(result.cell('rate', 5, 1).diffParent).toBeNaN() // South 2021 has no value
  })

  it('ranks within layer and period, highest first, ties sharing the lowest rank', () => {
    // Blocks 2020: 10, 20, 40, 10, 10 → ranks 3, 2, 1, 3, 3
    const s = result.slice('rate', 2, 0)
    expect(Array.from(s.areas)).toEqual([3, 4, 5, 6, 7])
    expect(Array.from(s.rank)).toEqual([3, 2, 1, 3, 3])
    expect(s.rankCount).toBe(5)
    // 2021: block 7 has no value → unranked, the others ranked among 4
    const s1 = result.slice('rate', 2, 1)
    expect(Array.from(s1.rank)).toEqual([3, 2, 1, 4, 0])
    expect(s1.rankCount).toBe(4)
    expect(result.cell('rate', 7, 1).rank).toBeNull()
    expect(Array.from(result.slice('rate', 1, 0).rank)).toEqual([1, 2])
    expect(result.cell('rate', 0, 0)).toMatchObject({ rank: 1, rankCount: 1, z: 0 })
  })

  it('ranks values that look equal at the shown decimals as ties', () => {
    const t = createAreaTree([-1, 0, 0, 0], [0, 1, 1, 1])
    // 100 × 1/3 = 33.33…, 100 × 2/6 = 33.33… (may differ in the last bit), 100 × 3334/10000 = 33.34
    const observed = new Float64Array([N, 1, 2, 3334, N, 3, 6, 10000])
    const r = computeIndicators({
      tree: t,
      periods: [2024],
      variables,
      observed,
      indicators: [RATE],
    })
    expect(Array.from(r.slice('rate', 1, 0).rank)).toEqual([1, 1, 1]) // all 33.3 at 1 decimal
    const r2 = computeIndicators({
      tree: t,
      periods: [2024],
      variables,
      observed,
      indicators: [{ ...RATE, decimals: 2 }],
    })
    expect(Array.from(r2.slice('rate', 1, 0).rank)).toEqual([2, 2, 1])
  })

  it('ranks like a brute-force count by counting (narrow range) and by sorting (wide range)', () => {
    const m = 300
    const t = createAreaTree([-1, ...Array.from({ length: m }, () => 0)], [0, ...Array(m).fill(1)])
    const rng = createRandom(11)
    const x = new Float64Array(m + 1).fill(N)
    for (let a = 1; a <= m; a++) x[a] = a % 17 === 0 ? N : rng.int(0, 40) + rng.int(0, 9) / 10
    for (const decimals of [0, 1, 4]) {
      // decimals 0, 1: keys span ≤ 410 → counting; decimals 4: span ~400,000 → sort.
      const r = computeIndicators({
        tree: t,
        periods: [2024],
        variables: ['x'],
        observed: x,
        indicators: [{ ...RESIDENTS, key: 'x', formula: parseFormula('x', ['x']), decimals }],
      })
      const key = (v: number) => Math.round(v * 10 ** decimals)
      const values = Array.from(x.subarray(1))
      const expected = values.map((v) =>
        Number.isNaN(v) ? 0 : 1 + values.filter((w) => key(w) > key(v)).length,
      )
      expect(Array.from(r.slice('x', 1, 0).rank), `decimals ${decimals}`).toEqual(expected)
    }
  })

  it('computes z-scores with the population standard deviation of the layer', () => {
    // Blocks 2020: 10, 20, 40, 10, 10. mean = 90/5 = 18; deviations −8, 2, 22, −8, −8;
    // Σ squares = 64 + 4 + 484 + 64 + 64 = 680; population variance 680/5 = 136; sd = √136.
    const sd = Math.sqrt(136)
    const z = Array.from(result.slice('rate', 2, 0).z)
    const expected = [-8 / sd, 2 / sd, 22 / sd, -8 / sd, -8 / sd] // 22/√136 = 1.88648…
    z.forEach((x, k) => expect(x).toBeCloseTo(expected[k] as number, 12))
    expect(z[2]).toBeCloseTo(1.886484, 6)
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12)
    // Districts 2020: 17.5 and 13.75, mean 15.625, sd 1.875 → z = +1 and −1.
    expect(Array.from(result.slice('rate', 1, 0).z)).toEqual([1, -1])
    expect(result.cell('rate', 7, 1).z).toBeNaN()
  })

  it('gives a slice with the same figures as the cells', () => {
    for (let p = 0; p < P; p++) {
      for (let layer = 0; layer < tree.layerCount; layer++) {
        const s = result.slice('rate', layer, p)
        s.areas.forEach((area, k) => {
          const c = result.cell('rate', area, p)
          expect(s.value[k]).toEqual(c.value)
          expect(s.change[3].absolute[k]).toEqual(c.change[3].absolute)
          expect(s.change[1].percent[k]).toEqual(c.change[1].percent)
          expect(s.diffParent[k]).toEqual(c.diffParent)
          expect(s.diffTop[k]).toEqual(c.diffTop)
          expect(s.rank[k]).toEqual(c.rank ?? 0)
          expect(s.z[k]).toEqual(c.z)
        })
      }
    }
    expect(result.periodIndex(2023)).toBe(2)
    expect(result.periodIndex(2022)).toBe(-1)
  })

  it('shares one array between indicators with the same sum', () => {
    expect(result.indicator('residents').numerator).toBe(result.indicator('rate').denominator)
  })

  it('rejects unknown indicators, variables and duplicate keys', () => {
    expect(() => result.cell('nope', 0, 0)).toThrow('got "nope"')
    const other = { ...RATE, formula: parseFormula('100 * x / pop', ['x', 'pop']) }
    expect(() =>
      computeIndicators({ tree, periods, variables, observed: cube(), indicators: [other] }),
    ).toThrow('unknown "x"')
    expect(() =>
      computeIndicators({ tree, periods, variables, observed: cube(), indicators: [RATE, RATE] }),
    ).toThrow('"rate" twice')
  })
})

describe('updateIndicators', () => {
  it('recomputes only indicators touched by the changed variables, with the same numbers as a full run', () => {
    const before = compute()
    attachFlags(before, 'residents', new Uint8Array(tree.size * P))
    attachFlags(before, 'rate', new Uint8Array(tree.size * P))
    const observed = cube()
    observed[3 * P + 2] = 30 // poor, block 3, 2023: 15 → 30
    const after = updateIndicators(before, { observed, changedVariables: ['poor'] })
    const full = computeIndicators({
      tree,
      periods,
      variables,
      observed,
      indicators: [RATE, RESIDENTS, NOT_POOR],
    })
    for (const key of ['rate', 'residents', 'not_poor']) {
      expect(after.indicator(key).value).toEqual(full.indicator(key).value)
      expect(after.indicator(key).rank).toEqual(full.indicator(key).rank)
      expect(after.indicator(key).z).toEqual(full.indicator(key).z)
    }
    expect(after.aggregated).toEqual(full.aggregated)
    expect(after.cell('rate', 0, 2).value).toBeCloseTo((100 * 165) / 810, 12)
    // Untouched: same arrays, flags kept. Touched: new arrays, flags to be recomputed.
    expect(after.indicator('residents').value).toBe(before.indicator('residents').value)
    expect(after.indicator('residents').flags).not.toBeNull()
    expect(after.indicator('rate').value).not.toBe(before.indicator('rate').value)
    expect(after.indicator('rate').flags).toBeNull()
    expect(after.indicator('rate').denominator).toBe(before.indicator('rate').denominator)
    // The previous result is unchanged.
    expect(before.cell('rate', 0, 2).value).toBeCloseTo((100 * 150) / 810, 12)
  })

  it('recomputes an indicator whose definition changed and drops removed ones', () => {
    const before = compute()
    const after = updateIndicators(before, {
      observed: cube(),
      changedVariables: [],
      indicators: [{ ...RATE, formula: parseFormula('1000 * poor / pop', variables) }],
    })
    expect(after.cell('rate', 0, 0).value).toBe(156.25)
    expect(after.indicators).toHaveLength(1)
    expect(() => updateIndicators(before, { observed: cube(), changedVariables: ['x'] })).toThrow(
      'got "x"',
    )
  })
})

describe('disclosure seam', () => {
  function flagged() {
    const result = compute()
    // 2020: block 5 primary, block 6 secondary, North secondary; 2021 all visible; 2023 unchecked.
    const f2020 = new Uint8Array(tree.size)
    f2020[5] = PRIMARY
    f2020[6] = SECONDARY
    f2020[1] = SECONDARY
    attachFlags(result, 'rate', f2020, 0)
    attachFlags(result, 'rate', new Uint8Array(tree.size).fill(VISIBLE), 1)
    return result
  }

  it('hides flagged values, changes and differences with a flagged end', () => {
    const result = flagged()
    const b5 = publicCell(result, 'rate', 5, 0)
    expect(b5).toMatchObject({ flag: PRIMARY, rank: null })
    expect(b5.value).toBeNaN()
    expect(b5.numerator).toBeNaN()
    expect(b5.denominator).toBeNaN()
    expect(b5.z).toBeNaN()
    // Block 5, 2021 is visible, but its change from the flagged 2020 is not.
    expect(result.cell('rate', 5, 1).change[1].absolute).toBe(0)
    expect(publicCell(result, 'rate', 5, 1).value).toBe(40)
    expect(publicCell(result, 'rate', 5, 1).change[1].absolute).toBeNaN()
    // Block 3, 2020: visible; parent North flagged → no difference to it; the city is visible.
    const b3 = publicCell(result, 'rate', 3, 0)
    expect(b3.value).toBe(10)
    expect(b3.diffParent).toBeNaN()
    expect(b3.diffTop).toBe(10 - 15.625)
    // 2023 has no flags yet: nothing is shown.
    expect(publicCell(result, 'rate', 3, 2)).toMatchObject({ flag: NOT_CHECKED, rank: null })
    expect(publicCell(result, 'rate', 3, 2).value).toBeNaN()
  })

  it('ranks and scores among the visible areas only', () => {
    const result = flagged()
    // Visible blocks 2020: B3 10, B4 20, B7 10 → ranks 2, 1, 2 of 3.
    // mean 40/3; deviations −10/3, 20/3, −10/3; variance (100 + 400 + 100)/9/3 = 200/9;
    // sd = √200/3 → z = −1/√2, +√2, −1/√2.
    const s = publicSlice(result, 'rate', 2, 0)
    expect(Array.from(s.rank)).toEqual([2, 1, 0, 0, 2])
    expect(s.rankCount).toBe(3)
    expect(s.z[1]).toBeCloseTo(Math.SQRT2, 12)
    expect(s.z[0]).toBeCloseTo(-Math.SQRT1_2, 12)
    expect(s.z[2]).toBeNaN()
    expect(publicCell(result, 'rate', 2, 0)).toMatchObject({ rank: 1, rankCount: 1, z: 0 })
  })

  it('publicCell equals the cell of the masked result everywhere', () => {
    const result = flagged()
    const open = maskForPublic(result, ['rate'])
    expect(open.isPublic).toBe(true)
    expect(open.aggregated).toBeNull()
    expect(() => open.indicator('residents')).toThrow(EngineError)
    for (let area = 0; area < tree.size; area++) {
      for (let p = 0; p < P; p++) {
        expect(publicCell(result, 'rate', area, p)).toEqual(open.cell('rate', area, p))
      }
    }
  })

  it('hands one period of counts to disclosure control', () => {
    const result = compute()
    expect(Array.from(periodColumn(result, 'rate', 'numerator', 0))).toEqual([
      125, 70, 55, 10, 60, 20, 15, 20,
    ])
    expect(Array.from(periodColumn(result, 'rate', 'denominator', 2))).toEqual([
      810, 410, 400, 100, 300, 50, 150, 200,
    ])
    expect(periodColumn(result, 'residents', 'denominator', 0).every(Number.isNaN)).toBe(true)
  })

  it('refuses public figures without flags and checks their size', () => {
    const result = compute()
    expect(() => publicCell(result, 'rate', 0, 0)).toThrow(/attachFlags/)
    expect(() => maskForPublic(result)).toThrow(EngineError)
    expect(() => attachFlags(result, 'rate', new Uint8Array(3))).toThrow('Expected 24 flags')
    expect(() => attachFlags(result, 'rate', new Uint8Array(3), 0)).toThrow('Expected 8 flags')
  })
})
