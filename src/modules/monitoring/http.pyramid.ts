/**
 * The population pyramid of an area: residents per age group and sex, summed over nationality
 * from the raw variables `pop_{m|f}_{de|nd}_{age}` (core/indicators/residents.ts) as the engine
 * aggregates them up the area hierarchy.
 *
 * Disclosure control for the public (DESIGN.md §5). Every area's pyramid is public, and so are
 * sums over its cells elsewhere: the residents of every area (`/population`, indicator
 * `residents`, unsuppressed) and the numerators and denominators of published indicators over age
 * groups (e.g. residents under 15, women aged 15–44) wherever their public value is shown. A
 * hidden cell must not be recoverable from any of them. The cells are protected the way τ-ARGUS
 * protects linked tables (modular approach; de Wolf, LNCS 2316, 2002): each sub-table is
 * protected on its own and the two steps alternate until neither hides another cell:
 * 1. Hierarchy (one table per age group × sex over the area tree): `suppress` of
 *    core/disclosure — counts 1 … m−1 primary, every cell already hidden kept hidden and
 *    protected like a caller-requested primary, secondaries so that none of them can be worked
 *    out from parent and siblings (exact audit with bounds).
 * 2. Margins (one table per area: its cells and the sums published for it): a hidden cell whose
 *    value is a linear combination of visible cells and published sums (tested exactly by
 *    elimination over the sex × nationality × age variables) gets a further hidden cell — the
 *    smallest non-zero visible cell that breaks the combination, a zero only when nothing else
 *    does (two published sums can differ by one age group, e.g. residents under 20 minus under
 *    15; if its other cell is 0, only hiding that 0 protects the small one).
 * One symbol (".") for every hidden cell; since zeros may be hidden, an attacker knows only that
 * a hidden cell is ≥ 0. Totals by sex are not published to the public (they would add margins);
 * the internal answer has them.
 *
 * Limits: step 2 is a linear test (it does not use that counts are ≥ 0 and whole); the
 * alternation protects each sub-table, not every combination of equations across areas and
 * margins at once; time is not linked (cohorts ageing from one year to the next give no exact
 * equation). A cell that published sums give away whatever else is hidden (e.g. a block whose
 * two residents are in one cell: the residents total is published) stays hidden but is counted as
 * `unprotectable` — that disclosure is in the published total, not in the pyramid.
 */
import { z } from 'zod'

import { suppress } from '../../core/disclosure/index.js'
import { VISIBLE } from '../../core/indicators/types.js'
import type { Database } from '../../platform/db/index.js'
import { ApiError } from '../../platform/http/errors.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { LayerKey } from '../areas/index.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import { protectable, type Computation, type MonitoringEngine } from './engine.js'
import { Year } from './http.js'
import { audienceFor } from './http.values.js'

const SEXES = ['m', 'f'] as const
const NATIONALITIES = ['de', 'nd'] as const
const CELL_VARIABLE = /^pop_([mf])_(de|nd)_([a-z0-9_]+)$/

/** The age groups and the variable of every (age, sex, nationality) cell, from the variable keys. */
export interface PyramidLayout {
  /** Age group keys from the variables, youngest first, e.g. `00_04` … `85p`. */
  ages: string[]
  /** Index in the variable list of `pop_{sex}_{nationality}_{age}`, or -1 when absent. */
  variable: Int32Array
}

/** Cell index of (age, sex): age-major, men first. */
const cellOf = (age: number, sex: number) => age * 2 + sex

/** Lower age of a group key (`00_04` → 0, `85p` → 85), for ordering. */
const lowerAge = (key: string) => Number.parseInt(key, 10)

/**
 * Finds the residents variables among `variables`.
 *
 * @example pyramidLayout(['pop_f_de_05_09', 'pop_m_de_00_04']).ages // ['00_04', '05_09']
 */
export function pyramidLayout(variables: readonly string[]): PyramidLayout {
  const ages = new Set<string>()
  for (const key of variables) {
    const match = CELL_VARIABLE.exec(key)
    if (match) ages.add(match[3]!)
  }
  const sorted = [...ages].sort((a, b) => lowerAge(a) - lowerAge(b) || a.localeCompare(b))
  const variable = new Int32Array(sorted.length * 4).fill(-1)
  variables.forEach((key, v) => {
    const match = CELL_VARIABLE.exec(key)
    if (!match) return
    const cell = cellOf(sorted.indexOf(match[3]!), SEXES.indexOf(match[1] as 'm'))
    variable[cell * 2 + NATIONALITIES.indexOf(match[2] as 'de')] = v
  })
  return { ages: sorted, variable }
}

