/**
 * The DuckDB side of the engine benchmark: loading the long-format observations and the area table
 * with the appender (data chunks of 2,048 rows), and the SQL that does the engine's computation.
 */
import {
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  SMALLINT,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api'

import type { Formula, Term } from '../../src/core/indicators/formula.js'
import type { AreaTree } from '../../src/core/indicators/types.js'
import type { LongRows } from './nation.js'

const CHUNK = 2048

/** Appends parallel columns to a table through data chunks (much faster than value by value). */
async function appendColumns(
  con: DuckDBConnection,
  table: string,
  types: DuckDBType[],
  columns: ArrayLike<number>[],
  length: number,
): Promise<void> {
  const appender = await con.createAppender(table)
  const chunk = DuckDBDataChunk.create(types)
  const buffers = columns.map(() => [] as number[])
  for (let start = 0; start < length; start += CHUNK) {
    const n = Math.min(CHUNK, length - start)
    columns.forEach((column, c) => {
      const buffer = buffers[c] as number[]
      buffer.length = n
      for (let k = 0; k < n; k++) buffer[k] = column[start + k] as number
    })
    chunk.reset()
    chunk.setColumns(buffers)
    appender.appendDataChunk(chunk)
  }
  appender.closeSync()
}

/**
 * Creates and fills `obs (variable, area, period, value)` with the long rows, `area (area, layer,
 * parent, root)` and `periods (period)`.
 */
export async function loadTables(
  con: DuckDBConnection,
  tree: AreaTree,
  root: Int32Array,
  periods: readonly number[],
  rows: LongRows,
): Promise<void> {
  await con.run(`create or replace table obs (variable smallint not null, area integer not null,
                   period smallint not null, value double)`)
  await con.run(`create or replace table area (area integer primary key, layer smallint not null,
                   parent integer, root integer not null)`)
  await con.run('create or replace table periods (period smallint primary key)')
  await appendColumns(
    con,
    'obs',
    [SMALLINT, INTEGER, SMALLINT, DOUBLE],
    [rows.variable, rows.area, rows.period, rows.value],
    rows.length,
  )
  const ids = Int32Array.from({ length: tree.size }, (_, i) => i)
  // NULL parent for the top area: appended as -1, then cleared.
  await appendColumns(
    con,
    'area',
    [INTEGER, SMALLINT, INTEGER, INTEGER],
    [ids, tree.layer, tree.parent, root],
    tree.size,
  )
  await con.run('update area set parent = null where parent = -1')
  await appendColumns(con, 'periods', [SMALLINT], [periods], periods.length)
}

/** An indicator as the SQL needs it. */
export interface SqlIndicator {
  formula: Formula
  decimals: number
}

/** `Σ coefficient × v_k` in the engine's order of operations (left to right from the first term). */
function combination(terms: readonly Term[], column: (variable: string) => string): string {
  let sql = ''
  terms.forEach((t, i) => {
    const x = column(t.variable)
    const term = t.coefficient === 1 ? x : `(${t.coefficient}::DOUBLE * ${x})`
    if (i === 0) sql = t.coefficient === 1 ? x : term
    else if (t.coefficient === 1) sql = `(${sql} + ${x})`
    else if (t.coefficient === -1) sql = `(${sql} - ${x})`
    else sql = `(${sql} + ${term})`
  })
  return sql
}

/** How the SQL gets from long rows to indicator values (the rest is the same). */
export type SqlPlan = 'long' | 'wide'

/**
 * The SQL of the whole computation, materialised into table `result`: sums up the hierarchy layer
 * by layer (NULL when any child is missing), each distinct numerator/denominator sum once, the
 * indicators for every area × year, then with window functions ranks, counts, means and
 * population SDs per indicator × layer × year, changes over 1/3/5 years (`lag` over consecutive
 * years), and joins for the parent's and the top area's values.
 *
 * - `long` keeps the rows long: `group by parent, variable, period` per layer (a parent has a
 *   value only when all its children have one), the sums as `group by` over a join with the terms
 *   table, then indicators on the dense grid indicator × area × year.
 * - `wide` pivots the municipality rows into one column per variable (60 `sum(...) filter`
 *   aggregates), sums layer by layer in wide form, and evaluates the sums as column expressions.
 */
export function computationSql(
  variables: readonly string[],
  layerCount: number,
  indicators: readonly SqlIndicator[],
  plan: SqlPlan,
): string {
  const head =
    plan === 'wide'
      ? wideIndicators(variables, layerCount, indicators)
      : longIndicators(variables, layerCount, indicators)
  const finest = layerCount - 1
  const spans = [1, 3, 5]
  return `create or replace table result as
with ${head},
w as (
  select *,
    count(value) over (partition by indicator, layer, period) as rank_count,
    avg(value) over (partition by indicator, layer, period) as mean,
    stddev_pop(value) over (partition by indicator, layer, period) as sd,
    rank() over (partition by indicator, layer, period
                 order by floor(value * factor + 0.5) desc nulls last) as r,
    ${spans.map((k) => `lag(value, ${k}) over (partition by indicator, area order by period) as before${k}`).join(',\n    ')}
  from ind
)
select w.indicator, w.area, w.period, w.value, w.numerator, w.denominator,
  (case when w.value is null then null else w.r end)::INTEGER as rank,
  w.rank_count::INTEGER as rank_count,
  case when w.value is null then null
       when w.sd <= 1e-12::DOUBLE * greatest(1, abs(w.mean)) then 0
       else (w.value - w.mean) / w.sd end as z,
  ${spans
    .map(
      (k) => `w.value - w.before${k} as change${k},
  case when w.before${k} = 0 then null
       else (100 * (w.value - w.before${k})) / abs(w.before${k}) end as change${k}_pct`,
    )
    .join(',\n  ')},
  w.value - p.value as diff_parent,
  w.value - t.value as diff_top
from w
left join (select indicator, area, period, value from ind where layer < ${finest}) p
  on p.indicator = w.indicator and p.area = w.parent and p.period = w.period
left join (select indicator, area, period, value from ind where layer = 0) t
  on t.indicator = w.indicator and t.area = w.root and t.period = w.period`
}

/** Distinct linear combinations of the indicators, each computed once (as the engine does). */
function combinations(indicators: readonly SqlIndicator[]) {
  const combos = new Map<string, { index: number; terms: readonly Term[] }>()
  const of = (terms: readonly Term[]) => {
    const key = terms.map((t) => `${t.variable}:${t.coefficient}`).join(',')
    let found = combos.get(key)
    if (!found) {
      found = { index: combos.size, terms }
      combos.set(key, found)
    }
    return found.index
  }
  const defs = indicators.map((d) => {
    const f = d.formula
    return {
      scale: f.scale,
      numerator: of(f.numerator),
      denominator: f.denominator ? of(f.denominator) : null,
      factor: 10 ** d.decimals,
    }
  })
  return { combos: [...combos.values()], defs }
}

/** `CTE ind (indicator, area, period, layer, parent, root, numerator, denominator, value, factor)`. */
function longIndicators(
  variables: readonly string[],
  layerCount: number,
  indicators: readonly SqlIndicator[],
): string {
  const finest = layerCount - 1
  const variableIndex = new Map(variables.map((key, v) => [key, v]))
  const { combos, defs } = combinations(indicators)
  const terms = combos.flatMap((c) =>
    c.terms.map((t) => `(${c.index}, ${variableIndex.get(t.variable)}, ${t.coefficient}::DOUBLE)`),
  )
  const layers: string[] = [`l${finest} as (select area, variable, period, value from obs)`]
  for (let l = finest - 1; l >= 0; l--) {
    layers.push(`l${l} as materialized (
  select a.parent as area, x.variable, x.period,
         case when count(x.value) = any_value(c.n) then sum(x.value) end as value
  from l${l + 1} x join area a on a.area = x.area join children c on c.area = a.parent
  group by a.parent, x.variable, x.period
)`)
  }
  const definitions = defs.map(
    (d, i) =>
      `(${i}, ${d.numerator}, ${d.denominator ?? 'null'}, ${d.scale}::DOUBLE, ${d.factor}::DOUBLE)`,
  )
  return `children as (
  select parent as area, count(*) as n from area where parent is not null group by parent
),
${layers.join(',\n')},
cube as (
  ${Array.from({ length: layerCount }, (_, l) => `select * from l${l}`).join(' union all ')}
),
terms (combo, variable, coefficient) as (values ${terms.join(', ')}),
combo_size as (select combo, count(*) as n from terms group by combo),
comb as materialized (
  select t.combo, x.area, x.period,
         case when count(x.value) = any_value(s.n) then sum(t.coefficient * x.value) end as value
  from cube x join terms t on t.variable = x.variable join combo_size s on s.combo = t.combo
  group by t.combo, x.area, x.period
),
defs (indicator, num, den, scale, factor) as (values ${definitions.join(', ')}),
ind as materialized (
  select d.indicator::SMALLINT as indicator, a.area, p.period, a.layer, a.parent, a.root,
         n.value as numerator, dn.value as denominator,
         case when d.den is null then d.scale * n.value
              when dn.value = 0 then null
              else (d.scale * n.value) / dn.value end as value,
         d.factor
  from defs d cross join area a cross join periods p
  left join comb n on n.combo = d.num and n.area = a.area and n.period = p.period
  left join comb dn on dn.combo = d.den and dn.area = a.area and dn.period = p.period
)`
}

/** The same CTE `ind`, through a pivot into one column per variable. */
function wideIndicators(
  variables: readonly string[],
  layerCount: number,
  indicators: readonly SqlIndicator[],
): string {
  const V = variables.length
  const finest = layerCount - 1
  const vcols = (f: (v: number) => string) =>
    Array.from({ length: V }, (_, v) => f(v)).join(',\n    ')
  const variableColumn = new Map(variables.map((key, v) => [key, `v${v}`]))
  const column = (key: string) => variableColumn.get(key) as string
  const { combos, defs } = combinations(indicators)
  const selects = defs.map((d, i) => {
    const num = `c${d.numerator}`
    const den = d.denominator === null ? null : `c${d.denominator}`
    const scale = `${d.scale}::DOUBLE`
    const value = den
      ? `case when ${den} = 0 then null else (${scale} * ${num}) / ${den} end`
      : `${scale} * ${num}`
    return `select ${i}::SMALLINT as indicator, area, period, layer, parent, root,
           ${num} as numerator, ${den ?? 'null::DOUBLE'} as denominator, ${value} as value,
           ${d.factor}::DOUBLE as factor
    from comb`
  })
  const layers: string[] = []
  layers.push(`l${finest} as materialized (
  select a.area, p.period,
    ${vcols((v) => `x.v${v}`)}
  from area a cross join periods p
  left join wide x on x.area = a.area and x.period = p.period
  where a.layer = ${finest}
)`)
  for (let l = finest - 1; l >= 0; l--) {
    layers.push(`l${l} as materialized (
  select a.parent as area, c.period,
    ${vcols((v) => `case when count(c.v${v}) = count(*) then sum(c.v${v}) end as v${v}`)}
  from l${l + 1} c join area a on a.area = c.area
  group by a.parent, c.period
)`)
  }
  return `wide as materialized (
  select area, period,
    ${vcols((v) => `sum(value) filter (where variable = ${v}) as v${v}`)}
  from obs group by area, period
),
${layers.join(',\n')},
cube as (
  ${Array.from({ length: layerCount }, (_, l) => `select * from l${l}`).join(' union all ')}
),
comb as (
  select x.area, x.period, a.layer, a.parent, a.root,
    ${combos.map((c) => `${combination(c.terms, column)} as c${c.index}`).join(',\n    ')}
  from cube x join area a on a.area = x.area
),
ind as materialized (
  ${selects.join('\n  union all ')}
)`
}
