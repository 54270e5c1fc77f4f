import { describe, expect, it } from 'vitest'

import { normalCdf, normalPValue, pseudoPValue } from './inference.js'

describe('normalCdf', () => {
  it('matches the C library erfc to 1e-12 relative, far into the tail', () => {
    // Reference: 0.5 · erfc(−x / √2) with the C library's erfc (CPython math.erfc); R's
    // pnorm(-1.96) prints the same 0.0249978951482204.
    const cases: [number, number][] = [
      [0, 0.5],
      [-1.96, 0.024997895148220435],
      [-1, 0.15865525393145707],
      [-5, 2.866515718791946e-7],
      [-10, 7.619853024160593e-24],
      [1.6448536269514722, 0.95],
    ]
    for (const [x, p] of cases) expect(normalCdf(x) / p).toBeCloseTo(1, 12)
  })

  it('gives one- and two-sided p-values', () => {
    expect(normalPValue(1.96, 'greater')).toBeCloseTo(0.0249978951482204, 15)
    expect(normalPValue(1.96, 'less')).toBeCloseTo(1 - 0.0249978951482204, 15)
    expect(normalPValue(-1.96, 'two-sided')).toBeCloseTo(0.0499957902964408, 15)
    expect(normalPValue(Number.NaN, 'greater')).toBeNaN()
  })
})

describe('pseudoPValue', () => {
  const sims = [1, 2, 3, 4, 5, 6, 7, 8, 9]
  it('counts simulated values at least as extreme: (M + 1) / (R + 1)', () => {
    expect(pseudoPValue(8.5, sims, 'greater')).toBe(2 / 10)
    expect(pseudoPValue(8.5, sims, 'less')).toBe(9 / 10)
    expect(pseudoPValue(10, sims, 'greater')).toBe(1 / 10)
    // Folded (PySAL): the smaller tail.
    expect(pseudoPValue(1.5, sims, 'two-sided')).toBe(2 / 10)
    expect(pseudoPValue(8.5, sims, 'two-sided')).toBe(2 / 10)
  })
})
