import { describe, expect, it } from 'vitest'

import { detectDecimal, parseNumber, parseValue } from './numbers.js'
import { parseAgs, parseArs } from './officialKeys.js'
import { parsePeriod } from './periods.js'

describe('parseValue', () => {
  it('reads German numbers', () => {
    expect(parseValue('1.234,5', ',')).toEqual({ kind: 'value', value: 1234.5, status: null })
    expect(parseValue('1234,5', ',')).toEqual({ kind: 'value', value: 1234.5, status: null })
    expect(parseValue('1.234', ',')).toEqual({ kind: 'value', value: 1234, status: null })
    expect(parseValue('1.234.567', ',')).toEqual({ kind: 'value', value: 1234567, status: null })
    expect(parseValue(' -17 ', ',')).toEqual({ kind: 'value', value: -17, status: null })
    expect(parseValue('1 234', ',')).toEqual({ kind: 'value', value: 1234, status: null })
    expect(parseValue('1\u00a0234,75', ',')).toEqual({
      kind: 'value',
      value: 1234.75,
      status: null,
    })
  })

  it('reads English numbers', () => {
    expect(parseValue('1,234.5', '.')).toEqual({ kind: 'value', value: 1234.5, status: null })
    expect(parseValue('1234.5', '.')).toEqual({ kind: 'value', value: 1234.5, status: null })
    expect(parseValue('1.5e3', '.')).toEqual({ kind: 'value', value: 1500, status: null })
  })

  it('refuses numbers in the other format instead of misreading them', () => {
    expect(parseValue('12.5', ',').kind).toBe('error')
    expect(parseValue('1,5', '.').kind).toBe('error')
    expect(parseValue('1.23.4', ',').kind).toBe('error')
  })

  it('keeps the official status symbols', () => {
    expect(parseValue('-', ',')).toEqual({ kind: 'value', value: 0, status: '-' })
    expect(parseValue('–', ',')).toEqual({ kind: 'value', value: 0, status: '-' })
    for (const symbol of ['.', 'x', '/', '...'] as const) {
      expect(parseValue(symbol, ',')).toEqual({ kind: 'value', value: null, status: symbol })
    }
    expect(parseValue('…', ',')).toEqual({ kind: 'value', value: null, status: '...' })
    expect(parseValue('1.234p', ',')).toEqual({ kind: 'value', value: 1234, status: 'p' })
    expect(parseValue('1 234 p', ',')).toEqual({ kind: 'value', value: 1234, status: 'p' })
    expect(parseValue('17r', ',')).toEqual({ kind: 'value', value: 17, status: 'r' })
    expect(parseValue('3,5 s', ',')).toEqual({ kind: 'value', value: 3.5, status: 's' })
  })

  it('reports text, empty cells and spreadsheet numbers', () => {
    const error = parseValue('n/a', ',')
    expect(error.kind).toBe('error')
    expect(error.kind === 'error' && error.expected).toMatch(/German format/)
    expect(parseValue('p', ',').kind).toBe('error')
    expect(parseValue('  ', ',')).toEqual({ kind: 'empty' })
    expect(parseValue(56.73, ',')).toEqual({ kind: 'value', value: 56.73, status: null })
    expect(parseValue(Number.NaN, ',').kind).toBe('error')
  })

  it('parses plain numbers', () => {
    expect(parseNumber(',5', ',')).toBe(0.5)
    expect(parseNumber('', ',')).toBeNull()
    expect(parseNumber('+', ',')).toBeNull()
  })
})

describe('detectDecimal', () => {
  it('decides from the cells that are unambiguous', () => {
    expect(detectDecimal(['1.234', '12,5']).decimal).toBe(',')
    expect(detectDecimal(['1.234.567']).decimal).toBe(',')
    expect(detectDecimal(['1,234.5', '7']).decimal).toBe('.')
    expect(detectDecimal(['0.25']).decimal).toBe('.')
    expect(detectDecimal(['1.234', '1,234', '17']).decimal).toBeNull()
    expect(detectDecimal(['3,5 p']).decimal).toBe(',')
  })
})

describe('parsePeriod', () => {
  it('reads years and reference dates', () => {
    expect(parsePeriod('2024')).toEqual({ kind: 'year', year: 2024 })
    expect(parsePeriod(2024)).toEqual({ kind: 'year', year: 2024 })
    expect(parsePeriod('31.12.2018')).toEqual({ kind: 'year', year: 2018 })
    expect(parsePeriod('2018-12-31')).toEqual({ kind: 'year', year: 2018 })
    expect(parsePeriod('31.02.2018').kind).toBe('error')
    expect(parsePeriod('2018/19').kind).toBe('error')
    expect(parsePeriod(2018.5).kind).toBe('error')
  })
})

describe('official keys', () => {
  it('normalises AGS and restores a lost leading zero', () => {
    expect(parseAgs('09564000')).toEqual({ kind: 'key', key: '09564000', level: 'gemeinde' })
    expect(parseAgs(1001000)).toEqual({ kind: 'key', key: '01001000', level: 'gemeinde' })
    expect(parseAgs(1001)).toEqual({ kind: 'key', key: '01001', level: 'kreis' })
    expect(parseAgs('10041')).toEqual({ kind: 'key', key: '10041', level: 'kreis' })
    expect(parseAgs('1')).toEqual({ kind: 'key', key: '01', level: 'land' })
    expect(parseAgs('095640000000')).toEqual({ kind: 'key', key: '09564000', level: 'gemeinde' })
    expect(parseAgs('DG').kind).toBe('error')
    expect(parseAgs('123456').kind).toBe('error')
  })

  it('normalises ARS', () => {
    expect(parseArs('95640000000')).toEqual({
      kind: 'key',
      key: '095640000000',
      level: 'gemeinde',
    })
    expect(parseArs('010515163')).toEqual({
      kind: 'key',
      key: '010515163',
      level: 'gemeindeverband',
    })
    expect(parseArs('09564000').kind).toBe('error')
  })
})
