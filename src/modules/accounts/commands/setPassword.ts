import type { Database } from '../../../platform/db/index.js'
import { recordAudit, type CommandContext } from '../audit.js'
import { checkPasswordRules, hashPassword } from '../password.js'
import { endSessions, requireMember, requireSoleOrganization } from './shared.js'

/**
 * Sets a member's password, lifts a lockout and ends all their sessions (everywhere: the password
 * is the account's). Audited as `user.password_set` without the password, of course.
 */
export async function setPassword(
  db: Database,
  context: CommandContext,
  input: { organizationId: number; userId: number; password: string },
): Promise<void> {
  const member = await requireMember(db, input.organizationId, input.userId)
  requireSoleOrganization(context, member, 'Setting the password')
  checkPasswordRules(input.password, member.email)
  const passwordHash = await hashPassword(input.password)
  await db.transaction(async (tx) => {
    await tx.query(
      `update user_account set password_hash = $2, failed_logins = 0, locked_until = null,
              updated_at = now() where id = $1`,
      [input.userId, passwordHash],
    )
    const ended = await endSessions(tx, input.userId)
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'user.password_set',
      entityType: 'user',
      entityId: input.userId,
      before: null,
      after: { email: member.email, sessionsEnded: ended },
    })
  })
}
