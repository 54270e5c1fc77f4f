/**
 * A small XLSX (Office Open XML spreadsheet) reader on fflate (the writer is xlsxWriter.ts), enough
 * for statistics tables: sheets by name, shared and inline strings, numbers, booleans and error values. Dates stay
 * numbers (Excel serial days), formulas give their cached value, styles are ignored.
 *
 * Reading is hardened against hostile files: the zip's central directory is checked (entry count,
 * no encryption, stored or deflated only), every part is inflated with a byte budget, and a sheet is
 * inflated and parsed in slices, row by row, so a sheet of a million rows never sits in memory as a
 * whole — only its shared strings do, as Excel needs them too.
 *
 * Reference: ECMA-376 Part 1 (SpreadsheetML §18.3 worksheet, §18.4 shared strings) and the zip
 * APPNOTE (PKWARE, 6.3.x: central directory, local file header).
 */
import { Inflate, inflateSync } from 'fflate'

import {
  DEFAULT_LIMITS,
  FileReadError,
  formatBytes,
  formatCount,
  NON_DATA_ROW_ALLOWANCE,
  type ReadLimits,
} from './limits.js'

/** A cell as read: text, or a number when the sheet stores one. */
export type XlsxCell = string | number

export interface XlsxRow {
  /** 1-based row number as Excel shows it. */
  row: number
  cells: XlsxCell[]
}

export interface XlsxWorkbook {
  /** Sheet names in workbook order. */
  sheets: string[]
  /**
   * The rows of a sheet (the first sheet when no name is given), parsed as they are inflated;
   * `onProgress` hears how many compressed bytes of the sheet have been read.
   */
  rows(sheet?: string, onProgress?: (done: number, total: number) => void): Generator<XlsxRow>
}

// ---------------------------------------------------------------------------------------------
// zip

interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  offset: number
}

const MAX_ENTRIES = 10_000

function u16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8)
}
function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0
}

function invalid(message: string): FileReadError {
  return new FileReadError('INVALID_FILE', `This is not a readable XLSX file: ${message}.`)
}

function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  // End of central directory record: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw invalid('no zip directory found (is it an old .xls or a CSV file?)')
  const count = u16(bytes, eocd + 10)
  const dirSize = u32(bytes, eocd + 12)
  const dirOffset = u32(bytes, eocd + 16)
  if (count === 0xffff || dirOffset === 0xffffffff)
    throw invalid('ZIP64 archives are not supported')
  if (count > MAX_ENTRIES) throw invalid(`${count} zip entries, more than ${MAX_ENTRIES}`)
  if (dirOffset + dirSize > bytes.length) throw invalid('the zip directory lies outside the file')
  const entries = new Map<string, ZipEntry>()
  const decoder = new TextDecoder()
  let p = dirOffset
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50)
      throw invalid('a broken zip directory')
    const flags = u16(bytes, p + 8)
    const method = u16(bytes, p + 10)
    const compressedSize = u32(bytes, p + 20)
    const size = u32(bytes, p + 24)
    const nameLength = u16(bytes, p + 28)
    const extraLength = u16(bytes, p + 30)
    const commentLength = u16(bytes, p + 32)
    const localOffset = u32(bytes, p + 42)
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength))
    p += 46 + nameLength + extraLength + commentLength
    if (flags & 1) throw invalid(`the part ${name} is encrypted`)
    if (localOffset + 30 > bytes.length || u32(bytes, localOffset) !== 0x04034b50) {
      throw invalid(`the part ${name} has no local header`)
    }
    const offset = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28)
    if (offset + compressedSize > bytes.length) throw invalid(`the part ${name} is cut off`)
    entries.set(name.replace(/^\//, ''), { name, method, compressedSize, size, offset })
  }
  return entries
}

/** Inflates a zip entry in slices of at most a few hundred KiB, with a byte budget. */
function* inflateBytes(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes: number,
  onProgress?: (done: number, total: number) => void,
): Generator<Uint8Array> {
  const data = bytes.subarray(entry.offset, entry.offset + entry.compressedSize)
  const SLICE = 16 * 1024
  if (entry.method === 0) {
    if (data.length > maxBytes) throw tooLarge(entry, maxBytes)
    for (let i = 0; i < data.length; i += SLICE * 16) {
      onProgress?.(Math.min(i + SLICE * 16, data.length), data.length)
      yield data.subarray(i, i + SLICE * 16)
    }
    return
  }
  if (entry.method !== 8) {
    throw invalid(`the part ${entry.name} uses compression method ${entry.method}`)
  }
  let out: Uint8Array[] = []
  let total = 0
  const inflate = new Inflate((chunk) => {
    total += chunk.length
    if (total > maxBytes) throw tooLarge(entry, maxBytes)
    out.push(chunk)
  })
  for (let i = 0; i < data.length; i += SLICE) {
    try {
      inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length)
    } catch (error) {
      if (error instanceof FileReadError) throw error
      throw invalid(`the part ${entry.name} is corrupt (${(error as Error).message})`)
    }
    onProgress?.(Math.min(i + SLICE, data.length), data.length)
    if (out.length > 0) {
      const pieces = out
      out = []
      yield* pieces
    }
  }
}

