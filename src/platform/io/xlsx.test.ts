import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'

import { FileReadError } from './limits.js'
import { columnIndex, columnLetter, openXlsx, readZipPart } from './xlsx.js'
import { writeWorkbook as writeXlsx } from './xlsxWriter.js'

const require = createRequire(import.meta.url)
const fixtures = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../../test/fixtures/imports',
)

describe('openXlsx', () => {
  it('reads a workbook written by Excel (Destatis Gemeindeverzeichnis, 04-kreise.xlsx)', () => {
    const file = path.join(
      path.dirname(require.resolve('landkreise-deutschland/package.json')),
      'source/04-kreise.xlsx',
    )
    const book = openXlsx(readFileSync(file))
    expect(book.sheets).toEqual(['Deckblatt', 'Kreisfreie Städte u. Landkreise'])
    const rows = [...book.rows('Kreisfreie Städte u. Landkreise')]
    const flensburg = rows.find((r) => r.cells[0] === '01001')!
    expect(flensburg.row).toBe(9)
    expect(flensburg.cells.slice(0, 9)).toEqual([
      '01001',
      'Kreisfreie Stadt',
      'Flensburg, Stadt',
      'DEF01',
      56.73,
      89504,
      44599,
      44905,
      1578,
    ])
    // Rich text runs of a shared string are joined.
    expect(rows.find((r) => r.row === 4)!.cells[5]).toBe('Bevölkerung2)')
    expect(rows.find((r) => r.row === 480)!.cells.slice(1, 6)).toEqual([
      'Deutschland',
      'Insgesamt',
      '',
      357574.84,
      83019213,
    ])
  })

  it('reads a workbook written by openpyxl', () => {
    const book = openXlsx(readFileSync(path.join(fixtures, 'teststadt_wide.xlsx')))
    expect(book.sheets).toEqual(['Bevölkerung 2024', 'Hinweise'])
    const rows = [...book.rows()]
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(rows[5]!.cells).toEqual(['201', 'Gärtnerstraße & Co <1>', 812, 19, '455'])
    expect(rows[6]!.cells[0]).toBe(202)
    expect([...book.rows('Hinweise')][0]!.cells).toEqual(['Fiktive Daten für Tests.'])
  })

  it('round-trips what the writer (xlsxWriter.ts) writes', () => {
    const bytes = writeXlsx([
      {
        name: 'Daten',
        rows: [
          ['Gebiet', 'Wert', 'Notiz'],
          ['01', 1234.5, 'a & <b>'],
          [null, -0.25, true],
        ],
      },
      { name: 'Zweites', rows: [['x\u0001y']], header: false },
    ])
    const book = openXlsx(bytes)
    expect(book.sheets).toEqual(['Daten', 'Zweites'])
    expect([...book.rows('Daten')]).toEqual([
      { row: 1, cells: ['Gebiet', 'Wert', 'Notiz'] },
      { row: 2, cells: ['01', 1234.5, 'a & <b>'] },
      { row: 3, cells: ['', -0.25, 'TRUE'] },
    ])
    expect([...book.rows('Zweites')][0]!.cells).toEqual(['x\u0001y'])
    expect(readZipPart(bytes, 'xl/worksheets/sheet1.xml')).toMatch(/<pane ySplit="1"/)
    // Same input, same bytes: exports are reproducible.
    expect(writeXlsx([{ name: 'A', rows: [[1]] }])).toEqual(writeXlsx([{ name: 'A', rows: [[1]] }]))
    expect(() => writeXlsx([{ name: 'a/b', rows: [] }])).toThrow(/not allowed/)
  })

  it('refuses what is not a workbook, unknown sheets and oversized parts', () => {
    expect(() => openXlsx(new TextEncoder().encode('a;b\n1;2\n'))).toThrow(FileReadError)
    const book = openXlsx(writeXlsx([{ name: 'Daten', rows: [['x']] }]))
    expect(() => [...book.rows('Andere')]).toThrow(/no sheet "Andere"; its sheets are "Daten"/)
    const big = writeXlsx([
      { name: 'Daten', rows: Array.from({ length: 2000 }, (_, i) => [i, 'Text']) },
    ])
    expect(() => [...openXlsx(big, { maxInflatedBytes: 10_000 }).rows()]).toThrow(
      /inflates to more than/,
    )
    expect(() => [...openXlsx(big, { maxRows: 10 }).rows()]).toThrow(/at most 10 data rows/)
    const encrypted = zipSync({ 'a.txt': new Uint8Array([1]) })
    const eocd = encrypted.length - 22
    const directory = new DataView(encrypted.buffer).getUint32(eocd + 16, true)
    encrypted[directory + 8] = 1 // general purpose flag bit 0: encrypted
    expect(() => openXlsx(encrypted)).toThrow(/encrypted/)
  })

  it('converts column letters', () => {
    expect(columnLetter(0)).toBe('A')
    expect(columnLetter(25)).toBe('Z')
    expect(columnLetter(26)).toBe('AA')
    expect(columnLetter(16383)).toBe('XFD')
    expect(columnIndex('XFD')).toBe(16383)
  })
})
