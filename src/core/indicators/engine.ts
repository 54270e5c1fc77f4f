/**
 * The indicator engine: a dense in-memory cube of variables (area × period), summed up the area
 * hierarchy, and indicators recomputed at every level from the summed counts (DESIGN.md §4.5).
 *
 * Layouts (P = number of periods, all areas of all layers in one index space):
 * - variables: `[(v × tree.size + area) × P + p]`
 * - per indicator: `[area × P + p]`
 *
 * Per indicator the engine stores value, numerator, denominator (Float64Array), rank (Int32Array)
 * and z-score (Float64Array): 36 bytes per area and period, plus 1 byte of disclosure flags once
 * attached. Numerator and denominator arrays of identical linear combinations are shared between
 * indicators (many share "all residents"). Changes over time and differences to the parent and top
 * area are derived on access (`cell`, `slice`), not stored.
 *
 * Pure: no I/O, browser-safe.
 */
import type { Formula, Term } from './formula.js'
import { EngineError, indexTree, type TreeIndex } from './tree.js'
import {
  type AreaTree,
  CHANGE_SPANS,
  type ChangeSpan,
  type IndicatorCell,
  type IndicatorSlice,
  type Polarity,
  VISIBLE,
} from './types.js'

/** An indicator as the engine needs it. */
export interface IndicatorDefinition {
  key: string
  formula: Formula
  /** Decimals shown; ranks compare values rounded to them, so equal-looking values tie. */
  decimals: number
  polarity: Polarity
}

/** What the engine computes from. */
export interface EngineInput {
  tree: AreaTree
  /** Ascending years, gaps allowed. */
  periods: readonly number[]
  variables: readonly string[]
  /** `[(v × tree.size + area) × periods.length + p]`, NaN = not observed. */
  observed: Float64Array
  indicators: readonly IndicatorDefinition[]
}

/** The stored figures of one indicator, each `[area × P + p]`. Treat the arrays as read-only. */
export interface IndicatorResult {
  readonly definition: IndicatorDefinition
  readonly value: Float64Array
  /** `Σ coefficient × variable` (without the scale); may be shared with other indicators. */
  readonly numerator: Float64Array
  /** null for a count indicator; may be shared with other indicators. */
  readonly denominator: Float64Array | null
  /** 1 = highest value within layer and period, ties share the lowest rank; 0 = unranked. */
  readonly rank: Int32Array
  /** Number of ranked areas, `[layer × P + p]`. */
  readonly rankCount: Int32Array
  /** Standard score within layer and period, population SD; NaN without a value. */
  readonly z: Float64Array
  /**
   * Disclosure flags `[area × P + p]` (VISIBLE, PRIMARY, SECONDARY; NOT_CHECKED where no flags
   * were attached yet), filled by the server with `attachFlags`; null until then.
   */
  flags: Uint8Array | null
}

/** The computed indicators with accessors. */
export interface EngineResult {
  readonly tree: AreaTree
  readonly periods: readonly number[]
  readonly variables: readonly string[]
  /** The aggregated variable cube (see `aggregateVariables`); null in a public result. */
  readonly aggregated: Float64Array | null
  readonly indicators: readonly IndicatorResult[]
  /** True for the output of `maskForPublic`: flagged figures are NaN, ranks among visible areas. */
  readonly isPublic: boolean
  /** @throws EngineError for an unknown key. */
  indicator(key: string): IndicatorResult
  /** Index of a year in `periods`, or -1. */
  periodIndex(year: number): number
  /** All figures of one indicator for one area and period. */
  cell(indicatorKey: string, area: number, periodIndex: number): IndicatorCell
  /** One indicator over all areas of a layer in one period. */
  slice(indicatorKey: string, layer: number, periodIndex: number): IndicatorSlice
}

/** Flag value of cells that disclosure control has not looked at yet: never shown publicly. */
export const NOT_CHECKED = 255

/**
 * Sums variables up the area hierarchy. A variable's value for an area is its own observation when
 * present, else the sum of its children when every child has a value, else NaN: a partial sum is
 * never passed off as the total. Observations may sit on any layer.
 *
 * @returns a new cube with the layout of `observed`.
 * @example
 * // city (0) → blocks 1, 2; one variable, one period, observed on the blocks only
 * const tree = createAreaTree([-1, 0, 0], [0, 1, 1])
 * aggregateVariables(tree, [2024], ['pop'], new Float64Array([NaN, 3, 4])) // [7, 3, 4]
 */
