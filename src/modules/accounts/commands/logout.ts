import type { Database } from '../../../platform/db/index.js'
import { recordAudit, type CommandContext } from '../audit.js'

/** Ends the actor's session (nothing to do without one). Audited as `auth.logout`. */
export async function logout(db: Database, context: CommandContext): Promise<boolean> {
  const { actor } = context
  if (actor.kind !== 'session' || actor.sessionId === null || actor.organization === null) {
    return false
  }
  const organizationId = actor.organization.id
  return db.transaction(async (tx) => {
    const ended = await tx.query('delete from session where id = $1 returning id', [
      actor.sessionId,
    ])
    if (ended.length === 0) return false
    await recordAudit(tx, context, {
      organizationId,
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
    })
    return true
  })
}
