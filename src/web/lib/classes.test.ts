import { describe, expect, it } from 'vitest'

import { classCounts, classify, quantileBreaks, quantileSorted } from './classes.js'

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75)
    expect(quantileSorted([10], 0.3)).toBe(10)
    expect(quantileSorted([], 0.5)).toBeNaN()
  })
})

describe('quantileBreaks', () => {
  it('gives k + 1 breaks from min to max', () => {
    const breaks = quantileBreaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5)
    expect(breaks).toHaveLength(6)
    expect(breaks[0]).toBe(1)
    expect(breaks[5]).toBe(10)
    expect(breaks.map((b) => Math.round(b * 10) / 10)).toEqual([1, 2.8, 4.6, 6.4, 8.2, 10])
  })

  it('puts about equally many values in each class', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i * 37) % 101)
    expect(classCounts(values, quantileBreaks(values, 5))).toEqual([20, 20, 20, 20, 20])
  })

  it('ignores values that are not finite', () => {
    expect(quantileBreaks([NaN, 1, Infinity, 3], 2)).toEqual([1, 2, 3])
  })

  it('collapses ties into fewer classes', () => {
    const breaks = quantileBreaks([1, 1, 1, 1, 5], 5)
    expect(breaks).toHaveLength(3)
    expect(breaks[1]).toBeCloseTo(1.8, 10)
    expect(quantileBreaks([7, 7, 7], 5)).toEqual([7, 7])
    expect(quantileBreaks([], 5)).toEqual([])
  })

  it('handles fewer values than classes (7 districts in 5 classes)', () => {
    const values = [120, 340, 560, 800, 1500, 2600, 4100]
    const breaks = quantileBreaks(values, 5)
    expect(breaks).toHaveLength(6)
    const counts = classCounts(values, breaks)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(7)
    expect(counts.every((count) => count >= 1)).toBe(true)
  })

  it('rejects a nonsensical number of classes', () => {
    expect(() => quantileBreaks([1, 2], 0)).toThrow('at least 1, got 0')
  })
})

describe('classify', () => {
  const breaks = [0, 10, 20, 30]

  it('assigns a value on a boundary to the lower class', () => {
    expect(classify(0, breaks)).toBe(0)
    expect(classify(10, breaks)).toBe(0)
    expect(classify(10.01, breaks)).toBe(1)
    expect(classify(20, breaks)).toBe(1)
    expect(classify(30, breaks)).toBe(2)
  })

  it('clamps values outside the range', () => {
    expect(classify(-5, breaks)).toBe(0)
    expect(classify(99, breaks)).toBe(2)
  })

  it('returns -1 for no value or no classes', () => {
    expect(classify(NaN, breaks)).toBe(-1)
    expect(classify(5, [])).toBe(-1)
    expect(classify(5, [5])).toBe(-1)
  })

  it('puts every value in the single class when all are equal', () => {
    expect(classify(7, [7, 7])).toBe(0)
  })
})
