/**
 * Indicator values as rows for the API and exports, for one audience: `internal` (exact values)
 * or `public` (published indicators only, disclosure control applied, DESIGN.md §5).
 */
import { CHANGE_SPANS, VISIBLE } from '../../core/indicators/types.js'
import { ApiError } from '../../platform/http/errors.js'
import type { Computation } from './engine.js'
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

/** Resolves a query against a computation; unknown keys are VALIDATION_FAILED naming the known ones. */
export function selectValues(
  computation: Computation,
  audience: Audience,
  query: ValuesQuery,
): { rows: ValueRow[]; indicators: string[]; periods: number[]; layers: string[] } {
  const scoped = typeof audience === 'object' ? audience.internalAreaIds : null
  const result = audience === 'public' ? computation.public : computation.internal
  const publicKeys = new Set(computation.public.indicators.map((r) => r.definition.key))
  const available = result.indicators.map((r) => r.definition.key)
  const indicators = query.indicators.length > 0 ? query.indicators : available
  const unknown = indicators.filter((k) => !available.includes(k))
  if (unknown.length > 0) {
    throw new ApiError(
      'NOT_FOUND',
      `The indicator(s) ${unknown.map((k) => `"${k}"`).join(', ')} do not exist${audience === 'public' ? ' or are not published' : ''}; available: ${available.join(', ') || 'none'}.`,
    )
  }
  const { areas } = computation.cube
  let layerIndexes = areas.layerKeys.map((_, i) => i)
  if (query.layer !== undefined) {
    const li = areas.layerKeys.indexOf(query.layer)
    if (li < 0) {
      throw new ApiError(
        'NOT_FOUND',
        `The layer "${query.layer}" (known layers: ${areas.layerKeys.join(', ') || 'none'}) does not exist.`,
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
  const wanted = new Set(query.areas)
  const rows: ValueRow[] = []
  const tree = areas.tree
  for (const key of indicators) {
    for (const li of layerIndexes) {
      for (const year of periods) {
        const pi = result.periodIndex(year)
        const exact = result.slice(key, li, pi)
        const open = scoped && publicKeys.has(key) ? computation.public.slice(key, li, pi) : null
        for (let k = 0; k < exact.areas.length; k++) {
          const a = exact.areas[k]!
          const code = areas.codes[a]!
          if (wanted.size > 0 && !wanted.has(code)) continue
          // Outside an area-scoped actor's territory: the public view, or nothing if unpublished.
          const outside = scoped !== null && !scoped.has(areas.ids[a]!)
          if (outside && open === null) continue
          const slice = outside ? open! : exact
          const parent = tree.parent[a]!
          const flag = slice.flags ? slice.flags[k]! : VISIBLE
          const hidden = (audience === 'public' || outside) && flag !== VISIBLE
          const value = slice.value[k]!
          const row: ValueRow = {
            indicator: key,
            layer: areas.layerKeys[li]!,
            areaCode: code,
            areaName: areas.names[a]!,
            parentCode: parent >= 0 ? areas.codes[parent]! : null,
            period: year,
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
            status: hidden ? 'suppressed' : Number.isFinite(value) ? 'ok' : 'missing',
          }
          for (const span of CHANGE_SPANS) {
            const change = slice.change[span]
            const name = `change${span}` as 'change1'
            row[name] = num(change.absolute[k]!)
            row[`${name}Percent` as 'change1Percent'] = num(change.percent[k]!)
          }
          rows.push(row)
        }
      }
    }
  }
  return {
    rows,
    indicators,
    periods,
    layers: layerIndexes.map((i) => areas.layerKeys[i]!),
  }
}
