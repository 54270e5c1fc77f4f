/**
 * The validation report of an import: every problem with file, row, column, a stable code, what was
 * expected and what was found. The list is capped (1,000 problems by default) while the counts per
 * code stay complete, so a file with a million bad rows still gets a readable report.
 */
import { columnLetter } from '../../../platform/io/xlsx.js'

/** Stable problem codes: clients may branch on them. */
export type ProblemCode =
  // the file
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'CELL_TOO_LONG'
  | 'INVALID_FILE'
  | 'SHEET_NOT_FOUND'
  | 'EMPTY_FILE'
  | 'NO_OBSERVATIONS'
  // the mapping against the file and the organisation
  | 'MISSING_COLUMN'
  | 'UNKNOWN_LAYER'
  // rows and cells
  | 'MISSING_AREA'
  | 'INVALID_AREA_KEY'
  | 'UNKNOWN_AREA'
  | 'AMBIGUOUS_AREA'
  | 'UNKNOWN_VARIABLE'
  | 'MISSING_PERIOD'
  | 'INVALID_PERIOD'
  | 'PERIOD_OUT_OF_RANGE'
  | 'NOT_A_NUMBER'
  | 'NEGATIVE_COUNT'
  | 'DUPLICATE_ROW'
  | 'NUMERATOR_ABOVE_DENOMINATOR'

export interface ImportProblem {
  severity: 'error' | 'warning'
  code: ProblemCode
  file: string
  /** The row as a spreadsheet shows it; null for problems of the whole file. */
  row: number | null
  column: { letter: string; name: string } | null
  expected: string
  found: string
}

export interface ImportReport {
  file: string
  sha256: string
  bytes: number
  format: string | null
  encoding: string | null
  delimiter: string | null
  sheet: string | null
  /** The CSV file read from inside a zip (GENESIS flat files come zipped). */
  entry: string | null
  decimal: {
    separator: ',' | '.'
    decidedBy: 'mapping' | 'data' | 'delimiter' | 'default'
    example: string | null
  }
  genesis: { table: string | null; title: string[]; footer: string[] } | null
  /** Data rows read (header, title and footer lines not counted). */
  rows: number
  /** Values found in the data rows (a wide row holds several). */
  values: number
  /** Observations valid to write (written, unless the import failed or was a dry run). */
  observations: number
  /** Existing observations the import replaced (kept in observation_replaced for a rollback). */
  replaced: number
  skipped: { empty: number; unknownAreas: number; unknownVariables: number }
  areas: number
  variables: string[]
  periods: { first: number; last: number } | null
  errors: number
  warnings: number
  counts: Partial<Record<ProblemCode, number>>
  problems: ImportProblem[]
  /** True when more problems were found than the list holds (see counts). */
  truncated: boolean
  milliseconds: number
}

export const MAX_REPORTED_PROBLEMS = 1_000

/**
 * Collects problems for one file, listing the first `max` (of which at most a tenth warnings) and
 * counting all of them.
 */
export class ProblemCollector {
  readonly problems: ImportProblem[] = []
  readonly counts: Partial<Record<ProblemCode, number>> = {}
  errors = 0
  warnings = 0
  private listedWarnings = 0

  constructor(
    private readonly file: string,
    private columns: readonly string[] = [],
    private readonly max = MAX_REPORTED_PROBLEMS,
  ) {}

  /** Column names for the letters and names in problems (the header of the file). */
  setColumns(columns: readonly string[]): void {
    this.columns = columns
  }

  add(
    code: ProblemCode,
    where: { row: number | null; column?: number | null },
    expected: string,
    found: string,
    severity: 'error' | 'warning' = 'error',
  ): void {
    this.counts[code] = (this.counts[code] ?? 0) + 1
    if (severity === 'error') this.errors++
    else this.warnings++
    if (this.problems.length >= this.max) return
    // Warnings (skipped areas of a national file …) must not crowd out the errors.
    if (severity === 'warning' && this.listedWarnings++ >= Math.ceil(this.max / 10)) return
    const column =
      where.column === null || where.column === undefined
        ? null
        : { letter: columnLetter(where.column), name: this.columns[where.column] ?? '' }
    this.problems.push({
      severity,
      code,
      file: this.file,
      row: where.row,
      column,
      expected,
      found: found.length > 200 ? `${found.slice(0, 200)}…` : found,
    })
  }

