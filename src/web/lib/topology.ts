/**
 * The boundaries of a layer for the map, downloaded as TopoJSON
 * (`GET /api/orgs/:org/layers/:layer/topology`: shared borders once, simplified, quantized — a
 * fraction of the GeoJSON) and decoded here into the GeoJSON MapLibre draws. Cached per
 * organisation and layer for the life of the page.
 */
import { feature, mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

import type { MultiPolygon, Position, Ring } from '../../core/geo/geojson.js'
import { ApiRequestError, getJson, type FetchLike } from '../http/client.js'
import type { AreaCollection, AreaProperties } from '../http/types.js'

/** The name of the topology's object with the areas (see src/modules/areas/topology.ts). */
const OBJECT = 'areas'

/** What each area carries in the topology: `code` is its id, `layer` the topology's member. */
interface CompactProperties {
  name: string
  parentCode: string | null
  areaKm2: number
}

/** The areas' properties as columns, in geometry order (src/modules/areas/topology.ts). */
export interface TopologyColumns {
  codes: string[]
  names: string[]
  parentCodes: (string | null)[]
  areaKm2: number[]
}

/** The TopoJSON of a layer as the server sends it. */
export interface LayerTopology extends Topology {
  /** The layer key, once for all areas. */
  layer: string
  /** Code, name, parent and area of each geometry (older answers: `id` and `properties`). */
  columns?: TopologyColumns
}

/** Lines in lon/lat (GeoJSON MultiLineString geometry). */
export interface MultiLineString {
  type: 'MultiLineString'
  coordinates: Position[][]
}

/** Borders of a layer as lines, each drawn once. */
export interface LayerBorders {
  /** Borders between two areas of the layer. */
  inner: MultiLineString
  /** The outline of the whole layer (borders with no area on the other side). */
  outer: MultiLineString
}

function isLayerTopology(value: unknown): value is LayerTopology {
  if (typeof value !== 'object' || value === null) return false
  const topology = value as Partial<LayerTopology>
  return (
    topology.type === 'Topology' &&
    Array.isArray(topology.arcs) &&
    typeof topology.objects === 'object' &&
    topology.objects !== null &&
    (topology.objects as Record<string, { type?: string }>)[OBJECT]?.type === 'GeometryCollection'
  )
}

/**
 * Quantization can fold a tiny ring onto one or two positions (topojson-client pads it to four
 * by repeating the first): such rings enclose nothing and are left out.
 */
function isRing(ring: Ring): boolean {
  if (ring.length < 4) return false
  if (ring.length > 6) return true
  return new Set(ring.map((p) => `${p[0]},${p[1]}`)).size >= 3
}

function cleanPolygons(polygons: Ring[][]): Ring[][] {
  const out: Ring[][] = []
  for (const polygon of polygons) {
    if (!polygon[0] || !isRing(polygon[0])) continue
    out.push(polygon.filter(isRing))
  }
  return out
}

/**
 * The areas of a layer topology as GeoJSON (every area a MultiPolygon, id = code, with the
 * properties code, name, layer, parentCode, areaKm2 — the same as `GET /areas`).
 *
 * @example decodeLayerTopology(topology).features[0].properties.code // "01.01.001"
 */
export function decodeLayerTopology(topology: LayerTopology): AreaCollection {
  const object = topology.objects[OBJECT] as GeometryCollection<CompactProperties>
  const decoded = feature(topology, object)
  return {
    type: 'FeatureCollection',
    features: decoded.features.map((area, i) => {
      const columns = topology.columns
      const code = columns ? columns.codes[i]! : String(area.id)
      const geometry = area.geometry as
        | { type: 'Polygon'; coordinates: Ring[] }
        | { type: 'MultiPolygon'; coordinates: Ring[][] }
        | null
      const polygons =
        geometry === null
          ? []
          : geometry.type === 'Polygon'
            ? [geometry.coordinates]
            : geometry.coordinates
      const properties: AreaProperties = columns
        ? {
            code,
            name: columns.names[i]!,
            layer: topology.layer,
            parentCode: columns.parentCodes[i] ?? null,
            areaKm2: columns.areaKm2[i]!,
          }
        : {
            code,
            name: area.properties.name,
            layer: topology.layer,
            parentCode: area.properties.parentCode,
            areaKm2: area.properties.areaKm2,
          }
      const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: cleanPolygons(polygons) }
      return { type: 'Feature' as const, id: code, geometry: multi, properties }
    }),
  }
}