/**
 * Readable label of an age group key.
 *
 * @example ageLabel('05_09') // '5–9'
 * @example ageLabel('85p') // '85+'
 */
export function ageLabel(key: string): string {
  const range = /^(\d+)_(\d+)$/.exec(key)
  if (range) return `${Number(range[1])}–${Number(range[2])}`
  const open = /^(\d+)p$/.exec(key)
  if (open) return `${Number(open[1])}+`
  return key
}

/**
 * Counts per cell and area for one period: `counts[cell][area]`, the sum over nationality; NaN
 * when a nationality's count is missing (a partial sum is never passed off as the total).
 */
export function cellCounts(
  layout: PyramidLayout,
  aggregated: Float64Array,
  areaCount: number,
  periodCount: number,
  periodIndex: number,
): Float64Array[] {
  const cells = layout.ages.length * 2
  const out: Float64Array[] = []
  for (let c = 0; c < cells; c++) {
    const counts = new Float64Array(areaCount)
    const vs = [layout.variable[c * 2]!, layout.variable[c * 2 + 1]!].filter((v) => v >= 0)
    for (let a = 0; a < areaCount; a++) {
      let total = vs.length > 0 ? 0 : Number.NaN
      for (const v of vs) total += aggregated[(v * areaCount + a) * periodCount + periodIndex]!
      counts[a] = total
    }
    out.push(counts)
  }
  return out
}

/** A sum over the pyramid's variables that is published elsewhere. */
export interface PublishedMargin {
  /** 0/1 over (cell, nationality) columns: which variables the sum covers. */
  vector: Float64Array
  /** 1 for the areas where the sum is published in this period; null = in every area. */
  areas: Uint8Array | null
}

/** A published sum of variables: its terms and, per area, its public value (NaN = hidden). */
export interface PublishedSum {
  terms: readonly { variable: string; coefficient: number }[]
  /** Public values per area in the period; null = published everywhere. */
  values: Float64Array | null
}

/**
 * The published sums that cover only the pyramid's variables, as margins: all residents (the
 * population route publishes them for every area, unsuppressed) and the given sums (numerators
 * and denominators of published indicators) where their public value is shown.
 */
export function publishedMargins(
  layout: PyramidLayout,
  variables: readonly string[],
  sums: readonly PublishedSum[],
  areaCount: number,
): PublishedMargin[] {
  const columns = layout.ages.length * 4
  const columnOf = new Map<number, number>()
  layout.variable.forEach((v, column) => {
    if (v >= 0) columnOf.set(v, column)
  })
  const all = new Float64Array(columns)
  for (const column of columnOf.values()) all[column] = 1
  const margins = new Map<string, PublishedMargin>([[all.join(), { vector: all, areas: null }]])
  for (const { terms, values } of sums) {
    if (terms.length === 0) continue
    const vector = new Float64Array(columns)
    const residentsOnly = terms.every((term) => {
      const column = columnOf.get(variables.indexOf(term.variable))
      if (column === undefined || term.coefficient !== terms[0]!.coefficient) return false
      vector[column] = 1
      return true
    })
    if (!residentsOnly) continue
    const key = vector.join()
    const margin = margins.get(key) ?? { vector, areas: new Uint8Array(areaCount) }
    margins.set(key, margin)
    if (margin.areas === null) continue
    if (values === null) {
      margin.areas = null
      continue
    }
    for (let a = 0; a < areaCount; a++) if (Number.isFinite(values[a]!)) margin.areas[a] = 1
  }
  return [...margins.values()]
}

const EPSILON = 1e-9

/** Row echelon basis of the span of some vectors, for membership tests. */
class Span {
  private readonly rows: { pivot: number; row: Float64Array }[] = []

  /** Reduces `vector` against the basis (a copy); all zero iff it lies in the span. */
  private reduce(vector: Float64Array): Float64Array {
    const v = vector.slice()
    for (const { pivot, row } of this.rows) {
      const factor = v[pivot]!
      if (Math.abs(factor) < EPSILON) continue
      for (let j = 0; j < v.length; j++) v[j]! -= factor * row[j]!
    }
    return v
  }

