/**
 * `planraum analyze <method> <file>`: runs an analysis method on any GeoJSON or CSV file and prints
 * JSON, so a method can be checked against other tools without importing data. The answers have
 * the shape of the HTTP API's (modules/analysis/methods.ts).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { ClassificationMethod } from '../../core/analysis/classify.js'
import { CLASSIFICATION_METHODS } from '../../core/analysis/classify.js'
import {
  computeSocialIndex,
  normalizeDefinition,
  sensitivity,
  SocialIndexError,
  type SocialIndexIndicator,
} from '../../core/analysis/socialIndex.js'
import { detectDecimal, parseValue, type DecimalSeparator } from '../../core/format/numbers.js'
import type { MultiPolygon, Polygon, Position } from '../../core/geo/geojson.js'
import {
  buildWeights,
  classifyAnswer,
  ebAnswer,
  gearyAnswer,
  giStarAnswer,
  lisaAnswer,
  MethodInputError,
  moranAnswer,
  parseWeightsSpec,
  typologyAnswer,
  type AreaGeometries,
  type BuiltWeights,
} from '../../modules/analysis/methods.js'
import { FileReadError, resolveLimits } from '../../platform/io/limits.js'
import { inspectFile, openTable } from '../../platform/io/table.js'
import type { Command } from '../command.js'

const METHODS = {
  moran: "global Moran's I: expectation, variance, z, p (normality, randomisation), permutations",
  geary: "Geary's C: expectation, variance, z, p (normality, randomisation), permutations",
  lisa: "local Moran's I (LISA) per area with the cluster map classes",
  gistar: 'Getis-Ord Gi* z-values per area with hot and cold spots',
  ebsmooth: 'empirical Bayes smoothed rates (Marshall 1991), global or local',
  classify: 'class breaks (fisher, jenks, quantile, equal, stddev, pretty, manual) and GVF',
  index: 'social index: status, dynamics and the 4 × 3 classes (Berlin MSS defaults)',
  kmeans: 'k-means typology (k-means++, seeded) on standardised variables, silhouettes, profiles',
  ward: 'Ward typology on standardised variables, silhouettes, profiles',
} as const
type Method = keyof typeof METHODS

const WEIGHTS_HELP = `  --weights queen|rook|knn:<k>  neighbours (default queen): contiguity from GeoJSON polygons,
                          or the k nearest centroids (GeoJSON) or points (CSV: --x, --y)
  --style W|B             W row-standardised (default) or B binary weights
  --x <col> --y <col>     CSV point coordinates for knn (planar units)`

const METHOD_HELP: Record<Method, string> = {
  moran: `planraum analyze moran <file> --var <col> [options]
${WEIGHTS_HELP}
  --permutations <n>      random permutations for the pseudo p-value (default 999; 0 = none)
  --seed <n>              random seed (default 1)`,
  geary: `planraum analyze geary <file> --var <col> [options]
${WEIGHTS_HELP}
  --permutations <n>      random permutations for the pseudo p-value (default 999; 0 = none)
  --seed <n>              random seed (default 1)`,
  lisa: `planraum analyze lisa <file> --var <col> [options]
${WEIGHTS_HELP}
  --permutations <n>      conditional permutations per area (default 999; 0 = analytic p only)
  --seed <n>              random seed (default 1)
  --alpha <p>             significance level of the cluster classes (default 0.05)`,
  gistar: `planraum analyze gistar <file> --var <col> [options]
${WEIGHTS_HELP}
  --permutations <n>      conditional permutations per area (default 0 = analytic p only)
  --seed <n>              random seed (default 1)
  --alpha <p>             significance level of hot and cold spots (default 0.05)`,
  ebsmooth: `planraum analyze ebsmooth <file> --events <col> --population <col> [options]
  --kind global|local     towards the overall rate (default) or the rate of each area's neighbourhood
  --scale <n>             multiply rates by n, e.g. 1000 for per mille (default 1)
${WEIGHTS_HELP}
                          (weights only for --kind local)`,
  classify: `planraum analyze classify <file> --var <col> [options]
  --method <m>            ${CLASSIFICATION_METHODS.join(', ')} (default fisher)
  --k <n>, --classes <n>  number of classes (default 5)
  --breaks <a,b,…>        for --method manual: inner breaks or all bounds`,
  index: `planraum analyze index <file> --vars <a,b,-c> [options]
  --vars <cols>           the indicators; a leading "-" means higher values mean LESS
                          disadvantage (direction −1), e.g. --vars unemployment,-employment_rate
  --indicator-weights <w,…>  relative weights in the order of --vars (default all 1)
  --population <col>      residents (for --min-population and --weighting population)
  --min-population <n>    areas with fewer residents are excluded (default 300; 0 = no minimum)
  --weighting unweighted|population   z-scores per area (default) or per resident
  --previous <cols>       the same indicators N years earlier, in the order of --vars (dynamics)
  --dynamics-years <n>    N, for the record (default 2)
  --thresholds <a,b,c>    status class bounds in SDs (default -1,1,1.5)
  --dynamics-thresholds <a,b>  dynamics class bounds in SDs (default -1,1)
  --sensitivity           also list the areas whose class changes when an indicator is dropped
                          or its weight halved or doubled`,
  kmeans: `planraum analyze kmeans <file> --vars <a,b,…> [options]
  --k <n>, --classes <n>  number of clusters (default 4)
  --seed <n>              random seed of the k-means++ starts (default 1)
  --max-k <n>             silhouette table for k = 2 … n (default 10)`,
  ward: `planraum analyze ward <file> --vars <a,b,…> [options]
  --k <n>, --classes <n>  number of clusters (default 4)
  --max-k <n>             silhouette table for k = 2 … n (default 10)`,
}

const USAGE = `planraum analyze <method> <file.geojson|file.csv> [options]

Runs an analysis method on a file and prints the result as JSON (the shape of the API's answers).
Values must be numbers in every row (a CSV may use German or English number format).

Methods:
${Object.entries(METHODS)
  .map(([m, s]) => `  ${m.padEnd(9)} ${s}`)
  .join('\n')}

Options of every method:
  --id <col>              the area id column / property (default "id" if present, else the
                          GeoJSON feature id, else the row number)
  --var <col>             the variable (moran, geary, lisa, gistar, classify)
  --vars <a,b,…>          the variables (index, kmeans, ward)
  --decimal ,|.           CSV decimal separator (default: detected)

${Object.values(METHOD_HELP).join('\n\n')}

Run "planraum analyze help <method>" for one method's options.
Examples:
  planraum analyze moran columbus.geojson --var CRIME --weights queen --permutations 999
  planraum analyze ebsmooth nc_sids.geojson --events SID74 --population BIR74 --scale 1000
  planraum analyze index areas.csv --vars unemployment,sgb2,-employment --population residents`

/** A problem with the command line or the file, reported in one line. */
class AnalyzeError extends Error {
  override name = 'AnalyzeError'
}