export function aggregateVariables(
  tree: AreaTree,
  periods: readonly number[],
  variables: readonly string[],
  observed: Float64Array,
): Float64Array {
  checkCube(tree, periods, variables, observed)
  const index = indexTree(tree)
  const out = new Float64Array(observed.length)
  const scratch = new Float64Array(tree.size * periods.length)
  for (let v = 0; v < variables.length; v++) {
    aggregateVariable(tree, index, periods.length, observed, out, v, scratch)
  }
  return out
}

/**
 * Computes every indicator for every area and period: value, numerator, denominator, rank and
 * z-score; changes and differences are derived on access.
 *
 * @throws EngineError when the input is inconsistent (sizes, unknown variables, periods).
 * @example
 * const f = parseFormula('100 * sgb2_u15 / pop_u15', ['sgb2_u15', 'pop_u15'])
 * const result = computeIndicators({ tree, periods: [2023, 2024], variables: ['sgb2_u15', 'pop_u15'],
 *   observed, indicators: [{ key: 'child_poverty', formula: f, decimals: 1, polarity: 'higher_is_worse' }] })
 * result.cell('child_poverty', 0, 1).value // the city's rate in 2024
 */
export function computeIndicators(input: EngineInput): EngineResult {
  const { tree, periods, variables, observed, indicators } = input
  checkCube(tree, periods, variables, observed)
  checkDefinitions(indicators, variables)
  const index = indexTree(tree)
  const aggregated = new Float64Array(observed.length)
  const scratch = new Float64Array(tree.size * periods.length)
  for (let v = 0; v < variables.length; v++) {
    aggregateVariable(tree, index, periods.length, observed, aggregated, v, scratch)
  }
  const ctx = new Evaluation(tree, index, periods.length, variables, aggregated, new Map())
  const results = indicators.map((d) => ctx.evaluate(d))
  return new Result(tree, periods, variables, aggregated, results, false, index)
}

/** What changed since a previous result. */
export interface EngineUpdate {
  /** The new observed cube (same tree, periods and variables as before). */
  observed: Float64Array
  /** Keys of the variables whose observations changed (e.g. those of an import). */
  changedVariables: readonly string[]
  /** The indicator definitions now; defaults to the previous ones. */
  indicators?: readonly IndicatorDefinition[]
}

/**
 * Recomputes only what a change touches: re-aggregates the changed variables and re-evaluates the
 * indicators that use one of them or whose definition changed (formula or decimals); the other
 * indicators keep their arrays and disclosure flags. Recomputed indicators have `flags` null.
 * Variables not listed as changed are taken from the previous result, not from `observed`.
 *
 * @throws EngineError when tree, periods or variables differ from the previous result (compute
 * from scratch then) or when `previous` is a public result.
 * @example
 * const next = updateIndicators(previous, { observed, changedVariables: ['sgb2_u15'] })
 */
export function updateIndicators(previous: EngineResult, update: EngineUpdate): EngineResult {
  if (!(previous instanceof Result) || previous.aggregated === null) {
    throw new EngineError(
      'ENGINE_INPUT',
      'Expected an internal result of computeIndicators, got a public one (maskForPublic output)',
    )
  }
  const { tree, periods, variables } = previous
  const indicators = update.indicators ?? previous.indicators.map((r) => r.definition)
  checkCube(tree, periods, variables, update.observed)
  checkDefinitions(indicators, variables)
  const changed = new Set<string>()
  for (const key of update.changedVariables) {
    if (!variables.includes(key)) {
      throw new EngineError(
        'ENGINE_INPUT',
        `Expected changed variables among the previous result's variables, got "${key}"`,
      )
    }
    changed.add(key)
  }
  const P = periods.length
  const index = previous.index
  let aggregated = previous.aggregated
  if (changed.size > 0) {
    aggregated = aggregated.slice()
    const scratch = new Float64Array(tree.size * P)
    for (const key of changed) {
      const v = variables.indexOf(key)
      aggregateVariable(tree, index, P, update.observed, aggregated, v, scratch)
    }
  }
  const touches = (terms: readonly Term[] | null) =>
    terms !== null && terms.some((t) => changed.has(t.variable))

  // Sums of unchanged variables can be taken over from the previous result.
  const pool = new Map<string, Float64Array>()
  for (const r of previous.indicators) {
    const f = r.definition.formula
    if (!touches(f.numerator)) pool.set(combinationKey(f.numerator), r.numerator)
    if (f.denominator && r.denominator && !touches(f.denominator)) {
      pool.set(combinationKey(f.denominator), r.denominator)
    }
  }
  const ctx = new Evaluation(tree, index, P, variables, aggregated, pool)
  const byKey = new Map(previous.indicators.map((r) => [r.definition.key, r]))
  const results = indicators.map((d): IndicatorResult => {
    const old = byKey.get(d.key)
    if (
      old &&
      sameComputation(old.definition, d) &&
      !touches(d.formula.numerator) &&
      !touches(d.formula.denominator)
    ) {
      return { ...old, definition: d }
    }
    return ctx.evaluate(d)
  })
  return new Result(tree, periods, variables, aggregated, results, false, index)
}