  add(vector: Float64Array): void {
    const v = this.reduce(vector)
    let pivot = -1
    for (let j = 0; j < v.length; j++) {
      if (Math.abs(v[j]!) > EPSILON) {
        pivot = j
        break
      }
    }
    if (pivot < 0) return
    const scale = v[pivot]!
    for (let j = 0; j < v.length; j++) v[j]! /= scale
    // Keep the basis reduced: earlier rows lose their entry in the new pivot column.
    for (const entry of this.rows) {
      const factor = entry.row[pivot]!
      if (Math.abs(factor) < EPSILON) continue
      for (let j = 0; j < v.length; j++) entry.row[j]! -= factor * v[j]!
    }
    this.rows.push({ pivot, row: v })
  }

  contains(vector: Float64Array): boolean {
    return this.reduce(vector).every((x) => Math.abs(x) < EPSILON)
  }
}

/**
 * Hidden cells of one area that are determined by its visible cells and the published margins.
 *
 * @param hidden one flag per cell
 * @param cellVectors per cell its 0/1 vector over (cell, nationality)
 */
export function determinedCells(
  hidden: ArrayLike<number>,
  cellVectors: readonly Float64Array[],
  margins: readonly Float64Array[],
): number[] {
  const span = new Span()
  for (const margin of margins) span.add(margin)
  cellVectors.forEach((vector, c) => {
    if (!hidden[c]) span.add(vector)
  })
  const out: number[] = []
  cellVectors.forEach((vector, c) => {
    if (hidden[c] && vector.some((x) => x !== 0) && span.contains(vector)) out.push(c)
  })
  return out
}

/** The 0/1 vector of each cell over (cell, nationality): its variables that exist. */
export function cellVectors(layout: PyramidLayout): Float64Array[] {
  const cells = layout.ages.length * 2
  return Array.from({ length: cells }, (_, c) => {
    const vector = new Float64Array(cells * 2)
    for (let n = 0; n < 2; n++) if (layout.variable[c * 2 + n]! >= 0) vector[c * 2 + n] = 1
    return vector
  })
}

/**
 * Step 2 for one area: hides further cells until no hidden cell is determined by the visible
 * cells and the margins. A determined cell that no further cell can save is marked `revealed`:
 * it stays hidden, but the hierarchy step must not count on it being unknown.
 *
 * @returns how many cells it hid
 */
function protectMargins(
  hidden: Uint8Array,
  revealed: Uint8Array,
  counts: readonly number[],
  vectors: readonly Float64Array[],
  margins: readonly Float64Array[],
): number {
  let added = 0
  for (;;) {
    const target = determinedCells(hidden, vectors, margins).find((c) => !revealed[c])
    if (target === undefined) return added
    // Candidates: visible cells, the smallest non-zero ones first. Zeros come last: a hidden
    // zero misleads nobody about a person, but readers lose a true "nobody"; it is needed where
    // two published sums differ by a small count in an age group whose other cell is 0.
    const candidates = counts
      .map((count, c) => ({ c, count }))
      .filter(({ c, count }) => !hidden[c] && Number.isFinite(count))
      .sort(
        (a, b) =>
          (a.count === 0 ? 1 : 0) - (b.count === 0 ? 1 : 0) || a.count - b.count || a.c - b.c,
      )
    const chosen = candidates.find(({ c }) => {
      hidden[c] = 1
      const still = determinedCells(hidden, vectors, margins).includes(target)
      hidden[c] = 0
      return !still
    })
    if (chosen) {
      hidden[chosen.c] = 1
      added++
    } else {
      revealed[target] = 1
    }
  }
}

/** Public flags of every cell and area in one period: `hidden[cell][area]`. */
export interface PyramidDisclosure {
  hidden: Uint8Array[]
  rounds: number
  /** Small counts that published sums give away whatever else is hidden (e.g. a block of 2). */
  unprotectable: number
}

/**
 * Disclosure control of all pyramids of one period (see the file comment).
 *
 * @param counts `counts[cell][area]` (cellCounts)
 * @param vectors per cell its 0/1 vector over (cell, nationality) (cellVectors)
 */
