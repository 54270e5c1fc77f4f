/**
 * The social index on the server: reads a saved version's indicators for a layer and year from the
 * indicator engine, computes the index in the core, and shapes the answer for its audience.
 *
 * Disclosure: the index is always computed from EXACT values (standardising disclosure-controlled
 * values would shift every area's z-score by what is hidden). The public sees only the classes of
 * a published version whose indicators are all published: a class summarises many counts across
 * all areas and cannot be turned back into a hidden count, while index values and z-scores are
 * kept internal (docs/analysis.md).
 */
import { RESIDENT_VARIABLE_PATTERN } from '../../core/indicators/residents.js'
import {
  computeSocialIndex,
  sensitivity,
  SocialIndexError,
  type SocialIndexInput,
  type SocialIndexResult,
} from '../../core/analysis/socialIndex.js'
import { ApiError } from '../../platform/http/errors.js'
import type { Audience, Computation } from '../monitoring/index.js'
import type { StoredVersion } from './definitions.js'
import type {
  AnalysisAudience,
  SensitivityAnswer,
  SocialIndexAnswer,
  SocialIndexAreaRow,
  SocialIndexExcludedRow,
} from './types.js'

/** True when the public may see the classes of this version. */
export function isPublicVersion(computation: Computation, version: StoredVersion): boolean {
  const published = new Set(computation.public.indicators.map((r) => r.definition.key))
  return version.published && version.definition.indicators.every((i) => published.has(i.key))
}

/** The layer index in the computation; NOT_FOUND naming the layers. */
export function layerIndexOf(computation: Computation, layer: string): number {
  const li = computation.cube.areas.layerKeys.indexOf(layer)
  if (li < 0) {
    throw new ApiError(
      'NOT_FOUND',
      `The layer "${layer}" (known layers: ${computation.cube.areas.layerKeys.join(', ') || 'none'}) does not exist.`,
    )
  }
  return li
}

/** The period index in the computation; NOT_FOUND naming the years with data. */
export function periodIndexOf(computation: Computation, period: number): number {
  const pi = computation.internal.periodIndex(period)
  if (pi < 0) {
    throw new ApiError(
      'NOT_FOUND',
      `No data for the year ${period}; years with data: ${computation.internal.periods.join(', ') || 'none'}.`,
    )
  }
  return pi
}

/** Residents of each area (area indices of the tree) in a period: Σ of the `pop_*` variables. */
function residents(computation: Computation, areas: Int32Array, pi: number): number[] {
  const { aggregated, variables, tree, periods } = computation.internal
  const pattern = new RegExp(RESIDENT_VARIABLE_PATTERN)
  const vs = variables.flatMap((v, i) => (pattern.test(v) ? [i] : []))
  const P = periods.length
  return Array.from(areas, (a) => {
    let sum = 0
    let seen = false
    for (const v of vs) {
      const x = aggregated![(v * tree.size + a) * P + pi]!
      if (Number.isFinite(x)) {
        sum += x
        seen = true
      }
    }
    return seen ? sum : Number.NaN
  })
}

interface Prepared {
  input: SocialIndexInput
  /** Tree indices of the layer's areas, aligned with input.areas. */
  areaIndexes: Int32Array
  dynamicsFrom: number
}

/** The core's input for a version, layer and year, from the engine's exact values. */
export function prepareInput(
  computation: Computation,
  version: StoredVersion,
  layer: string,
  period: number,
): Prepared {
  const li = layerIndexOf(computation, layer)
  const pi = periodIndexOf(computation, period)
  const result = computation.internal
  const known = new Set(result.indicators.map((r) => r.definition.key))
  const missing = version.definition.indicators.filter((i) => !known.has(i.key))
  if (missing.length > 0) {
    const invalid = new Map(computation.invalid.map((p) => [p.key, p.reason]))
    throw new ApiError(
      'VALIDATION_FAILED',
      `The social index "${version.key}" version ${version.version} uses indicators that cannot be computed now: ${missing
        .map((i) => `"${i.key}"${invalid.has(i.key) ? ` (${invalid.get(i.key)})` : ''}`)
        .join(', ')}.`,
    )
  }
  const dynamicsFrom = period - version.definition.dynamicsYears
  const pj = result.periodIndex(dynamicsFrom)
  const first = result.slice(version.definition.indicators[0]!.key, li, pi)
  const areaIndexes = first.areas
  const values: Record<string, number[]> = {}
  const previous: Record<string, number[]> = {}
  for (const { key } of version.definition.indicators) {
    values[key] = Array.from(result.slice(key, li, pi).value)
    if (pj >= 0) previous[key] = Array.from(result.slice(key, li, pj).value)
  }
  return {
    input: {
      areas: Array.from(areaIndexes, (a) => computation.cube.areas.codes[a]!),
      population: residents(computation, areaIndexes, pi),
      values,
      previous: pj >= 0 ? previous : undefined,
    },
    areaIndexes,
    dynamicsFrom,
  }
}

/** Wraps the core's errors (data that cannot be standardised) as API errors. */
function core<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof SocialIndexError) throw new ApiError('VALIDATION_FAILED', error.message)
    throw error
  }
}

