/**
 * Imports observations from a statistics file (CSV, XLSX, GENESIS export) in one transaction.
 *
 * The life of an import:
 * 1. The file is read once to learn its size, SHA-256 and encoding. The same bytes imported before
 *    with the same mapping (and not rolled back) return that import: nothing is written.
 * 2. Under a per-organisation lock, a `data_import` row is opened and the file is streamed: rows →
 *    raw records (layout, GENESIS) → checked observations (area, period, variable, number, sign,
 *    duplicates), written in chunks with `insert … select from unnest(…)`; values they replace are
 *    kept in `observation_replaced`. Memory holds a chunk, the lookups and a compact set of the keys
 *    seen (for duplicates), never the file.
 * 3. Numerators above their denominators are checked on the data as they stand after the writes.
 * 4. Without errors the import commits and the organisation's data version goes up. With any error
 *    the transaction rolls back — nothing changes — and a `data_import` row with status `failed`
 *    and the report is written on its own, so the attempt is on record.
 */
import { parseAgs, parseArs, type ParsedOfficialKey } from '../../../core/format/officialKeys.js'
import { defaultPeriodRange } from '../../../core/format/periods.js'
import type { Database, Queryable } from '../../../platform/db/index.js'
import { ApiError } from '../../../platform/http/errors.js'
import { detectGenesisFormat, readGenesis, type GenesisInfo } from '../../../platform/io/genesis.js'
import { FileReadError, resolveLimits, type ReadLimits } from '../../../platform/io/limits.js'
import {
  inputName,
  inspectFile,
  openTable,
  type FileFacts,
  type FileInput,
  type OpenedTable,
  type TableRow,
} from '../../../platform/io/table.js'
import { loadLookups } from './lookups.js'
import {
  ImportMapping,
  isBlankRow,
  isFooterRow,
  mapTableRow,
  resolveTableLayout,
  type ImportFormat,
  type ImportMappingInput,
  type RawRecord,
} from './mapping.js'
import { processRecords, type PipelineStats } from './pipeline.js'
import { ProblemCollector, quote, type ImportReport } from './report.js'

export interface ImportProgress {
  phase: 'inspecting' | 'reading' | 'checking' | 'done'
  rows: number
  bytesRead: number
  totalBytes: number
}

export interface ImportOptions {
  organizationId: number
  input: FileInput
  mapping: ImportMappingInput
  /** The profile the mapping came from, recorded with the import. */
  profileName?: string | null
  /** Check and report everything, then roll back: nothing is written, not even a failed import. */
  dryRun?: boolean
  /** Called every few thousand rows and at each phase. */
  onProgress?: (progress: ImportProgress) => void
  limits?: Partial<ReadLimits>
  /** Acceptable periods (default 1900 to next year). */
  periodRange?: { min: number; max: number }
  /** Observations per INSERT (default 25,000). */
  chunkSize?: number
  /** Runs inside the import's transaction after a successful import (e.g. the audit log entry). */
  beforeCommit?: (tx: Queryable, importId: number, report: ImportReport) => Promise<void>
}

export interface ImportResult {
  /**
   * `completed`: written; `failed`: nothing written, the report says why (and `importId` names the
   * failed attempt on record); `unchanged`: the same file was imported before (`importId`);
   * `dry_run`: checked only.
   */
  status: 'completed' | 'failed' | 'unchanged' | 'dry_run'
  importId: number | null
  report: ImportReport
}

/** Thrown inside the transaction to roll it back while keeping the report. */
class RollBack extends Error {
  constructor(readonly report: ImportReport) {
    super('roll back')
  }
}

/** Parses a mapping or fails with VALIDATION_FAILED naming the field. */
export function parseMapping(mapping: unknown): ImportMapping {
  const parsed = ImportMapping.safeParse(mapping)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ApiError(
      'VALIDATION_FAILED',
      `The import mapping is invalid: ${issue.path.join('.') || 'mapping'}: ${issue.message}.`,
      parsed.error.issues,
    )
  }
  return parsed.data
}

/**
 * Imports a statistics file into an organisation's observations.
 *
 * @example
 * const result = await importObservations(db, {
 *   organizationId: org.id,
 *   input: { path: 'bevoelkerung_2024.csv' },
 *   mapping: { layout: 'wide', areaColumn: 'Sozialraum', period: 2024,
 *              variables: { 'unter 3': 'pop_age_00_02', '3 bis 5': 'pop_age_03_05' } },
 * })
 * if (result.status === 'failed') console.log(formatReport(result.report))
 */
