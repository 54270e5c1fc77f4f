import { describe, expect, it } from 'vitest'

import type { BoundaryError, BoundaryIssue } from './errors.js'
import { checkDomain, reprojectGeometry, toWgs84 } from './reproject.js'

// Reference coordinates from PROJ 9.1 cs2cs (Debian proj-bin): UTM from EPSG:4326 → EPSG:n; for
// Gauss-Krüger with the same Helmert EPSG:1777 as a +towgs84 string, so both sides use one method.
const REFERENCE: [number, [number, number], [number, number]][] = [
  [25832, [527276.2201, 5794481.2548], [9.4, 52.3]],
  [25833, [432117.8196, 5817121.9968], [14.0, 52.5]],
  [4647, [32527276.2201, 5794481.2548], [9.4, 52.3]],
  [5650, [33432117.8196, 5817121.9968], [14.0, 52.5]],
  [32632, [527276.2201, 5794481.2549], [9.4, 52.3]],
  [31466, [2535140.7731, 5651765.7425], [6.5, 51.0]],
  [31467, [3535172.3436, 5651765.2063], [9.5, 51.0]],
  [31468, [4535203.8381, 5651763.3861], [12.5, 51.0]],
  [31469, [5535235.17, 5651760.2869], [15.5, 51.0]],
]

describe('toWgs84', () => {
  it.each(REFERENCE)('EPSG:%i matches PROJ within 1e-7°', (epsg, xy, lonlat) => {
    const [lon, lat] = toWgs84(epsg as never)(xy[0], xy[1])
    expect(Math.abs(lon - lonlat[0])).toBeLessThanOrEqual(1.5e-7)
    expect(Math.abs(lat - lonlat[1])).toBeLessThanOrEqual(1.5e-7)
  })

  it('rounds to 7 decimals', () => {
    expect(toWgs84(4326)(9.123456789, 52.987654321)).toEqual([9.1234568, 52.9876543])
  })
})

describe('reprojectGeometry', () => {
  it('reprojects nested coordinates and flags broken positions', () => {
    const issues: BoundaryIssue[] = []
    const t = toWgs84(25832)
    const out = reprojectGeometry(
      {
        type: 'Polygon',
        coordinates: [
          [
            [527276.2201, 5794481.2548],
            [527300, 5794481],
            [527276.2201, 5794481.2548],
          ],
        ],
      },
      t,
      0,
      issues,
    )
    expect((out!.coordinates as number[][][])[0]![0]).toEqual([9.4, 52.3])
    expect(issues).toEqual([])
    expect(
      reprojectGeometry({ type: 'Polygon', coordinates: [[['a', 1]]] }, t, 4, issues),
    ).toBeNull()
    expect(issues).toEqual([
      { featureIndex: 4, property: 'geometry', message: expect.stringMatching(/finite numbers/) },
    ])
  })
})

describe('checkDomain', () => {
  const poly = (x: number, y: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 1, y],
        [x, y + 1],
        [x, y],
      ],
    ],
  })

  it('accepts coordinates in the declared system', () => {
    expect(() =>
      checkDomain([poly(3527359, 5796360)], 31467, 'a.shp', 'the .prj file declares'),
    ).not.toThrow()
  })

  it('names the feature, the coordinate and the likely system', () => {
    try {
      checkDomain(
        [poly(527276, 5794481), poly(3527359, 5796360)],
        25832,
        'a.shp',
        'the .prj file declares',
      )
    } catch (e) {
      expect((e as BoundaryError).code).toBe('CRS_MISMATCH')
      expect((e as Error).message).toMatch(
        /a\.shp, feature 1: the coordinate \(3527359, 5796360\) lies outside EPSG:25832/,
      )
      expect((e as Error).message).toMatch(/look like EPSG:31467/)
      return
    }
    throw new Error('expected CRS_MISMATCH')
  })

  it('spots degrees in a file declared in metres', () => {
    expect(() => checkDomain([poly(9.4, 52.3)], 25832, 'a.shp', 'the .prj file declares')).toThrow(
      /every coordinate is a small number like degrees/,
    )
  })
})
