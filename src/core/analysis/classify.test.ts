import { describe, expect, it } from 'vitest'

import {
  CLASSIFICATION_METHODS,
  classIndex,
  classify,
  goodnessOfVarianceFit,
  prettyBreaks,
} from './classify.js'
import { createRandom } from '../random.js'

// jenks71: 102 values of Jenks & Caspall (1971), shipped with R spData and used in every classInt
// example (values as listed in GeoTools' StyleGenerator tests). Expected breaks, counts and
// goodness-of-fit values are the printed output of the classInt 0.4-3 reference pages
// (r-spatial/classInt docs/reference/classIntervals.html and jenks.tests.html), 7 significant
// digits as R prints them.
const JENKS71 = [
  50.12, 83.9, 76.43, 71.61, 79.66, 84.84, 87.87, 92.45, 119.9, 155.3, 131.5, 111.8, 96.78, 86.75,
  62.41, 96.37, 75.51, 77.29, 85.41, 116.4, 58.5, 75.29, 66.32, 62.65, 80.45, 72.76, 63.67, 60.27,
  68.45, 100.1, 55.3, 54.07, 57.49, 73.52, 68.25, 64.28, 50.64, 52.47, 68.19, 57.4, 39.72, 60.66,
  57.59, 38.22, 57.22, 67.04, 47.29, 71.05, 50.53, 34.63, 59.65, 62.06, 52.89, 56.35, 57.26, 53.77,
  59.89, 55.44, 45.4, 52.21, 49.38, 51.15, 54.27, 54.32, 41.2, 34.58, 50.11, 52.05, 33.82, 39.88,
  36.24, 41.02, 46.13, 51.15, 32.28, 33.26, 31.78, 31.28, 50.52, 47.21, 32.69, 38.3, 33.83, 40.3,
  40.62, 32.14, 31.66, 26.09, 39.84, 24.83, 28.2, 31.19, 37.57, 27.16, 23.42, 18.57, 30.97, 17.82,
  15.57, 15.93, 28.71, 32.22,
]

