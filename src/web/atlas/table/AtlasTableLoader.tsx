/**
 * The atlas table with its own data: the full value rows (`GET /values`, ~400 bytes per area)
 * are loaded only once the view has stayed put for a moment and the map has drawn it, so that
 * neither the first map nor a switch of indicator or year on a national layer (~11,000 areas,
 * ~4.5 MB of rows) waits for them — the map draws from the compact columns (api.ts,
 * fetchMapValues). While the rows load, the table's place shows a status line.
 */
import { useAsync } from '../../hooks/useAsync.js'
import { useSettled } from '../../hooks/useSettled.js'
import { useI18n } from '../../i18n/I18nProvider.js'
import { ErrorMessage, Loading } from '../../shell/Status.js'
import { fetchValues } from '../api.js'
import type { ValueRow } from '../types.js'
import { AtlasTable, type AtlasTableProps } from './AtlasTable.js'

/** How long a view must stay before its table rows are requested (ms). */
export const TABLE_DELAY_MS = 400
/**
 * How long the rows wait at most for the map (ms): the table is the accessible alternative to the
 * map and must appear even where the map cannot be drawn (no WebGL) or takes long.
 */
export const MAP_WAIT_MS = 4000

export interface AtlasTableLoaderProps extends Omit<AtlasTableProps, 'rows' | 'fromRows'> {
  org: string
  layer: string
  period: number
  /** True while the map has not yet drawn this view. */
  waitForMap: boolean
}

interface Rows {
  rows: ValueRow[]
  fromRows: ValueRow[] | undefined
}

export function AtlasTableLoader({
  org,
  layer,
  period,
  waitForMap,
  ...table
}: AtlasTableLoaderProps) {
  const { t } = useI18n()
  const { indicator, from } = table
  // The change column needs the rows of `from` only when the span is not one the rows carry.
  const needsFrom = from !== undefined && ![1, 3, 5].includes(period - from)
  const key = [org, indicator.key, layer, period, needsFrom ? from : ''].join('/')
  const settled = useSettled(key, TABLE_DELAY_MS, waitForMap, MAP_WAIT_MS)
  const state = useAsync<Rows | null>(
    () =>
      settled === null
        ? Promise.resolve(null)
        : Promise.all([
            fetchValues(org, indicator.key, layer, period),
            needsFrom ? fetchValues(org, indicator.key, layer, from) : Promise.resolve(undefined),
          ]).then(([rows, fromRows]) => ({ rows, fromRows })),
    settled ?? `pending:${key}`,
  )
  if (state.status === 'error') {
    return (
      <ErrorMessage title={t('controls.table.error')} error={state.error} onRetry={state.retry} />
    )
  }
  const data = state.status === 'ready' ? state.data : null
  if (!data) return <Loading label={t('controls.table.loading')} />
  return <AtlasTable {...table} rows={data.rows} fromRows={data.fromRows} />
}
