/** Sorting of table rows by one column; pure. */

export type SortDirection = 'ascending' | 'descending'

export interface SortState<K extends string> {
  key: K
  direction: SortDirection
}

/**
 * The sort after a click on column `key`: the same column flips its direction, another column
 * starts ascending.
 *
 * @example nextSort({ key: 'name', direction: 'ascending' }, 'name') // { key: 'name', direction: 'descending' }
 */
export function nextSort<K extends string>(current: SortState<K> | null, key: K): SortState<K> {
  if (current?.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
  }
  return { key, direction: 'ascending' }
}

/**
 * A sorted copy of `rows` by the column `key`: numbers numerically, text with `compareText`
 * (locale-aware); missing values (null, NaN) always last. Stable, so ties keep the input order.
 */
export function sortRows<T, K extends keyof T & string>(
  rows: readonly T[],
  sort: SortState<K>,
  compareText: (a: string, b: string) => number,
): T[] {
  const sign = sort.direction === 'ascending' ? 1 : -1
  const missing = (value: unknown) =>
    value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))
  return [...rows].sort((a, b) => {
    const x = a[sort.key]
    const y = b[sort.key]
    if (missing(x) || missing(y)) return missing(x) === missing(y) ? 0 : missing(x) ? 1 : -1
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y)
    return sign * compareText(String(x), String(y))
  })
}
