import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { describe, expect, it } from 'vitest'

import type { Feature, MultiPolygon, Ring } from '../../core/geo/geojson.js'
import { pointInMultiPolygon } from '../../core/geo/pointInPolygon.js'
import type { AreaProperties } from './queries.js'
import { LayerTiles, TILE_HEADROOM_ZOOMS, TILE_LAYER, tileAt } from './tiles.js'
import { layerTopology } from './topology.js'

/** A 3 × 3 grid of 0.01° squares near Hanover, codes "r-c". */
function grid(): Feature<MultiPolygon, AreaProperties>[] {
  const features: Feature<MultiPolygon, AreaProperties>[] = []
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const [x, y] = [9.7 + c * 0.01, 52.4 + r * 0.01]
      const ring: Ring = [
        [x, y],
        [x + 0.01, y],
        [x + 0.01, y + 0.01],
        [x, y + 0.01],
        [x, y],
      ]
      const code = `${r}-${c}`
      features.push({
        type: 'Feature',
        id: code,
        geometry: { type: 'MultiPolygon', coordinates: [[ring]] },
        properties: { code, name: `Block ${code}`, layer: 'block', parentCode: null, areaKm2: 0.8 },
      })
    }
  }
  return features
}

function tilesOfGrid() {
  const { topology, info } = layerTopology({ type: 'FeatureCollection', features: grid() })
  return { tiles: new LayerTiles(topology, info), info }
}

describe('tileAt', () => {
  it('names the XYZ tile of a position, the edges of the world included', () => {
    // Hanover's town hall at zoom 12: 2158.76 / 1346.15 by the slippy-map formula with tan and sec.
    expect(tileAt([9.7348, 52.3678], 12)).toEqual([2158, 1346])
    expect(tileAt([0, 0], 0)).toEqual([0, 0])
    expect(tileAt([-180, 85.0511], 3)).toEqual([0, 0])
    expect(tileAt([180, -85.0511], 3)).toEqual([7, 7])
  })
})

describe('LayerTiles', () => {
  it('cuts tiles up to a few zooms beyond the topology detail, within the bounds given', () => {
    const { tiles, info } = tilesOfGrid()
    expect(tiles.maxZoom).toBe(Math.ceil(info.zoom) + TILE_HEADROOM_ZOOMS)
    tiles.bounds.forEach((value, i) => expect(value).toBeCloseTo([9.7, 52.4, 9.73, 52.43][i]!, 6))
    expect(tiles.has(0, 0, 0)).toBe(true)
    expect(tiles.has(tiles.maxZoom, 0, 0)).toBe(true)
    expect(tiles.has(tiles.maxZoom + 1, 0, 0)).toBe(false)
    expect(tiles.has(2, 4, 0)).toBe(false)
    expect(tiles.has(2, 0, -1)).toBe(false)
    expect(tiles.has(1.5, 0, 0)).toBe(false)
    expect(() => tiles.tile(tiles.maxZoom + 1, 0, 0)).toThrow(RangeError)
  })

  it('encodes each area with code and name, in its place; nothing where no area is', () => {
    const { tiles, info } = tilesOfGrid()
    // The finest zoom below the fitting one at which one tile holds the whole grid.
    let z = Math.floor(info.fitZoom)
    const same = (a: [number, number], b: [number, number]) => a[0] === b[0] && a[1] === b[1]
    while (!same(tileAt([9.7, 52.43], z), tileAt([9.73, 52.4], z))) z--
    const [x, y] = tileAt([9.715, 52.415], z)
    const bytes = tiles.tile(z, x, y)!
    const layer = new VectorTile(new PbfReader(bytes)).layers[TILE_LAYER]!
    expect(layer.length).toBe(9)
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i)
      const code = String(feature.properties.code)
      expect(feature.properties.name).toBe(`Block ${code}`)
      const [r, c] = code.split('-').map(Number) as [number, number]
      const centre: [number, number] = [9.705 + c * 0.01, 52.405 + r * 0.01]
      const { geometry } = feature.toGeoJSON(x, y, z)
      expect(geometry.type).toBe('Polygon')
      if (geometry.type !== 'Polygon') continue
      expect(pointInMultiPolygon(centre, [geometry.coordinates as Ring[]])).toBe(true)
    }
    // Asked again: the same bytes, from the cache.
    expect(tiles.tile(z, x, y)).toBe(bytes)
    expect(tiles.tile(z, 0, 0)).toBeNull()
  })
})
