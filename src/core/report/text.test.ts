/**
 * Golden sentences. `~` in an expected string stands for the no-break space U+00A0 the text puts
 * between a number and its unit or `%` (see format.ts), so the strings stay readable.
 */
import { describe, expect, it } from 'vitest'

import {
  assess,
  changeSentence,
  compareSentence,
  formatIndicatorValue,
  indicatorSubject,
  measureOf,
  percentagePoints,
  rankPhrase,
  rankValues,
  type ReportIndicator,
} from './text.js'

const nb = (text: string) => text.replaceAll('~', '\u00a0')

// Indicator metadata as in src/modules/monitoring/catalogue.ts (the example sentence of issue 6
// names the child poverty rate „SGB-II-Quote der unter 15-Jährigen“).
const childPoverty: ReportIndicator = {
  nameDe: 'SGB-II-Quote der unter 15-Jährigen',
  nameEn: 'SGB II rate of under-15s',
  unit: '%',
  decimals: 1,
  polarity: 'higher_is_worse',
}
const unemployed: ReportIndicator = {
  nameDe: 'Arbeitslose',
  nameEn: 'Unemployed',
  unit: 'Personen',
  decimals: 0,
  polarity: 'higher_is_worse',
}
const naturalBalance: ReportIndicator = {
  nameDe: 'Natürlicher Saldo',
  nameEn: 'Natural balance',
  unit: 'je 1.000 Einw.',
  decimals: 1,
  polarity: 'neutral',
}
const childcare: ReportIndicator = {
  nameDe: 'Betreuungsquote unter 3 Jahren',
  nameEn: 'Childcare rate under 3',
  unit: '%',
  decimals: 1,
  polarity: 'higher_is_better',
}
const nordstadt = { name: 'Nordstadt', layer: 'sozialraum' }
const city = { kind: 'city' } as const

describe('compareSentence', () => {
  it('writes the example sentence of issue 6', () => {
    const result = compareSentence({
      indicator: childPoverty,
      area: nordstadt,
      period: 2024,
      value: 31.24,
      reference: city,
      referenceValue: 16.71,
    })
    expect(result.text).toBe(
      nb(
        'Im Sozialraum Nordstadt lag die SGB-II-Quote der unter 15-Jährigen 2024 bei 31,2~% und damit 14,5~Prozentpunkte über dem städtischen Durchschnitt (16,7~%).',
      ),
    )
    expect(result.direction).toBe('higher')
    expect(result.assessment).toBe('unfavourable')
  })

  it('writes the same in English', () => {
    const result = compareSentence({
      indicator: childPoverty,
      area: nordstadt,
      period: 2024,
      value: 31.24,
      reference: city,
      referenceValue: 16.71,
      language: 'en',
    })
    expect(result.text).toBe(
      nb(
        'In the Nordstadt social area, the SGB II rate of under-15s was 31.2% in 2024, 14.5~percentage points above the city average (16.7%).',
      ),
    )
  })

  it('says „unter“ and judges it by polarity', () => {
    const result = compareSentence({
      indicator: childcare,
      area: { name: 'Mitte', layer: 'stadtbezirk' },
      period: 2023,
      value: 28.06,
      reference: city,
      referenceValue: 35.1,
    })
    expect(result.text).toBe(
      nb(
        'Im Stadtbezirk Mitte lag die Betreuungsquote unter 3 Jahren 2023 bei 28,1~% und damit 7,0~Prozentpunkte unter dem städtischen Durchschnitt (35,1~%).',
      ),
    )
    expect(result.assessment).toBe('unfavourable')
  })

  it('calls values equal when they print the same (tolerance from the decimals)', () => {
    const result = compareSentence({
      indicator: childPoverty,
      area: { name: 'Musterstadt', layer: 'gesamtstadt' },
      period: 2024,
      value: 16.74,
      reference: { kind: 'area', area: { name: 'Mitte', layer: 'stadtbezirk' } },
      referenceValue: 16.66,
    })
    expect(result.text).toBe(
      nb(
        'In der Gesamtstadt lag die SGB-II-Quote der unter 15-Jährigen 2024 bei 16,7~% und damit gleichauf mit dem Wert des Stadtbezirks Mitte (16,7~%).',
      ),
    )
    expect(result.direction).toBe('equal')
    expect(result.assessment).toBe('neutral')
  })

  it('uses the difference of the printed values, so the reader’s arithmetic agrees', () => {
    // 10.15 prints as 10.2 and 10.04 as 10.0: the raw difference 0.11 would print as 0.1, but the
    // reader subtracts the printed values and gets 0.2, so the text says 0.2.
    const result = compareSentence({
      indicator: childPoverty,
      area: nordstadt,
      period: 2024,
      value: 10.15,
      reference: city,
      referenceValue: 10.04,
      language: 'en',
    })
    expect(result.text).toContain(
      nb('was 10.2% in 2024, 0.2~percentage points above the city average (10.0%)'),
    )
  })

  it('compares counts in percent and says „1 Prozentpunkt“ in the singular', () => {
    const counts = compareSentence({
      indicator: unemployed,
      area: nordstadt,
      period: 2024,
      value: 1234,
      reference: {
        kind: 'custom',
        de: 'dem Durchschnitt der Sozialräume',
        en: 'the mean of the social areas',
      },
      referenceValue: 1000,
    })
    expect(counts.text).toBe(
      nb(
        'Im Sozialraum Nordstadt lag der Wert „Arbeitslose“ 2024 bei 1.234~Personen und damit 23,4~% über dem Durchschnitt der Sozialräume (1.000~Personen).',
      ),
    )
    expect(percentagePoints(1, 0, 'de')).toBe(nb('1~Prozentpunkt'))
    expect(percentagePoints(-1, 1, 'de')).toBe(nb('1,0~Prozentpunkte'))
  })

  it('says that a value is suppressed or missing instead of comparing it', () => {
    const base = { indicator: childPoverty, area: nordstadt, period: 2024, reference: city }
    expect(
      compareSentence({
        ...base,
        value: { value: null, status: 'suppressed' },
        referenceValue: 16.7,
      }).text,
    ).toBe(
      'Im Sozialraum Nordstadt wird die SGB-II-Quote der unter 15-Jährigen 2024 aus Datenschutzgründen nicht ausgewiesen.',
    )
    expect(compareSentence({ ...base, value: null, referenceValue: 16.7 }).text).toBe(
      'Im Sozialraum Nordstadt liegt die SGB-II-Quote der unter 15-Jährigen für 2024 nicht vor.',
    )
    expect(
      compareSentence({ ...base, value: null, referenceValue: 16.7, language: 'en' }).text,
    ).toBe(
      'In the Nordstadt social area, no value of the SGB II rate of under-15s is available for 2024.',
    )
    const hiddenReference = compareSentence({
      ...base,
      value: 31.2,
      referenceValue: { value: null, status: 'suppressed' },
    })
    expect(hiddenReference.text).toBe(
      nb(
        'Im Sozialraum Nordstadt lag die SGB-II-Quote der unter 15-Jährigen 2024 bei 31,2~%; ein Vergleich mit dem städtischen Durchschnitt ist aus Datenschutzgründen nicht möglich.',
      ),
    )
    expect(hiddenReference.direction).toBeNull()
  })
})

