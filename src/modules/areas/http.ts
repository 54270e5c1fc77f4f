import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import { preferredEncoding } from '../../platform/http/compression.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import { areasAsGeoJson, listLayers, requireLayer } from './queries.js'
import { TOPOLOGY_OBJECT, TopologyCache } from './topology.js'

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

export const areaRoutes = (db: Database): DefinedRoute[] => {
  const topologies = new TopologyCache(db)
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
        const org = await requireOrganization(db, params.org)
        const layer = await requireLayer(db, org.id, params.layer)
        const { answer, etag, info } = await topologies.get(org.id, layer, { zoom: query.zoom })
        // Compressed once per encoding and kept with the topology, not per request.
        const encoding = preferredEncoding(request.headers['accept-encoding'])
        reply
          .type('application/json; charset=utf-8')
          .header('x-topology-zoom', info.zoom.toFixed(2))
          .header('etag', etag)
          .header('vary', 'accept-encoding')
        if (encoding === null) return reply.send(answer.body)
        return reply.header('content-encoding', encoding).send(await answer.encoded(encoding))
      },
    ),
  ]
}
