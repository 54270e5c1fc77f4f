/**
 * Reports as records: templates (built-in or a planner's saved version), generated reports with
 * their version number, data state, document and files, publishing, and the rebuild check.
 *
 * A report is generated in three steps: read the data (data.ts), build the document
 * (generate.ts), render each format (html.ts, docx.ts, pdf.ts). The document is stored, so every
 * format can be rendered again identically at any time; the data state is stored, so a rebuild
 * from live data can be compared with it.
 */
import { createHash } from 'node:crypto'

import type { ReportDocument } from '../../core/report/document.js'
import type { Database, Queryable } from '../../platform/db/index.js'
import { ApiError, notFound } from '../../platform/http/errors.js'
import { recordAudit, type CommandContext } from '../accounts/index.js'
import { requireLayer } from '../areas/index.js'
import type { MonitoringEngine } from '../monitoring/index.js'
import { requireOrganizationById, type Organization } from '../organizations/index.js'
import { loadReportData, type DataState, type ReportAudience } from './data.js'
import { reportDocx } from './docx.js'
import { generateReport, ReportTemplateError, type Progress } from './generate.js'
import { reportHtml } from './html.js'
import { chromiumPath, htmlToPdf, pdfAvailable, PdfUnavailableError } from './pdf.js'
import { BUILT_IN_TEMPLATES, ReportTemplate, templateProblems } from './templates.js'

export const FORMATS = ['html', 'pdf', 'docx'] as const
export type ReportFormat = (typeof FORMATS)[number]

export const MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

// ---------------------------------------------------------------------------------------------
// Templates

export interface StoredTemplate {
  key: string
  /** 0 = the built-in template, unchanged. */
  version: number
  builtIn: boolean
  template: ReportTemplate
  createdAt: string | null
}

/** The latest version of each template: the saved ones, and the built-ins nobody has saved. */
export async function listTemplates(
  db: Queryable,
  organizationId: number,
): Promise<StoredTemplate[]> {
  const saved = await db.query<{
    key: string
    version: number
    definition: ReportTemplate
    createdAt: string
  }>(
    `select distinct on (key) key, version, definition,
            to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
       from report_template where organization_id = $1 order by key, version desc`,
    [organizationId],
  )
  const byKey = new Map<string, StoredTemplate>()
  for (const [key, template] of BUILT_IN_TEMPLATES) {
    byKey.set(key, { key, version: 0, builtIn: true, template, createdAt: null })
  }
  for (const row of saved) {
    byKey.set(row.key, {
      key: row.key,
      version: row.version,
      builtIn: BUILT_IN_TEMPLATES.has(row.key),
      template: row.definition,
      createdAt: row.createdAt,
    })
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key))
}

/** A template by key: the latest saved version, else the built-in one. */
export async function requireTemplate(
  db: Queryable,
  organizationId: number,
  key: string,
): Promise<StoredTemplate> {
  const found = (await listTemplates(db, organizationId)).find((t) => t.key === key)
  if (!found) {
    const known = (await listTemplates(db, organizationId)).map((t) => t.key)
    throw new ApiError(
      'NOT_FOUND',
      `The report template "${key}" does not exist; templates: ${known.join(', ')}.`,
    )
  }
  return found
}

