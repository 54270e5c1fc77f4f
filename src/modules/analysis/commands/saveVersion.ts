import {
  normalizeDefinition,
  SocialIndexError,
  type SocialIndexDefinition,
} from '../../../core/analysis/socialIndex.js'
import type { Database } from '../../../platform/db/index.js'
import { ApiError } from '../../../platform/http/errors.js'
import { recordAudit, type CommandContext } from '../../accounts/index.js'
import { listIndicators } from '../../monitoring/index.js'
import { findVersion, type StoredVersion } from '../definitions.js'

export interface SaveVersionInput {
  organizationId: number
  key: string
  nameDe: string
  nameEn: string
  description?: string | undefined
  /** Indicators, weighting, minimum population, dynamics years, thresholds (defaults: Berlin MSS). */
  definition: Pick<SocialIndexDefinition, 'indicators'> & Partial<SocialIndexDefinition>
  published?: boolean | undefined
}

/**
 * Saves a social index definition as the next version of its key (version 1 for a new key). Saved
 * versions are never changed (migration 0006 enforces it), so an index computed from a version can
 * be recomputed exactly. The indicators must exist in the organisation's catalogue. Audited as
 * `social_index.save`.
 */
export async function saveVersion(
  db: Database,
  context: CommandContext,
  input: SaveVersionInput,
): Promise<StoredVersion> {
  let definition: SocialIndexDefinition
  try {
    definition = normalizeDefinition(input.definition)
  } catch (error) {
    if (error instanceof SocialIndexError) throw new ApiError('VALIDATION_FAILED', error.message)
    throw error
  }
  const catalogue = new Set(
    (await listIndicators(db, input.organizationId)).map((indicator) => indicator.key),
  )
  const unknown = definition.indicators.filter((i) => !catalogue.has(i.key)).map((i) => i.key)
  if (unknown.length > 0) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `indicators: ${unknown.map((k) => `"${k}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the indicator catalogue; known indicators: ${[...catalogue].sort().join(', ') || 'none'}.`,
    )
  }
  const { thresholds } = definition
  const version = await db.transaction(async (tx) => {
    // Two planners saving the same key at once get consecutive versions, not a conflict.
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [
      `social_index:${input.organizationId}:${input.key}`,
    ])
    const [next] = await tx.query<{ version: number }>(
      `select coalesce(max(version), 0) + 1 as version from social_index_definition
        where organization_id = $1 and key = $2`,
      [input.organizationId, input.key],
    )
    const [row] = await tx.query<{ id: number }>(
      `insert into social_index_definition (organization_id, key, version, name_de, name_en,
         description, weighting, min_population, dynamics_years, status_high, status_low,
         status_very_low, dynamics_positive, dynamics_negative, published, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       returning id`,
      [
        input.organizationId,
        input.key,
        next!.version,
        input.nameDe.trim(),
        input.nameEn.trim(),
        (input.description ?? '').trim(),
        definition.weighting,
        definition.minPopulation,
        definition.dynamicsYears,
        thresholds.status.high,
        thresholds.status.low,
        thresholds.status.veryLow,
        thresholds.dynamics.positive,
        thresholds.dynamics.negative,
        input.published ?? false,
        context.actor.userId,
      ],
    )
    await tx.query(
      `insert into social_index_indicator (organization_id, definition_id, position, indicator_key,
         direction, weight)
       select $1, $2, t.position - 1, t.key, t.direction, t.weight
         from unnest($3::text[], $4::int[], $5::float8[]) with ordinality
              as t(key, direction, weight, position)`,
      [
        input.organizationId,
        row!.id,
        definition.indicators.map((i) => i.key),
        definition.indicators.map((i) => i.direction),
        definition.indicators.map((i) => i.weight),
      ],
    )
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'social_index.save',
      entityType: 'social_index_definition',
      entityId: `${input.key}@${next!.version}`,
      after: {
        key: input.key,
        version: next!.version,
        nameDe: input.nameDe,
        published: input.published ?? false,
        definition,
      },
    })
    return next!.version
  })
  return (await findVersion(db, input.organizationId, input.key, version))!
}
