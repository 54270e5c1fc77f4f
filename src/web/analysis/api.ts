/**
 * The analysis page's requests (`/api/orgs/:org/social-indexes…` and `/api/orgs/:org/analysis/…`)
 * and the JSON they answer with. The social index types come from the analysis module's
 * `types.ts`; the method answers are written down here from the route schemas
 * (src/modules/analysis/http.analysis.ts), with only the fields the page reads. Answers are cached
 * for the life of the page: a permutation test with 999 draws is not repeated when the reader goes
 * back to a view.
 */
import type {
  SensitivityAnswer,
  SocialIndexAnswer,
  SocialIndexVersion,
} from '../../modules/analysis/types.js'
import { getJson } from '../http/client.js'

export type { SensitivityAnswer, SocialIndexAnswer, SocialIndexVersion }

/** An area the method left out: suppressed for the asker, or without a value. */
export interface OmittedArea {
  code: string
  name: string
  status: 'suppressed' | 'missing'
}

/** How the spatial weights were built, and which areas have no neighbour. */
export interface WeightsInfo {
  kind: string
  style: 'W' | 'B'
  links: number
  minNeighbours: number
  maxNeighbours: number
  meanNeighbours: number
  islands: string[]
}

interface MethodContext {
  layer: string
  period: number
  audience: 'internal' | 'public' | 'scoped'
  omitted: OmittedArea[]
}

export type LisaCluster =
  'high-high' | 'low-low' | 'high-low' | 'low-high' | 'not-significant' | 'neighbourless'

export interface LisaAnswer extends MethodContext {
  indicator: string
  n: number
  weights: WeightsInfo
  permutations: number
  alpha: number
  clusters: Partial<Record<LisaCluster, number>>
  areas: {
    id: string
    value: number
    Ii: number | null
    z: number | null
    p: number | null
    pseudoP: number | null
    quadrant: string
    cluster: LisaCluster
  }[]
}

export type HotSpotClass = 'hot-spot' | 'cold-spot' | 'not-significant' | 'neighbourless'

export interface HotSpotAnswer extends MethodContext {
  indicator: string
  n: number
  weights: WeightsInfo
  permutations: number
  alpha: number
  clusters: Partial<Record<HotSpotClass, number>>
  areas: {
    id: string
    value: number
    G: number | null
    z: number | null
    p: number | null
    pseudoP: number | null
    cluster: HotSpotClass
  }[]
}

interface AnalyticTest {
  variance: number | null
  z: number | null
  p: number | null
}

export interface AutocorrelationAnswer extends MethodContext {
  indicator: string
  n: number
  weights: WeightsInfo
  moran: {
    I: number
    expectation: number
    normality: AnalyticTest
    randomisation: AnalyticTest
    permutation: { permutations: number; pseudoP: number | null; z: number | null } | null
  }
}

export interface SmoothedAnswer extends MethodContext {
  indicator: string
  kind: 'global' | 'local'
  n: number
  scale: number
  weights: WeightsInfo | null
  mean: number | null
  variance: number | null
  areas: {
    id: string
    events: number
    population: number
    raw: number | null
    smoothed: number | null
    shrinkage: number | null
  }[]
}

export interface TypologyAnswer extends MethodContext {
  method: 'kmeans' | 'ward'
  k: number
  variables: string[]
  n: number
  silhouette: { mean: number | null; clusterMeans: (number | null)[] }
  silhouetteByK: { k: number; silhouette: number | null }[]
  profiles: {
    cluster: number
    size: number
    variables: { name: string; mean: number | null; sd: number | null }[]
  }[]
  areas: { id: string; cluster: number; silhouette: number | null }[]
}

const cache = new Map<string, Promise<unknown>>()

/** One cached GET; a failure is forgotten, so trying again asks again. */
function cachedGet<T>(url: string): Promise<T> {
  let pending = cache.get(url) as Promise<T> | undefined
  if (!pending) {
    pending = getJson<T>(url)
    cache.set(url, pending)
    pending.catch(() => cache.delete(url))
  }
  return pending
}

const orgPath = (org: string) => `/api/orgs/${encodeURIComponent(org)}`

/** `?a=1&b=2` without the parameters that are undefined or null. */
function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) search.set(name, String(value))
  }
  return search.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')
}

/** The saved social index versions the viewer may see (the public: published ones). */
export function fetchSocialIndexes(org: string): Promise<SocialIndexVersion[]> {
  return cachedGet(`${orgPath(org)}/social-indexes`)
}

const versionPath = (org: string, key: string, version: number) =>
  `${orgPath(org)}/social-indexes/${encodeURIComponent(key)}/versions/${version}`

export function fetchSocialIndex(
  org: string,
  key: string,
  version: number,
  layer: string,
  period: number,
): Promise<SocialIndexAnswer> {
  return cachedGet(`${versionPath(org, key, version)}/index?${query({ layer, period })}`)
}

export function fetchSensitivity(
  org: string,
  key: string,
  version: number,
  layer: string,
  period: number,
): Promise<SensitivityAnswer> {
  return cachedGet(`${versionPath(org, key, version)}/sensitivity?${query({ layer, period })}`)
}

/** The parameters shared by the spatial methods. */
export interface SpatialQuery {
  layer: string
  period: number
  indicator: string
  weights: string
  permutations?: number | null
  seed?: number
  alpha?: number
}

const method = <T>(
  org: string,
  name: string,
  params: Record<string, string | number | null | undefined>,
) => cachedGet<T>(`${orgPath(org)}/analysis/${name}?${query(params)}`)

export const fetchLisa = (org: string, q: SpatialQuery) => method<LisaAnswer>(org, 'lisa', { ...q })

/** Global Moran's I with the same weights, permutations and seed as the LISA beside it. */
export const fetchAutocorrelation = (org: string, q: SpatialQuery) =>
  method<AutocorrelationAnswer>(org, 'autocorrelation', { ...q, alpha: undefined })

export const fetchHotSpots = (org: string, q: SpatialQuery) =>
  method<HotSpotAnswer>(org, 'hotspots', { ...q })

export const fetchSmoothed = (
  org: string,
  q: {
    layer: string
    period: number
    indicator: string
    kind: 'global' | 'local'
    weights?: string
  },
) => method<SmoothedAnswer>(org, 'smoothed-rates', { ...q })

export const fetchTypology = (
  org: string,
  q: {
    layer: string
    period: number
    indicators: string[]
    method: string
    k: number
    seed: number
  },
) =>
  method<TypologyAnswer>(org, 'typology', {
    ...q,
    indicators: q.indicators.join(','),
    seed: q.method === 'kmeans' ? q.seed : undefined,
  })
