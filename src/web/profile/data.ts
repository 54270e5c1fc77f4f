/**
 * Data of the area profile (Steckbrief): the indicators, the areas of the layer, and the values of
 * the area, its parent and the city over all years in one request to `/values` (paged through
 * when it holds more rows than a page), plus the population pyramid.
 */
import { getJson } from '../http/client.js'
import type { AreaProperties, Layer } from '../http/types.js'
import type { IndicatorMeta, ValueRow } from '../atlas/types.js'

/** One page of a paged API answer. */
interface Page<T> {
  data: T[]
  page: { limit: number; offset: number; total: number }
}

/** Largest page the API hands out. */
const PAGE_SIZE = 10_000

const orgPath = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`

/** Fetches every page of a paged endpoint (`url` without limit/offset). */
export async function allPages<T>(
  url: string,
  get: (url: string) => Promise<Page<T>> = (u) => getJson<Page<T>>(u),
): Promise<T[]> {
  const rows: T[] = []
  const separator = url.includes('?') ? '&' : '?'
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await get(`${url}${separator}limit=${PAGE_SIZE}&offset=${offset}`)
    rows.push(...page.data)
    if (page.data.length === 0 || offset + page.data.length >= page.page.total) return rows
  }
}

/** The indicators the caller may see, in catalogue order. */
export function loadIndicators(slug: string): Promise<IndicatorMeta[]> {
  return allPages<IndicatorMeta>(`${orgPath(slug)}/indicators`)
}

/** An area of the profile's chain: the area itself, its parent or the city. */
export interface ChainArea {
  layer: string
  code: string
}

/**
 * Values of all indicators for the given areas over the given years: one request (layer left
 * open, so that areas of different layers come together), filtered to the exact (layer, code).
 */
export async function loadValues(
  slug: string,
  areas: readonly ChainArea[],
  periods: readonly number[],
): Promise<ValueRow[]> {
  const codes = [...new Set(areas.map((a) => a.code))]
  const query = new URLSearchParams({
    area: codes.join(','),
    period: periods.join(','),
    format: 'json',
  })
  const rows = await allPages<ValueRow>(`${orgPath(slug)}/values?${query.toString()}`)
  const wanted = new Set(areas.map((a) => `${a.layer} ${a.code}`))
  return rows.filter((r) => wanted.has(`${r.layer} ${r.areaCode}`))
}

/** The population pyramid of an area (`GET /areas/:code/pyramid`). */
export interface PyramidAnswer {
  layer: string
  area: { code: string; name: string; parentCode: string | null }
  period: number
  audience: 'public' | 'internal'
  minCaseNumber: number
  groups: {
    ageKey: string
    age: string
    male: number | null
    female: number | null
    maleStatus: 'ok' | 'suppressed' | 'missing'
    femaleStatus: 'ok' | 'suppressed' | 'missing'
  }[]
  total: { male: number | null; female: number | null } | null
}

export function loadPyramid(
  slug: string,
  layer: string,
  code: string,
  period: number,
): Promise<PyramidAnswer> {
  const query = new URLSearchParams({ layer, period: String(period) })
  return getJson<PyramidAnswer>(
    `${orgPath(slug)}/areas/${encodeURIComponent(code)}/pyramid?${query.toString()}`,
  )
}

/** The layer directly above `layer` (its parents' layer), or undefined for the top layer. */
export function parentLayer(layers: readonly Layer[], layer: string): Layer | undefined {
  const sorted = [...layers].sort((a, b) => a.level - b.level)
  const index = sorted.findIndex((l) => l.key === layer)
  return index > 0 ? sorted[index - 1] : undefined
}

/** The top layer (Gesamtstadt). */
export function topLayer(layers: readonly Layer[]): Layer | undefined {
  return [...layers].sort((a, b) => a.level - b.level)[0]
}

/** The default layer of a profile: Sozialräume when there are more than two layers, else the finest. */
export function defaultLayer(layers: readonly Layer[]): Layer | undefined {
  const sorted = [...layers].sort((a, b) => a.level - b.level)
  return sorted.length > 2 ? sorted[2] : sorted[sorted.length - 1]
}

/** Areas as the picker lists them: code, name and parent code, sorted by code. */
export function pickerAreas(
  features: readonly { properties: AreaProperties }[],
  compare: (a: string, b: string) => number,
): AreaProperties[] {
  return features.map((f) => f.properties).sort((a, b) => compare(a.code, b.code))
}

/** What the profile shows for one indicator: the area's, parent's and city's rows by year. */
export interface IndicatorLine {
  indicator: IndicatorMeta
  /** Row of the area in the chosen year. */
  area: ValueRow | undefined
  parent: ValueRow | undefined
  city: ValueRow | undefined
  /** The area's values over all years, for the sparkline. */
  series: { period: number; value: number | null }[]
}

/** Groups rows by indicator for the chosen year, in the indicators' order, by topic. */
export function profileLines(
  indicators: readonly IndicatorMeta[],
  rows: readonly ValueRow[],
  chain: { area: ChainArea; parent: ChainArea | null; city: ChainArea | null },
  period: number,
): Map<string, IndicatorLine[]> {
  const key = (a: ChainArea | null, indicator: string, year: number) =>
    a ? `${indicator}|${a.layer}|${a.code}|${year}` : ''
  const byKey = new Map(rows.map((r) => [`${r.indicator}|${r.layer}|${r.areaCode}|${r.period}`, r]))
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => a - b)
  const topics = new Map<string, IndicatorLine[]>()
  for (const indicator of indicators) {
    const line: IndicatorLine = {
      indicator,
      area: byKey.get(key(chain.area, indicator.key, period)),
      parent: byKey.get(key(chain.parent, indicator.key, period)),
      city: byKey.get(key(chain.city, indicator.key, period)),
      series: periods.map((year) => ({
        period: year,
        value: byKey.get(key(chain.area, indicator.key, year))?.value ?? null,
      })),
    }
    const list = topics.get(indicator.topic) ?? []
    list.push(line)
    topics.set(indicator.topic, list)
  }
  return topics
}

/** One area's values of an indicator over all years, with their status. */
export function seriesOf(
  rows: readonly ValueRow[],
  indicator: string,
  area: ChainArea,
): { period: number; value: number | null; status: ValueRow['status'] }[] {
  return rows
    .filter((r) => r.indicator === indicator && r.layer === area.layer && r.areaCode === area.code)
    .sort((a, b) => a.period - b.period)
    .map((r) => ({ period: r.period, value: r.value, status: r.status }))
}

/** Values of some indicators for every area of a layer in one year (ranking and scatter). */
export function loadLayerValues(
  slug: string,
  indicators: readonly string[],
  layer: string,
  period: number,
): Promise<ValueRow[]> {
  const query = new URLSearchParams({
    indicator: indicators.join(','),
    layer,
    period: String(period),
    format: 'json',
  })
  return allPages<ValueRow>(`${orgPath(slug)}/values?${query.toString()}`)
}
