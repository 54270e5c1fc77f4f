/**
 * The authorization matrix: every operation of the generated OpenAPI document × every kind of
 * actor (anonymous, each role, API tokens) answers as the operation's declared access (x-access)
 * says — allowed, 401 or 403 — so a new route is covered the moment it is declared. Then tenant
 * isolation: members of another organisation get 403 on every protected route of Musterstadt
 * and, on public ones, exactly what an anonymous visitor gets; ids of another organisation are
 * NOT_FOUND.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import {
  createApiToken,
  createUser,
  PERMISSIONS,
  permissionsOf,
  ROLES,
  startSession,
  type Role,
} from '../../src/modules/accounts/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

process.env.PLANRAUM_ARGON2_PROFILE = 'test'

const system = { actor: systemActor('test') }

interface Operation {
  method: string
  path: string
  operationId: string
  access: string
  pathParams: { name: string; type: string }[]
  hasBody: boolean
}

/** Who asks: nobody, a member with a role, or an API token (with all or no scopes). */
type Who =
  | { kind: 'anonymous' }
  | { kind: 'session'; role: Role }
  | { kind: 'token'; scopes: 'all' | 'none' }

const label = (who: Who) =>
  who.kind === 'anonymous'
    ? 'anonymous'
    : who.kind === 'session'
      ? who.role
      : `token(${who.scopes})`

const WHO: Who[] = [
  { kind: 'anonymous' },
  ...ROLES.map((role): Who => ({ kind: 'session', role })),
  { kind: 'token', scopes: 'all' },
  { kind: 'token', scopes: 'none' },
]

/** The answer the declared access demands: allowed (anything but 401/403), 401 or 403. */
function expected(access: string, who: Who): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed'
  if (who.kind === 'anonymous') return 401
  if (access === 'authenticated') return 'allowed'
  const permissions =
    who.kind === 'session'
      ? permissionsOf(who.role)
      : new Set<string>(who.scopes === 'all' ? PERMISSIONS : [])
  return permissions.has(access) ? 'allowed' : 403
}

/** The operations of the OpenAPI document. */
function operationsOf(document: {
  paths: Record<string, Record<string, Record<string, unknown>>>
}): Operation[] {
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = (op.parameters ?? []) as {
        name: string
        in: string
        schema?: { type?: string }
      }[]
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(op.operationId),
        access: String(op['x-access']),
        pathParams: parameters
          .filter((p) => p.in === 'path')
          .map((p) => ({ name: p.name, type: p.schema?.type ?? 'string' })),
        hasBody: op.requestBody !== undefined,
      })
    }
  }
  return operations
}

/** A concrete URL for an operation: the organisation given, ids that do not exist. */
const urlFor = (op: Operation, org: string) =>
  op.path.replace(/\{([A-Za-z_]+)\}/g, (_, name: string) => {
    if (name === 'org') return org
    const type = op.pathParams.find((p) => p.name === name)?.type
    return type === 'integer' || type === 'number' ? '999999' : 'x'
  })

