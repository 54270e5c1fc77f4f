import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { listOrganizations, requireOrganization, type Organization } from './queries.js'

export const OrgParams = z.object({
  org: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'expected an organisation slug like "musterstadt"')
    .describe('organisation slug, e.g. musterstadt'),
})

export const OrganizationSchema = z.object({
  slug: z.string(),
  name: z.string(),
  officialKey: z.string().nullable().describe('AGS (8 digits) or ARS (12 digits)'),
  minCaseNumber: z.number().int().describe('minimum case number of disclosure control'),
  defaultLanguage: z.enum(['de', 'en']),
  isDemo: z.boolean(),
})

const present = ({ id: _id, ...org }: Organization) => org

export const organizationRoutes = (db: Database): DefinedRoute[] => [
  defineRoute(
    {
      method: 'GET',
      path: '/orgs',
      operationId: 'listOrganizations',
      summary: 'List the organisations (municipalities, districts)',
      tags: ['organisations'],
      response: z.array(OrganizationSchema),
    },
    async () => (await listOrganizations(db)).map(present),
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org',
      operationId: 'getOrganization',
      summary: 'One organisation with its settings',
      tags: ['organisations'],
      params: OrgParams,
      response: OrganizationSchema,
      errors: ['NOT_FOUND'],
    },
    async ({ params }) => present(await requireOrganization(db, params.org)),
  ),
]
