/**
 * The checking and writing of an import: raw records → observations. Each value is checked
 * (variable, area, period, number, sign, duplicate) and written in chunks with one
 * `insert … select from unnest(…)` that also saves the values it replaces; after the last chunk,
 * numerators are checked against denominators on the data as they stand. Memory: one chunk, the
 * caches of codes, and a compact set of the keys seen (for duplicates and for locating problems).
 */
import { detectDecimal, parseValue, type DecimalSeparator } from '../../../core/format/numbers.js'
import { arsToAgs, parseAgs, type ParsedOfficialKey } from '../../../core/format/officialKeys.js'
import { parsePeriod } from '../../../core/format/periods.js'
import type { Queryable } from '../../../platform/db/index.js'
import type { GenesisInfo } from '../../../platform/io/genesis.js'
import { columnLetter } from '../../../platform/io/xlsx.js'
import { KeySet } from './keySet.js'
import type { Lookups, VariableInfo } from './lookups.js'
import type { ImportFormat, ImportMapping, RawRecord } from './mapping.js'
import { quote, type ImportReport, type ProblemCollector } from './report.js'
import { RATIO_RULES } from './rules.js'

/** Records looked at before the decimal separator is decided (when the data do not tell sooner). */
const DECIMAL_SAMPLE = 10_000

export interface PipelineStats {
  areas: Set<number>
  variables: Set<string>
  firstPeriod: number
  lastPeriod: number
}

export interface PipelineContext {
  importId: number
  organizationId: number
  mapping: ImportMapping
  format: ImportFormat
  records: AsyncIterable<RawRecord>
  lookups: Lookups
  parseKey: ((cell: string | number) => ParsedOfficialKey) | null
  range: { min: number; max: number }
  chunkSize: number
  problems: ProblemCollector
  report: ImportReport
  variablesPerRow: boolean
  headerRow: number
  genesis: () => GenesisInfo | null
}

const VALUE_STATUSES = new Set(['-', '.', 'x', '/', '...'])
const FLAG_STATUSES = new Set(['p', 'r', 's'])

