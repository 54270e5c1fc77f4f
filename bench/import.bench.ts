/**
 * Benchmark: Planraum's statistics import (importObservations, src/modules/monitoring/imports)
 * against PostgreSQL's COPY of the same rows into the same database. See bench/README.md.
 *
 *   npx tsx bench/import.bench.ts                  # 1,000,000 rows, 3 runs per side
 *   BENCH_SCALE=0.1 npx tsx bench/import.bench.ts  # 100,000 rows (a quick run)
 *
 * Settings: BENCH_SCALE (1 = 1,000,000 rows), BENCH_RUNS (3; 1 when BENCH_SCALE < 0.5),
 * BENCH_SEED (2025), BENCH_PGLITE (1; 0 skips the embedded database), BENCH_DATABASE_URL (a
 * superuser connection to the server; default DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test). A database planraum_bench_<random> is created there and
 * dropped at the end. BENCH_DEBUG=1 prints psql's output, BENCH_EXPLAIN=1 the peer's plan.
 *
 * The file: long layout `Gebiet;Jahr;Merkmal;Wert` in UTF-8, German numbers (`12.345`,
 * `1.234,56`), 20 variables × 10 years × N municipalities (8-digit codes).
 *
 * Planraum: `importObservations` with a long mapping (layer, columns, `;`, decimal comma), from the
 * file on disk to committed rows in `observation`: inspection (SHA-256), parsing, checks (areas,
 * periods, variables, numbers, duplicates, negative counts, one numerator ≤ denominator rule),
 * chunked `insert … select from unnest(…) on conflict …` with the replaced-values bookkeeping.
 *
 * Peers (psql subprocesses, since pg-copy-streams is not installed), each timed from spawn to exit:
 * 1. the peer of the target: in one transaction, `\copy staging from FILE (format csv, delimiter
 *    ';', header)` into a temporary table of four text/int columns, `analyze staging`, then one
 *    `insert into observation … select … from staging join area join variable` that parses the
 *    German numbers in SQL (`replace(replace(value, '.', ''), ',', '.')::float8`). Same file, same
 *    target table with its indexes and foreign keys, same end state; no checks beyond the joins.
 * 2. `\copy observation (…) from` a file with the ids already resolved and plain numbers (written
 *    before, untimed): PostgreSQL's bulk-load ceiling for this table.
 * Also printed: the bare `\copy` into the unindexed staging table, out of peer 1.
 * Every run starts from an empty observation table (truncate, vacuum analyze, checkpoint).
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import type * as Imports from '../src/modules/monitoring/imports/index.js'
import { createRandom } from '../src/core/random.js'
import { migrate, openPglite, openPostgres, type Database } from '../src/platform/db/index.js'
import {
  count,
  cpuTime,
  envNumber,
  envString,
  heading,
  loadLine,
  machineLine,
  mib,
  ms,
  ratioLine,
  rss,
  summarise,
  timingLine,
  type Timing,
} from './support/measure.js'
import { StatementLog } from './support/statements.js'

const scale = envNumber('BENCH_SCALE', 1)
const settings = {
  scale,
  // One run per side in a quick run (BENCH_SCALE < 0.5), so that it stays under 30 s.
  runs: Math.round(envNumber('BENCH_RUNS', scale < 0.5 ? 1 : 3)),
  seed: Math.round(envNumber('BENCH_SEED', 2025)),
  pglite: process.env.BENCH_PGLITE !== '0',
  url: envString(
    'BENCH_DATABASE_URL',
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  ),
}

const YEARS = Array.from({ length: 10 }, (_, i) => 2015 + i)
/** 20 variables: key, unit (counts in Personen/Haushalte/…, two amounts with decimals). */
const VARIABLES: readonly (readonly [key: string, unit: string])[] = [
  ['pop_total', 'Personen'],
  ['pop_age_00_02', 'Personen'],
  ['pop_age_03_05', 'Personen'],
  ['pop_u18', 'Personen'],
  ['pop_65p', 'Personen'],
  ['pop_non_german', 'Personen'],
  ['births', 'Personen'],
  ['deaths', 'Personen'],
  ['moves_in', 'Personen'],
  ['moves_out', 'Personen'],
  ['households', 'Haushalte'],
  ['kita_u3', 'Kinder'],
  ['kita_3_6', 'Kinder'],
  ['sgb2_total', 'Personen'],
  ['unemployed_sgb2', 'Personen'],
  ['unemployed_sgb3', 'Personen'],
  ['employees_svb', 'Personen'],
  ['dwellings', 'Wohnungen'],
  ['living_space_m2', 'm²'],
  ['income_per_capita', 'EUR'],
]
const MAPPING = {
  format: 'table',
  layout: 'long',
  layer: 'gemeinde',
  areaColumn: 'Gebiet',
  periodColumn: 'Jahr',
  variableColumn: 'Merkmal',
  valueColumn: 'Wert',
  delimiter: ';',
  decimal: ',',
} as const

