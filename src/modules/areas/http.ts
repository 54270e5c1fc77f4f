import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import { sendPrecompressed } from '../../platform/http/compression.js'
import { ApiError } from '../../platform/http/errors.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import { areasAsGeoJson, listLayers, requireLayer } from './queries.js'
import { LayerTiles, TILE_FORMAT, TILE_LAYER, TILE_SIZE } from './tiles.js'
import { type CachedTopology, TOPOLOGY_OBJECT, TopologyCache } from './topology.js'

export const LayerKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected a layer key like "sozialraum"')
  .describe('layer key, e.g. sozialraum')

const LayerSchema = z.object({
  key: z.string(),
  nameDe: z.string(),
  nameEn: z.string(),
  level: z.number().int().describe('0 = coarsest (whole city)'),
  areaCount: z.number().int().describe('currently valid areas'),
})

const AreasQuery = z.object({
  layer: LayerKey,
  zoom: z.coerce
    .number()
    .min(0)
    .max(22)
    .optional()
    .describe('simplify the boundaries for this web-map zoom level (0–22); omit for full detail'),
})

const LayerParams = OrgParams.extend({ layer: LayerKey })

const TopologyQuery = z.object({
  zoom: z.coerce
    .number()
    .min(0)
    .max(22)
    .optional()
    .describe(
      'web-map zoom level (MapLibre, 512 px tiles) whose pixel the detail is chosen for; ' +
        'default: the zoom at which the whole layer fits a 1000 px map, plus one',
    ),
})

/** The outline of a TopoJSON answer, for the API documentation. */
const TopologySchema = z
  .object({
    type: z.literal('Topology'),
    bbox: z.array(z.number()).length(4).optional(),
    transform: z
      .object({ scale: z.array(z.number()).length(2), translate: z.array(z.number()).length(2) })
      .optional()
      .describe('quantization: position = delta-decoded integers × scale + translate'),
    objects: z.object({
      [TOPOLOGY_OBJECT]: z.object({
        type: z.literal('GeometryCollection'),
        geometries: z.array(
          z.object({
            type: z.enum(['Polygon', 'MultiPolygon']),
            arcs: z.array(z.unknown()),
          }),
        ),
      }),
    }),
    arcs: z.array(z.array(z.array(z.number()))),
    layer: z.string().describe('the layer key'),
    columns: z
      .object({
        codes: z.array(z.string()),
        names: z.array(z.string()),
        parentCodes: z.array(z.string().nullable()),
        areaKm2: z.array(z.number()).describe('3 significant digits'),
      })
      .describe('the properties of the i-th geometry, as columns'),
  })
  .describe('TopoJSON 1.0 (https://github.com/topojson/topojson-specification)')

const TileParams = LayerParams.extend({
  z: z.coerce.number().int().min(0).max(22).describe('zoom level'),
  x: z.coerce.number().int().min(0).describe('column, 0 … 2^z − 1 from the west'),
  y: z.coerce.number().int().min(0).describe('row, 0 … 2^z − 1 from the north'),
})

const TileQuery = z.object({
  v: z
    .string()
    .max(64)
    .optional()
    .describe('the version from tiles.json; a current version makes the tile cacheable for good'),
})

/** TileJSON 3.0 of a layer's vector tiles, with the version of its boundaries. */
const TileJsonSchema = z
  .object({
    tilejson: z.literal('3.0.0'),
    name: z.string(),
    tiles: z.array(z.string()).describe('URL template, relative to this server'),
    minzoom: z.number().int(),
    maxzoom: z.number().int().describe('the map enlarges these tiles beyond'),
    bounds: z.array(z.number()).length(4).describe('west, south, east, north'),
    vector_layers: z.array(
      z.object({
        id: z.literal(TILE_LAYER),
        fields: z.record(z.string(), z.string()),
        minzoom: z.number().int(),
        maxzoom: z.number().int(),
      }),
    ),
    version: z.string().describe('changes whenever the boundaries do'),
    tileSize: z.literal(TILE_SIZE).describe('pixels per tile side (MapLibre: `tileSize`)'),
  })
  .describe('TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec)')

/** The tiles' version: how they are cut and the topology's weak ETag (`W/"abc"` → `1-abc`). */
const versionOf = (etag: string) => `${TILE_FORMAT}-${etag.replace(/^W\/"|"$/g, '')}`