/**
 * Attaches disclosure flags (from `suppress` in `core/disclosure`) to an indicator of a result:
 * either all of them (`[area × P + p]`) or, with `periodIndex`, those of one period (`[area]`).
 * Cells without attached flags are NOT_CHECKED and never shown publicly.
 *
 * @example
 * attachFlags(result, 'child_poverty', suppress(tree, counts, 3), result.periodIndex(2024))
 */
export function attachFlags(
  result: EngineResult,
  indicatorKey: string,
  flags: Uint8Array,
  periodIndex?: number,
): void {
  const r = result.indicator(indicatorKey)
  const P = result.periods.length
  const size = result.tree.size
  if (periodIndex === undefined) {
    if (flags.length !== size * P) {
      throw new EngineError(
        'ENGINE_INPUT',
        `Expected ${size * P} flags (areas × periods), got ${flags.length}`,
      )
    }
    r.flags = flags
    return
  }
  checkPeriod(periodIndex, P)
  if (flags.length !== size) {
    throw new EngineError(
      'ENGINE_INPUT',
      `Expected ${size} flags (one per area), got ${flags.length}`,
    )
  }
  if (r.flags === null) r.flags = new Uint8Array(size * P).fill(NOT_CHECKED)
  for (let a = 0; a < size; a++) r.flags[a * P + periodIndex] = flags[a] as number
}

/**
 * One period of an indicator's value, numerator or denominator as `[area]`: the counts that
 * disclosure control (`suppress` in `core/disclosure`) takes.
 *
 * @example
 * const counts = periodColumn(result, 'child_poverty', 'numerator', p)
 * attachFlags(result, 'child_poverty', suppress(result.tree, counts, 3), p)
 */
export function periodColumn(
  result: EngineResult,
  indicatorKey: string,
  field: 'value' | 'numerator' | 'denominator',
  periodIndex: number,
): Float64Array {
  const r = result.indicator(indicatorKey)
  const P = result.periods.length
  checkPeriod(periodIndex, P)
  const source = r[field]
  const out = new Float64Array(result.tree.size)
  if (source === null) return out.fill(Number.NaN)
  for (let a = 0; a < out.length; a++) out[a] = source[a * P + periodIndex] as number
  return out
}

/**
 * The figures of one cell as the public may see them: value, numerator and denominator NaN where
 * the cell is flagged (PRIMARY, SECONDARY or NOT_CHECKED); a change NaN when either year is
 * flagged; a difference NaN when the area or the parent/top area is flagged; rank null and z NaN
 * where flagged. Ranks and z-scores are recomputed among the visible areas of the layer, so a gap
 * in the ranks or a shifted mean cannot betray a hidden value. Equals
 * `maskForPublic(result).cell(...)`, without masking everything.
 *
 * @throws EngineError when no flags are attached to the indicator.
 */
