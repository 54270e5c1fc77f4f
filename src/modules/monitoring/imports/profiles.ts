import { z } from 'zod'

import type { Queryable } from '../../../platform/db/index.js'
import { notFound } from '../../../platform/http/errors.js'
import type { ImportMapping } from './mapping.js'
import { parseMapping } from './importObservations.js'

/** Profile names: lower case, digits, `_` and `-`, as in `einwohner-jahresabzug`. */
export const ProfileName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    'expected a profile name like "einwohner-jahresabzug" (lower case, digits, - and _)',
  )

export interface ImportProfile {
  id: number
  name: string
  description: string
  mapping: ImportMapping
  createdAt: string
  updatedAt: string
}

const COLUMNS = `id, name, description, mapping, created_at as "createdAt", updated_at as "updatedAt"`

/**
 * Saves a column mapping under a name (replacing a profile of that name), after checking it.
 *
 * @example
 * await saveProfile(db, org.id, { name: 'regionalstatistik-bevoelkerung',
 *   mapping: { format: 'genesis-table', layer: 'kreis', variables: { Insgesamt: 'pop_total' } } })
 */
export async function saveProfile(
  db: Queryable,
  organizationId: number,
  profile: { name: string; description?: string; mapping: unknown },
): Promise<ImportProfile> {
  const name = ProfileName.parse(profile.name)
  const mapping = parseMapping(profile.mapping)
  const [row] = await db.query<ImportProfile>(
    `insert into import_profile (organization_id, name, description, mapping)
     values ($1, $2, $3, $4)
     on conflict (organization_id, name) do update
        set description = excluded.description, mapping = excluded.mapping, updated_at = now()
     returning ${COLUMNS}`,
    [organizationId, name, profile.description ?? '', JSON.stringify(mapping)],
  )
  return row!
}

/** The organisation's import profiles by name. */
export function listProfiles(db: Queryable, organizationId: number): Promise<ImportProfile[]> {
  return db.query<ImportProfile>(
    `select ${COLUMNS} from import_profile where organization_id = $1 order by name`,
    [organizationId],
  )
}

/** The profile with this name, or null. */
export async function getProfile(
  db: Queryable,
  organizationId: number,
  name: string,
): Promise<ImportProfile | null> {
  const [row] = await db.query<ImportProfile>(
    `select ${COLUMNS} from import_profile where organization_id = $1 and name = $2`,
    [organizationId, name],
  )
  return row ?? null
}

/** The profile with this name, or NOT_FOUND naming the profiles that exist. */
export async function requireProfile(
  db: Queryable,
  organizationId: number,
  name: string,
): Promise<ImportProfile> {
  const profile = await getProfile(db, organizationId, name)
  if (profile) return profile
  const known = (await listProfiles(db, organizationId)).map((p) => p.name)
  throw notFound(`The import profile "${name}" (known profiles: ${known.join(', ') || 'none'})`)
}

/** Deletes a profile; true when there was one. */
export async function deleteProfile(
  db: Queryable,
  organizationId: number,
  name: string,
): Promise<boolean> {
  const rows = await db.query(
    'delete from import_profile where organization_id = $1 and name = $2 returning 1',
    [organizationId, name],
  )
  return rows.length > 0
}
