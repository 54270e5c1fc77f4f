/**
 * Accounts end to end over HTTP (Fastify inject, no network, no mocks) on PGlite and, with
 * DATABASE_URL, on PostgreSQL: sign-in, sessions and their cookie, lockout and rate limits, CSRF,
 * API tokens, password-reset links, the audit log, area scopes, settings, security headers.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { buildApp } from '../../src/app.js'
import { usersCommand } from '../../src/cli/commands/users.js'
import {
  accountsModule,
  createUser,
  ensureFirstAdmin,
  verifyPassword,
  type MemberSummary,
  type Role,
} from '../../src/modules/accounts/index.js'
import { generateMusterstadt } from '../../src/modules/demo/index.js'
import { organizationsModule } from '../../src/modules/organizations/index.js'
import { openPglite, type Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { defineRoute } from '../../src/platform/http/routes.js'
import { createHttpServer } from '../../src/platform/http/server.js'
import { createLogger } from '../../src/platform/log.js'
import { pgliteTemplate, testTargets } from '../helpers/databases.js'

process.env.PLANRAUM_ARGON2_PROFILE = 'test'

const city = generateMusterstadt()
const PASSWORD = 'ein sehr geheimes Passwort'
const system = { actor: systemActor('test') }
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

interface Session {
  cookie: string
  csrf: string
}

/** The value of the session cookie a response sets (undefined when it sets none). */
function setCookie(response: LightMyRequestResponse): string | undefined {
  const header = [response.headers['set-cookie'] ?? []].flat()[0]
  return header === undefined ? undefined : String(header)
}