describe.each(testTargets())('authorization on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let operations: Operation[]
  const orgs: Record<string, number> = {}
  /** user id per organisation slug and role */
  const members: Record<string, Record<Role, number>> = {}
  /** API tokens per organisation: all of the admin's permissions, and none */
  const tokens: Record<string, { all: string; none: string }> = {}

  /** Fresh credentials (a session per request: POST /auth/logout ends the one it is sent with). */
  async function credentials(who: Who, org: string): Promise<Record<string, string>> {
    if (who.kind === 'anonymous') return {}
    if (who.kind === 'token') return { authorization: `Bearer ${tokens[org]![who.scopes]}` }
    const session = await startSession(db, {
      userId: members[org]![who.role],
      organizationId: orgs[org]!,
    })
    return {
      cookie: `planraum_session=${session.token}`,
      'x-csrf-token': session.csrfToken,
    }
  }

  async function call(op: Operation, who: Who, asOrg: string, pathOrg = asOrg) {
    const request: InjectOptions = {
      method: op.method as InjectOptions['method'],
      url: urlFor(op, pathOrg),
      headers: await credentials(who, asOrg),
      // Backups are answered to the server host only (modules/admin): call it from there.
      remoteAddress:
        op.path === '/api/admin/backup'
          ? '127.0.0.1'
          : `10.9.${WHO.indexOf(who)}.${(Math.random() * 250) | 0}`,
    }
    if (op.hasBody) request.payload = {}
    return app.inject(request)
  }

  const code = (response: LightMyRequestResponse) => {
    try {
      return (response.json() as { error?: { code?: string } }).error?.code
    } catch {
      return undefined
    }
  }

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    await db.query(`insert into organization (slug, name) values ('nachbarstadt', 'Nachbarstadt')`)
    for (const row of await db.query<{ id: number; slug: string }>(
      'select id, slug from organization',
    )) {
      orgs[row.slug] = row.id
    }
    for (const slug of ['musterstadt', 'nachbarstadt']) {
      members[slug] = {} as Record<Role, number>
      for (const role of ROLES) {
        const { user } = await createUser(db, system, {
          organizationId: orgs[slug]!,
          email: `${role}@${slug}.test`,
          displayName: `${role} ${slug}`,
          role,
          password: null,
        })
        members[slug][role] = user.id
      }
      const admin = {
        ...system,
        actor: {
          ...system.actor,
          kind: 'session' as const,
          role: 'admin',
          userId: members[slug].admin,
          organization: { id: orgs[slug]!, slug },
          permissions: permissionsOf('admin'),
        },
      }
      const all = await createApiToken(db, admin, {
        organizationId: orgs[slug]!,
        name: 'all',
        scopes: [...PERMISSIONS],
      })
      const none = await createApiToken(db, admin, {
        organizationId: orgs[slug]!,
        name: 'none',
        scopes: [],
      })
      tokens[slug] = { all: all.token, none: none.token }
    }
    app = await buildApp({
      db,
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
    const document = await app.inject({ url: '/api/openapi.json' })
    operations = operationsOf(document.json())
  })
  afterAll(async () => {
    await app?.close()
    await dispose?.()
  })

  it('declares the access of every operation in the OpenAPI document', async () => {
    expect(operations.length).toBeGreaterThan(15)
    const known = new Set(['public', 'authenticated', ...PERMISSIONS])
    expect(operations.filter((op) => !known.has(op.access)).map((op) => op.operationId)).toEqual([])
    // Accounts' own operations are protected as designed.
    const access = Object.fromEntries(operations.map((op) => [op.operationId, op.access]))
    expect(access).toMatchObject({
      login: 'public',
      getMe: 'public',
      listUsers: 'accounts:manage',
      createUser: 'accounts:manage',
      createToken: 'accounts:manage',
      revokeToken: 'accounts:manage',
      listAudit: 'audit:read',
    })
    const document = (await app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { security: unknown[]; responses: Record<string, unknown> }>
      >
      components: { securitySchemes: Record<string, unknown> }
    }
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['session', 'token'])
    const users = document.paths['/api/orgs/{org}/users']!.post!
    expect(users.security).toEqual([{ session: [] }, { token: [] }])
    expect(Object.keys(users.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403']),
    )
  })

  it('answers every operation × every role as its declared access says', async () => {
    const mismatches: string[] = []
    for (const op of operations) {
      for (const who of WHO) {
        const response = await call(op, who, 'musterstadt')
        const want = expected(op.access, who)
        const got = response.statusCode
        const ok =
          want === 'allowed'
            ? got !== 401 && got !== 403
            : got === want && code(response) === (want === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN')
        if (!ok) {
          mismatches.push(
            `${op.method} ${op.path} (${op.access}) as ${label(who)}: expected ${want}, got ${got} ${response.body.slice(0, 160)}`,
          )
        }
      }
    }
    expect(mismatches).toEqual([])
  })

  it('gives members of another organisation 403 on every protected route and no more than the public on public ones', async () => {
    const mismatches: string[] = []
    const scoped = operations.filter((op) => op.path.includes('{org}'))
    expect(scoped.length).toBeGreaterThan(10)
    for (const op of scoped) {
      const anonymous =
        op.method === 'GET' ? await call(op, { kind: 'anonymous' }, 'musterstadt') : undefined
      for (const who of WHO.filter((w) => w.kind !== 'anonymous')) {
        const response = await call(op, who, 'nachbarstadt', 'musterstadt')
        if (op.access !== 'public') {
          if (response.statusCode !== 403 || code(response) !== 'FORBIDDEN') {
            mismatches.push(
              `${op.method} ${op.path} as nachbarstadt ${label(who)}: ${response.statusCode} ${response.body.slice(0, 120)}`,
            )
          }
        } else if (
          anonymous &&
          (response.statusCode !== anonymous.statusCode || response.body !== anonymous.body)
        ) {
          mismatches.push(
            `${op.method} ${op.path} as nachbarstadt ${label(who)} differs from anonymous`,
          )
        }
      }
    }
    expect(mismatches).toEqual([])
  })

  it('treats ids of another organisation as not found', async () => {
    const admin = await credentials({ kind: 'session', role: 'admin' }, 'nachbarstadt')
    const [musterToken] = await db.query<{ id: number }>(
      'select id from api_token where organization_id = $1 order by id limit 1',
      [orgs.musterstadt],
    )
    const musterUser = members.musterstadt!.planner
    const attempts = await Promise.all([
      app.inject({
        method: 'DELETE',
        url: `/api/orgs/nachbarstadt/tokens/${musterToken!.id}`,
        headers: admin,
      }),
      app.inject({
        method: 'PATCH',
        url: `/api/orgs/nachbarstadt/users/${musterUser}`,
        payload: { role: 'admin' },
        headers: admin,
      }),
      app.inject({
        method: 'POST',
        url: `/api/orgs/nachbarstadt/users/${musterUser}/password-reset`,
        headers: admin,
      }),
    ])
    expect(attempts.map((r) => [r.statusCode, code(r)])).toEqual([
      [404, 'NOT_FOUND'],
      [404, 'NOT_FOUND'],
      [404, 'NOT_FOUND'],
    ])
    const [token] = await db.query<{ revoked: boolean }>(
      'select revoked_at is not null as revoked from api_token where id = $1',
      [musterToken!.id],
    )
    expect(token!.revoked).toBe(false)
    const [role] = await db.query<{ role: string }>(
      'select role from membership where user_id = $1',
      [musterUser],
    )
    expect(role!.role).toBe('planner')

    const users = (
      await app.inject({ url: '/api/orgs/nachbarstadt/users', headers: admin })
    ).json() as { email: string }[]
    expect(users.length).toBe(ROLES.length)
    expect(users.every((u) => u.email.endsWith('@nachbarstadt.test'))).toBe(true)
    const tokenList = (
      await app.inject({ url: '/api/orgs/nachbarstadt/tokens', headers: admin })
    ).json() as { createdBy: string }[]
    expect(tokenList.every((t) => t.createdBy.endsWith('@nachbarstadt.test'))).toBe(true)
    const audit = await app.inject({
      url: '/api/orgs/nachbarstadt/audit?limit=10000',
      headers: admin,
    })
    expect(audit.statusCode).toBe(200)
    expect(audit.body).not.toContain('musterstadt')
  })
})