export function protectPyramids(
  tree: Computation['cube']['areas']['tree'],
  counts: readonly Float64Array[],
  vectors: readonly Float64Array[],
  margins: readonly PublishedMargin[],
  minCaseNumber: number,
): PyramidDisclosure {
  const cells = counts.length
  const n = tree.size
  const hidden = counts.map(() => new Uint8Array(n))
  const revealed = counts.map(() => new Uint8Array(n))
  let rounds = 0
  for (;;) {
    rounds++
    // Step 1: the hierarchy, one table per cell. Revealed cells are known to the attacker, so
    // they are not asked to be protected (a small one is primary anyway).
    for (let c = 0; c < cells; c++) {
      const safe = protectable(tree, counts[c]!.slice())
      const extraPrimary = hidden[c]!.map((h, a) => (h && !revealed[c]![a] ? 1 : 0))
      const flags = suppress(safe.tree, safe.counts, minCaseNumber, { extraPrimary })
      for (let a = 0; a < n; a++) if (flags[a] !== VISIBLE) hidden[c]![a] = 1
    }
    // Step 2: the margins, one table per area.
    let added = 0
    const areaHidden = new Uint8Array(cells)
    const areaRevealed = new Uint8Array(cells)
    const areaCounts: number[] = new Array<number>(cells)
    for (let a = 0; a < n; a++) {
      let any = false
      for (let c = 0; c < cells; c++) {
        areaHidden[c] = hidden[c]![a]!
        areaRevealed[c] = revealed[c]![a]!
        areaCounts[c] = counts[c]![a]!
        any ||= areaHidden[c] === 1
      }
      if (!any) continue
      const published = margins.filter((m) => m.areas === null || m.areas[a]).map((m) => m.vector)
      added += protectMargins(areaHidden, areaRevealed, areaCounts, vectors, published)
      for (let c = 0; c < cells; c++) {
        hidden[c]![a] = areaHidden[c]!
        revealed[c]![a] = areaRevealed[c]!
      }
    }
    if (added === 0) break
    if (rounds >= 50) {
      // Safety net, not expected: hide every non-zero cell rather than publish an unsafe table.
      for (let c = 0; c < cells; c++) {
        for (let a = 0; a < n; a++) if (counts[c]![a]! > 0) hidden[c]![a] = 1
      }
      break
    }
  }
  let unprotectable = 0
  for (let c = 0; c < cells; c++) {
    for (let a = 0; a < n; a++) {
      const count = counts[c]![a]!
      if (revealed[c]![a] && count >= 1 && count < minCaseNumber) unprotectable++
    }
  }
  return { hidden, rounds, unprotectable }
}

/** Numerators and denominators of the published indicators with their public values in a period. */
export function publishedSums(computation: Computation, periodIndex: number): PublishedSum[] {
  const result = computation.public
  const P = result.periods.length
  const n = result.tree.size
  const column = (values: Float64Array) =>
    Float64Array.from({ length: n }, (_, a) => values[a * P + periodIndex]!)
  return result.indicators.flatMap((r) => {
    const { numerator, denominator } = r.definition.formula
    const sums: PublishedSum[] = [{ terms: numerator, values: column(r.numerator) }]
    if (denominator && r.denominator) {
      sums.push({ terms: denominator, values: column(r.denominator) })
    }
    return sums
  })
}

/** Public disclosure results, per computation (i.e. per data state) and period. */
const disclosureCache = new WeakMap<Computation, Map<number, PyramidDisclosure>>()

function publicDisclosure(
  computation: Computation,
  layout: PyramidLayout,
  counts: readonly Float64Array[],
  periodIndex: number,
  minCaseNumber: number,
): PyramidDisclosure {
  let byPeriod = disclosureCache.get(computation)
  if (!byPeriod) {
    byPeriod = new Map()
    disclosureCache.set(computation, byPeriod)
  }
  const cached = byPeriod.get(periodIndex)
  if (cached) return cached
  const result = protectPyramids(
    computation.cube.areas.tree,
    counts,
    cellVectors(layout),
    publishedMargins(
      layout,
      computation.internal.variables,
      publishedSums(computation, periodIndex),
      computation.cube.areas.tree.size,
    ),
    minCaseNumber,
  )
  byPeriod.set(periodIndex, result)
  return result
}

const CellStatus = z.enum(['ok', 'suppressed', 'missing'])

