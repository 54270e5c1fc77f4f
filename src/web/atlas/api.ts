/**
 * The atlas's requests: indicators, values of one indicator × layer × year, area geometry.
 * The map draws from `/values?format=columns` (codes, value, deviation, status letters: ~45 bytes
 * per area instead of ~400 for a JSON row), so switching the indicator on a national layer of
 * ~11,000 areas moves ~0.5 MB instead of ~4.5 MB; the table loads the full rows on its own
 * (pages of `/values`, fetched until complete: a page holds at most 10,000). Answers are cached
 * for the life of the page, so moving the period slider back and forth asks the server once per
 * year.
 */
import { getJson } from '../http/client.js'
import type { AreaCollection } from '../http/types.js'
import { loadLayerGeometry } from '../lib/topology.js'
import type { IndicatorMeta, ValueRow } from './types.js'

/** What the map, legend and tooltip need of an area's value (a part of a {@link ValueRow}). */
export type MapValueRow = Pick<ValueRow, 'areaCode' | 'areaName' | 'value' | 'diffCity' | 'status'>

/** `GET /values?format=columns` (src/modules/monitoring/formats.ts, ValueColumns). */
interface ValueColumns {
  indicator: string
  layer: string
  period: number
  areaCodes: string[]
  value: (number | null)[]
  diffCity: (number | null)[]
  /** One letter per area: o = ok, s = suppressed, m = missing. */
  status: string
}

const STATUS = { o: 'ok', s: 'suppressed', m: 'missing' } as const

function isValueColumns(value: unknown): value is ValueColumns {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Partial<ValueColumns>
  const n = c.areaCodes?.length
  return (
    Array.isArray(c.areaCodes) &&
    Array.isArray(c.value) &&
    Array.isArray(c.diffCity) &&
    typeof c.status === 'string' &&
    c.value.length === n &&
    c.diffCity.length === n &&
    c.status.length === n
  )
}

const PAGE = 10_000

interface Page<T> {
  data: T[]
  page: { limit: number; offset: number; total: number }
}

const cache = new Map<string, Promise<unknown>>()

/** One cached request; a failure is dropped from the cache, so trying again asks again. */
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key) as Promise<T> | undefined
  if (!pending) {
    pending = load()
    cache.set(key, pending)
    pending.catch(() => cache.delete(key))
  }
  return pending
}

/** All pages of a paged list, in order. */
async function allPages<T>(url: string): Promise<T[]> {
  const rows: T[] = []
  for (let offset = 0; ; offset += PAGE) {
    const separator = url.includes('?') ? '&' : '?'
    const answer = await getJson<Page<T>>(`${url}${separator}limit=${PAGE}&offset=${offset}`)
    if (!answer || !Array.isArray(answer.data) || typeof answer.page?.total !== 'number') {
      throw new Error(`GET ${url} did not answer with a page of data ({ data, page }).`)
    }
    rows.push(...answer.data)
    if (answer.data.length === 0 || rows.length >= answer.page.total) return rows
  }
}

const orgPath = (org: string) => `/api/orgs/${encodeURIComponent(org)}`

/** The indicators the viewer may see (the public: published ones), in catalogue order. */
export function fetchIndicators(org: string): Promise<IndicatorMeta[]> {
  return cached(`indicators:${org}`, () => allPages<IndicatorMeta>(`${orgPath(org)}/indicators`))
}

/** The values of one indicator on one layer in one year. */
export function fetchValues(
  org: string,
  indicator: string,
  layer: string,
  period: number,
): Promise<ValueRow[]> {
  const query = new URLSearchParams({ indicator, layer, period: String(period) })
  const url = `${orgPath(org)}/values?${query.toString()}`
  return cached(url, () => allPages<ValueRow>(url))
}

/**
 * The map's values of one indicator on one layer in one year, from the compact columns; area
 * names come from the layer's geometry (downloaded once per layer anyway).
 */
export function fetchMapValues(
  org: string,
  indicator: string,
  layer: string,
  period: number,
): Promise<MapValueRow[]> {
  const query = new URLSearchParams({ indicator, layer, period: String(period), format: 'columns' })
  const url = `${orgPath(org)}/values?${query.toString()}`
  return cached(url, async () => {
    const [columns, geometry] = await Promise.all([
      getJson<unknown>(url),
      fetchGeometry(org, layer),
    ])
    if (!isValueColumns(columns)) {
      throw new Error(
        `GET ${url} did not answer with value columns ({ areaCodes, value, diffCity, status } of equal length).`,
      )
    }
    const names = new Map(geometry.features.map((f) => [f.properties.code, f.properties.name]))
    return columns.areaCodes.map((code, i) => ({
      areaCode: code,
      areaName: names.get(code) ?? code,
      value: columns.value[i]!,
      diffCity: columns.diffCity[i]!,
      status: STATUS[columns.status[i] as keyof typeof STATUS] ?? 'missing',
    }))
  })
}

/**
 * The areas of a layer as GeoJSON, downloaded once per layer as simplified, quantized TopoJSON
 * (cached: switching indicator or year never downloads geometry again).
 */
export function fetchGeometry(org: string, layer: string): Promise<AreaCollection> {
  return loadLayerGeometry(org, layer)
}