/** The rows of a file: ids, named values (strings or numbers as found), optional geometry. */
interface Table {
  file: string
  kind: 'geojson' | 'csv'
  columns: string[]
  /** "row 5" (CSV, as a spreadsheet shows it) or "feature 5". */
  where: string[]
  records: Record<string, unknown>[]
  polygons: (Polygon | MultiPolygon | null)[] | null
  decimal: DecimalSeparator
}

async function readGeoJson(file: string): Promise<Table> {
  const name = path.basename(file)
  const content = await readFile(file, 'utf8')
  let document: unknown
  try {
    document = JSON.parse(content)
  } catch (error) {
    throw new AnalyzeError(`${name} is not valid JSON: ${(error as Error).message}`)
  }
  const collection = document as { type?: unknown; features?: unknown }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new AnalyzeError(
      `${name}: expected a GeoJSON FeatureCollection, got ${collection?.type === undefined ? 'no "type"' : `type "${String(collection.type)}"`}.`,
    )
  }
  const features = collection.features as {
    id?: unknown
    properties?: Record<string, unknown> | null
    geometry?: { type?: string } | null
  }[]
  const columns = new Set<string>()
  const polygons = features.map((f, i) => {
    for (const key of Object.keys(f.properties ?? {})) columns.add(key)
    const g = f.geometry
    if (g === null || g === undefined) return null
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      throw new AnalyzeError(
        `${name} feature ${i + 1}: expected a Polygon or MultiPolygon geometry, got ${String(g.type)}.`,
      )
    }
    return g as Polygon | MultiPolygon
  })
  return {
    file: name,
    kind: 'geojson',
    columns: [...columns],
    where: features.map((_, i) => `feature ${i + 1}`),
    records: features.map((f) => ({
      ...(f.id === undefined ? {} : { '@id': f.id }),
      ...(f.properties ?? {}),
    })),
    polygons,
    decimal: '.',
  }
}

