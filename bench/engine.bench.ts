/**
 * Benchmark: the indicator engine (src/core/indicators) against DuckDB doing the same computation
 * in SQL, on a seeded national-scale dataset (bench/support/nation.ts). See bench/README.md.
 *
 *   npx tsx bench/engine.bench.ts                 # national scale, 5 runs per side
 *   BENCH_SCALE=0.1 npx tsx bench/engine.bench.ts # a tenth of the areas (a quick run)
 *
 * Settings: BENCH_SCALE (1), BENCH_YEARS (20), BENCH_RUNS (5; 3 when BENCH_SCALE < 0.5),
 * BENCH_WARMUP (1), BENCH_SEED (2025), BENCH_SAMPLES (1000 cells compared), BENCH_DISCLOSURE (1; 0
 * skips disclosure control), BENCH_DUCKDB_PLAN (long; wide or both to time the other SQL too).
 *
 * The computation, on both sides: sum the 60 variables up the hierarchy (a parent is missing when
 * any child is), evaluate the 40 indicators for every area and year (value, numerator,
 * denominator), changes over 1, 3 and 5 years (absolute and percent), differences to the parent
 * and to the top area, rank (on values rounded to the indicator's decimals) and z-score (population
 * SD) within layer × year. Both sides start from the long rows; loading them into DuckDB is
 * reported separately, as is building the engine's cube from them.
 */
import { DuckDBInstance } from '@duckdb/node-api'

import { disclosureFlags } from '../src/modules/monitoring/engine.js'
import {
  attachFlags,
  computeIndicators,
  type EngineResult,
  type IndicatorDefinition,
} from '../src/core/indicators/engine.js'
import { parseFormula } from '../src/core/indicators/formula.js'
import { indexTree } from '../src/core/indicators/tree.js'
import {
  CHANGE_SPANS,
  PRIMARY,
  SECONDARY,
  type IndicatorCell,
  type IndicatorSlice,
} from '../src/core/indicators/types.js'
import { createRandom } from '../src/core/random.js'
import { computationSql, loadTables, type SqlPlan } from './support/duckdb.js'
import {
  count,
  cpuTime,
  envNumber,
  envString,
  heading,
  loadLine,
  machineLine,
  measure,
  mib,
  ms,
  ratioLine,
  rss,
  summarise,
  timingLine,
  type Timing,
} from './support/measure.js'
import { createNation, INDICATORS, type Nation } from './support/nation.js'

const scale = envNumber('BENCH_SCALE', 1)
const settings = {
  scale,
  years: Math.round(envNumber('BENCH_YEARS', 20)),
  // Three runs per side in a quick run (BENCH_SCALE < 0.5), so that it stays under 30 s.
  runs: Math.round(envNumber('BENCH_RUNS', scale < 0.5 ? 3 : 5)),
  warmup: Math.round(envNumber('BENCH_WARMUP', 1)),
  seed: Math.round(envNumber('BENCH_SEED', 2025)),
  samples: Math.round(envNumber('BENCH_SAMPLES', 1000)),
  disclosure: process.env.BENCH_DISCLOSURE !== '0',
  plans: planSetting(envString('BENCH_DUCKDB_PLAN', 'long')),
}

function planSetting(value: string): SqlPlan[] {
  if (value === 'both') return ['long', 'wide']
  if (value === 'long' || value === 'wide') return [value]
  throw new Error(`Expected BENCH_DUCKDB_PLAN to be long, wide or both, got "${value}".`)
}

heading('Indicator engine vs DuckDB')
console.log(machineLine())
console.log(loadLine())
console.log(
  `settings: scale ${settings.scale}, ${settings.years} years, ${settings.runs} runs after ${settings.warmup} warm-up, seed ${settings.seed}`,
)

// --- Data -----------------------------------------------------------------------------------
let started = performance.now()
const nation = createNation({ seed: settings.seed, scale: settings.scale, years: settings.years })
const { tree, periods, variables, rows } = nation
const P = periods.length
const layerSizes = Array.from({ length: tree.layerCount }, () => 0)
for (let a = 0; a < tree.size; a++) layerSizes[tree.layer[a] as number]! += 1
const definitions: IndicatorDefinition[] = INDICATORS.map((d) => ({
  key: d.key,
  formula: parseFormula(d.formula, variables),
  decimals: d.decimals,
  polarity: 'neutral',
}))
const cells = INDICATORS.length * tree.size * P
console.log(
  `data: ${layerSizes.map((n, l) => `${count(n)} ${nation.layerKeys[l]}`).join(' → ')}; ` +
    `${P} years (${periods[0]}–${periods[P - 1]}), ${variables.length} variables, ${definitions.length} indicators`,
)
console.log(
  `      ${count(rows.length)} observations (long rows) on the municipality layer, ` +
    `${nation.missing.length} blocks left out; ${count(cells)} indicator cells per side; ` +
    `generated in ${ms(performance.now() - started)}`,
)