const PyramidSchema = z.object({
  layer: z.string(),
  area: z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable() }),
  period: z.number(),
  audience: z.enum(['public', 'internal']),
  minCaseNumber: z.number(),
  groups: z.array(
    z.object({
      ageKey: z.string(),
      age: z.string(),
      male: z.number().nullable(),
      female: z.number().nullable(),
      maleStatus: CellStatus,
      femaleStatus: CellStatus,
    }),
  ),
  total: z
    .object({ male: z.number().nullable(), female: z.number().nullable() })
    .nullable()
    .describe(
      'internal only; null for the public (sex totals would let hidden cells be recomputed)',
    ),
})

const PyramidParams = OrgParams.extend({
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected an area code like "01.02"')
    .describe('area code within the layer'),
})

/** GET /orgs/:org/areas/:code/pyramid — residents by age group and sex. */
export const pyramidRoutes = (db: Database, engine: MonitoringEngine): DefinedRoute[] => [
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/areas/:code/pyramid',
      operationId: 'getPopulationPyramid',
      summary: 'Residents of an area by age group and sex (population pyramid)',
      description:
        'Sums pop_{m|f}_{de|nd}_{age} over nationality. For the public, disclosure control applies: counts below the minimum case number, and further cells from which they could be recomputed (from parent and sibling areas, or from published totals), are null with status "suppressed"; totals by sex are internal only.',
      tags: ['monitoring'],
      params: PyramidParams,
      query: z.object({ layer: LayerKey, period: Year.optional() }),
      response: PyramidSchema,
      errors: ['NOT_FOUND'],
    },
    async ({ params, query, actor }) => {
      const org = await requireOrganization(db, params.org)
      const computation = await engine.get(org.id)
      const { areas } = computation.cube
      if (!areas.layerKeys.includes(query.layer)) {
        throw new ApiError(
          'NOT_FOUND',
          `The layer "${query.layer}" (known layers: ${areas.layerKeys.join(', ') || 'none'}) does not exist.`,
        )
      }
      const area = areas.byKey.get(`${query.layer} ${params.code}`)
      if (area === undefined) {
        throw new ApiError(
          'NOT_FOUND',
          `The area "${params.code}" does not exist in the layer "${query.layer}".`,
        )
      }
      const { internal } = computation
      const layout = pyramidLayout(internal.variables)
      if (layout.ages.length === 0 || internal.aggregated === null) {
        throw new ApiError(
          'NOT_FOUND',
          `The organisation "${org.slug}" has no residents by sex and age (variables pop_{m|f}_{de|nd}_{age}).`,
        )
      }
      const periods = internal.periods
      const period = query.period ?? periods[periods.length - 1]!
      const p = internal.periodIndex(period)
      if (p < 0) {
        throw new ApiError(
          'NOT_FOUND',
          `No data for the year ${period}; years with data: ${periods.join(', ') || 'none'}.`,
        )
      }
      const counts = cellCounts(layout, internal.aggregated, areas.tree.size, periods.length, p)
      const audience = audienceFor(actor, org)
      const exact =
        audience === 'internal' ||
        (typeof audience === 'object' && audience.internalAreaIds.has(areas.ids[area]!))
      const hidden = exact
        ? null
        : publicDisclosure(computation, layout, counts, p, org.minCaseNumber).hidden
      const cell = (c: number) => {
        const value = counts[c]![area]!
        if (hidden?.[c]![area]) return { value: null, status: 'suppressed' as const }
        if (!Number.isFinite(value)) return { value: null, status: 'missing' as const }
        return { value, status: 'ok' as const }
      }
      const groups = layout.ages.map((ageKey, i) => {
        const male = cell(cellOf(i, 0))
        const female = cell(cellOf(i, 1))
        return {
          ageKey,
          age: ageLabel(ageKey),
          male: male.value,
          female: female.value,
          maleStatus: male.status,
          femaleStatus: female.status,
        }
      })
      const sumOf = (sex: number) => {
        let total = 0
        for (let i = 0; i < layout.ages.length; i++) total += counts[cellOf(i, sex)]![area]!
        return Number.isFinite(total) ? total : null
      }
      const parent = areas.tree.parent[area]!
      return {
        layer: query.layer,
        area: {
          code: areas.codes[area]!,
          name: areas.names[area]!,
          parentCode: parent >= 0 ? areas.codes[parent]! : null,
        },
        period,
        audience: exact ? ('internal' as const) : ('public' as const),
        minCaseNumber: org.minCaseNumber,
        groups,
        total: exact ? { male: sumOf(0), female: sumOf(1) } : null,
      }
    },
  ),
]
