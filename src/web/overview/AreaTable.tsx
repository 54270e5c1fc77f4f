import { useId, useMemo, useState } from 'react'

import type { MessageKey } from '../i18n/index.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { type AreaRow, totals } from '../lib/areaRows.js'
import { densityDigits } from '../lib/format.js'
import { nextSort, type SortState, sortRows } from '../lib/sort.js'

type Column = 'code' | 'name' | 'parentName' | 'population' | 'areaKm2' | 'density'

const COLUMNS: { key: Column; label: MessageKey; numeric: boolean }[] = [
  { key: 'code', label: 'table.code', numeric: false },
  { key: 'name', label: 'table.name', numeric: false },
  { key: 'parentName', label: 'table.parent', numeric: false },
  { key: 'population', label: 'table.population', numeric: true },
  { key: 'areaKm2', label: 'table.areaKm2', numeric: true },
  { key: 'density', label: 'table.density', numeric: true },
]

/**
 * The areas of a layer as a table, sortable by every column: the accessible alternative to the
 * map, with the same values.
 */
export function AreaTable({
  rows,
  layerName,
  year,
}: {
  rows: readonly AreaRow[]
  layerName: string
  year: number
}) {
  const { t, format } = useI18n()
  const captionId = useId()
  const [sort, setSort] = useState<SortState<Column>>({ key: 'code', direction: 'ascending' })
  // Sort the parent column by name, or by code where the name is unknown.
  const sortable = useMemo(
    () => rows.map((row) => ({ ...row, parentName: row.parentName ?? row.parentCode })),
    [rows],
  )
  const sorted = useMemo(() => sortRows(sortable, sort, format.compare), [sortable, sort, format])
  const sum = totals(rows)

  const missing = (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t('table.missing')}</span>
    </>
  )
  const number = (value: number | null, digits: number) =>
    value === null ? missing : format.decimal(value, digits)

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table" data-testid="area-table">
        <caption id={captionId}>{t('table.caption', { layer: layerName, year })}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.numeric ? 'numeric' : undefined}
                aria-sort={sort.key === column.key ? sort.direction : undefined}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => setSort(nextSort(sort, column.key))}
                >
                  {t(column.label)}
                  <span className="sort-button__icon" aria-hidden="true">
                    {sort.key !== column.key ? '↕' : sort.direction === 'ascending' ? '▲' : '▼'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.code}>
              <td>{row.code}</td>
              <th scope="row">{row.name}</th>
              <td>
                {row.parentCode === null ? (
                  missing
                ) : row.parentName && row.parentName !== row.parentCode ? (
                  <>
                    {row.parentName} <span className="muted">({row.parentCode})</span>
                  </>
                ) : (
                  row.parentCode
                )}
              </td>
              <td className="numeric">{number(row.population, 0)}</td>
              <td className="numeric">{number(row.areaKm2, 2)}</td>
              <td className="numeric">
                {row.density === null ? missing : number(row.density, densityDigits(row.density))}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('table.total', { count: format.integer(rows.length) })}
            </th>
            <td className="numeric">{number(sum.population, 0)}</td>
            <td className="numeric">{number(sum.areaKm2, 2)}</td>
            <td className="numeric">
              {sum.density === null ? missing : number(sum.density, densityDigits(sum.density))}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
