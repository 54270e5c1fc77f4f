/**
 * Routes of the report generator: templates (list, read, save a version), reports (request one,
 * which runs in the background; follow its progress; list; download; publish; check a rebuild).
 *
 * The public sees published reports only (always public-audience reports, disclosure-controlled);
 * staff with full internal access see every report of their organisation.
 */
import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import type { Actor } from '../../platform/http/auth.js'
import { ApiError, forbidden } from '../../platform/http/errors.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { audienceFor, type MonitoringEngine } from '../monitoring/index.js'
import { OrgParams, requireOrganization, type Organization } from '../organizations/index.js'
import type { ReportJobs } from './jobs.js'
import { pdfAvailable } from './pdf.js'
import {
  createReport,
  FORMATS,
  listReports,
  listTemplates,
  MEDIA_TYPES,
  publishReport,
  rebuildCheck,
  reportFile,
  reportFileName,
  requireReport,
  requireTemplate,
  saveTemplate,
} from './service.js'

const Format = z.enum(FORMATS)
const ReportParams = OrgParams.extend({ id: z.coerce.number().int().positive() })
const TemplateParams = OrgParams.extend({ key: z.string().max(64) })

const ReportSchema = z.object({
  id: z.number(),
  templateKey: z.string(),
  templateVersion: z.number(),
  version: z.number(),
  title: z.string().nullable(),
  audience: z.enum(['public', 'internal']),
  language: z.enum(['de', 'en']),
  layer: z.string(),
  period: z.number(),
  formats: z.array(Format),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  step: z.string(),
  error: z.string().nullable(),
  warnings: z.array(z.string()),
  documentSha256: z.string().nullable(),
  dataState: z.unknown().nullable(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  files: z.array(z.object({ format: Format, bytes: z.number(), sha256: z.string() })),
})

const TemplateSchema = z.object({
  key: z.string(),
  version: z.number(),
  builtIn: z.boolean(),
  template: z.unknown(),
  createdAt: z.string().nullable(),
})

/** Full internal access (not area-scoped): sees internal reports. */
const seesInternal = (actor: Actor, org: Organization) => audienceFor(actor, org) === 'internal'

/** Everything for full internal access; else the published reports and the asker's own. */
const visibility = (actor: Actor, org: Organization) => ({
  publishedOnly: !seesInternal(actor, org),
  createdBy: actor.organization?.id === org.id ? actor.userId : null,
})

export function reportRoutes(
  db: Database,
  engine: MonitoringEngine,
  jobs: ReportJobs,
): DefinedRoute[] {
  const context = (actor: Actor, request: { id: string; ip: string }) => ({
    actor,
    requestId: request.id,
    ip: request.ip,
  })
  return [
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/report-templates',
        operationId: 'listReportTemplates',
        summary:
          'Report templates: the built-in ones and the versions planners saved (latest of each)',
        tags: ['reports'],
        params: OrgParams,
        response: z.array(TemplateSchema),
        errors: ['NOT_FOUND'],
        access: 'reports:create',
      },
      async ({ params }) => {
        const org = await requireOrganization(db, params.org)
        return listTemplates(db, org.id)
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/report-templates/:key',
        operationId: 'getReportTemplate',
        summary: 'One report template (the latest saved version, else the built-in one)',
        tags: ['reports'],
        params: TemplateParams,
        response: TemplateSchema,
        errors: ['NOT_FOUND'],
        access: 'reports:create',
      },
      async ({ params }) => {
        const org = await requireOrganization(db, params.org)
        return requireTemplate(db, org.id, params.key)
      },
    ),
    defineRoute(
      {
        method: 'PUT',
        path: '/orgs/:org/report-templates/:key',
        operationId: 'saveReportTemplate',
        summary:
          'Save a template as the next version of its key (edited or added text blocks, indicators)',
        description:
          'The body is the whole template ({ key, name, layer, blocks }). Placeholders in text blocks are checked; ' +
          'an error names the block, language, line and column. Versions never change.',
        tags: ['reports'],
        params: TemplateParams,
        body: z.unknown(),
        response: TemplateSchema,
        errors: ['NOT_FOUND'],
        access: 'reports:create',
        bodyLimit: 512 * 1024,
      },
      async ({ params, body, actor, request }) => {
        const org = await requireOrganization(db, params.org)
        const key = (body as { key?: unknown } | null)?.key
        if (key !== params.key) {
          throw new ApiError(
            'VALIDATION_FAILED',
            `The template's key ${JSON.stringify(key ?? null)} does not match the path's "${params.key}".`,
          )
        }
        return saveTemplate(db, context(actor, request), org.id, body)
      },
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/orgs/:org/reports',
        operationId: 'createReport',
        summary: 'Generate a report in the background; follow it with GET …/reports/:id',
        description:
          'Answers 202 with the queued report. `audience: public` applies disclosure control and uses published indicators only; ' +
          '`internal` (exact values, marked INTERN on every page) needs full internal access. ' +
          'Formats default to html, docx and pdf (pdf only where Chromium is installed; asking for pdf without it is SERVICE_UNAVAILABLE).',
        tags: ['reports'],
        params: OrgParams,
        body: z.object({
          template: z.string().max(64),
          audience: z.enum(['public', 'internal']).default('public'),
          language: z.enum(['de', 'en']).default('de'),
          layer: z.string().max(64).optional(),
          period: z.number().int().min(1900).max(2200).optional(),
          formats: z.array(Format).min(1).max(3).optional(),
        }),
        response: ReportSchema,
        errors: ['NOT_FOUND', 'FORBIDDEN', 'SERVICE_UNAVAILABLE'],
        access: 'reports:create',
        bodyLimit: 16 * 1024,
      },
      async ({ params, body, actor, request, reply }) => {
        const org = await requireOrganization(db, params.org)
        if (body.audience === 'internal' && !seesInternal(actor, org)) {
          throw forbidden(
            'An internal report shows exact values for the whole organisation; it needs internal access without an area scope.',
          )
        }
        const report = await createReport(db, context(actor, request), org, {
          ...body,
          formats: body.formats ? [...new Set(body.formats)] : undefined,
        })
        jobs.kick()
        reply.code(202)
        return report
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/reports',
        operationId: 'listReports',
        summary:
          'Reports, newest first: all for staff with internal access, else the published ones and the asker’s own',
        tags: ['reports'],
        params: OrgParams,
        response: z.array(ReportSchema),
        errors: ['NOT_FOUND'],
      },
      async ({ params, actor }) => {
        const org = await requireOrganization(db, params.org)
        return listReports(db, org.id, visibility(actor, org))
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/reports/:id',
        operationId: 'getReport',
        summary: 'One report with its status, progress, data state and files',
        tags: ['reports'],
        params: ReportParams,
        response: ReportSchema,
        errors: ['NOT_FOUND'],
      },
      async ({ params, actor }) => {
        const org = await requireOrganization(db, params.org)
        return requireReport(db, org.id, params.id, visibility(actor, org))
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/reports/:id/files/:format',
        operationId: 'downloadReport',
        summary: 'A report file: html, pdf or docx',
        tags: ['reports'],
        params: ReportParams.extend({ format: Format }),
        produces: Object.values(MEDIA_TYPES),
        errors: ['NOT_FOUND'],
      },
      async ({ params, actor, reply }) => {
        const org = await requireOrganization(db, params.org)
        const report = await requireReport(db, org.id, params.id, visibility(actor, org))
        const file = await reportFile(db, report.id, params.format)
        const name = reportFileName(report, org.slug, params.format)
        // A weak ETag: an HTML report may travel compressed (RFC 9110 §8.8.1).
        return reply
          .type(MEDIA_TYPES[params.format])
          .header(
            'content-disposition',
            `${params.format === 'html' ? 'inline' : 'attachment'}; filename="${name}"`,
          )
          .header('etag', `W/"${file.sha256}"`)
          .header('cache-control', report.published ? 'public, max-age=300' : 'private, no-store')
          .send(file.content)
      },
    ),
    defineRoute(
      {
        method: 'PATCH',
        path: '/orgs/:org/reports/:id',
        operationId: 'publishReport',
        summary: 'Publish a finished public report in the atlas, or withdraw it',
        tags: ['reports'],
        params: ReportParams,
        body: z.object({ published: z.boolean() }),
        response: ReportSchema,
        errors: ['NOT_FOUND', 'CONFLICT'],
        access: 'reports:publish',
        bodyLimit: 1024,
      },
      async ({ params, body, actor, request }) => {
        const org = await requireOrganization(db, params.org)
        return publishReport(db, context(actor, request), org.id, params.id, body.published)
      },
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/orgs/:org/reports/:id/rebuild-check',
        operationId: 'checkReportRebuild',
        summary: 'Rebuild a report from live data and compare it with the stored one',
        description:
          'identical: the rebuilt document equals the stored one byte for byte; changes: what differs in the data state (imports, definitions, index version).',
        tags: ['reports'],
        params: ReportParams,
        response: z.object({
          identical: z.boolean(),
          storedSha256: z.string(),
          rebuiltSha256: z.string(),
          sameDataState: z.boolean(),
          changes: z.array(z.string()),
        }),
        errors: ['NOT_FOUND', 'CONFLICT'],
        access: 'reports:create',
      },
      async ({ params, actor }) => {
        const org = await requireOrganization(db, params.org)
        const report = await requireReport(db, org.id, params.id, { publishedOnly: false })
        if (report.audience === 'internal' && !seesInternal(actor, org)) {
          throw forbidden(
            'Rebuilding an internal report needs internal access without an area scope.',
          )
        }
        return rebuildCheck(db, engine, org.id, params.id)
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/report-formats',
        operationId: 'reportFormats',
        summary: 'Which report formats this server can produce (pdf needs Chromium)',
        tags: ['reports'],
        response: z.object({ formats: z.array(Format), pdf: z.boolean() }),
      },
      async () => {
        const pdf = pdfAvailable()
        return { formats: pdf ? [...FORMATS] : FORMATS.filter((f) => f !== 'pdf'), pdf }
      },
    ),
  ]
}
