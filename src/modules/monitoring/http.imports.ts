import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import { ApiError, notFound } from '../../platform/http/errors.js'
import { defineRoute, PageQuery, pageOf, type DefinedRoute } from '../../platform/http/routes.js'
import { recordAudit, requireAreasInScope } from '../accounts/index.js'
import type { Queryable } from '../../platform/db/index.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import {
  getImport,
  ImportMapping,
  ImportStateError,
  importObservations,
  listImports,
  requireProfile,
  rollbackImport,
} from './imports/index.js'

/** Largest statistics file accepted over HTTP (the readers' own limit). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024

const ImportSummarySchema = z.object({
  id: z.number(),
  kind: z.string(),
  sourceName: z.string(),
  fileName: z.string().nullable(),
  status: z.enum(['completed', 'rolled_back', 'failed']),
  rowCount: z.number(),
  errors: z.number(),
  warnings: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
})

const ImportParams = OrgParams.extend({
  id: z.coerce.number().int('expected an import number').positive().describe('import number'),
})

const UploadQuery = z.object({
  file: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\]+$/, 'expected a file name without folders')
    .describe('the file name (its ending tells the format: .csv, .xlsx, .zip)'),
  profile: z.string().max(63).optional().describe('a saved import profile'),
  mapping: z
    .string()
    .max(20_000)
    .optional()
    .describe('the mapping as JSON (instead of a profile), see the import profiles'),
  dryRun: z.enum(['true', 'false']).default('false').describe('check only, write nothing'),
})

/** Routes: the imports of an organisation — list, one with its report, upload, roll back. */
export const importRoutes = (db: Database): DefinedRoute[] => [
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/imports',
      operationId: 'listImports',
      summary: 'The imports of an organisation, newest first',
      tags: ['imports'],
      access: 'monitoring:import',
      params: OrgParams,
      query: PageQuery.extend({
        limit: PageQuery.shape.limit.pipe(z.number().max(1000)),
      }),
      response: pageOf(ImportSummarySchema),
      errors: ['NOT_FOUND'],
    },
    async ({ params, query }) => {
      const org = await requireOrganization(db, params.org)
      const [count] = await db.query<{ n: number }>(
        'select count(*)::int as n from data_import where organization_id = $1',
        [org.id],
      )
      const data = await listImports(db, org.id, query)
      return { data, page: { limit: query.limit, offset: query.offset, total: count!.n } }
    },
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/imports/:id',
      operationId: 'getImport',
      summary: 'One import with its validation report (per file, row and column) and mapping',
      tags: ['imports'],
      access: 'monitoring:import',
      params: ImportParams,
      errors: ['NOT_FOUND'],
    },
    async ({ params }) => {
      const org = await requireOrganization(db, params.org)
      const found = await getImport(db, org.id, params.id)
      if (!found) throw notFound(`The import #${params.id}`)
      return found
    },
  ),
  defineRoute(
    {
      method: 'POST',
      path: '/orgs/:org/imports',
      operationId: 'createImport',
      summary: 'Import a statistics file (the request body is the file)',
      description:
        'Body: the file bytes (Content-Type application/octet-stream, text/csv or the XLSX type). ' +
        'Answers the import with its report; status "failed" means nothing was written. ' +
        'The same file with the same mapping again answers "unchanged".',
      tags: ['imports'],
      access: 'monitoring:import',
      params: OrgParams,
      query: UploadQuery,
      bodyLimit: MAX_UPLOAD_BYTES,
      errors: ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'],
    },
    async ({ params, query, request, actor, reply }) => {
      const org = await requireOrganization(db, params.org)
      const body = request.body
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new ApiError(
          'VALIDATION_FAILED',
          'body: expected the file bytes with Content-Type application/octet-stream, text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.',
        )
      }
      if ((query.profile === undefined) === (query.mapping === undefined)) {
        throw new ApiError(
          'VALIDATION_FAILED',
          'query: expected either profile=<name> or mapping=<JSON>, exactly one of them.',
        )
      }
      let mapping: unknown
      if (query.profile !== undefined) {
        mapping = (await requireProfile(db, org.id, query.profile)).mapping
      } else {
        try {
          mapping = JSON.parse(query.mapping!)
        } catch {
          throw new ApiError('VALIDATION_FAILED', 'query.mapping: expected JSON, got invalid JSON.')
        }
      }
      const parsed = ImportMapping.safeParse(mapping)
      if (!parsed.success) {
        throw new ApiError(
          'VALIDATION_FAILED',
          parsed.error.issues.map((i) => `mapping.${i.path.join('.')}: ${i.message}`).join('; '),
        )
      }
      const result = await importObservations(db, {
        organizationId: org.id,
        input: { name: query.file, bytes: new Uint8Array(body) },
        mapping: parsed.data,
        profileName: query.profile ?? null,
        dryRun: query.dryRun === 'true',
        beforeCommit: async (tx, importId, report) => {
          // An area-scoped member may only write values of their own territory; throwing here
          // rolls the whole import back.
          requireAreasInScope(actor, await areasOfImport(tx, org.id, importId))
          await recordAudit(
            tx,
            { actor, requestId: request.id, ip: request.ip },
            {
              organizationId: org.id,
              action: 'import.create',
              entityType: 'data_import',
              entityId: importId,
              after: {
                file: query.file,
                profile: query.profile ?? null,
                observations: report.observations,
              },
            },
          )
        },
      })
      return reply.status(result.status === 'completed' ? 201 : 200).send(result)
    },
  ),
  defineRoute(
    {
      method: 'POST',
      path: '/orgs/:org/imports/:id/rollback',
      operationId: 'rollbackImport',
      summary: 'Roll an import back: its values are removed and the values it replaced restored',
      tags: ['imports'],
      access: 'monitoring:import',
      params: ImportParams,
      errors: ['NOT_FOUND', 'CONFLICT'],
    },
    async ({ params, actor, request }) => {
      const org = await requireOrganization(db, params.org)
      requireAreasInScope(actor, await areasOfImport(db, org.id, params.id))
      try {
        return await rollbackImport(db, org.id, params.id, {
          beforeCommit: (tx, result) =>
            recordAudit(
              tx,
              { actor, requestId: request.id, ip: request.ip },
              {
                organizationId: org.id,
                action: 'import.rollback',
                entityType: 'data_import',
                entityId: params.id,
                before: { status: 'completed' },
                after: { status: 'rolled_back', ...result },
              },
            ),
        })
      } catch (error) {
        if (error instanceof ImportStateError) {
          throw new ApiError('CONFLICT', error.message, { reason: error.code })
        }
        throw error
      }
    },
  ),
]

/** The areas an import wrote or replaced values of (for the area-scope check). */
async function areasOfImport(
  db: Queryable,
  organizationId: number,
  importId: number,
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `select area_id as id from observation where organization_id = $1 and import_id = $2
     union
     select area_id from observation_replaced where organization_id = $1 and import_id = $2`,
    [organizationId, importId],
  )
  return rows.map((r) => r.id)
}
