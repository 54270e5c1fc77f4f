/**
 * Who is signed in, for the whole page: one shared store asks GET /api/auth/me once per page load
 * and is updated by sign-in and sign-out; components read it with `useSession()`.
 *
 * The server keeps the session in an HttpOnly cookie (SameSite=Lax), which the browser sends with
 * every same-origin request, so API calls need nothing extra to get internal data. Writes signed in
 * by cookie must carry the session's CSRF token in `X-CSRF-Token` (platform/http/auth.ts); the token
 * comes with the sign-in answer and with /api/auth/me, and `csrfHeaders()` supplies it.
 */
import { useSyncExternalStore } from 'react'

/** The answer of GET /api/auth/me (modules/accounts/http.ts). */
export interface MeAnswer {
  authenticated: boolean
  kind: 'anonymous' | 'session' | 'token' | 'system'
  /** `public` when not signed in. */
  role: string
  user: { id: number; email: string; displayName: string } | null
  organization: { slug: string } | null
  permissions: string[]
  /** null: all areas of the organisation. */
  areaScope: { areaCount: number } | null
  csrfToken: string | null
}

interface LoginAnswer {
  actor: Omit<MeAnswer, 'csrfToken'>
  csrfToken: string
  expiresAt: string
}

/** The signed-in person, as far as the web app needs it. */
export interface SessionUser {
  id: number
  email: string
  displayName: string
  /** admin, planner, specialist, provider or council. */
  role: string
  /** Slug of the organisation the session belongs to (the server is internal only there). */
  organisation: string
  /** Permission strings such as `monitoring:read-internal`. */
  permissions: readonly string[]
  /** Number of areas the membership is limited to; null = all areas. */
  areaCount: number | null
}

export type SessionState =
  | { status: 'loading'; user?: undefined; error?: undefined }
  /** `error`: /api/auth/me failed, so the page treats the visitor as the public. */
  | { status: 'anonymous'; user?: undefined; error?: Error }
  | { status: 'signed-in'; user: SessionUser; error?: undefined }

/** The session state with the actions a component needs. */
export type Session = SessionState & {
  /** Asks the server again (e.g. after a long pause: the session may have expired). */
  refresh(): Promise<void>
  /** Ends the session on the server and clears the cookie; rejects with AuthError on failure. */
  signOut(): Promise<void>
}

/**
 * A refused or failed request of this module. `code` is the server's error code (`LOGIN_FAILED`,
 * `ACCOUNT_LOCKED`, `RATE_LIMITED`, …, docs/api-errors.md), `NETWORK` when the server was not
 * reached, `INVALID` for an answer that is not JSON, `HTTP_<status>` for an uncoded error.
 */
export class AuthError extends Error {
  override name = 'AuthError'
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    /** From Retry-After (ACCOUNT_LOCKED, RATE_LIMITED). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

export type AuthFetch = (url: string, init: RequestInit) => Promise<Response>

/** The permission that makes the server answer exact values and unpublished indicators. */
export const READ_INTERNAL = 'monitoring:read-internal'

const serverError = (body: unknown): { code?: string; message?: string } => {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {}
  const error = (body as { error: unknown }).error
  if (typeof error !== 'object' || error === null) return {}
  const { code, message } = error as { code?: unknown; message?: unknown }
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  }
}