export const areaRoutes = (db: Database): DefinedRoute[] => {
  const topologies = new TopologyCache(db)
  /** The organisation, the layer and its cached topology; 404 for either unknown. */
  const topologyOf = async (orgSlug: string, layerKey: string, zoom?: number) => {
    const org = await requireOrganization(db, orgSlug)
    const layer = await requireLayer(db, org.id, layerKey)
    return { org, layer, cached: await topologies.get(org.id, layer, { zoom }) }
  }
  // One tile pyramid per cached topology: when the topology is rebuilt, its tiles go with it.
  const pyramids = new WeakMap<CachedTopology, LayerTiles>()
  const tilesOf = (cached: CachedTopology): LayerTiles => {
    let tiles = pyramids.get(cached)
    if (!tiles) {
      if (!cached.topology) throw new Error('Tiles are cut from the default-zoom topology only.')
      tiles = new LayerTiles(cached.topology, cached.info)
      pyramids.set(cached, tiles)
    }
    return tiles
  }
  return [
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/layers',
        operationId: 'listLayers',
        summary: 'The layers (Raumebenen) from coarse to fine, with their number of areas',
        tags: ['areas'],
        params: OrgParams,
        response: z.array(LayerSchema),
        errors: ['NOT_FOUND'],
      },
      async ({ params }) => {
        const org = await requireOrganization(db, params.org)
        return (await listLayers(db, org.id)).map(({ id: _id, ...layer }) => layer)
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/areas',
        operationId: 'getAreas',
        summary: 'The current areas of a layer as GeoJSON (WGS84)',
        description:
          'A FeatureCollection; feature id = area code; properties code, name, layer, parentCode, areaKm2.',
        tags: ['areas'],
        params: OrgParams,
        query: AreasQuery,
        produces: ['application/geo+json'],
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, reply }) => {
        const org = await requireOrganization(db, params.org)
        const layer = await requireLayer(db, org.id, query.layer)
        return reply
          .type('application/geo+json')
          .send(await areasAsGeoJson(db, org.id, layer, { zoom: query.zoom }))
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/layers/:layer/topology',
        operationId: 'getLayerTopology',
        summary: 'The current areas of a layer as TopoJSON: shared borders, simplified, quantized',
        description:
          `One GeometryCollection \`${TOPOLOGY_OBJECT}\` with the areas; their code, name, ` +
          'parentCode and areaKm2 (as in getAreas, the area to 3 significant digits) are the ' +
          'i-th entries of `columns`, the layer key is `layer`. Every border between two areas ' +
          'is one arc, simplified once (Visvalingam, dropping what covers less than a quarter of a ' +
          'square pixel at `zoom`), so neighbours stay free of gaps and overlaps; positions are ' +
          'quantized to an eighth of a pixel at `zoom` and delta-encoded. Decode with ' +
          'topojson-client `feature(topology, topology.objects.areas)`. Built once per data ' +
          'version of the organisation and kept in memory; the ETag answers repeats with 304.',
        tags: ['areas'],
        params: LayerParams,
        query: TopologyQuery,
        response: TopologySchema,
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, reply, request }) => {
        const { cached } = await topologyOf(params.org, params.layer, query.zoom)
        // Compressed once per encoding and kept with the topology, not per request.
        reply.header('x-topology-zoom', cached.info.zoom.toFixed(2))
        return sendPrecompressed(request, reply, cached.answer)
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/layers/:layer/tiles.json',
        operationId: 'getLayerTileJson',
        summary: "TileJSON of a layer's vector tiles: URL template, zoom range, bounds, version",
        description:
          "The current areas of the layer as Mapbox Vector Tiles (getLayerTile), for MapLibre's " +
          '`vector` source: `{ type: "vector", url: <this> }` or its `tiles`. The tiles hold the ' +
          "boundaries of getLayerTopology in one layer `areas` with each area's `code` and `name`. " +
          'The tile URLs carry the version, so a browser may keep them for good.',
        tags: ['areas'],
        params: LayerParams,
        response: TileJsonSchema,
        errors: ['NOT_FOUND'],
      },
      async ({ params }) => {
        const { org, layer, cached } = await topologyOf(params.org, params.layer)
        const tiles = tilesOf(cached)
        const version = versionOf(cached.answer.etag)
        const path = `/api/orgs/${encodeURIComponent(org.slug)}/layers/${layer.key}/tiles`
        return {
          tilejson: '3.0.0' as const,
          name: `${org.slug}/${layer.key}`,
          tiles: [`${path}/{z}/{x}/{y}.mvt?v=${encodeURIComponent(version)}`],
          minzoom: 0,
          maxzoom: tiles.maxZoom,
          bounds: tiles.bounds,
          vector_layers: [
            {
              id: TILE_LAYER,
              fields: { code: 'String', name: 'String' },
              minzoom: 0,
              maxzoom: tiles.maxZoom,
            },
          ],
          version,
          tileSize: TILE_SIZE,
        }
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/layers/:layer/tiles/:z/:x/:y.mvt',
        operationId: 'getLayerTile',
        summary: "One vector tile of a layer's areas (Mapbox Vector Tile 2.1)",
        description:
          'Tile z/x/y (XYZ scheme, 512-pixel tiles, extent 4096) with one layer `areas`: the ' +
          "areas' boundaries as in getLayerTopology, simplified by a further 3/8 of a pixel at the " +
          "tile's zoom, each with `code` and `name`. 204 when no area reaches into the tile; 404 " +
          'beyond the zoom range of getLayerTileJson. With the current version `v` the answer ' +
          'may be kept for a year.',
        tags: ['areas'],
        params: TileParams,
        query: TileQuery,
        produces: ['application/vnd.mapbox-vector-tile'],
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, reply }) => {
        const { layer, cached } = await topologyOf(params.org, params.layer)
        const tiles = tilesOf(cached)
        const { z, x, y } = params
        if (!tiles.has(z, x, y)) {
          throw new ApiError(
            'NOT_FOUND',
            `Tile ${z}/${x}/${y} does not exist: layer "${layer.key}" has tiles for zoom 0–${tiles.maxZoom} with x and y from 0 to 2^z − 1.`,
          )
        }
        const version = versionOf(cached.answer.etag)
        reply
          .header('etag', `W/"${version}-${z}-${x}-${y}"`)
          .header(
            'cache-control',
            query.v === version ? 'public, max-age=31536000, immutable' : 'public, no-cache',
          )
        const bytes = tiles.tile(z, x, y)
        if (bytes === null) return reply.code(204).send()
        return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(bytes))
      },
    ),
  ]
}
