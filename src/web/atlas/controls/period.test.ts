import { describe, expect, it } from 'vitest'

import {
  labelledPeriods,
  periodIndex,
  playNext,
  playStart,
  sortedPeriods,
  stepPeriod,
} from './period.js'

const years = [2015, 2017, 2020, 2021]

describe('period stepping', () => {
  it('sorts and deduplicates years', () => {
    expect(sortedPeriods([2020, 2015, 2020, 2017])).toEqual([2015, 2017, 2020])
  })

  it('finds the position of a year, or of the nearest year with data', () => {
    expect(periodIndex(years, 2017)).toBe(1)
    expect(periodIndex(years, 2018)).toBe(1) // 2017 is nearer than 2020
    expect(periodIndex(years, 2016)).toBe(0) // a tie goes to the earlier year
    expect(periodIndex(years, 1990)).toBe(0)
    expect(periodIndex(years, 2030)).toBe(3)
    expect(periodIndex([], 2020)).toBe(-1)
  })

  it('steps over gaps and stops at either end', () => {
    expect(stepPeriod(years, 2017, 1)).toBe(2020)
    expect(stepPeriod(years, 2017, -1)).toBe(2015)
    expect(stepPeriod(years, 2015, -1)).toBeNull()
    expect(stepPeriod(years, 2021, 1)).toBeNull()
    expect(stepPeriod([], 2021, 1)).toBeNull()
  })

  it('plays forward to the last year and stops there; play at the end starts over', () => {
    const seen: number[] = []
    let year: number | null = playStart(years, 2017)
    while (year !== null) {
      seen.push(year)
      year = playNext(years, year)
    }
    expect(seen).toEqual([2017, 2020, 2021])
    expect(playStart(years, 2021)).toBe(2015)
    expect(playStart([2020], 2020)).toBeNull() // nothing to play
  })
})

describe('labelledPeriods', () => {
  it('labels every year when few, otherwise every k-th and the last', () => {
    expect(labelledPeriods(years, 8)).toEqual(years)
    const fifteen = Array.from({ length: 15 }, (_, i) => 2010 + i)
    expect(labelledPeriods(fifteen, 6)).toEqual([2010, 2013, 2016, 2019, 2022, 2024])
    expect(labelledPeriods(fifteen, 8)).toEqual([2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024])
    // The label before the last is dropped when it would crowd it.
    const eleven = Array.from({ length: 11 }, (_, i) => 2014 + i)
    expect(labelledPeriods(eleven, 4)).toEqual([2014, 2018, 2024])
  })
})
