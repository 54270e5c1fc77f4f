import { describe, expect, it } from 'vitest'

import { sparklinePath } from './Sparkline.js'

describe('sparklinePath', () => {
  it('scales years to the width and values to the height (top = highest)', () => {
    const { d, last } = sparklinePath(
      [
        { period: 2020, value: 0 },
        { period: 2021, value: 10 },
        { period: 2022, value: 5 },
      ],
      24,
      12,
      2,
    )
    expect(d).toBe('M2.0,10.0L12.0,2.0L22.0,6.0')
    expect(last).toEqual([22, 6])
  })

  it('breaks the line where a year has no value', () => {
    const { d } = sparklinePath(
      [
        { period: 2020, value: 1 },
        { period: 2021, value: null },
        { period: 2022, value: 2 },
        { period: 2023, value: 3 },
      ],
      32,
      12,
      2,
    )
    expect(d.match(/M/g)).toHaveLength(2)
  })

  it('draws nothing without values', () => {
    expect(sparklinePath([{ period: 2020, value: null }], 20, 10)).toEqual({ d: '', last: null })
  })
})