// --- Engine ---------------------------------------------------------------------------------

/** The dense cube `[(v × areas + area) × P + p]` from the long rows (NaN = not observed). */
function buildCube(n: Nation): Float64Array {
  const A = n.tree.size
  const first = n.periods[0] as number
  const periodIndex = new Int32Array((n.periods[n.periods.length - 1] as number) - first + 1)
  periodIndex.fill(-1)
  n.periods.forEach((year, p) => (periodIndex[year - first] = p))
  const out = new Float64Array(n.variables.length * A * P).fill(Number.NaN)
  const { variable, area, period, value } = n.rows
  for (let i = 0; i < n.rows.length; i++) {
    const p = periodIndex[(period[i] as number) - first] as number
    out[((variable[i] as number) * A + (area[i] as number)) * P + p] = value[i] as number
  }
  return out
}

/**
 * Changes and differences are derived on access in the engine; to do the same work as the SQL,
 * read every cell through `slice` (the access path of maps and tables): every indicator × layer ×
 * year. The checksum keeps the work from being optimised away.
 */
function deriveAll(result: EngineResult): number {
  let checksum = 0
  for (const d of definitions) {
    for (let l = 0; l < tree.layerCount; l++) {
      for (let p = 0; p < P; p++) {
        const s = result.slice(d.key, l, p)
        checksum += s.areas.length + (s.change[1].absolute[0] === 0 ? 1 : 0)
      }
    }
  }
  return checksum
}

heading('Engine (single thread)')
const phases = { cube: [] as number[], compute: [] as number[], derive: [] as number[] }
const cpu = { cube: [] as number[], compute: [] as number[], derive: [] as number[] }
let observed = buildCube(nation)
// Dropped before each run, so that two results never need memory at once.
const latest: { result: EngineResult | null } = { result: null }
let checksum = 0
for (let run = 0; run < settings.warmup + settings.runs; run++) {
  latest.result = null
  const c0 = cpuTime()
  const t0 = performance.now()
  observed = buildCube(nation)
  const c1 = cpuTime()
  const t1 = performance.now()
  const r = computeIndicators({ tree, periods, variables, observed, indicators: definitions })
  const c2 = cpuTime()
  const t2 = performance.now()
  checksum += deriveAll(r)
  const c3 = cpuTime()
  const t3 = performance.now()
  latest.result = r
  if (run >= settings.warmup) {
    phases.cube.push(t1 - t0)
    phases.compute.push(t2 - t1)
    phases.derive.push(t3 - t2)
    cpu.cube.push(c1 - c0)
    cpu.compute.push(c2 - c1)
    cpu.derive.push(c3 - c2)
  }
}
const engine = latest.result as EngineResult
const sum = (...parts: number[][]) =>
  (parts[0] as number[]).map((_, i) => parts.reduce((s, p) => s + (p[i] as number), 0))
const cubeTiming = summarise('cube from long rows', phases.cube, cpu.cube)
const computeTiming = summarise('computeIndicators', phases.compute, cpu.compute)
const deriveTiming = summarise('slice() of all cells (changes, diffs)', phases.derive, cpu.derive)
const engineTiming = summarise(
  'engine',
  sum(phases.compute, phases.derive),
  sum(cpu.compute, cpu.derive),
)
const endToEnd = summarise(
  'engine end-to-end',
  sum(phases.cube, phases.compute, phases.derive),
  sum(cpu.cube, cpu.compute, cpu.derive),
)
for (const t of [cubeTiming, computeTiming, deriveTiming, engineTiming, endToEnd]) {
  console.log(timingLine(t))
}
console.log(
  '  engine = computeIndicators + slices; end-to-end = cube + engine (both start from long rows)',
)

