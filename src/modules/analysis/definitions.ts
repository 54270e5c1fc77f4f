/**
 * Reads of the versioned social index definitions (table social_index_definition, migration 0006).
 * A version never changes after it is saved, except whether it is published.
 */
import type { SocialIndexDefinition } from '../../core/analysis/socialIndex.js'
import type { Queryable } from '../../platform/db/index.js'
import { ApiError } from '../../platform/http/errors.js'
import type { SocialIndexVersion } from './types.js'

/** A stored version with its database id (the id never leaves the server). */
export interface StoredVersion extends SocialIndexVersion {
  id: number
}

interface VersionRow {
  id: number
  key: string
  version: number
  nameDe: string
  nameEn: string
  description: string
  weighting: SocialIndexDefinition['weighting']
  minPopulation: number
  dynamicsYears: number
  statusHigh: number
  statusLow: number
  statusVeryLow: number
  dynamicsPositive: number
  dynamicsNegative: number
  published: boolean
  createdBy: string | null
  createdAt: string
  indicators: { key: string; direction: 1 | -1; weight: number }[]
}

const SELECT = `
  select d.id, d.key, d.version, d.name_de as "nameDe", d.name_en as "nameEn", d.description,
         d.weighting, d.min_population as "minPopulation", d.dynamics_years as "dynamicsYears",
         d.status_high as "statusHigh", d.status_low as "statusLow",
         d.status_very_low as "statusVeryLow", d.dynamics_positive as "dynamicsPositive",
         d.dynamics_negative as "dynamicsNegative", d.published,
         u.display_name as "createdBy",
         to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
         (select json_agg(json_build_object('key', i.indicator_key, 'direction', i.direction,
                                            'weight', i.weight) order by i.position)
            from social_index_indicator i
           where i.organization_id = d.organization_id and i.definition_id = d.id) as indicators
    from social_index_definition d
    left join user_account u on u.id = d.created_by`

function toVersion(row: VersionRow): StoredVersion {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    nameDe: row.nameDe,
    nameEn: row.nameEn,
    description: row.description,
    published: row.published,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    definition: {
      indicators: row.indicators,
      weighting: row.weighting,
      minPopulation: row.minPopulation,
      dynamicsYears: row.dynamicsYears,
      thresholds: {
        status: { high: row.statusHigh, low: row.statusLow, veryLow: row.statusVeryLow },
        dynamics: { positive: row.dynamicsPositive, negative: row.dynamicsNegative },
      },
    },
  }
}

/** Every version of every social index of an organisation, by key and version. */
export async function listVersions(
  db: Queryable,
  organizationId: number,
): Promise<StoredVersion[]> {
  const rows = await db.query<VersionRow>(
    `${SELECT} where d.organization_id = $1 order by d.key, d.version`,
    [organizationId],
  )
  return rows.map(toVersion)
}

/** One version, or undefined. */
export async function findVersion(
  db: Queryable,
  organizationId: number,
  key: string,
  version: number,
): Promise<StoredVersion | undefined> {
  const [row] = await db.query<VersionRow>(
    `${SELECT} where d.organization_id = $1 and d.key = $2 and d.version = $3`,
    [organizationId, key, version],
  )
  return row ? toVersion(row) : undefined
}

/**
 * One version; NOT_FOUND naming the versions that exist. `visible` hides versions the asker may
 * not see (for the public: unpublished ones) as if they did not exist.
 */
export async function requireVersion(
  db: Queryable,
  organizationId: number,
  key: string,
  version: number,
  visible: (v: StoredVersion) => boolean = () => true,
): Promise<StoredVersion> {
  const found = await findVersion(db, organizationId, key, version)
  if (found && visible(found)) return found
  const others = (await listVersions(db, organizationId)).filter((v) => v.key === key && visible(v))
  throw new ApiError(
    'NOT_FOUND',
    others.length > 0
      ? `The social index "${key}" has no version ${version}; versions: ${others.map((v) => v.version).join(', ')}.`
      : `The social index "${key}" does not exist.`,
  )
}