/** Checks and writes the records of a file; problems go to `ctx.problems`, counts to `ctx.report`. */
export async function processRecords(tx: Queryable, ctx: PipelineContext): Promise<PipelineStats> {
  const { mapping, lookups, problems, report, range } = ctx
  const stats: PipelineStats = {
    areas: new Set(),
    variables: new Set(),
    firstPeriod: Infinity,
    lastPeriod: -Infinity,
  }
  const nVariables = Math.max(1, lookups.variables.size)
  const nPeriods = range.max - range.min + 1
  const seen = new KeySet(1 << 16)
  const keyOf = (areaIndex: number, variableIndex: number, period: number) =>
    (areaIndex * nVariables + variableIndex) * nPeriods + (period - range.min)

  const official = lookups.officialKey === null ? null : parseAgs(lookups.officialKey)
  const officialAgs = ctx.parseKey !== null && official?.kind === 'key' ? official.key : null
  const toAgs = (key: string) => (key.length === 12 ? arsToAgs(key) : key)

  // Caches: the same codes repeat on every row.
  type AreaResult =
    | { id: number; index: number }
    | {
        code: 'MISSING_AREA' | 'INVALID_AREA_KEY' | 'UNKNOWN_AREA' | 'AMBIGUOUS_AREA'
        expected: string
      }
  const areaCache = new Map<string, AreaResult>()
  const resolveArea = (cell: string | number): AreaResult => {
    const raw = typeof cell === 'number' ? String(cell) : cell.trim()
    const cached = areaCache.get(raw)
    if (cached) return cached
    let result: AreaResult
    let key: string | null = raw
    if (raw === '') {
      result = { code: 'MISSING_AREA', expected: 'an area code' }
      key = null
    } else if (ctx.parseKey !== null) {
      const parsed = ctx.parseKey(cell)
      if (parsed.kind === 'error') {
        result = { code: 'INVALID_AREA_KEY', expected: parsed.expected }
        key = null
      } else {
        key = parsed.key
        result = { code: 'UNKNOWN_AREA', expected: '' }
      }
    } else {
      result = { code: 'UNKNOWN_AREA', expected: '' }
    }
    if (key !== null) {
      const match = lookups.areas.get(key)
      if (match && 'id' in match) result = match
      else if (match) {
        result = {
          code: 'AMBIGUOUS_AREA',
          expected: `a code that names one area; it names areas in the layers ${match.ambiguous.join(', ')}: set the layer`,
        }
      } else if (lookups.root && officialAgs !== null && toAgs(key) === officialAgs) {
        // The organisation's own AGS/ARS names the whole territory: its one coarsest area.
        result = lookups.root
      } else {
        result = {
          code: 'UNKNOWN_AREA',
          expected: `the code of a current area of ${mapping.layer ? `the layer ${mapping.layer}` : 'the organisation'}`,
        }
      }
    }
    if (areaCache.size < 100_000) areaCache.set(raw, result)
    return result
  }

  type VariableResult =
    VariableInfo | { code: 'UNKNOWN_VARIABLE'; expected: string; mapped: boolean }
  const variableCache = new Map<string, VariableResult>()
  const reportedVariables = new Set<string>()
  const resolveVariable = (source: string): VariableResult => {
    const cached = variableCache.get(source)
    if (cached) return cached
    let result: VariableResult
    const mapped = mapping.variables?.[source]
    const key = mapping.variables ? mapped : source
    if (key === undefined) {
      const names = Object.keys(mapping.variables ?? {})
      result = {
        code: 'UNKNOWN_VARIABLE',
        expected: `one of the mapped variables (${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}), or a mapping for this one`,
        mapped: false,
      }
    } else {
      const info = lookups.variables.get(key)
      result = info ?? {
        code: 'UNKNOWN_VARIABLE',
        expected:
          lookups.variables.size === 0
            ? 'a variable of the organisation (it has none yet)'
            : `a variable key of the organisation (e.g. ${[...lookups.variables.keys()].slice(0, 5).join(', ')}, …)${mapped === undefined ? '' : ` for "${source}"`}`,
        mapped: true,
      }
    }
    variableCache.set(source, result)
    return result
  }

  const periodCache = new Map<
    string,
    number | { code: 'INVALID_PERIOD' | 'PERIOD_OUT_OF_RANGE'; expected: string }
  >()
  const resolvePeriod = (cell: string | number) => {
    const raw = String(cell).trim()
    const cached = periodCache.get(raw)
    if (cached !== undefined) return cached
    const parsed = parsePeriod(cell)
    const result =
      parsed.kind === 'error'
        ? { code: 'INVALID_PERIOD' as const, expected: parsed.expected }
        : parsed.year < range.min || parsed.year > range.max
          ? {
              code: 'PERIOD_OUT_OF_RANGE' as const,
              expected: `a year from ${range.min} to ${range.max}`,
            }
          : parsed.year
    if (periodCache.size < 10_000) periodCache.set(raw, result)
    return result
  }

  const skippedAreas = new Set<string>()
  let decimal: DecimalSeparator = mapping.decimal ?? ','
  let chunk = newChunk()
  const flush = async () => {
    if (chunk.variable.length === 0) return
    const [counts] = await tx.query<{ replaced: number; written: number }>(
      `with input as (
         select * from unnest($3::int[], $4::int[], $5::int[], $6::float8[], $7::text[])
                as t (variable_id, area_id, period, value, status)
       ), old as (
         insert into observation_replaced (organization_id, import_id, variable_id, area_id, period,
                                           value, status, previous_import_id)
         select o.organization_id, $2, o.variable_id, o.area_id, o.period, o.value, o.status, o.import_id
           from input i
           join observation o on o.organization_id = $1 and o.variable_id = i.variable_id
                              and o.area_id = i.area_id and o.period = i.period
         returning 1
       ), written as (
         insert into observation (organization_id, variable_id, area_id, period, value, status, import_id)
         select $1, variable_id, area_id, period, value, status, $2 from input
         on conflict (organization_id, variable_id, area_id, period) do update
            set value = excluded.value, status = excluded.status, import_id = excluded.import_id
         returning 1
       )
       select (select count(*) from old)::int as replaced, (select count(*) from written)::int as written`,
      [
        ctx.organizationId,
        ctx.importId,
        chunk.variable,
        chunk.area,
        chunk.period,
        chunk.value,
        chunk.status,
      ],
    )
    report.replaced += counts!.replaced
    chunk = newChunk()
  }

  let columnsKnown = false
  // Synchronous per value; the loop below flushes full chunks (no promise per value).
  const handle = (record: RawRecord): void => {
    if (!columnsKnown) {
      columnsKnown = true
      const info = ctx.genesis()
      if (info !== null) problems.setColumns(info.columns)
    }
    report.values++
    const at = (column: number | null) => ({ row: record.row, column })
    // variable
    const variable = resolveVariable(record.variable)
    if ('code' in variable) {
      const skip = mapping.unknownVariables === 'skip'
      if (skip) report.skipped.unknownVariables++
      if (ctx.variablesPerRow && !skip) {
        problems.add(
          variable.code,
          at(record.variableColumn),
          variable.expected,
          quote(record.variable),
        )
      } else if (!reportedVariables.has(record.variable)) {
        reportedVariables.add(record.variable)
        problems.add(
          variable.code,
          ctx.variablesPerRow
            ? at(record.variableColumn)
            : { row: ctx.headerRow, column: record.variableColumn },
          variable.expected,
          quote(record.variable),
          skip ? 'warning' : 'error',
        )
      }
      return
    }
    // value (first: empty cells are no observations, whatever else the row says)
    let parsed = parseValue(record.value, decimal)
    if (record.status !== null) {
      const flag = record.status.trim()
      if (parsed.kind === 'empty' && VALUE_STATUSES.has(flag)) {
        parsed = { kind: 'value', value: flag === '-' ? 0 : null, status: flag as '-' }
      } else if (parsed.kind === 'value' && parsed.status === null && FLAG_STATUSES.has(flag)) {
        parsed = { ...parsed, status: flag as 'p' }
      }
    }
    if (parsed.kind === 'empty') {
      report.skipped.empty++
      return
    }
    // area
    const area = resolveArea(record.area)
    if ('code' in area) {
      if (mapping.unknownAreas === 'skip' && area.code !== 'AMBIGUOUS_AREA') {
        report.skipped.unknownAreas++
        const raw = String(record.area).trim()
        if (!skippedAreas.has(raw) && skippedAreas.size < 10_000) {
          skippedAreas.add(raw)
          problems.add(
            area.code,
            at(record.areaColumn),
            area.expected || 'an area code',
            quote(record.area),
            'warning',
          )
        }
      } else {
        problems.add(
          area.code,
          at(record.areaColumn),
          area.expected || 'an area code',
          quote(record.area),
        )
      }
      return
    }
    // period
    let period: number
    if (record.period === null || String(record.period).trim() === '') {
      if (mapping.period === undefined) {
        problems.add(
          'MISSING_PERIOD',
          at(record.periodColumn),
          'a period in the file or a fixed period in the mapping (--period 2024)',
          '(empty)',
        )
        return
      }
      period = mapping.period
    } else {
      const resolved = resolvePeriod(record.period)
      if (typeof resolved !== 'number') {
        problems.add(
          resolved.code,
          at(record.periodColumn),
          resolved.expected,
          quote(record.period),
        )
        return
      }
      period = resolved
    }
    if (period < range.min || period > range.max) {
      problems.add(
        'PERIOD_OUT_OF_RANGE',
        at(record.periodColumn),
        `a year from ${range.min} to ${range.max}`,
        String(period),
      )
      return
    }
    if (parsed.kind === 'error') {
      problems.add('NOT_A_NUMBER', at(record.valueColumn), parsed.expected, quote(record.value))
      return
    }
    if (parsed.value !== null && parsed.value < 0 && variable.count) {
      problems.add(
        'NEGATIVE_COUNT',
        at(record.valueColumn),
        `a count of 0 or more (${variable.key} is counted in ${variable.unit})`,
        quote(record.value),
      )
      return
    }
    const first = seen.add(
      keyOf(area.index, variable.index, period),
      record.row,
      record.valueColumn,
    )
    if (first !== null) {
      problems.add(
        'DUPLICATE_ROW',
        at(record.valueColumn),
        'one value per area, variable and period',
        `a second value for ${lookups.areaCode.get(area.id)}, ${variable.key}, ${period}; the first is in row ${first.row}, column ${columnLetter(first.column)}`,
      )
      return
    }
    report.observations++
    stats.areas.add(area.id)
    stats.variables.add(variable.key)
    if (period < stats.firstPeriod) stats.firstPeriod = period
    if (period > stats.lastPeriod) stats.lastPeriod = period
    if (problems.errors === 0) {
      chunk.variable.push(variable.id)
      chunk.area.push(area.id)
      chunk.period.push(period)
      chunk.value.push(parsed.value)
      chunk.status.push(parsed.status)
    }
  }
  // Decide the decimal separator from the first values unless the mapping names it.
  const buffer: RawRecord[] = []
  const iterator = ctx.records[Symbol.asyncIterator]()
  if (mapping.decimal === undefined) {
    const samples: string[] = []
    for (;;) {
      const next = await iterator.next()
      if (next.done) break
      buffer.push(next.value)
      if (typeof next.value.value === 'string' && next.value.value.trim() !== '')
        samples.push(next.value.value)
      if (buffer.length % 500 === 0) {
        if (detectDecimal(samples).decimal !== null || buffer.length >= DECIMAL_SAMPLE) break
      }
    }
    const guess = detectDecimal(samples)
    // Undecided (only integers, or only ambiguous 1.234): a comma-separated file cannot use the
    // decimal comma unquoted, so it is English; anything else is German, the default.
    const byDelimiter = ctx.report.delimiter === ','
    decimal = guess.decimal ?? (byDelimiter ? '.' : ',')
    report.decimal = {
      separator: decimal,
      decidedBy: guess.decimal !== null ? 'data' : byDelimiter ? 'delimiter' : 'default',
      example: guess.example,
    }
  }
  for (const record of buffer) {
    handle(record)
    if (chunk.variable.length >= ctx.chunkSize) await flush()
  }
  buffer.length = 0
  for (;;) {
    const next = await iterator.next()
    if (next.done) break
    handle(next.value)
    if (chunk.variable.length >= ctx.chunkSize) await flush()
  }
  if (problems.errors === 0) await flush()
  if (problems.errors === 0 && report.observations > 0) {
    await checkRatios(tx, ctx, stats, seen, keyOf)
  }
  return stats
}