async function readCsv(file: string, decimal: string | undefined): Promise<Table> {
  const name = path.basename(file)
  const limits = resolveLimits()
  const facts = await inspectFile({ path: file }, limits)
  const table = await openTable({ path: file }, facts, { limits })
  let header: string[] | null = null
  const where: string[] = []
  const records: Record<string, unknown>[] = []
  for await (const { row, cells } of table.rows) {
    if (header === null) {
      header = cells.map((c) => String(c).trim())
      continue
    }
    if (cells.every((c) => String(c).trim() === '')) continue
    where.push(`row ${row}`)
    records.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])))
  }
  if (header === null) throw new AnalyzeError(`${name} is empty: expected a header row.`)
  let sep: DecimalSeparator
  if (decimal === ',' || decimal === '.') sep = decimal
  else if (decimal !== undefined) {
    throw new AnalyzeError(`--decimal: expected "," or ".", got "${decimal}".`)
  } else {
    const guess = detectDecimal(records.flatMap((r) => Object.values(r).map(String))).decimal
    sep = guess ?? (table.delimiter === ',' ? '.' : ',')
  }
  return { file: name, kind: 'csv', columns: header, where, records, polygons: null, decimal: sep }
}

async function readTable(file: string, decimal: string | undefined): Promise<Table> {
  const ext = path.extname(file).toLowerCase()
  try {
    if (ext === '.geojson' || ext === '.json') return await readGeoJson(file)
    if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return await readCsv(file, decimal)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AnalyzeError(`The file ${file} does not exist.`)
    }
    if (error instanceof FileReadError) throw new AnalyzeError(error.message)
    throw error
  }
  throw new AnalyzeError(
    `Expected a .geojson or .csv file, got "${path.basename(file)}" (ending "${ext || 'none'}").`,
  )
}

function requireColumn(table: Table, column: string, option: string): void {
  if (!table.columns.includes(column)) {
    throw new AnalyzeError(
      `${option}: ${table.file} has no ${table.kind === 'csv' ? 'column' : 'property'} "${column}"; ${table.kind === 'csv' ? 'columns' : 'properties'}: ${table.columns.join(', ')}.`,
    )
  }
}

/** One number per row of a column; anything else is an error naming file, row and value. */
function numbers(table: Table, column: string, option: string): number[] {
  requireColumn(table, column, option)
  return table.records.map((record, i) => {
    const cell = record[column]
    const at = `${table.file} ${table.where[i]}, ${table.kind === 'csv' ? 'column' : 'property'} "${column}"`
    if (typeof cell === 'number' && Number.isFinite(cell)) return cell
    if (typeof cell === 'string') {
      const parsed = parseValue(cell, table.decimal)
      if (parsed.kind === 'value' && parsed.value !== null && parsed.status === null) {
        return parsed.value
      }
      if (parsed.kind === 'empty') throw new AnalyzeError(`${at} is empty; expected a number.`)
      throw new AnalyzeError(
        `${at}: expected ${table.decimal === ',' ? 'a number in German format (1234 or 1.234,5)' : 'a number (1234 or 1234.5)'}, got "${cell}".`,
      )
    }
    throw new AnalyzeError(
      `${at}: expected a number, got ${cell === undefined ? 'nothing' : JSON.stringify(cell)}.`,
    )
  })
}