/** Which areas the asker sees in detail, and whether the rest may be shown as classes. */
function visibility(
  computation: Computation,
  version: StoredVersion,
  audience: Audience,
): { kind: AnalysisAudience; detail: (areaId: number) => boolean; classes: boolean } {
  if (audience === 'internal') return { kind: 'internal', detail: () => true, classes: true }
  const open = isPublicVersion(computation, version)
  if (audience === 'public') {
    if (!open) throw new ApiError('NOT_FOUND', `The social index "${version.key}" does not exist.`)
    return { kind: 'public', detail: () => false, classes: true }
  }
  return { kind: 'scoped', detail: (id) => audience.internalAreaIds.has(id), classes: open }
}

/**
 * The social index of a version for a layer and year, shaped for the audience.
 *
 * @throws ApiError NOT_FOUND (layer, year, or a version the public may not see), VALIDATION_FAILED
 *   (an indicator that cannot be computed or does not vary).
 */
export function socialIndexAnswer(
  computation: Computation,
  version: StoredVersion,
  layer: string,
  period: number,
  audience: Audience,
): SocialIndexAnswer {
  const seen = visibility(computation, version, audience)
  const { input, areaIndexes, dynamicsFrom } = prepareInput(computation, version, layer, period)
  const result: SocialIndexResult = core(() => computeSocialIndex(version.definition, input))
  const { areas } = computation.cube
  const position = new Map(input.areas.map((code, k) => [code, areaIndexes[k]!]))
  const shown = (code: string) => {
    const a = position.get(code)!
    return seen.detail(areas.ids[a]!) ? 'detail' : seen.classes ? 'classes' : 'none'
  }
  const nameOf = (code: string) => areas.names[position.get(code)!]!
  const rows: SocialIndexAreaRow[] = []
  for (const area of result.areas) {
    const how = shown(area.area)
    if (how === 'none') continue
    const detail = how === 'detail'
    rows.push({
      code: area.area,
      name: nameOf(area.area),
      population: detail && Number.isFinite(area.population) ? area.population : null,
      status: detail ? area.status : null,
      statusClass: area.statusClass,
      dynamics: detail ? area.dynamics : null,
      dynamicsClass: area.dynamicsClass,
      combined: area.combined,
      z: detail ? area.z : null,
      changeZ: detail ? area.changeZ : null,
    })
  }
  const exclusions = (list: SocialIndexResult['excluded']): SocialIndexExcludedRow[] =>
    list.flatMap((e) => {
      const how = shown(e.area)
      if (how === 'none') return []
      // The public learns that an area is too small, not how many live there (small counts).
      const detail =
        how === 'detail' || e.reason !== 'population_below_minimum'
          ? e.detail
          : `fewer than ${version.definition.minPopulation} residents`
      return [{ code: e.area, name: nameOf(e.area), reason: e.reason, detail }]
    })
  return {
    key: version.key,
    version: version.version,
    layer,
    period,
    dynamicsFrom,
    dataVersion: computation.dataVersion,
    audience: seen.kind,
    definition: version.definition,
    areas: rows,
    excluded: exclusions(result.excluded),
    withoutDynamics: exclusions(result.withoutDynamics),
    standardisation: seen.kind === 'internal' ? result.standardisation : null,
    dynamicsUnavailable: result.dynamicsUnavailable,
    counts: rows.length === result.areas.length ? result.counts : recount(rows),
  }
}

/** Class counts of the rows shown (when some areas are hidden from the asker). */
function recount(rows: readonly SocialIndexAreaRow[]): SocialIndexAnswer['counts'] {
  const counts: SocialIndexAnswer['counts'] = {
    status: { high: 0, medium: 0, low: 0, very_low: 0 },
    dynamics: { positive: 0, stable: 0, negative: 0 },
    combined: {},
  }
  for (const row of rows) {
    counts.status[row.statusClass]++
    if (row.dynamicsClass) counts.dynamics[row.dynamicsClass]++
    if (row.combined) counts.combined[row.combined] = (counts.combined[row.combined] ?? 0) + 1
  }
  return counts
}

/**
 * Which areas change class when one indicator is dropped or its weight halved or doubled. Shows
 * classes only, so the public sees it for a public version, like the index itself.
 */
export function sensitivityAnswer(
  computation: Computation,
  version: StoredVersion,
  layer: string,
  period: number,
  audience: Audience,
): SensitivityAnswer {
  const seen = visibility(computation, version, audience)
  const { input, areaIndexes } = prepareInput(computation, version, layer, period)
  const result = core(() => sensitivity(version.definition, input))
  const ids = new Map(
    input.areas.map((code, k) => [code, computation.cube.areas.ids[areaIndexes[k]!]!]),
  )
  const visible = (code: string) => seen.classes || seen.detail(ids.get(code)!)
  return {
    key: version.key,
    version: version.version,
    layer,
    period,
    dataVersion: computation.dataVersion,
    audience: seen.kind,
    variants: result.variants.map((v) => ({
      indicator: v.indicator,
      change: v.change,
      problem: v.problem,
      status: v.status
        .filter((c) => visible(c.area))
        .map(({ area, ...c }) => ({ code: area, ...c })),
      dynamics: v.dynamics
        .filter((c) => visible(c.area))
        .map(({ area, ...c }) => ({ code: area, ...c })),
    })),
  }
}
