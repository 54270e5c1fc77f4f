/**
 * A streaming CSV parser (RFC 4180 plus what real files do): `;`, `,` or tab as delimiter, quoted
 * fields with embedded delimiters, line breaks and doubled quotes, CRLF, LF or CR line ends. It reads
 * text chunks as they come and yields one record at a time, so memory stays bounded by the longest
 * record, whatever the size of the file.
 */
import { FileReadError, formatCount, NON_DATA_ROW_ALLOWANCE, type ReadLimits } from './limits.js'

export type CsvDelimiter = ';' | ',' | '\t'

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ',']

/** One record: its number (the row a spreadsheet shows), the line it starts on, and its cells. */
export interface CsvRecord {
  row: number
  line: number
  cells: string[]
}

/**
 * Guesses the delimiter from the first lines of a file: the candidate that splits the most lines
 * into the same number of fields (counted outside quotes). German files prefer `;` because `,` is
 * their decimal separator; on a tie `;` wins, then tab, then `,`.
 *
 * @example
 * detectDelimiter('Gebiet;Jahr;Wert\n01;2024;1,5\n') // ';'
 * detectDelimiter('area,year,value\n01,2024,1.5\n')  // ','
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, 50)
  if (lines.length > 1) lines.pop() // the last line of a sample may be cut off
  let best: CsvDelimiter = ';'
  let bestLines = 0
  for (const delimiter of CSV_DELIMITERS) {
    const counts = new Map<number, number>()
    for (const line of lines) {
      const n = countOutsideQuotes(line, delimiter)
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1)
    }
    const modal = Math.max(0, ...counts.values())
    if (modal > bestLines) {
      best = delimiter
      bestLines = modal
    }
  }
  return best
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '"') quoted = !quoted
    else if (c === delimiter && !quoted) n++
  }
  return n
}

const QUOTE = 34
const LF = 10
const CR = 13

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * Parses CSV text chunks into records.
 *
 * @example
 * for await (const { row, cells } of parseCsv(chunks, { delimiter: ';' })) console.log(row, cells)
 */
export async function* parseCsv(
  chunks: AsyncIterable<string>,
  options: { delimiter: CsvDelimiter; limits: ReadLimits },
): AsyncGenerator<CsvRecord> {
  const delimiter = options.delimiter.charCodeAt(0)
  const { maxColumns, maxCellLength } = options.limits
  const maxRecords = options.limits.maxRows + NON_DATA_ROW_ALLOWANCE
  let state = State.FieldStart
  let cells: string[] = []
  let field = ''
  let pendingCr = false
  let line = 1
  let recordLine = 1
  let row = 0
  let ready: CsvRecord[] = []

  const endField = () => {
    if (field.length > maxCellLength) {
      throw new FileReadError(
        'CELL_TOO_LONG',
        `Row ${row + 1}, column ${cells.length + 1} holds ${formatCount(field.length)} characters; at most ${formatCount(maxCellLength)} are allowed. Is the delimiter right, or is a quote not closed?`,
        { row: row + 1, column: cells.length + 1 },
      )
    }
    cells.push(field)
    field = ''
    if (cells.length > maxColumns) {
      throw new FileReadError(
        'TOO_MANY_COLUMNS',
        `Row ${row + 1} has more than ${formatCount(maxColumns)} columns, the most a table may have.`,
        { row: row + 1 },
      )
    }
  }
  const endRecord = () => {
    row++
    if (row > maxRecords) {
      throw new FileReadError(
        'TOO_MANY_ROWS',
        `The file has more than ${formatCount(maxRecords)} rows; at most ${formatCount(options.limits.maxRows)} data rows can be imported at once. Split the file.`,
        { row },
      )
    }
    ready.push({ row, line: recordLine, cells })
    cells = []
  }

  for await (const chunk of chunks) {
    const n = chunk.length
    let runStart = 0
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i)
      if (pendingCr) {
        pendingCr = false
        if (c === LF) {
          runStart = i + 1
          continue
        }
      }
      switch (state) {
        case State.Quoted:
          if (c === QUOTE) {
            field += chunk.slice(runStart, i)
            state = State.QuoteInQuoted
          } else if (c === LF || (c === CR && chunk.charCodeAt(i + 1) !== LF)) {
            line++
          }
          break
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            field += '"'
            state = State.Quoted
            runStart = i + 1
          } else if (c === delimiter) {
            endField()
            state = State.FieldStart
          } else if (c === LF || c === CR) {
            endField()
            endRecord()
            line++
            recordLine = line
            pendingCr = c === CR
            state = State.FieldStart
          } else {
            // Text after a closing quote ("ab"c): keep it, as spreadsheets do.
            state = State.Unquoted
            runStart = i
          }
          break
        case State.FieldStart:
          if (c === QUOTE) {
            state = State.Quoted
            runStart = i + 1
          } else if (c === delimiter) {
            endField()
          } else if (c === LF || c === CR) {
            endField()
            endRecord()
            line++
            recordLine = line
            pendingCr = c === CR
          } else {
            state = State.Unquoted
            runStart = i
          }
          break
        case State.Unquoted:
          if (c === delimiter) {
            field += chunk.slice(runStart, i)
            endField()
            state = State.FieldStart
          } else if (c === LF || c === CR) {
            field += chunk.slice(runStart, i)
            endField()
            endRecord()
            line++
            recordLine = line
            pendingCr = c === CR
            state = State.FieldStart
          }
          break
      }
    }
    if (state === State.Quoted || state === State.Unquoted) {
      field += chunk.slice(runStart)
      if (field.length > maxCellLength) endField() // throws CELL_TOO_LONG before memory grows
    }
    if (ready.length > 0) {
      const out = ready
      ready = []
      yield* out
    }
  }
  if (state === State.Quoted) {
    throw new FileReadError(
      'INVALID_FILE',
      `A quoted field that starts in line ${recordLine} is never closed: expected a closing " before the end of the file.`,
      { row: row + 1 },
    )
  }
  if (state !== State.FieldStart || cells.length > 0) {
    endField()
    endRecord()
  }
  yield* ready
}
