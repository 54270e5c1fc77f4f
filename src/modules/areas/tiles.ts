/**
 * Vector tiles (Mapbox Vector Tile 2.1) of a layer's areas for the atlas map, cut from the layer's
 * topology (topology.ts): the same simplified, quantized boundaries, served as the map needs them
 * instead of as one document the browser has to decode and tile itself.
 *
 * Why: on a layer of ~11,000 areas the browser spent more than a second of the first map in
 * MapLibre's worker turning the whole layer's GeoJSON into tiles (geojson-vt), and a quarter of a
 * second copying it there (bench/README.md). Cut here once per layer and data version, the map
 * receives the few tiles of its view, ready to draw. The topology is still sent for what needs
 * whole areas (names, search, outline of the selected area, SVG export), after the first map.
 *
 * The tiles are cut with the geojson-vt MapLibre itself uses for GeoJSON sources, with MapLibre's
 * simplification tolerance (3/8 of a pixel) on 512-pixel tiles, so a tile looks as the same
 * GeoJSON drawn by MapLibre did (extent 4096 and a buffer of 8 pixels rather than MapLibre's 8192
 * and 128: an eighth of a pixel is precision enough, and a fill needs no wide buffer). Like
 * MapLibre's, the simplification is per ring: below the topology's own zoom, neighbours may part
 * by up to that 3/8 of a pixel. Each feature carries `code` and `name` (the map's promoteId is
 * `code`; names are drawn as labels).
 */
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import { feature } from 'topojson-client'
import type { GeometryCollection } from 'topojson-specification'

import { Lru } from '../../platform/lru.js'
import {
  mercatorX,
  mercatorY,
  TOPOLOGY_OBJECT,
  WORLD_PX,
  type LayerTopology,
  type TopologyInfo,
} from './topology.js'

/**
 * How tiles are cut. Part of every tile's version, so browsers, which keep a tile for a year,
 * fetch anew when it changes: raise it with any change here (options, properties) or a new
 * geojson-vt or vt-pbf that encodes differently.
 */
export const TILE_FORMAT = 1

/** The name of the tiles' one layer (MapLibre's `source-layer`). */
export const TILE_LAYER = 'areas'
/** Units per tile side (the MVT default): an eighth of a pixel on MapLibre's 512-pixel tiles. */
export const TILE_EXTENT = 4096
/** Pixels per tile side as MapLibre draws them (the source's `tileSize`). */
export const TILE_SIZE = WORLD_PX
/**
 * Zoom levels above the topology's detail zoom that tiles are cut for. The topology has an eighth
 * of a pixel of precision at its zoom; a tile at that zoom + 3 still resolves a pixel, and MapLibre
 * enlarges the last tiles beyond (overzoom) where the boundaries have no more detail to show.
 */
export const TILE_HEADROOM_ZOOMS = 3
/** Simplification tolerance in tile units: 3/8 of a pixel, MapLibre's own for GeoJSON. */
const TOLERANCE = (0.375 * TILE_EXTENT) / TILE_SIZE
/** Tile buffer in tile units: 8 pixels, so outlines at a tile's edge are not cut. */
const BUFFER = (8 * TILE_EXTENT) / TILE_SIZE
/** Encoded tiles kept per layer (a tile of ~11,000 areas at zoom 5 is ~200 KB). */
const ENCODED_CACHE = 256

/**
 * Column and row of the tile at zoom `z` that holds a longitude/latitude (XYZ scheme).
 *
 * @example tileAt([9.73, 52.37], 12) // [2158, 1346] (Hanover)
 */
export function tileAt([lon, lat]: readonly number[], z: number): [number, number] {
  const n = 2 ** z
  const column = Math.floor(mercatorX(lon!) * n)
  const row = Math.floor(mercatorY(lat!) * n)
  return [Math.min(n - 1, column), Math.min(n - 1, row)]
}

/** The tiles of one layer: cut when first asked for, encoded tiles kept for the next visitor. */
export class LayerTiles {
  /** The finest zoom tiles are cut for; the map overzooms beyond. */
  readonly maxZoom: number
  /** [west, south, east, north] of the layer. */
  readonly bounds: [number, number, number, number]
  private index: GeoJSONVT | null = null
  private readonly encoded = new Lru<string, Uint8Array | null>(ENCODED_CACHE)

  constructor(
    private readonly topology: LayerTopology,
    info: TopologyInfo,
  ) {
    this.maxZoom = Math.min(22, Math.ceil(info.zoom) + TILE_HEADROOM_ZOOMS)
    const box = topology.bbox
    this.bounds = box ? [box[0]!, box[1]!, box[2]!, box[3]!] : [-180, -85.0511, 180, 85.0511]
  }

  /** Whether z/x/y names a tile of this layer's pyramid (0 ≤ x, y < 2^z, z ≤ maxZoom). */
  has(z: number, x: number, y: number): boolean {
    const n = 2 ** z
    return (
      Number.isInteger(z) &&
      Number.isInteger(x) &&
      Number.isInteger(y) &&
      z >= 0 &&
      z <= this.maxZoom &&
      x >= 0 &&
      x < n &&
      y >= 0 &&
      y < n
    )
  }

  /**
   * The tile z/x/y as MVT bytes, or null when no area reaches into it.
   *
   * @example new LayerTiles(topology, info).tile(5, 16, 10) // Uint8Array(…) or null
   */
  tile(z: number, x: number, y: number): Uint8Array | null {
    if (!this.has(z, x, y))
      throw new RangeError(`no tile ${z}/${x}/${y} (max zoom ${this.maxZoom})`)
    const key = `${z}/${x}/${y}`
    const cached = this.encoded.get(key)
    if (cached !== undefined) return cached
    const tile: GeoJSONVTTile | null = this.tileIndex().getTile(z, x, y)
    const bytes =
      tile && tile.features.length > 0
        ? fromGeojsonVt({ [TILE_LAYER]: tile }, { version: 2, extent: TILE_EXTENT })
        : null
    this.encoded.set(key, bytes)
    return bytes
  }

  /** The geojson-vt index, built on the first tile asked for (about a second for 11,000 areas). */
  private tileIndex(): GeoJSONVT {
    if (this.index) return this.index
    const { topology } = this
    const object = topology.objects[TOPOLOGY_OBJECT] as GeometryCollection
    const areas = feature(topology, object)
    const { codes, names } = topology.columns
    areas.features.forEach((area, i) => {
      area.properties = { code: codes[i], name: names[i] }
    })
    this.index = new GeoJSONVT(areas, {
      maxZoom: this.maxZoom,
      extent: TILE_EXTENT,
      tolerance: TOLERANCE,
      buffer: BUFFER,
    })
    return this.index
  }
}
