/**
 * Indicator values as rows for the API and exports, or as columns for the atlas map, for one
 * audience: `internal` (exact values) or `public` (published indicators only, disclosure control
 * applied, DESIGN.md §5).
 */
import { CHANGE_SPANS, VISIBLE, type IndicatorSlice } from '../../core/indicators/types.js'
import { ApiError } from '../../platform/http/errors.js'
import type { Computation } from './engine.js'
import { STATUS_LETTERS, type ValueColumns } from './formats.js'
import type { ValueRow } from './types.js'

export type { ValueRow }

/**
 * Who the values are for: `public` (disclosure control, published indicators), `internal` (exact
 * values, all indicators), or internal for some areas only (a member municipality's staff of a
 * district: exact values for the areas in their scope, the public view elsewhere).
 */
export type Audience = 'internal' | 'public' | { internalAreaIds: ReadonlySet<number> }

export interface ValuesQuery {
  /** Indicator keys; empty = all available to the audience. */
  indicators: string[]
  /** Layer key; undefined = all layers. */
  layer?: string | undefined
  /** Years; empty = the latest year with data. */
  periods: number[]
  /** Area codes within the layer; empty = all. */
  areas: string[]
}

const num = (x: number) => (Number.isFinite(x) ? x : null)

/** A query resolved against a computation: what it selects, in the order of the answer. */
interface Selection {
  indicators: string[]
  layerIndexes: number[]
  periods: number[]
}

/** Resolves a query against a computation; unknown keys are NOT_FOUND naming the known ones. */
function resolveSelection(
  computation: Computation,
  audience: Audience,
  query: ValuesQuery,
): Selection {
  const result = audience === 'public' ? computation.public : computation.internal
  const available = result.indicators.map((r) => r.definition.key)
  const indicators = query.indicators.length > 0 ? query.indicators : available
  const unknown = indicators.filter((k) => !available.includes(k))
  if (unknown.length > 0) {
    throw new ApiError(
      'NOT_FOUND',
      `The indicator(s) ${unknown.map((k) => `"${k}"`).join(', ')} do not exist${audience === 'public' ? ' or are not published' : ''}; available: ${available.join(', ') || 'none'}.`,
    )
  }
  const { layerKeys } = computation.cube.areas
  let layerIndexes = layerKeys.map((_, i) => i)
  if (query.layer !== undefined) {
    const li = layerKeys.indexOf(query.layer)
    if (li < 0) {
      throw new ApiError(
        'NOT_FOUND',
        `The layer "${query.layer}" (known layers: ${layerKeys.join(', ') || 'none'}) does not exist.`,
      )
    }
    layerIndexes = [li]
  }
  const allPeriods = result.periods
  const periods = query.periods.length > 0 ? query.periods : allPeriods.slice(-1)
  const missingPeriods = periods.filter((p) => !allPeriods.includes(p))
  if (missingPeriods.length > 0) {
    throw new ApiError(
      'NOT_FOUND',
      `No data for the year(s) ${missingPeriods.join(', ')}; years with data: ${allPeriods.join(', ') || 'none'}.`,
    )
  }
  return { indicators, layerIndexes, periods }
}

/**
 * Visits every cell of a selection the audience may see, in the order of the answer (indicator,
 * layer, year, area): the slice to read it from (the exact values, or the public view outside an
 * area-scoped actor's territory), its index there, and whether disclosure control hides it.
 */
function eachCell(
  computation: Computation,
  audience: Audience,
  selection: Selection,
  areaCodes: readonly string[],
  visit: (slice: IndicatorSlice, k: number, hidden: boolean) => void,
): void {
  const scoped = typeof audience === 'object' ? audience.internalAreaIds : null
  const result = audience === 'public' ? computation.public : computation.internal
  const publicKeys = new Set(computation.public.indicators.map((r) => r.definition.key))
  const { areas } = computation.cube
  const wanted = new Set(areaCodes)
  for (const key of selection.indicators) {
    for (const li of selection.layerIndexes) {
      for (const year of selection.periods) {
        const pi = result.periodIndex(year)
        const exact = result.slice(key, li, pi)
        const open = scoped && publicKeys.has(key) ? computation.public.slice(key, li, pi) : null
        for (let k = 0; k < exact.areas.length; k++) {
          const a = exact.areas[k]!
          if (wanted.size > 0 && !wanted.has(areas.codes[a]!)) continue
          // Outside an area-scoped actor's territory: the public view, or nothing if unpublished.
          const outside = scoped !== null && !scoped.has(areas.ids[a]!)
          if (outside && open === null) continue
          const slice = outside ? open! : exact
          const flag = slice.flags ? slice.flags[k]! : VISIBLE
          visit(slice, k, (audience === 'public' || outside) && flag !== VISIBLE)
        }
      }
    }
  }
}