/** Inflates a zip entry in slices and yields its UTF-8 text piece by piece. */
function* inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes: number,
  onProgress?: (done: number, total: number) => void,
): Generator<string> {
  const decoder = new TextDecoder('utf-8')
  for (const piece of inflateBytes(bytes, entry, maxBytes, onProgress)) {
    const text = decoder.decode(piece, { stream: true })
    if (text.length > 0) yield text
  }
  yield decoder.decode()
}

/**
 * A zipped text file, as GENESIS delivers its flat files (`12411-01-01-4_de_flat.zip` holding one
 * `…_flat.csv`): when the zip is not a workbook and holds exactly one `.csv`, `.tsv` or `.txt`
 * file, its name and a function streaming its inflated bytes; otherwise null.
 */
export function zippedTextFile(
  bytes: Uint8Array,
  limitOverrides: Partial<ReadLimits> = {},
): {
  name: string
  size: number
  bytes(onProgress?: (done: number, total: number) => void): Generator<Uint8Array>
} | null {
  const limits = { ...DEFAULT_LIMITS, ...limitOverrides }
  const entries = readZipDirectory(bytes)
  if (entries.has('[Content_Types].xml') || entries.has('xl/workbook.xml')) return null
  const texts = [...entries.values()].filter(
    (e) => /\.(csv|tsv|txt)$/i.test(e.name) && !e.name.startsWith('__MACOSX/'),
  )
  if (texts.length !== 1) return null
  const entry = texts[0]!
  return {
    name: entry.name.split('/').pop()!,
    size: entry.size,
    bytes: (onProgress) => inflateBytes(bytes, entry, limits.maxInflatedBytes, onProgress),
  }
}

function tooLarge(entry: ZipEntry, maxBytes: number): FileReadError {
  return new FileReadError(
    'FILE_TOO_LARGE',
    `The XLSX part ${entry.name} inflates to more than ${formatBytes(maxBytes)}; such a sheet is too large to import (or the file is a zip bomb).`,
  )
}

function readPart(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): string {
  let text = ''
  for (const piece of inflateEntry(bytes, entry, maxBytes)) text += piece
  return text
}

// ---------------------------------------------------------------------------------------------
// XML helpers (SpreadsheetML is generated, regular XML: attributes in quotes, no DTDs)

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes XML character references and OOXML `_xHHHH_` escapes (ST_Xstring). */
export function decodeXmlText(text: string): string {
  let out = text
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, ref: string) => {
      if (ref[0] !== '#') return ENTITY[ref]!
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd'
    })
  }
  if (out.includes('_x')) {
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    )
  }
  return out
}

const ATTRIBUTES = new Map<string, RegExp>()

