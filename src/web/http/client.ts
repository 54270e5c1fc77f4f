/**
 * The HTTP client of the web app: typed GET requests against `/api`, errors that say what failed
 * (network, HTTP status with the server's coded error, or an answer that is not JSON), and a small
 * cache for data that do not change while the page is open (geometry, summaries).
 */
import type {
  AreaCollection,
  FacilityCollection,
  Health,
  Organisation,
  OrganisationListItem,
  PopulationValues,
  Summary,
} from './types.js'

export type ApiFailure = 'network' | 'http' | 'invalid'

/** A failed API request; `serverMessage` and `code` come from the server's `{ error }` body. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError'
  constructor(
    readonly kind: ApiFailure,
    readonly url: string,
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly serverMessage?: string,
  ) {
    super(message)
  }
}

export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal; headers?: HeadersInit },
) => Promise<Response>

function isErrorBody(value: unknown): value is { error: { code?: unknown; message?: unknown } } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof value.error === 'object' &&
    value.error !== null
  )
}

/**
 * GETs `url` and parses JSON; throws ApiRequestError otherwise.
 *
 * @example await getJson<Health>('/api/health') // { status: 'ok', … }
 */
export async function getJson<T>(
  url: string,
  fetchImpl: FetchLike = fetch,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response
  try {
    response = await fetchImpl(url, { signal, headers: { accept: 'application/json' } })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiRequestError('network', url, `GET ${url} failed: ${(error as Error).message}`)
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    if (!response.ok) {
      throw new ApiRequestError(
        'http',
        url,
        `GET ${url} answered HTTP ${response.status}.`,
        response.status,
      )
    }
    throw new ApiRequestError(
      'invalid',
      url,
      `GET ${url} did not answer with JSON.`,
      response.status,
    )
  }
  if (!response.ok) {
    const error = isErrorBody(body) ? body.error : undefined
    const code = typeof error?.code === 'string' ? error.code : undefined
    const message = typeof error?.message === 'string' ? error.message : undefined
    throw new ApiRequestError(
      'http',
      url,
      `GET ${url} answered HTTP ${response.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : '.'}`,
      response.status,
      code,
      message,
    )
  }
  return body as T
}

/** Checks the outline of an answer, so a wrong shape fails here and not deep in a component. */
function checkShape<T>(url: string, value: T, ok: boolean, what: string): T {
  if (!ok) throw new ApiRequestError('invalid', url, `GET ${url} did not answer with ${what}.`)
  return value
}

const isFeatureCollection = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { features?: unknown }).features)

export interface Api {
  health(): Promise<Health>
  organisations(): Promise<OrganisationListItem[]>
  organisation(slug: string): Promise<Organisation>
  summary(slug: string): Promise<Summary>
  areas(slug: string, layer: string): Promise<AreaCollection>
  population(slug: string, layer: string, period?: number): Promise<PopulationValues>
  facilities(slug: string): Promise<FacilityCollection>
}

/**
 * The API client. Answers are cached by URL for the life of the page (a failed request is dropped
 * from the cache, so trying again asks the server again).
 */
export function createApi(
  fetchImpl: FetchLike = (url, init) => fetch(url, init),
  base = '/api',
): Api {
  const cache = new Map<string, Promise<unknown>>()
  const get = <T>(path: string, check: (value: unknown) => boolean, what: string): Promise<T> => {
    const url = `${base}${path}`
    let pending = cache.get(url) as Promise<T> | undefined
    if (!pending) {
      pending = getJson<unknown>(url, fetchImpl).then((value) =>
        checkShape(url, value as T, check(value), what),
      )
      cache.set(url, pending)
      pending.catch(() => cache.delete(url))
    }
    return pending
  }
  const org = (slug: string) => `/orgs/${encodeURIComponent(slug)}`
  const isObject = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
  return {
    health: () => get('/health', isObject, 'an object'),
    organisations: () => get('/orgs', Array.isArray, 'a list'),
    organisation: (slug) => get(org(slug), isObject, 'an object'),
    summary: (slug) =>
      get(
        `${org(slug)}/summary`,
        (value) => isObject(value) && Array.isArray((value as Summary).layers),
        'a summary with layers',
      ),
    areas: (slug, layer) =>
      get(
        `${org(slug)}/areas?layer=${encodeURIComponent(layer)}`,
        isFeatureCollection,
        'a GeoJSON FeatureCollection',
      ),
    population: (slug, layer, period) =>
      get(
        `${org(slug)}/population?layer=${encodeURIComponent(layer)}${period === undefined ? '' : `&period=${period}`}`,
        (value) => isObject(value) && Array.isArray((value as PopulationValues).values),
        'population values',
      ),
    facilities: (slug) =>
      get(`${org(slug)}/facilities`, isFeatureCollection, 'a GeoJSON FeatureCollection'),
  }
}

/** The client the app uses. */
export const api = createApi()
