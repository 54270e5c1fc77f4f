/**
 * The indicator engine on the server: loads an organisation's observations into the dense cube,
 * computes every indicator for every area and period (core/indicators), attaches disclosure flags
 * (core/disclosure) and keeps the result cached until the organisation's data change
 * (DESIGN.md §4.5). A change recomputes only the indicators whose variables changed.
 */
import { suppress } from '../../core/disclosure/index.js'
import {
  attachFlags,
  computeIndicators,
  maskForPublic,
  updateIndicators,
  type AreaTree,
  type EngineResult,
  type IndicatorDefinition,
} from '../../core/indicators/index.js'
import type { Queryable } from '../../platform/db/index.js'
import { loadCube, type Cube } from './cube.js'
import { listIndicators, toDefinitions, type IndicatorRow } from './indicators.js'

/** Everything computed for one organisation at one data state. */
export interface Computation {
  organizationId: number
  dataVersion: number
  /** Fingerprint of the indicator definitions the result was computed from. */
  catalogueVersion: string
  cube: Cube
  indicators: IndicatorRow[]
  /** Indicators whose formulas do not fit the variables (shown to planners as problems). */
  invalid: { key: string; reason: string }[]
  /** Exact values for internal roles, with disclosure flags attached. */
  internal: EngineResult
  /** Disclosure-controlled values for the public: published indicators only. */
  public: EngineResult
  computedAt: Date
  /** What the last (re)computation did, for logs and the CLI. */
  stats: { milliseconds: number; recomputed: number; reused: number }
}

/**
 * Flags every cell of an indicator: the protected count is the numerator (Σ of its positive
 * terms when the formula subtracts), and a rate whose denominator is below the minimum case
 * number is hidden too (primary); `suppress` adds the secondary cells per period.
 */
export function disclosureFlags(
  result: EngineResult,
  key: string,
  minCaseNumber: number,
): Uint8Array {
  const r = result.indicator(key)
  const { tree, periods } = result
  const P = periods.length
  const flags = new Uint8Array(tree.size * P)
  const counts = new Float64Array(tree.size)
  const extra = new Uint8Array(tree.size)
  const numeratorTerms = r.definition.formula.numerator
  const positive = numeratorTerms.every((t) => t.coefficient > 0)
  const variableIndex = new Map(result.variables.map((v, i) => [v, i]))
  const aggregated = result.aggregated
  for (let p = 0; p < P; p++) {
    extra.fill(0)
    if (r.denominator) {
      for (let a = 0; a < tree.size; a++) {
        const d = r.denominator[a * P + p]!
        if (d > 0 && d < minCaseNumber) extra[a] = 1
      }
    }
    if (positive || aggregated === null) {
      for (let a = 0; a < tree.size; a++) counts[a] = r.numerator[a * P + p]!
      const safe = protectable(tree, counts)
      const f = suppress(safe.tree, safe.counts, minCaseNumber, { extraPrimary: extra })
      for (let a = 0; a < tree.size; a++) flags[a * P + p] = f[a]!
    } else {
      // A balance (e.g. moves in − moves out) discloses its terms: protect each term's counts.
      for (const term of numeratorTerms) {
        const v = variableIndex.get(term.variable)!
        for (let a = 0; a < tree.size; a++) {
          counts[a] = aggregated[(v * tree.size + a) * P + p]!
        }
        const safe = protectable(tree, counts)
        const f = suppress(safe.tree, safe.counts, minCaseNumber, { extraPrimary: extra })
        for (let a = 0; a < tree.size; a++) {
          flags[a * P + p] = Math.max(flags[a * P + p]!, f[a]!)
        }
      }
    }
  }
  return flags
}

/**
 * The counts and tree disclosure control works on: counts rounded to whole numbers, and parent
 * links cut where a parent's count is not the sum of its children's (an official figure observed
 * on the parent, or estimates carried across a boundary change). Where the sum does not hold, an
 * attacker cannot use it either; the small counts on both sides are still hidden (primary).
 */
export function protectable(
  tree: AreaTree,
  counts: Float64Array,
): { tree: AreaTree; counts: Float64Array } {
  for (let a = 0; a < tree.size; a++) {
    const x = counts[a]!
    counts[a] = Number.isFinite(x) ? Math.max(0, Math.round(x)) : Number.NaN
  }
  const sums = new Float64Array(tree.size)
  const valued = new Uint8Array(tree.size)
  for (let a = 0; a < tree.size; a++) {
    const p = tree.parent[a]!
    if (p >= 0 && !Number.isNaN(counts[a]!)) {
      sums[p]! += counts[a]!
      valued[p] = 1
    }
  }
  let parent: Int32Array | null = null
  for (let a = 0; a < tree.size; a++) {
    const p = tree.parent[a]!
    if (p < 0 || !valued[p] || counts[p] === sums[p]) continue
    parent ??= tree.parent.slice()
    parent[a] = -1
  }
  return { tree: parent ? { ...tree, parent } : tree, counts }
}

