import { describe, expect, it } from 'vitest'

import { basemapUrl } from './style.js'

describe('basemapUrl', () => {
  it('has no basemap without configuration or address parameter', () => {
    expect(basemapUrl('', null)).toBeNull()
    expect(basemapUrl('?indicator=x')).toBeNull()
  })

  it("uses the operator's style, which a same-origin path in the address overrides", () => {
    const configured = 'https://maps.example.org/style.json'
    expect(basemapUrl('?layer=x', configured)).toBe(configured)
    expect(basemapUrl('?basemap=/basemap/style.json', configured)).toBe('/basemap/style.json')
    expect(basemapUrl('?basemap=/basemap/style.json', null)).toBe('/basemap/style.json')
  })

  it.each([
    ['https://elsewhere.example/style.json'],
    ['//elsewhere.example/style.json'],
    ['/\\elsewhere.example/style.json'],
    ['style.json'],
    ['javascript:alert(1)'],
    [''],
  ])('never lets the address name another host: %j', (value) => {
    const search = `?basemap=${encodeURIComponent(value)}`
    expect(basemapUrl(search, null)).toBeNull()
    expect(basemapUrl(search, '/configured.json')).toBe('/configured.json')
  })
})
