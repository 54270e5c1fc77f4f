import { useId, useMemo, useState } from 'react'
import type { ReactNode } from 'react'

import type { MessageKey } from '../../i18n/index.js'
import { useI18n } from '../../i18n/I18nProvider.js'
import { nextSort, type SortState } from '../../lib/sort.js'
import type { IndicatorMeta, MapMode, ValueRow } from '../types.js'
import { MISSING_SYMBOL, SUPPRESSED_SYMBOL } from './symbols.js'
import {
  changeSpec,
  filterTableRows,
  initialSort,
  parentOptions,
  sortTableRows,
  tableRows,
  type TableColumn,
} from './tableRows.js'

export interface AtlasTableProps {
  /** The values of one indicator, layer and year (`GET /values`). */
  rows: readonly ValueRow[]
  indicator: IndicatorMeta
  /** What the map shows; its column is marked "on the map" and sorted first. */
  mode: MapMode
  /** The table's caption, e.g. "Kinderarmut 2024 nach Sozialraum". */
  caption: string
  /** Code of the area selected on the map (its row is marked). */
  selectedArea?: string
  /** Called by the row action "show on map"; without it the action is not offered. */
  onSelectArea?: (code: string) => void
  /** Address of an area's profile (Steckbrief). */
  profileHref: (code: string) => string
  /** The change column: change since this year (default: the previous year). */
  from?: number
  /** Values of the year `from`, needed when `period − from` is not 1, 3 or 5. */
  fromRows?: readonly ValueRow[]
  /** Names of parent areas by code, for the parent filter (codes are shown otherwise). */
  parentNames?: ReadonlyMap<string, string>
}

/**
 * Rows rendered at first and per "show more": a national layer has ~11,000 areas, and rendering
 * every row (each with two actions) would block the page for hundreds of milliseconds whenever
 * the indicator changes. Sorting and filtering still cover all rows.
 */
export const TABLE_PAGE = 100

const MODE_COLUMN: Record<MapMode, TableColumn> = {
  value: 'value',
  change: 'change',
  deviation: 'deviation',
}

/**
 * The values of the map as a table — the accessible alternative to the map: sortable by name,
 * value, change, deviation and rank (`aria-sort` on the sorted column), filterable by name or
 * code and by parent area, suppressed (".") and missing ("–") cells marked with text for screen
 * readers and explained below, a "show on map" action and a link to each area's profile.
 */