export async function importObservations(
  db: Database,
  options: ImportOptions,
): Promise<ImportResult> {
  const started = performance.now()
  const mapping = parseMapping(options.mapping)
  const limits = resolveLimits(options.limits)
  const progress = options.onProgress ?? (() => undefined)
  const name = inputName(options.input)
  const profile = { name: options.profileName ?? null, mapping }

  progress({ phase: 'inspecting', rows: 0, bytesRead: 0, totalBytes: 0 })
  let facts: FileFacts
  try {
    facts = await inspectFile(options.input, limits)
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error
    const report = emptyReport(name, '', 0, mapping)
    const problems = new ProblemCollector(name)
    problems.add(error.code, { row: null }, 'a file within the limits', error.message)
    return finishFailed(db, options, profile, finalise(report, problems, started), null)
  }

  const existing = await findSameImport(db, options.organizationId, facts.sha256, mapping)
  if (existing !== null && !options.dryRun) {
    return { status: 'unchanged', importId: existing.id, report: existing.report }
  }

  try {
    return await db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext('planraum.import'), $1)`, [
        options.organizationId,
      ])
      const again = await findSameImport(tx, options.organizationId, facts.sha256, mapping)
      if (again !== null && !options.dryRun) {
        return { status: 'unchanged' as const, importId: again.id, report: again.report }
      }
      const [row] = await tx.query<{ id: number }>(
        `insert into data_import (organization_id, kind, source_name, file_name, source_sha256,
                                  status, profile)
         values ($1, 'observations', $2, $2, $3, 'completed', $4) returning id`,
        [options.organizationId, facts.name, facts.sha256, JSON.stringify(profile)],
      )
      const importId = row!.id
      const report = await runImport(tx, importId, facts, mapping, options, limits, started)
      if (report.errors > 0 || options.dryRun) throw new RollBack(report)
      await tx.query(
        `update data_import set row_count = $3, report = $4, finished_at = now()
          where organization_id = $1 and id = $2`,
        [options.organizationId, importId, report.observations, JSON.stringify(report)],
      )
      await options.beforeCommit?.(tx, importId, report)
      await tx.query('update organization set data_version = data_version + 1 where id = $1', [
        options.organizationId,
      ])
      progress({
        phase: 'done',
        rows: report.rows,
        bytesRead: facts.size,
        totalBytes: facts.size,
      })
      return { status: 'completed' as const, importId, report }
    })
  } catch (error) {
    if (!(error instanceof RollBack)) throw error
    if (options.dryRun) return { status: 'dry_run', importId: null, report: error.report }
    return finishFailed(db, options, profile, error.report, facts.sha256)
  }
}

async function finishFailed(
  db: Database,
  options: ImportOptions,
  profile: unknown,
  report: ImportReport,
  sha256: string | null,
): Promise<ImportResult> {
  if (options.dryRun) return { status: 'dry_run', importId: null, report }
  const [row] = await db.transaction((tx) =>
    tx.query<{ id: number }>(
      `insert into data_import (organization_id, kind, source_name, file_name, source_sha256,
                                status, row_count, report, profile, finished_at)
       values ($1, 'observations', $2, $2, $3, 'failed', 0, $4, $5, now()) returning id`,
      [
        options.organizationId,
        report.file,
        sha256,
        JSON.stringify(report),
        JSON.stringify(profile),
      ],
    ),
  )
  return { status: 'failed', importId: row!.id, report }
}

async function findSameImport(
  db: Queryable,
  organizationId: number,
  sha256: string,
  mapping: ImportMapping,
): Promise<{ id: number; report: ImportReport } | null> {
  const [row] = await db.query<{ id: number; report: ImportReport }>(
    `select id, report from data_import
      where organization_id = $1 and kind = 'observations' and status = 'completed'
        and source_sha256 = $2 and profile -> 'mapping' = $3::jsonb
      order by id desc limit 1`,
    [organizationId, sha256, JSON.stringify(mapping)],
  )
  return row ?? null
}

function emptyReport(
  file: string,
  sha256: string,
  bytes: number,
  mapping: ImportMapping,
): ImportReport {
  return {
    file,
    sha256,
    bytes,
    format: null,
    encoding: null,
    delimiter: null,
    sheet: null,
    entry: null,
    decimal: {
      separator: mapping.decimal ?? ',',
      decidedBy: mapping.decimal ? 'mapping' : 'default',
      example: null,
    },
    genesis: null,
    rows: 0,
    values: 0,
    observations: 0,
    replaced: 0,
    skipped: { empty: 0, unknownAreas: 0, unknownVariables: 0 },
    areas: 0,
    variables: [],
    periods: null,
    errors: 0,
    warnings: 0,
    counts: {},
    problems: [],
    truncated: false,
    milliseconds: 0,
  }
}

function finalise(report: ImportReport, problems: ProblemCollector, started: number): ImportReport {
  report.errors = problems.errors
  report.warnings = problems.warnings
  report.counts = problems.counts
  report.problems = problems.problems
  report.truncated = problems.truncated
  report.milliseconds = Math.round(performance.now() - started)
  return report
}

// ---------------------------------------------------------------------------------------------
// reading the file

const PROGRESS_EVERY = 5_000

async function runImport(
  tx: Queryable,
  importId: number,
  facts: FileFacts,
  mapping: ImportMapping,
  options: ImportOptions,
  limits: ReadLimits,
  started: number,
): Promise<ImportReport> {
  const organizationId = options.organizationId
  const range = options.periodRange ?? defaultPeriodRange()
  const chunkSize = options.chunkSize ?? 25_000
  const progress = options.onProgress ?? (() => undefined)
  const report = emptyReport(facts.name, facts.sha256, facts.size, mapping)
  const problems = new ProblemCollector(facts.name)

  let table: OpenedTable | null = null
  let genesis: GenesisInfo | null = null
  let stats: PipelineStats | null = null
  try {
    table = await openTable(options.input, facts, {
      limits,
      encoding: mapping.encoding,
      delimiter: mapping.delimiter,
      sheet: mapping.sheet,
    })
    report.format = table.kind
    report.encoding = table.encoding
    report.delimiter = table.delimiter
    report.sheet = table.sheet
    report.entry = table.entry

    const rows = peekable(table.rows)
    const first = await rows.peek()
    if (first === null) {
      problems.add('EMPTY_FILE', { row: null }, 'a header row and data rows', 'an empty file')
      return finalise(report, problems, started)
    }
    const detected = detectGenesisFormat(first.cells)
    let format: ImportFormat
    if (mapping.format === 'auto') format = detected ?? 'table'
    else if (mapping.format === 'genesis-ffcsv' && detected === 'genesis-ffcsv-legacy')
      format = detected
    else format = mapping.format
    report.format = format === 'table' ? table.kind : format

    const areaKey = mapping.areaKey ?? (format === 'table' ? 'code' : 'ags')
    const parseKey: ((cell: string | number) => ParsedOfficialKey) | null =
      areaKey === 'ags' ? parseAgs : areaKey === 'ars' ? parseArs : null
    const normalise = (code: string): string | null => {
      if (parseKey === null) return code.trim()
      const parsed = parseKey(code)
      return parsed.kind === 'key' ? parsed.key : null
    }
    const lookups = await loadLookups(tx, organizationId, mapping, normalise)
    if (mapping.layer !== undefined && !lookups.layers.includes(mapping.layer)) {
      problems.add(
        'UNKNOWN_LAYER',
        { row: null },
        `one of the organisation's layers: ${lookups.layers.join(', ') || 'none'}`,
        quote(mapping.layer),
      )
      return finalise(report, problems, started)
    }

    // Records from the file, whatever its format.
    let records: AsyncIterable<RawRecord>
    let headerRow = mapping.headerRow
    const rowCounter = { rows: 0, lastRow: -1 }
    const countRow = (row: number) => {
      if (row === rowCounter.lastRow) return
      rowCounter.lastRow = row
      if (++rowCounter.rows > limits.maxRows) {
        throw new FileReadError(
          'TOO_MANY_ROWS',
          `The file has more than ${limits.maxRows.toLocaleString('en-GB')} data rows, the most one import takes. Split it.`,
          { row },
        )
      }
      if (rowCounter.rows % PROGRESS_EVERY === 0) {
        progress({
          phase: 'reading',
          rows: rowCounter.rows,
          bytesRead: table!.bytesRead(),
          totalBytes: facts.size,
        })
      }
    }
    let variablesPerRow: boolean
    if (format === 'table') {
      const layout = await tableLayout(rows, mapping, problems)
      if (layout === null) return finalise(report, problems, started)
      headerRow = layout.headerRow
      variablesPerRow = layout.layout.long !== null
      records = tableRecords(rows, layout.layout, headerRow + mapping.skipRows, countRow)
    } else {
      const read = readGenesis(rows, format, { areaDimension: mapping.areaDimension })
      genesis = read.info
      variablesPerRow = format !== 'genesis-table'
      records = countedRecords(read.records, countRow)
      headerRow = first.row
    }

    stats = await processRecords(tx, {
      importId,
      organizationId,
      mapping,
      format,
      records,
      lookups,
      parseKey,
      range,
      chunkSize,
      problems,
      report,
      variablesPerRow,
      headerRow,
      genesis: () => genesis,
    })
    report.rows = rowCounter.rows
    if (report.observations === 0 && problems.errors === 0) {
      problems.add(
        'NO_OBSERVATIONS',
        { row: null },
        'at least one value to import',
        `${report.rows} data rows, ${report.values} values: ${report.skipped.empty} empty, ${report.skipped.unknownAreas} of unknown areas, ${report.skipped.unknownVariables} of unmapped variables`,
      )
    }
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error
    problems.add(
      error.code,
      {
        row: error.where.row ?? null,
        column: error.where.column === undefined ? null : error.where.column - 1,
      },
      'a file within the limits that can be read',
      error.message,
    )
  }
  if (genesis !== null) {
    const info: GenesisInfo = genesis
    report.genesis = { table: info.table, title: info.title, footer: info.footer }
  }
  if (stats !== null) {
    report.areas = stats.areas.size
    report.variables = [...stats.variables].sort()
    report.periods =
      stats.firstPeriod <= stats.lastPeriod
        ? { first: stats.firstPeriod, last: stats.lastPeriod }
        : null
  }
  progress({ phase: 'checking', rows: report.rows, bytesRead: facts.size, totalBytes: facts.size })
  return finalise(report, problems, started)
}