/** Saves a template as the next version of its key; placeholder errors are VALIDATION_FAILED. */
export async function saveTemplate(
  db: Database,
  context: CommandContext,
  organizationId: number,
  input: unknown,
): Promise<StoredTemplate> {
  const parsed = ReportTemplate.safeParse(input)
  if (!parsed.success) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `The template is not valid: ${parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}.`,
      { issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) },
    )
  }
  const template = parsed.data
  const problems = templateProblems(template)
  if (problems.length > 0) {
    const p = problems[0]!
    throw new ApiError(
      'VALIDATION_FAILED',
      `Block ${p.block + 1} (${p.language}), line ${p.line}, column ${p.column}: ${p.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      { problems },
    )
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ version: number; createdAt: string }>(
      `insert into report_template (organization_id, key, version, definition, created_by)
       values ($1, $2, (select coalesce(max(version), 0) + 1 from report_template where organization_id = $1 and key = $2),
               $3::jsonb, $4)
       returning version, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"`,
      [organizationId, template.key, JSON.stringify(template), context.actor.userId],
    )
    await recordAudit(tx, context, {
      organizationId,
      action: 'report_template.save',
      entityType: 'report_template',
      entityId: `${template.key}@${row!.version}`,
      after: { key: template.key, version: row!.version },
    })
    return {
      key: template.key,
      version: row!.version,
      builtIn: BUILT_IN_TEMPLATES.has(template.key),
      template,
      createdAt: row!.createdAt,
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Reports

export interface ReportRequest {
  template: string
  audience: ReportAudience
  language: 'de' | 'en'
  layer?: string | undefined
  period?: number | undefined
  formats?: ReportFormat[] | undefined
}

export interface ReportSummary {
  id: number
  templateKey: string
  templateVersion: number
  version: number
  title: string | null
  audience: ReportAudience
  language: 'de' | 'en'
  layer: string
  period: number
  formats: ReportFormat[]
  status: 'queued' | 'running' | 'done' | 'failed'
  progress: number
  step: string
  error: string | null
  warnings: string[]
  documentSha256: string | null
  dataState: DataState | null
  published: boolean
  publishedAt: string | null
  createdAt: string
  finishedAt: string | null
  files: { format: ReportFormat; bytes: number; sha256: string }[]
}

const SUMMARY = `r.id, r.template_key as "templateKey", r.template_version as "templateVersion", r.version,
  r.title, r.audience, r.language, r.layer, r.period, r.formats, r.status, r.progress, r.step, r.error,
  r.warnings, r.document_sha256 as "documentSha256", r.data_state as "dataState",
  r.published_at is not null as published,
  to_char(r.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "publishedAt",
  to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
  to_char(r.finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "finishedAt",
  coalesce((select json_agg(json_build_object('format', f.format, 'bytes', length(f.content), 'sha256', f.sha256) order by f.format)
              from report_file f where f.report_id = r.id), '[]'::json) as files`

/**
 * Which reports someone sees: everything (`publishedOnly: false`), or the published ones plus the
 * ones `createdBy` requested (staff limited to some areas follow their own public reports).
 */
export interface ReportVisibility {
  publishedOnly: boolean
  createdBy?: number | null
}

/** Reports of an organisation, newest first, as far as visible. */
export function listReports(
  db: Queryable,
  organizationId: number,
  options: ReportVisibility,
): Promise<ReportSummary[]> {
  return db.query<ReportSummary>(
    `select ${SUMMARY} from report r
      where r.organization_id = $1
        and ($2::boolean is false or r.published_at is not null or r.created_by = $3)
      order by r.created_at desc, r.id desc`,
    [organizationId, options.publishedOnly, options.createdBy ?? null],
  )
}

/** One report; one that is not visible is NOT_FOUND. */
export async function requireReport(
  db: Queryable,
  organizationId: number,
  id: number,
  options: ReportVisibility,
): Promise<ReportSummary> {
  const [row] = await db.query<ReportSummary>(
    `select ${SUMMARY} from report r
      where r.organization_id = $1 and r.id = $2
        and ($3::boolean is false or r.published_at is not null or r.created_by = $4)`,
    [organizationId, id, options.publishedOnly, options.createdBy ?? null],
  )
  if (!row) throw notFound(`The report ${id}`)
  return row
}

/** Validates a request and records it as a queued report (the job runner picks it up). */
export async function createReport(
  db: Database,
  context: CommandContext,
  organization: Organization,
  request: ReportRequest,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ReportSummary> {
  const stored = await requireTemplate(db, organization.id, request.template)
  const formats = request.formats ?? (pdfAvailable(env) ? [...FORMATS] : ['html', 'docx'])
  if (formats.includes('pdf') && !pdfAvailable(env)) {
    throw new ApiError('SERVICE_UNAVAILABLE', new PdfUnavailableError(chromiumPath(env)).message, {
      format: 'pdf',
    })
  }
  const layer = request.layer ?? stored.template.layer
  await requireLayer(db, organization.id, layer) // a wrong layer is answered now, not by a failed job
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number; version: number }>(
      `insert into report (organization_id, template_key, template_version, version, template, audience,
                           language, layer, period, formats, created_by)
       values ($1, $2, $3,
               (select coalesce(max(version), 0) + 1 from report where organization_id = $1 and template_key = $2),
               $4::jsonb, $5, $6, $7, $8, $9, $10)
       returning id, version`,
      [
        organization.id,
        stored.key,
        stored.version,
        JSON.stringify(stored.template),
        request.audience,
        request.language,
        layer,
        request.period ?? 0,
        formats,
        context.actor.userId,
      ],
    )
    await recordAudit(tx, context, {
      organizationId: organization.id,
      action: 'report.create',
      entityType: 'report',
      entityId: String(row!.id),
      after: {
        template: stored.key,
        version: row!.version,
        audience: request.audience,
        layer,
        formats,
      },
    })
    return row!.id
  })
  return requireReport(db, organization.id, id, { publishedOnly: false })
}

