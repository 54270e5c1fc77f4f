import type { Database } from '../../../platform/db/index.js'
import { recordAudit, type CommandContext } from '../../accounts/index.js'
import { findVersion, requireVersion, type StoredVersion } from '../definitions.js'

/**
 * Publishes or withdraws one version of a social index: the only change a saved version allows.
 * The public then sees its classes (when all its indicators are published too). Audited as
 * `social_index.publish` / `social_index.withdraw`.
 */
export async function publishVersion(
  db: Database,
  context: CommandContext,
  input: { organizationId: number; key: string; version: number; published: boolean },
): Promise<StoredVersion> {
  const before = await requireVersion(db, input.organizationId, input.key, input.version)
  if (before.published !== input.published) {
    await db.transaction(async (tx) => {
      await tx.query(
        `update social_index_definition set published = $4
          where organization_id = $1 and key = $2 and version = $3`,
        [input.organizationId, input.key, input.version, input.published],
      )
      await recordAudit(tx, context, {
        organizationId: input.organizationId,
        action: input.published ? 'social_index.publish' : 'social_index.withdraw',
        entityType: 'social_index_definition',
        entityId: `${input.key}@${input.version}`,
        before: { published: before.published },
        after: { published: input.published },
      })
    })
  }
  return (await findVersion(db, input.organizationId, input.key, input.version))!
}