function newChunk() {
  return {
    variable: [] as number[],
    area: [] as number[],
    period: [] as number[],
    value: [] as (number | null)[],
    status: [] as (string | null)[],
  }
}

async function checkRatios(
  tx: Queryable,
  ctx: PipelineContext,
  stats: PipelineStats,
  seen: KeySet,
  keyOf: (areaIndex: number, variableIndex: number, period: number) => number,
): Promise<void> {
  const { lookups, problems } = ctx
  const severity = ctx.mapping.ratioCheck
  for (const rule of RATIO_RULES) {
    const numerator = rule.numerator.map((k) => lookups.variables.get(k))
    const denominator = rule.denominator.map((k) => lookups.variables.get(k))
    if (numerator.some((v) => !v) || denominator.some((v) => !v)) continue
    const all = [...numerator, ...denominator] as VariableInfo[]
    if (!all.some((v) => stats.variables.has(v.key))) continue
    const numeratorIds = numerator.map((v) => v!.id)
    const denominatorIds = denominator.map((v) => v!.id)
    const violations = await tx.query<{
      areaId: number
      period: number
      numerator: number
      denominator: number
    }>(
      `select o.area_id as "areaId", o.period,
              sum(o.value) filter (where o.variable_id = any($3::int[]))::float8 as numerator,
              sum(o.value) filter (where o.variable_id = any($4::int[]))::float8 as denominator
         from observation o
        where o.organization_id = $1 and o.variable_id = any($5::int[])
          and (o.area_id, o.period) in (
                select distinct area_id, period from observation
                 where organization_id = $1 and import_id = $2 and variable_id = any($5::int[]))
        group by o.area_id, o.period
       having count(o.value) filter (where o.variable_id = any($3::int[])) = cardinality($3::int[])
          and count(o.value) filter (where o.variable_id = any($4::int[])) = cardinality($4::int[])
          and sum(o.value) filter (where o.variable_id = any($3::int[]))
              > sum(o.value) filter (where o.variable_id = any($4::int[])) + 1e-9
        order by o.area_id, o.period
        limit 1001`,
      [ctx.organizationId, ctx.importId, numeratorIds, denominatorIds, all.map((v) => v.id)],
    )
    for (const v of violations) {
      const areaIndex = lookups.areaIndex.get(v.areaId)!
      let where: { row: number; column: number } | null = null
      for (const variable of all) {
        where = seen.get(keyOf(areaIndex, variable.index, v.period))
        if (where) break
      }
      problems.add(
        'NUMERATOR_ABOVE_DENOMINATOR',
        where ?? { row: null },
        `${rule.description}: at most ${formatNumber(v.denominator)} (${rule.denominator.length > 1 ? `sum of ${rule.denominator.length} variables` : rule.denominator[0]})`,
        `${rule.numerator.join(' + ')} = ${formatNumber(v.numerator)} for area ${lookups.areaCode.get(v.areaId)} in ${v.period}`,
        severity,
      )
    }
  }
}

function formatNumber(n: number): string {
  return n.toLocaleString('de-DE', { maximumFractionDigits: 6 })
}
