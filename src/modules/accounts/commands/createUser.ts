import type { Database } from '../../../platform/db/index.js'
import { ApiError } from '../../../platform/http/errors.js'
import { recordAudit, type CommandContext } from '../audit.js'
import { checkPasswordRules, hashPassword } from '../password.js'
import type { Role } from '../permissions.js'
import type { AreaRef, MemberSummary } from '../queries.js'
import { areaIdsFor, auditedMember, requireMember, setMembershipAreas } from './shared.js'

export interface CreateUserInput {
  organizationId: number
  email: string
  displayName: string
  role: Role
  /** Omit for an account without password: the person sets one through a reset link. */
  password?: string | null
  /** Limit the membership to these areas (and their finer areas); omit or null for all. */
  areas?: AreaRef[] | null
}

export interface CreateUserResult {
  user: MemberSummary
  /** false: the account existed (member elsewhere) and only the membership was added. */
  accountCreated: boolean
}

/** Lower-cased, trimmed email address, or VALIDATION_FAILED. */
export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase()
  if (value.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `email: expected an address like name@example.org; got "${email.slice(0, 60)}".`,
      [{ path: 'body.email', message: 'expected an email address' }],
    )
  }
  return value
}

/**
 * Adds a person to an organisation with a role: creates the account when the email address is new,
 * else adds a membership to the existing account (its password stays as it is). Audited as
 * `user.create` or `membership.create`.
 *
 * @example
 * await createUser(db, { actor }, { organizationId: 1, email: 'a@b.de', displayName: 'A', role: 'planner' })
 */
export async function createUser(
  db: Database,
  context: CommandContext,
  input: CreateUserInput,
): Promise<CreateUserResult> {
  const email = normalizeEmail(input.email)
  const displayName = input.displayName.trim()
  if (displayName === '' || displayName.length > 200) {
    throw new ApiError('VALIDATION_FAILED', 'displayName: expected 1 to 200 characters.')
  }
  if (input.password != null) checkPasswordRules(input.password, email)
  // Hash outside the transaction: it takes ~100 ms and needs no database.
  const passwordHash = input.password != null ? await hashPassword(input.password) : null
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx.query<{ id: number }>(
        'select id from user_account where email = $1',
        [email],
      )
      let userId: number
      if (existing) {
        if (passwordHash !== null) {
          throw new ApiError(
            'CONFLICT',
            `${email} already has an account (in another organisation); it keeps its password. Add the membership without a password.`,
          )
        }
        const [member] = await tx.query(
          'select 1 from membership where organization_id = $1 and user_id = $2',
          [input.organizationId, existing.id],
        )
        if (member) {
          throw new ApiError('CONFLICT', `${email} is already a member of this organisation.`)
        }
        userId = existing.id
      } else {
        const [created] = await tx.query<{ id: number }>(
          `insert into user_account (email, display_name, password_hash) values ($1, $2, $3)
           returning id`,
          [email, displayName, passwordHash],
        )
        userId = created!.id
      }
      const [membership] = await tx.query<{ id: number }>(
        `insert into membership (organization_id, user_id, role) values ($1, $2, $3) returning id`,
        [input.organizationId, userId, input.role],
      )
      if (input.areas != null) {
        const areaIds = await areaIdsFor(tx, input.organizationId, input.areas)
        await setMembershipAreas(tx, input.organizationId, membership!.id, areaIds)
      }
      const user = await requireMember(tx, input.organizationId, userId)
      await recordAudit(tx, context, {
        organizationId: input.organizationId,
        action: existing ? 'membership.create' : 'user.create',
        entityType: 'user',
        entityId: userId,
        before: null,
        after: auditedMember(user),
      })
      return { user, accountCreated: !existing }
    })
  } catch (error) {
    // Two requests creating the same address at once: the unique index decides.
    if ((error as { code?: string }).code === '23505') {
      throw new ApiError('CONFLICT', `${email} was created at the same moment; try again.`)
    }
    throw error
  }
}
