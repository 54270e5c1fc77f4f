/**
 * The atlas's requests: indicators, values of one indicator × layer × year, area geometry. Pages of
 * `/values` are fetched until complete (a national deployment has ~11,000 areas per layer; a page
 * holds at most 10,000). Answers are cached for the life of the page, so moving the period slider
 * back and forth asks the server once per year.
 */
import { getJson } from '../http/client.js'
import type { AreaCollection } from '../http/types.js'
import { loadLayerGeometry } from '../lib/topology.js'
import type { IndicatorMeta, ValueRow } from './types.js'

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
 * The areas of a layer as GeoJSON, downloaded once per layer as simplified, quantized TopoJSON
 * (cached: switching indicator or year never downloads geometry again).
 */
export function fetchGeometry(org: string, layer: string): Promise<AreaCollection> {
  return loadLayerGeometry(org, layer)
}
