import { type ReactNode, useId, useMemo, useState } from 'react'

import { useI18n } from '../i18n/I18nProvider.js'
import { nextSort, type SortState, sortRows } from '../lib/sort.js'

/** A column: its header, how a row sorts (number or text; null sorts last) and how it shows. */
export interface Column<R> {
  key: string
  label: string
  numeric?: boolean
  sortValue: (row: R) => number | string | null
  render?: (row: R) => ReactNode
  /** The row's header cell (the area name). */
  rowHeader?: boolean
}

/** A dash for "no value", read out as words. */
export function Missing({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{label}</span>
    </>
  )
}

/**
 * The accessible alternative to an analysis map: every area with the figures and the class the
 * map shows, sortable by every column. The selected area is marked (`aria-current`).
 */
export function AnalysisTable<R extends { code: string }>({
  caption,
  columns,
  rows,
  selected,
  testId,
  footer,
}: {
  caption: string
  columns: readonly Column<R>[]
  rows: readonly R[]
  selected?: string | null
  testId: string
  footer?: ReactNode
}) {
  const { format } = useI18n()
  const captionId = useId()
  const [sort, setSort] = useState<SortState<string> | null>(null)
  const sorted = useMemo(() => {
    if (!sort) return rows
    const column = columns.find((c) => c.key === sort.key)
    if (!column) return rows
    const keyed = rows.map((row) => ({ row, value: column.sortValue(row) }))
    return sortRows(keyed, { key: 'value', direction: sort.direction }, format.compare).map(
      (entry) => entry.row,
    )
  }, [rows, columns, sort, format])
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table analysis-table" data-testid={testId}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.numeric ? 'numeric' : undefined}
                aria-sort={sort?.key === column.key ? sort.direction : undefined}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => setSort(nextSort(sort, column.key))}
                >
                  {column.label}
                  <span className="sort-button__icon" aria-hidden="true">
                    {sort?.key !== column.key ? '↕' : sort.direction === 'ascending' ? '▲' : '▼'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr
              key={row.code}
              data-code={row.code}
              aria-current={selected === row.code ? 'true' : undefined}
              className={selected === row.code ? 'analysis-table__row--selected' : undefined}
            >
              {columns.map((column) => {
                const content = column.render ? column.render(row) : column.sortValue(row)
                const className = column.numeric ? 'numeric' : undefined
                return column.rowHeader ? (
                  <th key={column.key} scope="row" className={className} data-column={column.key}>
                    {content}
                  </th>
                ) : (
                  <td key={column.key} className={className} data-column={column.key}>
                    {content}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
        {footer}
      </table>
    </div>
  )
}

/** The "table" section below a view: the areas with their figures (see {@link AnalysisTable}). */
export function AreaTableSection<R extends { code: string }>(props: {
  caption: string
  columns: readonly Column<R>[]
  rows: readonly R[]
  selected: string | null
}) {
  const { t } = useI18n()
  return (
    <section className="section" aria-labelledby="analysis-table-title">
      <h2 id="analysis-table-title">{t('analysis.table.title')}</h2>
      <AnalysisTable {...props} testId="analysis-table" />
    </section>
  )
}

/**
 * A table in a region that scrolls sideways on narrow screens; the region is focusable (so it can
 * be scrolled with the keyboard) and named by the table's caption (`${id}-caption`).
 */
export function ScrollTable({
  id,
  caption,
  className = 'data-table',
  testId,
  children,
}: {
  id: string
  caption: ReactNode
  className?: string
  testId: string
  /** The table's head and body. */
  children: ReactNode
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className={className} data-testid={testId}>
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </div>
  )
}
