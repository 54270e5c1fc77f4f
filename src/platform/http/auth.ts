/**
 * The authentication and authorization steps of the route pipeline:
 *
 *   authenticate (onRequest hook: session cookie or bearer token → request.actor)
 *   → CSRF check (cookie-authenticated writes) → validate → authorize (routes.ts, `access`) → handler
 *
 * The platform knows no accounts: the function that turns credentials into an {@link Actor} is
 * passed in (`createHttpServer({ authenticate })`); the accounts module provides it.
 */
import { timingSafeEqual } from 'node:crypto'

import type { FastifyInstance, FastifyRequest } from 'fastify'

import { ApiError, forbidden, unauthenticated } from './errors.js'

/** Name of the session cookie (HttpOnly, SameSite=Lax, Secure over TLS). */
export const SESSION_COOKIE = 'planraum_session'
/** Header a cookie-authenticated write must carry, with the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token'

/**
 * Who is asking. `anonymous` is the public (role `public`, no permissions); `system` is the CLI or
 * the server itself and passes every check.
 */
export interface Actor {
  kind: 'anonymous' | 'session' | 'token' | 'system'
  /** admin, planner, specialist, provider, council; `public` when anonymous; `system`. */
  role: string
  userId: number | null
  tokenId: number | null
  /** The organisation the session or token belongs to; null when anonymous or system. */
  organization: { id: number; slug: string } | null
  /** Permission strings such as `accounts:manage` (see modules/accounts/permissions.ts). */
  permissions: ReadonlySet<string>
  /**
   * The areas (ids, including all finer areas) the actor may see and edit; null = all areas of the
   * organisation. An empty array means none.
   */
  areaIds: readonly number[] | null
  /** For logs and the audit log: an email address, a token name, `cli:<user>` or `anonymous`. */
  label: string
  /** The session's CSRF token (session actors only). */
  csrfToken: string | null
  /** The stored (hashed) session id (session actors only); logout deletes it. */
  sessionId: string | null
}

/** The public: no account, no permissions. */
export const ANONYMOUS: Actor = Object.freeze({
  kind: 'anonymous',
  role: 'public',
  userId: null,
  tokenId: null,
  organization: null,
  permissions: new Set<string>(),
  areaIds: null,
  label: 'anonymous',
  csrfToken: null,
  sessionId: null,
})

/**
 * An actor that passes every check: the CLI and server-side jobs.
 *
 * @example await createUser(db, systemActor('cli:alice'), { … })
 */
export function systemActor(label: string): Actor {
  return { ...ANONYMOUS, kind: 'system', role: 'system', label }
}

/** Resolves the actor of a request; throws UNAUTHENTICATED for a presented but invalid token. */
export type Authenticate = (request: FastifyRequest) => Promise<Actor>

/**
 * Who may call an operation: everyone (`public`, the default), anyone signed in
 * (`authenticated`), or holders of a permission (e.g. `accounts:manage`).
 */
export type Access = 'public' | 'authenticated' | (string & {})

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook for every /api request; ANONYMOUS elsewhere. */
    actor: Actor
  }
}

/** The value of one cookie of the request, or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index < 0 || part.slice(0, index).trim() !== name) continue
    const value = part.slice(index + 1).trim()
    try {
      return decodeURIComponent(value)
    } catch {
      return undefined
    }
  }
  return undefined
}

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined without the header.
 * Another scheme is an error rather than silently anonymous.
 */
export function readBearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (header === undefined) return undefined
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]{1,512})\s*$/.exec(header)
  if (!match) {
    throw unauthenticated('The Authorization header must be "Bearer <API token>".')
  }
  return match[1]
}

/** True when the client reached us over TLS (directly, or per X-Forwarded-Proto with trustProxy). */
export const isSecureRequest = (request: FastifyRequest): boolean => request.protocol === 'https'

