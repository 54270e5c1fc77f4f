import { describe, expect, it } from 'vitest'

import {
  count,
  extent,
  mean,
  median,
  pearson,
  quantile,
  quantiles,
  standardDeviation,
  sum,
  variance,
  zScores,
} from './stats.js'

// Anscombe's quartet, set 1 (R `datasets::anscombe`, Anscombe 1973). Its published summary:
// mean(x1) = 9, var(x1) = 11, mean(y1) = 7.500909, var(y1) = 4.127269, cor(x1, y1) = 0.8164205.
const X1 = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
const Y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]

describe('mean, variance, standardDeviation', () => {
  it('reproduces the published moments of Anscombe set 1', () => {
    expect(mean(X1)).toBe(9)
    expect(variance(X1)).toBeCloseTo(11, 12)
    expect(mean(Y1)).toBeCloseTo(7.500909, 6)
    expect(variance(Y1)).toBeCloseTo(4.127269, 6)
  })

  it('distinguishes sample and population variance', () => {
    // Textbook example: population SD of 2, 4, 4, 4, 5, 5, 7, 9 is exactly 2.
    const v = [2, 4, 4, 4, 5, 5, 7, 9]
    expect(standardDeviation(v, { sample: false })).toBe(2)
    expect(variance(v)).toBeCloseTo(32 / 7, 14)
  })

  it('skips NaN and infinite values and returns NaN when too few remain', () => {
    expect(mean([1, NaN, 3, Infinity])).toBe(2)
    expect(count([1, NaN, 3, -Infinity])).toBe(2)
    expect(sum([1, NaN, 2])).toBe(3)
    expect(mean([])).toBeNaN()
    expect(variance([5])).toBeNaN()
    expect(variance([5], { sample: false })).toBe(0)
  })

  it('weights like repeated values (frequency weights)', () => {
    const values = [1, 4, 10]
    const weights = [2, 1, 3]
    const expanded = [1, 1, 4, 10, 10, 10]
    expect(mean(values, { weights })).toBeCloseTo(mean(expanded), 14)
    expect(variance(values, { weights })).toBeCloseTo(variance(expanded, { sample: false }), 12)
    expect(variance(values, { weights, sample: true })).toBeCloseTo(variance(expanded), 12)
  })

  it('skips a value whose weight is missing and rejects bad weights', () => {
    expect(mean([1, 100, 3], { weights: [1, NaN, 1] })).toBe(2)
    expect(() => mean([1, 2], { weights: [1] })).toThrow(/one weight per value \(2\), got 1/)
    expect(() => mean([1, 2], { weights: [1, -1] })).toThrow(/negative, got -1 at index 1/)
    expect(mean([1, 2], { weights: [0, 0] })).toBeNaN()
  })
})

describe('zScores', () => {
  it('standardises with the sample SD like R scale()', () => {
    // R: as.vector(scale(anscombe$x1))[1] = (10 - 9) / sqrt(11) = 0.3015113
    const z = zScores(X1)
    expect(z[0]).toBeCloseTo(0.3015113, 7)
    expect(mean(z)).toBeCloseTo(0, 14)
    expect(standardDeviation(z)).toBeCloseTo(1, 14)
  })

  it('keeps positions and puts NaN where the input is missing', () => {
    expect(zScores([1, NaN, 2, 3])).toEqual([-1, NaN, 0, 1])
  })

  it('uses the weighted mean and weighted population SD with weights', () => {
    const values = [1, 2, 6, NaN]
    const weights = [10, 1, 5, 3]
    const z = zScores(values, { weights })
    const used = { values: values.slice(0, 3), weights: weights.slice(0, 3) }
    expect(mean(z.slice(0, 3), { weights: used.weights })).toBeCloseTo(0, 12)
    expect(variance(z.slice(0, 3), { weights: used.weights })).toBeCloseTo(1, 12)
    const m = mean(used.values, { weights: used.weights })
    const sd = standardDeviation(used.values, { weights: used.weights })
    expect(z[2]).toBeCloseTo((6 - m) / sd, 14)
    expect(z[3]).toBeNaN()
  })

  it('returns NaN everywhere for a constant variable', () => {
    expect(zScores([3, 3, 3])).toEqual([NaN, NaN, NaN])
  })
})

describe('pearson', () => {
  it('reproduces the published correlation of Anscombe set 1', () => {
    const { r, n } = pearson(X1, Y1)
    expect(r).toBeCloseTo(0.8164205, 7)
    expect(n).toBe(11)
  })

  it('uses complete pairs only', () => {
    const { r, n } = pearson([...X1, NaN, 3], [...Y1, 5, NaN])
    expect(n).toBe(11)
    expect(r).toBeCloseTo(0.8164205, 7)
  })

  it('is NaN for constants or fewer than two pairs, and exactly ±1 for lines', () => {
    expect(pearson([1, 2, 3], [4, 4, 4]).r).toBeNaN()
    expect(pearson([1], [2])).toEqual({ r: NaN, n: 1 })
    expect(pearson([1, 2, 3], [-2, -4, -6]).r).toBe(-1)
    expect(() => pearson([1, 2], [1])).toThrow(/equal length, got 2 and 1/)
  })
})

describe('quantile', () => {
  it('matches R quantile type 7', () => {
    // R: quantile(1:10, c(0.33, 0.9)) = 3.97, 9.1; quantile(c(1, 3, 7, 15), 0.5) = 5
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.33)).toBeCloseTo(3.97, 12)
    expect(quantile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9)).toBeCloseTo(9.1, 12)
    expect(median([15, 1, NaN, 7, 3])).toBe(5)
    expect(quantiles([5, 1, 4, 2, 3], [0, 0.25, 0.5, 1])).toEqual([1, 2, 3, 5])
    expect(quantile([], 0.5)).toBeNaN()
    expect(() => quantile([1], 1.5)).toThrow(/p in \[0, 1\], got 1.5/)
  })

  it('reports the extent of the finite values', () => {
    expect(extent([3, NaN, -1, 8])).toEqual([-1, 8])
    expect(extent([NaN])).toEqual([NaN, NaN])
  })
})