// Typed arrays held by the result (shared numerators/denominators counted once).
const held = new Set<ArrayBufferView>([observed])
if (engine.aggregated) held.add(engine.aggregated)
for (const r of engine.indicators) {
  for (const a of [r.value, r.numerator, r.denominator, r.rank, r.z, r.rankCount]) {
    if (a) held.add(a)
  }
}
let typedBytes = 0
for (const a of held) typedBytes += a.byteLength
const engineRss = rss()
console.log(
  `memory: typed arrays ${mib(typedBytes)} (observed cube ${mib(observed.byteLength)}, aggregated ${mib(observed.byteLength)}, indicators ${mib(typedBytes - 2 * observed.byteLength)}); RSS ${mib(engineRss)} (checksum ${checksum})`,
)

// --- DuckDB ---------------------------------------------------------------------------------
heading('DuckDB (@duckdb/node-api, in-memory)')
const instance = await DuckDBInstance.create(':memory:')
const con = await instance.connect()
const version = (await con.runAndReadAll('select version() as v')).getRowObjectsJS()[0]?.v
const threads = (
  await con.runAndReadAll(`select current_setting('threads') as t`)
).getRowObjectsJS()[0]?.t
started = performance.now()
const root = indexTree(tree).root
await loadTables(con, tree, root, periods, rows)
console.log(
  `DuckDB ${String(version)}, threads ${String(threads)}; loaded ${count(rows.length)} long rows + ${count(tree.size)} areas with the appender (data chunks) in ${ms(performance.now() - started)} (not counted)`,
)
let duck: Timing | null = null
for (const plan of settings.plans) {
  const sql = computationSql(variables, tree.layerCount, definitions, plan)
  const timing = await measure(
    `DuckDB SQL (${plan})`,
    async () => {
      await con.run(sql)
    },
    { runs: settings.runs, warmup: settings.warmup },
  )
  console.log(timingLine(timing))
  await checkResult()
  if (duck === null || timing.median < duck.median) duck = timing
}
if (duck === null) throw new Error('Expected at least one DuckDB plan.')
// --- Ratios ---------------------------------------------------------------------------------
heading('Result')
console.log(ratioLine(engineTiming, duck))
console.log(ratioLine(endToEnd, duck))
console.log(
  `  (engine: one JavaScript thread; DuckDB: ${String(threads)} threads; loading into DuckDB not counted, cube building counted only end-to-end)`,
)
console.log(loadLine())

// --- Disclosure control ---------------------------------------------------------------------
if (settings.disclosure) {
  heading('Disclosure control (no peer)')
  let primary = 0
  let secondary = 0
  const disclosure = await measure(
    'disclosureFlags + attachFlags, all indicators',
    () => {
      primary = 0
      secondary = 0
      for (const d of definitions) {
        const flags = disclosureFlags(engine, d.key, 3)
        attachFlags(engine, d.key, flags)
        for (let i = 0; i < flags.length; i++) {
          if (flags[i] === PRIMARY) primary++
          else if (flags[i] === SECONDARY) secondary++
        }
      }
    },
    { runs: 1, warmup: 0 },
  )
  console.log(timingLine(disclosure))
  console.log(
    `  suppress() per indicator × year on the numerator, minimum case number 3: ${count(definitions.length * P)} tables of ${count(tree.size)} areas; ${count(primary)} primary, ${count(secondary)} secondary of ${count(cells)} cells; ${ms(disclosure.median / (definitions.length * P))} per table`,
  )
}

instance.closeSync()

/** Row count, memory and the same numbers as the engine (sampled cells) for the last SQL run. */
async function checkResult(): Promise<void> {
  const resultRows = Number(
    (await con.runAndReadAll('select count(*)::INTEGER as n from result')).getRowObjectsJS()[0]?.n,
  )
  const duckMemory = Number(
    (
      await con.runAndReadAll(
        'select coalesce(sum(memory_usage_bytes), 0)::DOUBLE as b from duckdb_memory()',
      )
    ).getRowObjectsJS()[0]?.b,
  )
  console.log(
    `  materialised ${count(resultRows)} rows into table result; DuckDB memory ${mib(duckMemory)}; process RSS ${mib(rss())}`,
  )
  if (resultRows !== cells) {
    throw new Error(`Expected ${count(cells)} result rows from DuckDB, got ${count(resultRows)}.`)
  }
  console.log(`  verification: ${await verify()}`)
}