function attribute(attributes: string, name: string): string | undefined {
  let re = ATTRIBUTES.get(name)
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`)
    ATTRIBUTES.set(name, re)
  }
  const match = re.exec(attributes)
  if (!match) return undefined
  return decodeXmlText(match[2] ?? match[3] ?? '')
}

const NS = '(?:[A-Za-z_][\\w.-]*:)?'
const TEXT_RUN = new RegExp(
  `<${NS}t(?:\\s[^>]*)?>([\\s\\S]*?)</${NS}t>|<${NS}t(?:\\s[^>]*)?/>`,
  'g',
)
const PHONETIC = new RegExp(`<${NS}rPh\\b[\\s\\S]*?</${NS}rPh>`, 'g')

/** The text of an `<si>` or `<is>` element: all `<t>` runs, without phonetic hints. */
function richText(xml: string): string {
  let text = ''
  for (const match of xml.replace(PHONETIC, '').matchAll(TEXT_RUN)) {
    if (match[1] !== undefined) text += match[1]
  }
  return decodeXmlText(text)
}

/** Column letters to a 0-based index: `A` → 0, `AA` → 26. */
export function columnIndex(letters: string): number {
  let n = 0
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64)
  return n - 1
}

/** A 0-based column index to letters: 0 → `A`, 26 → `AA`. */
export function columnLetter(index: number): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const r = (n - 1) % 26
    letters = String.fromCharCode(65 + r) + letters
    n = Math.floor((n - 1) / 26)
  }
  return letters
}

// ---------------------------------------------------------------------------------------------
// reading

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1)
  const parts = base.split('/').slice(0, -1)
  for (const part of target.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.') parts.push(part)
  }
  return parts.join('/')
}

function relationships(
  bytes: Uint8Array,
  entries: Map<string, ZipEntry>,
  partPath: string,
  limits: ReadLimits,
): { id: string; type: string; target: string }[] {
  const slash = partPath.lastIndexOf('/')
  const relsPath = `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`
  const entry = entries.get(relsPath)
  if (!entry) return []
  const xml = readPart(bytes, entry, limits.maxInflatedBytes)
  const rels: { id: string; type: string; target: string }[] = []
  for (const match of xml.matchAll(new RegExp(`<${NS}Relationship\\b([^>]*)/?>`, 'g'))) {
    const attrs = match[1]!
    const id = attribute(attrs, 'Id')
    const type = attribute(attrs, 'Type')
    const target = attribute(attrs, 'Target')
    if (id && type && target && attribute(attrs, 'TargetMode') !== 'External') {
      rels.push({ id, type, target: resolveTarget(partPath, target) })
    }
  }
  return rels
}

/**
 * Opens an XLSX workbook held in memory.
 *
 * @example
 * const book = openXlsx(bytes)
 * book.sheets // ['Deckblatt', 'Kreisfreie Städte u. Landkreise']
 * for (const { row, cells } of book.rows('Kreisfreie Städte u. Landkreise')) …
 */
export function openXlsx(
  bytes: Uint8Array,
  limitOverrides: Partial<ReadLimits> = {},
): XlsxWorkbook {
  const limits = { ...DEFAULT_LIMITS, ...limitOverrides }
  if (bytes.length > limits.maxBytes) {
    throw new FileReadError(
      'FILE_TOO_LARGE',
      `The file has ${formatBytes(bytes.length)}; at most ${formatBytes(limits.maxBytes)} can be imported.`,
    )
  }
  const entries = readZipDirectory(bytes)
  const root = relationships(bytes, entries, '', limits)
  const workbookPath =
    root.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml'
  const workbookEntry = entries.get(workbookPath)
  if (!workbookEntry) throw invalid(`the workbook part ${workbookPath} is missing`)
  const workbookXml = readPart(bytes, workbookEntry, limits.maxInflatedBytes)
  const rels = relationships(bytes, entries, workbookPath, limits)
  const sheets: { name: string; path: string }[] = []
  for (const match of workbookXml.matchAll(new RegExp(`<${NS}sheet\\b([^>]*)/?>`, 'g'))) {
    const attrs = match[1]!
    const name = attribute(attrs, 'name')
    const relId = /(?:^|\s)[\w]+:id\s*=\s*"([^"]*)"/.exec(attrs)?.[1]
    const target = rels.find((r) => r.id === relId)?.target
    if (name !== undefined && target) sheets.push({ name, path: target })
  }
  if (sheets.length === 0) throw invalid('the workbook has no worksheets')

  let sharedStrings: string[] | null = null
  const loadSharedStrings = (): string[] => {
    if (sharedStrings) return sharedStrings
    const path = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target
    const entry = path ? entries.get(path) : undefined
    sharedStrings = []
    if (entry) {
      const xml = readPart(bytes, entry, limits.maxInflatedBytes)
      for (const match of xml.matchAll(
        new RegExp(`<${NS}si\\b[^>]*>([\\s\\S]*?)</${NS}si>|<${NS}si\\s*/>`, 'g'),
      )) {
        sharedStrings.push(match[1] === undefined ? '' : richText(match[1]))
      }
    }
    return sharedStrings
  }

  return {
    sheets: sheets.map((s) => s.name),
    *rows(sheetName?: string, onProgress?: (done: number, total: number) => void) {
      const sheet = sheetName === undefined ? sheets[0]! : sheets.find((s) => s.name === sheetName)
      if (!sheet) {
        throw new FileReadError(
          'SHEET_NOT_FOUND',
          `The workbook has no sheet "${sheetName}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}.`,
        )
      }
      const entry = entries.get(sheet.path)
      if (!entry) throw invalid(`the sheet part ${sheet.path} is missing`)
      yield* parseSheet(
        inflateEntry(bytes, entry, limits.maxInflatedBytes, onProgress),
        loadSharedStrings,
        limits,
      )
    },
  }
}

const ROW_START = new RegExp(`<${NS}row\\b`, 'g')
const ROW_END = new RegExp(`</${NS}row>`, 'g')
const CELL = new RegExp(`<${NS}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${NS}c>)`, 'g')
const VALUE = new RegExp(`<${NS}v(?:\\s[^>]*)?>([\\s\\S]*?)</${NS}v>`)
const INLINE = new RegExp(`<${NS}is\\b[^>]*>([\\s\\S]*?)</${NS}is>`)

