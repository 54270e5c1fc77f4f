import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'

import { openXlsx, readZipPart } from './xlsx.js'
import { escapeXmlText, writeWorkbook, type WorkbookSheet } from './xlsxWriter.js'

const values: WorkbookSheet = {
  name: 'Werte',
  rows: [
    ['Gebiet', 'Wert', 'Notiz'],
    ['01', 1234.5, 'a & <b> "c"'],
    ['02', null, 'Straße'],
    ['01', -0.000123, 'a & <b> "c"'],
    [null, { value: 12.25, format: '0.0' }, { value: 'fett', bold: true }],
  ],
  columns: [{ width: 9 }, { format: '0.00' }],
}

describe('writeWorkbook', () => {
  it.each(['shared', 'inline'] as const)(
    'round-trips text, numbers and empty cells with %s strings',
    (strings) => {
      const bytes = writeWorkbook(
        [values, { name: 'Metadaten', rows: [['Quelle', 'Amt für Statistik']], header: false }],
        { strings },
      )
      const book = openXlsx(bytes)
      expect(book.sheets).toEqual(['Werte', 'Metadaten'])
      expect([...book.rows('Werte')]).toEqual([
        { row: 1, cells: ['Gebiet', 'Wert', 'Notiz'] },
        { row: 2, cells: ['01', 1234.5, 'a & <b> "c"'] },
        { row: 3, cells: ['02', '', 'Straße'] },
        { row: 4, cells: ['01', -0.000123, 'a & <b> "c"'] },
        { row: 5, cells: ['', 12.25, 'fett'] },
      ])
      expect([...book.rows('Metadaten')]).toEqual([
        { row: 1, cells: ['Quelle', 'Amt für Statistik'] },
      ])
      const parts = Object.keys(unzipSync(bytes))
      expect(parts.includes('xl/sharedStrings.xml')).toBe(strings === 'shared')
    },
  )

  it('stores each distinct text once in the shared-string table', () => {
    const sst = readZipPart(writeWorkbook([values]), 'xl/sharedStrings.xml')
    // 10 text cells, 8 distinct texts ('01' and the note appear twice).
    expect(sst).toMatch(/count="10" uniqueCount="8"/)
    expect(sst.match(/<si>/g)).toHaveLength(8)
  })

  it('writes a bold, frozen header, column widths and number formats', () => {
    const bytes = writeWorkbook([values])
    const sheet = readZipPart(bytes, 'xl/worksheets/sheet1.xml')
    expect(sheet).toMatch(
      /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/,
    )
    expect(sheet).toMatch(/<dimension ref="A1:C5"\/>/)
    // Width 9 as given; measured: the longest content + 2 ("1234.5": 6, 'a & <b> "c"': 11).
    expect(sheet).toMatch(/<col min="1" max="1" width="9" customWidth="1"\/>/)
    expect(sheet).toMatch(/<col min="2" max="2" width="8" customWidth="1"\/>/)
    expect(sheet).toMatch(/<col min="3" max="3" width="13" customWidth="1"\/>/)
    // The children of <worksheet> in the order the schema demands.
    const order = ['dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'pageMargins']
    const positions = order.map((tag) => sheet.indexOf(`<${tag}`))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)

    const styles = readZipPart(bytes, 'xl/styles.xml')
    const formats = [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]+)"\/>/g)]
    expect(formats.map((m) => [m[1], m[2]])).toEqual([
      ['164', '0.00'],
      ['165', '0.0'],
    ])
    const xfs = [
      ...styles.matchAll(/<xf numFmtId="(\d+)" fontId="(\d)" fillId="0" borderId="0" xfId="0"/g),
    ]
    const styleOf = (ref: string) =>
      Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)?.[1] ?? 0)
    const xf = (ref: string) => ({ numFmt: xfs[styleOf(ref)]![1], font: xfs[styleOf(ref)]![2] })
    expect(xf('A1')).toEqual({ numFmt: '0', font: '1' }) // header: bold
    expect(xf('B2')).toEqual({ numFmt: '164', font: '0' }) // column format 0.00
    expect(xf('B5')).toEqual({ numFmt: '165', font: '0' }) // the cell's own 0.0
    expect(xf('C5')).toEqual({ numFmt: '0', font: '1' }) // bold cell
    expect(xf('A2')).toEqual({ numFmt: '0', font: '0' }) // text: no number format
    // Numbers are numbers, not text.
    expect(sheet).toMatch(/<c r="B2" s="\d+"><v>1234.5<\/v><\/c>/)
  })

  it('gives the same bytes for the same workbook and records title and time when asked', () => {
    expect(writeWorkbook([values])).toEqual(writeWorkbook([values]))
    const core = readZipPart(
      writeWorkbook([values], {
        title: 'Kinder & Jugend',
        created: new Date('2024-05-01T10:00:00.123Z'),
      }),
      'docProps/core.xml',
    )
    expect(core).toMatch(/<dc:title>Kinder &amp; Jugend<\/dc:title>/)
    expect(core).toMatch(/<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T10:00:00Z</)
  })

  it('keeps control characters and literal _xHHHH_ sequences intact', () => {
    const text = 'a\u0001b _x0041_ c\u{1F600}'
    expect(escapeXmlText(text)).toBe('a_x0001_b _x005F_x0041_ c\u{1F600}')
    const book = openXlsx(writeWorkbook([{ name: 'T', rows: [[text]], header: false }]))
    expect([...book.rows()][0]!.cells).toEqual([text])
  })

  it('refuses what a spreadsheet cannot hold, saying what was expected', () => {
    expect(() => writeWorkbook([])).toThrow(/at least one sheet; got none/)
    expect(() => writeWorkbook([{ name: 'a/b', rows: [] }])).toThrow(/"a\/b" is not allowed/)
    expect(() =>
      writeWorkbook([
        { name: 'Daten', rows: [] },
        { name: 'daten', rows: [] },
      ]),
    ).toThrow(/Two sheets are named "daten"/)
    expect(() => writeWorkbook([{ name: 'L', rows: [['x'.repeat(32_768)]] }])).toThrow(
      /Cell A1 of sheet "L" holds 32768 characters; a spreadsheet cell holds at most 32767/,
    )
    expect(() => writeWorkbook([{ name: 'W', rows: [['x']], columns: [{ width: 0 }] }])).toThrow(
      /Column A of sheet "W" has width 0/,
    )
    const odd = [[new Date(0) as unknown as string]]
    expect(() => writeWorkbook([{ name: 'O', rows: odd }])).toThrow(
      /Cell A1 of sheet "O" holds a value of type object; expected text, a number/,
    )
  })
})
