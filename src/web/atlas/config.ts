/**
 * The server's configuration for the atlas (`GET /api/config`): the operator's basemap style, or
 * none. Asked once per page; a failure is not cached, so the next atlas visit asks again.
 */
import { getJson } from '../http/client.js'

/** The answer of `GET /api/config`. */
export interface WebConfig {
  /** MapLibre style URL of the basemap; null: none (the atlas fetches nothing from elsewhere). */
  basemapStyleUrl: string | null
}

let pending: Promise<WebConfig> | null = null

/**
 * The web app's configuration.
 *
 * @example (await fetchWebConfig()).basemapStyleUrl // null on a default (offline) installation
 */
export function fetchWebConfig(): Promise<WebConfig> {
  if (!pending) {
    const request = getJson<unknown>('/api/config').then((value) => {
      const url = (value as Partial<WebConfig> | null)?.basemapStyleUrl
      if (url !== null && typeof url !== 'string') {
        throw new Error('GET /api/config did not answer with { basemapStyleUrl: string | null }.')
      }
      return { basemapStyleUrl: url }
    })
    pending = request
    request.catch(() => {
      if (pending === request) pending = null
    })
  }
  return pending
}