/**
 * The Set-Cookie value of the session cookie (an empty value with Max-Age=0 clears it).
 *
 * @example reply.header('set-cookie', sessionCookie(token, { secure: true, maxAgeSeconds: 43200 }))
 */
export function sessionCookie(
  value: string,
  options: { secure: boolean; maxAgeSeconds: number },
): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ')
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** host[:port] of a URL, the default port left out; undefined for something else. */
const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Refuses cross-site writes. Every unsafe request that is not token-authenticated must not come
 * from another site (Sec-Fetch-Site, Origin when the browser sends them: this also stops login
 * CSRF); a cookie-authenticated one must carry the session's CSRF token in X-CSRF-Token. Tokens
 * are exempt: a browser never attaches them by itself.
 */
export function checkCsrf(request: FastifyRequest, actor: Actor): void {
  if (!UNSAFE_METHODS.has(request.method) || actor.kind === 'token' || actor.kind === 'system') {
    return
  }
  const site = request.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ApiError(
      'CSRF_FAILED',
      `Writes must come from this site's own pages; the browser reported Sec-Fetch-Site: ${String(site)}.`,
    )
  }
  const origin = request.headers.origin
  if (origin !== undefined) {
    // Host only: behind a TLS proxy without trustProxy our own scheme is unknown. The CSRF token
    // below is the main defence; this catches other sites early.
    const own = hostOf(`${request.protocol}://${request.host}`)
    if (own === undefined || hostOf(origin) !== own) {
      throw new ApiError(
        'CSRF_FAILED',
        `Writes must come from this site's own pages; the request came from ${origin.slice(0, 100)}, expected the host ${own ?? request.host}.`,
      )
    }
  }
  if (actor.kind !== 'session') return
  const sent = request.headers[CSRF_HEADER]
  if (typeof sent !== 'string' || actor.csrfToken === null || !sameSecret(sent, actor.csrfToken)) {
    throw new ApiError(
      'CSRF_FAILED',
      `A signed-in write needs the header X-CSRF-Token with the token from the sign-in answer (or GET /api/auth/me); ${typeof sent === 'string' ? 'the header does not match this session' : 'the header is missing'}.`,
    )
  }
}

/**
 * The authenticate step: every /api request gets `request.actor` (ANONYMOUS without credentials
 * or without an authenticator), then the CSRF check. Static files stay anonymous: no database
 * round-trip for them.
 */
export function registerAuthentication(app: FastifyInstance, authenticate?: Authenticate): void {
  app.decorateRequest('actor', null as unknown as Actor)
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS
    if (!request.url.startsWith('/api/')) return
    if (authenticate) request.actor = await authenticate(request)
    checkCsrf(request, request.actor)
  })
}

/** True when the actor holds the permission (the system actor holds all). */
export function hasPermission(actor: Actor, permission: string): boolean {
  return actor.kind === 'system' || actor.permissions.has(permission)
}

/**
 * The authorize step of a route: 401 when the operation needs a signed-in actor and there is none,
 * 403 when the actor belongs to another organisation than the one in the path (`org`) or lacks
 * the permission.
 *
 * @example authorize(request.actor, 'audit:read', 'musterstadt')
 */
export function authorize(actor: Actor, access: Access, org?: string): void {
  if (access === 'public' || actor.kind === 'system') return
  if (actor.kind === 'anonymous') throw unauthenticated()
  if (org !== undefined && actor.organization?.slug !== org) {
    throw forbidden(
      `You are signed in to the organisation "${actor.organization?.slug ?? '?'}", not "${org}": ` +
        'sign in there (or use a token of that organisation) for this operation.',
    )
  }
  if (access === 'authenticated' || actor.permissions.has(access)) return
  throw forbidden(
    `This operation needs the permission "${access}", which ${
      actor.kind === 'token'
        ? 'this API token does not have (see its scopes)'
        : `the role "${actor.role}" does not have`
    }.`,
  )
}
