import { describe, expect, it } from 'vitest'

import {
  countNoun,
  englishNoun,
  inArea,
  layerGrammar,
  nameWithArticle,
  ofArea,
  ordinalSuperlative,
  type LayerGrammar,
} from './grammar.js'

describe('layer phrases', () => {
  it('says where an area is for the demo city’s layers', () => {
    expect(inArea(layerGrammar('sozialraum').de, 'Nordstadt')).toBe('im Sozialraum Nordstadt')
    expect(inArea(layerGrammar('stadtbezirk').de, 'Mitte')).toBe('im Stadtbezirk Mitte')
    expect(inArea(layerGrammar('block').de, '011-03')).toBe('im Block 011-03')
    expect(inArea(layerGrammar('gesamtstadt').de, 'Musterstadt')).toBe('in der Gesamtstadt')
    expect(inArea(layerGrammar('gemeinde').de, 'Adorf')).toBe('in der Gemeinde Adorf')
    expect(inArea(layerGrammar('sozialraum').en, 'Nordstadt')).toBe('in the Nordstadt social area')
    expect(inArea(layerGrammar('gesamtstadt').en, 'Musterstadt')).toBe('in the city as a whole')
  })

  it('falls back to „im Gebiet“ for layers it does not know', () => {
    expect(inArea(layerGrammar('planungsbezirk').de, 'Nord')).toBe('im Gebiet Nord')
    expect(inArea(layerGrammar('planungsbezirk').en, 'Nord')).toBe('in the Nord area')
  })

  it('takes the caller’s own table', () => {
    const own: Record<string, LayerGrammar> = {
      bezirk: {
        de: {
          singular: 'Bezirk',
          plural: 'Bezirke',
          inside: 'im Bezirk',
          of: 'des Bezirks',
          named: true,
        },
        en: {
          singular: 'borough',
          plural: 'boroughs',
          inside: 'in the',
          of: 'of the',
          named: true,
          nounAfterName: true,
        },
      },
    }
    expect(inArea(layerGrammar('bezirk', own).de, 'Ost')).toBe('im Bezirk Ost')
    expect(inArea(layerGrammar('sozialraum', own).de, 'Ost')).toBe('im Gebiet Ost')
  })

  it('names the genitive for comparisons with a parent area', () => {
    expect(ofArea(layerGrammar('stadtbezirk').de, 'Mitte')).toBe('des Stadtbezirks Mitte')
    expect(ofArea(layerGrammar('gemeinde').de, 'Adorf')).toBe('der Gemeinde Adorf')
    expect(ofArea(layerGrammar('stadtbezirk').en, 'Mitte')).toBe('of the Mitte city district')
  })
})

describe('countNoun', () => {
  it('uses the singular for one and the plural otherwise', () => {
    expect(countNoun(1, 'Sozialraum', 'Sozialräume')).toBe('1 Sozialraum')
    expect(countNoun(0, 'Sozialraum', 'Sozialräume')).toBe('0 Sozialräume')
    expect(countNoun(33, 'Sozialraum', 'Sozialräume')).toBe('33 Sozialräume')
  })
})

describe('ordinalSuperlative', () => {
  it('writes German ordinal words for 1 to 10 and numerals after', () => {
    const words = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 23].map((n) =>
      ordinalSuperlative(n, 'höchsten', 'de'),
    )
    expect(words).toEqual([
      'höchsten',
      'zweithöchsten',
      'dritthöchsten',
      'vierthöchsten',
      'fünfthöchsten',
      'sechsthöchsten',
      'siebthöchsten',
      'achthöchsten',
      'neunthöchsten',
      'zehnthöchsten',
      '11.-höchsten',
      '23.-höchsten',
    ])
  })

  it('writes English ordinals with the right suffixes', () => {
    const words = [1, 2, 3, 10, 11, 12, 13, 21, 22, 23, 101, 111].map((n) =>
      ordinalSuperlative(n, 'lowest', 'en'),
    )
    expect(words).toEqual([
      'lowest',
      'second lowest',
      'third lowest',
      'tenth lowest',
      '11th lowest',
      '12th lowest',
      '13th lowest',
      '21st lowest',
      '22nd lowest',
      '23rd lowest',
      '101st lowest',
      '111th lowest',
    ])
  })

  it('rejects positions below 1', () => {
    expect(() => ordinalSuperlative(0, 'höchsten', 'de')).toThrow(/expected a position ≥ 1, got 0/)
  })
})

describe('nameWithArticle', () => {
  it('finds the article of the catalogue’s indicator names from the head noun', () => {
    const names = {
      'SGB-II-Quote': 'die SGB-II-Quote',
      'Anteil Kinder unter 6 Jahren': 'der Anteil Kinder unter 6 Jahren',
      Jugendquotient: 'der Jugendquotient',
      'Allgemeine Fruchtbarkeitsziffer': 'die allgemeine Fruchtbarkeitsziffer',
      'Natürlicher Saldo': 'der natürliche Saldo',
      'Durchschnittliche Haushaltsgröße': 'die durchschnittliche Haushaltsgröße',
      Ausländeranteil: 'der Ausländeranteil',
      'Kinderarmut (SGB-II-Quote unter 15 Jahren)':
        'die Kinderarmut (SGB-II-Quote unter 15 Jahren)',
      'Grundsicherung im Alter': 'die Grundsicherung im Alter',
      'Sprachförderbedarf bei der Schuleingangsuntersuchung':
        'der Sprachförderbedarf bei der Schuleingangsuntersuchung',
      'Übergewicht bei der Schuleingangsuntersuchung':
        'das Übergewicht bei der Schuleingangsuntersuchung',
      'Wohnfläche je Einwohner': 'die Wohnfläche je Einwohner',
      'Wahlbeteiligung Kommunalwahl': 'die Wahlbeteiligung Kommunalwahl',
      Bevölkerungsbilanz: 'die Bevölkerungsbilanz',
    }
    for (const [name, expected] of Object.entries(names)) {
      expect(nameWithArticle(name)).toBe(expected)
    }
  })

  it('gives up on plurals and unknown nouns rather than guessing', () => {
    for (const name of [
      'Arbeitslose',
      'Einwohnerinnen und Einwohner',
      'Leistungsberechtigte nach SGB II',
      'Wohnungen je 1.000 Einwohner',
      'Einwohner je Wohnung',
    ]) {
      expect(nameWithArticle(name)).toBeNull()
    }
  })

  it('lets the metadata override the guess', () => {
    expect(nameWithArticle('Einwohner je Wohnung', 'das')).toBe('das Einwohner je Wohnung')
    expect(nameWithArticle('SGB-II-Quote', null)).toBeNull()
  })
})

describe('englishNoun', () => {
  it('lower-cases ordinary names and keeps acronyms', () => {
    expect(englishNoun('Share of children under 6')).toBe('share of children under 6')
    expect(englishNoun('SGB II rate')).toBe('SGB II rate')
  })
})
