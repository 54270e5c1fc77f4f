import { describe, expect, it } from 'vitest'

import { createFormatter, densityDigits } from './format.js'

// Intl may use (narrow) no-break spaces; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe('createFormatter', () => {
  const de = createFormatter('de')
  const en = createFormatter('en')

  it('formats integers in German and English', () => {
    expect(de.integer(1234567.4)).toBe('1.234.567')
    expect(en.integer(1234567.4)).toBe('1,234,567')
    expect(de.integer(1234)).toBe('1.234')
  })

  it('formats decimals with fixed digits', () => {
    expect(de.decimal(3.14159, 2)).toBe('3,14')
    expect(en.decimal(3.1, 2)).toBe('3.10')
  })

  it('formats signed percentages', () => {
    expect(plain(de.signedPercent(0.0123))).toBe('+1,2 %')
    expect(plain(de.signedPercent(-0.005))).toBe('-0,5 %')
    expect(en.signedPercent(0.0123)).toBe('+1.2%')
  })

  it('formats class ranges', () => {
    expect(de.range(1000, 2500.4, 0)).toBe('1.000 – 2.500')
    expect(en.range(0.5, 1.25, 2)).toBe('0.50 – 1.25')
  })

  it('compares names numerically and locale-aware', () => {
    expect(['10', '2', 'Zwiebel', 'Äpfel', 'Birne'].sort(de.compare)).toEqual([
      '2',
      '10',
      'Äpfel',
      'Birne',
      'Zwiebel',
    ])
  })

  it('is memoised per language', () => {
    expect(createFormatter('de')).toBe(de)
  })
})

describe('densityDigits', () => {
  it('uses one digit for sparse areas', () => {
    expect(densityDigits(4.2)).toBe(1)
    expect(densityDigits(1520)).toBe(0)
  })
})
