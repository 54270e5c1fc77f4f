import { describe, expect, it } from 'vitest'

import type { IndicatorMeta } from '../types.js'
import { filterIndicators, groupByTopic, normalise, pickerGroups } from './indicatorSearch.js'

const indicator = (
  key: string,
  topic: string,
  nameDe: string,
  nameEn: string,
  definitionDe = '',
  definitionEn = '',
): IndicatorMeta => ({
  key,
  nameDe,
  nameEn,
  definitionDe,
  definitionEn,
  formula: 'a / b',
  unit: '%',
  decimals: 1,
  polarity: 'neutral',
  topic,
  source: 'Test',
  minCaseNumber: null,
  updatedAt: '2024-01-01T00:00:00Z',
})

const list = [
  indicator('residents', 'demography', 'Einwohner', 'Residents'),
  indicator(
    'child_poverty',
    'poverty',
    'Kinderarmut',
    'Child poverty',
    'Anteil der Kinder unter 15 in SGB-II-Bedarfsgemeinschaften',
    'Share of children under 15 receiving SGB II',
  ),
  indicator('share_u6', 'demography', 'Anteil unter 6-Jähriger', 'Share under 6'),
  indicator('green_space', 'environment', 'Grünfläche je Einwohner', 'Green space per resident'),
  indicator(
    'living_space',
    'housing',
    'Wohnfläche je Einwohner',
    'Living space per resident',
    'Quadratmeter Wohnfläche',
  ),
  indicator('voter_turnout', 'participation', 'Wahlbeteiligung', 'Voter turnout'),
  indicator('air', 'climate', 'Luftqualität', 'Air quality'),
]

describe('normalise', () => {
  it('ignores case and accents and writes ß as ss', () => {
    expect(normalise('Größe ÄÖÜ Straße')).toBe('grosse aou strasse')
  })
})

describe('filterIndicators', () => {
  it('matches every word in name, definition or key of the UI language', () => {
    expect(filterIndicators(list, 'kinder', 'de').map((i) => i.key)).toEqual(['child_poverty'])
    // A word of the definition only, and two words that must both occur.
    expect(filterIndicators(list, 'sgb bedarfs', 'de').map((i) => i.key)).toEqual(['child_poverty'])
    expect(filterIndicators(list, 'sgb wohn', 'de')).toEqual([])
    // By key, with or without underscore.
    expect(filterIndicators(list, 'share_u6', 'de').map((i) => i.key)).toEqual(['share_u6'])
    expect(filterIndicators(list, 'voter turnout', 'de').map((i) => i.key)).toEqual([
      'voter_turnout',
    ])
    // Accents and ß do not matter.
    expect(filterIndicators(list, 'grunflache', 'de').map((i) => i.key)).toEqual(['green_space'])
    expect(
      filterIndicators(list, 'LUFTQUALITAET'.replace('AE', 'A'), 'de').map((i) => i.key),
    ).toEqual(['air'])
  })

  it('searches the English texts in the English UI, and topic names when given', () => {
    expect(filterIndicators(list, 'per resident', 'en').map((i) => i.key)).toEqual([
      'green_space',
      'living_space',
    ])
    expect(filterIndicators(list, 'per resident', 'de')).toEqual([])
    const topic = (t: string) => (t === 'poverty' ? 'Armut und soziale Sicherung' : t)
    expect(filterIndicators(list, 'armut sicherung', 'de', topic).map((i) => i.key)).toEqual([
      'child_poverty',
    ])
  })

  it('returns everything for an empty or blank query', () => {
    expect(filterIndicators(list, '  ', 'de')).toEqual(list)
  })
})

describe('groupByTopic', () => {
  it('orders known topics as planners expect, unknown ones alphabetically after them', () => {
    const groups = groupByTopic(list)
    expect(groups.map((g) => g.topic)).toEqual([
      'demography',
      'poverty',
      'housing',
      'participation',
      'climate',
      'environment',
    ])
    // Catalogue order within a group.
    expect(groups[0]!.indicators.map((i) => i.key)).toEqual(['residents', 'share_u6'])
  })
})

describe('pickerGroups', () => {
  it('keeps the selected indicator visible when the query excludes it', () => {
    const result = pickerGroups(list, 'wohnfläche', 'child_poverty', 'de')
    expect(result.matches).toBe(1)
    expect(result.groups.map((g) => g.indicators.map((i) => i.key))).toEqual([['living_space']])
    expect(result.kept?.key).toBe('child_poverty')
    expect(pickerGroups(list, 'kinder', 'child_poverty', 'de').kept).toBeNull()
    expect(pickerGroups(list, 'kinder', 'unknown', 'de').kept).toBeNull()
  })
})
