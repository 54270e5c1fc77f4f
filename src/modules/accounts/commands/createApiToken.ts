import type { Database } from '../../../platform/db/index.js'
import { hasPermission } from '../../../platform/http/auth.js'
import { ApiError, forbidden } from '../../../platform/http/errors.js'
import { recordAudit, type CommandContext } from '../audit.js'
import { isPermission } from '../permissions.js'
import { findToken, type TokenSummary } from '../queries.js'
import { API_TOKEN_PREFIX, newSecret, secretHash } from '../secrets.js'

export interface CreateApiTokenInput {
  organizationId: number
  name: string
  /** Permissions the token may use; each must be one the creator holds. */
  scopes: string[]
  /** Days until it expires (1–366, default 90). */
  expiresInDays?: number
}

/**
 * Creates an API token for automation. The token is returned once and stored as its SHA-256; it
 * acts with its scopes, limited to what its creator's role allows at the time of use, and stops
 * working when revoked, expired, or when its creator leaves the organisation. Audited as
 * `token.create`.
 */
export async function createApiToken(
  db: Database,
  context: CommandContext,
  input: CreateApiTokenInput,
): Promise<{ token: string; summary: TokenSummary }> {
  const { actor } = context
  if (actor.kind === 'token') {
    throw forbidden('An API token cannot create API tokens: sign in to create one.')
  }
  const unknown = input.scopes.filter((s) => !isPermission(s))
  if (unknown.length > 0) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `scopes: unknown permission(s) ${unknown.map((s) => `"${s}"`).join(', ')}.`,
    )
  }
  const beyond = input.scopes.filter((s) => !hasPermission(actor, s))
  if (beyond.length > 0) {
    throw forbidden(`A token cannot do more than its creator: you lack ${beyond.join(', ')}.`)
  }
  const days = input.expiresInDays ?? 90
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new ApiError('VALIDATION_FAILED', `expiresInDays: expected 1 to 366; got ${days}.`)
  }
  const token = `${API_TOKEN_PREFIX}${newSecret()}`
  const scopes = [...new Set(input.scopes)].sort()
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `insert into api_token (organization_id, name, token_hash, prefix, scopes, created_by, expires_at)
       values ($1, $2, $3, $4, $5::text[], $6, now() + make_interval(days => $7::int))
       returning id`,
      [
        input.organizationId,
        input.name.trim(),
        secretHash(token),
        token.slice(0, API_TOKEN_PREFIX.length + 6),
        scopes,
        actor.userId,
        days,
      ],
    )
    const summary = (await findToken(tx, input.organizationId, row!.id))!
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'token.create',
      entityType: 'api_token',
      entityId: row!.id,
      after: { name: summary.name, prefix: summary.prefix, scopes, expiresAt: summary.expiresAt },
    })
    return { token, summary }
  })
}
