/** Steps several account commands share. */
import type { Queryable } from '../../../platform/db/index.js'
import { ApiError, forbidden, notFound } from '../../../platform/http/errors.js'
import type { CommandContext } from '../audit.js'
import { findMember, resolveAreaRefs, type AreaRef, type MemberSummary } from '../queries.js'

/** The member, or NOT_FOUND (also for users of other organisations: nothing leaks across). */
export async function requireMember(
  db: Queryable,
  organizationId: number,
  userId: number,
): Promise<MemberSummary> {
  const member = await findMember(db, organizationId, userId)
  if (!member) throw notFound(`The user ${userId} in this organisation`)
  return member
}

/**
 * An account is shared by all organisations its person belongs to. Changing what is shared (the
 * password, the name) is for an administrator of the only organisation, or for the CLI; otherwise
 * one organisation's admin could take over an account that also works for another.
 */
export function requireSoleOrganization(
  context: CommandContext,
  member: MemberSummary,
  what: string,
): void {
  if (context.actor.kind === 'system' || member.otherOrganizations === 0) return
  throw forbidden(
    `${member.email} is also a member of ${member.otherOrganizations} other organisation(s); ` +
      `${what} of a shared account is done by the platform operator (planraum users reset-link).`,
  )
}

/** Ends every session of a user (in one organisation, or everywhere). */
export async function endSessions(
  tx: Queryable,
  userId: number,
  organizationId?: number,
): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `delete from session where user_id = $1 and ($2::int is null or organization_id = $2)
     returning id`,
    [userId, organizationId ?? null],
  )
  return rows.length
}

/** The area ids for a scope, or VALIDATION_FAILED naming the areas that do not exist. */
export async function areaIdsFor(
  db: Queryable,
  organizationId: number,
  areas: AreaRef[],
): Promise<number[]> {
  const { ids, missing } = await resolveAreaRefs(db, organizationId, areas)
  if (missing.length > 0) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `areas: expected current areas of this organisation; none has ${missing
        .slice(0, 5)
        .map((m) => `layer "${m.layer}" code "${m.code}"`)
        .join(', ')}.`,
      missing.map((m) => ({ path: 'body.areas', message: `no area ${m.layer}/${m.code}` })),
    )
  }
  return ids
}

/** Replaces the area scope of a membership (null: all areas). */
export async function setMembershipAreas(
  tx: Queryable,
  organizationId: number,
  membershipId: number,
  areaIds: number[] | null,
): Promise<void> {
  await tx.query('delete from membership_area where organization_id = $1 and membership_id = $2', [
    organizationId,
    membershipId,
  ])
  await tx.query(
    'update membership set area_scoped = $3, updated_at = now() where organization_id = $1 and id = $2',
    [organizationId, membershipId, areaIds !== null],
  )
  if (areaIds && areaIds.length > 0) {
    await tx.query(
      `insert into membership_area (organization_id, membership_id, area_id)
       select $1, $2, unnest($3::int[]) on conflict do nothing`,
      [organizationId, membershipId, areaIds],
    )
  }
}

/** What the audit log keeps of a member: no hashes, no secrets. */
export const auditedMember = (m: MemberSummary) => ({
  email: m.email,
  displayName: m.displayName,
  role: m.role,
  areas: m.areas?.map((a) => `${a.layer}/${a.code}`) ?? null,
  disabled: m.disabled,
})
