import { describe, expect, it } from 'vitest'

import {
  capitalise,
  formatNumber,
  formatWithUnit,
  NBSP,
  quote,
  roundTo,
  unitLabel,
} from './format.js'

describe('formatNumber', () => {
  it('groups thousands and writes decimals in the language', () => {
    expect(formatNumber(1234.56, 1, 'de')).toBe('1.234,6')
    expect(formatNumber(1234.56, 1, 'en')).toBe('1,234.6')
    expect(formatNumber(1234567, 0)).toBe('1.234.567')
    expect(formatNumber(0.5, 2, 'de')).toBe('0,50')
  })

  it('keeps the app’s hyphen-minus for negatives and never prints a negative zero', () => {
    expect(formatNumber(-1234.5, 1, 'de')).toBe('-1.234,5')
    expect(formatNumber(-0.04, 1, 'de')).toBe('0,0')
    expect(formatNumber(-0.04, 1, 'en')).toBe('0.0')
  })

  it('rejects what is not a number with a clear message', () => {
    expect(() => formatNumber(Number.NaN, 1)).toThrow(/expected a finite number, got NaN/)
    expect(() => formatNumber(1, -1)).toThrow(/expected 0–20 fraction digits, got -1/)
  })
})

describe('roundTo', () => {
  it('rounds like the printed number, ties away from zero', () => {
    expect(roundTo(2.25, 1)).toBe(2.3)
    expect(roundTo(-2.25, 1)).toBe(-2.3)
    expect(roundTo(0.5, 0)).toBe(1)
    // 1.005 is 1.00499999999999989… in binary: both the formatter and roundTo give 1.00.
    expect(roundTo(1.005, 2)).toBe(1)
    expect(formatNumber(1.005, 2, 'en')).toBe('1.00')
    expect(Object.is(roundTo(-0.01, 1), 0)).toBe(true)
  })
})

describe('formatWithUnit', () => {
  it('joins number and % with a no-break space in German, directly in English', () => {
    expect(formatWithUnit(31.24, 1, '%', 'de')).toBe(`31,2${NBSP}%`)
    expect(formatWithUnit(31.24, 1, '%', 'en')).toBe('31.2%')
    expect(NBSP).toBe('\u00a0')
  })

  it('writes units after a no-break space, translated in English, singular for one', () => {
    expect(formatWithUnit(1234, 0, 'Personen', 'de')).toBe(`1.234${NBSP}Personen`)
    expect(formatWithUnit(1, 0, 'Personen', 'de')).toBe(`1${NBSP}Person`)
    expect(formatWithUnit(1, 0, 'Personen', 'en')).toBe(`1${NBSP}person`)
    expect(formatWithUnit(12.34, 1, 'je 1.000 Einw.', 'en')).toBe(`12.3${NBSP}per 1,000 residents`)
    expect(formatWithUnit(12.34, 1, 'Punkte', 'en', 'points')).toBe(`12.3${NBSP}points`)
    expect(formatWithUnit(12.34, 1, '', 'de')).toBe('12,3')
  })
})

describe('quotes and capitals', () => {
  it('uses „…“ in German and “…” in English', () => {
    expect(quote('Nordstadt', 'de')).toBe('\u201eNordstadt\u201c')
    expect(quote('Nordstadt', 'en')).toBe('\u201cNordstadt\u201d')
  })

  it('capitalises the first letter only', () => {
    expect(capitalise('im Sozialraum Nordstadt')).toBe('Im Sozialraum Nordstadt')
    expect(capitalise('')).toBe('')
  })

  it('leaves unknown units as they are', () => {
    expect(unitLabel('Fälle', 'en')).toBe('Fälle')
    expect(unitLabel('je 100 Haushalte', 'en')).toBe('per 100 households')
  })
})