function fingerprint(rows: readonly IndicatorRow[], minCaseNumber: number): string {
  return `${minCaseNumber}|${rows
    .map(
      (r) => `${r.key}:${r.formula}:${r.decimals}:${r.minCaseNumber}:${r.published}:${r.updatedAt}`,
    )
    .join('|')}`
}

function changedVariables(before: Cube, after: Cube): string[] | null {
  if (
    before.variables.join() !== after.variables.join() ||
    before.periods.join() !== after.periods.join() ||
    before.areas.ids.join() !== after.areas.ids.join() ||
    before.areas.tree.parent.join() !== after.areas.tree.parent.join()
  ) {
    return null // structure changed: compute from scratch
  }
  const block = after.areas.tree.size * after.periods.length
  const changed: string[] = []
  after.variables.forEach((key, v) => {
    const a = before.values.subarray(v * block, (v + 1) * block)
    const b = after.values.subarray(v * block, (v + 1) * block)
    for (let i = 0; i < block; i++) {
      if (a[i] !== b[i] && !(Number.isNaN(a[i]!) && Number.isNaN(b[i]!))) {
        changed.push(key)
        return
      }
    }
  })
  return changed
}

/** Caches computations per organisation; safe to share across requests. */
export class MonitoringEngine {
  private readonly cache = new Map<number, Computation>()
  private readonly pending = new Map<number, Promise<Computation>>()

  constructor(private readonly db: Queryable) {}

  /** The current computation for an organisation, recomputed only when its data changed. */
  async get(organizationId: number): Promise<Computation> {
    const [state] = await this.db.query<{ version: number; minCaseNumber: number }>(
      'select data_version as version, min_case_number as "minCaseNumber" from organization where id = $1',
      [organizationId],
    )
    if (!state) throw new Error(`No organisation with id ${organizationId}.`)
    const rows = await listIndicators(this.db, organizationId)
    const catalogueVersion = fingerprint(rows, state.minCaseNumber)
    const cached = this.cache.get(organizationId)
    if (
      cached &&
      cached.dataVersion === state.version &&
      cached.catalogueVersion === catalogueVersion
    ) {
      return cached
    }
    const running = this.pending.get(organizationId)
    if (running) return running
    const job = this.compute(organizationId, rows, state.minCaseNumber, catalogueVersion, cached)
    this.pending.set(organizationId, job)
    try {
      const computation = await job
      this.cache.set(organizationId, computation)
      return computation
    } finally {
      this.pending.delete(organizationId)
    }
  }

  /** Forgets an organisation's results (e.g. after its deletion). */
  invalidate(organizationId: number): void {
    this.cache.delete(organizationId)
  }

  private async compute(
    organizationId: number,
    rows: IndicatorRow[],
    minCaseNumber: number,
    catalogueVersion: string,
    previous: Computation | undefined,
  ): Promise<Computation> {
    const started = performance.now()
    const cube = await loadCube(this.db, organizationId)
    const { definitions, invalid } = toDefinitions(rows, cube.variables)
    let internal: EngineResult
    let recomputed: IndicatorDefinition[]
    const changed = previous ? changedVariables(previous.cube, cube) : null
    const sameThresholds = previous?.catalogueVersion.split('|')[0] === String(minCaseNumber)
    if (previous && changed !== null && sameThresholds) {
      internal = updateIndicators(previous.internal, {
        observed: cube.values,
        changedVariables: changed,
        indicators: definitions,
      })
      recomputed = definitions.filter((d) => internal.indicator(d.key).flags === null)
    } else {
      internal = computeIndicators({
        tree: cube.areas.tree,
        periods: cube.periods,
        variables: cube.variables,
        observed: cube.values,
        indicators: definitions,
      })
      recomputed = definitions
    }
    const byKey = new Map(rows.map((r) => [r.key, r]))
    for (const definition of recomputed) {
      const m = byKey.get(definition.key)?.minCaseNumber ?? minCaseNumber
      attachFlags(internal, definition.key, disclosureFlags(internal, definition.key, m))
    }
    const published = definitions.filter((d) => byKey.get(d.key)?.published).map((d) => d.key)
    return {
      organizationId,
      dataVersion: cube.dataVersion,
      catalogueVersion,
      cube,
      indicators: rows,
      invalid,
      internal,
      public: maskForPublic(internal, published),
      computedAt: new Date(),
      stats: {
        milliseconds: Math.round(performance.now() - started),
        recomputed: recomputed.length,
        reused: definitions.length - recomputed.length,
      },
    }
  }
}
