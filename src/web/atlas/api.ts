/**
 * The atlas's requests: indicators, values of one indicator × layer × year, the layer's vector
 * tiles (what the map draws) and its geometry (what needs whole areas: names, search, outline of
 * the selected area, SVG export).
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
export type MapValueRow = Pick<ValueRow, 'areaCode' | 'value' | 'diffCity' | 'status'>

/**
 * The vector tiles of a layer (`GET /layers/:layer/tiles.json`, TileJSON 3.0 of
 * src/modules/areas/http.ts): what MapLibre's vector source needs.
 */
export interface LayerTileSet {
  /** URL templates with `{z}/{x}/{y}`, absolute (MapLibre's worker cannot resolve paths). */
  tiles: string[]
  minzoom: number
  maxzoom: number
  /** [west, south, east, north]. */
  bounds: [number, number, number, number]
  tileSize: number
  /** Changes whenever the boundaries do. */
  version: string
}

function isTileSet(value: unknown): value is LayerTileSet {
  if (typeof value !== 'object' || value === null) return false
  const t = value as Partial<LayerTileSet>
  return (
    Array.isArray(t.tiles) &&
    t.tiles.length > 0 &&
    t.tiles.every((url) => typeof url === 'string' && url.startsWith('/')) &&
    typeof t.minzoom === 'number' &&
    typeof t.maxzoom === 'number' &&
    Array.isArray(t.bounds) &&
    t.bounds.length === 4 &&
    t.bounds.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    typeof t.tileSize === 'number' &&
    typeof t.version === 'string'
  )
}

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

/** The map's values of one indicator on one layer in one year, from the compact columns. */
export function fetchMapValues(
  org: string,
  indicator: string,
  layer: string,
  period: number,
): Promise<MapValueRow[]> {
  const query = new URLSearchParams({ indicator, layer, period: String(period), format: 'columns' })
  const url = `${orgPath(org)}/values?${query.toString()}`
  return cached(url, async () => {
    const columns = await getJson<unknown>(url)
    if (!isValueColumns(columns)) {
      throw new Error(
        `GET ${url} did not answer with value columns ({ areaCodes, value, diffCity, status } of equal length).`,
      )
    }
    return columns.areaCodes.map((code, i) => ({
      areaCode: code,
      value: columns.value[i]!,
      diffCity: columns.diffCity[i]!,
      status: STATUS[columns.status[i] as keyof typeof STATUS] ?? 'missing',
    }))
  })
}

/**
 * The vector tiles of a layer for the map (cached for the life of the page; the tile URLs carry
 * the boundaries' version, so the browser keeps the tiles themselves).
 */
export function fetchTileSet(org: string, layer: string): Promise<LayerTileSet> {
  const url = `${orgPath(org)}/layers/${encodeURIComponent(layer)}/tiles.json`
  return cached(url, async () => {
    const answer = await getJson<unknown>(url)
    if (!isTileSet(answer)) {
      throw new Error(
        `GET ${url} did not answer with TileJSON ({ tiles, minzoom, maxzoom, bounds, tileSize, version }).`,
      )
    }
    const origin = window.location.origin
    return { ...answer, tiles: answer.tiles.map((template) => origin + template) }
  })
}

/**
 * The areas of a layer as GeoJSON, downloaded once per layer as simplified, quantized TopoJSON
 * (cached: switching indicator or year never downloads geometry again).
 */
export function fetchGeometry(org: string, layer: string): Promise<AreaCollection> {
  return loadLayerGeometry(org, layer)
}
