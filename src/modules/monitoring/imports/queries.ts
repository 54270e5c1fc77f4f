import type { Queryable } from '../../../platform/db/index.js'
import type { ImportReport } from './report.js'

export interface ImportSummary {
  id: number
  kind: 'observations' | 'boundaries' | 'facilities' | 'demo'
  sourceName: string
  fileName: string | null
  status: 'completed' | 'rolled_back' | 'failed'
  rowCount: number
  errors: number
  warnings: number
  createdAt: string
  finishedAt: string | null
  rolledBackAt: string | null
}

export interface ImportDetail extends ImportSummary {
  sha256: string | null
  profile: unknown
  report: ImportReport | Record<string, unknown>
}

const SUMMARY = `id, kind, source_name as "sourceName", file_name as "fileName", status,
  row_count as "rowCount", coalesce((report ->> 'errors')::int, 0) as errors,
  coalesce((report ->> 'warnings')::int, 0) as warnings, created_at as "createdAt",
  finished_at as "finishedAt", rolled_back_at as "rolledBackAt"`

/**
 * The organisation's imports, newest first, without their reports.
 *
 * @example await listImports(db, org.id, { limit: 20, offset: 0 })
 */
export function listImports(
  db: Queryable,
  organizationId: number,
  page: { limit?: number; offset?: number } = {},
): Promise<ImportSummary[]> {
  const limit = Math.min(Math.max(1, page.limit ?? 50), 1000)
  const offset = Math.max(0, page.offset ?? 0)
  return db.query<ImportSummary>(
    `select ${SUMMARY} from data_import where organization_id = $1
      order by created_at desc, id desc limit $2 offset $3`,
    [organizationId, limit, offset],
  )
}

/** One import with its validation report and the mapping it used, or null. */
export async function getImport(
  db: Queryable,
  organizationId: number,
  id: number,
): Promise<ImportDetail | null> {
  const [row] = await db.query<ImportDetail>(
    `select ${SUMMARY}, source_sha256 as sha256, profile, report
       from data_import where organization_id = $1 and id = $2`,
    [organizationId, id],
  )
  return row ?? null
}