describe('changeSentence', () => {
  const span = { area: nordstadt, from: 2019, to: 2024 }

  it('gives the change of a rate in percentage points', () => {
    const result = changeSentence({
      ...span,
      indicator: childPoverty,
      fromValue: 28.9,
      toValue: 31.2,
    })
    expect(result.text).toBe(
      nb(
        'Im Sozialraum Nordstadt ist die SGB-II-Quote der unter 15-Jährigen von 2019 bis 2024 um 2,3~Prozentpunkte gestiegen (von 28,9~% auf 31,2~%).',
      ),
    )
    expect(result.assessment).toBe('unfavourable')
  })

  it('gives the change of a count in percent and names the unit once', () => {
    const de = changeSentence({ ...span, indicator: unemployed, fromValue: 1250, toValue: 1095 })
    expect(de.text).toBe(
      nb(
        'Im Sozialraum Nordstadt ist der Wert „Arbeitslose“ von 2019 bis 2024 um 12,4~% gesunken (von 1.250 auf 1.095~Personen).',
      ),
    )
    expect(de.assessment).toBe('favourable')
    const en = changeSentence({
      ...span,
      indicator: unemployed,
      fromValue: 1250,
      toValue: 1095,
      language: 'en',
    })
    expect(en.text).toBe(
      nb(
        'In the Nordstadt social area, the number of unemployed fell by 12.4% between 2019 and 2024 (from 1,250 to 1,095~persons).',
      ),
    )
  })

  it('gives the change of a ratio in its unit, with negative numbers', () => {
    const result = changeSentence({
      ...span,
      indicator: naturalBalance,
      fromValue: -2.3,
      toValue: -1.1,
    })
    expect(result.text).toBe(
      nb(
        'Im Sozialraum Nordstadt ist der natürliche Saldo von 2019 bis 2024 um 1,2~je 1.000 Einw. gestiegen (von -2,3 auf -1,1~je 1.000 Einw.).',
      ),
    )
  })

  it('says „unverändert“ when the change rounds to zero', () => {
    const de = changeSentence({
      ...span,
      indicator: childPoverty,
      fromValue: 31.21,
      toValue: 31.18,
    })
    expect(de.text).toBe(
      nb(
        'Im Sozialraum Nordstadt ist die SGB-II-Quote der unter 15-Jährigen von 2019 bis 2024 unverändert geblieben (31,2~%).',
      ),
    )
    expect(de.direction).toBe('equal')
    const en = changeSentence({
      ...span,
      indicator: childPoverty,
      fromValue: 31.21,
      toValue: 31.18,
      language: 'en',
    })
    expect(en.text).toBe(
      'In the Nordstadt social area, the SGB II rate of under-15s remained unchanged between 2019 and 2024 (31.2%).',
    )
  })

  it('has no percent change from zero and says so when data are hidden or missing', () => {
    const fromZero = changeSentence({ ...span, indicator: unemployed, fromValue: 0, toValue: 12 })
    expect(fromZero.text).toBe(
      nb(
        'Im Sozialraum Nordstadt ist der Wert „Arbeitslose“ von 2019 bis 2024 gestiegen (von 0 auf 12~Personen).',
      ),
    )
    expect(
      changeSentence({
        ...span,
        indicator: childPoverty,
        fromValue: { value: null, status: 'suppressed' },
        toValue: 3,
      }).text,
    ).toBe(
      'Im Sozialraum Nordstadt wird aus Datenschutzgründen nicht ausgewiesen, wie sich die SGB-II-Quote der unter 15-Jährigen von 2019 bis 2024 verändert hat.',
    )
    expect(
      changeSentence({ ...span, indicator: childPoverty, fromValue: 3, toValue: null }).text,
    ).toBe(
      'Im Sozialraum Nordstadt lässt sich mangels Daten nicht angeben, wie sich die SGB-II-Quote der unter 15-Jährigen von 2019 bis 2024 verändert hat.',
    )
  })
})