describe.each(testTargets())('accounts on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let musterstadtId: number
  let nachbarstadtId: number
  let ipCounter = 0
  /** A client address of its own, so rate limits of one test do not touch another. */
  const freshIp = () => `10.1.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`

  const addUser = async (
    email: string,
    role: Role,
    organizationId = musterstadtId,
    password: string | null = PASSWORD,
  ): Promise<MemberSummary> =>
    (
      await createUser(db, system, {
        organizationId,
        email,
        displayName: email.split('@')[0]!,
        role,
        password,
      })
    ).user

  const login = (email: string, password = PASSWORD, org = 'musterstadt', ip = freshIp()) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org, email, password },
      remoteAddress: ip,
    })

  const signIn = async (email: string, org = 'musterstadt'): Promise<Session> => {
    const response = await login(email, PASSWORD, org)
    expect(response.statusCode, response.body).toBe(200)
    const cookie = /planraum_session=([^;]+)/.exec(setCookie(response) ?? '')![1]!
    return { cookie, csrf: (response.json() as { csrfToken: string }).csrfToken }
  }

  const headers = (session: Session, csrf = true) => ({
    cookie: `planraum_session=${session.cookie}`,
    ...(csrf ? { 'x-csrf-token': session.csrf } : {}),
  })

  const errorOf = (response: LightMyRequestResponse) =>
    (response.json() as { error: { code: string; message: string } }).error

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    const [m] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    musterstadtId = m!.id
    const [n] = await db.query<{ id: number }>(
      `insert into organization (slug, name) values ('nachbarstadt', 'Nachbarstadt') returning id`,
    )
    nachbarstadtId = n!.id
    app = await buildApp({
      db,
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
    await addUser('admin@musterstadt.test', 'admin')
  })
  afterAll(async () => {
    await app?.close()
    await dispose?.()
  })

  it('signs in: an HttpOnly, SameSite=Lax cookie whose value is stored only as its SHA-256', async () => {
    const response = await login('Admin@Musterstadt.test')
    expect(response.statusCode, response.body).toBe(200)
    const cookie = setCookie(response)!
    expect(cookie).toMatch(
      /^planraum_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/,
    )
    expect(cookie).not.toMatch(/Secure/) // plain HTTP, no proxy trusted
    const body = response.json() as {
      actor: { role: string; permissions: string[]; user: { email: string } }
      csrfToken: string
    }
    expect(body.actor.role).toBe('admin')
    expect(body.actor.user.email).toBe('admin@musterstadt.test')
    expect(body.actor.permissions).toContain('accounts:manage')
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const token = /planraum_session=([^;]+)/.exec(cookie)![1]!
    const stored = await db.query<{ id: string }>('select id from session where id in ($1, $2)', [
      token,
      sha256(token),
    ])
    expect(stored).toEqual([{ id: sha256(token) }])

    const me = await app.inject({
      url: '/api/auth/me',
      headers: { cookie: `planraum_session=${token}` },
    })
    expect(me.json()).toMatchObject({
      authenticated: true,
      kind: 'session',
      role: 'admin',
      organization: { slug: 'musterstadt' },
      csrfToken: body.csrfToken,
      areaScope: null,
    })
    expect(me.headers['cache-control']).toBe('private, no-cache')
    const anonymous = await app.inject({ url: '/api/auth/me' })
    expect(anonymous.json()).toMatchObject({
      authenticated: false,
      role: 'public',
      permissions: [],
    })
  })

  it('sets Secure (and HSTS) behind a TLS proxy only when the proxy is trusted', async () => {
    const viaProxy = {
      method: 'POST' as const,
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email: 'admin@musterstadt.test', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    }
    const untrusted = await app.inject({ ...viaProxy, remoteAddress: freshIp() })
    expect(setCookie(untrusted)).not.toMatch(/Secure/)
    expect(untrusted.headers['strict-transport-security']).toBeUndefined()

    const behindProxy = await createHttpServer({
      logger: createLogger('silent'),
      webDir: '/nonexistent',
      modules: [organizationsModule(db), accountsModule(db)],
      version: 'test',
      health: async () => ({}),
      trustProxy: true,
    })
    try {
      const trusted = await behindProxy.inject({ ...viaProxy, remoteAddress: freshIp() })
      expect(trusted.statusCode).toBe(200)
      expect(setCookie(trusted)).toMatch(/; HttpOnly; SameSite=Lax; Secure$/)
      expect(trusted.headers['strict-transport-security']).toBe('max-age=31536000')
    } finally {
      await behindProxy.close()
    }
  })

  it('answers every failed sign-in alike: wrong password, unknown address, not a member', async () => {
    await addUser('nina@nachbarstadt.test', 'planner', nachbarstadtId)
    const answers = await Promise.all([
      login('admin@musterstadt.test', 'falsches Passwort!'),
      login('nobody@musterstadt.test'),
      login('nina@nachbarstadt.test'), // right password, wrong organisation
    ])
    for (const response of answers) {
      expect(response.statusCode).toBe(401)
      expect(errorOf(response)).toEqual({
        code: 'LOGIN_FAILED',
        message:
          'Sign-in to "musterstadt" failed: the email address or the password is wrong, or the account may not sign in there.',
      })
      expect(setCookie(response)).toBeUndefined()
    }
    expect((await login('nina@nachbarstadt.test', PASSWORD, 'nachbarstadt')).statusCode).toBe(200)
    expect(errorOf(await login('x@y.de', PASSWORD, 'gibtsnicht')).code).toBe('NOT_FOUND')
  })

  it('locks an account after 5 failures in a row, says until when, and a reset link lifts it', async () => {
    const user = await addUser('lock@musterstadt.test', 'planner')
    const statuses: number[] = []
    for (let i = 0; i < 4; i++)
      statuses.push((await login(user.email, 'falsches Passwort!')).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401])
    const fifth = await login(user.email, 'falsches Passwort!')
    expect(fifth.statusCode).toBe(423)
    expect(errorOf(fifth).code).toBe('ACCOUNT_LOCKED')
    expect(errorOf(fifth).message).toMatch(
      /^Too many failed sign-ins: this account is locked until \d\d:\d\d UTC \(15 min\)\. Try again then, or ask an administrator for a password-reset link\.$/,
    )
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(800)
    // Even the right password is refused while locked, from any address.
    const right = await login(user.email, PASSWORD)
    expect(errorOf(right).code).toBe('ACCOUNT_LOCKED')
    const [audit] = await db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'auth.lock' and entity_id = $1`,
      [String(user.id)],
    )
    expect(audit!.n).toBe(1)

    const admin = await signIn('admin@musterstadt.test')
    const link = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/users/${user.id}/password-reset`,
      headers: headers(admin),
    })
    const token = (link.json() as { path: string }).path.split('#token=')[1]!
    const reset = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, password: 'ein neues, langes Passwort' },
    })
    expect(reset.statusCode, reset.body).toBe(200)
    expect((await login(user.email, 'ein neues, langes Passwort')).statusCode).toBe(200)
  })

  it('locks unknown addresses the same way, so lockouts do not reveal who has an account', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await login('ghost@musterstadt.test')).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 423])
  })

  it('rate-limits sign-in attempts per client address and email (10 per 15 minutes)', async () => {
    const ip = freshIp()
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await login('flood@example.org', 'falsches Passwort!', 'musterstadt', ip)).statusCode,
      )
    }
    // 4 failures, then the (simulated) lockout of the unknown address
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423, 423, 423, 423, 423])
    const last = await login('flood@example.org', PASSWORD, 'musterstadt', ip)
    expect(last.statusCode).toBe(429)
    expect(errorOf(last)).toMatchObject({ code: 'RATE_LIMITED' })
    expect(errorOf(last).message).toMatch(
      /^Too many sign-in attempts from this address: try again in 1[0-5] min\.$/,
    )
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0)
    // Another address is not affected.
    expect((await login('admin@musterstadt.test')).statusCode).toBe(200)
  })

  it('signs out: the session ends and the cookie is cleared', async () => {
    const session = await signIn('admin@musterstadt.test')
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: headers(session),
    })
    expect(out.statusCode).toBe(200)
    expect(out.json()).toEqual({ signedOut: true })
    expect(setCookie(out)).toMatch(
      /^planraum_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/,
    )
    const me = await app.inject({ url: '/api/auth/me', headers: headers(session) })
    expect(me.json()).toMatchObject({ authenticated: false })
    const [row] = await db.query<{ n: number }>(
      'select count(*)::int as n from session where id = $1',
      [sha256(session.cookie)],
    )
    expect(row!.n).toBe(0)
  })

  it('ends idle and expired sessions', async () => {
    const idle = await signIn('admin@musterstadt.test')
    await db.query(`update session set last_seen_at = now() - interval '3 hours' where id = $1`, [
      sha256(idle.cookie),
    ])
    expect(
      (await app.inject({ url: '/api/auth/me', headers: headers(idle) })).json(),
    ).toMatchObject({
      authenticated: false,
    })
    const expired = await signIn('admin@musterstadt.test')
    await db.query(`update session set expires_at = now() - interval '1 second' where id = $1`, [
      sha256(expired.cookie),
    ])
    expect(
      (await app.inject({ url: '/api/orgs/musterstadt/users', headers: headers(expired) }))
        .statusCode,
    ).toBe(401)
  })

  it('refuses cookie-authenticated writes without the CSRF token or from another site', async () => {
    const session = await signIn('admin@musterstadt.test')
    const write = (extra: Record<string, string>, csrf = true) =>
      app.inject({
        method: 'POST',
        url: '/api/orgs/musterstadt/tokens',
        payload: { name: 'csrf test', scopes: [] },
        headers: { ...headers(session, csrf), ...extra },
      })
    const missing = await write({}, false)
    expect(missing.statusCode).toBe(403)
    expect(errorOf(missing)).toEqual({
      code: 'CSRF_FAILED',
      message:
        'A signed-in write needs the header X-CSRF-Token with the token from the sign-in answer (or GET /api/auth/me); the header is missing.',
    })
    expect(errorOf(await write({ 'x-csrf-token': 'x'.repeat(43) })).code).toBe('CSRF_FAILED')
    expect(errorOf(await write({ origin: 'https://evil.example' })).message).toMatch(
      /came from https:\/\/evil\.example, expected the host localhost\.$/,
    )
    expect(errorOf(await write({ 'sec-fetch-site': 'cross-site' })).code).toBe('CSRF_FAILED')
    const ok = await write({ origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' })
    expect(ok.statusCode, ok.body).toBe(200)
    // Reads need no token; sign-in from another site (login CSRF) is refused too.
    expect(
      (await app.inject({ url: '/api/orgs/musterstadt/users', headers: headers(session, false) }))
        .statusCode,
    ).toBe(200)
    const crossLogin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email: 'admin@musterstadt.test', password: PASSWORD },
      headers: { origin: 'https://evil.example' },
      remoteAddress: freshIp(),
    })
    expect(errorOf(crossLogin).code).toBe('CSRF_FAILED')
  })

  it('accepts API tokens: hashed at rest, scoped, bound to one organisation, revocable, expiring', async () => {
    const admin = await signIn('admin@musterstadt.test')
    const create = (scopes: string[]) =>
      app.inject({
        method: 'POST',
        url: '/api/orgs/musterstadt/tokens',
        payload: { name: `automation ${scopes.join(' ')}`, scopes, expiresInDays: 30 },
        headers: headers(admin),
      })
    const created = await create(['audit:read'])
    expect(created.statusCode, created.body).toBe(200)
    const { token, id, prefix } = created.json() as { token: string; id: number; prefix: string }
    expect(token).toMatch(/^prt_[A-Za-z0-9_-]{43}$/)
    expect(token.startsWith(prefix)).toBe(true)
    const [row] = await db.query<{ token_hash: string }>(
      'select token_hash from api_token where id = $1',
      [id],
    )
    expect(row!.token_hash).toBe(sha256(token))
    const listed = (
      await app.inject({ url: '/api/orgs/musterstadt/tokens', headers: headers(admin) })
    ).body
    expect(listed).not.toContain(token)

    const bearer = (url: string, method: 'GET' | 'POST' = 'GET', value = token) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${value}` },
        ...(method === 'POST' ? { payload: { name: 'x', scopes: [] } } : {}),
      })
    expect((await bearer('/api/orgs/musterstadt/audit')).statusCode).toBe(200)
    const outOfScope = await bearer('/api/orgs/musterstadt/users')
    expect(outOfScope.statusCode).toBe(403)
    expect(errorOf(outOfScope).message).toMatch(
      /"accounts:manage", which this API token does not have/,
    )
    const otherOrg = await bearer('/api/orgs/nachbarstadt/audit')
    expect(otherOrg.statusCode).toBe(403)
    expect(errorOf(otherOrg).message).toMatch(
      /signed in to the organisation "musterstadt", not "nachbarstadt"/,
    )
    // No CSRF token needed with a bearer token; but a token cannot mint tokens.
    const manage = (await create(['accounts:manage'])).json() as { token: string }
    const mint = await bearer('/api/orgs/musterstadt/tokens', 'POST', manage.token)
    expect(errorOf(mint)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'An API token cannot create API tokens: sign in to create one.',
    })
    // Unknown scopes and scopes beyond the creator's role are refused.
    expect(errorOf(await create(['audit:write'])).code).toBe('VALIDATION_FAILED')

    expect(errorOf(await bearer('/api/orgs/musterstadt/audit', 'GET', 'prt_unknown')).message).toBe(
      'The API token is not valid.',
    )
    expect(errorOf(await bearer('/api/orgs', 'GET', 'abc')).code).toBe('UNAUTHENTICATED')
    const basic = await app.inject({ url: '/api/orgs', headers: { authorization: 'Basic YTpi' } })
    expect(errorOf(basic)).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The Authorization header must be "Bearer <API token>".',
    })

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/orgs/musterstadt/tokens/${id}`,
      headers: headers(admin),
    })
    expect(revoked.statusCode, revoked.body).toBe(200)
    expect((revoked.json() as { revokedAt: string | null }).revokedAt).not.toBeNull()
    const afterRevoke = await bearer('/api/orgs/musterstadt/audit')
    expect(afterRevoke.statusCode).toBe(401)
    expect(errorOf(afterRevoke).message).toBe('The API token has been revoked.')

    const expiring = (await create(['audit:read'])).json() as { token: string; id: number }
    await db.query(`update api_token set expires_at = now() - interval '1 second' where id = $1`, [
      expiring.id,
    ])
    expect(
      errorOf(await bearer('/api/orgs/musterstadt/audit', 'GET', expiring.token)).message,
    ).toBe('The API token has expired: create a new one.')
  })

  it('limits a token to what its creator may do now', async () => {
    const creator = await addUser('tokenadmin@musterstadt.test', 'admin')
    const session = await signIn(creator.email)
    const { token } = (
      await app.inject({
        method: 'POST',
        url: '/api/orgs/musterstadt/tokens',
        payload: { name: 'creator demoted', scopes: ['accounts:manage', 'audit:read'] },
        headers: headers(session),
      })
    ).json() as { token: string }
    const use = () =>
      app.inject({
        url: '/api/orgs/musterstadt/users',
        headers: { authorization: `Bearer ${token}` },
      })
    expect((await use()).statusCode).toBe(200)
    const admin = await signIn('admin@musterstadt.test')
    await app.inject({
      method: 'PATCH',
      url: `/api/orgs/musterstadt/users/${creator.id}`,
      payload: { role: 'council' },
      headers: headers(admin),
    })
    expect((await use()).statusCode).toBe(403)
    await app.inject({
      method: 'PATCH',
      url: `/api/orgs/musterstadt/users/${creator.id}`,
      payload: { disabled: true },
      headers: headers(admin),
    })
    expect(errorOf(await use()).message).toMatch(/no longer an active member/)
    // Disabling also ended the creator's sessions.
    expect(
      (await app.inject({ url: '/api/auth/me', headers: headers(session) })).json(),
    ).toMatchObject({ authenticated: false })
  })

  it('resets a password through a one-time link that works once and ends all sessions', async () => {
    const admin = await signIn('admin@musterstadt.test')
    const created = await app.inject({
      method: 'POST',
      url: '/api/orgs/musterstadt/users',
      payload: { email: 'Neu@Musterstadt.test', displayName: 'Neue Planerin', role: 'planner' },
      headers: headers(admin),
    })
    expect(created.statusCode, created.body).toBe(200)
    const body = created.json() as {
      user: MemberSummary
      accountCreated: boolean
      resetLink: { path: string }
    }
    expect(body.accountCreated).toBe(true)
    expect(body.user).toMatchObject({
      email: 'neu@musterstadt.test',
      role: 'planner',
      hasPassword: false,
    })
    expect(body.resetLink.path).toMatch(/^\/reset-password#token=[A-Za-z0-9_-]{43}$/)
    const token = body.resetLink.path.split('#token=')[1]!
    expect(await db.query('select 1 from password_reset where token_hash = $1', [token])).toEqual(
      [],
    )

    const reset = (password: string) =>
      app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, password } })
    expect(errorOf(await reset('kurz')).message).toBe(
      'password: expected at least 12 characters; got 4',
    )
    expect((await reset(PASSWORD)).json()).toEqual({ email: 'neu@musterstadt.test' })
    const again = await reset('noch ein anderes Passwort')
    expect(again.statusCode).toBe(400)
    expect(errorOf(again)).toEqual({
      code: 'RESET_LINK_INVALID',
      message:
        'The password-reset link is unknown, already used or expired: ask an administrator for a new one.',
    })
    const session = await signIn('neu@musterstadt.test')

    // A second link: the first session ends when it is used; the old password stops working.
    const second = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/users/${body.user.id}/password-reset`,
      headers: headers(admin),
    })
    const token2 = (second.json() as { path: string }).path.split('#token=')[1]!
    await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token: token2, password: 'das zweite neue Passwort' },
    })
    expect(
      (await app.inject({ url: '/api/auth/me', headers: headers(session) })).json(),
    ).toMatchObject({ authenticated: false })
    expect((await login('neu@musterstadt.test', PASSWORD)).statusCode).toBe(401)

    // Expired links do not work.
    const third = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/users/${body.user.id}/password-reset`,
      headers: headers(admin),
    })
    const token3 = (third.json() as { path: string }).path.split('#token=')[1]!
    await db.query(
      `update password_reset set expires_at = now() - interval '1 second' where token_hash = $1`,
      [sha256(token3)],
    )
    expect(
      errorOf(
        await app.inject({
          method: 'POST',
          url: '/api/auth/password-reset',
          payload: { token: token3, password: 'noch ein anderes Passwort' },
        }),
      ).code,
    ).toBe('RESET_LINK_INVALID')
  })

  it('refuses to reset the password of an account shared with another organisation', async () => {
    const shared = await addUser('shared@musterstadt.test', 'planner')
    await addUser('shared@musterstadt.test', 'council', nachbarstadtId, null)
    const admin = await signIn('admin@musterstadt.test')
    const response = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/users/${shared.id}/password-reset`,
      headers: headers(admin),
    })
    expect(response.statusCode).toBe(403)
    expect(errorOf(response).message).toMatch(
      /also a member of 1 other organisation\(s\).*planraum users reset-link/,
    )
  })

  it('writes audit rows with who, when, what, before and after, in the transaction of the change', async () => {
    const user = await addUser('audited@musterstadt.test', 'planner')
    const admin = await signIn('admin@musterstadt.test')
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/orgs/musterstadt/users/${user.id}`,
      payload: { role: 'specialist', displayName: '=HYPERLINK("http://evil")' },
      headers: { ...headers(admin), 'user-agent': 'test' },
    })
    expect(patched.statusCode, patched.body).toBe(200)
    const audit = await app.inject({
      url: '/api/orgs/musterstadt/audit?action=user.update&limit=5',
      headers: headers(admin),
    })
    expect(audit.statusCode).toBe(200)
    const { data, page } = audit.json() as {
      data: {
        actor: string
        actorUserId: number
        entityId: string
        before: { role: string }
        after: { role: string; displayName: string }
        requestId: string
        ip: string
        at: string
      }[]
      page: { total: number }
    }
    expect(page.total).toBeGreaterThanOrEqual(1)
    expect(data[0]).toMatchObject({
      actor: 'admin@musterstadt.test',
      entityId: String(user.id),
      before: { role: 'planner', displayName: 'audited' },
      after: { role: 'specialist', displayName: '=HYPERLINK("http://evil")' },
    })
    expect(data[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(data[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/)
    // Creation, sign-in and token actions are logged too.
    const actions = new Set(
      (
        await db.query<{ action: string }>(
          'select distinct action from audit_log where organization_id = $1',
          [musterstadtId],
        )
      ).map((r) => r.action),
    )
    for (const action of [
      'user.create',
      'auth.login',
      'auth.logout',
      'token.create',
      'token.revoke',
      'user.password_reset_issue',
      'user.password_reset',
      'user.update',
    ]) {
      expect(actions).toContain(action)
    }
    // A change that fails leaves no audit row (same transaction).
    const before = await db.query<{ n: number }>('select count(*)::int as n from audit_log')
    const lastAdmin = await app.inject({
      method: 'PATCH',
      url: `/api/orgs/musterstadt/users/${(await db.query<{ id: number }>(`select id from user_account where email = 'admin@musterstadt.test'`))[0]!.id}`,
      payload: { role: 'planner' },
      headers: headers(admin),
    })
    // tokenadmin was demoted, so admin@ is the last active admin.
    expect(errorOf(lastAdmin)).toMatchObject({ code: 'CONFLICT' })
    expect(errorOf(lastAdmin).message).toMatch(/last active administrator/)
    expect(await db.query<{ n: number }>('select count(*)::int as n from audit_log')).toEqual(
      before,
    )

    const csv = await app.inject({
      url: '/api/orgs/musterstadt/audit?format=csv&action=user',
      headers: headers(admin),
    })
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe('attachment; filename="musterstadt-audit.csv"')
    expect(csv.body.startsWith('\uFEFFid;at;actor;')).toBe(true)
    expect(csv.body).toContain('=HYPERLINK') // inside a quoted JSON cell …
    expect(csv.body).not.toMatch(/(^|;)"?=/m) // … never at the start of a cell (a formula)
    expect(csv.body).not.toContain('nachbarstadt')
  })

  it('limits an area-scoped member to the areas of their scope and everything finer', async () => {
    const district = city.areas.find((a) => a.layerKey === 'stadtbezirk')!
    const { user } = await createUser(db, system, {
      organizationId: musterstadtId,
      email: 'bezirk@musterstadt.test',
      displayName: 'Bezirk',
      role: 'planner',
      password: PASSWORD,
      areas: [{ layer: 'stadtbezirk', code: district.code }],
    })
    expect(user.areas).toEqual([{ layer: 'stadtbezirk', code: district.code, name: district.name }])
    const session = await signIn(user.email)
    const me = (await app.inject({ url: '/api/auth/me', headers: headers(session) })).json() as {
      areaScope: { areaCount: number }
    }
    const below = (code: string): number =>
      1 +
      city.areas
        .filter((a) => a.parentCode === code && a.layerKey !== 'stadtbezirk')
        .reduce((n, a) => n + below(a.code), 0)
    expect(me.areaScope.areaCount).toBe(below(district.code))
    expect(me.areaScope.areaCount).toBeGreaterThan(10)

    const bad = await createUser(db, system, {
      organizationId: musterstadtId,
      email: 'bad@musterstadt.test',
      displayName: 'x',
      role: 'planner',
      areas: [{ layer: 'stadtbezirk', code: 'gibtsnicht' }],
    }).catch((e: Error) => e)
    expect((bad as Error).message).toMatch(/none has layer "stadtbezirk" code "gibtsnicht"/)
  })

  it('changes organisation settings: logo, minimum case number (a data change), district', async () => {
    const admin = await signIn('admin@musterstadt.test')
    const [before] = await db.query<{ v: number }>(
      'select data_version as v from organization where id = $1',
      [musterstadtId],
    )
    const patch = (payload: object) =>
      app.inject({
        method: 'PATCH',
        url: '/api/orgs/musterstadt/settings',
        payload,
        headers: headers(admin),
      })
    const logo = 'data:image/png;base64,iVBORw0KGgo='
    const ok = await patch({ logo, minCaseNumber: 5, parent: 'nachbarstadt' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ logo, minCaseNumber: 5, parent: 'nachbarstadt' })
    const [after] = await db.query<{ v: number }>(
      'select data_version as v from organization where id = $1',
      [musterstadtId],
    )
    expect(after!.v).toBe(before!.v + 1)
    expect(errorOf(await patch({ logo: 'javascript:alert(1)' })).code).toBe('VALIDATION_FAILED')
    expect(errorOf(await patch({ parent: 'musterstadt' })).message).toMatch(
      /cannot belong to its own member/,
    )
    expect((await patch({ minCaseNumber: 3, parent: null })).json()).toMatchObject({
      minCaseNumber: 3,
      parent: null,
    })
  })

  it('sends security headers on the web app, the API, errors and 404s', async () => {
    const responses = await Promise.all([
      app.inject({ url: '/' }),
      app.inject({ url: '/api/orgs' }),
      app.inject({ url: '/api/orgs/gibtsnicht' }),
      app.inject({ url: '/api/nothing-here' }),
      app.inject({ url: '/api/orgs/musterstadt/users' }),
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: '{not json',
        headers: { 'content-type': 'application/json' },
      }),
    ])
    expect(responses.map((r) => r.statusCode)).toEqual([503, 200, 404, 404, 401, 400])
    for (const response of responses) {
      expect(response.headers).toMatchObject({
        'content-security-policy':
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cross-origin-opener-policy': 'same-origin',
        'x-frame-options': 'DENY',
      })
      expect(response.headers['permissions-policy']).toMatch(/camera=\(\).*geolocation=\(\)/)
    }
    const docs = await app.inject({ url: '/api/docs' })
    expect(docs.headers['content-security-policy']).toMatch(
      /style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/,
    )
    const embed = await app.inject({ url: '/embed/atlas' })
    expect(embed.headers['content-security-policy']).toMatch(/frame-ancestors \*$/)
    expect(embed.headers['x-frame-options']).toBeUndefined()
  })

  it('answers 500 without stack traces or internal messages, and keeps body limits', async () => {
    const failing = await createHttpServer({
      logger: createLogger('silent'),
      webDir: '/nonexistent',
      modules: [
        {
          name: 'failing',
          routes: [
            defineRoute(
              { method: 'GET', path: '/boom', operationId: 'boom', summary: 'fails', tags: [] },
              async () => {
                throw new Error('connection to 10.0.0.5 refused: password=hunter2')
              },
            ),
          ],
        },
      ],
      version: 'test',
      health: async () => ({}),
    })
    try {
      const response = await failing.inject({ url: '/api/boom' })
      expect(response.statusCode).toBe(500)
      expect(response.json()).toEqual({
        error: { code: 'INTERNAL', message: 'An internal error occurred; it was logged.' },
      })
      expect(response.body).not.toMatch(/hunter2|10\.0\.0\.5|at |\.ts/)
      expect(response.headers['content-security-policy']).toBeDefined()
    } finally {
      await failing.close()
    }
    const big = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email: 'a@b.de', password: 'x'.repeat(20_000) },
    })
    expect(big.statusCode).toBe(413)
  })

  it('lists only the members of the own organisation', async () => {
    const admin = await signIn('admin@musterstadt.test')
    const users = (
      await app.inject({ url: '/api/orgs/musterstadt/users', headers: headers(admin) })
    ).json() as MemberSummary[]
    expect(users.map((u) => u.email)).toContain('admin@musterstadt.test')
    expect(users.map((u) => u.email)).not.toContain('nina@nachbarstadt.test')
    expect(JSON.stringify(users)).not.toMatch(/argon2|password_hash/)
  })
})

