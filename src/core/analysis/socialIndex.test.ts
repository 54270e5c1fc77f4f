import { describe, expect, it } from 'vitest'

import { createRandom } from '../random.js'
import {
  combinedClass,
  computeSocialIndex,
  dynamicsClass,
  normalizeDefinition,
  sensitivity,
  SocialIndexError,
  statusClass,
  type SocialIndexInput,
} from './socialIndex.js'

/*
 * A hand-checkable example. Areas A–D are eligible; E has too few residents, F lacks a value.
 *
 * Status, unweighted (sample SD, n − 1 = 3):
 *   u (unemployment, direction +1) = 2, 4, 6, 8     mean 5,  deviations −3, −1, 1, 3,  SD √(20/3)
 *   e (employment,   direction −1) = 60, 70, 50, 40 mean 55, deviations 5, 15, −5, −15, SD 5·√(20/3)
 *   z_u = (−3, −1, 1, 3)/√(20/3);  −z_e = (−1, −3, 1, 3)/√(20/3)
 *   sum = (−4, −4, 2, 6)/√(20/3): mean 0, SD = √((16 + 16 + 4 + 36)/3)/√(20/3) = √24/√(20/3)
 *   status = (−4, −4, 2, 6)/√24 = −0.816497, −0.816497, 0.408248, 1.224745
 *   classes: medium, medium, medium, low (1 < 1.2247 ≤ 1.5)
 *
 * Dynamics over N = 2 years (earlier values u: 4, 4, 6, 6; e: 59, 69, 51, 41):
 *   Δu = −2, 0, 0, 2 (SD √(8/3)) → z = (−2, 0, 0, 2)·√(3/8) = ∓√(3/2) = ∓1.224745 at A, D
 *   Δe = 1, 1, −1, −1 (SD √(4/3)) → z = ±√3/2; directed −z = (−b, −b, b, b), b = √3/2 = 0.866025
 *   sum = (−(a + b), −b, b, a + b) with a = √(3/2); SD = √(2((a + b)² + b²)/3)
 *   dynamics = sum / SD = −1.131517, −0.468689, 0.468689, 1.131517
 *   classes: positive, stable, stable, negative → combined 2+, 2+/-, 2+/-, 3-
 */
const EXAMPLE: SocialIndexInput = {
  areas: ['A', 'B', 'C', 'D', 'E', 'F'],
  population: [1000, 1000, 1000, 1000, 200, 1000],
  values: { u: [2, 4, 6, 8, 9, NaN], e: [60, 70, 50, 40, 30, 55] },
  previous: { u: [4, 4, 6, 6, 9, 5], e: [59, 69, 51, 41, 30, 58] },
}
const DEFINITION = normalizeDefinition({
  indicators: [
    { key: 'u', direction: 1, weight: 1 },
    { key: 'e', direction: -1, weight: 1 },
  ],
})