export function publicCell(
  result: EngineResult,
  indicatorKey: string,
  area: number,
  periodIndex: number,
): IndicatorCell {
  const r = result.indicator(indicatorKey)
  const flags = requireFlags(r)
  const P = result.periods.length
  const index = indexOf(result)
  const hidden = (i: number) => flags[i] !== VISIBLE
  const mask = (arr: Float64Array | null, i: number) =>
    arr === null || hidden(i) ? Number.NaN : (arr[i] as number)
  const cell = rawCell(result, r, area, periodIndex, (i) => mask(r.value, i))
  const i = area * P + periodIndex
  cell.numerator = mask(r.numerator, i)
  cell.denominator = mask(r.denominator, i)
  // Rank and z among the visible areas of the layer.
  const layer = result.tree.layer[area] as number
  const start = index.layerStart[layer] as number
  const end = index.layerStart[layer + 1] as number
  const values = new Float64Array(end - start)
  let own = -1
  for (let k = start; k < end; k++) {
    const a = index.layerAreas[k] as number
    values[k - start] = mask(r.value, a * P + periodIndex)
    if (a === area) own = k - start
  }
  const rank = new Int32Array(values.length)
  const z = new Float64Array(values.length)
  const scratch = new RankScratch(values.length, 1)
  const count = rankAndScore(values, r.definition.decimals, rank, z, scratch)
  cell.rank = (rank[own] as number) > 0 ? (rank[own] as number) : null
  cell.rankCount = count
  cell.z = z[own] as number
  return cell
}

/**
 * `publicCell` for all areas of a layer in one period.
 *
 * @throws EngineError when no flags are attached to the indicator.
 */
export function publicSlice(
  result: EngineResult,
  indicatorKey: string,
  layer: number,
  periodIndex: number,
): IndicatorSlice {
  return maskForPublic(result, [indicatorKey]).slice(indicatorKey, layer, periodIndex)
}

/**
 * A public copy of a result: for the chosen indicators (default all) value, numerator and
 * denominator are NaN where flagged, so changes and differences with a flagged end become NaN on
 * access; ranks and z-scores are recomputed among the visible areas; the variable cube is dropped.
 * Indicators not chosen are left out.
 *
 * @throws EngineError when a chosen indicator has no flags attached.
 * @example
 * const open = maskForPublic(result)
 * open.slice('child_poverty', 2, open.periodIndex(2024)).value // NaN where suppressed
 */
export function maskForPublic(
  result: EngineResult,
  indicatorKeys?: readonly string[],
): EngineResult {
  const keys = indicatorKeys ?? result.indicators.map((r) => r.definition.key)
  const index = indexOf(result)
  const P = result.periods.length
  const masked = keys.map((key): IndicatorResult => {
    const r = result.indicator(key)
    const flags = requireFlags(r)
    const mask = (arr: Float64Array) => {
      const out = arr.slice()
      for (let i = 0; i < out.length; i++) if (flags[i] !== VISIBLE) out[i] = Number.NaN
      return out
    }
    const value = mask(r.value)
    const rank = new Int32Array(value.length)
    const z = new Float64Array(value.length)
    const rankCount = rankIndicator(value, result.tree, index, P, r.definition.decimals, rank, z)
    return {
      definition: r.definition,
      value,
      numerator: mask(r.numerator),
      denominator: r.denominator && mask(r.denominator),
      rank,
      rankCount,
      z,
      flags,
    }
  })
  return new Result(result.tree, result.periods, result.variables, null, masked, true, index)
}

// --- Internals ----------------------------------------------------------------------------------

class Result implements EngineResult {
  private readonly byKey: Map<string, IndicatorResult>

  constructor(
    readonly tree: AreaTree,
    readonly periods: readonly number[],
    readonly variables: readonly string[],
    readonly aggregated: Float64Array | null,
    readonly indicators: readonly IndicatorResult[],
    readonly isPublic: boolean,
    readonly index: TreeIndex,
  ) {
    this.byKey = new Map(indicators.map((r) => [r.definition.key, r]))
  }

  indicator(key: string): IndicatorResult {
    const r = this.byKey.get(key)
    if (!r) {
      throw new EngineError(
        'ENGINE_UNKNOWN_INDICATOR',
        `Expected one of the computed indicators, got "${key}"`,
      )
    }
    return r
  }

  periodIndex(year: number): number {
    return yearIndex(this.periods, year)
  }

  cell(indicatorKey: string, area: number, periodIndex: number): IndicatorCell {
    const r = this.indicator(indicatorKey)
    const value = r.value
    return rawCell(this, r, area, periodIndex, (i) => value[i] as number)
  }

