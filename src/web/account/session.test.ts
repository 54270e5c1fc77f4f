/**
 * The session store against a scripted server (answers shaped as modules/accounts/http.ts sends
 * them); the real server is exercised end to end in test/e2e/internal.test.ts.
 */
import { describe, expect, it } from 'vitest'

import {
  AuthError,
  type AuthFetch,
  createSessionStore,
  type MeAnswer,
  seesInternalData,
  type SessionState,
} from './session.js'

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

const ANONYMOUS: MeAnswer = {
  authenticated: false,
  kind: 'anonymous',
  role: 'public',
  user: null,
  organization: null,
  permissions: [],
  areaScope: null,
  csrfToken: null,
}

const PLANNER: MeAnswer = {
  authenticated: true,
  kind: 'session',
  role: 'planner',
  user: { id: 7, email: 'planerin@musterstadt.test', displayName: 'Paula Planerin' },
  organization: { slug: 'musterstadt' },
  permissions: ['areas:import', 'audit:read', 'monitoring:import', 'monitoring:read-internal'],
  areaScope: null,
  csrfToken: 'csrf-1',
}

interface Call {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

/** A server that answers each request with the next scripted response for its method and path. */
function scripted(answers: Record<string, (() => Response | Promise<Response>)[]>) {
  const calls: Call[] = []
  const fetchImpl: AuthFetch = async (url, init) => {
    const method = init.method ?? 'GET'
    calls.push({
      method,
      url,
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    })
    const next = answers[`${method} ${url}`]?.shift()
    if (!next) throw new TypeError('Failed to fetch')
    return next()
  }
  return { fetchImpl, calls }
}

describe('session store', () => {
  it('asks /api/auth/me once, however many components subscribe', async () => {
    const { fetchImpl, calls } = scripted({ 'GET /api/auth/me': [() => json(200, PLANNER)] })
    const store = createSessionStore(fetchImpl)
    expect(store.getSnapshot().status).toBe('loading')
    let changes = 0
    const stop = [1, 2, 3].map(() => store.subscribe(() => changes++))
    await store.load()
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/auth/me'])
    expect(changes).toBe(3)
    expect(store.getSnapshot()).toEqual({
      status: 'signed-in',
      user: {
        id: 7,
        email: 'planerin@musterstadt.test',
        displayName: 'Paula Planerin',
        role: 'planner',
        organisation: 'musterstadt',
        permissions: PLANNER.permissions,
        areaCount: null,
      },
    })
    expect(store.csrfToken()).toBe('csrf-1')
    stop.forEach((s) => s())
  })

  it('keeps the same snapshot object until something changes (useSyncExternalStore needs it)', async () => {
    const { fetchImpl } = scripted({ 'GET /api/auth/me': [() => json(200, ANONYMOUS)] })
    const store = createSessionStore(fetchImpl)
    await store.load()
    expect(store.getSnapshot()).toBe(store.getSnapshot())
    expect(store.getSnapshot()).toEqual({ status: 'anonymous' })
  })

  it('signs in with org, email and password and takes the CSRF token of the answer', async () => {
    const { fetchImpl, calls } = scripted({
      'GET /api/auth/me': [() => json(200, ANONYMOUS)],
      'POST /api/auth/login': [
        () =>
          json(200, {
            actor: { ...PLANNER, csrfToken: undefined },
            csrfToken: 'csrf-2',
            expiresAt: '2026-01-01T12:00:00.000Z',
          }),
      ],
    })
    const store = createSessionStore(fetchImpl)
    await store.load()
    const user = await store.signIn('planerin@musterstadt.test', 'geheim geheim 1', 'musterstadt')
    expect(user.displayName).toBe('Paula Planerin')
    expect(store.getSnapshot().status).toBe('signed-in')
    expect(store.csrfToken()).toBe('csrf-2')
    const login = calls.find((c) => c.url === '/api/auth/login')!
    expect(login.body).toEqual({
      org: 'musterstadt',
      email: 'planerin@musterstadt.test',
      password: 'geheim geheim 1',
    })
    expect(login.headers['content-type']).toBe('application/json')
  })

  it('reports LOGIN_FAILED with the server message and stays anonymous', async () => {
    const { fetchImpl } = scripted({
      'GET /api/auth/me': [() => json(200, ANONYMOUS)],
      'POST /api/auth/login': [
        () =>
          json(401, {
            error: { code: 'LOGIN_FAILED', message: 'Sign-in to "musterstadt" failed: …' },
          }),
      ],
    })
    const store = createSessionStore(fetchImpl)
    await store.load()
    const error = await store.signIn('a@b.de', 'x', 'musterstadt').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).code).toBe('LOGIN_FAILED')
    expect((error as AuthError).status).toBe(401)
    expect((error as AuthError).message).toBe('Sign-in to "musterstadt" failed: …')
    expect(store.getSnapshot().status).toBe('anonymous')
  })

