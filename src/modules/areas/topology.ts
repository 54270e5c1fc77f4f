/**
 * The boundaries of a layer as TopoJSON for the web atlas: every shared border stored once (an
 * arc), simplified once on the arc so that neighbours stay gap- and overlap-free, and quantized to
 * integer deltas. For a layer of blocks or municipalities this is a fraction of the GeoJSON.
 *
 * Scale: MapLibre's Web Mercator world is 512 px wide at zoom 0, so a pixel at zoom z spans
 * 360 / (512 · 2^z) degrees of longitude. The default detail is chosen from the layer's extent:
 * the zoom at which the whole layer fits a 1000 px map, plus one level of headroom; a client that
 * zooms in further may ask for its zoom (`?zoom=`) and gets finer boundaries.
 *
 * The areas' properties travel as columns (the topology's `columns` member, in geometry order)
 * rather than as a `properties` object and `id` on every geometry: on a layer of small areas the
 * repeated member names were a third of the answer. web/lib/topology.ts puts them back.
 */

import { quantize } from 'topojson-client'
import { topology as buildTopology } from 'topojson-server'
import { presimplify, simplify } from 'topojson-simplify'
import type { Topology } from 'topojson-specification'
import type { FeatureCollection as GeoJsonCollection } from 'geojson'

import type { Feature, FeatureCollection, MultiPolygon, Polygon } from '../../core/geo/geojson.js'
import type { Queryable } from '../../platform/db/index.js'
import { Precompressed } from '../../platform/http/compression.js'
import { Lru } from '../../platform/lru.js'
import { areasAsGeoJson, type AreaLayer, type AreaProperties } from './queries.js'

/** Width of the world in pixels at zoom 0 (MapLibre GL's tile size). */
export const WORLD_PX = 512
/** The map width (px) the default detail is chosen for: the whole layer fits this many pixels. */
export const FIT_PX = 1000
/**
 * Zoom levels of headroom above the fitting zoom in the default detail. One: without it (detail
 * for the fitting zoom itself) the us-atlas counties came to 21.6 % instead of 22.7 % of the raw
 * GeoJSON, but simplified arcs crossed where counties are a few pixels wide: 75 new overlapping
 * pairs instead of 13 (test/integration/areas-topology.test.ts). Not worth a percentage point.
 */
export const HEADROOM_ZOOMS = 1
/**
 * Visvalingam's effective area (px² at the target zoom) below which a vertex is dropped. A quarter
 * of a square pixel: the boundaries move by well under a pixel (measured in
 * test/integration/areas-topology.test.ts against the full geometry with ST_HausdorffDistance).
 */
export const MIN_AREA_PX2 = 0.25
/** Quantization step as a share of a pixel at the target zoom. */
export const QUANTUM_PX = 1 / 8
/** Significant digits of an area's km² in the topology (the legend and profile show ≤ 3). */
export const AREA_DIGITS = 3

/** The name of the one object of the topology; its geometries are the areas. */
export const TOPOLOGY_OBJECT = 'areas'

export interface TopologyOptions {
  /**
   * Web-map zoom level whose pixel the simplification and quantization are chosen for; default:
   * the zoom at which the layer fits a 1000 px map, plus one.
   */
  zoom?: number | undefined
}

/** How a topology was made, for the response headers and the benchmark. */
export interface TopologyInfo {
  zoom: number
  fitZoom: number
  /** Vertices of the input polygons (with every shared border counted per side). */
  inputVertices: number
  /** Vertices of the arcs after simplification (every shared border once). */
  outputVertices: number
  arcs: number
}

/** Web Mercator x of a longitude, 0 (180° W) to 1 (180° E). */
export const mercatorX = (lon: number) => (lon + 180) / 360
/** Web Mercator y of a latitude, 0 (85.05° N) to 1 (85.05° S), clamped to that range. */
export function mercatorY(lat: number): number {
  const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180)
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)
}

type BBox = [number, number, number, number]

function bboxOf(collection: FeatureCollection<MultiPolygon, AreaProperties>): BBox {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const feature of collection.features) {
    for (const polygon of feature.geometry.coordinates) {
      for (const [x, y] of polygon[0] ?? []) {
        if (x < x0) x0 = x
        if (x > x1) x1 = x
        if (y < y0) y0 = y
        if (y > y1) y1 = y
      }
    }
  }
  return [x0, y0, x1, y1]
}

/**
 * The zoom level at which a lon/lat box fits `px` pixels in both directions (Web Mercator).
 *
 * @example fitZoom([9.3, 52.2, 9.5, 52.35], 1000) // ≈ 11.2 (a city of 14 km)
 */
export function fitZoom(bbox: readonly [number, number, number, number], px = FIT_PX): number {
  const dx = mercatorX(bbox[2]) - mercatorX(bbox[0])
  const dy = mercatorY(bbox[1]) - mercatorY(bbox[3])
  const extent = Math.max(dx, dy, 1e-9)
  return Math.log2(px / (WORLD_PX * extent))
}

