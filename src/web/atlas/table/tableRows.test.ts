import { describe, expect, it } from 'vitest'

import { createFormatter } from '../../lib/format.js'
import type { ValueRow } from '../types.js'
import {
  changeOf,
  changeSpec,
  filterTableRows,
  initialSort,
  parentOptions,
  sortTableRows,
  tableRows,
} from './tableRows.js'

const compare = createFormatter('de').compare

function row(
  code: string,
  name: string,
  value: number | null,
  extra: Partial<ValueRow> = {},
): ValueRow {
  return {
    indicator: 'child_poverty',
    layer: 'sozialraum',
    areaCode: code,
    areaName: name,
    parentCode: 'B1',
    period: 2024,
    value,
    numerator: null,
    denominator: null,
    change1: value === null ? null : 1,
    change1Percent: null,
    change3: value === null ? null : 3,
    change3Percent: null,
    change5: value === null ? null : 5,
    change5Percent: null,
    diffParent: null,
    diffCity: value === null ? null : value - 20,
    rank: null,
    rankCount: 4,
    z: null,
    status: value === null ? 'missing' : 'ok',
    ...extra,
  }
}

const rows = [
  row('10', 'Nordstadt', 30, { rank: 1 }),
  row('2', 'Altstadt', 12.5, { rank: 3 }),
  row('3', 'Östliche Vorstadt', null, { status: 'suppressed', parentCode: 'B2' }),
  row('11', 'Südstadt', 18, { rank: 2, parentCode: 'B2' }),
  row('4', 'Hafen', null),
]

describe('changeSpec and changeOf', () => {
  it('uses the row’s own 1-, 3- or 5-year change where the span fits', () => {
    expect(changeSpec(2024)).toEqual({ kind: 'span', years: 1, from: 2023 })
    expect(changeSpec(2024, 2019)).toEqual({ kind: 'span', years: 5, from: 2019 })
    expect(changeOf(rows[0]!, changeSpec(2024, 2021))).toBe(3)
  })

  it('computes v_t − v_from from the rows of the earlier year for other spans', () => {
    const before = [
      row('10', 'Nordstadt', 26, { period: 2022 }),
      row('2', 'Altstadt', 14, { period: 2022 }),
      row('11', 'Südstadt', null, { period: 2022, status: 'suppressed' }),
    ]
    const spec = changeSpec(2024, 2022, before)
    expect(spec?.kind).toBe('rows')
    expect(changeOf(rows[0]!, spec)).toBe(4)
    expect(changeOf(rows[1]!, spec)).toBe(-1.5)
    expect(changeOf(rows[3]!, spec)).toBeNull() // suppressed before
    expect(changeOf(rows[2]!, spec)).toBeNull() // suppressed now
    expect(changeOf(rows[4]!, spec)).toBeNull() // missing now
    expect(changeSpec(2024, 2022)).toBeNull() // no earlier rows: unknown
  })
})

describe('filterTableRows', () => {
  const table = tableRows(rows, changeSpec(2024))

  it('filters by every word in name or code, ignoring case and accents', () => {
    expect(filterTableRows(table, 'stadt', null).map((r) => r.code)).toEqual(['10', '2', '3', '11'])
    expect(filterTableRows(table, 'ostliche', null).map((r) => r.code)).toEqual(['3'])
    expect(filterTableRows(table, '11', null).map((r) => r.code)).toEqual(['11'])
    expect(filterTableRows(table, 'süd stadt', null).map((r) => r.code)).toEqual(['11'])
    expect(filterTableRows(table, 'nord süd', null)).toEqual([])
  })

  it('filters by parent area, combined with the text', () => {
    expect(filterTableRows(table, '', 'B2').map((r) => r.code)).toEqual(['3', '11'])
    expect(filterTableRows(table, 'süd', 'B2').map((r) => r.code)).toEqual(['11'])
    expect(filterTableRows(table, 'nord', 'B2')).toEqual([])
  })
})

describe('sortTableRows', () => {
  const table = tableRows(rows, changeSpec(2024))
  const codes = (sorted: { code: string }[]) => sorted.map((r) => r.code)

  it('sorts names by locale with the umlaut where German puts it', () => {
    expect(codes(sortTableRows(table, { key: 'name', direction: 'ascending' }, compare))).toEqual([
      '2', // Altstadt
      '4', // Hafen
      '10', // Nordstadt
      '3', // Östliche Vorstadt (Ö as O)
      '11', // Südstadt
    ])
  })

  it('sorts numbers numerically with suppressed and missing values last in both directions', () => {
    expect(codes(sortTableRows(table, { key: 'value', direction: 'ascending' }, compare))).toEqual([
      '2',
      '11',
      '10',
      '4', // missing and suppressed: by name (Hafen, Östliche Vorstadt)
      '3',
    ])
    expect(codes(sortTableRows(table, { key: 'value', direction: 'descending' }, compare))).toEqual(
      ['10', '11', '2', '4', '3'],
    )
    expect(
      codes(sortTableRows(table, { key: 'deviation', direction: 'descending' }, compare)),
    ).toEqual(['10', '11', '2', '4', '3'])
    expect(codes(sortTableRows(table, { key: 'rank', direction: 'ascending' }, compare))).toEqual([
      '10',
      '11',
      '2',
      '4',
      '3',
    ])
  })

  it('hides the figures of suppressed rows even if they were sent', () => {
    const leaky = tableRows(
      [row('9', 'X', null, { status: 'suppressed', rank: 1, diffCity: 2 })],
      null,
    )
    expect(leaky[0]).toMatchObject({ value: null, change: null, deviation: null, rank: null })
  })
})

describe('parentOptions and initialSort', () => {
  it('lists each parent once, sorted by name', () => {
    const names = new Map([
      ['B1', 'Mitte'],
      ['B2', 'Bezirk Ost'],
    ])
    expect(parentOptions(rows, names, compare)).toEqual([
      { code: 'B2', name: 'Bezirk Ost' },
      { code: 'B1', name: 'Mitte' },
    ])
    expect(parentOptions(rows, undefined, compare).map((p) => p.name)).toEqual(['B1', 'B2'])
  })

  it('starts sorted by the column the map shows', () => {
    expect(initialSort('value')).toEqual({ key: 'name', direction: 'ascending' })
    expect(initialSort('change')).toEqual({ key: 'change', direction: 'descending' })
    expect(initialSort('deviation')).toEqual({ key: 'deviation', direction: 'descending' })
  })
})
