/**
 * Column mappings: how the rows of a statistics file become observations. A mapping is saved as
 * JSON in `import_profile.mapping`, so a file of the same shape is imported again with one name.
 *
 * Layouts of plain tables (CSV, XLSX):
 *
 * - long: one value per row, `Gebiet;Jahr;Merkmal;Wert` → `areaColumn`, `periodColumn` (or a fixed
 *   `period`), `variableColumn`, `valueColumn`, optionally `statusColumn` and `variables` to
 *   translate the file's variable names into variable keys;
 * - wide: one row per area (and period), one column per variable, `Gebiet;Jahr;Einwohner;Haushalte`
 *   → `areaColumn`, `periodColumn` or `period`, and `variables` (column → variable key) or
 *   `variableColumns: 'rest'` (every other column, its header being the variable key).
 *
 * GENESIS exports (flat file CSV, classic table CSV) are recognised by their first line and need no
 * columns: only `variables`, translating their value variables (`BEVSTD.GESM`, or the column label
 * `männlich` of a table) into variable keys, and the area key (AGS by default).
 *
 * Columns are named by their header text or, failing that, by their letter as a spreadsheet shows it
 * (`C`, `AA`).
 */
import { z } from 'zod'

import { columnLetter, columnIndex } from '../../../platform/io/xlsx.js'

const KEY = /^[a-z][a-z0-9_]{0,62}$/
const VariableKey = z
  .string()
  .regex(KEY, 'expected a variable key like "pop_total" (lower case, digits, underscores)')
const ColumnRef = z.string().trim().min(1, 'expected a column name or letter').max(200)

/** A column mapping, as saved in an import profile. */
export const ImportMapping = z
  .object({
    /** `auto` recognises GENESIS exports by their first line and reads anything else as a table. */
    format: z.enum(['auto', 'table', 'genesis-ffcsv', 'genesis-table']).default('auto'),
    layout: z.enum(['long', 'wide']).default('long'),
    areaColumn: ColumnRef.optional(),
    /**
     * How the file names areas: `code` compares the text with the area codes as it is; `ags` and
     * `ars` normalise official keys on both sides (leading zeros, ARS → AGS), see core/format/officialKeys.
     */
    areaKey: z.enum(['code', 'ags', 'ars']).optional(),
    /** The layer whose areas the codes name; without it, codes are looked up in all layers. */
    layer: z.string().regex(KEY, 'expected a layer key like "sozialraum"').optional(),
    periodColumn: ColumnRef.optional(),
    period: z.number().int().min(1800).max(2200).optional(),
    variableColumn: ColumnRef.optional(),
    valueColumn: ColumnRef.optional(),
    /** A column of status symbols (p, r, s, or ., x, / … when the value cell is empty). */
    statusColumn: ColumnRef.optional(),
    /** The file's variable (column header, cell text or GENESIS code) → the variable key. */
    variables: z.record(z.string().trim().min(1).max(200), VariableKey).optional(),
    /** Wide layout: every column that is not area, period or ignored holds the variable its header names. */
    variableColumns: z.literal('rest').optional(),
    ignoreColumns: z.array(ColumnRef).max(10_000).default([]),
    /** The row that holds the column names (1-based, as in a spreadsheet). */
    headerRow: z.number().int().min(1).max(1000).default(1),
    /** Rows to skip after the header (units, numbering). */
    skipRows: z.number().int().min(0).max(1000).default(0),
    sheet: z.string().min(1).max(31).optional(),
    delimiter: z.enum([';', ',', '\t']).optional(),
    encoding: z.enum(['utf-8', 'windows-1252']).optional(),
    /** Decimal separator; decided from the data when absent (German when the data do not tell). */
    decimal: z.enum([',', '.']).optional(),
    /** `skip` ignores rows of areas that are not planning areas (totals, neighbours) with a warning. */
    unknownAreas: z.enum(['error', 'skip']).default('error'),
    /** `skip` ignores values of variables the mapping does not name, with a warning. */
    unknownVariables: z.enum(['error', 'skip']).default('error'),
    /** Whether a numerator above its denominator stops the import or only warns. */
    ratioCheck: z.enum(['error', 'warning']).default('error'),
    /** GENESIS flat files: the regional variable to read areas from, when not detected (`KREISE`). */
    areaDimension: z.string().max(20).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.period !== undefined && m.periodColumn !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['period'],
        message: 'expected either a fixed period or a period column, not both',
      })
    }
    if (m.format === 'table') {
      if (!m.areaColumn) {
        ctx.addIssue({ code: 'custom', path: ['areaColumn'], message: 'expected the area column' })
      }
      if (m.period === undefined && m.periodColumn === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['periodColumn'],
          message: 'expected a period column or a fixed period',
        })
      }
      if (m.layout === 'long' && (!m.variableColumn || !m.valueColumn)) {
        ctx.addIssue({
          code: 'custom',
          path: [m.variableColumn ? 'valueColumn' : 'variableColumn'],
          message: 'the long layout needs a variable column and a value column',
        })
      }
      if (m.layout === 'wide' && !m.variables && !m.variableColumns) {
        ctx.addIssue({
          code: 'custom',
          path: ['variables'],
          message: 'the wide layout needs variables (column → key) or variableColumns: "rest"',
        })
      }
    }
  })

