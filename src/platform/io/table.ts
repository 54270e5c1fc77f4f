/**
 * Opens a statistics file as a stream of rows, whatever its format: CSV in UTF-8 or Windows-1252
 * with `;`, `,` or tab (also zipped, as GENESIS delivers flat files), or an XLSX sheet. The file is first inspected in one streaming pass (size,
 * SHA-256 of the bytes, encoding), then read row by row; neither pass holds the whole file in memory
 * except an XLSX workbook, whose zip directory needs random access (64 MiB at most).
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import path from 'node:path'

import { detectDelimiter, parseCsv, type CsvDelimiter } from './csv.js'
import { FileReadError, formatBytes, type ReadLimits } from './limits.js'
import { decodeChunks, EncodingSniffer, type TextEncoding } from './text.js'
import { openXlsx, zippedTextFile } from './xlsx.js'

/** A file on disk, or bytes already in memory (an HTTP upload). */
export type FileInput = { path: string; name?: string } | { bytes: Uint8Array; name: string }

/** A row of a table: its number as a spreadsheet shows it, and its cells. */
export interface TableRow {
  row: number
  cells: (string | number)[]
}

export interface FileFacts {
  /** The file name without folders, as shown in reports. */
  name: string
  size: number
  sha256: string
  /** `zip`: an XLSX workbook, or a zip holding one CSV file (GENESIS flat files come so). */
  kind: 'zip' | 'text'
  /** For text files: UTF-8 when every byte sequence is valid UTF-8, else Windows-1252. */
  encoding: TextEncoding | null
}

export interface OpenedTable {
  kind: 'csv' | 'xlsx'
  encoding: TextEncoding | null
  delimiter: CsvDelimiter | null
  sheet: string | null
  sheets: string[]
  /** The CSV file inside a zip that was read, if any. */
  entry: string | null
  rows: AsyncGenerator<TableRow>
  /** Bytes of the file read so far (estimated from the compressed sheet for XLSX). */
  bytesRead(): number
  totalBytes: number
}

const CHUNK = 256 * 1024
const SAMPLE = 64 * 1024

/** The name of a file input for reports. */
export function inputName(input: FileInput): string {
  return 'bytes' in input ? input.name : (input.name ?? path.basename(input.path))
}

async function* byteChunks(
  input: FileInput,
  onBytes: (n: number) => void,
): AsyncGenerator<Uint8Array> {
  if ('bytes' in input) {
    for (let i = 0; i < input.bytes.length; i += CHUNK) {
      const chunk = input.bytes.subarray(i, i + CHUNK)
      onBytes(chunk.length)
      yield chunk
    }
    return
  }
  for await (const chunk of createReadStream(input.path, { highWaterMark: CHUNK })) {
    onBytes((chunk as Buffer).length)
    yield chunk as Buffer
  }
}

/**
 * Reads a file once to learn its size, checksum, kind and encoding. Fails with FILE_TOO_LARGE
 * before reading when the file is larger than `limits.maxBytes`.
 */
export async function inspectFile(input: FileInput, limits: ReadLimits): Promise<FileFacts> {
  const size = 'bytes' in input ? input.bytes.length : (await stat(input.path)).size
  if (size > limits.maxBytes) {
    throw new FileReadError(
      'FILE_TOO_LARGE',
      `The file ${inputName(input)} has ${formatBytes(size)}; at most ${formatBytes(limits.maxBytes)} can be imported at once. Split it into several files.`,
    )
  }
  const hash = createHash('sha256')
  const sniffer = new EncodingSniffer()
  let head: Uint8Array | null = null
  for await (const chunk of byteChunks(input, () => undefined)) {
    head ??= chunk.subarray(0, 4)
    hash.update(chunk)
    sniffer.push(chunk)
  }
  const zip =
    head !== null && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4
  return {
    name: inputName(input),
    size,
    sha256: hash.digest('hex'),
    kind: zip ? 'zip' : 'text',
    encoding: zip ? null : sniffer.result(),
  }
}

async function readHead(input: FileInput, bytes: number): Promise<Uint8Array> {
  if ('bytes' in input) return input.bytes.subarray(0, bytes)
  const handle = await open(input.path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * Opens the rows of a file inspected by {@link inspectFile}. Encoding and delimiter are detected
 * unless given; for XLSX the first sheet is read unless `sheet` names another.
 *
 * @example
 * const facts = await inspectFile({ path: 'bevoelkerung.csv' }, limits)
 * const table = await openTable({ path: 'bevoelkerung.csv' }, facts, { limits })
 * for await (const { row, cells } of table.rows) …
 */
export async function openTable(
  input: FileInput,
  facts: FileFacts,
  options: {
    limits: ReadLimits
    encoding?: TextEncoding | undefined
    delimiter?: CsvDelimiter | undefined
    sheet?: string | undefined
  },
): Promise<OpenedTable> {
  let read = 0
  if (facts.kind === 'zip') {
    const bytes =
      'bytes' in input ? input.bytes : new Uint8Array(await readFileBytes(input.path, facts.size))
    const zipped = zippedTextFile(bytes, options.limits)
    if (zipped !== null) {
      const progress = (done: number, total: number) => {
        read = Math.round((done / Math.max(1, total)) * facts.size)
      }
      const sniffer = new EncodingSniffer()
      let head: Uint8Array = new Uint8Array(0)
      for (const piece of zipped.bytes()) {
        if (head.length < SAMPLE) head = concat(head, piece.subarray(0, SAMPLE - head.length))
        sniffer.push(piece)
      }
      const encoding = options.encoding ?? sniffer.result()
      const delimiter = options.delimiter ?? detectDelimiter(new TextDecoder(encoding).decode(head))
      async function* chunks() {
        yield* zipped!.bytes(progress)
      }
      return {
        kind: 'csv',
        encoding,
        delimiter,
        sheet: null,
        sheets: [],
        entry: zipped.name,
        totalBytes: facts.size,
        bytesRead: () => read,
        rows: parseCsv(decodeChunks(chunks(), encoding), { delimiter, limits: options.limits }),
      }
    }
    const book = openXlsx(bytes, options.limits)
    const sheet = options.sheet ?? book.sheets[0]!
    const sheetRows = book.rows(sheet, (done, total) => {
      read = Math.round((done / Math.max(1, total)) * facts.size)
    })
    return {
      kind: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet,
      sheets: book.sheets,
      entry: null,
      totalBytes: facts.size,
      bytesRead: () => read,
      rows: (async function* () {
        yield* sheetRows
      })(),
    }
  }
  const encoding = options.encoding ?? facts.encoding ?? 'utf-8'
  const sample = new TextDecoder(encoding).decode(await readHead(input, SAMPLE))
  const delimiter = options.delimiter ?? detectDelimiter(sample)
  const records = parseCsv(
    decodeChunks(
      byteChunks(input, (n) => {
        read += n
      }),
      encoding,
    ),
    { delimiter, limits: options.limits },
  )
  return {
    kind: 'csv',
    encoding,
    delimiter,
    sheet: null,
    sheets: [],
    entry: null,
    totalBytes: facts.size,
    bytesRead: () => read,
    rows: records,
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

async function readFileBytes(file: string, size: number): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(size)
    let offset = 0
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, offset, size - offset, offset)
      if (bytesRead === 0) break
      offset += bytesRead
    }
    return buffer.subarray(0, offset)
  } finally {
    await handle.close()
  }
}
