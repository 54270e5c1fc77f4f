import { describe, expect, it } from 'vitest'

import type { BoundaryFile } from '../../../platform/io/boundaries/index.js'
import { prepareAreas } from './boundaryFeatures.js'

const square = [
  [9, 52],
  [9.1, 52],
  [9.1, 52.1],
  [9, 52.1],
  [9, 52],
]

function file(
  features: { properties: Record<string, unknown>; geometry: unknown }[],
): BoundaryFile {
  const fields = [...new Set(features.flatMap((f) => Object.keys(f.properties)))]
  return {
    fileName: 'a.geojson',
    format: 'geojson',
    fields,
    crs: { epsg: 4326, declaredBy: 'test', detail: '' },
    encoding: { name: 'utf-8', source: 'rfc7946' },
    issues: [],
    features: features.map((f, index) => ({
      index,
      properties: f.properties,
      geometry: f.geometry as BoundaryFile['features'][number]['geometry'],
    })),
  }
}

const fields = { codeField: 'code', nameField: 'name' }

describe('prepareAreas', () => {
  it('turns Polygons and MultiPolygons into MultiPolygons with text codes', () => {
    const { areas, issues, repairs } = prepareAreas(
      file([
        {
          properties: { code: 1, name: 'Eins' },
          geometry: { type: 'Polygon', coordinates: [square] },
        },
        {
          properties: { code: ' 02 ', name: 'Zwei' },
          geometry: { type: 'MultiPolygon', coordinates: [[square]] },
        },
      ]),
      fields,
    )
    expect(issues).toEqual([])
    expect(repairs).toEqual([])
    expect(areas.map((a) => [a.code, a.name, a.polygons.length])).toEqual([
      ['1', 'Eins', 1],
      ['02', 'Zwei', 1],
    ])
  })

  it('lists every problem with feature index and property', () => {
    const { issues } = prepareAreas(
      file([
        {
          properties: { code: 'A', name: 'Eins' },
          geometry: { type: 'Polygon', coordinates: [square] },
        },
        {
          properties: { code: 'A', name: '' },
          geometry: { type: 'LineString', coordinates: square },
        },
        { properties: { code: null, name: 'Drei' }, geometry: null },
      ]),
      fields,
    )
    expect(issues).toEqual([
      {
        featureIndex: 1,
        property: 'code',
        message: expect.stringMatching(/repeats the code "A" of feature 0/),
      },
      { featureIndex: 1, property: 'name', message: expect.stringMatching(/is empty/) },
      {
        featureIndex: 1,
        property: 'geometry',
        message: expect.stringMatching(/is a LineString; expected a Polygon/),
      },
      {
        featureIndex: 2,
        property: 'code',
        message: expect.stringMatching(/is empty; expected an area code/),
      },
      { featureIndex: 2, property: 'geometry', message: expect.stringMatching(/null shape/) },
    ])
  })

  it('names the attributes that exist when a field is missing', () => {
    const { issues } = prepareAreas(
      file([{ properties: { SR_NR: '1', SR_NAME: 'x' }, geometry: null }]),
      { ...fields, parentField: 'SB_NR' },
    )
    expect(issues.map((i) => i.property)).toEqual(['code', 'name', 'SB_NR'])
    expect(issues[0]!.message).toMatch(/the features have: SR_NR, SR_NAME/)
  })

  it('closes open rings and drops degenerate ones, reporting both as repairs', () => {
    const open = square.slice(0, 4)
    const sliver = [
      [9.05, 52.05],
      [9.06, 52.05],
      [9.05, 52.05],
    ]
    const { areas, repairs, issues } = prepareAreas(
      file([
        {
          properties: { code: 'A', name: 'Eins' },
          geometry: { type: 'MultiPolygon', coordinates: [[open], [sliver]] },
        },
      ]),
      fields,
    )
    expect(issues).toEqual([])
    expect(areas[0]!.polygons).toEqual([[square]])
    expect(repairs.map((r) => r.reason)).toEqual([
      'Ring not closed (polygon 0, ring 0): closed it',
      'Degenerate ring (polygon 1, ring 0, fewer than 3 distinct points): dropped it',
    ])
  })

  it('refuses a feature with nothing left after dropping degenerate rings', () => {
    const { issues } = prepareAreas(
      file([
        {
          properties: { code: 'A', name: 'Eins' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [9, 52],
                [9, 52],
                [9, 52],
                [9, 52],
              ],
            ],
          },
        },
      ]),
      fields,
    )
    expect(issues).toEqual([
      {
        featureIndex: 0,
        property: 'geometry',
        message: expect.stringMatching(/no ring that encloses an area/),
      },
    ])
  })

  it('requires at least one feature', () => {
    expect(prepareAreas(file([]), fields).issues).toEqual([
      { message: 'holds no features; expected at least one area' },
    ])
  })
})
