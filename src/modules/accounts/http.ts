import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import { isSecureRequest, sessionCookie, type Actor } from '../../platform/http/auth.js'
import { ApiError } from '../../platform/http/errors.js'
import { defineRoute, PageQuery, pageOf, type DefinedRoute } from '../../platform/http/routes.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import { auditCsv, listAudit, type CommandContext } from './audit.js'
import { sessionActor } from './authenticate.js'
import { createApiToken } from './commands/createApiToken.js'
import { createUser } from './commands/createUser.js'
import { issuePasswordReset } from './commands/issuePasswordReset.js'
import { login, type LoginGuard, type SessionSettings } from './commands/login.js'
import { logout } from './commands/logout.js'
import { resetPassword } from './commands/resetPassword.js'
import { revokeApiToken } from './commands/revokeApiToken.js'
import { updateMember } from './commands/updateMember.js'
import { updateOrganizationSettings } from './commands/updateOrganizationSettings.js'
import { PERMISSIONS, ROLES } from './permissions.js'
import { listMembers, listTokens } from './queries.js'

const Email = z
  .string()
  .trim()
  .max(254, 'expected at most 254 characters')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an email address like name@example.org')
  .describe('email address')
const Password = z
  .string()
  .min(1, 'expected a password')
  .max(1024, 'expected at most 1024 characters')
const Role = z.enum(ROLES).describe(`one of ${ROLES.join(', ')}`)
const AreaRef = z.object({
  layer: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected a layer key like "stadtbezirk"'),
  code: z.string().min(1).max(100),
})
const Areas = z
  .array(AreaRef)
  .max(1000)
  .nullable()
  .describe('limit to these areas (and their finer areas); null = all areas')
const Id = z.coerce.number().int('expected a whole number').min(1).max(2_147_483_647)
const UserParams = OrgParams.extend({ id: Id.describe('user id') })
const TokenParams = OrgParams.extend({ id: Id.describe('token id') })

const ActorSchema = z.object({
  authenticated: z.boolean(),
  kind: z.enum(['anonymous', 'session', 'token', 'system']),
  role: z.string().describe('public when not signed in'),
  user: z.object({ id: z.number(), email: z.string(), displayName: z.string() }).nullable(),
  token: z.object({ id: z.number() }).nullable(),
  organization: z.object({ slug: z.string() }).nullable(),
  permissions: z.array(z.string()),
  areaScope: z
    .object({ areaCount: z.number().describe('areas covered, finer areas included') })
    .nullable()
    .describe('null: all areas'),
})
const SessionAnswer = z.object({
  actor: ActorSchema,
  csrfToken: z.string().describe('send as X-CSRF-Token with every write'),
  expiresAt: z.string(),
})
const MemberSchema = z.object({
  id: z.number(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  areas: z.array(AreaRef.extend({ name: z.string() })).nullable(),
  disabled: z.boolean(),
  accountDisabled: z.boolean(),
  hasPassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  otherOrganizations: z.number(),
})
const ResetLink = z.object({
  path: z.string().describe('path of the one-time link in the web app; the token is after #'),
  expiresAt: z.string(),
})
const TokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
})
const AuditSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  actorUserId: z.number().nullable(),
  actorTokenId: z.number().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
})
const Timestamp = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .describe('date (2026-01-31) or date-time with offset')

const SMALL_BODY = 16 * 1024

const contextOf = (request: FastifyRequest, actor: Actor): CommandContext => ({
  actor,
  requestId: request.id,
  ip: request.ip,
})

async function presentActor(db: Database, actor: Actor): Promise<z.infer<typeof ActorSchema>> {
  const [user] =
    actor.userId === null
      ? []
      : await db.query<{ id: number; email: string; displayName: string }>(
          'select id, email, display_name as "displayName" from user_account where id = $1',
          [actor.userId],
        )
  return {
    authenticated: actor.kind !== 'anonymous',
    kind: actor.kind,
    role: actor.role,
    user: user ?? null,
    token: actor.tokenId === null ? null : { id: actor.tokenId },
    organization: actor.organization ? { slug: actor.organization.slug } : null,
    permissions: [...actor.permissions].sort(),
    areaScope: actor.areaIds === null ? null : { areaCount: actor.areaIds.length },
  }
}