function ids(table: Table, column: string | undefined): string[] {
  if (column !== undefined) requireColumn(table, column, '--id')
  const key =
    column ??
    (table.columns.includes('id')
      ? 'id'
      : table.records.every((r) => r['@id'] !== undefined)
        ? '@id'
        : null)
  const out = table.records.map((r, i) => (key === null ? String(i + 1) : String(r[key] ?? '')))
  const seen = new Map<string, number>()
  out.forEach((id, i) => {
    if (id === '') throw new AnalyzeError(`${table.file} ${table.where[i]}: the id is empty.`)
    const first = seen.get(id)
    if (first !== undefined) {
      throw new AnalyzeError(
        `${table.file} ${table.where[i]}: the id "${id}" was already used in ${table.where[first]}; ids must be unique (choose another --id).`,
      )
    }
    seen.set(id, i)
  })
  return out
}

type Values = Record<string, string | boolean | undefined>

const text = (values: Values, key: string) =>
  typeof values[key] === 'string' ? (values[key] as string) : undefined

function required(values: Values, key: string, method: string): string {
  const value = text(values, key)
  if (value === undefined || value.trim() === '') {
    throw new AnalyzeError(`${method} needs --${key} <column>.`)
  }
  return value
}

function integer(values: Values, key: string, fallback: number, min: number, max: number): number {
  const raw = text(values, key)
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new AnalyzeError(`--${key}: expected a whole number from ${min} to ${max}, got "${raw}".`)
  }
  return n
}

function decimalNumber(values: Values, key: string, fallback: number): number {
  const raw = text(values, key)
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(n)) {
    throw new AnalyzeError(`--${key}: expected a number, got "${raw}".`)
  }
  return n
}

function numberList(values: Values, key: string, length?: number): number[] | undefined {
  const raw = text(values, key)
  if (raw === undefined) return undefined
  const list = raw.split(',').map((s) => Number(s.trim()))
  if (list.some((n, i) => !Number.isFinite(n) || raw.split(',')[i]!.trim() === '')) {
    throw new AnalyzeError(`--${key}: expected numbers separated by commas, got "${raw}".`)
  }
  if (length !== undefined && list.length !== length) {
    throw new AnalyzeError(`--${key}: expected ${length} numbers, got ${list.length} ("${raw}").`)
  }
  return list
}

function columnList(values: Values, key: string, method: string): string[] {
  const list = required(values, key, method)
    .split(',')
    .map((s) => s.trim())
  if (list.some((s) => s === '' || s === '-')) {
    throw new AnalyzeError(
      `--${key}: expected column names separated by commas, got "${text(values, key)}".`,
    )
  }
  return list
}

function weightsOf(values: Values, table: Table, areaIds: string[]): BuiltWeights {
  const style = text(values, 'style') ?? 'W'
  if (style !== 'W' && style !== 'B') {
    throw new AnalyzeError(`--style: expected W (row-standardised) or B (binary), got "${style}".`)
  }
  const spec = parseWeightsSpec(text(values, 'weights') ?? 'queen')
  const geometry: AreaGeometries = {}
  if (table.polygons) geometry.polygons = table.polygons
  const x = text(values, 'x')
  const y = text(values, 'y')
  if ((x === undefined) !== (y === undefined)) throw new AnalyzeError('Give both --x and --y.')
  if (x !== undefined && y !== undefined) {
    const xs = numbers(table, x, '--x')
    const ys = numbers(table, y, '--y')
    geometry.points = xs.map((v, i): Position => [v, ys[i]!])
  }
  if (spec.kind !== 'knn' && !table.polygons) {
    throw new AnalyzeError(
      `--weights ${spec.kind} needs polygons: use a GeoJSON file, or --weights knn:<k> with --x and --y for a CSV.`,
    )
  }
  return buildWeights(spec, geometry, style, areaIds)
}