  get truncated(): boolean {
    return this.errors + this.warnings > this.problems.length
  }
}

/** Quotes a cell for messages: `"01001"`, `(empty)`. */
export function quote(cell: string | number | null | undefined): string {
  if (cell === null || cell === undefined) return '(empty)'
  if (typeof cell === 'number') return String(cell)
  return cell.trim() === '' ? '(empty)' : `"${cell}"`
}

/** `1 error`, `2 errors`. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

/**
 * The report as plain text for a terminal: a summary, the counts per code and a table of problems.
 *
 * @example
 * console.log(formatReport(report))
 * // bevoelkerung.csv: 3 errors, 0 warnings; 12 rows, 36 values
 * // row  column        code          expected                     found
 * // 4    C (Wert)      NOT_A_NUMBER  a number in German format …  "zwölf"
 */
export function formatReport(report: ImportReport, options: { maxRows?: number } = {}): string {
  const maxRows = options.maxRows ?? 50
  const lines: string[] = []
  const what = [
    report.format,
    report.encoding,
    report.delimiter === null
      ? null
      : `delimiter ${report.delimiter === '\t' ? 'tab' : report.delimiter}`,
    report.sheet === null ? null : `sheet "${report.sheet}"`,
    report.entry === null ? null : `zipped ${report.entry}`,
    `decimal ${report.decimal.separator} (${report.decimal.decidedBy})`,
  ].filter(Boolean)
  lines.push(`${report.file} (${what.join(', ')})`)
  if (report.genesis?.table) lines.push(`GENESIS table ${report.genesis.table}`)
  lines.push(
    `${report.rows.toLocaleString('en-GB')} rows, ${report.values.toLocaleString('en-GB')} values, ${report.observations.toLocaleString('en-GB')} observations (${report.replaced.toLocaleString('en-GB')} replacing existing ones); ${report.areas} areas, ${report.variables.length} variables${report.periods ? `, ${report.periods.first}–${report.periods.last}` : ''}`,
  )
  const skipped = report.skipped
  if (skipped.empty + skipped.unknownAreas + skipped.unknownVariables > 0) {
    lines.push(
      `skipped: ${skipped.empty} empty cells, ${skipped.unknownAreas} values of unknown areas, ${skipped.unknownVariables} values of unmapped variables`,
    )
  }
  lines.push(`${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`)
  const codes = Object.entries(report.counts)
  if (codes.length > 0) {
    lines.push(codes.map(([code, n]) => `  ${code}: ${n}`).join('\n'))
    const rows = report.problems
      .slice(0, maxRows)
      .map((p) => [
        p.row === null ? '' : String(p.row),
        p.column ? (p.column.name ? `${p.column.letter} (${p.column.name})` : p.column.letter) : '',
        p.severity === 'warning' ? `${p.code} (warning)` : p.code,
        p.expected,
        p.found,
      ])
    const header = ['row', 'column', 'code', 'expected', 'found']
    const widths = header.map((h, i) =>
      Math.min(i === 3 ? 60 : 40, Math.max(h.length, ...rows.map((r) => r[i]!.length))),
    )
    lines.push('')
    lines.push(
      header
        .map((h, i) => pad(h, widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    for (const r of rows)
      lines.push(
        r
          .map((c, i) => pad(c, widths[i]!))
          .join('  ')
          .trimEnd(),
      )
    const hidden = report.errors + report.warnings - Math.min(maxRows, report.problems.length)
    if (hidden > 0)
      lines.push(`… and ${hidden.toLocaleString('en-GB')} more (see the counts above)`)
  }
  return lines.join('\n')
}