  slice(indicatorKey: string, layer: number, periodIndex: number): IndicatorSlice {
    const r = this.indicator(indicatorKey)
    const P = this.periods.length
    checkPeriod(periodIndex, P)
    if (!(layer >= 0 && layer < this.tree.layerCount)) {
      throw new EngineError(
        'ENGINE_INPUT',
        `Expected a layer in 0..${this.tree.layerCount - 1}, got ${layer}`,
      )
    }
    const start = this.index.layerStart[layer] as number
    const areas = this.index.layerAreas.slice(start, this.index.layerStart[layer + 1])
    const n = areas.length
    const column = (arr: Float64Array | null) => {
      const out = new Float64Array(n)
      for (let k = 0; k < n; k++) {
        out[k] = arr === null ? Number.NaN : (arr[(areas[k] as number) * P + periodIndex] as number)
      }
      return out
    }
    const value = column(r.value)
    const rank = new Int32Array(n)
    for (let k = 0; k < n; k++) rank[k] = r.rank[(areas[k] as number) * P + periodIndex] as number
    const change = {} as IndicatorSlice['change']
    for (const span of CHANGE_SPANS) {
      const q = yearIndex(this.periods, (this.periods[periodIndex] as number) - span)
      const absolute = new Float64Array(n).fill(Number.NaN)
      const percent = new Float64Array(n).fill(Number.NaN)
      if (q >= 0) {
        for (let k = 0; k < n; k++) {
          const before = r.value[(areas[k] as number) * P + q] as number
          absolute[k] = (value[k] as number) - before
          percent[k] = percentChange(value[k] as number, before)
        }
      }
      change[span] = { absolute, percent }
    }
    const diffParent = new Float64Array(n)
    const diffTop = new Float64Array(n)
    for (let k = 0; k < n; k++) {
      const a = areas[k] as number
      const p = this.tree.parent[a] as number
      diffParent[k] =
        p < 0 ? Number.NaN : (value[k] as number) - (r.value[p * P + periodIndex] as number)
      diffTop[k] =
        (value[k] as number) - (r.value[(this.index.root[a] as number) * P + periodIndex] as number)
    }
    let flags: Uint8Array | null = null
    if (r.flags) {
      flags = new Uint8Array(n)
      for (let k = 0; k < n; k++)
        flags[k] = r.flags[(areas[k] as number) * P + periodIndex] as number
    }
    return {
      indicator: indicatorKey,
      layer,
      period: this.periods[periodIndex] as number,
      periodIndex,
      areas,
      value,
      numerator: column(r.numerator),
      denominator: column(r.denominator),
      rank,
      rankCount: r.rankCount[layer * P + periodIndex] as number,
      z: column(r.z),
      change,
      diffParent,
      diffTop,
      flags,
    }
  }
}

function indexOf(result: EngineResult): TreeIndex {
  return result instanceof Result ? result.index : indexTree(result.tree)
}

function requireFlags(r: IndicatorResult): Uint8Array {
  if (r.flags === null) {
    throw new EngineError(
      'ENGINE_NO_FLAGS',
      `Expected disclosure flags for "${r.definition.key}" (attachFlags), got none: nothing of it may be shown publicly yet`,
    )
  }
  return r.flags
}

/** A cell read through `valueAt(area × P + p)` (raw or masked values). */
function rawCell(
  result: EngineResult,
  r: IndicatorResult,
  area: number,
  periodIndex: number,
  valueAt: (i: number) => number,
): IndicatorCell {
  const { tree, periods } = result
  const P = periods.length
  if (!(Number.isInteger(area) && area >= 0 && area < tree.size)) {
    throw new EngineError('ENGINE_INPUT', `Expected an area in 0..${tree.size - 1}, got ${area}`)
  }
  checkPeriod(periodIndex, P)
  const i = area * P + periodIndex
  const value = valueAt(i)
  const year = periods[periodIndex] as number
  const change = {} as IndicatorCell['change']
  for (const span of CHANGE_SPANS) {
    const q = yearIndex(periods, year - span)
    const before = q < 0 ? Number.NaN : valueAt(area * P + q)
    change[span as ChangeSpan] = {
      from: year - span,
      absolute: value - before,
      percent: percentChange(value, before),
    }
  }
  const parent = tree.parent[area] as number
  let root = area
  while ((tree.parent[root] as number) >= 0) root = tree.parent[root] as number
  const rank = r.rank[i] as number
  return {
    indicator: r.definition.key,
    area,
    period: year,
    periodIndex,
    value,
    numerator: r.numerator[i] as number,
    denominator: r.denominator ? (r.denominator[i] as number) : Number.NaN,
    change,
    diffParent: parent < 0 ? Number.NaN : value - valueAt(parent * P + periodIndex),
    diffTop: value - valueAt(root * P + periodIndex),
    rank: rank > 0 ? rank : null,
    rankCount: r.rankCount[(tree.layer[area] as number) * P + periodIndex] as number,
    z: r.z[i] as number,
    flag: r.flags ? (r.flags[i] as number) : null,
  }
}