const statusOf = (hidden: boolean, value: number): ValueRow['status'] =>
  hidden ? 'suppressed' : Number.isFinite(value) ? 'ok' : 'missing'

/** The values a query selects, as rows, for one audience. */
export function selectValues(
  computation: Computation,
  audience: Audience,
  query: ValuesQuery,
): { rows: ValueRow[]; indicators: string[]; periods: number[]; layers: string[] } {
  const selection = resolveSelection(computation, audience, query)
  const { areas } = computation.cube
  const tree = areas.tree
  const rows: ValueRow[] = []
  eachCell(computation, audience, selection, query.areas, (slice, k, hidden) => {
    const a = slice.areas[k]!
    const parent = tree.parent[a]!
    const value = slice.value[k]!
    const row: ValueRow = {
      indicator: slice.indicator,
      layer: areas.layerKeys[slice.layer]!,
      areaCode: areas.codes[a]!,
      areaName: areas.names[a]!,
      parentCode: parent >= 0 ? areas.codes[parent]! : null,
      period: slice.period,
      value: num(value),
      numerator: num(slice.numerator[k]!),
      denominator: num(slice.denominator[k]!),
      change1: null,
      change1Percent: null,
      change3: null,
      change3Percent: null,
      change5: null,
      change5Percent: null,
      diffParent: num(slice.diffParent[k]!),
      diffCity: num(slice.diffTop[k]!),
      rank: slice.rank[k]! > 0 ? slice.rank[k]! : null,
      rankCount: slice.rankCount,
      z: num(slice.z[k]!),
      status: statusOf(hidden, value),
    }
    for (const span of CHANGE_SPANS) {
      const change = slice.change[span]
      const name = `change${span}` as 'change1'
      row[name] = num(change.absolute[k]!)
      row[`${name}Percent` as 'change1Percent'] = num(change.percent[k]!)
    }
    rows.push(row)
  })
  return {
    rows,
    indicators: selection.indicators,
    periods: selection.periods,
    layers: selection.layerIndexes.map((i) => areas.layerKeys[i]!),
  }
}

/**
 * One indicator, layer and year as {@link ValueColumns} (format=columns, what the atlas map
 * draws): the areaCode, value, diffCity and status of selectValues' rows, in their order, without
 * making the rows (a fifth of the time for ~11,000 areas). A query that selects more than one
 * indicator, layer or year is VALIDATION_FAILED.
 */
export function selectColumns(
  computation: Computation,
  audience: Audience,
  query: ValuesQuery,
): ValueColumns {
  const selection = resolveSelection(computation, audience, query)
  const { indicators, layerIndexes, periods } = selection
  if (indicators.length !== 1 || layerIndexes.length !== 1 || periods.length !== 1) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `format=columns needs exactly one indicator, one layer and one year (got ${indicators.length} indicator(s), ${layerIndexes.length} layer(s), ${periods.length} year(s)): add indicator=…, layer=… and period=….`,
    )
  }
  const { codes, layerKeys } = computation.cube.areas
  const areaCodes: string[] = []
  const value: (number | null)[] = []
  const diffCity: (number | null)[] = []
  let status = ''
  eachCell(computation, audience, selection, query.areas, (slice, k, hidden) => {
    const v = slice.value[k]!
    areaCodes.push(codes[slice.areas[k]!]!)
    value.push(num(v))
    diffCity.push(num(slice.diffTop[k]!))
    status += STATUS_LETTERS[statusOf(hidden, v)]
  })
  return {
    indicator: indicators[0]!,
    layer: layerKeys[layerIndexes[0]!]!,
    period: periods[0]!,
    areaCodes,
    value,
    diffCity,
    status,
  }
}
