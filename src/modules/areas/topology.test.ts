import { feature, mesh } from 'topojson-client'
import type { GeometryCollection } from 'topojson-specification'
import { describe, expect, it } from 'vitest'

import type {
  Feature,
  FeatureCollection,
  MultiPolygon,
  Position,
  Ring,
} from '../../core/geo/geojson.js'
import type { AreaProperties } from './queries.js'
import {
  fitZoom,
  layerTopology,
  MIN_AREA_PX2,
  pixelTriangleArea,
  QUANTUM_PX,
  significant,
  TOPOLOGY_OBJECT,
  WORLD_PX,
} from './topology.js'

const area = (
  code: string,
  rings: Ring[][],
  parentCode: string | null = 'P',
): Feature<MultiPolygon, AreaProperties> => ({
  type: 'Feature',
  id: code,
  geometry: { type: 'MultiPolygon', coordinates: rings },
  properties: { code, name: `Area ${code}`, layer: 'block', parentCode, areaKm2: 1.5 },
})
const collection = (
  ...features: Feature<MultiPolygon, AreaProperties>[]
): FeatureCollection<MultiPolygon, AreaProperties> => ({ type: 'FeatureCollection', features })

/** A wiggly line from (x, y0) to (x, y1): `n` steps, seeded zig-zag of ±amplitude degrees. */
function wiggle(x: number, y0: number, y1: number, n: number, amplitude: number): Position[] {
  const line: Position[] = []
  for (let i = 0; i <= n; i++) {
    const dx = i === 0 || i === n ? 0 : amplitude * Math.sin(i * 2.3) * Math.cos(i * 0.7)
    line.push([x + dx, y0 + ((y1 - y0) * i) / n])
  }
  return line
}

/** Two areas side by side (lon 9.0–9.1–9.2, lat 52.0–52.1) sharing a wiggly border of n steps. */
function neighbours(n: number, amplitude: number) {
  const border = wiggle(9.1, 52.0, 52.1, n, amplitude) // south → north
  const west: Ring = [[9.0, 52.0], ...border, [9.0, 52.1], [9.0, 52.0]]
  const east: Ring = [[9.2, 52.0], [9.2, 52.1], ...[...border].reverse(), [9.2, 52.0]]
  // RFC 7946: exterior rings counter-clockwise.
  return collection(area('W', [[west.reverse()]]), area('E', [[east.reverse()]]))
}

describe('fitZoom', () => {
  it('is 0 for the whole world on a 512 px map and grows by one per halving', () => {
    expect(fitZoom([-180, -10, 180, 10], WORLD_PX)).toBeCloseTo(0, 12)
    expect(fitZoom([-180, -10, 0, 10], WORLD_PX)).toBeCloseTo(1, 12)
    expect(fitZoom([0, -0.25, 1, 0.25], 1000)).toBeCloseTo(Math.log2((1000 * 360) / 512), 12)
  })
})

describe('pixelTriangleArea', () => {
  it('measures a triangle in square pixels at the zoom (Web Mercator)', () => {
    // At zoom 0 one pixel is 360/512 degrees of longitude; near the equator latitude alike.
    const px = 360 / WORLD_PX
    const weight = pixelTriangleArea(0)
    expect(
      weight([
        [0, 0],
        [2 * px, 0],
        [0, 1e-6],
      ]),
    ).toBeCloseTo((2 * (1e-6 / px)) / 2, 6)
    // Each zoom level doubles both sides: four times the area.
    const triangle = [
      [10, 50],
      [10.001, 50],
      [10, 50.001],
    ]
    expect(pixelTriangleArea(5)(triangle) / pixelTriangleArea(4)(triangle)).toBeCloseTo(4, 9)
  })
})