export type ImportMapping = z.output<typeof ImportMapping>
export type ImportMappingInput = z.input<typeof ImportMapping>

/** The file formats an import recognises. */
export type ImportFormat = 'table' | 'genesis-ffcsv' | 'genesis-ffcsv-legacy' | 'genesis-table'

/** A cell as the readers deliver it. */
export type Cell = string | number

/**
 * One value read from a file, before areas, periods, variables and numbers are checked, with the
 * columns (0-based) each part came from.
 */
export interface RawRecord {
  row: number
  area: Cell
  areaColumn: number
  /** null: the mapping's fixed period. */
  period: Cell | null
  periodColumn: number | null
  /** The variable as the file names it: a column header, a cell, a GENESIS code. */
  variable: string
  variableColumn: number
  value: Cell
  valueColumn: number
  status: string | null
}

/** Where the columns of a plain table are, resolved against its header row. */
export interface TableLayout {
  columns: string[]
  area: number
  period: number | null
  status: number | null
  long: { variable: number; value: number } | null
  /** Wide layout: the variable columns and the name each gives its variable. */
  wide: { column: number; variable: string }[] | null
}

/** A problem with the mapping against the header: a column it names that the file lacks. */
export interface LayoutProblem {
  field: string
  expected: string
  found: string
}

const text = (cell: Cell | undefined): string => (cell === undefined ? '' : String(cell).trim())

/**
 * Finds a column by header text, then (case-insensitively), then by its letter.
 *
 * @example
 * findColumn(['Gebiet', 'Jahr'], 'Jahr') // 1
 * findColumn(['Gebiet', 'Jahr'], 'B')    // 1
 */
export function findColumn(columns: readonly string[], ref: string): number {
  const exact = columns.indexOf(ref)
  if (exact >= 0) return exact
  const lower = ref.toLowerCase()
  const loose = columns.findIndex((c) => c.toLowerCase() === lower)
  if (loose >= 0) return loose
  if (/^[A-Z]{1,3}$/.test(ref)) {
    const index = columnIndex(ref)
    if (index < columns.length) return index
  }
  return -1
}

/** `C (Insgesamt)`: a column as a person finds it in a spreadsheet. */
export function describeColumn(columns: readonly string[], index: number): string {
  const name = columns[index]
  return name ? `${columnLetter(index)} (${name})` : columnLetter(index)
}

function listColumns(columns: readonly string[]): string {
  const shown = columns
    .slice(0, 30)
    .map((c, i) => `${columnLetter(i)} "${c}"`)
    .join(', ')
  return columns.length > 30 ? `${shown}, … (${columns.length} columns)` : shown || 'none'
}

/**
 * Resolves the columns a mapping names against the header row of a plain table.
 *
 * @example
 * resolveTableLayout(mapping, ['Gebiet', 'Jahr', 'Merkmal', 'Wert'])
 * // { layout: { area: 0, period: 1, long: { variable: 2, value: 3 }, … }, problems: [] }
 */