function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
) {
  reply.header(
    'set-cookie',
    sessionCookie(value, { secure: isSecureRequest(request), maxAgeSeconds }),
  )
}

/** The routes of accounts: sign-in, users, password resets, API tokens, audit log, settings. */
export const accountRoutes = (
  db: Database,
  options: { session: SessionSettings; guard: LoginGuard },
): DefinedRoute[] => [
  defineRoute(
    {
      method: 'POST',
      path: '/auth/login',
      operationId: 'login',
      summary: 'Sign in to an organisation: sets the session cookie, answers the CSRF token',
      description:
        `Rate-limited per client address and email (${options.guard.policy.perIpAndEmail} attempts per ${options.guard.policy.windowSeconds / 60} min); ` +
        `${options.guard.policy.maxFailures} failed attempts in a row lock the account for ${options.guard.policy.lockSeconds / 60} min.`,
      tags: ['accounts'],
      body: z.object({
        org: OrgParams.shape.org,
        email: Email,
        password: Password,
      }),
      response: SessionAnswer,
      errors: ['LOGIN_FAILED', 'ACCOUNT_LOCKED', 'RATE_LIMITED', 'NOT_FOUND'],
      bodyLimit: SMALL_BODY,
    },
    async ({ body, actor, request, reply }) => {
      const organization = await requireOrganization(db, body.org)
      const session = await login(
        db,
        contextOf(request, actor),
        options.guard,
        {
          organization,
          email: body.email,
          password: body.password,
          userAgent: request.headers['user-agent'],
        },
        options.session,
      )
      // A new sign-in replaces the session the browser had (no session fixation).
      if (actor.kind === 'session') await logout(db, contextOf(request, actor))
      setSessionCookie(request, reply, session.token, options.session.lifetimeSeconds)
      const signedIn = (await sessionActor(db, session.token, options.session))!
      return {
        actor: await presentActor(db, signedIn),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      }
    },
  ),
  defineRoute(
    {
      method: 'POST',
      path: '/auth/logout',
      operationId: 'logout',
      summary: 'Sign out: ends the session and clears the cookie',
      tags: ['accounts'],
      response: z.object({ signedOut: z.boolean() }),
      bodyLimit: SMALL_BODY,
    },
    async ({ actor, request, reply }) => {
      const signedOut = await logout(db, contextOf(request, actor))
      setSessionCookie(request, reply, '', 0)
      return { signedOut }
    },
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/auth/me',
      operationId: 'getMe',
      summary: 'Who is asking: role, permissions, organisation (and the CSRF token of a session)',
      tags: ['accounts'],
      response: ActorSchema.extend({ csrfToken: z.string().nullable() }),
    },
    async ({ actor }) => ({ ...(await presentActor(db, actor)), csrfToken: actor.csrfToken }),
  ),
  defineRoute(
    {
      method: 'POST',
      path: '/auth/password-reset',
      operationId: 'resetPassword',
      summary: 'Set a new password with a one-time link from an administrator',
      description: 'Ends every session of the account and lifts a lockout.',
      tags: ['accounts'],
      body: z.object({
        token: z.string().min(1).max(200).describe('the part after #token= of the link'),
        password: Password.describe('at least 12 characters'),
      }),
      response: z.object({ email: z.string() }),
      errors: ['RESET_LINK_INVALID'],
      bodyLimit: SMALL_BODY,
    },
    async ({ body, actor, request }) => resetPassword(db, contextOf(request, actor), body),
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/users',
      operationId: 'listUsers',
      summary: 'The members of the organisation with role, area scope and sign-in state',
      tags: ['accounts'],
      params: OrgParams,
      response: z.array(MemberSchema),
      access: 'accounts:manage',
    },
    async ({ actor }) => listMembers(db, actor.organization!.id),
  ),
  defineRoute(
    {
      method: 'POST',
      path: '/orgs/:org/users',
      operationId: 'createUser',
      summary: 'Add a person with a role; a new account gets a one-time link to set its password',
      description:
        'An email address that already has an account (in another organisation) gets a membership here; its password stays.',
      tags: ['accounts'],
      params: OrgParams,
      body: z.object({
        email: Email,
        displayName: z.string().trim().min(1).max(200),
        role: Role,
        areas: Areas.optional(),
      }),
      response: z.object({
        user: MemberSchema,
        accountCreated: z.boolean(),
        resetLink: ResetLink.nullable().describe('for a new account: hand it to the person'),
      }),
      errors: ['CONFLICT'],
      bodyLimit: 64 * 1024,
      access: 'accounts:manage',
    },
    async ({ body, actor, request }) => {
      const context = contextOf(request, actor)
      const organizationId = actor.organization!.id
      const result = await createUser(db, context, { ...body, organizationId })
      const link = result.accountCreated
        ? await issuePasswordReset(db, context, { organizationId, userId: result.user.id })
        : null
      return {
        ...result,
        resetLink: link && { path: link.path, expiresAt: link.expiresAt },
      }
    },
  ),
  defineRoute(
    {
      method: 'PATCH',
      path: '/orgs/:org/users/:id',
      operationId: 'updateUser',
      summary: "Change a member's role, name, area scope, or disable the membership",
      tags: ['accounts'],
      params: UserParams,
      body: z.object({
        role: Role.optional(),
        displayName: z.string().trim().min(1).max(200).optional(),
        disabled: z.boolean().optional(),
        areas: Areas.optional(),
      }),
      response: MemberSchema,
      errors: ['NOT_FOUND', 'CONFLICT'],
      bodyLimit: 64 * 1024,
      access: 'accounts:manage',
    },
    async ({ params, body, actor, request }) =>
      updateMember(db, contextOf(request, actor), {
        ...body,
        organizationId: actor.organization!.id,
        userId: params.id,
      }),
  ),
  defineRoute(
    {
      method: 'POST',
      path: '/orgs/:org/users/:id/password-reset',
      operationId: 'issuePasswordReset',
      summary: 'Issue a one-time password-reset link for a member (valid 24 hours)',
      description:
        'Only for accounts that belong to this organisation alone; earlier links stop working.',
      tags: ['accounts'],
      params: UserParams,
      response: ResetLink,
      errors: ['NOT_FOUND'],
      bodyLimit: SMALL_BODY,
      access: 'accounts:manage',
    },
    async ({ params, actor, request }) => {
      const link = await issuePasswordReset(db, contextOf(request, actor), {
        organizationId: actor.organization!.id,
        userId: params.id,
      })
      return { path: link.path, expiresAt: link.expiresAt }
    },
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/tokens',
      operationId: 'listTokens',
      summary: 'The API tokens of the organisation (never the tokens themselves)',
      tags: ['accounts'],
      params: OrgParams,
      response: z.array(TokenSchema),
      access: 'accounts:manage',
    },
    async ({ actor }) => listTokens(db, actor.organization!.id),
  ),
  defineRoute(
    {
      method: 'POST',
      path: '/orgs/:org/tokens',
      operationId: 'createToken',
      summary: 'Create an API token for automation; the answer shows it once',
      description: `Scopes are permissions: ${PERMISSIONS.join(', ')}.`,
      tags: ['accounts'],
      params: OrgParams,
      body: z.object({
        name: z.string().trim().min(1).max(100),
        scopes: z.array(z.string().max(100)).max(50),
        expiresInDays: z.number().int().min(1).max(366).optional().describe('default 90'),
      }),
      response: TokenSchema.extend({ token: z.string().describe('shown only now') }),
      bodyLimit: SMALL_BODY,
      access: 'accounts:manage',
    },
    async ({ body, actor, request }) => {
      const { token, summary } = await createApiToken(db, contextOf(request, actor), {
        ...body,
        organizationId: actor.organization!.id,
      })
      return { ...summary, token }
    },
  ),
  defineRoute(
    {
      method: 'DELETE',
      path: '/orgs/:org/tokens/:id',
      operationId: 'revokeToken',
      summary: 'Revoke an API token at once',
      tags: ['accounts'],
      params: TokenParams,
      response: TokenSchema,
      errors: ['NOT_FOUND'],
      access: 'accounts:manage',
    },
    async ({ params, actor, request }) =>
      revokeApiToken(db, contextOf(request, actor), {
        organizationId: actor.organization!.id,
        tokenId: params.id,
      }),
  ),
  defineRoute(
    {
      method: 'GET',
      path: '/orgs/:org/audit',
      operationId: 'listAudit',
      summary: 'The audit log: who changed what and when, with the state before and after',
      description:
        'Newest first. format=csv exports every matching row (at most 100,000; narrow with from/to).',
      tags: ['accounts'],
      params: OrgParams,
      query: PageQuery.extend({
        action: z
          .string()
          .regex(
            /^[a-z_]+(\.[a-z_]+)?$/,
            'expected an action like user.create or a prefix like user',
          )
          .optional(),
        entityType: z
          .string()
          .regex(/^[a-z_]+$/, 'expected an entity type like user')
          .optional(),
        from: Timestamp.optional(),
        to: Timestamp.optional(),
        format: z.enum(['json', 'csv']).default('json'),
        locale: z.enum(['de', 'en']).default('de').describe('CSV: de = ";" separated'),
      }),
      response: pageOf(AuditSchema),
      produces: ['text/csv'],
      access: 'audit:read',
    },
    async ({ query, actor, reply }) => {
      const organizationId = actor.organization!.id
      const filter = {
        action: query.action,
        entityType: query.entityType,
        from: query.from,
        to: query.to,
      }
      if (query.format === 'json') {
        const { rows, total } = await listAudit(db, organizationId, {
          ...filter,
          limit: query.limit,
          offset: query.offset,
        })
        return { data: rows, page: { limit: query.limit, offset: query.offset, total } }
      }
      const { rows, total } = await listAudit(db, organizationId, {
        ...filter,
        limit: 100_000,
        offset: 0,
      })
      if (total > 100_000) {
        throw new ApiError(
          'VALIDATION_FAILED',
          `The selection has ${total} audit rows; an export holds at most 100,000: narrow it with from and to.`,
        )
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${actor.organization!.slug}-audit.csv"`,
        )
        .send(auditCsv(rows, query.locale))
    },
  ),
  defineRoute(
    {
      method: 'PATCH',
      path: '/orgs/:org/settings',
      operationId: 'updateOrganizationSettings',
      summary: 'Change organisation settings: name, logo, minimum case number, language, district',
      description:
        'A new minimum case number changes what the public sees at once (disclosure control).',
      tags: ['accounts'],
      params: OrgParams,
      body: z.object({
        name: z.string().trim().min(1).max(200).optional(),
        logo: z
          .string()
          .max(262_144)
          .nullable()
          .optional()
          .describe('data:image/png;base64,… (png, jpeg, webp, svg+xml; ≤ 256 KiB) or null'),
        minCaseNumber: z.number().int().min(1).max(1000).optional(),
        defaultLanguage: z.enum(['de', 'en']).optional(),
        parent: OrgParams.shape.org
          .nullable()
          .optional()
          .describe('slug of the district this municipality belongs to, or null'),
      }),
      response: z.object({
        name: z.string(),
        logo: z.string().nullable(),
        minCaseNumber: z.number(),
        defaultLanguage: z.enum(['de', 'en']),
        parent: z.string().nullable(),
      }),
      errors: ['NOT_FOUND'],
      bodyLimit: 512 * 1024,
      access: 'accounts:manage',
    },
    async ({ body, actor, request }) =>
      updateOrganizationSettings(db, contextOf(request, actor), actor.organization!.id, body),
  ),
]
