import { describe, expect, it } from 'vitest'

import type { IndicatorMeta, ValueRow } from '../atlas/types.js'
import { allPages, defaultLayer, parentLayer, profileLines } from './data.js'

const layers = [
  { key: 'block', nameDe: 'Block', nameEn: 'Block', level: 3, areaCount: 250 },
  { key: 'gesamtstadt', nameDe: 'Stadt', nameEn: 'City', level: 0, areaCount: 1 },
  { key: 'sozialraum', nameDe: 'Sozialraum', nameEn: 'Social area', level: 2, areaCount: 33 },
  { key: 'stadtbezirk', nameDe: 'Bezirk', nameEn: 'District', level: 1, areaCount: 7 },
]

const row = (over: Partial<ValueRow>): ValueRow => ({
  indicator: 'a',
  layer: 'sozialraum',
  areaCode: '01.01',
  areaName: 'Altstadt',
  parentCode: '01',
  period: 2024,
  value: 1,
  numerator: null,
  denominator: null,
  change1: null,
  change1Percent: null,
  change3: null,
  change3Percent: null,
  change5: null,
  change5Percent: null,
  diffParent: null,
  diffCity: null,
  rank: null,
  rankCount: 0,
  z: null,
  status: 'ok',
  ...over,
})

describe('profile data', () => {
  it('finds the parent layer by level and defaults to the Sozialräume', () => {
    expect(parentLayer(layers, 'sozialraum')?.key).toBe('stadtbezirk')
    expect(parentLayer(layers, 'gesamtstadt')).toBeUndefined()
    expect(defaultLayer(layers)?.key).toBe('sozialraum')
    expect(defaultLayer(layers.slice(1, 2))?.key).toBe('gesamtstadt')
  })

  it('pages through until the total is reached', async () => {
    const urls: string[] = []
    const rows = await allPages<number>('/api/x?a=1', async (url) => {
      urls.push(url)
      const offset = Number(/offset=(\d+)/.exec(url)![1])
      const data = offset === 0 ? Array.from({ length: 10_000 }, (_, i) => i) : [10_000, 10_001]
      return { data, page: { limit: 10_000, offset, total: 10_002 } }
    })
    expect(rows).toHaveLength(10_002)
    expect(urls).toEqual(['/api/x?a=1&limit=10000&offset=0', '/api/x?a=1&limit=10000&offset=10000'])
  })

  it('lines up area, parent and city per indicator, grouped by topic, with a series', () => {
    const meta = (key: string, topic: string) => ({ key, topic }) as IndicatorMeta
    const rows = [
      row({ indicator: 'a', period: 2023, value: 1 }),
      row({ indicator: 'a', period: 2024, value: 2 }),
      row({ indicator: 'a', layer: 'stadtbezirk', areaCode: '01', value: 3 }),
      row({ indicator: 'a', layer: 'gesamtstadt', areaCode: '0', value: 4 }),
      // Same code on another layer must not be mistaken for the area.
      row({ indicator: 'a', layer: 'block', areaCode: '01.01', value: 99 }),
      row({ indicator: 'b', period: 2024, value: null, status: 'suppressed' }),
    ]
    const topics = profileLines(
      [meta('a', 'demography'), meta('b', 'poverty')],
      rows,
      {
        area: { layer: 'sozialraum', code: '01.01' },
        parent: { layer: 'stadtbezirk', code: '01' },
        city: { layer: 'gesamtstadt', code: '0' },
      },
      2024,
    )
    expect([...topics.keys()]).toEqual(['demography', 'poverty'])
    const [a] = topics.get('demography')!
    expect([a!.area?.value, a!.parent?.value, a!.city?.value]).toEqual([2, 3, 4])
    expect(a!.series).toEqual([
      { period: 2023, value: 1 },
      { period: 2024, value: 2 },
    ])
    expect(topics.get('poverty')![0]!.area?.status).toBe('suppressed')
  })
})