function percentChange(value: number, before: number): number {
  return before === 0 ? Number.NaN : (100 * (value - before)) / Math.abs(before)
}

function yearIndex(periods: readonly number[], year: number): number {
  let lo = 0
  let hi = periods.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const y = periods[mid] as number
    if (y === year) return mid
    if (y < year) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

function checkPeriod(periodIndex: number, P: number): void {
  if (!(Number.isInteger(periodIndex) && periodIndex >= 0 && periodIndex < P)) {
    throw new EngineError(
      'ENGINE_INPUT',
      `Expected a period index in 0..${P - 1}, got ${periodIndex}`,
    )
  }
}

function checkCube(
  tree: AreaTree,
  periods: readonly number[],
  variables: readonly string[],
  observed: Float64Array,
): void {
  for (let p = 0; p < periods.length; p++) {
    const y = periods[p] as number
    if (!Number.isInteger(y) || (p > 0 && y <= (periods[p - 1] as number))) {
      throw new EngineError(
        'ENGINE_INPUT',
        `Expected strictly ascending whole years, got ${y} after ${p > 0 ? periods[p - 1] : 'the start'}`,
      )
    }
  }
  const expected = variables.length * tree.size * periods.length
  if (observed.length !== expected) {
    throw new EngineError(
      'ENGINE_INPUT',
      `Expected ${expected} observations (${variables.length} variables × ${tree.size} areas × ${periods.length} periods), got ${observed.length}`,
    )
  }
}

function checkDefinitions(
  indicators: readonly IndicatorDefinition[],
  variables: readonly string[],
): void {
  const known = new Set(variables)
  const keys = new Set<string>()
  for (const d of indicators) {
    if (keys.has(d.key)) {
      throw new EngineError('ENGINE_INPUT', `Expected unique indicator keys, got "${d.key}" twice`)
    }
    keys.add(d.key)
    if (!(Number.isInteger(d.decimals) && d.decimals >= 0 && d.decimals <= 10)) {
      throw new EngineError(
        'ENGINE_INPUT',
        `Expected decimals in 0..10 for "${d.key}", got ${d.decimals}`,
      )
    }
    for (const v of d.formula.variables) {
      if (!known.has(v)) {
        throw new EngineError(
          'ENGINE_INPUT',
          `Expected the variables of "${d.key}" among the engine's variables, got unknown "${v}"`,
        )
      }
    }
  }
}

function combinationKey(terms: readonly Term[]): string {
  return terms.map((t) => `${t.variable}:${t.coefficient}`).join(',')
}

function sameComputation(a: IndicatorDefinition, b: IndicatorDefinition): boolean {
  return (
    a.decimals === b.decimals &&
    a.formula.scale === b.formula.scale &&
    combinationKey(a.formula.numerator) === combinationKey(b.formula.numerator) &&
    (a.formula.denominator === null) === (b.formula.denominator === null) &&
    combinationKey(a.formula.denominator ?? []) === combinationKey(b.formula.denominator ?? [])
  )
}

/**
 * Bottom-up sum of one variable: finest layer first, each area's final value is added into its
 * parent's running child sum; NaN propagates through the sum, so one missing child makes it NaN.
 */
function aggregateVariable(
  tree: AreaTree,
  index: TreeIndex,
  P: number,
  observed: Float64Array,
  out: Float64Array,
  v: number,
  childSum: Float64Array,
): void {
  const base = v * tree.size * P
  const { parent } = tree
  const { layerAreas, layerStart, childCount } = index
  childSum.fill(0)
  for (let l = tree.layerCount - 1; l >= 0; l--) {
    const end = layerStart[l + 1] as number
    for (let k = layerStart[l] as number; k < end; k++) {
      const a = layerAreas[k] as number
      const o = base + a * P
      const own = a * P
      const hasChildren = (childCount[a] as number) > 0
      const up = parent[a] as number
      const po = up * P
      for (let p = 0; p < P; p++) {
        let x = observed[o + p] as number
        if (x !== x) x = hasChildren ? (childSum[own + p] as number) : Number.NaN
        out[o + p] = x
        if (up >= 0) childSum[po + p] = (childSum[po + p] as number) + x
      }
    }
  }
}

/** Evaluates indicators over one aggregated cube, sharing equal linear combinations. */
class Evaluation {
  private readonly variableIndex: Map<string, number>
  private readonly scratch: RankScratch

  constructor(
    private readonly tree: AreaTree,
    private readonly index: TreeIndex,
    private readonly P: number,
    variables: readonly string[],
    private readonly aggregated: Float64Array,
    private readonly pool: Map<string, Float64Array>,
  ) {
    this.variableIndex = new Map(variables.map((v, i) => [v, i]))
    this.scratch = new RankScratch(index.maxLayerSize, P)
  }

  evaluate(d: IndicatorDefinition): IndicatorResult {
    const { formula } = d
    const numerator = this.combination(formula.numerator)
    const denominator = formula.denominator ? this.combination(formula.denominator) : null
    const n = numerator.length
    const value = new Float64Array(n)
    const scale = formula.scale
    if (denominator) {
      for (let i = 0; i < n; i++) {
        const den = denominator[i] as number
        value[i] = den === 0 ? Number.NaN : (scale * (numerator[i] as number)) / den
      }
    } else {
      for (let i = 0; i < n; i++) value[i] = scale * (numerator[i] as number)
    }
    const rank = new Int32Array(n)
    const z = new Float64Array(n)
    const rankCount = rankIndicator(
      value,
      this.tree,
      this.index,
      this.P,
      d.decimals,
      rank,
      z,
      this.scratch,
    )
    return { definition: d, value, numerator, denominator, rank, rankCount, z, flags: null }
  }

  /** `Σ coefficient × variable` over all areas and periods, computed once per distinct sum. */
  private combination(terms: readonly Term[]): Float64Array {
    const key = combinationKey(terms)
    const cached = this.pool.get(key)
    if (cached) return cached
    const n = this.tree.size * this.P
    const out = new Float64Array(n)
    const agg = this.aggregated
    for (const t of terms) {
      const base = (this.variableIndex.get(t.variable) as number) * n
      const c = t.coefficient
      if (c === 1)
        for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (agg[base + i] as number)
      else for (let i = 0; i < n; i++) out[i] = (out[i] as number) + c * (agg[base + i] as number)
    }
    this.pool.set(key, out)
    return out
  }
}

/** Reusable buffers for ranking, sized for the largest layer (× periods for the gathered columns). */
class RankScratch {
  readonly columns: Float64Array
  readonly ranks: Int32Array
  readonly scores: Float64Array
  readonly keys: Float64Array
  readonly sorted: Float64Array
  /** Counting-sort buckets: up to COUNTING_SPREAD × n + COUNTING_SLACK distinct keys. */
  readonly buckets: Int32Array

  constructor(maxLayerSize: number, P: number) {
    this.columns = new Float64Array(maxLayerSize * P)
    this.ranks = new Int32Array(maxLayerSize * P)
    this.scores = new Float64Array(maxLayerSize * P)
    this.keys = new Float64Array(maxLayerSize)
    this.sorted = new Float64Array(maxLayerSize)
    this.buckets = new Int32Array(COUNTING_SPREAD * maxLayerSize + COUNTING_SLACK + 1)
  }
}

const COUNTING_SPREAD = 4
const COUNTING_SLACK = 1024

/**
 * Ranks and z-scores of one indicator within every layer and period; returns the counts of ranked
 * areas `[layer × P + p]`. Each layer is gathered once into period columns, so each period's
 * values are contiguous.
 */
function rankIndicator(
  value: Float64Array,
  tree: AreaTree,
  index: TreeIndex,
  P: number,
  decimals: number,
  rank: Int32Array,
  z: Float64Array,
  scratch: RankScratch = new RankScratch(index.maxLayerSize, P),
): Int32Array {
  const counts = new Int32Array(tree.layerCount * P)
  const { columns, ranks, scores } = scratch
  for (let l = 0; l < tree.layerCount; l++) {
    const start = index.layerStart[l] as number
    const m = (index.layerStart[l + 1] as number) - start
    for (let k = 0; k < m; k++) {
      const o = (index.layerAreas[start + k] as number) * P
      for (let p = 0; p < P; p++) columns[p * m + k] = value[o + p] as number
    }
    for (let p = 0; p < P; p++) {
      counts[l * P + p] = rankAndScore(
        columns.subarray(p * m, (p + 1) * m),
        decimals,
        ranks.subarray(p * m, (p + 1) * m),
        scores.subarray(p * m, (p + 1) * m),
        scratch,
      )
    }
    for (let k = 0; k < m; k++) {
      const o = (index.layerAreas[start + k] as number) * P
      for (let p = 0; p < P; p++) {
        rank[o + p] = ranks[p * m + k] as number
        z[o + p] = scores[p * m + k] as number
      }
    }
  }
  return counts
}

/**
 * Ranks (1 = highest; ties share the lowest rank, "1224" competition ranking, on values rounded to
 * `decimals`; 0 = no value) and z-scores `(x − mean) / sd` of `values`, where sd is the population
 * standard deviation √(Σ(x − mean)² / n) over the n non-NaN values: a layer is the whole population
 * of its areas, not a sample. With no spread every z is 0. Returns n.
 *
 * Rounded keys that span a small range (percentages with one decimal: at most 1,001 keys) are
 * ranked by counting in O(n + range); others by a sort and a binary search per value.
 */
function rankAndScore(
  values: Float64Array,
  decimals: number,
  rank: Int32Array,
  z: Float64Array,
  scratch: RankScratch,
): number {
  const m = values.length
  const { keys, sorted, buckets } = scratch
  const factor = 10 ** decimals
  let n = 0
  let sum = 0
  let low = Infinity
  let high = -Infinity
  for (let k = 0; k < m; k++) {
    const x = values[k] as number
    if (x === x) {
      const key = Math.round(x * factor)
      keys[k] = key
      if (key < low) low = key
      if (key > high) high = key
      sum += x
      n++
    }
  }
  if (n === 0) {
    rank.fill(0)
    z.fill(Number.NaN)
    return 0
  }
  const mean = sum / n
  let squares = 0
  for (let k = 0; k < m; k++) {
    const x = values[k] as number
    if (x === x) squares += (x - mean) * (x - mean)
  }
  const sd = Math.sqrt(squares / n)
  // Equal values can leave rounding noise in the SD; treat it as no spread at all.
  const spread = sd > 1e-12 * Math.max(1, Math.abs(mean))
  for (let k = 0; k < m; k++) {
    const x = values[k] as number
    z[k] = x !== x ? Number.NaN : spread ? (x - mean) / sd : 0
  }

  const range = high - low
  if (range <= COUNTING_SPREAD * n + COUNTING_SLACK) {
    // buckets[b] = number of keys greater than low + b
    buckets.fill(0, 0, range + 1)
    for (let k = 0; k < m; k++) {
      if (values[k] === values[k]) {
        const b = (keys[k] as number) - low
        buckets[b] = (buckets[b] as number) + 1
      }
    }
    let greater = 0
    for (let b = range; b >= 0; b--) {
      const c = buckets[b] as number
      buckets[b] = greater
      greater += c
    }
    for (let k = 0; k < m; k++) {
      rank[k] = values[k] === values[k] ? 1 + (buckets[(keys[k] as number) - low] as number) : 0
    }
    return n
  }

  let j = 0
  for (let k = 0; k < m; k++) if (values[k] === values[k]) sorted[j++] = keys[k] as number
  const ascending = sorted.subarray(0, n)
  ascending.sort()
  for (let k = 0; k < m; k++) {
    if (values[k] !== values[k]) {
      rank[k] = 0
      continue
    }
    // Rank = 1 + number of keys strictly greater = 1 + n − (first index with a greater key).
    const key = keys[k] as number
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((ascending[mid] as number) <= key) lo = mid + 1
      else hi = mid
    }
    rank[k] = 1 + n - lo
  }
  return n
}
