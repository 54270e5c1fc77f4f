/**
 * Pure rules of the reports page: which reports are still being generated, how a polled answer
 * joins the list, whether a report can be published, the request a form sends and how a job's
 * step reads in the UI. No I/O; tested in model.test.ts.
 */
import type { MessageKey } from '../i18n/index.js'
import type {
  Report,
  ReportAudience,
  ReportFormat,
  ReportLanguage,
  ReportRequest,
  StoredTemplate,
} from './api.js'

/** Milliseconds between two progress requests of a running report. */
export const POLL_INTERVAL_MS = 500

/** Still being generated (queued or running): its progress is polled. */
export const isActive = (report: Pick<Report, 'status'>) =>
  report.status === 'queued' || report.status === 'running'

/**
 * The list with `report` in it: replaced where its id already is, else added; newest first (the
 * server's order: created, then id, both descending).
 *
 * @example upsertReport([{ id: 1, … }], { id: 2, … }).map((r) => r.id) // [2, 1]
 */
export function upsertReport<R extends Pick<Report, 'id' | 'createdAt'>>(
  list: readonly R[],
  report: R,
): R[] {
  const others = list.filter((r) => r.id !== report.id)
  return [...others, report].sort((a, b) =>
    a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1,
  )
}

export type PublishState = 'publishable' | 'published' | 'internal' | 'unfinished'

/**
 * What the publish control offers: withdraw (published), publish (a finished public report), or
 * why not — internal reports hold exact values and are never published; a report that is queued,
 * running or failed has nothing to publish.
 */
export function publishState(
  report: Pick<Report, 'audience' | 'status' | 'published'>,
): PublishState {
  if (report.published) return 'published'
  if (report.audience === 'internal') return 'internal'
  if (report.status !== 'done') return 'unfinished'
  return 'publishable'
}

/** The formats ticked at first: all the server can produce. */
export const defaultFormats = (pdf: boolean): ReportFormat[] =>
  pdf ? ['html', 'pdf', 'docx'] : ['html', 'docx']

/** The choices of the "create a report" form; '' = the default (template's layer, latest year). */
export interface ReportForm {
  template: string
  audience: ReportAudience
  language: ReportLanguage
  layer: string
  period: string
  formats: readonly ReportFormat[]
}

export type FormProblem = 'templateMissing' | 'formatsMissing' | 'pdfUnavailable'

/** What is wrong with the form before it is sent; empty when it can be sent. */
export function formProblems(form: ReportForm, pdf: boolean): FormProblem[] {
  const problems: FormProblem[] = []
  if (!form.template) problems.push('templateMissing')
  if (form.formats.length === 0) problems.push('formatsMissing')
  if (!pdf && form.formats.includes('pdf')) problems.push('pdfUnavailable')
  return problems
}

/**
 * The body of POST …/reports for a form: defaults are left out so the server chooses them
 * (the template's layer, the latest year); formats in a fixed order.
 *
 * @example requestFor({ template: 'sozialbericht', audience: 'public', language: 'de', layer: '', period: '2023', formats: ['pdf', 'html'] })
 * // { template: 'sozialbericht', audience: 'public', language: 'de', period: 2023, formats: ['html', 'pdf'] }
 */
export function requestFor(form: ReportForm): ReportRequest {
  const period = form.period === '' ? undefined : Number(form.period)
  return {
    template: form.template,
    audience: form.audience,
    language: form.language,
    ...(form.layer ? { layer: form.layer } : {}),
    ...(period !== undefined && Number.isInteger(period) ? { period } : {}),
    formats: (['html', 'pdf', 'docx'] as const).filter((f) => form.formats.includes(f)),
  }
}

/** A template's name in the UI language, with its saved version when planners changed it. */
export function templateLabel(stored: StoredTemplate, language: ReportLanguage): string {
  const name = stored.template.name[language] || stored.template.name.de || stored.key
  return stored.version > 0 ? `${name} (${stored.version})` : name
}

/** Block types of templates: as a job's step they mean "building the content". */
const BLOCK_STEPS = new Set([
  'titlePage',
  'toc',
  'heading',
  'text',
  'keyFigures',
  'topicChapters',
  'map',
  'chart',
  'areaProfiles',
  'socialIndex',
  'methods',
  'glossary',
  'pageBreak',
])

/**
 * How a report's status and step read: a message key and its parameters. A running job names
 * its step (`data`, a block type, an area's name while profiles are written, `render`, a format).
 *
 * @example statusMessage({ status: 'running', step: 'pdf', progress: 0.8 })
 * // { key: 'reports.step.format', params: { format: 'PDF', percent: 80 } }
 */
export function statusMessage(report: Pick<Report, 'status' | 'step' | 'progress'>): {
  key: MessageKey
  params: Record<string, string | number>
} {
  const percent = Math.round(Math.min(1, Math.max(0, report.progress)) * 100)
  switch (report.status) {
    case 'queued':
      return { key: 'reports.status.queued', params: {} }
    case 'done':
      return { key: 'reports.status.done', params: {} }
    case 'failed':
      return { key: 'reports.status.failed', params: {} }
    case 'running':
      break
  }
  const step = report.step
  if (step === 'data') return { key: 'reports.step.data', params: { percent } }
  if (step === 'render' || step === 'done')
    return { key: 'reports.step.render', params: { percent } }
  if (step === 'html' || step === 'pdf' || step === 'docx') {
    return { key: 'reports.step.format', params: { format: step.toUpperCase(), percent } }
  }
  if (BLOCK_STEPS.has(step) || step === '')
    return { key: 'reports.step.content', params: { percent } }
  return { key: 'reports.step.area', params: { area: step, percent } }
}

/**
 * Reports whose status changed between two lists (for the screen reader's announcement): each
 * report of `after` that was in `before` with another status.
 */
export function statusChanges<R extends Pick<Report, 'id' | 'status'>>(
  before: readonly R[],
  after: readonly R[],
): R[] {
  const was = new Map(before.map((r) => [r.id, r.status]))
  return after.filter((r) => was.has(r.id) && was.get(r.id) !== r.status)
}

/**
 * A file size for people: bytes, kB or MB (1000-based, as file managers show them), through the
 * UI's number format.
 *
 * @example fileSize(1_234_567, (v, d) => v.toFixed(d)) // '1.2 MB'
 */
export function fileSize(
  bytes: number,
  decimal: (value: number, digits: number) => string,
): string {
  if (bytes < 1000) return `${decimal(bytes, 0)} B`
  if (bytes < 1_000_000) return `${decimal(bytes / 1000, bytes < 10_000 ? 1 : 0)} kB`
  return `${decimal(bytes / 1_000_000, 1)} MB`
}
