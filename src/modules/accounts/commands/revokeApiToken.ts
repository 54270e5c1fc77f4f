import type { Database } from '../../../platform/db/index.js'
import { notFound } from '../../../platform/http/errors.js'
import { recordAudit, type CommandContext } from '../audit.js'
import { findToken, type TokenSummary } from '../queries.js'

/**
 * Revokes an API token of the organisation at once (a token of another organisation is
 * NOT_FOUND). Revoking twice changes nothing. Audited as `token.revoke`.
 */
export async function revokeApiToken(
  db: Database,
  context: CommandContext,
  input: { organizationId: number; tokenId: number },
): Promise<TokenSummary> {
  return db.transaction(async (tx) => {
    const before = await findToken(tx, input.organizationId, input.tokenId)
    if (!before) throw notFound(`The API token ${input.tokenId} of this organisation`)
    if (before.revokedAt !== null) return before
    await tx.query(
      'update api_token set revoked_at = now() where organization_id = $1 and id = $2',
      [input.organizationId, input.tokenId],
    )
    const after = (await findToken(tx, input.organizationId, input.tokenId))!
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: input.tokenId,
      before: { name: before.name, prefix: before.prefix, revokedAt: null },
      after: { name: after.name, prefix: after.prefix, revokedAt: after.revokedAt },
    })
    return after
  })
}
