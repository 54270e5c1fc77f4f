import { quantize } from 'topojson-client'
import { topology as buildTopology } from 'topojson-server'
import { describe, expect, it } from 'vitest'

import { ApiRequestError } from '../http/client.js'
import {
  createGeometryLoader,
  decodeLayerTopology,
  layerBorders,
  type LayerTopology,
} from './topology.js'

/**
 * Two unit squares side by side and a two-part area, as the server encodes them (id = code,
 * properties without code and layer, single-part areas as Polygon), quantized on a 0.1 grid.
 */
function fixture(): LayerTopology {
  const square = (x: number): number[][] => [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 1],
    [x, 0],
  ]
  const areas = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: 'A',
        geometry: { type: 'Polygon', coordinates: [square(0)] },
        properties: { name: 'Nord', parentCode: 'P', areaKm2: 12.5 },
      },
      {
        type: 'Feature',
        id: 'B',
        geometry: { type: 'Polygon', coordinates: [square(1)] },
        properties: { name: 'Süd', parentCode: 'P', areaKm2: 3 },
      },
      {
        type: 'Feature',
        id: 'C',
        geometry: { type: 'MultiPolygon', coordinates: [[square(3)], [square(5)]] },
        properties: { name: 'Inseln', parentCode: null, areaKm2: 0.25 },
      },
    ],
  }
  const topology = quantize(buildTopology({ areas } as never) as Parameters<typeof quantize>[0], {
    scale: [0.1, 0.1],
    translate: [0, 0],
  })
  return { ...topology, layer: 'sozialraum' } as LayerTopology
}

/** A fetch that answers each URL from a list of bodies and counts its calls. */
function serving(...bodies: { status?: number; body: unknown }[]) {
  const calls: string[] = []
  const fetchImpl = (url: string) => {
    calls.push(url)
    const next = bodies[Math.min(calls.length - 1, bodies.length - 1)]!
    return Promise.resolve(
      new Response(JSON.stringify(next.body), {
        status: next.status ?? 200,
        headers: { 'content-type': 'application/json' },
      }),
    )
  }
  return { calls, fetchImpl }
}

describe('decodeLayerTopology', () => {
  it('gives every area as a MultiPolygon with code, name, layer, parentCode and areaKm2', () => {
    const areas = decodeLayerTopology(fixture())
    expect(areas.features.map((f) => [f.id, f.properties])).toEqual([
      ['A', { code: 'A', name: 'Nord', layer: 'sozialraum', parentCode: 'P', areaKm2: 12.5 }],
      ['B', { code: 'B', name: 'Süd', layer: 'sozialraum', parentCode: 'P', areaKm2: 3 }],
      ['C', { code: 'C', name: 'Inseln', layer: 'sozialraum', parentCode: null, areaKm2: 0.25 }],
    ])
    const [a, b, c] = areas.features
    expect(a!.geometry.type).toBe('MultiPolygon')
    expect(c!.geometry.coordinates).toHaveLength(2)
    // The shared border x = 1 is the same positions in both areas.
    const onBorder = (ring: number[][]) =>
      ring.filter((p) => Math.abs(p[0]! - 1) < 1e-12).map((p) => p.join(','))
    expect(new Set(onBorder(a!.geometry.coordinates[0]![0]!))).toEqual(
      new Set(onBorder(b!.geometry.coordinates[0]![0]!)),
    )
    expect(a!.geometry.coordinates[0]![0]).toContainEqual([1, 1])
  })

  it('leaves out rings that quantization folded onto fewer than four positions', () => {
    const topology = fixture()
    // Area C's second part on an arc of two positions: a ring of three.
    const folded = topology.arcs.length
    topology.arcs.push([
      [60, 0],
      [5, 5],
    ])
    const c = (topology.objects.areas as { geometries: { arcs: number[][][] }[] }).geometries[2]!
    c.arcs[1] = [[folded]]
    const areas = decodeLayerTopology(topology)
    expect(areas.features[2]!.geometry.coordinates).toHaveLength(1)
  })
})

describe('layerBorders', () => {
  it('draws the inner border once and the outline apart', () => {
    const { inner, outer } = layerBorders(fixture())
    expect(inner.coordinates).toEqual([
      [
        [1, 0],
        [1, 1],
      ],
    ])
    // Outline: the two squares' outer arc and the two islands.
    expect(outer.coordinates).toHaveLength(3)
  })
})

describe('createGeometryLoader', () => {
  it('downloads a layer once and decodes it once', async () => {
    const { calls, fetchImpl } = serving({ body: fixture() })
    const loader = createGeometryLoader(fetchImpl)
    const [first, second] = await Promise.all([
      loader.geometry('muster stadt', 'sozialraum'),
      loader.geometry('muster stadt', 'sozialraum'),
    ])
    expect(second).toBe(first)
    expect(await loader.geometry('muster stadt', 'sozialraum')).toBe(first)
    expect((await loader.topology('muster stadt', 'sozialraum')).layer).toBe('sozialraum')
    expect(calls).toEqual(['/api/orgs/muster%20stadt/layers/sozialraum/topology'])
    await loader.geometry('muster stadt', 'block')
    expect(calls).toHaveLength(2)
  })

  it('forgets a failed download, so asking again asks the server again', async () => {
    const { calls, fetchImpl } = serving(
      {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'The layer "x" does not exist.' } },
      },
      { body: fixture() },
    )
    const loader = createGeometryLoader(fetchImpl)
    const failure = await loader.geometry('m', 'x').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ApiRequestError)
    expect((failure as ApiRequestError).code).toBe('NOT_FOUND')
    expect((await loader.geometry('m', 'x')).features).toHaveLength(3)
    expect(calls).toHaveLength(2)
  })

  it('rejects an answer that is not a layer topology, saying what it expected', async () => {
    const { fetchImpl } = serving({ body: { type: 'FeatureCollection', features: [] } })
    await expect(createGeometryLoader(fetchImpl).geometry('m', 'block')).rejects.toThrow(
      'did not answer with a TopoJSON topology with an "areas" object',
    )
  })

  it('lets an aborted caller go while the download serves the others', async () => {
    const { calls, fetchImpl } = serving({ body: fixture() })
    const loader = createGeometryLoader(fetchImpl)
    const controller = new AbortController()
    const aborted = loader.geometry('m', 'block', controller.signal)
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    expect((await loader.geometry('m', 'block')).features).toHaveLength(3)
    expect(calls).toHaveLength(1)
    const already = new AbortController()
    already.abort()
    await expect(loader.geometry('m', 'block', already.signal)).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('gives the borders of a layer from the same download', async () => {
    const { calls, fetchImpl } = serving({ body: fixture() })
    const loader = createGeometryLoader(fetchImpl)
    const borders = await loader.borders('m', 'block')
    expect(await loader.borders('m', 'block')).toBe(borders)
    expect(borders.inner.coordinates).toHaveLength(1)
    await loader.geometry('m', 'block')
    expect(calls).toHaveLength(1)
  })
})