/** Renders one format of a document. */
export async function renderFormat(
  document: ReportDocument,
  format: ReportFormat,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Uint8Array> {
  if (format === 'html') return new TextEncoder().encode(reportHtml(document))
  if (format === 'docx') return reportDocx(document)
  return htmlToPdf(reportHtml(document), {
    language: document.language,
    title: document.title,
    headerText: document.title,
    footerText: `${document.organization} · ${document.dataState}`,
    internal: document.audience === 'internal',
    ...(env.PLANRAUM_CHROMIUM ? { chromium: env.PLANRAUM_CHROMIUM } : {}),
  })
}

/**
 * Builds a report's document from live data with its template snapshot and parameters — the job
 * and the rebuild check share this.
 */
async function buildDocument(
  db: Database,
  engine: MonitoringEngine,
  report: {
    organizationId: number
    template: ReportTemplate
    audience: ReportAudience
    language: 'de' | 'en'
    layer: string
    period: number
  },
  onProgress?: Progress,
) {
  const organization = await requireOrganizationById(db, report.organizationId)
  const data = await loadReportData(db, engine, organization, {
    audience: report.audience,
    layer: report.layer,
    period: report.period === 0 ? undefined : report.period,
  })
  const { document, warnings } = await generateReport(report.template, data, {
    language: report.language,
    ...(onProgress ? { onProgress } : {}),
  })
  return { document, warnings, data }
}

interface ReportRow {
  id: number
  organizationId: number
  template: ReportTemplate
  audience: ReportAudience
  language: 'de' | 'en'
  layer: string
  period: number
  formats: ReportFormat[]
}

async function reportRow(db: Queryable, id: number): Promise<ReportRow> {
  const [row] = await db.query<ReportRow>(
    `select id, organization_id as "organizationId", template, audience, language, layer, period, formats
       from report where id = $1`,
    [id],
  )
  if (!row) throw notFound(`The report ${id}`)
  return row
}

/**
 * Generates a queued report: document, data state and every requested format, with progress in
 * the report row. Failures are recorded on the report (the message names the template block or
 * the missing program), never thrown to the caller. `claimed`: the caller has already set the
 * report running (the job runner's atomic claim); otherwise it is claimed here, and nothing
 * happens when another process got it first.
 */
export async function runReport(
  db: Database,
  engine: MonitoringEngine,
  id: number,
  env: NodeJS.ProcessEnv = process.env,
  options: { claimed?: boolean } = {},
): Promise<void> {
  const report = await reportRow(db, id)
  let last = 0
  const progress = async (fraction: number, step: string) => {
    const now = Date.now()
    if (now - last < 250 && fraction < 1) return
    last = now
    await db.query('update report set progress = $2, step = $3 where id = $1', [
      id,
      Math.min(1, Math.max(0, fraction)),
      step,
    ])
  }
  if (!options.claimed) {
    // Claim it, unless another process (a server's job runner) already has.
    const claimed = await db.query(
      `update report set status = 'running', step = 'data' where id = $1 and status = 'queued' returning id`,
      [id],
    )
    if (claimed.length === 0) return
  }
  try {
    let pending = Promise.resolve()
    const { document, warnings, data } = await buildDocument(db, engine, report, (f, step) => {
      pending = pending.then(() => progress(0.05 + 0.6 * f, step))
    })
    await pending
    const json = JSON.stringify(document)
    await db.query(
      `update report set document = $2::jsonb, document_sha256 = $3, data_state = $4::jsonb, title = $5,
              period = $6, warnings = $7::jsonb, progress = 0.65, step = 'render' where id = $1`,
      [
        id,
        json,
        sha256(json),
        JSON.stringify(data.state),
        document.title,
        data.period,
        JSON.stringify(warnings),
      ],
    )
    for (const [k, format] of report.formats.entries()) {
      await progress(0.65 + (0.35 * k) / report.formats.length, format)
      const bytes = await renderFormat(document, format, env)
      await db.query(
        `insert into report_file (organization_id, report_id, format, content, sha256) values ($5, $1, $2, $3, $4)
         on conflict (report_id, format) do update set content = excluded.content, sha256 = excluded.sha256`,
        [id, format, Buffer.from(bytes), sha256(bytes), report.organizationId],
      )
    }
    await db.query(
      `update report set status = 'done', progress = 1, step = 'done', finished_at = now() where id = $1`,
      [id],
    )
  } catch (error) {
    const message =
      error instanceof ReportTemplateError ||
      error instanceof ApiError ||
      error instanceof PdfUnavailableError
        ? error.message
        : `The report could not be generated: ${(error as Error).message}`
    await db.query(
      `update report set status = 'failed', error = $2, step = 'failed', finished_at = now() where id = $1`,
      [id, message],
    )
  }
}

/** The file name of a report's file: `sozialbericht-musterstadt-2024-v3[-intern].pdf`. */
export function reportFileName(
  report: Pick<ReportSummary, 'templateKey' | 'period' | 'version' | 'audience'>,
  organizationSlug: string,
  format: ReportFormat,
): string {
  const internal = report.audience === 'internal' ? '-intern' : ''
  return `${report.templateKey}-${organizationSlug}-${report.period}-v${report.version}${internal}.${format}`
}

/** A stored file of a report. */
export async function reportFile(
  db: Queryable,
  id: number,
  format: ReportFormat,
): Promise<{ content: Buffer; sha256: string }> {
  const [row] = await db.query<{ content: Buffer | Uint8Array; sha256: string }>(
    'select content, sha256 from report_file where report_id = $1 and format = $2',
    [id, format],
  )
  if (!row) throw notFound(`The ${format.toUpperCase()} file of report ${id}`)
  return { content: Buffer.from(row.content), sha256: row.sha256 }
}

/** Publishes (public reports only) or withdraws a report; audited. */
export async function publishReport(
  db: Database,
  context: CommandContext,
  organizationId: number,
  id: number,
  published: boolean,
): Promise<ReportSummary> {
  const report = await requireReport(db, organizationId, id, { publishedOnly: false })
  if (published && report.audience !== 'public') {
    throw new ApiError(
      'CONFLICT',
      `Report ${id} is an internal report (exact values without disclosure control) and cannot be published; generate it for the public audience.`,
    )
  }
  if (published && report.status !== 'done') {
    throw new ApiError(
      'CONFLICT',
      `Report ${id} is ${report.status}; only a finished report can be published.`,
    )
  }
  if (report.published !== published) {
    await db.transaction(async (tx) => {
      await tx.query(
        `update report set published_at = ${published ? 'now()' : 'null'} where id = $1`,
        [id],
      )
      await recordAudit(tx, context, {
        organizationId,
        action: published ? 'report.publish' : 'report.withdraw',
        entityType: 'report',
        entityId: String(id),
        before: { published: report.published },
        after: { published },
      })
    })
  }
  return requireReport(db, organizationId, id, { publishedOnly: false })
}

export interface RebuildCheck {
  /** The document built now equals the stored one, byte for byte. */
  identical: boolean
  storedSha256: string
  rebuiltSha256: string
  /** The data state is unchanged since the report was built. */
  sameDataState: boolean
  /** What changed in the data state, in words. */
  changes: string[]
}

/** Rebuilds a finished report from live data and compares it with the stored one. */
export async function rebuildCheck(
  db: Database,
  engine: MonitoringEngine,
  organizationId: number,
  id: number,
): Promise<RebuildCheck> {
  const summary = await requireReport(db, organizationId, id, { publishedOnly: false })
  if (summary.status !== 'done' || !summary.documentSha256 || !summary.dataState) {
    throw new ApiError(
      'CONFLICT',
      `Report ${id} is ${summary.status}; only a finished report can be rebuilt.`,
    )
  }
  const report = await reportRow(db, id)
  const { document, data } = await buildDocument(db, engine, { ...report, period: summary.period })
  const rebuiltSha256 = sha256(JSON.stringify(document))
  const before = summary.dataState
  const after = data.state
  const changes: string[] = []
  if (before.dataVersion !== after.dataVersion) {
    changes.push(`data version ${before.dataVersion} → ${after.dataVersion}`)
  }
  if (before.catalogueVersion !== after.catalogueVersion)
    changes.push('indicator definitions changed')
  const ids = (s: DataState) => s.imports.map((i) => i.id).join(',')
  if (ids(before) !== ids(after)) {
    const old = new Set(before.imports.map((i) => i.id))
    const now = new Set(after.imports.map((i) => i.id))
    const added = after.imports.filter((i) => !old.has(i.id)).map((i) => `+${i.source}`)
    const removed = before.imports.filter((i) => !now.has(i.id)).map((i) => `−${i.source}`)
    changes.push(`imports: ${[...added, ...removed].join(', ')}`)
  }
  if (JSON.stringify(before.socialIndex) !== JSON.stringify(after.socialIndex)) {
    changes.push('social index version changed')
  }
  return {
    identical: rebuiltSha256 === summary.documentSha256,
    storedSha256: summary.documentSha256,
    rebuiltSha256,
    sameDataState: before.fingerprint === after.fingerprint,
    changes,
  }
}

/** The stored document of a finished report. */
export async function reportDocument(db: Queryable, id: number): Promise<ReportDocument> {
  const [row] = await db.query<{ document: ReportDocument | null }>(
    'select document from report where id = $1',
    [id],
  )
  if (!row?.document) throw notFound(`The document of report ${id}`)
  return row.document
}
