import { describe, expect, it } from 'vitest'

import type { Feature, MultiPolygon, Ring } from '../../../core/geo/geojson.js'
import { basemapUrl, highlightFeatures, LABEL_ROOM_PX, labelMinZoom } from './style.js'

/** A square of `size` degrees with its south-west corner at (lon, lat). */
function square(lon: number, lat: number, size: number): Feature<MultiPolygon, unknown> {
  const ring: Ring = [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ]
  return {
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: [[ring]] },
    properties: {},
  }
}

describe('labelMinZoom', () => {
  it('shows names from the zoom at which the median area spans LABEL_ROOM_PX', () => {
    // At the equator Web Mercator is true to scale: 1° is 512 / 360 px at zoom 0 (512 px tiles),
    // and 2 ** z times that at zoom z.
    const grid = [0, 1, 2, 3, 4].map((i) => square(i, -0.5, 1))
    const expected = Math.log2(LABEL_ROOM_PX / (512 / 360))
    expect(labelMinZoom(grid)).toBeCloseTo(expected, 2)
    expect(expected).toBeCloseTo(5.3, 1)
  })

  it('takes the median: a few large areas do not bring names forward for thousands of small ones', () => {
    const small = Array.from({ length: 9 }, (_, i) => square(i * 0.01, 0, 0.01))
    const large = [square(10, 0, 5), square(20, 0, 5)]
    expect(labelMinZoom([...small, ...large])).toBeCloseTo(labelMinZoom(small), 6)
    // A hundredth of a degree is 2 ** log2(100) = 100 times smaller: log2(100) ≈ 6.64 zooms more.
    expect(labelMinZoom(small) - labelMinZoom([square(0, 0, 1)])).toBeCloseTo(Math.log2(100), 2)
  })

  it('shows names sooner farther north, where Web Mercator draws a degree taller', () => {
    const atEquator = labelMinZoom([square(0, -0.05, 0.1)])
    const at60 = labelMinZoom([square(0, 59.95, 0.1)])
    // At 60° a square of degrees is as wide on the map but 1 / cos(60°) = 2 times as tall: its
    // side (as a square of the same size) is √2 times longer, half a zoom level sooner.
    expect(atEquator - at60).toBeCloseTo(0.5, 2)
  })

  it('is 0 for no areas and for areas that have room at every zoom', () => {
    expect(labelMinZoom([])).toBe(0)
    expect(labelMinZoom([square(-60, -30, 90)])).toBe(0)
  })
})

describe('highlightFeatures', () => {
  const areas = new Map([
    ['a', square(0, 0, 1)],
    ['b', square(1, 0, 1)],
  ])

  it('holds the selected and the hovered area', () => {
    const kinds = highlightFeatures(areas, 'a', 'b').features.map((f) => f.properties?.kind)
    expect(kinds).toEqual(['selected', 'hover'])
  })

  it('draws an area that is both selected and hovered once, as selected', () => {
    const collection = highlightFeatures(areas, 'a', 'a')
    expect(collection.features).toHaveLength(1)
    expect(collection.features[0]?.properties?.kind).toBe('selected')
  })

  it('leaves out codes that are not on the layer', () => {
    expect(highlightFeatures(areas, 'x', null).features).toEqual([])
    expect(highlightFeatures(areas, null, null).features).toEqual([])
  })
})

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
