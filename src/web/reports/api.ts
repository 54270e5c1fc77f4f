/**
 * The report generator's requests (`/api/orgs/:org/reports…`, `/api/orgs/:org/report-templates`,
 * `/api/report-formats`) and the JSON they answer with, written down from the route schemas in
 * src/modules/reports/http.ts with the fields the page reads. Nothing is cached: a report changes
 * while it is generated, and publishing changes the list. Writes carry the session's CSRF token;
 * a refused write throws ReportApiError with the server's `details` (e.g. placeholder problems).
 */
import { csrfHeaders } from '../account/session.js'
import { ApiRequestError, type FetchLike, getJson } from '../http/client.js'

export const REPORT_FORMATS = ['html', 'pdf', 'docx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]
export type ReportAudience = 'public' | 'internal'
export type ReportLanguage = 'de' | 'en'
export type ReportStatus = 'queued' | 'running' | 'done' | 'failed'

/** A report as GET …/reports/:id answers it. */
export interface Report {
  id: number
  templateKey: string
  templateVersion: number
  /** Counts the reports of one template: 1, 2, … */
  version: number
  /** Known once the document is built. */
  title: string | null
  audience: ReportAudience
  language: ReportLanguage
  layer: string
  /** 0 until the job has chosen the latest year. */
  period: number
  formats: ReportFormat[]
  status: ReportStatus
  /** 0 … 1 */
  progress: number
  /** What the job is doing: `data`, a block type, an area's name, `render`, a format, `done`. */
  step: string
  error: string | null
  warnings: string[]
  published: boolean
  publishedAt: string | null
  createdAt: string
  finishedAt: string | null
  files: { format: ReportFormat; bytes: number; sha256: string }[]
}

/** A template as GET …/report-templates lists it (the latest version of each key). */
export interface StoredTemplate {
  key: string
  /** 0 = the built-in template, unchanged. */
  version: number
  builtIn: boolean
  template: { key: string; name: Record<ReportLanguage, string>; layer: string }
  createdAt: string | null
}

/** Text in both report languages. */
export type LocalText = Record<ReportLanguage, string>

/**
 * A block of a template (src/modules/reports/templates.ts). The editor changes the text of `text`
 * and `heading` blocks and adds `text` blocks; every other field is sent back as it came.
 */
export type TemplateBlock =
  | { type: 'heading'; level: 1 | 2; text: LocalText }
  | { type: 'text'; text: LocalText }
  | {
      type:
        | 'titlePage'
        | 'toc'
        | 'keyFigures'
        | 'topicChapters'
        | 'map'
        | 'chart'
        | 'areaProfiles'
        | 'socialIndex'
        | 'methods'
        | 'glossary'
        | 'pageBreak'
      indicators?: string[]
      text?: LocalText
      [field: string]: unknown
    }

/** A whole template, as PUT …/report-templates/:key takes it. */
export interface ReportTemplate {
  key: string
  name: LocalText
  layer: string
  blocks: TemplateBlock[]
}

/** A template with its blocks, as GET …/report-templates/:key and PUT answer. */
export interface FullTemplate extends Omit<StoredTemplate, 'template'> {
  template: ReportTemplate
}

/** A placeholder problem of a refused template (`details.problems` of VALIDATION_FAILED). */
export interface TemplateProblem {
  /** 0-based index of the block in the template sent. */
  block: number
  language: ReportLanguage
  line: number
  column: number
  message: string
}

/** GET /api/report-formats: pdf is false when the server has no Chromium. */
export interface ReportFormats {
  formats: ReportFormat[]
  pdf: boolean
}

/** The body of POST …/reports. */
export interface ReportRequest {
  template: string
  audience: ReportAudience
  language: ReportLanguage
  layer?: string
  period?: number
  formats: ReportFormat[]
}

/** POST …/reports/:id/rebuild-check. */
export interface RebuildCheck {
  /** The document built from live data equals the stored one byte for byte. */
  identical: boolean
  sameDataState: boolean
  /** What changed in the data state, in words (English, from the server). */
  changes: string[]
}

const orgPath = (slug: string) => `/api/orgs/${encodeURIComponent(slug)}`

// Progress is polled: the browser must ask the server each time.
const fresh: FetchLike = (url, init) => fetch(url, { ...init, cache: 'no-store' })

/** The download address of one file of a report (HTML is served inline, the others as files). */
export const reportFileUrl = (slug: string, id: number, format: ReportFormat) =>
  `${orgPath(slug)}/reports/${id}/files/${format}`

/** Reports, newest first: published ones for the public, all for staff with full access. */
export const fetchReports = (slug: string) => getJson<Report[]>(`${orgPath(slug)}/reports`, fresh)

/** One report (poll it for progress). */
export const fetchReport = (slug: string, id: number) =>
  getJson<Report>(`${orgPath(slug)}/reports/${id}`, fresh)

/** The templates (needs reports:create). */
export const fetchTemplates = (slug: string) =>
  getJson<StoredTemplate[]>(`${orgPath(slug)}/report-templates`, fresh)

/** One template with its blocks: the latest saved version, else the built-in one. */
export const fetchTemplate = (slug: string, key: string) =>
  getJson<FullTemplate>(`${orgPath(slug)}/report-templates/${encodeURIComponent(key)}`, fresh)

/** The formats this server can produce. */
export const fetchFormats = () => getJson<ReportFormats>('/api/report-formats', fresh)

/** A refused write: ApiRequestError with the `details` of the server's error body. */
export class ReportApiError extends ApiRequestError {
  override name = 'ReportApiError'
  constructor(
    kind: ApiRequestError['kind'],
    url: string,
    message: string,
    status?: number,
    code?: string,
    serverMessage?: string,
    readonly details?: unknown,
  ) {
    super(kind, url, message, status, code, serverMessage)
  }
}

/** Sends a write with the CSRF token and parses the JSON answer; throws ReportApiError. */
async function send<T>(method: 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        // Fastify refuses an empty body declared as JSON, so the type goes only with a body.
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...csrfHeaders(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (error) {
    throw new ReportApiError('network', url, `${method} ${url} failed: ${(error as Error).message}`)
  }
  let parsed: unknown
  try {
    parsed = await response.json()
  } catch {
    throw new ReportApiError(
      response.ok ? 'invalid' : 'http',
      url,
      `${method} ${url} answered HTTP ${response.status} without JSON.`,
      response.status,
    )
  }
  if (!response.ok) {
    const error = (
      parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null
    )?.error
    const code = typeof error?.code === 'string' ? error.code : undefined
    const message = typeof error?.message === 'string' ? error.message : undefined
    throw new ReportApiError(
      'http',
      url,
      `${method} ${url} answered HTTP ${response.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : '.'}`,
      response.status,
      code,
      message,
      error?.details,
    )
  }
  return parsed as T
}

/** Requests a report; the server answers 202 with the queued report. */
export const createReport = (slug: string, request: ReportRequest) =>
  send<Report>('POST', `${orgPath(slug)}/reports`, request)

/** Publishes a finished public report, or withdraws it (needs reports:publish). */
export const setPublished = (slug: string, id: number, published: boolean) =>
  send<Report>('PATCH', `${orgPath(slug)}/reports/${id}`, { published })

/** Rebuilds a finished report from live data and compares it with the stored one. */
export const checkRebuild = (slug: string, id: number) =>
  send<RebuildCheck>('POST', `${orgPath(slug)}/reports/${id}/rebuild-check`)

/**
 * Saves the whole template as the next version of its key. Placeholder errors answer 400
 * VALIDATION_FAILED with `details.problems` (TemplateProblem[]).
 */
export const saveTemplate = (slug: string, template: ReportTemplate) =>
  send<FullTemplate>(
    'PUT',
    `${orgPath(slug)}/report-templates/${encodeURIComponent(template.key)}`,
    template,
  )
