import { describe, expect, it } from 'vitest'

import { profileHref, readProfileState } from './url.js'

describe('profile URL', () => {
  it('round-trips the state', () => {
    const state = { layer: 'sozialraum', area: '01.02', period: 2024, indicator: 'child_poverty' }
    const href = profileHref('musterstadt', state)
    expect(href).toBe(
      '/steckbrief?org=musterstadt&layer=sozialraum&area=01.02&period=2024&indicator=child_poverty',
    )
    expect(readProfileState(href.slice(href.indexOf('?')))).toEqual(state)
  })

  it('drops malformed parameters instead of sending them on', () => {
    expect(readProfileState('?layer=Sozial%20raum&area=../x&period=24&indicator=a-b')).toEqual({})
  })

  it('keeps embed mode', () => {
    expect(profileHref('m', { area: '0' }, true)).toBe('/steckbrief?org=m&area=0&embed=1')
  })
})
