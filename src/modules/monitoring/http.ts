import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import { ApiError } from '../../platform/http/errors.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { LayerKey, listLayers, requireLayer } from '../areas/index.js'
import { facilityCounts } from '../infrastructure/index.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import { periodRange, residentsByArea, residentsByPeriod } from './queries.js'

export const Year = z.coerce
  .number()
  .int('expected a year like 2024')
  .min(1800)
  .max(2200)
  .describe('reference year, e.g. 2024')

const Summary = z.object({
  periods: z.object({ first: z.number(), last: z.number() }).nullable(),
  population: z.array(z.object({ period: z.number(), value: z.number() })),
  layers: z.array(
    z.object({
      key: z.string(),
      nameDe: z.string(),
      nameEn: z.string(),
      level: z.number(),
      areaCount: z.number(),
    }),
  ),
  facilities: z.array(z.object({ category: z.string(), count: z.number(), capacity: z.number() })),
})

export const monitoringRoutes = (db: Database): DefinedRoute[] => [
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/summary',
      operationId: 'getSummary',
      summary: 'Key facts of an organisation: periods, residents per year, layers, facilities',
      tags: ['monitoring'],
      params: OrgParams,
      response: Summary,
      errors: ['NOT_FOUND'],
    },
    async ({ params }) => {
      const org = await requireOrganization(db, params.org)
      const [periods, population, layers, facilities] = await Promise.all([
        periodRange(db, org.id),
        residentsByPeriod(db, org.id),
        listLayers(db, org.id),
        facilityCounts(db, org.id),
      ])
      return { periods, population, layers: layers.map(({ id: _id, ...l }) => l), facilities }
    },
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/population',
      operationId: 'getPopulation',
      summary: 'Residents per area of a layer in a year (default: the latest)',
      tags: ['monitoring'],
      params: OrgParams,
      query: z.object({ layer: LayerKey, period: Year.optional() }),
      response: z.object({
        layer: z.string(),
        period: z.number(),
        values: z.array(z.object({ code: z.string(), population: z.number() })),
      }),
      errors: ['NOT_FOUND'],
    },
    async ({ params, query }) => {
      const org = await requireOrganization(db, params.org)
      const layer = await requireLayer(db, org.id, query.layer)
      const period = query.period ?? (await periodRange(db, org.id))?.last
      if (period === undefined) {
        throw new ApiError('NOT_FOUND', `The organisation "${org.slug}" has no observations yet.`)
      }
      return {
        layer: layer.key,
        period,
        values: await residentsByArea(db, org.id, layer.id, period),
      }
    },
  ),
]
