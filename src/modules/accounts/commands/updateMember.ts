import type { Database } from '../../../platform/db/index.js'
import { ApiError } from '../../../platform/http/errors.js'
import { recordAudit, type CommandContext } from '../audit.js'
import type { Role } from '../permissions.js'
import type { AreaRef, MemberSummary } from '../queries.js'
import {
  areaIdsFor,
  auditedMember,
  endSessions,
  requireMember,
  requireSoleOrganization,
  setMembershipAreas,
} from './shared.js'

export interface UpdateMemberInput {
  organizationId: number
  userId: number
  role?: Role
  displayName?: string
  /** Disable (or enable) the membership in this organisation; ends its sessions there. */
  disabled?: boolean
  /** New area scope; null: all areas; undefined: unchanged. */
  areas?: AreaRef[] | null
}

/**
 * Changes a member's role, name, area scope or whether the membership is disabled. The last
 * active administrator cannot be demoted or disabled (CONFLICT). Audited as `user.update` with
 * the state before and after.
 */
export async function updateMember(
  db: Database,
  context: CommandContext,
  input: UpdateMemberInput,
): Promise<MemberSummary> {
  return db.transaction(async (tx) => {
    const before = await requireMember(tx, input.organizationId, input.userId)
    const { organizationId, userId } = input
    const losesAdmin =
      before.role === 'admin' &&
      !before.disabled &&
      ((input.role !== undefined && input.role !== 'admin') || input.disabled === true)
    if (losesAdmin) {
      // Lock the organisation's admin memberships so two demotions cannot both pass the check.
      const admins = await tx.query<{ id: number }>(
        `select user_id as id from membership
          where organization_id = $1 and role = 'admin' and not disabled for update`,
        [organizationId],
      )
      if (admins.every((a) => a.id === userId)) {
        throw new ApiError(
          'CONFLICT',
          `${before.email} is the last active administrator of this organisation: make someone else admin first.`,
        )
      }
    }
    if (input.displayName !== undefined && input.displayName.trim() !== before.displayName) {
      requireSoleOrganization(context, before, 'Renaming')
      const name = input.displayName.trim()
      if (name === '' || name.length > 200) {
        throw new ApiError('VALIDATION_FAILED', 'displayName: expected 1 to 200 characters.')
      }
      await tx.query(
        'update user_account set display_name = $2, updated_at = now() where id = $1',
        [userId, name],
      )
    }
    if (input.role !== undefined || input.disabled !== undefined) {
      await tx.query(
        `update membership set role = coalesce($3, role), disabled = coalesce($4, disabled),
                updated_at = now()
          where organization_id = $1 and user_id = $2`,
        [organizationId, userId, input.role ?? null, input.disabled ?? null],
      )
    }
    if (input.areas !== undefined) {
      const [m] = await tx.query<{ id: number }>(
        'select id from membership where organization_id = $1 and user_id = $2',
        [organizationId, userId],
      )
      const ids = input.areas === null ? null : await areaIdsFor(tx, organizationId, input.areas)
      await setMembershipAreas(tx, organizationId, m!.id, ids)
    }
    if (input.disabled === true) await endSessions(tx, userId, organizationId)
    const after = await requireMember(tx, organizationId, userId)
    await recordAudit(tx, context, {
      organizationId,
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      before: auditedMember(before),
      after: auditedMember(after),
    })
    return after
  })
}
