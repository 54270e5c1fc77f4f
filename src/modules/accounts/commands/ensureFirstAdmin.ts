import type { Database } from '../../../platform/db/index.js'
import { systemActor } from '../../../platform/http/auth.js'
import type { Logger } from '../../../platform/log.js'
import { recordAudit } from '../audit.js'
import { argon2Profile, generatePassword, hashPassword } from '../password.js'

/** The administrator created on the first start; the password is shown exactly once. */
export interface FirstAdmin {
  email: string
  password: string
  organization: string
}

/**
 * On a fresh install (no account at all): creates `admin@<slug>.invalid` as administrator of the
 * first organisation with a random password and returns it, for `serve` to print once. Returns
 * null when any account exists or there is no organisation yet. Safe when two servers start at
 * once (an advisory lock, then a second look).
 *
 * @example
 * const admin = await ensureFirstAdmin(db, logger)
 * if (admin) process.stderr.write(`First admin: ${admin.email} / ${admin.password}\n`)
 */
export async function ensureFirstAdmin(db: Database, logger: Logger): Promise<FirstAdmin | null> {
  if (argon2Profile() === 'test') {
    logger.warn('PLANRAUM_ARGON2_PROFILE=test: passwords are hashed with the cheap test setting')
  }
  const [any] = await db.query('select 1 from user_account limit 1')
  if (any) return null
  const password = generatePassword()
  const passwordHash = await hashPassword(password)
  const created = await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('planraum.first_admin'))`)
    const [again] = await tx.query('select 1 from user_account limit 1')
    if (again) return null
    const [org] = await tx.query<{ id: number; slug: string }>(
      'select id, slug from organization order by id limit 1',
    )
    if (!org) return null
    const email = `admin@${org.slug}.invalid`
    const [user] = await tx.query<{ id: number }>(
      `insert into user_account (email, display_name, password_hash)
       values ($1, 'Administrator', $2) returning id`,
      [email, passwordHash],
    )
    await tx.query(
      `insert into membership (organization_id, user_id, role) values ($1, $2, 'admin')`,
      [org.id, user!.id],
    )
    await recordAudit(
      tx,
      { actor: systemActor('system:first-start') },
      {
        organizationId: org.id,
        action: 'user.create',
        entityType: 'user',
        entityId: user!.id,
        after: { email, displayName: 'Administrator', role: 'admin', areas: null, disabled: false },
      },
    )
    return { email, password, organization: org.slug }
  })
  if (created) {
    logger.warn(
      { email: created.email, organization: created.organization },
      'created the first administrator; its password is printed once on stderr',
    )
  } else {
    const [org] = await db.query('select 1 from organization limit 1')
    if (!org) logger.info('no organisation yet: no first administrator created')
  }
  return created
}