/** Compares the engine with DuckDB on sampled cells; throws on the first disagreement. */
async function verify(): Promise<string> {
  const rng = createRandom(settings.seed + 1)
  const index = indexTree(tree)
  const sample: [number, number, number][] = []
  // Random cells, a quarter from each layer so that the few coarse areas are checked too.
  for (let k = 0; k < settings.samples; k++) {
    const l = k % tree.layerCount
    const start = index.layerStart[l] as number
    const end = index.layerStart[l + 1] as number
    const area = index.layerAreas[rng.int(start, end - 1)] as number
    sample.push([rng.int(0, definitions.length - 1), area, rng.int(0, P - 1)])
  }
  // And the cells above the blocks left out, where missing values must propagate.
  for (const block of nation.missing) {
    const key = variables[block.variable] as string
    definitions.forEach((d, i) => {
      if (!d.formula.variables.includes(key)) return
      for (const area of [block.district, tree.parent[block.district] as number, 0]) {
        sample.push([i, area, block.from])
        if (block.muni !== null) sample.push([i, block.muni, block.from])
      }
    })
  }
  await con.run(
    'create or replace table sample (indicator smallint, area integer, period smallint)',
  )
  const appender = await con.createAppender('sample')
  for (const [i, a, p] of sample) {
    appender.appendSmallInt(i)
    appender.appendInteger(a)
    appender.appendSmallInt(periods[p] as number)
    appender.endRow()
  }
  appender.closeSync()
  const found = (
    await con.runAndReadAll(
      'select r.* from result r join sample s using (indicator, area, period)',
    )
  ).getRowObjectsJS()
  const byKey = new Map(found.map((row) => [`${row.indicator}/${row.area}/${row.period}`, row]))
  let compared = 0
  let missingValues = 0
  const slices = new Map<string, IndicatorSlice>()
  for (const [i, area, p] of sample) {
    const d = definitions[i] as IndicatorDefinition
    const row = byKey.get(`${i}/${area}/${periods[p]}`)
    if (!row) throw new Error(`DuckDB has no row for ${d.key}, area ${area}, ${periods[p]}.`)
    const cell = engine.cell(d.key, area, p)
    const sliceKey = `${i}/${tree.layer[area]}/${p}`
    let slice = slices.get(sliceKey)
    if (!slice) {
      slice = engine.slice(d.key, tree.layer[area] as number, p)
      slices.set(sliceKey, slice)
    }
    const k = slice.areas.indexOf(area)
    const where = `${d.key}, area ${nation.codes[area]} (${nation.layerKeys[tree.layer[area] as number]}), ${periods[p]}`
    const checks: [string, number | null, unknown, number][] = [
      ['value', cell.value, row.value, slice.value[k] as number],
      ['numerator', cell.numerator, row.numerator, slice.numerator[k] as number],
      ['denominator', cell.denominator, row.denominator, slice.denominator[k] as number],
      ['rank', cell.rank, row.rank, slice.rank[k] || Number.NaN],
      ['rank count', cell.rankCount, row.rank_count, slice.rankCount],
      ['z', cell.z, row.z, slice.z[k] as number],
      ['diff to parent', cell.diffParent, row.diff_parent, slice.diffParent[k] as number],
      ['diff to top', cell.diffTop, row.diff_top, slice.diffTop[k] as number],
    ]
    for (const span of CHANGE_SPANS) {
      const c = cell.change[span] as IndicatorCell['change'][1]
      checks.push([
        `change ${span}y`,
        c.absolute,
        row[`change${span}`],
        slice.change[span].absolute[k] as number,
      ])
      checks.push([
        `change ${span}y %`,
        c.percent,
        row[`change${span}_pct`],
        slice.change[span].percent[k] as number,
      ])
    }
    for (const [field, ours, theirs, sliced] of checks) {
      const a = ours === null ? Number.NaN : ours
      const b = theirs === null || theirs === undefined ? Number.NaN : Number(theirs)
      if (!same(a, b) || !same(a, sliced)) {
        throw new Error(
          `Engine and DuckDB disagree on ${field} of ${where}: engine cell ${a}, engine slice ${sliced}, DuckDB ${b}.`,
        )
      }
      if (Number.isNaN(a)) missingValues++
      compared++
    }
  }
  return `OK: ${count(sample.length)} cells (${count(compared)} figures, ${count(missingValues)} of them missing on both sides) agree between engine (cell and slice) and DuckDB; relative error < 1e-9`
}

/** Equal within a relative error of 1e-9 (absolute for magnitudes below 1), or both missing. */
function same(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b)
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}
