/**
 * Turns credentials into an actor: the session cookie (a browser) or `Authorization: Bearer`
 * (an API token). Passed to the HTTP server through the module manifest; the platform calls it for
 * every /api request. Anonymous requests cost no database round-trip.
 */
import type { Queryable } from '../../platform/db/index.js'
import {
  ANONYMOUS,
  readBearerToken,
  readCookie,
  SESSION_COOKIE,
  type Actor,
  type Authenticate,
} from '../../platform/http/auth.js'
import { unauthenticated } from '../../platform/http/errors.js'
import { DEFAULT_SESSION, type SessionSettings } from './commands/login.js'
import { permissionsOf } from './permissions.js'
import { resolveAreaScope } from './scope.js'
import { API_TOKEN_PREFIX, secretHash } from './secrets.js'

// Timestamps written at most once a minute per session or token, not on every request.
const TOUCH_INTERVAL = "interval '1 minute'"

/** The actor of a valid session cookie value, or null (unknown, expired, idle, disabled). */
export async function sessionActor(
  db: Queryable,
  token: string,
  settings: SessionSettings = DEFAULT_SESSION,
): Promise<Actor | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const id = secretHash(token)
  const [row] = await db.query<{
    userId: number
    organizationId: number
    slug: string
    email: string
    csrfSecret: string
    membershipId: number
    role: string
    areaScoped: boolean
    stale: boolean
  }>(
    `select s.user_id as "userId", s.organization_id as "organizationId", o.slug, u.email,
            s.csrf_secret as "csrfSecret", m.id as "membershipId", m.role,
            m.area_scoped as "areaScoped", s.last_seen_at < now() - ${TOUCH_INTERVAL} as stale
       from session s
       join organization o on o.id = s.organization_id
       join user_account u on u.id = s.user_id and not u.disabled
       join membership m on m.organization_id = s.organization_id and m.user_id = s.user_id
                        and not m.disabled
      where s.id = $1 and s.expires_at > now()
        and s.last_seen_at > now() - make_interval(secs => $2::float8)`,
    [id, settings.idleSeconds],
  )
  if (!row) return null
  if (row.stale) await db.query('update session set last_seen_at = now() where id = $1', [id])
  return {
    kind: 'session',
    role: row.role,
    userId: row.userId,
    tokenId: null,
    organization: { id: row.organizationId, slug: row.slug },
    permissions: permissionsOf(row.role),
    areaIds: row.areaScoped
      ? await resolveAreaScope(db, row.organizationId, row.membershipId)
      : null,
    label: row.email,
    csrfToken: row.csrfSecret,
    sessionId: id,
  }
}

/**
 * The actor of an API token; UNAUTHENTICATED saying why when it is unknown, revoked, expired or
 * its creator is no longer an active member. Its permissions are its scopes within what the
 * creator's role allows now.
 */
export async function tokenActor(db: Queryable, token: string): Promise<Actor> {
  if (!token.startsWith(API_TOKEN_PREFIX)) {
    throw unauthenticated(`An API token starts with "${API_TOKEN_PREFIX}"; this one does not.`)
  }
  const [row] = await db.query<{
    id: number
    name: string
    organizationId: number
    slug: string
    scopes: string[]
    expired: boolean
    revokedAt: string | null
    creatorActive: boolean
    createdBy: number | null
    membershipId: number | null
    role: string | null
    areaScoped: boolean | null
    stale: boolean
  }>(
    `select t.id, t.name, t.organization_id as "organizationId", o.slug, t.scopes,
            t.expires_at <= now() as expired, t.revoked_at::text as "revokedAt",
            coalesce(not u.disabled and not m.disabled, false) as "creatorActive",
            t.created_by as "createdBy", m.id as "membershipId", m.role,
            m.area_scoped as "areaScoped",
            coalesce(t.last_used_at < now() - ${TOUCH_INTERVAL}, true) as stale
       from api_token t
       join organization o on o.id = t.organization_id
       left join user_account u on u.id = t.created_by
       left join membership m on m.organization_id = t.organization_id and m.user_id = t.created_by
      where t.token_hash = $1`,
    [secretHash(token)],
  )
  if (!row) throw unauthenticated('The API token is not valid.')
  if (row.revokedAt !== null) throw unauthenticated('The API token has been revoked.')
  if (row.expired) throw unauthenticated('The API token has expired: create a new one.')
  if (!row.creatorActive || row.role === null || row.membershipId === null) {
    throw unauthenticated(
      'The API token stopped working: the account that created it is no longer an active member.',
    )
  }
  if (row.stale) await db.query('update api_token set last_used_at = now() where id = $1', [row.id])
  const allowed = permissionsOf(row.role)
  return {
    kind: 'token',
    role: row.role,
    userId: row.createdBy,
    tokenId: row.id,
    organization: { id: row.organizationId, slug: row.slug },
    permissions: new Set(row.scopes.filter((s) => allowed.has(s))),
    areaIds: row.areaScoped
      ? await resolveAreaScope(db, row.organizationId, row.membershipId)
      : null,
    label: `token:${row.name}`,
    csrfToken: null,
    sessionId: null,
  }
}

/**
 * The authenticate step for the HTTP server: a bearer token wins over a cookie; an invalid
 * cookie counts as anonymous (it may simply have expired), an invalid token is an error.
 */
export function createAuthenticator(
  db: Queryable,
  settings: SessionSettings = DEFAULT_SESSION,
): Authenticate {
  return async (request) => {
    const bearer = readBearerToken(request)
    if (bearer !== undefined) return tokenActor(db, bearer)
    const cookie = readCookie(request, SESSION_COOKIE)
    if (cookie) return (await sessionActor(db, cookie, settings)) ?? ANONYMOUS
    return ANONYMOUS
  }
}
