/**
 * The first request of the atlas map, started by the app's entry before React and the atlas
 * page's code have loaded ("render as you fetch"): the vector tile set of the layer named in the
 * address. Asking for it early also has the server build the layer's topology (seconds for a
 * national layer after a data change) while the page boots. The page later asks for the
 * same layer and gets the answer from the cache in api.ts. Only a shared atlas link (org,
 * indicator, layer and period in the address) is prefetched; an address without them is filled
 * in by the page.
 *
 * Not the values: they would be guessed from an indicator key that an old link may no longer
 * name (a 404 in the console); a layer key is stable.
 */
import { fetchTileSet } from './api.js'
import { KEY, year } from './keys.js'

/**
 * Starts the tile set download of the atlas view in the address; true when it did.
 *
 * @example prefetchAtlas({ pathname: '/atlas', search: '?org=m&indicator=sgb2_rate&layer=block&period=2024' }) // true
 */
export function prefetchAtlas(
  location: Pick<Location, 'pathname' | 'search'>,
  fetchLayer: typeof fetchTileSet = fetchTileSet,
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