describe('social index', () => {
  it('uses the Berlin MSS defaults', () => {
    expect(DEFINITION).toMatchObject({
      weighting: 'unweighted',
      minPopulation: 300,
      dynamicsYears: 2,
      thresholds: {
        status: { high: -1, low: 1, veryLow: 1.5 },
        dynamics: { positive: -1, negative: 1 },
      },
    })
  })

  it('computes the hand-checked status and dynamics of the example', () => {
    const result = computeSocialIndex(DEFINITION, EXAMPLE)
    expect(result.areas.map((a) => a.area)).toEqual(['A', 'B', 'C', 'D'])
    const status = [-4, -4, 2, 6].map((s) => s / Math.sqrt(24))
    result.areas.forEach((a, i) => expect(a.status).toBeCloseTo(status[i]!, 12))
    expect(status[3]).toBeCloseTo(1.224745, 6)
    expect(result.areas.map((a) => a.statusClass)).toEqual(['medium', 'medium', 'medium', 'low'])

    const a = Math.sqrt(3 / 2)
    const b = Math.sqrt(3) / 2
    const sd = Math.sqrt((2 * ((a + b) ** 2 + b ** 2)) / 3)
    const dynamics = [-(a + b), -b, b, a + b].map((s) => s / sd)
    result.areas.forEach((x, i) => expect(x.dynamics).toBeCloseTo(dynamics[i]!, 12))
    expect(dynamics[0]).toBeCloseTo(-1.131517, 6)
    expect(result.areas.map((x) => x.dynamicsClass)).toEqual([
      'positive',
      'stable',
      'stable',
      'negative',
    ])
    expect(result.areas.map((x) => x.combined)).toEqual(['2+', '2+/-', '2+/-', '3-'])
    expect(result.counts.combined).toEqual({ '2+': 1, '2+/-': 2, '3-': 1 })
    expect(result.counts.status).toEqual({ high: 0, medium: 3, low: 1, very_low: 0 })

    // The standardisation is reported so every z-score can be recomputed by hand.
    expect(result.standardisation[0]).toMatchObject({ key: 'u', mean: 5, changeMean: 0 })
    expect(result.standardisation[0]!.sd).toBeCloseTo(Math.sqrt(20 / 3), 12)
    expect(result.standardisation[1]!.sd).toBeCloseTo(5 * Math.sqrt(20 / 3), 12)
    expect(result.areas[0]!.z.u).toBeCloseTo(-3 / Math.sqrt(20 / 3), 12)
    expect(result.areas[0]!.changeZ!.u).toBeCloseTo(-a, 12)
  })

  it('lists the excluded areas with the reason', () => {
    const result = computeSocialIndex(DEFINITION, EXAMPLE)
    expect(result.excluded).toEqual([
      { area: 'E', reason: 'population_below_minimum', detail: '200 residents, minimum 300' },
      { area: 'F', reason: 'missing_values', detail: 'no value for u' },
    ])
    // A lower minimum admits E and changes the standardisation.
    const lower = computeSocialIndex({ ...DEFINITION, minPopulation: 100 }, EXAMPLE)
    expect(lower.areas.map((a) => a.area)).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(lower.standardisation[0]!.mean).toBeCloseTo(29 / 5, 12)
  })

  it('leaves the dynamics out, with the reason, when earlier values are missing', () => {
    const none = computeSocialIndex(DEFINITION, { ...EXAMPLE, previous: undefined })
    expect(none.dynamicsUnavailable).toBe('no values 2 years earlier')
    expect(none.areas.every((a) => a.dynamics === null && a.combined === null)).toBe(true)
    const partial = computeSocialIndex(DEFINITION, {
      ...EXAMPLE,
      areas: [...EXAMPLE.areas, 'G'],
      population: [...EXAMPLE.population, 800],
      values: { u: [...EXAMPLE.values.u!, 3], e: [...EXAMPLE.values.e!, 66] },
      previous: { u: [...EXAMPLE.previous!.u!, NaN], e: [...EXAMPLE.previous!.e!, 66] },
    })
    expect(partial.withoutDynamics).toEqual([
      { area: 'G', reason: 'missing_values', detail: 'no value 2 years earlier for u' },
    ])
    expect(partial.areas.find((a) => a.area === 'G')).toMatchObject({
      dynamics: null,
      combined: null,
    })
    expect(partial.areas.filter((a) => a.dynamics !== null)).toHaveLength(4)
  })

  it('classifies at the MSS thresholds, bounds belonging to the middle classes', () => {
    expect([-1.0001, -1, 1, 1.0001, 1.5, 1.5001].map((v) => statusClass(v))).toEqual([
      'high',
      'medium',
      'medium',
      'low',
      'low',
      'very_low',
    ])
    expect([-1.0001, -1, 1, 1.0001].map((v) => dynamicsClass(v))).toEqual([
      'positive',
      'stable',
      'stable',
      'negative',
    ])
    expect(combinedClass('high', 'positive')).toBe('1+')
    expect(combinedClass('very_low', 'negative')).toBe('4-')
    expect(statusClass(0.6, { high: -0.5, low: 0.5, veryLow: 1 })).toBe('low')
  })

  it('standardises to mean 0 and SD 1 over the eligible areas (unweighted and weighted)', () => {
    const random = createRandom(42)
    const n = 60
    const input: SocialIndexInput = {
      areas: Array.from({ length: n }, (_, i) => String(i).padStart(2, '0')),
      population: Array.from({ length: n }, () => random.int(100, 5000)),
      values: {
        x: Array.from({ length: n }, () => random.normal(10, 3)),
        y: Array.from({ length: n }, () => random.normal(50, 10)),
        w: Array.from({ length: n }, () => (random.chance(0.05) ? NaN : random.uniform(0, 1))),
      },
    }
    for (const weighting of ['unweighted', 'population'] as const) {
      const result = computeSocialIndex(
        normalizeDefinition({
          indicators: [
            { key: 'x', direction: 1, weight: 2 },
            { key: 'y', direction: -1, weight: 1 },
            { key: 'w', direction: 1, weight: 0.5 },
          ],
          weighting,
        }),
        input,
      )
      const pops = result.areas.map((a) => (weighting === 'population' ? a.population : 1))
      const total = pops.reduce((s, p) => s + p, 0)
      // Unweighted: sample SD (divisor n − 1); weighted: weighted population SD (divisor Σw).
      const divisor = weighting === 'population' ? total : result.areas.length - 1
      const check = (values: number[]) => {
        const m = values.reduce((s, v, i) => s + pops[i]! * v, 0) / total
        const v = values.reduce((s, x, i) => s + pops[i]! * (x - m) ** 2, 0) / divisor
        expect(m).toBeCloseTo(0, 12)
        expect(v).toBeCloseTo(1, 12)
      }
      check(result.areas.map((a) => a.status))
      for (const key of ['x', 'y', 'w']) check(result.areas.map((a) => a.z[key]!))
      expect(result.areas.length + result.excluded.length).toBe(n)
      expect(
        result.excluded.every((e) => e.reason !== 'missing_values' || /w/.test(e.detail)),
      ).toBe(true)
    }
  })

  it('is invariant to scaling all weights, not to changing one', () => {
    const scaled = computeSocialIndex(
      {
        ...DEFINITION,
        indicators: DEFINITION.indicators.map((i) => ({ ...i, weight: i.weight * 7 })),
      },
      EXAMPLE,
    )
    const base = computeSocialIndex(DEFINITION, EXAMPLE)
    scaled.areas.forEach((a, i) => expect(a.status).toBeCloseTo(base.areas[i]!.status, 12))
  })

  it('rejects what cannot be computed, saying why', () => {
    expect(() => normalizeDefinition({ indicators: [] })).toThrow(/at least one indicator/)
    expect(() =>
      normalizeDefinition({ indicators: [{ key: 'u', direction: 1, weight: 0 }] }),
    ).toThrow(/weight above 0, got 0/)
    expect(() =>
      normalizeDefinition({
        indicators: [{ key: 'u', direction: 1, weight: 1 }],
        thresholds: {
          status: { high: 1, low: -1, veryLow: 2 },
          dynamics: DEFINITION.thresholds.dynamics,
        },
      }),
    ).toThrow(/high < low ≤ veryLow/)
    expect(() =>
      computeSocialIndex(DEFINITION, { ...EXAMPLE, values: { u: EXAMPLE.values.u! } }),
    ).toThrow(/No values for the indicator "e"/)
    expect(() =>
      computeSocialIndex(DEFINITION, {
        ...EXAMPLE,
        values: { ...EXAMPLE.values, e: [1, 1, 1, 1, 1, 1] },
      }),
    ).toThrow(SocialIndexError)
    expect(() => computeSocialIndex({ ...DEFINITION, minPopulation: 1001 }, EXAMPLE)).toThrow(
      /at least 3 eligible areas, got 0 of 6/,
    )
  })
})