/** The import id the resolved file names (peer 2 creates its data_import row). */
const DIRECT_IMPORT_ID = 1_000_000
/** The state after the first import, which every later one (any side, any database) must match. */
const expected: { state: string | null } = { state: null }
const statements = new StatementLog()

const rowsWanted = Math.round(1_000_000 * settings.scale)
const perArea = YEARS.length * VARIABLES.length
const areaCount = Math.max(1, Math.ceil(rowsWanted / perArea))

heading('Statistics import vs PostgreSQL COPY')
console.log(machineLine())
console.log(loadLine())

const imports = await loadImporter()
if (imports === null) process.exit(0)

const dir = await mkdtemp(path.join(os.tmpdir(), 'planraum-bench-'))
try {
  const file = path.join(dir, 'observations.csv')
  let started = performance.now()
  const codes = Array.from({ length: areaCount }, (_, i) => String(1_001_000 + i).padStart(8, '0'))
  const rows = await writeCsv(file, codes, rowsWanted)
  const size = (await stat(file)).size
  console.log(
    `file: ${count(rows)} rows (${VARIABLES.length} variables × ${YEARS.length} years × ${count(codes.length)} municipalities), ${mib(size)}, written in ${ms(performance.now() - started)}`,
  )
  const limits = {
    maxRows: Math.max(1_000_000, rows),
    maxBytes: Math.max(64 * 1024 * 1024, size),
  }

  const server = await createServerDatabase()
  if (server !== null) {
    try {
      heading(`PostgreSQL server (${server.version})`)
      const org = await setUp(server.db, codes)
      const psql = spawnSync('psql', ['--version'], { encoding: 'utf8' }).status === 0
      // The direct COPY needs the rows with ids resolved: written here, not timed.
      const resolved = path.join(dir, 'observations_resolved.csv')
      if (psql) await writeResolvedCsv(server.db, org, file, resolved)
      const sides = ['ours', ...(psql ? ['staging', 'direct'] : [])] as const
      const wall = new Map<string, number[]>(sides.map((s) => [s, []]))
      const oursCpu: number[] = []
      const copyOnly: number[] = []
      for (let run = 0; run < settings.runs; run++) {
        // Rotate the order, so that no side always comes first after the reset.
        for (let k = 0; k < sides.length; k++) {
          const side = sides[(run + k) % sides.length] as (typeof sides)[number]
          await reset(server.db)
          const c0 = cpuTime()
          const t0 = performance.now()
          if (side === 'ours') {
            const result = await runImporter(imports, statements.wrap(server.db), {
              organizationId: org,
              input: { path: file },
              mapping: MAPPING,
              limits,
            })
            wall.get(side)!.push(performance.now() - t0)
            oursCpu.push(cpuTime() - c0)
            checkImport(result, rows)
          } else {
            const timing =
              side === 'staging'
                ? await psqlScript(server.url, dir, stagingScript(file, org))
                : await psqlScript(server.url, dir, directScript(resolved, org))
            wall.get(side)!.push(timing.total)
            if (side === 'staging') copyOnly.push(timing.copy)
          }
          await fingerprint(server.db, org, side, rows)
        }
      }
      const oursTiming = summarise(
        'Planraum import (importObservations)',
        wall.get('ours')!,
        oursCpu,
      )
      console.log(throughputLine(oursTiming, rows))
      console.log(
        `  cpu = this Node process only (reading, checking, sending); the rest is waiting for the server:\n${statements.report(settings.runs)}`,
      )
      if (psql) {
        const staging = summarise('COPY staging + insert-select (psql)', wall.get('staging')!)
        const copy = summarise('  of which \\copy into staging', copyOnly)
        const direct = summarise('COPY into observation (psql)', wall.get('direct')!)
        for (const t of [staging, copy, direct]) console.log(throughputLine(t, rows))
        heading('Result')
        const share = (peer: Timing) => peer.median / oursTiming.median
        console.log(
          `Planraum imports at ${percent(share(staging))} of the throughput of COPY into a staging table + insert-select (the peer; target ≥ 50 %: ${share(staging) >= 0.5 ? 'met' : 'NOT met'})`,
        )
        console.log(`  ${ratioLine(oursTiming, staging)}`)
        console.log(
          `Planraum imports at ${percent(share(direct))} of the throughput of COPY straight into observation (ids resolved beforehand, untimed; ≥ 50 %: ${share(direct) >= 0.5 ? 'met' : 'not met'})`,
        )
        console.log(
          `Planraum imports at ${percent(share(copy))} of the throughput of the bare \\copy into the unindexed staging table (no target)`,
        )
      } else {
        console.log(
          'COPY peers SKIPPED: psql is not installed (and pg-copy-streams is not either).',
        )
      }
      console.log(loadLine())
    } finally {
      await server.dispose()
    }
  }

  if (settings.pglite) {
    heading('PGlite (embedded, in memory; no peer)')
    started = performance.now()
    const db = await openPglite(undefined)
    try {
      await migrate(db)
      const org = await setUp(db, codes)
      console.log(`opened, migrated and set up in ${ms(performance.now() - started)} (not counted)`)
      const t0 = performance.now()
      const result = await runImporter(imports, db, {
        organizationId: org,
        input: { path: file },
        mapping: MAPPING,
        limits,
      })
      const timing = summarise('Planraum import into PGlite', [performance.now() - t0])
      checkImport(result, rows)
      await fingerprint(db, org, 'PGlite import', rows)
      console.log(throughputLine(timing, rows))
      console.log(`  process RSS ${mib(rss())}`)
    } finally {
      await db.close()
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}

/** The importer, or null with a message when it is not there (yet). */
async function loadImporter(): Promise<typeof Imports | null> {
  try {
    const mod = (await import('../src/modules/monitoring/imports/index.js')) as typeof Imports
    if (typeof mod.importObservations !== 'function') throw new Error('no importObservations')
    return mod
  } catch (error) {
    console.log(
      `SKIPPED: the importer (importObservations in src/modules/monitoring/imports) cannot be loaded: ${(error as Error).message}`,
    )
    return null
  }
}

/** Calls the importer; an exception says that it is the importer that failed, not the benchmark. */
async function runImporter(
  mod: typeof Imports,
  db: Database,
  options: Imports.ImportOptions,
): Promise<Imports.ImportResult> {
  try {
    return await mod.importObservations(db, options)
  } catch (error) {
    throw new Error(
      `The importer (importObservations in src/modules/monitoring/imports) threw: ${(error as Error).message}`,
      { cause: error },
    )
  }
}

/** Writes the CSV; returns the number of data rows. */
async function writeCsv(file: string, codes: string[], wanted: number): Promise<number> {
  const rng = createRandom(settings.seed)
  const out = createWriteStream(file, { encoding: 'utf8' })
  const write = (text: string) =>
    new Promise<void>((resolve, reject) =>
      out.write(text, (error) => (error ? reject(error) : resolve())),
    )
  await write('Gebiet;Jahr;Merkmal;Wert\n')
  let rows = 0
  let buffer = ''
  const values = new Float64Array(VARIABLES.length)
  for (const code of codes) {
    const size = Math.exp(rng.normal(Math.log(3000), 1.2))
    const growth = rng.normal(0, 0.01)
    const wealth = rng.uniform(15_000, 35_000)
    for (let y = 0; y < YEARS.length; y++) {
      drawValues(rng, size * (1 + growth) ** y, wealth, values)
      for (let v = 0; v < VARIABLES.length && rows < wanted; v++) {
        const decimals = v >= VARIABLES.length - 2 ? (v === VARIABLES.length - 1 ? 2 : 1) : 0
        buffer += `${code};${YEARS[y]};${VARIABLES[v]![0]};${german(values[v]!, decimals)}\n`
        rows++
      }
      if (buffer.length > 1 << 20) {
        await write(buffer)
        buffer = ''
      }
    }
  }
  await write(buffer)
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  )
  return rows
}

/** Counts of one municipality and year, consistent (kita_u3 ≤ pop_age_00_02 and so on). */
function drawValues(
  rng: ReturnType<typeof createRandom>,
  pop: number,
  wealth: number,
  out: Float64Array,
): void {
  const share = (n: number, p: number) => rng.round(n * Math.min(1, Math.max(0, p)))
  const total = Math.max(1, Math.round(pop * Math.exp(rng.normal(0, 0.003))))
  const u3 = share(total, 0.028)
  const a3_5 = share(total, 0.027)
  const households = share(total, 0.48)
  const dwellings = share(households, 1.02 - 0.04 * rng.next())
  const list = [
    total,
    u3,
    a3_5,
    share(total, 0.17),
    share(total, 0.22),
    share(total, rng.uniform(0.02, 0.25)),
    share(total, 0.0095),
    share(total, 0.012),
    share(total, 0.05),
    share(total, 0.05),
    households,
    share(u3, rng.uniform(0.15, 0.6)),
    share(a3_5, 0.93),
    share(total, rng.uniform(0.02, 0.15)),
    share(total, 0.03),
    share(total, 0.012),
    share(total, 0.4),
    dwellings,
    Math.round(dwellings * 92 * rng.uniform(0.9, 1.1) * 10) / 10,
    Math.round(wealth * rng.uniform(0.97, 1.03) * 100) / 100,
  ]
  list.forEach((x, i) => (out[i] = x))
}

/** `1234567.5` → `1.234.567,5` (German number format with thousands separators). */
function german(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals)
  const [whole, fraction] = fixed.split('.') as [string, string | undefined]
  let grouped = ''
  for (let i = whole.length; i > 0; i -= 3) {
    grouped = whole.slice(Math.max(0, i - 3), i) + (grouped ? `.${grouped}` : '')
  }
  return fraction === undefined ? grouped : `${grouped},${fraction}`
}

