import { describe, expect, it } from 'vitest'

import { detectDelimiter, parseCsv, type CsvDelimiter } from './csv.js'
import { DEFAULT_LIMITS, FileReadError, type ReadLimits } from './limits.js'
import { decodeChunks, detectEncoding, EncodingSniffer } from './text.js'

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size)
}

async function parse(
  text: string,
  delimiter: CsvDelimiter = ';',
  size = 3,
  limits: ReadLimits = DEFAULT_LIMITS,
) {
  const out = []
  for await (const record of parseCsv(chunked(text, size), { delimiter, limits })) out.push(record)
  return out
}

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, quotes and line breaks across chunk borders', async () => {
    const text = 'a;"b;c";"say ""hi"""\r\n"multi\nline";2;\r\n\r\nlast;x;"y"'
    for (const size of [1, 2, 3, 7, 1000]) {
      const records = await parse(text, ';', size)
      expect(records).toEqual([
        { row: 1, line: 1, cells: ['a', 'b;c', 'say "hi"'] },
        { row: 2, line: 2, cells: ['multi\nline', '2', ''] },
        { row: 3, line: 4, cells: [''] },
        { row: 4, line: 5, cells: ['last', 'x', 'y'] },
      ])
    }
  })

  it('handles CR line ends and a trailing line break', async () => {
    expect((await parse('a,b\rc,d\r', ',')).map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect((await parse('a\tb\n', '\t')).map((r) => r.cells)).toEqual([['a', 'b']])
  })

  it('stops at the limits with a message that names them', async () => {
    const limits = { ...DEFAULT_LIMITS, maxColumns: 3, maxCellLength: 5, maxRows: 2 }
    await expect(parse('a;b;c;d\n', ';', 3, limits)).rejects.toThrow(/more than 3 columns/)
    await expect(parse('abcdefgh\n', ';', 3, limits)).rejects.toThrow(/at most 5 are allowed/)
    await expect(parse('"never closed\n', ';', 3)).rejects.toBeInstanceOf(FileReadError)
    const many = 'x\n'.repeat(1_100)
    await expect(parse(many, ';', 100, limits)).rejects.toThrow(/at most 2 data rows/)
  })
})

describe('detectDelimiter', () => {
  it('prefers the delimiter that splits lines consistently', () => {
    expect(detectDelimiter('Gebiet;Jahr;Wert\n01;2024;1,5\n02;2024;2,5\n')).toBe(';')
    expect(detectDelimiter('area,year,value\n01,2024,1.5\n02,2024,"2,5"\n')).toBe(',')
    expect(detectDelimiter('area\tyear\tvalue\n01\t2024\t1,5\n')).toBe('\t')
    expect(detectDelimiter('GENESIS-Tabelle: 1\nA;;;\n;;x;y\n01;a;1,5;2\n')).toBe(';')
    expect(detectDelimiter('single column\nvalue\n')).toBe(';')
  })
})

describe('text encodings', () => {
  const latin1 = new Uint8Array([
    0x47, 0x65, 0x62, 0x69, 0x65, 0x74, 0x3b, 0x4d, 0xe4, 0x6e, 0x6e, 0x65, 0x72,
  ])
  it('detects UTF-8, a BOM and Windows-1252', () => {
    expect(detectEncoding(new TextEncoder().encode('Gebiet;Männer'))).toBe('utf-8')
    expect(detectEncoding(latin1)).toBe('windows-1252')
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0xe4]))).toBe('utf-8')
  })

  it('sees a multi-byte character split across chunks as valid', () => {
    const bytes = new TextEncoder().encode('Straße')
    const sniffer = new EncodingSniffer()
    sniffer.push(bytes.subarray(0, 5))
    sniffer.push(bytes.subarray(5))
    expect(sniffer.result()).toBe('utf-8')
  })

  it('decodes chunks and drops the BOM', async () => {
    async function* bytes() {
      yield new Uint8Array([0xef, 0xbb, 0xbf, 0x53, 0x74, 0x72, 0x61, 0xc3])
      yield new Uint8Array([0x9f, 0x65])
    }
    let text = ''
    for await (const piece of decodeChunks(bytes(), 'utf-8')) text += piece
    expect(text).toBe('Straße')
    async function* legacy() {
      yield latin1
    }
    text = ''
    for await (const piece of decodeChunks(legacy(), 'windows-1252')) text += piece
    expect(text).toBe('Gebiet;Männer')
  })
})
