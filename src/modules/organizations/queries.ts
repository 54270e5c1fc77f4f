import type { Queryable } from '../../platform/db/index.js'
import { notFound } from '../../platform/http/errors.js'

export interface Organization {
  id: number
  slug: string
  name: string
  officialKey: string | null
  minCaseNumber: number
  defaultLanguage: 'de' | 'en'
  isDemo: boolean
}

const COLUMNS = `id, slug, name, official_key as "officialKey", min_case_number as "minCaseNumber",
  default_language as "defaultLanguage", is_demo as "isDemo"`

/** All organisations (tenants), ordered by name. */
export function listOrganizations(db: Queryable): Promise<Organization[]> {
  return db.query<Organization>(`select ${COLUMNS} from organization order by name, id`)
}

/** The organisation with this id, or a NOT_FOUND error (records that keep the id, e.g. reports). */
export async function requireOrganizationById(db: Queryable, id: number): Promise<Organization> {
  const [row] = await db.query<Organization>(`select ${COLUMNS} from organization where id = $1`, [
    id,
  ])
  if (!row) throw notFound(`The organisation ${id}`)
  return row
}

/** The organisation with this slug, or a NOT_FOUND error. Every scoped route starts here. */
export async function requireOrganization(db: Queryable, slug: string): Promise<Organization> {
  const [row] = await db.query<Organization>(
    `select ${COLUMNS} from organization where slug = $1`,
    [slug],
  )
  if (!row) throw notFound(`The organisation "${slug}"`)
  return row
}
