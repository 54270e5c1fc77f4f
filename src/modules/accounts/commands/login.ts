import type { Database, Queryable } from '../../../platform/db/index.js'
import { ApiError } from '../../../platform/http/errors.js'
import type { Organization } from '../../organizations/index.js'
import { recordAudit, type CommandContext } from '../audit.js'
import { hashPassword, needsRehash, verifyNothing, verifyPassword } from '../password.js'
import { findAccountByEmail, isoSql } from '../queries.js'
import { RateLimiter } from '../rateLimit.js'
import { newSecret, secretHash } from '../secrets.js'

/** How long sessions live. */
export interface SessionSettings {
  /** Absolute lifetime from sign-in (default 12 hours: a working day). */
  lifetimeSeconds: number
  /** Ended after this long without a request (default 2 hours). */
  idleSeconds: number
}

/** Sign-in limits: rate limits per client (in memory) and the account lockout (in the database). */
export interface LoginPolicy {
  /** Failed sign-ins in a row that lock an account (default 5). */
  maxFailures: number
  /** How long a lockout lasts (default 15 minutes). */
  lockSeconds: number
  /** Sign-in attempts per IP address and email address per window (default 10 per 15 minutes). */
  perIpAndEmail: number
  /** Sign-in attempts per IP address per window, any email (default 100 per 15 minutes). */
  perIp: number
  windowSeconds: number
}

export const DEFAULT_SESSION: SessionSettings = {
  lifetimeSeconds: 12 * 3600,
  idleSeconds: 2 * 3600,
}
export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  lockSeconds: 15 * 60,
  perIpAndEmail: 10,
  perIp: 100,
  windowSeconds: 15 * 60,
}

/**
 * The in-memory counters of one process: attempts per IP and email, per IP, and failures for
 * email addresses without an account (so they lock like real ones and do not reveal which exist).
 */
export class LoginGuard {
  readonly perIpAndEmail: RateLimiter
  readonly perIp: RateLimiter
  readonly unknownAccounts: RateLimiter

  constructor(readonly policy: LoginPolicy = DEFAULT_LOGIN_POLICY) {
    const window = policy.windowSeconds * 1000
    this.perIpAndEmail = new RateLimiter(policy.perIpAndEmail, window)
    this.perIp = new RateLimiter(policy.perIp, window)
    this.unknownAccounts = new RateLimiter(policy.maxFailures - 1, policy.lockSeconds * 1000)
  }
}

export interface LoginInput {
  organization: Pick<Organization, 'id' | 'slug'>
  email: string
  password: string
  userAgent?: string | undefined
}

/** A new session: the cookie value and the CSRF token are shown once and stored hashed/only here. */
export interface NewSession {
  token: string
  csrfToken: string
  expiresAt: string
  userId: number
  organizationId: number
}

const loginFailed = (slug: string) =>
  new ApiError(
    'LOGIN_FAILED',
    `Sign-in to "${slug}" failed: the email address or the password is wrong, or the account may not sign in there.`,
  )

function accountLocked(lockedUntil: string): ApiError {
  const until = new Date(lockedUntil)
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))
  return new ApiError(
    'ACCOUNT_LOCKED',
    `Too many failed sign-ins: this account is locked until ${until.toISOString().slice(11, 16)} UTC ` +
      `(${Math.ceil(seconds / 60)} min). Try again then, or ask an administrator for a password-reset link.`,
    { lockedUntil: until.toISOString() },
    { 'retry-after': String(seconds) },
  )
}

/**
 * Starts a session for a member: a random 256-bit cookie value (stored as its SHA-256) and a CSRF
 * token. Also removes the user's expired sessions.
 */
export async function startSession(
  tx: Queryable,
  input: { userId: number; organizationId: number; ip?: string | null; userAgent?: string | null },
  settings: SessionSettings = DEFAULT_SESSION,
): Promise<NewSession> {
  const token = newSecret()
  const csrfToken = newSecret()
  await tx.query(
    `delete from session where user_id = $1
        and (expires_at <= now() or last_seen_at <= now() - make_interval(secs => $2::float8))`,
    [input.userId, settings.idleSeconds],
  )
  const [row] = await tx.query<{ expiresAt: string }>(
    `insert into session (id, organization_id, user_id, csrf_secret, expires_at, ip, user_agent)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5::float8), $6, $7)
     returning ${isoSql('expires_at')} as "expiresAt"`,
    [
      secretHash(token),
      input.organizationId,
      input.userId,
      csrfToken,
      settings.lifetimeSeconds,
      input.ip ?? null,
      input.userAgent?.slice(0, 300) ?? null,
    ],
  )
  return {
    token,
    csrfToken,
    expiresAt: row!.expiresAt,
    userId: input.userId,
    organizationId: input.organizationId,
  }
}