/** Sends one request and parses the JSON answer; throws AuthError otherwise. */
async function call<T>(
  fetchImpl: AuthFetch,
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<T> {
  let response: Response
  try {
    response = await fetchImpl(url, {
      method,
      // The session cookie goes only to our own origin (also the default; said for readers).
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (error) {
    throw new AuthError('NETWORK', `${method} ${url} failed: ${(error as Error).message}`)
  }
  let parsed: unknown
  let isJson = true
  try {
    parsed = await response.json()
  } catch {
    isJson = false
  }
  if (!response.ok) {
    const { code, message } = serverError(parsed)
    const retryAfter = Number(response.headers.get('retry-after'))
    throw new AuthError(
      code ?? `HTTP_${response.status}`,
      message ?? `${method} ${url} answered HTTP ${response.status}.`,
      response.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    )
  }
  if (!isJson) throw new AuthError('INVALID', `${method} ${url} did not answer with JSON.`)
  return parsed as T
}

/** The session state of an actor as the server describes it. */
export function stateOf(actor: Omit<MeAnswer, 'csrfToken'>): SessionState {
  if (actor.kind !== 'session' || actor.user === null || actor.organization === null) {
    return { status: 'anonymous' }
  }
  return {
    status: 'signed-in',
    user: {
      id: actor.user.id,
      email: actor.user.email,
      displayName: actor.user.displayName,
      role: actor.role,
      organisation: actor.organization.slug,
      permissions: actor.permissions,
      areaCount: actor.areaScope?.areaCount ?? null,
    },
  }
}

/**
 * True when the server answers this visitor with exact values and unpublished indicators of the
 * organisation `slug`: signed in to that organisation with `monitoring:read-internal`. (Signed in
 * elsewhere, one sees the public view here.) Area-scoped members see exact values only in their
 * areas: check `user.areaCount`.
 *
 * @example seesInternalData(useSession(), organisation.slug) // true for a signed-in planner
 */
export function seesInternalData(state: SessionState, slug: string): boolean {
  return (
    state.status === 'signed-in' &&
    state.user.organisation === slug &&
    state.user.permissions.includes(READ_INTERNAL)
  )
}

export interface SessionStore {
  subscribe(listener: () => void): () => void
  getSnapshot(): SessionState
  /** Asks /api/auth/me once; later calls share that answer. */
  load(): Promise<void>
  /** Asks /api/auth/me again. A failure keeps a known state and counts as public otherwise. */
  refresh(): Promise<void>
  /** POST /api/auth/login; on success the store is signed in. Rejects with AuthError. */
  signIn(email: string, password: string, org: string): Promise<SessionUser>
  /** POST /api/auth/logout with the CSRF token; on success the store is anonymous. */
  signOut(): Promise<void>
  /** The CSRF token of the current session, or null. */
  csrfToken(): string | null
}

/**
 * A session store over `fetchImpl` (the app uses one, {@link sessionStore}; tests make their own).
 *
 * @example const store = createSessionStore(); await store.load(); store.getSnapshot().status
 */
export function createSessionStore(
  fetchImpl: AuthFetch = (url, init) => fetch(url, init),
  base = '/api',
): SessionStore {
  let state: SessionState = { status: 'loading' }
  let csrf: string | null = null
  let loading: Promise<void> | undefined
  // Each change takes a number; an answer that arrives after a newer change is dropped.
  let version = 0
  const listeners = new Set<() => void>()

  const set = (next: SessionState, token: string | null) => {
    state = next
    csrf = next.status === 'signed-in' ? token : null
    for (const listener of [...listeners]) listener()
  }

  const refresh = async (): Promise<void> => {
    const mine = ++version
    try {
      const me = await call<MeAnswer>(fetchImpl, 'GET', `${base}/auth/me`, {})
      if (mine === version) set(stateOf(me), me.csrfToken)
    } catch (error) {
      if (mine !== version) return
      if (state.status === 'loading') set({ status: 'anonymous', error: error as Error }, null)
    }
  }

  const load = () => (loading ??= refresh())

  const store: SessionStore = {
    subscribe(listener) {
      listeners.add(listener)
      void load()
      return () => listeners.delete(listener)
    },
    getSnapshot: () => state,
    load,
    refresh,
    async signIn(email, password, org) {
      const answer = await call<LoginAnswer>(
        fetchImpl,
        'POST',
        `${base}/auth/login`,
        {},
        { org, email, password },
      )
      version++
      loading ??= Promise.resolve()
      const next = stateOf(answer.actor)
      if (next.status !== 'signed-in') {
        throw new AuthError('INVALID', `POST ${base}/auth/login did not answer with a session.`)
      }
      set(next, answer.csrfToken)
      return next.user
    },
    async signOut() {
      // The CSRF token is known only once /me (or a sign-in) answered.
      await load()
      await call<{ signedOut: boolean }>(
        fetchImpl,
        'POST',
        `${base}/auth/logout`,
        csrf ? { 'x-csrf-token': csrf } : {},
      )
      version++
      set({ status: 'anonymous' }, null)
    },
    csrfToken: () => csrf,
  }
  return store
}

/** The store of the page. */
export const sessionStore: SessionStore = createSessionStore()

if (typeof window !== 'undefined') {
  // A page restored from the back-forward cache may show a session that has ended since.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) void sessionStore.refresh()
  })
}

/**
 * The session of the page, re-rendering on change. The first use starts the one /api/auth/me
 * request of the page load.
 *
 * @example const session = useSession(); if (session.status === 'signed-in') session.user.email
 */
export function useSession(): Session {
  const state = useSyncExternalStore(sessionStore.subscribe, sessionStore.getSnapshot)
  return { ...state, refresh: sessionStore.refresh, signOut: sessionStore.signOut }
}

/**
 * Signs in to the organisation `org` (its slug) and updates every `useSession()`. Rejects with an
 * AuthError: `LOGIN_FAILED` (unknown address, wrong password and non-member alike),
 * `ACCOUNT_LOCKED`, `RATE_LIMITED` (both with `retryAfterSeconds`), `NETWORK`, …
 *
 * @example await signIn('planerin@musterstadt.de', password, 'musterstadt')
 */
export function signIn(email: string, password: string, org: string): Promise<SessionUser> {
  return sessionStore.signIn(email, password, org)
}

/**
 * Headers for a write to the API while signed in (the server refuses cookie-authenticated writes
 * without them); empty when anonymous.
 *
 * @example fetch(url, { method: 'POST', headers: { ...csrfHeaders(), 'content-type': 'application/json' }, body })
 */
export function csrfHeaders(): Record<string, string> {
  const token = sessionStore.csrfToken()
  return token ? { 'x-csrf-token': token } : {}
}