describe('the users CLI', () => {
  // The CLI reads DATABASE_URL before --data-dir: keep it on the temporary embedded database.
  const url = process.env.DATABASE_URL
  beforeAll(() => {
    delete process.env.DATABASE_URL
  })
  afterAll(() => {
    if (url !== undefined) process.env.DATABASE_URL = url
  })

  it('runs the users CLI: create with a printed password, list, reset-link', async () => {
    const lines: string[] = []
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')))
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const dir = mkdtempSync(path.join(tmpdir(), 'planraum-users-'))
    try {
      const fileDb = await openPglite(path.join(dir, 'data'), {
        loadDataDir: await pgliteTemplate('migrated'),
      })
      await fileDb.query(`insert into organization (slug, name) values ('kreis', 'Landkreis')`)
      await fileDb.close()
      const run = (positionals: string[], values: Record<string, string | boolean>) =>
        usersCommand.run({ 'data-dir': path.join(dir, 'data'), ...values }, positionals)

      expect(await run(['create'], { org: 'kreis', email: 'chef@kreis.test', admin: true })).toBe(0)
      expect(lines[0]).toBe('Created chef@kreis.test as admin of kreis.')
      const password = /^Password \(shown once, store it safely\): ([A-Za-z0-9]{20})$/.exec(
        lines[1]!,
      )![1]!
      expect(await run(['create'], { org: 'kreis', email: 'x@kreis.test', role: 'boss' })).toBe(2)
      expect(await run(['list'], { org: 'kreis' })).toBe(0)
      expect(lines.at(-1)).toMatch(/chef@kreis\.test\s+admin\s+chef$/)
      expect(
        await run(['reset-link'], {
          org: 'kreis',
          email: 'chef@kreis.test',
          'base-url': 'https://planraum.example/',
        }),
      ).toBe(0)
      expect(lines.at(-1)).toMatch(
        /^https:\/\/planraum\.example\/reset-password#token=[A-Za-z0-9_-]{43}$/,
      )

      const check = await openPglite(path.join(dir, 'data'))
      try {
        const [row] = await check.query<{ password_hash: string; actor_label: string }>(
          `select u.password_hash, a.actor_label from user_account u
             join audit_log a on a.entity_id = u.id::text and a.action = 'user.create'`,
        )
        expect(await verifyPassword(row!.password_hash, password)).toBe(true)
        expect(row!.actor_label).toMatch(/^cli:/)
      } finally {
        await check.close()
      }
    } finally {
      log.mockRestore()
      error.mockRestore()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the first administrator of a fresh install', () => {
  it('is created once, for the first organisation, with a random password', async () => {
    const db = await openPglite(undefined, { loadDataDir: await pgliteTemplate('migrated') })
    try {
      const logger = createLogger('silent')
      expect(await ensureFirstAdmin(db, logger)).toBeNull() // no organisation yet
      await db.query(
        `insert into organization (slug, name) values ('erste', 'Erste Stadt'), ('zweite', 'Zweite')`,
      )
      const first = await ensureFirstAdmin(db, logger)
      expect(first).toMatchObject({ email: 'admin@erste.invalid', organization: 'erste' })
      expect(first!.password).toMatch(/^[A-Za-z0-9]{20}$/)
      expect(await ensureFirstAdmin(db, logger)).toBeNull()
      const app = await buildApp({
        db,
        config: { webDir: '/nonexistent', logLevel: 'silent' },
        logger,
      })
      try {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { org: 'erste', email: first!.email, password: first!.password },
        })
        expect(response.statusCode, response.body).toBe(200)
        expect((response.json() as { actor: { role: string } }).actor.role).toBe('admin')
      } finally {
        await app.close()
      }
    } finally {
      await db.close()
    }
  })
})