/**
 * Signs a member in to an organisation. In order: rate limits (RATE_LIMITED), lockout
 * (ACCOUNT_LOCKED), password (LOGIN_FAILED; the n-th failure in a row locks the account),
 * membership. Every failure answers the same for unknown addresses, wrong passwords and
 * non-members, and takes the time of one password check.
 */
export async function login(
  db: Database,
  context: CommandContext,
  guard: LoginGuard,
  input: LoginInput,
  settings: SessionSettings = DEFAULT_SESSION,
): Promise<NewSession> {
  const { policy } = guard
  const email = input.email.trim().toLowerCase()
  const ip = context.ip ?? 'unknown'
  const limits = [guard.perIp.hit(ip), guard.perIpAndEmail.hit(`${ip}\u0000${email}`)]
  const refused = limits.filter((l) => !l.allowed)
  if (refused.length > 0) {
    const seconds = Math.max(...refused.map((l) => l.retryAfterSeconds))
    throw new ApiError(
      'RATE_LIMITED',
      `Too many sign-in attempts from this address: try again in ${Math.ceil(seconds / 60)} min.`,
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    )
  }
  const org = input.organization
  const account = await findAccountByEmail(db, email)
  if (!account) {
    await verifyNothing(input.password)
    const failures = guard.unknownAccounts.hit(email)
    if (!failures.allowed) {
      throw accountLocked(new Date(Date.now() + failures.retryAfterSeconds * 1000).toISOString())
    }
    throw loginFailed(org.slug)
  }
  if (account.locked) throw accountLocked(account.lockedUntil!)

  const valid = account.passwordHash
    ? await verifyPassword(account.passwordHash, input.password)
    : (await verifyNothing(input.password), false)
  const [membership] = await db.query<{ id: number; disabled: boolean }>(
    'select id, disabled from membership where organization_id = $1 and user_id = $2',
    [org.id, account.id],
  )
  if (!valid) {
    const [state] = await db.query<{ failedLogins: number; lockedUntil: string | null }>(
      `update user_account
          set failed_logins = case when locked_until is not null and locked_until <= now()
                                   then 1 else failed_logins + 1 end,
              locked_until = case
                when (case when locked_until is not null and locked_until <= now()
                           then 1 else failed_logins + 1 end) >= $2
                then now() + make_interval(secs => $3::float8)
                when locked_until <= now() then null
                else locked_until end
        where id = $1
       returning failed_logins as "failedLogins", ${isoSql('locked_until')} as "lockedUntil"`,
      [account.id, policy.maxFailures, policy.lockSeconds],
    )
    // Recorded for members only: another organisation's log must not learn who exists.
    const auditFailure = (action: string, after: unknown) =>
      membership
        ? db.transaction((tx) =>
            recordAudit(tx, context, {
              organizationId: org.id,
              action,
              entityType: 'user',
              entityId: account.id,
              after,
            }),
          )
        : Promise.resolve()
    if (state?.lockedUntil) {
      await auditFailure('auth.lock', {
        failedLogins: state.failedLogins,
        lockedUntil: state.lockedUntil,
      })
      throw accountLocked(state.lockedUntil)
    }
    await auditFailure('auth.login_failed', { failedLogins: state?.failedLogins ?? null })
    throw loginFailed(org.slug)
  }
  if (!membership || membership.disabled || account.disabled) throw loginFailed(org.slug)

  const rehash =
    account.passwordHash && needsRehash(account.passwordHash)
      ? await hashPassword(input.password)
      : null
  const session = await db.transaction(async (tx) => {
    await tx.query(
      `update user_account set failed_logins = 0, locked_until = null, last_login_at = now(),
              password_hash = coalesce($2, password_hash)
        where id = $1`,
      [account.id, rehash],
    )
    const created = await startSession(
      tx,
      { userId: account.id, organizationId: org.id, ip: context.ip, userAgent: input.userAgent },
      settings,
    )
    await recordAudit(
      tx,
      { ...context, actor: { ...context.actor, userId: account.id, label: email } },
      {
        organizationId: org.id,
        action: 'auth.login',
        entityType: 'user',
        entityId: account.id,
        after: { ip: context.ip ?? null },
      },
    )
    return created
  })
  guard.perIpAndEmail.reset(`${ip}\u0000${email}`)
  return session
}
