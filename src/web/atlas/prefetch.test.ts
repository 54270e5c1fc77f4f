import { describe, expect, it } from 'vitest'

import { prefetchAtlas } from './prefetch.js'

/** Records what prefetchAtlas asked for; answers like a failed download, which must not throw. */
function recorder() {
  const calls: unknown[][] = []
  const fetchLayer = (...args: [string, string]) => {
    calls.push(args)
    return Promise.reject(new Error('offline'))
  }
  return { calls, fetchLayer }
}

describe('prefetchAtlas', () => {
  it('starts the tile set of the layer a shared atlas link names', () => {
    const { calls, fetchLayer } = recorder()
    const started = prefetchAtlas(
      {
        pathname: '/atlas',
        search: '?org=musterstadt&indicator=sgb2_rate&layer=block&period=2024',
      },
      fetchLayer,
    )
    expect(started).toBe(true)
    expect(calls).toEqual([['musterstadt', 'block']])
  })

  it('leaves addresses alone that are not a complete atlas view', () => {
    const { calls, fetchLayer } = recorder()
    const addresses = [
      { pathname: '/reports', search: '?org=m&indicator=i&layer=l&period=2024' },
      { pathname: '/atlas', search: '' },
      { pathname: '/atlas', search: '?org=m&indicator=i&layer=l' },
      { pathname: '/atlas', search: '?org=m&indicator=i&layer=l&period=24' },
      { pathname: '/atlas', search: '?org=m&indicator=i%2F..&layer=l&period=2024' },
      { pathname: '/atlas', search: '?org=m&indicator=i&layer=l%20x&period=2024' },
    ]
    for (const address of addresses) expect(prefetchAtlas(address, fetchLayer)).toBe(false)
    expect(calls).toEqual([])
  })
})