function run(method: Method, table: Table, values: Values): unknown {
  const areaIds = ids(table, text(values, 'id'))
  const base = { file: table.file, n: areaIds.length }
  const permutations = (fallback: number) => integer(values, 'permutations', fallback, 0, 99_999)
  const seed = integer(values, 'seed', 1, -2_147_483_648, 2_147_483_647)
  const alpha = decimalNumber(values, 'alpha', 0.05)
  if (!(alpha > 0 && alpha < 1)) {
    throw new AnalyzeError(`--alpha: expected a level between 0 and 1, got ${alpha}.`)
  }
  const k = (fallback: number) =>
    integer(values, 'k', integer(values, 'classes', fallback, 1, 1000), 1, 1000)

  switch (method) {
    case 'moran':
    case 'geary': {
      const variable = required(values, 'var', method)
      const x = numbers(table, variable, '--var')
      const built = weightsOf(values, table, areaIds)
      const options = { permutations: permutations(999), seed }
      const answer =
        method === 'moran' ? moranAnswer(x, built, options) : gearyAnswer(x, built, options)
      return { ...base, variable, ...answer }
    }
    case 'lisa':
    case 'gistar': {
      const variable = required(values, 'var', method)
      const x = numbers(table, variable, '--var')
      const built = weightsOf(values, table, areaIds)
      const options = { permutations: permutations(method === 'lisa' ? 999 : 0), seed, alpha }
      const answer =
        method === 'lisa'
          ? lisaAnswer(areaIds, x, built, options)
          : giStarAnswer(areaIds, x, built, options)
      return { ...base, variable, ...answer }
    }
    case 'ebsmooth': {
      const events = numbers(table, required(values, 'events', method), '--events')
      const population = numbers(table, required(values, 'population', method), '--population')
      const kind = text(values, 'kind') ?? 'global'
      if (kind !== 'global' && kind !== 'local') {
        throw new AnalyzeError(`--kind: expected global or local, got "${kind}".`)
      }
      const built = kind === 'local' ? weightsOf(values, table, areaIds) : null
      const scale = decimalNumber(values, 'scale', 1)
      return { ...base, ...ebAnswer(areaIds, events, population, kind, built, scale) }
    }
    case 'classify': {
      const variable = required(values, 'var', method)
      const x = numbers(table, variable, '--var')
      const name = text(values, 'method') ?? 'fisher'
      if (!(CLASSIFICATION_METHODS as readonly string[]).includes(name)) {
        throw new AnalyzeError(
          `--method: expected one of ${CLASSIFICATION_METHODS.join(', ')}, got "${name}".`,
        )
      }
      const breaks = numberList(values, 'breaks')
      if (name === 'manual' && !breaks) throw new AnalyzeError('--method manual needs --breaks.')
      const answer = classifyAnswer(areaIds, x, name as ClassificationMethod, k(5), breaks)
      return { ...base, variable, ...answer }
    }
    case 'kmeans':
    case 'ward': {
      const variables = columnList(values, 'vars', method)
      const columns = variables.map((v) => numbers(table, v, '--vars'))
      const answer = typologyAnswer(areaIds, variables, columns, {
        method: method === 'kmeans' ? 'kmeans' : 'ward',
        k: k(4),
        seed,
        maxK: integer(values, 'max-k', 10, 2, 1000),
      })
      return { ...base, ...answer }
    }
    case 'index':
      return runIndex(table, values, areaIds)
  }
}

