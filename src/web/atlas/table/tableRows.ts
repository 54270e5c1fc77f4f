/**
 * The rows of the atlas table: the change column for the chosen comparison, filtering by name or
 * code and by parent area, and sorting; pure, so it is tested without a browser.
 */
import { normalise } from '../controls/indicatorSearch.js'
import type { ValueRow } from '../types.js'
import { sortRows, type SortState } from '../../lib/sort.js'

/** The sortable columns of the atlas table. */
export type TableColumn = 'name' | 'value' | 'change' | 'deviation' | 'rank'

/** A value row with the figures the table shows, `null` where there is nothing to show. */
export interface TableRow {
  row: ValueRow
  code: string
  name: string
  value: number | null
  change: number | null
  deviation: number | null
  rank: number | null
}

/** How the change column is computed (see {@link changeSpec}). */
export type ChangeSpec =
  | { kind: 'span'; years: 1 | 3 | 5; from: number }
  | { kind: 'rows'; from: number; values: ReadonlyMap<string, number | null> }

/**
 * The change column: since `from` when given — from the row's own 1-, 3- or 5-year change when
 * the span is one of those, else from `fromRows` (the values of the year `from`) — and over one
 * year otherwise. Returns null when the change since `from` cannot be computed.
 *
 * @example changeSpec(2024, 2021) // { kind: 'span', years: 3, from: 2021 }
 */
export function changeSpec(
  period: number,
  from?: number,
  fromRows?: readonly ValueRow[],
): ChangeSpec | null {
  const target = from ?? period - 1
  const years = period - target
  if (years === 1 || years === 3 || years === 5) return { kind: 'span', years, from: target }
  if (!fromRows) return null
  const values = new Map<string, number | null>()
  for (const row of fromRows) {
    if (row.period === target) values.set(row.areaCode, row.status === 'ok' ? row.value : null)
  }
  return { kind: 'rows', from: target, values }
}

/** The change of one row under a spec: `v_t − v_from`, null when either is unknown. */
export function changeOf(row: ValueRow, spec: ChangeSpec | null): number | null {
  if (spec === null || row.status !== 'ok' || row.value === null) return null
  if (spec.kind === 'span') return row[`change${spec.years}`]
  const before = spec.values.get(row.areaCode)
  return before === null || before === undefined ? null : row.value - before
}

/** Table rows for the value rows of one indicator, layer and year. */
export function tableRows(rows: readonly ValueRow[], spec: ChangeSpec | null): TableRow[] {
  return rows.map((row) => {
    const ok = row.status === 'ok'
    return {
      row,
      code: row.areaCode,
      name: row.areaName,
      value: ok ? row.value : null,
      change: changeOf(row, spec),
      deviation: ok ? row.diffCity : null,
      rank: ok ? row.rank : null,
    }
  })
}

/**
 * The rows whose name or code contains every word of `text` (case and accents ignored), and,
 * when `parent` is given, whose parent area is it.
 */
export function filterTableRows(
  rows: readonly TableRow[],
  text: string,
  parent: string | null,
): TableRow[] {
  const words = normalise(text).split(/\s+/).filter(Boolean)
  return rows.filter((r) => {
    if (parent !== null && r.row.parentCode !== parent) return false
    if (words.length === 0) return true
    const haystack = normalise(`${r.name}\n${r.code}`)
    return words.every((word) => haystack.includes(word))
  })
}

/**
 * Sorted rows: numbers numerically, names with `compare` (locale, numeric collation), missing and
 * suppressed values last in either direction; ties keep the order by name.
 */
export function sortTableRows(
  rows: readonly TableRow[],
  sort: SortState<TableColumn>,
  compare: (a: string, b: string) => number,
): TableRow[] {
  const byName = sortRows(rows, { key: 'name', direction: 'ascending' }, compare)
  return sort.key === 'name' && sort.direction === 'ascending'
    ? byName
    : sortRows(byName, sort, compare)
}

/** The parent areas present in the rows, for the parent filter, sorted by name (or code). */
export function parentOptions(
  rows: readonly ValueRow[],
  names: ReadonlyMap<string, string> | undefined,
  compare: (a: string, b: string) => number,
): { code: string; name: string }[] {
  const codes = [...new Set(rows.map((r) => r.parentCode).filter((c): c is string => c !== null))]
  return codes
    .map((code) => ({ code, name: names?.get(code) ?? code }))
    .sort((a, b) => compare(a.name, b.name) || compare(a.code, b.code))
}

/** The sort a mode starts with: the mode's own column, largest first; names for plain values. */
export function initialSort(mode: 'value' | 'change' | 'deviation'): SortState<TableColumn> {
  if (mode === 'change') return { key: 'change', direction: 'descending' }
  if (mode === 'deviation') return { key: 'deviation', direction: 'descending' }
  return { key: 'name', direction: 'ascending' }
}
