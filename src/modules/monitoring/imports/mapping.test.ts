import { describe, expect, it } from 'vitest'

import { KeySet } from './keySet.js'
import {
  findColumn,
  ImportMapping,
  isFooterRow,
  mapTableRow,
  parseVariablePairs,
  resolveTableLayout,
} from './mapping.js'
import { formatReport, ProblemCollector } from './report.js'
import { isCountUnit, RATIO_RULES } from './rules.js'

describe('ImportMapping', () => {
  it('fills defaults and checks what a table layout needs', () => {
    expect(ImportMapping.parse({})).toMatchObject({
      format: 'auto',
      layout: 'long',
      headerRow: 1,
      unknownAreas: 'error',
    })
    expect(
      ImportMapping.safeParse({ format: 'table', layout: 'wide', areaColumn: 'A', period: 2024 })
        .success,
    ).toBe(false)
    expect(ImportMapping.safeParse({ period: 2024, periodColumn: 'Jahr' }).success).toBe(false)
    expect(ImportMapping.safeParse({ variables: { Einwohner: 'Pop Total' } }).success).toBe(false)
  })
})

describe('table layouts', () => {
  const header = ['Gebiet', 'Jahr', 'Einwohner', 'Haushalte', 'Bemerkung']

  it('finds columns by name, case-insensitively, or by letter', () => {
    expect(findColumn(header, 'Jahr')).toBe(1)
    expect(findColumn(header, 'haushalte')).toBe(3)
    expect(findColumn(header, 'E')).toBe(4)
    expect(findColumn(header, 'Z')).toBe(-1)
  })

  it('maps a wide row to one record per variable column', () => {
    const mapping = ImportMapping.parse({
      layout: 'wide',
      areaColumn: 'Gebiet',
      periodColumn: 'Jahr',
      variableColumns: 'rest',
      ignoreColumns: ['Bemerkung'],
    })
    const { layout, problems } = resolveTableLayout(mapping, header)
    expect(problems).toEqual([])
    const records = mapTableRow(layout!, { row: 7, cells: ['101', '2024', '1.234', '', 'x'] })
    expect(
      records.map((r) => [r.row, r.area, r.period, r.variable, r.value, r.valueColumn]),
    ).toEqual([
      [7, '101', '2024', 'Einwohner', '1.234', 2],
      [7, '101', '2024', 'Haushalte', '', 3],
    ])
  })

  it('names the columns it cannot find, and the ones there are', () => {
    const mapping = ImportMapping.parse({
      areaColumn: 'Sozialraum',
      periodColumn: 'Jahr',
      variableColumn: 'Merkmal',
      valueColumn: 'Wert',
    })
    const { layout, problems } = resolveTableLayout(mapping, header)
    expect(layout).toBeNull()
    expect(problems[0]).toEqual({
      field: 'area column',
      expected: 'a column "Sozialraum" (area column) in the header row',
      found: 'A "Gebiet", B "Jahr", C "Einwohner", D "Haushalte", E "Bemerkung"',
    })
  })

  it('recognises footers of official tables', () => {
    expect(isFooterRow(['__________'])).toBe(true)
    expect(isFooterRow(['', 'Quelle: Gemeindeverzeichnis'])).toBe(true)
    expect(isFooterRow(['01001', 'Flensburg'])).toBe(false)
  })

  it('reads --variables pairs', () => {
    expect(parseVariablePairs('Insgesamt=pop_total, BEVSTD.GESM = pop_male,a=b=c')).toEqual({
      Insgesamt: 'pop_total',
      'BEVSTD.GESM': 'pop_male',
      'a=b': 'c',
    })
    expect(() => parseVariablePairs('Insgesamt')).toThrow(/column=key/)
  })
})

describe('KeySet', () => {
  it('remembers where a key was first seen, across growth', () => {
    const set = new KeySet(10)
    const big = 2 ** 52 + 12345
    expect(set.add(big, 2, 3)).toBeNull()
    for (let i = 0; i < 100_000; i++) set.add(i * 7919, i, i % 60_000)
    expect(set.size).toBe(100_001)
    expect(set.add(big, 9, 1)).toEqual({ row: 2, column: 3 })
    expect(set.get(99_999 * 7919)).toEqual({ row: 99_999, column: 39_999 })
    expect(set.get(1)).toBeNull()
    expect(set.bytes).toBeLessThan(100_001 * 14 * 3)
  })
})

describe('rules and report', () => {
  it('knows counts and declares only rules between existing keys', () => {
    expect(isCountUnit('Personen')).toBe(true)
    expect(isCountUnit(' haushalte ')).toBe(true)
    expect(isCountUnit('%')).toBe(false)
    expect(RATIO_RULES.every((r) => r.numerator.length > 0 && r.denominator.length > 0)).toBe(true)
  })

  it('caps the problem list but counts everything', () => {
    const problems = new ProblemCollector('a.csv', ['Gebiet', 'Wert'], 3)
    for (let row = 2; row < 10; row++)
      problems.add('NOT_A_NUMBER', { row, column: 1 }, 'a number', `"x${row}"`)
    problems.add('UNKNOWN_AREA', { row: 12, column: 0 }, 'an area', '"9"', 'warning')
    expect(problems.problems).toHaveLength(3)
    const warnings = new ProblemCollector('b.csv', [], 20)
    for (let row = 2; row < 10; row++)
      warnings.add('UNKNOWN_AREA', { row }, 'an area', '"9"', 'warning')
    warnings.add('NOT_A_NUMBER', { row: 11 }, 'a number', '"x"')
    expect(warnings.problems.map((p) => p.code)).toEqual([
      'UNKNOWN_AREA',
      'UNKNOWN_AREA',
      'NOT_A_NUMBER',
    ])
    expect(problems.counts).toEqual({ NOT_A_NUMBER: 8, UNKNOWN_AREA: 1 })
    expect(problems.truncated).toBe(true)
    expect(problems.problems[0]).toEqual({
      severity: 'error',
      code: 'NOT_A_NUMBER',
      file: 'a.csv',
      row: 2,
      column: { letter: 'B', name: 'Wert' },
      expected: 'a number',
      found: '"x2"',
    })
  })

  it('formats a report as a table', () => {
    const text = formatReport({
      file: 'a.csv',
      sha256: '',
      bytes: 10,
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      sheet: null,
      entry: null,
      decimal: { separator: ',', decidedBy: 'default', example: null },
      genesis: null,
      rows: 2,
      values: 2,
      observations: 1,
      replaced: 0,
      skipped: { empty: 0, unknownAreas: 0, unknownVariables: 0 },
      areas: 1,
      variables: ['pop_total'],
      periods: { first: 2024, last: 2024 },
      errors: 1,
      warnings: 0,
      counts: { NOT_A_NUMBER: 1 },
      truncated: false,
      milliseconds: 1,
      problems: [
        {
          severity: 'error',
          code: 'NOT_A_NUMBER',
          file: 'a.csv',
          row: 3,
          column: { letter: 'D', name: 'Wert' },
          expected: 'a number',
          found: '"zwölf"',
        },
      ],
    })
    expect(text).toMatch(/1 error, 0 warnings/)
    expect(text).toMatch(/^3\s+D \(Wert\)\s+NOT_A_NUMBER\s+a number\s+"zwölf"$/m)
  })
})