function runIndex(table: Table, values: Values, areaIds: string[]): unknown {
  const vars = columnList(values, 'vars', 'index')
  const keys = vars.map((v) => (v.startsWith('-') ? v.slice(1) : v))
  const weights = numberList(values, 'indicator-weights', vars.length) ?? vars.map(() => 1)
  const indicators: SocialIndexIndicator[] = vars.map((v, i) => ({
    key: keys[i]!,
    direction: v.startsWith('-') ? -1 : 1,
    weight: weights[i]!,
  }))
  const status = numberList(values, 'thresholds', 3)
  const dynamics = numberList(values, 'dynamics-thresholds', 2)
  const weighting = text(values, 'weighting') ?? 'unweighted'
  if (weighting !== 'unweighted' && weighting !== 'population') {
    throw new AnalyzeError(`--weighting: expected unweighted or population, got "${weighting}".`)
  }
  const minPopulation = decimalNumber(values, 'min-population', 300)
  let definition
  try {
    definition = normalizeDefinition({
      indicators,
      weighting,
      minPopulation,
      dynamicsYears: integer(values, 'dynamics-years', 2, 1, 50),
      thresholds: {
        status: status
          ? { high: status[0]!, low: status[1]!, veryLow: status[2]! }
          : { high: -1, low: 1, veryLow: 1.5 },
        dynamics: dynamics
          ? { positive: dynamics[0]!, negative: dynamics[1]! }
          : { positive: -1, negative: 1 },
      },
    })
  } catch (error) {
    if (error instanceof SocialIndexError) throw new AnalyzeError(error.message)
    throw error
  }
  const populationColumn = text(values, 'population')
  if (populationColumn === undefined && (minPopulation > 0 || weighting === 'population')) {
    throw new AnalyzeError(
      'index needs --population <column> for the minimum population (or --min-population 0).',
    )
  }
  const population =
    populationColumn === undefined
      ? areaIds.map(() => Number.NaN)
      : numbers(table, populationColumn, '--population')
  const previousColumns =
    text(values, 'previous') === undefined ? null : columnList(values, 'previous', 'index')
  if (previousColumns && previousColumns.length !== keys.length) {
    throw new AnalyzeError(
      `--previous: expected ${keys.length} columns (one per --vars entry, same order), got ${previousColumns.length}.`,
    )
  }
  const input = {
    areas: areaIds,
    population,
    values: Object.fromEntries(keys.map((k) => [k, numbers(table, k, '--vars')])),
    previous: previousColumns
      ? Object.fromEntries(
          keys.map((k, i) => [k, numbers(table, previousColumns[i]!, '--previous')]),
        )
      : undefined,
  }
  try {
    const result = computeSocialIndex(definition, input)
    return {
      file: table.file,
      method: 'index',
      n: areaIds.length,
      ...result,
      ...(values.sensitivity === true
        ? { sensitivity: sensitivity(definition, input).variants }
        : {}),
    }
  } catch (error) {
    if (error instanceof SocialIndexError) throw new AnalyzeError(error.message)
    throw error
  }
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary:
    'run an analysis method (moran, lisa, classify, index, kmeans …) on a GeoJSON or CSV file',
  usage: USAGE,
  options: {
    var: { type: 'string' },
    vars: { type: 'string' },
    id: { type: 'string' },
    weights: { type: 'string' },
    style: { type: 'string' },
    x: { type: 'string' },
    y: { type: 'string' },
    k: { type: 'string' },
    classes: { type: 'string' },
    method: { type: 'string' },
    breaks: { type: 'string' },
    permutations: { type: 'string' },
    seed: { type: 'string' },
    alpha: { type: 'string' },
    events: { type: 'string' },
    population: { type: 'string' },
    kind: { type: 'string' },
    scale: { type: 'string' },
    'min-population': { type: 'string' },
    weighting: { type: 'string' },
    'indicator-weights': { type: 'string' },
    previous: { type: 'string' },
    'dynamics-years': { type: 'string' },
    thresholds: { type: 'string' },
    'dynamics-thresholds': { type: 'string' },
    sensitivity: { type: 'boolean' },
    'max-k': { type: 'string' },
    decimal: { type: 'string' },
  },
  async run(values, positionals) {
    const [method, file, ...extra] = positionals
    if (method === 'help') {
      const topic = file as Method | undefined
      if (topic !== undefined && !(topic in METHODS)) {
        console.error(
          `planraum analyze: no method "${topic}". Methods: ${Object.keys(METHODS).join(', ')}.`,
        )
        return 2
      }
      console.log(topic === undefined ? USAGE : `${METHODS[topic]}\n\n${METHOD_HELP[topic]}`)
      return 0
    }
    if (method === undefined) {
      console.error(`planraum analyze: expected a method and a file.\n\n${USAGE}`)
      return 2
    }
    if (!(method in METHODS)) {
      console.error(
        `planraum analyze: unknown method "${method}". Methods: ${Object.keys(METHODS).join(', ')}.`,
      )
      return 2
    }
    if (file === undefined || extra.length > 0) {
      console.error(
        `planraum analyze ${method}: expected one file, got ${file === undefined ? 'none' : positionals.slice(1).join(' ')}.\n\n${METHOD_HELP[method as Method]}`,
      )
      return 2
    }
    try {
      const table = await readTable(file, text(values, 'decimal'))
      if (table.records.length === 0) throw new AnalyzeError(`${table.file} has no rows.`)
      const answer = run(method as Method, table, values)
      console.log(JSON.stringify(answer, null, 2))
      return 0
    } catch (error) {
      if (error instanceof AnalyzeError || error instanceof MethodInputError) {
        console.error(`planraum analyze ${method}: ${error.message}`)
        return 1
      }
      throw error
    }
  },
}
