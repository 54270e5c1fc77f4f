import type { Database } from '../../platform/db/index.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import { facilitiesAsGeoJson } from './queries.js'

export const infrastructureRoutes = (db: Database): DefinedRoute[] => [
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/facilities',
      operationId: 'getFacilities',
      summary: 'Open facilities (Einrichtungen) with their providers as GeoJSON points',
      tags: ['infrastructure'],
      params: OrgParams,
      produces: ['application/geo+json'],
      errors: ['NOT_FOUND'],
    },
    async ({ params, reply }) => {
      const org = await requireOrganization(db, params.org)
      return reply.type('application/geo+json').send(await facilitiesAsGeoJson(db, org.id))
    },
  ),
]
