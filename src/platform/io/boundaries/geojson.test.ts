import { strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'

import { readBoundaryFile } from './index.js'

const square = (x: number, y: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
})
const file = (json: unknown, name = 'a.geojson') => ({
  name,
  bytes: strToU8(typeof json === 'string' ? json : JSON.stringify(json)),
})

describe('GeoJSON', () => {
  it('reads RFC 7946 lon/lat and collects the attribute names', async () => {
    const read = await readBoundaryFile(
      file({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { code: '1', name: 'A' },
            geometry: square(9.4, 52.3, 0.01),
          },
          { type: 'Feature', properties: { code: '2', extra: true }, geometry: null },
        ],
      }),
    )
    expect(read.crs).toMatchObject({ epsg: 4326, declaredBy: 'RFC 7946 (no "crs" member)' })
    expect(read.fields).toEqual(['code', 'name', 'extra'])
    expect(read.features[1]!.geometry).toBeNull()
  })

  it('honours a legacy crs member and reprojects', async () => {
    const read = await readBoundaryFile(
      file({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } },
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: square(527276.2201, 5794481.2548, 100),
          },
        ],
      }),
    )
    expect(read.crs.epsg).toBe(25832)
    expect((read.features[0]!.geometry!.coordinates as number[][][])[0]![0]).toEqual([9.4, 52.3])
  })

  it('accepts a single Feature, with a UTF-8 byte order mark', async () => {
    const read = await readBoundaryFile(
      file(
        `\uFEFF${JSON.stringify({ type: 'Feature', properties: { n: 'Öl' }, geometry: square(9, 52, 1) })}`,
      ),
    )
    expect(read.features).toHaveLength(1)
    expect(read.features[0]!.properties.n).toBe('Öl')
  })

  it('says what it expected', async () => {
    await expect(readBoundaryFile(file('{"type":'))).rejects.toThrow(
      /a\.geojson is not valid JSON .*expected a GeoJSON FeatureCollection/,
    )
    await expect(readBoundaryFile(file({ type: 'Polygon', coordinates: [] }))).rejects.toThrow(
      /is a GeoJSON "Polygon"; expected a "FeatureCollection"/,
    )
    await expect(
      readBoundaryFile({ name: 'latin1.geojson', bytes: new Uint8Array([0x7b, 0xe4, 0x7d]) }),
    ).rejects.toThrow(/latin1\.geojson is not valid utf-8 text/)
    await expect(
      readBoundaryFile(file({ type: 'FeatureCollection', features: [{ type: 'Point' }] })),
    ).rejects.toThrow(/a\.geojson, feature 0 has type "Point"; expected "Feature"/)
  })
})
