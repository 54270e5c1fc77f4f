import { describe, expect, it } from 'vitest'

import type { Feature, MultiPolygon, Point } from '../../core/geo/geojson.js'
import { bbox } from './geo.js'

const square = (x: number, y: number, size: number): Feature<MultiPolygon> => ({
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
    ],
  },
})

describe('bbox', () => {
  it('spans all polygons and points', () => {
    const point: Feature<Point> = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates: [6.5, 52] },
    }
    expect(
      bbox({
        type: 'FeatureCollection',
        features: [square(7, 51, 0.1), square(7.2, 50.9, 0.05), point],
      }),
    ).toEqual([6.5, 50.9, 7.25, 52])
  })

  it('is null for an empty collection', () => {
    expect(bbox({ type: 'FeatureCollection', features: [] })).toBeNull()
  })
})
