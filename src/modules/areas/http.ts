import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import { areasAsGeoJson, listLayers, requireLayer } from './queries.js'

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

export const areaRoutes = (db: Database): DefinedRoute[] => [
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
]