/**
 * The borders of a layer topology as lines (topojson-client `mesh`): each border once, so
 * outlines are crisp and not drawn twice with half-transparent strokes.
 */
export function layerBorders(topology: LayerTopology): LayerBorders {
  const object = topology.objects[OBJECT] as GeometryCollection
  const lines = (filter: (a: unknown, b: unknown) => boolean): MultiLineString => ({
    type: 'MultiLineString',
    coordinates: mesh(topology, object, filter).coordinates as Position[][],
  })
  return { inner: lines((a, b) => a !== b), outer: lines((a, b) => a === b) }
}

/** A layer's topology, decoded once. */
interface LoadedLayer {
  topology: LayerTopology
  areas: AreaCollection
}

/** Rejects with an AbortError when `signal` aborts; never settles otherwise. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = () => reject(new DOMException('The request was aborted.', 'AbortError'))
    if (signal.aborted) fail()
    else signal.addEventListener('abort', fail, { once: true })
  })
}

export interface GeometryLoader {
  /** The areas of a layer as GeoJSON (decoded from the topology). */
  geometry(org: string, layer: string, signal?: AbortSignal): Promise<AreaCollection>
  /** The inner borders and the outline of a layer as lines. */
  borders(org: string, layer: string, signal?: AbortSignal): Promise<LayerBorders>
  /** The topology as sent. */
  topology(org: string, layer: string, signal?: AbortSignal): Promise<LayerTopology>
}

/**
 * A loader with its own cache. Requests for the same layer share one download; an aborted
 * caller stops waiting, but the download goes on for the others (and the cache). A failed
 * download is forgotten, so asking again asks the server again.
 */
export function createGeometryLoader(
  fetchImpl: FetchLike = (url, init) => fetch(url, init),
  base = '/api',
): GeometryLoader {
  const cache = new Map<string, Promise<LoadedLayer>>()
  const load = (org: string, layer: string): Promise<LoadedLayer> => {
    const url = `${base}/orgs/${encodeURIComponent(org)}/layers/${encodeURIComponent(layer)}/topology`
    let pending = cache.get(url)
    if (!pending) {
      pending = getJson<unknown>(url, fetchImpl).then((value) => {
        if (!isLayerTopology(value)) {
          throw new ApiRequestError(
            'invalid',
            url,
            `GET ${url} did not answer with a TopoJSON topology with an "${OBJECT}" object.`,
          )
        }
        return { topology: value, areas: decodeLayerTopology(value) }
      })
      cache.set(url, pending)
      pending.catch(() => cache.delete(url))
    }
    return pending
  }
  const get = <T>(
    org: string,
    layer: string,
    pick: (loaded: LoadedLayer) => T,
    signal?: AbortSignal,
  ): Promise<T> => {
    const result = load(org, layer).then(pick)
    return signal ? Promise.race([result, aborted(signal)]) : result
  }
  const borders = new WeakMap<LayerTopology, LayerBorders>()
  return {
    geometry: (org, layer, signal) => get(org, layer, (l) => l.areas, signal),
    topology: (org, layer, signal) => get(org, layer, (l) => l.topology, signal),
    borders: (org, layer, signal) =>
      get(
        org,
        layer,
        (l) => {
          let lines = borders.get(l.topology)
          if (!lines) {
            lines = layerBorders(l.topology)
            borders.set(l.topology, lines)
          }
          return lines
        },
        signal,
      ),
  }
}

const loader = createGeometryLoader()

/**
 * The current areas of a layer as GeoJSON for the map, downloaded as TopoJSON and cached per
 * organisation and layer.
 *
 * @example const areas = await loadLayerGeometry('musterstadt', 'sozialraum', controller.signal)
 */
export function loadLayerGeometry(
  org: string,
  layer: string,
  signal?: AbortSignal,
): Promise<AreaCollection> {
  return loader.geometry(org, layer, signal)
}

/** The borders of a layer as lines (inner borders and outline), from the same cached download. */
export function loadLayerBorders(
  org: string,
  layer: string,
  signal?: AbortSignal,
): Promise<LayerBorders> {
  return loader.borders(org, layer, signal)
}
