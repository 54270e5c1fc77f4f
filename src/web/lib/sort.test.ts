import { describe, expect, it } from 'vitest'

import { nextSort, sortRows } from './sort.js'

interface Row {
  code: string
  value: number | null
}

const rows: Row[] = [
  { code: '10', value: 5 },
  { code: '2', value: null },
  { code: '1', value: 7 },
  { code: '3', value: 5 },
]
const compare = new Intl.Collator('de-DE', { numeric: true }).compare

describe('sortRows', () => {
  it('sorts numbers with missing values last in both directions', () => {
    const codes = (sorted: Row[]) => sorted.map((row) => row.code)
    expect(codes(sortRows(rows, { key: 'value', direction: 'ascending' }, compare))).toEqual([
      '10',
      '3',
      '1',
      '2',
    ])
    expect(codes(sortRows(rows, { key: 'value', direction: 'descending' }, compare))).toEqual([
      '1',
      '10',
      '3',
      '2',
    ])
  })

  it('sorts text with the collator (numeric codes in natural order)', () => {
    const sorted = sortRows(rows, { key: 'code', direction: 'ascending' }, compare)
    expect(sorted.map((row) => row.code)).toEqual(['1', '2', '3', '10'])
  })

  it('leaves the input untouched', () => {
    sortRows(rows, { key: 'code', direction: 'descending' }, compare)
    expect(rows[0]?.code).toBe('10')
  })
})

describe('nextSort', () => {
  it('flips the same column and starts a new one ascending', () => {
    expect(nextSort(null, 'code')).toEqual({ key: 'code', direction: 'ascending' })
    expect(nextSort({ key: 'code', direction: 'ascending' }, 'code').direction).toBe('descending')
    expect(nextSort({ key: 'code', direction: 'descending' }, 'code').direction).toBe('ascending')
    expect(nextSort({ key: 'code', direction: 'descending' }, 'name')).toEqual({
      key: 'name',
      direction: 'ascending',
    })
  })
})