interface PeekableRows extends AsyncIterable<TableRow> {
  peek(): Promise<TableRow | null>
}

function peekable(source: AsyncGenerator<TableRow>): PeekableRows {
  let buffered: TableRow[] = []
  return {
    async peek() {
      if (buffered.length === 0) {
        const next = await source.next()
        if (next.done) return null
        buffered = [next.value]
      }
      return buffered[0]!
    },
    async *[Symbol.asyncIterator]() {
      while (buffered.length > 0) yield buffered.shift()!
      yield* source
    },
  }
}

async function tableLayout(rows: PeekableRows, mapping: ImportMapping, problems: ProblemCollector) {
  // Rows before the header row are titles; the header row is the first row at or after headerRow.
  for (;;) {
    const row = await rows.peek()
    if (row === null) {
      problems.add(
        'MISSING_COLUMN',
        { row: mapping.headerRow },
        `a header row in row ${mapping.headerRow}`,
        'the end of the file',
      )
      return null
    }
    if (row.row >= mapping.headerRow && !isBlankRow(row.cells)) break
    await nextRow(rows)
  }
  const header = (await nextRow(rows))!
  const { layout, problems: layoutProblems } = resolveTableLayout(mapping, header.cells)
  problems.setColumns(header.cells.map((c) => String(c).trim()))
  for (const p of layoutProblems) {
    problems.add('MISSING_COLUMN', { row: header.row }, p.expected, p.found)
  }
  return layout === null ? null : { layout, headerRow: header.row }
}

async function nextRow(rows: PeekableRows): Promise<TableRow | null> {
  for await (const row of rows) return row
  return null
}

async function* tableRecords(
  rows: AsyncIterable<TableRow>,
  layout: NonNullable<ReturnType<typeof resolveTableLayout>['layout']>,
  lastSkipped: number,
  countRow: (row: number) => void,
): AsyncGenerator<RawRecord> {
  for await (const row of rows) {
    if (row.row <= lastSkipped || isBlankRow(row.cells)) continue
    if (isFooterRow(row.cells)) break
    countRow(row.row)
    yield* mapTableRow(layout, row)
  }
}

async function* countedRecords(
  records: AsyncIterable<RawRecord>,
  countRow: (row: number) => void,
): AsyncGenerator<RawRecord> {
  for await (const record of records) {
    countRow(record.row)
    yield record
  }
}