/**
 * Triangle area in square pixels at `zoom`, with the vertices projected to Web Mercator: the
 * weight of Visvalingam–Whyatt simplification as the map will show it (degrees of latitude are
 * longer than degrees of longitude away from the equator).
 */
export function pixelTriangleArea(zoom: number): (triangle: number[][]) => number {
  const scale = WORLD_PX * 2 ** zoom
  const factor = (scale * scale) / 2
  return (triangle) => {
    const [a, b, c] = triangle as [number[], number[], number[]]
    const ax = mercatorX(a[0]!)
    const ay = mercatorY(a[1]!)
    const bx = mercatorX(b[0]!)
    const by = mercatorY(b[1]!)
    const cx = mercatorX(c[0]!)
    const cy = mercatorY(c[1]!)
    return Math.abs((ax - cx) * (by - ay) - (ax - bx) * (cy - ay)) * factor
  }
}

type Arc = number[][] // [x, y, weight] after presimplify
type RingArcs = number[]
interface PolygonObject {
  type: 'Polygon' | 'MultiPolygon'
  arcs: RingArcs[] | RingArcs[][]
}

/** The rings (lists of arc indices, ~i = arc i reversed) of every polygon in the object. */
function ringsOf(geometries: readonly PolygonObject[]): RingArcs[] {
  const rings: RingArcs[] = []
  for (const geometry of geometries) {
    if (geometry.type === 'Polygon') rings.push(...(geometry.arcs as RingArcs[]))
    else if (geometry.type === 'MultiPolygon') {
      for (const polygon of geometry.arcs as RingArcs[][]) rings.push(...polygon)
    }
  }
  return rings
}

/**
 * Keeps every ring a ring: where simplification would leave fewer than three distinct vertices
 * (a small island, or an area with one neighbour whose two arcs would fold onto one segment), the
 * most significant dropped vertices of its arcs are kept. Shared arcs stay shared, so the
 * neighbours change in the same way.
 */
function protectRings(arcs: Arc[], rings: readonly RingArcs[], minWeight: number): void {
  for (const ring of rings) {
    for (;;) {
      let distinct = 0
      let best: number[] | null = null
      for (const index of ring) {
        const arc = arcs[index < 0 ? ~index : index]!
        for (let i = 0; i < arc.length - 1; i++) {
          const point = arc[i]!
          if (point[2]! >= minWeight) distinct++
          else if (i > 0 && (best === null || point[2]! > best[2]!)) best = point
        }
      }
      if (distinct >= 3 || best === null) break
      best[2] = Infinity
    }
  }
}

/** The areas' properties as columns, in the order of the topology's geometries. */
export interface TopologyColumns {
  codes: string[]
  names: string[]
  parentCodes: (string | null)[]
  /** Rounded to {@link AREA_DIGITS} significant digits. */
  areaKm2: number[]
}

/** The TopoJSON of a layer: the areas, their properties as columns and the layer's key. */
export interface LayerTopology extends Topology {
  /** The layer key (every area's `layer` property, sent once). */
  layer: string
  /** Code, name, parent and area of the i-th geometry of `objects.areas`. */
  columns: TopologyColumns
}

/**
 * A number rounded to `digits` significant digits.
 *
 * @example significant(1234.5678, 3) // 1230
 */
export function significant(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return value
  return Number(value.toPrecision(digits))
}

/** One area for topojson-server: single-part areas as Polygon, no properties (see columns). */
function bareFeature(feature: Feature<MultiPolygon, AreaProperties>) {
  const parts = feature.geometry.coordinates
  const geometry: Polygon | MultiPolygon =
    parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : feature.geometry
  return { type: 'Feature' as const, geometry, properties: null }
}

function columnsOf(collection: FeatureCollection<MultiPolygon, AreaProperties>): TopologyColumns {
  const columns: TopologyColumns = { codes: [], names: [], parentCodes: [], areaKm2: [] }
  for (const { properties } of collection.features) {
    columns.codes.push(properties.code)
    columns.names.push(properties.name)
    columns.parentCodes.push(properties.parentCode)
    columns.areaKm2.push(significant(properties.areaKm2, AREA_DIGITS))
  }
  return columns
}

/**
 * Builds the TopoJSON of a layer's areas: shared arcs (topojson-server), topology-preserving
 * Visvalingam simplification on the arcs with a weight in pixels at `zoom` (topojson-simplify),
 * quantization to an eighth of a pixel at `zoom` (delta-encoded integers). Each area is one
 * geometry; its code, name, parentCode and areaKm2 (3 significant digits) are the i-th entries of
 * the topology's `columns`, the layer key its `layer` member (web/lib/topology.ts puts them back).
 *
 * @example
 * const { topology } = layerTopology(await areasAsGeoJson(db, orgId, layer))
 * feature(topology, topology.objects.areas) // the geometries again, simplified, as GeoJSON
 * topology.columns.codes[0] // the first area's code
 */