function* parseSheet(
  pieces: Generator<string>,
  sharedStrings: () => string[],
  limits: ReadLimits,
): Generator<XlsxRow> {
  let buffer = ''
  let previousRow = 0
  let rowsSeen = 0
  const maxRows = limits.maxRows + NON_DATA_ROW_ALLOWANCE
  for (const piece of pieces) {
    buffer += piece
    let consumed = 0
    for (;;) {
      ROW_START.lastIndex = consumed
      const start = ROW_START.exec(buffer)
      if (!start) {
        // Keep a tail that may hold the beginning of the next row's tag.
        consumed = Math.max(consumed, buffer.length - 16)
        break
      }
      const tagEnd = buffer.indexOf('>', start.index)
      if (tagEnd < 0) {
        consumed = start.index
        break
      }
      const attrs = buffer.slice(start.index + start[0].length, tagEnd)
      let body = ''
      let end: number
      if (buffer[tagEnd - 1] === '/') {
        end = tagEnd + 1
      } else {
        ROW_END.lastIndex = tagEnd
        const close = ROW_END.exec(buffer)
        if (!close) {
          consumed = start.index
          break
        }
        body = buffer.slice(tagEnd + 1, close.index)
        end = close.index + close[0].length
      }
      consumed = end
      const r = attribute(attrs, 'r')
      const row = r === undefined ? previousRow + 1 : Number(r)
      previousRow = row
      if (++rowsSeen > maxRows) {
        throw new FileReadError(
          'TOO_MANY_ROWS',
          `The sheet has more than ${formatCount(maxRows)} rows; at most ${formatCount(limits.maxRows)} data rows can be imported at once. Split the file.`,
          { row },
        )
      }
      yield { row, cells: parseCells(body, row, sharedStrings, limits) }
    }
    buffer = buffer.slice(consumed)
    if (buffer.length > 64 * 1024 * 1024) {
      throw new FileReadError(
        'INVALID_FILE',
        `Row ${previousRow + 1} of the sheet is larger than 64 MiB.`,
      )
    }
  }
}

function parseCells(
  body: string,
  row: number,
  sharedStrings: () => string[],
  limits: ReadLimits,
): XlsxCell[] {
  const cells: XlsxCell[] = []
  let column = -1
  for (const match of body.matchAll(CELL)) {
    const attrs = match[1]!
    const inner = match[2] ?? ''
    const ref = attribute(attrs, 'r')
    const letters = ref === undefined ? undefined : /^([A-Z]{1,3})/.exec(ref)?.[1]
    column = letters === undefined ? column + 1 : columnIndex(letters)
    if (column >= limits.maxColumns) {
      throw new FileReadError(
        'TOO_MANY_COLUMNS',
        `Row ${row} has a cell in column ${columnLetter(column)}, beyond the ${formatCount(limits.maxColumns)} columns a table may have.`,
        { row, column: column + 1 },
      )
    }
    const type = attribute(attrs, 't') ?? 'n'
    let value: XlsxCell = ''
    if (type === 'inlineStr') {
      const is = INLINE.exec(inner)
      value = is ? richText(is[1]!) : ''
    } else {
      const v = VALUE.exec(inner)
      if (v) {
        const raw = v[1]!
        if (type === 's') {
          const text = sharedStrings()[Number(raw)]
          if (text === undefined) {
            throw invalid(
              `cell ${columnLetter(column)}${row} names shared string ${raw}, which does not exist`,
            )
          }
          value = text
        } else if (type === 'n') {
          const n = Number(raw)
          value = raw.trim() !== '' && Number.isFinite(n) ? n : decodeXmlText(raw)
        } else if (type === 'b') {
          value = raw === '1' ? 'TRUE' : 'FALSE'
        } else {
          value = decodeXmlText(raw) // str (formula text), e (error such as #N/A), d (ISO date)
        }
      }
    }
    if (typeof value === 'string' && value.length > limits.maxCellLength) {
      throw new FileReadError(
        'CELL_TOO_LONG',
        `Cell ${columnLetter(column)}${row} holds ${formatCount(value.length)} characters; at most ${formatCount(limits.maxCellLength)} are allowed.`,
        { row, column: column + 1 },
      )
    }
    while (cells.length < column) cells.push('')
    cells[column] = value
  }
  return cells
}

/** Inflates a small zip part completely (used by tests and tools that inspect a written file). */
export function readZipPart(bytes: Uint8Array, name: string): string {
  const entry = readZipDirectory(bytes).get(name)
  if (!entry) throw invalid(`the part ${name} is missing`)
  const data = bytes.subarray(entry.offset, entry.offset + entry.compressedSize)
  return new TextDecoder().decode(entry.method === 0 ? data : inflateSync(data))
}