describe('layerTopology', () => {
  it('stores a shared border once and the properties as columns in geometry order', () => {
    const { topology, info } = layerTopology(neighbours(40, 0))
    // West's exterior, east's exterior and the shared border: three arcs.
    expect(info.arcs).toBe(3)
    expect(topology.layer).toBe('block')
    const object = topology.objects[TOPOLOGY_OBJECT] as GeometryCollection
    // No id or properties per geometry: the member names would repeat on every area.
    expect(object.geometries.map((g) => [g.type, g.id, g.properties])).toEqual([
      ['Polygon', undefined, undefined],
      ['Polygon', undefined, undefined],
    ])
    expect(topology.columns).toEqual({
      codes: ['W', 'E'],
      names: ['Area W', 'Area E'],
      parentCodes: ['P', 'P'],
      areaKm2: [1.5, 1.5],
    })
  })

  it('rounds the area to three significant digits', () => {
    expect([1234.5678, 0.012345, 15.86, 0, 999.95].map((v) => significant(v, 3))).toEqual([
      1230, 0.0123, 15.9, 0, 1000,
    ])
    const layer = neighbours(4, 0)
    layer.features[0]!.properties.areaKm2 = 12.3456
    expect(layerTopology(layer).topology.columns.areaKm2).toEqual([12.3, 1.5])
  })

  it('drops vertices that do not show at the zoom, and keeps neighbours sharing them', () => {
    // 400 steps with a wiggle of 1e-6° (7 cm): invisible at the fitting zoom (≈ 12).
    const { topology, info } = layerTopology(neighbours(400, 1e-6))
    expect(info.inputVertices).toBe(2 * (400 + 1 + 3))
    // Visvalingam weighs by area, so a long almost straight border keeps a vertex every few
    // dozen pixels; still a tenth of the input.
    expect(info.outputVertices).toBeLessThan(info.inputVertices / 10)
    const decoded = feature(topology, topology.objects[TOPOLOGY_OBJECT] as GeometryCollection)
    const ring = (i: number) =>
      (decoded.features[i]!.geometry as unknown as { coordinates: Position[][] }).coordinates[0]!
    // Every vertex of the west ring on x ≈ 9.1 is a vertex of the east ring: no gap, no overlap.
    const key = (p: Position) => `${p[0]},${p[1]}`
    const east = new Set(ring(1).map(key))
    const border = ring(0).filter((p) => Math.abs(p[0] - 9.1) < 1e-3)
    expect(border.length).toBeGreaterThanOrEqual(2)
    for (const p of border) expect(east.has(key(p))).toBe(true)
    // The inner border is one line.
    const inner = mesh(
      topology,
      topology.objects[TOPOLOGY_OBJECT] as GeometryCollection,
      (a, b) => a !== b,
    )
    expect(inner.coordinates).toHaveLength(1)
  })

  it('keeps a visible wiggle', () => {
    // 0.002° is several pixels at the fitting zoom: nothing may go.
    const { info } = layerTopology(neighbours(20, 0.002))
    // The border's 21 vertices, and 4 on each outer arc (counted per arc, ends included).
    expect(info.outputVertices).toBe(21 + 4 + 4)
  })

  it('keeps an island smaller than a pixel a ring of three distinct vertices', () => {
    // A 12-gon of radius 0.4 px at zoom 12: each of its triangles covers < 0.01 px², so
    // simplification alone would fold it onto its one arc end; quantization (1/8 px) would not.
    const radius = 0.4 * (360 / (WORLD_PX * 2 ** 12))
    const island: Ring = []
    for (let i = 0; i <= 12; i++) {
      const t = (i % 12) * ((2 * Math.PI) / 12)
      island.push([9.5 + radius * Math.cos(t), 52.5 + radius * Math.sin(t)])
    }
    const big: Ring = [
      [9.0, 52.0],
      [10.0, 52.0],
      [10.0, 53.0],
      [9.0, 53.0],
      [9.0, 52.0],
    ]
    const { topology } = layerTopology(collection(area('A', [[big], [island]])), { zoom: 12 })
    const decoded = feature(topology, topology.objects[TOPOLOGY_OBJECT] as GeometryCollection)
    const parts = (decoded.features[0]!.geometry as unknown as { coordinates: Position[][][] })
      .coordinates
    expect(parts).toHaveLength(2)
    const ring = parts[1]![0]!
    expect(new Set(ring.map((p) => `${p[0]},${p[1]}`)).size).toBe(3)
    expect(ring).toHaveLength(4)
  })

  it('quantizes to an eighth of a pixel at the zoom', () => {
    const { topology, info } = layerTopology(neighbours(10, 0), { zoom: 10 })
    expect(info.zoom).toBe(10)
    const pixel = 360 / (WORLD_PX * 2 ** 10)
    expect(topology.transform!.scale[0]).toBeCloseTo(pixel / 8, 15)
    expect(topology.transform!.scale[1]).toBeCloseTo(
      (pixel / 8) * Math.cos((52.1 * Math.PI) / 180),
      15,
    )
    expect(QUANTUM_PX).toBe(1 / 8)
    expect(MIN_AREA_PX2).toBeLessThan(1)
  })

  it('chooses the detail for one zoom above the one at which the layer fits 1000 px', () => {
    const { info } = layerTopology(neighbours(10, 0))
    expect(info.zoom).toBe(info.fitZoom + 1)
  })

  it('answers an empty layer with an empty topology', () => {
    const { topology } = layerTopology(collection(), { layer: 'block' })
    expect(topology.objects[TOPOLOGY_OBJECT]).toEqual({
      type: 'GeometryCollection',
      geometries: [],
    })
    expect(topology.layer).toBe('block')
  })
})