/** Relative agreement to `digits` significant digits, element by element. */
function expectSignificant(actual: readonly number[], expected: readonly number[], digits = 7) {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((a, i) => {
    const e = expected[i]!
    const tolerance = 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(e) || 1)) - digits + 1)
    expect(Math.abs(a - e), `break ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(tolerance)
  })
}

/** Sum over classes of squared deviations from the class mean. */
function withinSS(values: readonly number[], breaks: readonly number[]): number {
  const groups = new Map<number, number[]>()
  for (const v of values)
    groups.set(classIndex(v, breaks), [...(groups.get(classIndex(v, breaks)) ?? []), v])
  let total = 0
  for (const g of groups.values()) {
    const m = g.reduce((a, b) => a + b) / g.length
    for (const v of g) total += (v - m) ** 2
  }
  return total
}

/** Minimal within-class SS over all ways to cut the sorted values into k contiguous classes. */
function bruteForceMinimum(values: readonly number[], k: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const ss = (from: number, to: number) => {
    const g = sorted.slice(from, to)
    const m = g.reduce((a, b) => a + b) / g.length
    return g.reduce((a, v) => a + (v - m) ** 2, 0)
  }
  const search = (from: number, classes: number): number => {
    if (classes === 1) return ss(from, sorted.length)
    let best = Infinity
    for (let cut = from + 1; cut <= sorted.length - classes + 1; cut++) {
      best = Math.min(best, ss(from, cut) + search(cut, classes - 1))
    }
    return best
  }
  return search(0, k)
}

describe('classify on jenks71 (classInt reference output)', () => {
  it('has the published mean as a data check', () => {
    // classInt style "sd" prints the centre 56.27941 (also the headtails split).
    expect(JENKS71).toHaveLength(102)
    expectSignificant([JENKS71.reduce((a, b) => a + b) / 102], [56.27941])
  })

  it('finds the Fisher breaks: classInt prints the midpoints 43.3, 61.36, 78.475, 105.95', () => {
    const c = classify(JENKS71, 'fisher', 5)
    expect(c.counts).toEqual([35, 33, 18, 11, 5])
    // Our bounds are the class maxima; the next class minimum gives classInt's midpoint.
    const sorted = [...JENKS71].sort((a, b) => a - b)
    const midpoints = c.breaks.slice(1, -1).map((b) => (b + sorted.find((v) => v > b)!) / 2)
    expectSignificant(midpoints, [43.3, 61.36, 78.475, 105.95])
    expect(c.breaks[0]).toBe(15.57)
    expect(c.breaks[5]).toBe(155.3)
  })

  it('finds the Jenks breaks [15.57, 41.2, 60.66, 77.29, 100.1, 155.3]', () => {
    const c = classify(JENKS71, 'jenks', 5)
    expect(c.breaks).toEqual([15.57, 41.2, 60.66, 77.29, 100.1, 155.3])
    expect(c.counts).toEqual([35, 33, 18, 11, 5])
  })

  it('finds the quantile breaks (R type 7) and their GVF 0.8329466 (jenks.tests)', () => {
    const c = classify(JENKS71, 'quantile', 5)
    expectSignificant(c.breaks, [15.57, 33.822, 50.114, 57.454, 73.368, 155.3])
    expect(c.counts).toEqual([21, 20, 20, 20, 21])
    expectSignificant([c.gvf], [0.8329466])
  })

  it('finds the equal-interval breaks', () => {
    const c = classify(JENKS71, 'equal', 5)
    expectSignificant(c.breaks, [15.57, 43.516, 71.462, 99.408, 127.354, 155.3])
    expect(c.counts).toEqual([35, 44, 17, 4, 2])
  })

  it('finds the standard deviation breaks (6 classes from pretty SD multiples)', () => {
    const c = classify(JENKS71, 'stddev', 5)
    expectSignificant(
      c.breaks,
      [5.514407, 30.89691, 56.27941, 81.66191, 107.0444, 132.4269, 157.8094],
    )
    expect(c.counts).toEqual([10, 47, 31, 9, 4, 1])
  })

  it('reproduces the fixed breaks example with GVF 0.9107081 (jenks.tests)', () => {
    const c = classify(JENKS71, 'manual', 5, { breaks: [15.57, 25, 50, 75, 100, 155.3] })
    expect(c.counts).toEqual([6, 34, 42, 14, 6])
    expectSignificant([c.gvf], [0.9107081])
  })

  it('gives Fisher the best GVF of all methods, as the optimal partition must', () => {
    const fisher = classify(JENKS71, 'fisher', 5).gvf
    for (const method of ['jenks', 'quantile', 'equal'] as const) {
      expect(fisher).toBeGreaterThanOrEqual(classify(JENKS71, method, 5).gvf - 1e-12)
    }
  })
})

describe('classify on x = c(0, 0, 0, 1, 2, 50) (classIntervals man page)', () => {
  const x = [0, 0, 0, 1, 2, 50]

  it('Fisher: classInt [0, 0.5, 26, 50] with counts 3, 2, 1; our maxima [0, 0, 2, 50]', () => {
    const c = classify(x, 'fisher', 3)
    expect(c.breaks).toEqual([0, 0, 2, 50])
    expect(c.counts).toEqual([3, 2, 1])
  })

  it('Jenks: classInt [0, 0, 2, 50] with counts 3, 2, 1', () => {
    const c = classify(x, 'jenks', 3)
    expect(c.breaks).toEqual([0, 0, 2, 50])
    expect(c.counts).toEqual([3, 2, 1])
  })
})

describe('prettyBreaks (R ?pretty examples)', () => {
  it.each([
    [1, 15, 5, [0, 2, 4, 6, 8, 10, 12, 14, 16]],
    [1, 15, 4, [0, 5, 10, 15]],
    [2, 30, 5, [0, 5, 10, 15, 20, 25, 30]],
    [1, 20, 5, [0, 5, 10, 15, 20]],
    [1, 20, 2, [0, 10, 20]],
    [1, 20, 10, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]],
  ])('pretty(%d:%d, n = %d)', (lo, hi, n, expected) => {
    expect(prettyBreaks(lo, hi, n)).toEqual(expected)
  })

  it('rounds bounds to the step so decimals stay clean', () => {
    expect(prettyBreaks(0.1, 0.7, 5)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
  })

  it('classifies by pretty breaks covering the range', () => {
    const c = classify([3, 7, 12, 18, 19], 'pretty', 4)
    expect(c.breaks).toEqual([0, 5, 10, 15, 20])
    expect(c.counts).toEqual([1, 1, 1, 2])
  })
})

describe('classify edge cases', () => {
  it('matches the contract example', () => {
    expect(classify([1, 2, 3, 10, 11, 12], 'fisher', 2).breaks).toEqual([1, 3, 12])
  })

  it('ignores NaN and infinite values', () => {
    const c = classify([NaN, 1, 2, Infinity, 3, 10, 11, 12, -Infinity], 'fisher', 2)
    expect(c.breaks).toEqual([1, 3, 12])
    expect(c.counts).toEqual([3, 3])
  })

  it('returns no classes without values, and one class for all-equal values', () => {
    for (const method of CLASSIFICATION_METHODS.filter((m) => m !== 'manual')) {
      expect(classify([NaN], method, 4)).toEqual({ method, breaks: [], counts: [], gvf: NaN })
      const c = classify([5, 5, 5], method, 4)
      expect(c.breaks).toEqual([5, 5])
      expect(c.counts).toEqual([3])
      expect(c.gvf).toBeNaN()
    }
  })

  it('gives each distinct value its own class when there are fewer than k', () => {
    for (const method of ['fisher', 'jenks'] as const) {
      const c = classify([1, 1, 2, 3, 3, 3], method, 5)
      expect(c.breaks).toEqual([1, 1, 2, 3])
      expect(c.counts).toEqual([2, 1, 3])
      expect(c.gvf).toBe(1)
    }
  })

  it('reaches the brute-force minimum of the within-class sum of squares, ties included', () => {
    const rng = createRandom(11)
    for (let trial = 0; trial < 30; trial++) {
      const values = Array.from({ length: 12 }, () => rng.int(0, 6))
      for (const method of ['fisher', 'jenks'] as const) {
        const c = classify(values, method, 3)
        expect(withinSS(values, c.breaks), `${method} on ${values}`).toBeCloseTo(
          bruteForceMinimum(values, Math.min(3, new Set(values).size)),
          10,
        )
      }
    }
  })

  it('collapses equal quantile bounds, keeping a class for the minimum', () => {
    const c = classify([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 'quantile', 4)
    expect(c.breaks[0]).toBe(0)
    expect(c.breaks[1]).toBe(0)
    expect(c.counts[0]).toBe(6)
    for (let i = 2; i < c.breaks.length; i++) expect(c.breaks[i]!).toBeGreaterThan(c.breaks[i - 1]!)
  })

  it('closes manual inner breaks with the data range', () => {
    const c = classify([1, 5, 9, 12], 'manual', 3, { breaks: [4, 10] })
    expect(c.breaks).toEqual([1, 4, 10, 12])
    expect(c.counts).toEqual([1, 2, 1])
  })

  it('explains bad input', () => {
    expect(() => classify([1, 2], 'manual', 3, { breaks: [4, 4] })).toThrow(
      /strictly ascending, but break 1 \(4\) is not greater than break 0 \(4\)/,
    )
    expect(() => classify([1, 2], 'manual', 3, { breaks: [1, 2, 3] })).toThrow(
      /2 inner breaks or 4 bounds, got 3/,
    )
    expect(() => classify([1, 2], 'manual', 3)).toThrow(/expects options.breaks/)
    expect(() => classify([1, 2], 'fisher', 2.5)).toThrow(/whole number of classes ≥ 1, got 2.5/)
    expect(() => classify([1, 2], 'kmeans' as never, 2)).toThrow(/expected a method of fisher/)
  })
})

describe('classIndex and goodnessOfVarianceFit', () => {
  it('uses right-closed classes with the first class closed on both sides', () => {
    const breaks = [0, 10, 20]
    expect([0, 10, 10.5, 20, 21, NaN].map((v) => classIndex(v, breaks))).toEqual([
      0, 0, 1, 1, -1, -1,
    ])
    expect(classIndex(0, [0, 0, 5])).toBe(0)
    expect(classIndex(0.1, [0, 0, 5])).toBe(1)
  })

  it('computes 1 − SDCM/SDAM', () => {
    // SDAM of 1, 2, 10, 11 around 6 = 25 + 16 + 16 + 25 = 82; SDCM = 4 · 0.25 = 1.
    expect(
      goodnessOfVarianceFit([
        [1, 2],
        [10, 11],
      ]),
    ).toBeCloseTo(1 - 1 / 82, 14)
    expect(goodnessOfVarianceFit([[1]])).toBeNaN()
  })
})
