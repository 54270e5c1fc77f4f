import { describe, expect, it } from 'vitest'

import { linearFit } from './regression.js'

// R's built-in `cars` data (Ezekiel 1930): speed (mph) and stopping distance (ft) of 50 cars.
const speed = [
  4, 4, 7, 7, 8, 9, 10, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15,
  16, 16, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 20, 20, 20, 20, 20, 22, 23, 24, 24, 24, 24, 25,
]
const dist = [
  2, 10, 4, 22, 16, 10, 18, 26, 34, 17, 28, 14, 20, 24, 28, 26, 34, 34, 46, 26, 36, 60, 80, 20, 26,
  54, 32, 40, 32, 40, 50, 42, 56, 76, 84, 36, 46, 68, 32, 48, 52, 56, 64, 66, 54, 70, 92, 93, 120,
  85,
]

describe('linearFit', () => {
  it('matches R: summary(lm(dist ~ speed, data = cars)) gives -17.5791 and 3.9324', () => {
    // Published output of R's summary.lm (Estimate column: (Intercept) -17.5791, speed 3.9324),
    // e.g. r-statistics.co "Linear Regression in R" and RPubs notes on the cars data; printing
    // the model gives -17.579 and 3.932 ("R in a Nutshell", O'Reilly, ch. 3).
    const fit = linearFit(speed, dist)!
    expect(fit.n).toBe(50)
    expect(fit.intercept).toBeCloseTo(-17.5791, 4)
    expect(fit.slope).toBeCloseTo(3.9324, 4)
  })

  it('skips incomplete pairs, like lm with na.omit', () => {
    const fit = linearFit([...speed, null, 30], [...dist, 50, Number.NaN])!
    expect(fit.n).toBe(50)
    expect(fit.slope).toBeCloseTo(3.9324, 4)
  })

  it('is exact on a straight line and null without spread in x', () => {
    expect(linearFit([1, 2, 3], [2, 4, 6])).toEqual({ intercept: 0, slope: 2, n: 3 })
    expect(linearFit([2, 2, 2], [1, 2, 3])).toBeNull()
    expect(linearFit([1], [1])).toBeNull()
    expect(() => linearFit([1, 2], [1])).toThrow(/equal length, got 2 and 1/)
  })
})