interface ServerDatabase {
  db: Database
  url: string
  version: string
  dispose: () => Promise<void>
}

/** A fresh, migrated database on the server, or null (with a message) when there is none. */
async function createServerDatabase(): Promise<ServerDatabase | null> {
  const name = `planraum_bench_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: settings.url, connectionTimeoutMillis: 5000 })
  try {
    await admin.connect()
    await admin.query(`create database ${name}`)
  } catch (error) {
    console.log(
      `PostgreSQL part SKIPPED: cannot create a database at ${settings.url} (${(error as Error).message}).`,
    )
    await admin.end().catch(() => undefined)
    return null
  }
  const version =
    (await admin.query<{ server_version: string }>('show server_version')).rows[0]
      ?.server_version ?? '?'
  await admin.end()
  const url = new URL(settings.url)
  url.pathname = `/${name}`
  const dispose = async () => {
    const cleanup = new pg.Client({ connectionString: settings.url })
    await cleanup.connect()
    await cleanup.query(`drop database if exists ${name} with (force)`)
    await cleanup.end()
  }
  try {
    const db = await openPostgres(url.toString())
    await migrate(db)
    return {
      db,
      url: url.toString(),
      version: `PostgreSQL ${version}, database ${name}`,
      dispose: async () => {
        await db.close()
        await dispose()
      },
    }
  } catch (error) {
    await dispose()
    throw error
  }
}

/**
 * One organisation with a root area, the municipalities (small squares) and the variables, with
 * fresh planner statistics (without them the peer's join of 1,000,000 rows picks a nested loop).
 */
async function setUp(db: Database, codes: string[]): Promise<number> {
  const id = await db.transaction(async (tx) => {
    const [org] = await tx.query<{ id: number }>(
      `insert into organization (slug, name) values ('bench', 'Benchmark') returning id`,
    )
    const id = org!.id
    const [land] = await tx.query<{ id: number }>(
      `insert into area_layer (organization_id, key, name_de, name_en, level)
       values ($1, 'land', 'Land', 'State', 0) returning id`,
      [id],
    )
    const [gemeinde] = await tx.query<{ id: number }>(
      `insert into area_layer (organization_id, key, name_de, name_en, level, parent_layer_id)
       values ($1, 'gemeinde', 'Gemeinde', 'Municipality', 1, $2) returning id`,
      [id, land!.id],
    )
    const [root] = await tx.query<{ id: number }>(
      `insert into area (organization_id, layer_id, code, name, geom)
       values ($1, $2, '01', 'Land', ST_Multi(ST_MakeEnvelope(6, 47, 15, 55, 4326))) returning id`,
      [id, land!.id],
    )
    await tx.query(
      `insert into area (organization_id, layer_id, code, name, parent_id, geom)
       select $1, $2, t.code, 'Gemeinde ' || t.code, $3,
              ST_Multi(ST_MakeEnvelope(6 + (t.i % 500) * 0.01, 47 + (t.i / 500) * 0.01,
                                       6.01 + (t.i % 500) * 0.01, 47.01 + (t.i / 500) * 0.01, 4326))
         from unnest($4::text[]) with ordinality as t (code, i)`,
      [id, gemeinde!.id, root!.id, codes],
    )
    await tx.query(
      `insert into variable (organization_id, key, name_de, name_en, unit, topic, source)
       select $1, t.key, t.key, t.key, t.unit, 'benchmark', 'bench/import.bench.ts'
         from unnest($2::text[], $3::text[]) as t (key, unit)`,
      [id, VARIABLES.map((v) => v[0]), VARIABLES.map((v) => v[1])],
    )
    return id
  })
  await db.exec('analyze organization; analyze area_layer; analyze area; analyze variable')
  return id
}

/** Empties the observations and imports (outside the measured time) and checkpoints. */
async function reset(db: Database): Promise<void> {
  await db.exec('truncate observation, observation_replaced')
  await db.exec('delete from data_import')
  await db.exec('vacuum analyze observation')
  await db.exec('checkpoint')
}

function checkImport(result: Imports.ImportResult, rows: number): void {
  if (result.status !== 'completed' || result.report.observations !== rows) {
    throw new Error(
      `Expected a completed import of ${count(rows)} observations, got status ${result.status} with ${count(result.report.observations)} observations and ${result.report.errors} errors: ${JSON.stringify(result.report.problems.slice(0, 3))}`,
    )
  }
}

/**
 * Checks that the observations are the file's rows (count, sum of values, distinct areas) and
 * returns the count. Both sides must end in the same state.
 */
async function fingerprint(db: Database, org: number, who: string, rows: number): Promise<number> {
  // Σ over numeric: exact, so the order in which rows are summed cannot change the last digits.
  const [row] = await db.query<{ n: number; total: string; areas: number; years: number }>(
    `select count(*)::int as n, round(sum(value::numeric), 2)::text as total,
            count(distinct area_id)::int as areas,
            count(distinct period)::int as years
       from observation where organization_id = $1`,
    [org],
  )
  const print = `${row!.n} rows, Σ value ${row!.total}, ${row!.areas} areas, ${row!.years} years`
  if (row!.n !== rows)
    throw new Error(`Expected ${count(rows)} observations after the ${who}, got ${print}.`)
  if (expected.state !== null && expected.state !== print) {
    throw new Error(
      `Expected the ${who} to end in the same state as the first import (${expected.state}), got ${print}.`,
    )
  }
  expected.state = print
  return row!.n
}

/**
 * Peer 1: in one transaction, `\copy` the file into a temporary staging table of four columns,
 * analyse it, and insert into observation with the ids joined and the German numbers parsed in SQL.
 */
function stagingScript(file: string, org: number): string {
  return `begin;
create temporary table staging (area_code text, year integer, variable_key text, value text)
  on commit drop;
\\copy staging from '${file}' with (format csv, delimiter ';', header true)
analyze staging;
insert into data_import (organization_id, kind, source_name, status)
  values (${org}, 'observations', 'copy', 'completed') returning id as import_id \\gset
${process.env.BENCH_EXPLAIN ? 'explain (analyze, buffers) ' : ''}insert into observation (organization_id, variable_id, area_id, period, value, import_id)
select ${org}, v.id, a.id, s.year, replace(replace(s.value, '.', ''), ',', '.')::float8, :import_id
  from staging s
  join area a on a.organization_id = ${org} and a.code = s.area_code and a.valid_to is null
  join variable v on v.organization_id = ${org} and v.key = s.variable_key;
commit;
`
}

/** Peer 2: `\copy observation from` a file whose rows already carry the ids (C number format). */
function directScript(file: string, org: number): string {
  return `begin;
insert into data_import (id, organization_id, kind, source_name, status)
  overriding system value values (${DIRECT_IMPORT_ID}, ${org}, 'observations', 'copy', 'completed');
\\copy observation (organization_id, variable_id, area_id, period, value, import_id) from '${file}' with (format csv)
commit;
`
}

/** The file's rows with organisation, variable and area ids and plain numbers, for peer 2. */
async function writeResolvedCsv(
  db: Database,
  org: number,
  from: string,
  to: string,
): Promise<void> {
  const areas = new Map(
    (
      await db.query<{ id: number; code: string }>(
        'select id, code from area where organization_id = $1',
        [org],
      )
    ).map((a) => [a.code, a.id]),
  )
  const variables = new Map(
    (
      await db.query<{ id: number; key: string }>(
        'select id, key from variable where organization_id = $1',
        [org],
      )
    ).map((v) => [v.key, v.id]),
  )
  const text = await readFile(from, 'utf8')
  const lines = text.split('\n')
  let out = ''
  const chunks: string[] = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string
    if (line === '') continue
    const [code, year, key, value] = line.split(';') as [string, string, string, string]
    const number = value.replaceAll('.', '').replace(',', '.')
    out += `${org},${variables.get(key)},${areas.get(code)},${year},${number},${DIRECT_IMPORT_ID}\n`
    if (out.length > 1 << 20) {
      chunks.push(out)
      out = ''
    }
  }
  chunks.push(out)
  await writeFile(to, chunks.join(''))
}

/** Runs a script in a psql subprocess; returns its wall time and the time of its \copy. */
async function psqlScript(
  url: string,
  dir: string,
  sql: string,
): Promise<{ total: number; copy: number }> {
  const script = path.join(dir, 'peer.sql')
  await writeFile(script, `\\set ON_ERROR_STOP on\n\\timing on\n${sql}`)
  const t0 = performance.now()
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-d', url, '-f', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let text = ''
    child.stdout.on('data', (d: Buffer) => (text += d.toString()))
    child.stderr.on('data', (d: Buffer) => (text += d.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`psql exited with ${code}: ${text}`)),
    )
  })
  const total = performance.now() - t0
  if (process.env.BENCH_DEBUG) console.log(output)
  // \timing prints "Time: … ms" per statement; the \copy is the third in the staging script.
  const times = [...output.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]))
  return { total, copy: times[2] ?? Number.NaN }
}

function percent(share: number): string {
  return `${(share * 100).toFixed(0)} %`
}

function throughputLine(t: Timing, rows: number): string {
  return `${timingLine(t, 40)}   ${count((rows / t.median) * 1000)} rows/s`
}
