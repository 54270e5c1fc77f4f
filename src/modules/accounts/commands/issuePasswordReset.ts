import type { Database } from '../../../platform/db/index.js'
import { recordAudit, type CommandContext } from '../audit.js'
import { isoSql } from '../queries.js'
import { newSecret, secretHash } from '../secrets.js'
import { requireMember, requireSoleOrganization } from './shared.js'

/** How long a reset link is valid (default 24 hours). */
export const RESET_LINK_SECONDS = 24 * 3600

export interface PasswordResetLink {
  /**
   * Path of the link in the web app. The token is in the fragment (#…), which browsers never
   * send to the server, so it does not end up in access logs.
   */
  path: string
  /** The one-time token itself (POST /api/auth/password-reset). */
  token: string
  expiresAt: string
}

/**
 * Issues a one-time password-reset link for a member (administrators and the CLI). Earlier unused
 * links of the person stop working. Audited as `user.password_reset_issue` (without the token).
 */
export async function issuePasswordReset(
  db: Database,
  context: CommandContext,
  input: { organizationId: number; userId: number; validSeconds?: number },
): Promise<PasswordResetLink> {
  const member = await requireMember(db, input.organizationId, input.userId)
  requireSoleOrganization(context, member, 'Resetting the password')
  const token = newSecret()
  return db.transaction(async (tx) => {
    await tx.query(
      'update password_reset set used_at = now() where user_id = $1 and used_at is null',
      [input.userId],
    )
    const [row] = await tx.query<{ id: number; expiresAt: string }>(
      `insert into password_reset (organization_id, user_id, token_hash, created_by, expires_at)
       values ($1, $2, $3, $4, now() + make_interval(secs => $5::float8))
       returning id, ${isoSql('expires_at')} as "expiresAt"`,
      [
        input.organizationId,
        input.userId,
        secretHash(token),
        context.actor.userId,
        input.validSeconds ?? RESET_LINK_SECONDS,
      ],
    )
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'user.password_reset_issue',
      entityType: 'user',
      entityId: input.userId,
      after: { email: member.email, resetId: row!.id, expiresAt: row!.expiresAt },
    })
    return { path: `/reset-password#token=${token}`, token, expiresAt: row!.expiresAt }
  })
}