export function resolveTableLayout(
  mapping: ImportMapping,
  header: readonly Cell[],
): { layout: TableLayout | null; problems: LayoutProblem[] } {
  const columns = header.map(text)
  const problems: LayoutProblem[] = []
  const resolve = (field: string, ref: string | undefined): number => {
    if (ref === undefined) {
      problems.push({ field, expected: `the mapping to name the ${field}`, found: 'nothing' })
      return -1
    }
    const index = findColumn(columns, ref)
    if (index < 0) {
      problems.push({
        field,
        expected: `a column "${ref}" (${field}) in the header row`,
        found: listColumns(columns),
      })
    }
    return index
  }
  const area = resolve('area column', mapping.areaColumn)
  const period =
    mapping.period !== undefined ? null : resolve('period column', mapping.periodColumn)
  const status =
    mapping.statusColumn === undefined ? null : resolve('status column', mapping.statusColumn)
  let long: TableLayout['long'] = null
  let wide: TableLayout['wide'] = null
  if (mapping.layout === 'long') {
    long = {
      variable: resolve('variable column', mapping.variableColumn),
      value: resolve('value column', mapping.valueColumn),
    }
  } else if (mapping.variables && !mapping.variableColumns) {
    wide = []
    for (const ref of Object.keys(mapping.variables)) {
      const column = resolve('variable column', ref)
      if (column >= 0) wide.push({ column, variable: ref })
    }
  } else {
    const taken = new Set([area, period ?? -1, status ?? -1])
    for (const ref of mapping.ignoreColumns) taken.add(resolve('ignored column', ref))
    wide = columns
      .map((name, column) => ({ column, variable: name }))
      .filter((c) => !taken.has(c.column) && c.variable !== '')
    if (wide.length === 0) {
      problems.push({
        field: 'variable columns',
        expected: 'columns besides area and period whose headers name variables',
        found: listColumns(columns),
      })
    }
  }
  if (problems.length > 0) return { layout: null, problems }
  return { layout: { columns, area, period, status, long, wide }, problems }
}

/** True for rows without any content (blank lines, empty spreadsheet rows). */
export function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every((c) => text(c) === '')
}

const FOOTER = /^(_{5,}|©|"©|Quelle:|Stand:|Zeichenerklärung)/

/** True for the first footer row of official tables: `__________`, `© …`, `Quelle: …`, `Stand: …`. */
export function isFooterRow(cells: readonly Cell[]): boolean {
  const first = cells.find((c) => text(c) !== '')
  return first !== undefined && FOOTER.test(text(first))
}

/**
 * The raw records of one data row of a plain table.
 *
 * @example
 * mapTableRow(layout, { row: 2, cells: ['01', '2024', 'pop_total', '1.234'] })
 * // [{ row: 2, area: '01', period: '2024', variable: 'pop_total', value: '1.234', … }]
 */
export function mapTableRow(layout: TableLayout, row: { row: number; cells: Cell[] }): RawRecord[] {
  const { cells } = row
  const area = cells[layout.area] ?? ''
  const period = layout.period === null ? null : (cells[layout.period] ?? '')
  const status = layout.status === null ? null : text(cells[layout.status]) || null
  if (layout.long) {
    return [
      {
        row: row.row,
        area,
        areaColumn: layout.area,
        period,
        periodColumn: layout.period,
        variable: text(cells[layout.long.variable]),
        variableColumn: layout.long.variable,
        value: cells[layout.long.value] ?? '',
        valueColumn: layout.long.value,
        status,
      },
    ]
  }
  return layout.wide!.map(({ column, variable }) => ({
    row: row.row,
    area,
    areaColumn: layout.area,
    period,
    periodColumn: layout.period,
    variable,
    variableColumn: column,
    value: cells[column] ?? '',
    valueColumn: column,
    status,
  }))
}

/**
 * Reads `--variables` text: `Insgesamt=pop_total,männlich=pop_male`. A comma or a newline separates
 * pairs, the last `=` separates the file's name from the key (names may contain `=`).
 */
export function parseVariablePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of text.split(/[,\n]/)) {
    const trimmed = pair.trim()
    if (trimmed === '') continue
    const eq = trimmed.lastIndexOf('=')
    if (eq <= 0 || eq === trimmed.length - 1) {
      throw new Error(`expected column=key pairs like "Einwohner=pop_total"; found "${trimmed}"`)
    }
    out[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim()
  }
  return out
}
