/**
 * A report-like DOCX from a real public dataset, opened again and its tables read back (issue 6:
 * "the DOCX opened again and its tables read back"). Data: Columbus, OH, 49 neighbourhoods, 1980
 * (Anselin 1988, via R spData 2.2.1; see /work/shared/data/columbus/README.md). Numbers are
 * formatted by the report text layer (German and English), written into a 49-row table that spans
 * pages, read back with `readDocxTables`, parsed with the project's number parser and compared
 * with the CSV. Every XML part is checked for well-formedness with an independent unzip (fflate).
 */
import { readFileSync } from 'node:fs'

import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'

import { parseNumber } from '../../src/core/format/numbers.js'
import { formatNumber, type ReportLanguage } from '../../src/core/report/format.js'
import { compareSentence, rankPhrase, rankValues } from '../../src/core/report/text.js'
import { parseXml, readDocxTables, writeDocx, type DocxBlock } from '../../src/platform/io/docx.js'

interface Neighbourhood {
  id: number
  crime: number
  income: number
  houseValue: number
}

function readColumbus(): Neighbourhood[] {
  const [head, ...lines] = readFileSync('/work/shared/data/columbus/columbus.csv', 'utf8')
    .trim()
    .split('\n')
  const columns = head!.split(',').map((c) => c.replace(/"/g, ''))
  const at = (name: string) => columns.indexOf(name)
  return lines.map((line) => {
    const cells = line.split(',')
    return {
      id: Number(cells[at('id')]),
      crime: Number(cells[at('CRIME')]),
      income: Number(cells[at('INC')]),
      houseValue: Number(cells[at('HOVAL')]),
    }
  })
}

const rows = readColumbus()

function report(language: ReportLanguage): DocxBlock[] {
  const meanCrime = rows.reduce((s, r) => s + r.crime, 0) / rows.length
  const { ranks, count } = rankValues(
    rows.map((r) => r.crime),
    1,
  )
  const first = rows[0]!
  const sentence = compareSentence({
    indicator: {
      nameDe: 'Kriminalitätsrate',
      nameEn: 'Crime rate',
      unit: 'je 1.000 Haushalte',
      unitEn: 'per 1,000 households',
      decimals: 1,
      polarity: 'higher_is_worse',
    },
    area: { name: String(first.id), layer: 'neighbourhood' },
    period: 1980,
    value: first.crime,
    reference: { kind: 'city' },
    referenceValue: meanCrime,
    language,
  })
  return [
    { type: 'title', text: 'Columbus 1980' },
    { type: 'toc' },
    { type: 'heading', level: 1, text: language === 'de' ? 'Kriminalität' : 'Crime' },
    {
      type: 'paragraph',
      text: `${sentence.text} ${language === 'de' ? 'Damit hat es' : 'It has'} ${rankPhrase({ position: ranks[0]!, count, layer: 'neighbourhood', language })}.`,
    },
    {
      type: 'table',
      caption: language === 'de' ? 'Tabelle 1: Nachbarschaften' : 'Table 1: Neighbourhoods',
      columns: [{ widthMm: 25 }, { align: 'right' }, { align: 'right' }, { align: 'right' }],
      header: ['id', 'CRIME', 'INC', 'HOVAL'],
      rows: rows.map((r) => [
        String(r.id),
        formatNumber(r.crime, 3, language),
        formatNumber(r.income, 3, language),
        formatNumber(r.houseValue * 1000, 0, language),
      ]),
    },
    { type: 'pageBreak' },
    { type: 'heading', level: 2, text: 'Summary' },
    {
      type: 'table',
      columns: [{}, { align: 'right' }],
      header: ['', 'n'],
      rows: [['neighbourhoods', String(rows.length)]],
    },
  ]
}

describe('a DOCX report read back (Columbus, 49 neighbourhoods)', () => {
  it('has the 49 rows of the source', () => {
    expect(rows).toHaveLength(49)
    // Anselin (1988), Table 12.1: neighbourhood 1 has CRIME 15.72598, INC 19.531, HOVAL 80.467.
    expect(rows[0]).toEqual({ id: 1, crime: 15.72598, income: 19.531, houseValue: 80.467003 })
  })

  for (const language of ['de', 'en'] as const) {
    it(`gives back every number of the table (${language})`, () => {
      const bytes = writeDocx({
        title: 'Columbus 1980',
        language,
        internal: true,
        created: new Date(Date.UTC(2025, 0, 1)),
        blocks: report(language),
      })
      for (const [name, data] of Object.entries(unzipSync(bytes))) {
        if (/\.(xml|rels)$/.test(name)) {
          expect(() => parseXml(new TextDecoder().decode(data)), name).not.toThrow()
        }
      }
      const tables = readDocxTables(bytes)
      expect(tables).toHaveLength(2)
      const [header, ...body] = tables[0]!
      expect(header).toEqual(['id', 'CRIME', 'INC', 'HOVAL'])
      expect(body).toHaveLength(49)
      const decimal = language === 'de' ? ',' : '.'
      body.forEach((cells, i) => {
        const source = rows[i]!
        expect(Number(cells[0])).toBe(source.id)
        expect(parseNumber(cells[1]!, decimal)).toBeCloseTo(source.crime, 3)
        expect(parseNumber(cells[2]!, decimal)).toBeCloseTo(source.income, 3)
        expect(parseNumber(cells[3]!, decimal)).toBe(Math.round(source.houseValue * 1000))
      })
      // Thousands separators in the language: 80.467 (de) / 80,467 (en) for 80,467 dollars.
      expect(body[0]![3]).toBe(language === 'de' ? '80.467' : '80,467')
      expect(tables[1]).toEqual([
        ['', 'n'],
        ['neighbourhoods', '49'],
      ])
    })
  }

  it('writes the sentence from data into the document', () => {
    const bytes = writeDocx({ title: 'Columbus 1980', blocks: report('de') })
    const document = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']!)
    // 15,7 against the mean of the 49 CRIME values (35,1288 → 35,1, also computed with Python's
    // csv module): 19,4 below; the 46th of 49 values from the top is the fourth lowest. Unknown
    // layer keys fall back to „im Gebiet“.
    expect(document).toContain(
      'Im Gebiet 1 lag die Kriminalitätsrate 1980 bei 15,7\u00a0je 1.000 Haushalte und damit 19,4\u00a0je 1.000 Haushalte unter dem städtischen Durchschnitt (35,1\u00a0je 1.000 Haushalte). Damit hat es den viertniedrigsten Wert der 49 Gebiete.',
    )
  })
})