  it('reads Retry-After of a lockout or rate limit', async () => {
    const { fetchImpl } = scripted({
      'POST /api/auth/login': [
        () =>
          json(
            429,
            { error: { code: 'RATE_LIMITED', message: 'Too many' } },
            { 'retry-after': '840' },
          ),
      ],
    })
    const error = (await createSessionStore(fetchImpl)
      .signIn('a@b.de', 'x', 'musterstadt')
      .catch((e: unknown) => e)) as AuthError
    expect([error.code, error.retryAfterSeconds]).toEqual(['RATE_LIMITED', 840])
  })

  it('calls an unreachable server NETWORK and an HTML error page HTTP_<status>', async () => {
    const down = createSessionStore(scripted({}).fetchImpl)
    expect(
      ((await down.signIn('a@b.de', 'x', 'm').catch((e: unknown) => e)) as AuthError).code,
    ).toBe('NETWORK')
    const proxy = createSessionStore(
      scripted({ 'POST /api/auth/login': [() => new Response('<html>', { status: 502 })] })
        .fetchImpl,
    )
    const error = (await proxy.signIn('a@b.de', 'x', 'm').catch((e: unknown) => e)) as AuthError
    expect([error.code, error.status]).toEqual(['HTTP_502', 502])
  })

  it('signs out with the X-CSRF-Token of the session', async () => {
    const { fetchImpl, calls } = scripted({
      'GET /api/auth/me': [() => json(200, PLANNER)],
      'POST /api/auth/logout': [() => json(200, { signedOut: true })],
    })
    const store = createSessionStore(fetchImpl)
    await store.signOut()
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/auth/me',
      'POST /api/auth/logout',
    ])
    expect(calls[1]!.headers['x-csrf-token']).toBe('csrf-1')
    expect(store.getSnapshot()).toEqual({ status: 'anonymous' })
    expect(store.csrfToken()).toBeNull()
  })

  it('stays signed in when signing out fails', async () => {
    const { fetchImpl } = scripted({
      'GET /api/auth/me': [() => json(200, PLANNER)],
      'POST /api/auth/logout': [
        () => json(403, { error: { code: 'CSRF_FAILED', message: 'header missing' } }),
      ],
    })
    const store = createSessionStore(fetchImpl)
    await expect(store.signOut()).rejects.toMatchObject({ code: 'CSRF_FAILED' })
    expect(store.getSnapshot().status).toBe('signed-in')
  })

  it('counts as public when /api/auth/me fails, and keeps a known state on a later failure', async () => {
    const { fetchImpl } = scripted({ 'GET /api/auth/me': [() => json(200, PLANNER)] })
    const store = createSessionStore(fetchImpl)
    await store.load()
    await store.refresh() // no answer scripted: a network failure
    expect(store.getSnapshot().status).toBe('signed-in')

    const failing = createSessionStore(scripted({}).fetchImpl)
    await failing.load()
    const state = failing.getSnapshot()
    expect(state.status).toBe('anonymous')
    expect(state.error).toBeInstanceOf(AuthError)
  })

  it('drops an answer of /me that arrives after a sign-in', async () => {
    let release: (r: Response) => void = () => {}
    const { fetchImpl } = scripted({
      'GET /api/auth/me': [() => new Promise<Response>((resolve) => (release = resolve))],
      'POST /api/auth/login': [
        () => json(200, { actor: PLANNER, csrfToken: 'csrf-3', expiresAt: '' }),
      ],
    })
    const store = createSessionStore(fetchImpl)
    const loading = store.load()
    await store.signIn('planerin@musterstadt.test', 'x', 'musterstadt')
    release(json(200, ANONYMOUS))
    await loading
    expect(store.getSnapshot().status).toBe('signed-in')
    expect(store.csrfToken()).toBe('csrf-3')
  })
})

describe('seesInternalData', () => {
  const signedIn = (organisation: string, permissions: string[]): SessionState => ({
    status: 'signed-in',
    user: {
      id: 1,
      email: 'a@b.de',
      displayName: 'A',
      role: 'planner',
      organisation,
      permissions,
      areaCount: null,
    },
  })

  it('is true only for the organisation of the session with monitoring:read-internal', () => {
    expect(
      seesInternalData(signedIn('musterstadt', ['monitoring:read-internal']), 'musterstadt'),
    ).toBe(true)
    expect(
      seesInternalData(signedIn('nachbarkreis', ['monitoring:read-internal']), 'musterstadt'),
    ).toBe(false)
    expect(seesInternalData(signedIn('musterstadt', []), 'musterstadt')).toBe(false)
    expect(seesInternalData({ status: 'anonymous' }, 'musterstadt')).toBe(false)
    expect(seesInternalData({ status: 'loading' }, 'musterstadt')).toBe(false)
  })
})