export function layerTopology(
  collection: FeatureCollection<MultiPolygon, AreaProperties>,
  options: TopologyOptions & { layer?: string } = {},
): { topology: LayerTopology; info: TopologyInfo } {
  const layer = options.layer ?? collection.features[0]?.properties.layer ?? ''
  if (collection.features.length === 0) {
    const zoom = options.zoom ?? 0
    return {
      topology: {
        type: 'Topology',
        layer,
        objects: { [TOPOLOGY_OBJECT]: { type: 'GeometryCollection', geometries: [] } },
        arcs: [],
        columns: { codes: [], names: [], parentCodes: [], areaKm2: [] },
      },
      info: { zoom, fitZoom: zoom, inputVertices: 0, outputVertices: 0, arcs: 0 },
    }
  }
  const bbox = bboxOf(collection)
  const fit = fitZoom(bbox)
  const zoom = options.zoom ?? Math.min(22, Math.max(0, fit + HEADROOM_ZOOMS))
  let inputVertices = 0
  for (const feature of collection.features) {
    for (const polygon of feature.geometry.coordinates) {
      for (const ring of polygon) inputVertices += ring.length
    }
  }

  const compact = { type: 'FeatureCollection', features: collection.features.map(bareFeature) }
  const shared = buildTopology({
    [TOPOLOGY_OBJECT]: compact as unknown as GeoJsonCollection,
  }) as unknown as Parameters<typeof presimplify>[0]
  const weighted = presimplify(shared, pixelTriangleArea(zoom))
  const arcs = weighted.arcs as unknown as Arc[]
  const object = weighted.objects[TOPOLOGY_OBJECT] as unknown as { geometries: PolygonObject[] }
  protectRings(arcs, ringsOf(object.geometries), MIN_AREA_PX2)
  const simplified = simplify(weighted, MIN_AREA_PX2)
  simplified.bbox = bbox

  // An eighth of a pixel at `zoom` on both axes: longitude degrees are the same size everywhere,
  // latitude degrees are shortest on screen where the layer is farthest from the equator.
  const pixelDegrees = 360 / (WORLD_PX * 2 ** zoom)
  const maxLat = Math.max(Math.abs(bbox[1]), Math.abs(bbox[3]))
  const quantized = quantize(simplified, {
    scale: [
      pixelDegrees * QUANTUM_PX,
      pixelDegrees * QUANTUM_PX * Math.cos((maxLat * Math.PI) / 180),
    ],
    translate: [bbox[0], bbox[1]],
  })
  let outputVertices = 0
  for (const arc of quantized.arcs) outputVertices += arc.length
  return {
    topology: { ...(quantized as Topology), layer, columns: columnsOf(collection) },
    info: { zoom, fitZoom: fit, inputVertices, outputVertices, arcs: quantized.arcs.length },
  }
}

/** A layer's topology as sent: the JSON text (compressed once per encoding), and how it was made. */
export interface CachedTopology {
  /** The JSON text, with its ETag. */
  answer: Precompressed
  info: TopologyInfo
  /**
   * The topology itself, kept for the default detail only: the vector tiles are cut from it
   * (tiles.ts); answers for a client's `?zoom=` keep just their text.
   */
  topology: LayerTopology | null
}

/** At most this many answers are kept (org × layer × zoom); the oldest goes first. */
const CACHE_SIZE = 64

/**
 * Builds layer topologies and keeps them per organisation, layer and zoom until the
 * organisation's data change (organization.data_version, bumped by every boundary import) or the
 * layer's current areas do. Concurrent requests for the same answer share one build.
 */
export class TopologyCache {
  private readonly entries = new Lru<string, { stamp: string; value: Promise<CachedTopology> }>(
    CACHE_SIZE,
  )

  constructor(private readonly db: Queryable) {}

  async get(
    organizationId: number,
    layer: AreaLayer,
    options: TopologyOptions = {},
  ): Promise<CachedTopology> {
    const key = `${organizationId}/${layer.id}/${options.zoom ?? 'fit'}`
    const stamp = await this.stamp(organizationId, layer.id)
    const cached = this.entries.get(key)
    if (cached && cached.stamp === stamp) return cached.value
    const value = this.build(organizationId, layer, options)
    this.entries.set(key, { stamp, value })
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key)
    })
    return value
  }

  /** The data version and a fingerprint of the layer's current areas. */
  private async stamp(organizationId: number, layerId: number): Promise<string> {
    const [row] = await this.db.query<{ version: number; areas: string }>(
      `select o.data_version as version,
              (select count(*) || ':' || coalesce(max(a.id), 0) from area a
                where a.organization_id = o.id and a.layer_id = $2 and a.valid_to is null) as areas
         from organization o where o.id = $1`,
      [organizationId, layerId],
    )
    return `${row?.version ?? 'gone'}:${row?.areas ?? ''}`
  }

  private async build(
    organizationId: number,
    layer: AreaLayer,
    options: TopologyOptions,
  ): Promise<CachedTopology> {
    const collection = await areasAsGeoJson(this.db, organizationId, layer)
    const { topology, info } = layerTopology(collection, { ...options, layer: layer.key })
    const answer = new Precompressed(JSON.stringify(topology))
    return { answer, info, topology: options.zoom === undefined ? topology : null }
  }
}