describe('rank', () => {
  it('names the rank from the nearer end', () => {
    expect(rankPhrase({ position: 3, count: 33, layer: 'sozialraum' })).toBe(
      'den dritthöchsten Wert der 33 Sozialräume',
    )
    expect(rankPhrase({ position: 1, count: 12, layer: 'stadtbezirk' })).toBe(
      'den höchsten Wert der 12 Stadtbezirke',
    )
    expect(rankPhrase({ position: 33, count: 33, layer: 'sozialraum' })).toBe(
      'den niedrigsten Wert der 33 Sozialräume',
    )
    expect(rankPhrase({ position: 15, count: 40, layer: 'sozialraum' })).toBe(
      'den 15.-höchsten Wert der 40 Sozialräume',
    )
    expect(
      rankPhrase({ position: 31, count: 33, total: 35, layer: 'sozialraum', language: 'en' }),
    ).toBe('the third lowest value of the 33 social areas with a value shown')
    expect(rankPhrase({ position: 31, count: 33, total: 35, layer: 'sozialraum' })).toBe(
      'den drittniedrigsten Wert der 33 Sozialräume mit ausgewiesenem Wert',
    )
  })

  it('rejects a position outside the count', () => {
    expect(() => rankPhrase({ position: 34, count: 33, layer: 'sozialraum' })).toThrow(
      /between 1 and the count \(33\), got 34/,
    )
  })

  it('ranks shown values only, ties sharing the better rank', () => {
    expect(
      rankValues([3, null, 5, { value: 3, status: 'ok' }, { value: null, status: 'suppressed' }]),
    ).toEqual({
      ranks: [2, null, 1, 2, null],
      count: 3,
    })
    // 31.24 and 31.16 both print as 31,2: with decimals they tie.
    expect(rankValues([31.24, 31.16], 1).ranks).toEqual([1, 1])
    expect(rankValues([31.24, 31.16]).ranks).toEqual([1, 2])
  })
})

describe('building blocks', () => {
  it('guesses how differences are expressed from the unit', () => {
    expect(measureOf({ unit: '%', decimals: 1 })).toBe('rate')
    expect(measureOf({ unit: 'Personen', decimals: 0 })).toBe('count')
    expect(measureOf({ unit: 'Personen je Haushalt', decimals: 2 })).toBe('ratio')
    expect(measureOf({ unit: '%', decimals: 1, measure: 'ratio' })).toBe('ratio')
  })

  it('formats values and absent values', () => {
    expect(formatIndicatorValue(childPoverty, 31.24)).toBe(nb('31,2~%'))
    expect(formatIndicatorValue(childPoverty, { value: 5, status: 'suppressed' })).toBe(
      'aus Datenschutzgründen nicht ausgewiesen',
    )
    expect(formatIndicatorValue(childPoverty, Number.NaN, 'en')).toBe('no value')
  })

  it('names the subject in the nominative', () => {
    expect(indicatorSubject(childcare)).toBe('die Betreuungsquote unter 3 Jahren')
    expect(indicatorSubject({ ...childcare, articleDe: null })).toBe(
      'der Wert „Betreuungsquote unter 3 Jahren“',
    )
    expect(indicatorSubject(childcare, 'en')).toBe('the childcare rate under 3')
  })

  it('judges directions by polarity', () => {
    expect(assess('higher', 'higher_is_better')).toBe('favourable')
    expect(assess('higher', 'higher_is_worse')).toBe('unfavourable')
    expect(assess('lower', 'higher_is_worse')).toBe('favourable')
    expect(assess('lower', 'neutral')).toBe('neutral')
  })
})