export function AtlasTable({
  rows,
  indicator,
  mode,
  caption,
  selectedArea,
  onSelectArea,
  profileHref,
  from,
  fromRows,
  parentNames,
}: AtlasTableProps) {
  const { t, format } = useI18n()
  const id = useId()
  const [sort, setSort] = useState<SortState<TableColumn>>(() => initialSort(mode))
  // A new map mode starts with its own column sorted (state adjusted during render, as React
  // recommends instead of an effect).
  const [sortedFor, setSortedFor] = useState(mode)
  if (sortedFor !== mode) {
    setSortedFor(mode)
    setSort(initialSort(mode))
  }
  const [text, setText] = useState('')
  const [parent, setParent] = useState<string | null>(null)
  const [limit, setLimit] = useState(TABLE_PAGE)

  const period = rows[0]?.period
  const spec = useMemo(
    () => (period === undefined ? null : changeSpec(period, from, fromRows)),
    [period, from, fromRows],
  )
  const all = useMemo(() => tableRows(rows, spec), [rows, spec])
  const parents = useMemo(
    () => parentOptions(rows, parentNames, format.compare),
    [rows, parentNames, format],
  )
  const activeParent = parent !== null && parents.some((p) => p.code === parent) ? parent : null
  const shown = useMemo(
    () => sortTableRows(filterTableRows(all, text, activeParent), sort, format.compare),
    [all, text, activeParent, sort, format],
  )

  const digits = indicator.decimals
  const suppressedCount = rows.filter((r) => r.status === 'suppressed').length
  const missingCount = rows.filter((r) => r.status !== 'ok' && r.status !== 'suppressed').length
  // Suppressed rows show "." in every figure; any other unknown figure is "–" (no data).
  const mark = (row: ValueRow): ReactNode => {
    const suppressed = row.status === 'suppressed'
    return (
      <>
        <span aria-hidden="true" className="atlas-table__symbol">
          {suppressed ? SUPPRESSED_SYMBOL : MISSING_SYMBOL}
        </span>
        <span className="visually-hidden">
          {t(suppressed ? 'controls.table.suppressed' : 'controls.table.missing')}
        </span>
      </>
    )
  }
  const number = (row: ValueRow, value: number | null, signed: boolean): ReactNode => {
    if (value === null) return mark(row)
    const text = format.decimal(value, digits)
    return signed && value > 0 ? `+${text}` : text
  }

  const changeLabel =
    spec === null && from !== undefined
      ? t('controls.table.changeSince', { year: from })
      : spec === null || (spec.kind === 'span' && spec.years === 1 && from === undefined)
        ? t('controls.table.changePrevious')
        : t('controls.table.changeSince', { year: spec.from })
  const columns: { key: TableColumn; label: string; numeric: boolean }[] = [
    { key: 'name', label: t('controls.table.area'), numeric: false },
    {
      key: 'value',
      label:
        indicator.unit.trim() === ''
          ? t('controls.table.value')
          : t('controls.table.valueUnit', { unit: indicator.unit }),
      numeric: true,
    },
    { key: 'change', label: changeLabel, numeric: true },
    { key: 'deviation', label: t('controls.table.deviation'), numeric: true },
    { key: 'rank', label: t('controls.table.rank'), numeric: true },
  ]
  const mapColumn = MODE_COLUMN[mode]
  const legendId = `${id}-legend`

  return (
    <div className="atlas-table" data-testid="atlas-table">
      <div className="atlas-table__filters">
        <div className="atlas-field">
          <label className="atlas-field__label" htmlFor={`${id}-filter`}>
            {t('controls.table.filter')}
          </label>
          <input
            id={`${id}-filter`}
            className="atlas-field__input"
            type="search"
            autoComplete="off"
            value={text}
            aria-describedby={`${id}-filter-hint`}
            onChange={(event) => setText(event.target.value)}
          />
          <p id={`${id}-filter-hint`} className="atlas-field__hint">
            {t('controls.table.filterHint')}
          </p>
        </div>
        {parents.length > 1 && (
          <div className="atlas-field">
            <label className="atlas-field__label" htmlFor={`${id}-parent`}>
              {t('controls.table.parent')}
            </label>
            <select
              id={`${id}-parent`}
              className="atlas-field__input"
              value={activeParent ?? ''}
              onChange={(event) => setParent(event.target.value === '' ? null : event.target.value)}
            >
              <option value="">{t('controls.table.allParents')}</option>
              {parents.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name === p.code ? p.code : `${p.name} (${p.code})`}
                </option>
              ))}
            </select>
          </div>
        )}
        <p className="atlas-table__count" role="status" aria-live="polite">
          {t('controls.table.shown', {
            shown: format.integer(shown.length),
            total: format.integer(all.length),
          })}
        </p>
      </div>
      <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="data-table" aria-describedby={legendId}>
          <caption id={`${id}-caption`}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'numeric' : undefined}
                  aria-sort={sort.key === column.key ? sort.direction : undefined}
                  data-on-map={column.key === mapColumn ? 'true' : undefined}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => setSort(nextSort(sort, column.key))}
                  >
                    {column.label}
                    {column.key === mapColumn && (
                      <span className="atlas-table__on-map">
                        <span className="visually-hidden">(</span>
                        {t('controls.table.onMap')}
                        <span className="visually-hidden">)</span>
                      </span>
                    )}
                    <span className="sort-button__icon" aria-hidden="true">
                      {sort.key !== column.key ? '↕' : sort.direction === 'ascending' ? '▲' : '▼'}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col" className="atlas-table__actions-head">
                {t('controls.table.actions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={columns.length + 1}>{t('controls.table.noRows')}</td>
              </tr>
            )}
            {shown.slice(0, limit).map((r) => {
              const selected = r.code === selectedArea
              return (
                <tr
                  key={r.code}
                  className={selected ? 'atlas-table__row--selected' : undefined}
                  aria-current={selected ? 'true' : undefined}
                  data-area={r.code}
                  data-status={r.row.status}
                >
                  <th scope="row">
                    {r.name} <span className="muted">({r.code})</span>
                    {selected && (
                      <span className="visually-hidden">, {t('controls.table.selected')}</span>
                    )}
                  </th>
                  <td className="numeric">{number(r.row, r.value, false)}</td>
                  <td className="numeric">{number(r.row, r.change, true)}</td>
                  <td className="numeric">{number(r.row, r.deviation, true)}</td>
                  <td className="numeric">
                    {r.rank === null
                      ? mark(r.row)
                      : t('controls.table.rankOf', {
                          rank: format.integer(r.rank),
                          count: format.integer(r.row.rankCount),
                        })}
                  </td>
                  <td className="atlas-table__actions">
                    {onSelectArea && (
                      <button
                        type="button"
                        className="atlas-link-button"
                        // The name starts with the visible text (WCAG 2.5.3) and names the area.
                        aria-label={t('controls.table.showOnMapLabel', { area: r.name })}
                        onClick={() => onSelectArea(r.code)}
                      >
                        {t('controls.table.showOnMap')}
                      </button>
                    )}
                    <a
                      href={profileHref(r.code)}
                      aria-label={t('controls.table.profileLabel', { area: r.name })}
                    >
                      {t('controls.table.profile')}
                    </a>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {shown.length > limit && (
        <div className="atlas-table__more">
          <p>
            {t('controls.table.partial', {
              shown: format.integer(limit),
              total: format.integer(shown.length),
            })}
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setLimit(limit + TABLE_PAGE)}
          >
            {t('controls.table.more', {
              count: format.integer(Math.min(TABLE_PAGE, shown.length - limit)),
            })}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setLimit(shown.length)}
          >
            {t('controls.table.all', { count: format.integer(shown.length) })}
          </button>
        </div>
      )}
      <dl id={legendId} className="atlas-table__legend">
        {symbolLegend(SUPPRESSED_SYMBOL, 'controls.table.legendSuppressed', suppressedCount, t)}
        {symbolLegend(MISSING_SYMBOL, 'controls.table.legendMissing', missingCount, t)}
      </dl>
    </div>
  )
}

/** One entry of the explanation of symbols (shown always, so the table reads the same each time). */
function symbolLegend(
  symbol: string,
  text: MessageKey,
  count: number,
  t: (key: MessageKey) => string,
): ReactNode {
  return (
    <div data-count={count}>
      <dt>
        <span aria-hidden="true" className="atlas-table__symbol">
          {symbol}
        </span>
        <span className="visually-hidden">
          {text === 'controls.table.legendSuppressed'
            ? t('controls.table.suppressed')
            : t('controls.table.missing')}
        </span>
      </dt>
      <dd>{t(text)}</dd>
    </div>
  )
}
