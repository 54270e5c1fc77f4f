import type { Database } from '../../../platform/db/index.js'
import { ApiError } from '../../../platform/http/errors.js'
import { recordAudit, type CommandContext } from '../audit.js'
import { checkPasswordRules, hashPassword } from '../password.js'
import { secretHash } from '../secrets.js'
import { endSessions } from './shared.js'

const invalidLink = () =>
  new ApiError(
    'RESET_LINK_INVALID',
    'The password-reset link is unknown, already used or expired: ask an administrator for a new one.',
  )

/**
 * Sets a new password with a one-time reset link: the link is used up, a lockout lifted, every
 * session of the person ended. Audited as `user.password_reset` in the link's organisation.
 */
export async function resetPassword(
  db: Database,
  context: CommandContext,
  input: { token: string; password: string },
): Promise<{ email: string }> {
  const hash = secretHash(input.token)
  const [link] = await db.query<{
    id: number
    userId: number
    organizationId: number
    email: string
  }>(
    `select r.id, r.user_id as "userId", r.organization_id as "organizationId", u.email
       from password_reset r join user_account u on u.id = r.user_id
      where r.token_hash = $1 and r.used_at is null and r.expires_at > now()`,
    [hash],
  )
  if (!link) throw invalidLink()
  checkPasswordRules(input.password, link.email)
  const passwordHash = await hashPassword(input.password)
  await db.transaction(async (tx) => {
    // Claim the link in the transaction: of two simultaneous uses only one succeeds.
    const claimed = await tx.query(
      `update password_reset set used_at = now()
        where id = $1 and used_at is null and expires_at > now() returning id`,
      [link.id],
    )
    if (claimed.length === 0) throw invalidLink()
    await tx.query(
      `update user_account set password_hash = $2, failed_logins = 0, locked_until = null,
              updated_at = now() where id = $1`,
      [link.userId, passwordHash],
    )
    const ended = await endSessions(tx, link.userId)
    await recordAudit(
      tx,
      { ...context, actor: { ...context.actor, userId: link.userId, label: link.email } },
      {
        organizationId: link.organizationId,
        action: 'user.password_reset',
        entityType: 'user',
        entityId: link.userId,
        after: { resetId: link.id, sessionsEnded: ended },
      },
    )
  })
  return { email: link.email }
}