describe('sensitivity', () => {
  /*
   * Dropping e leaves status = z_u = (−3, −1, 1, 3)/√(20/3) = −1.161895, −0.387298, 0.387298,
   * 1.161895: A becomes high. Dropping u re-admits F (it lacked only u): e over A, B, C, D, F =
   * 60, 70, 50, 40, 55 has mean 55 and SD √(500/4) = √125, so status = −z_e = (−5, −15, 5, 15, 0)/√125
   * = −0.447214, −1.341641, 0.447214, 1.341641, 0: B becomes high, F enters as medium.
   * Doubling u gives the sum (−7, −5, 3, 9) → status (−7, −5, 3, 9)/√(164/3) = −0.946753, −0.676252,
   * 0.405751, 1.217254: no class changes; halving e is the same index (only ratios matter), and
   * doubling e / halving u the mirror image (−5, −7, 3, 9): no changes either.
   */
  it('lists the areas whose class changes when an indicator is dropped or reweighted', () => {
    const { variants } = sensitivity(DEFINITION, EXAMPLE)
    const of = (indicator: string, change: string) =>
      variants.find((v) => v.indicator === indicator && v.change === change)!
    expect(of('e', 'dropped').status).toEqual([{ area: 'A', from: 'medium', to: 'high' }])
    expect(of('u', 'dropped').status).toEqual([
      { area: 'B', from: 'medium', to: 'high' },
      { area: 'F', from: null, to: 'medium' },
    ])
    for (const key of ['u', 'e']) {
      expect(of(key, 'weight_doubled').status).toEqual([])
      expect(of(key, 'weight_halved').status).toEqual([])
    }
    expect(variants).toHaveLength(6)
    expect(variants.every((v) => v.problem === null)).toBe(true)
    // Dropping u: Δe over A, B, C, D, F = 1, 1, −1, −1, −3 (mean −0.6, SD √(11.2/4) = 1.673320), so
    // dynamics = −z(Δe) = −0.956183, −0.956183, 0.239046, 0.239046, 1.434274.
    expect(of('u', 'dropped').dynamics).toEqual([
      { area: 'A', from: 'positive', to: 'stable' },
      { area: 'D', from: 'negative', to: 'stable' },
      { area: 'F', from: null, to: 'negative' },
    ])
  })

  it('dropping an indicator also re-admits areas that only lacked that one', () => {
    const { variants } = sensitivity(DEFINITION, EXAMPLE)
    const dropped = variants.find((v) => v.indicator === 'u' && v.change === 'dropped')!
    expect(dropped.status).toContainEqual({ area: 'F', from: null, to: 'medium' })
  })

  it('says why a variant cannot be computed', () => {
    const single = normalizeDefinition({ indicators: [{ key: 'u', direction: 1, weight: 1 }] })
    const { variants } = sensitivity(single, EXAMPLE)
    expect(variants[0]).toMatchObject({
      change: 'dropped',
      problem: 'the only indicator cannot be dropped',
    })
  })
})
