/**
 * The atlas's heaviest download, started by the app's entry before React and the atlas page's
 * code have loaded ("render as you fetch"): the geometry of the layer named in the address,
 * downloaded and decoded while the page boots. The page later asks for the same layer and gets it
 * from the cache in lib/topology.ts. Only a shared atlas link (org, indicator, layer and period
 * in the address) is prefetched; an address without them is filled in by the page.
 *
 * Only the geometry: the values would be guessed from an indicator key that an old link may no
 * longer name (a 404 in the console); a layer key is stable, and the values are small.
 */
import { fetchGeometry } from './api.js'
import { KEY, year } from './keys.js'

/**
 * Starts the geometry download of the atlas view in the address; true when it did.
 *
 * @example prefetchAtlas({ pathname: '/atlas', search: '?org=m&indicator=sgb2_rate&layer=block&period=2024' }) // true
 */
export function prefetchAtlas(
  location: Pick<Location, 'pathname' | 'search'>,
  fetchLayer: typeof fetchGeometry = fetchGeometry,
): boolean {
  if (location.pathname !== '/atlas') return false
  const params = new URLSearchParams(location.search)
  const [org, indicator, layer, period] = ['org', 'indicator', 'layer', 'period'].map((name) =>
    params.get(name),
  )
  if (!org || !indicator || !layer || !period || year(period) === null) return false
  if (![org, indicator, layer].every((value) => KEY.test(value))) return false
  // A failure is dropped from the cache: the page asks again and reports it.
  fetchLayer(org, layer).catch(() => {})
  return true
}
