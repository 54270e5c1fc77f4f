import { z } from 'zod'

import { CSRF_HEADER, SESSION_COOKIE } from './auth.js'
import { ERROR_CODES } from './errors.js'
import type { RouteSpec } from './routes.js'

const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe(`one of ${Object.keys(ERROR_CODES).join(', ')}`),
    message: z.string().describe('what was expected, where, and what came instead'),
    details: z.unknown().optional(),
  }),
})

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(type, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return rest
}

const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'Set by POST /api/auth/login. Writes (POST, PUT, PATCH, DELETE) must also send the header ' +
      `${CSRF_HEADER} with the csrfToken of the sign-in answer (or of GET /api/auth/me).`,
  },
  token: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token of one organisation (POST /api/orgs/{org}/tokens), limited to its scopes. ' +
      'No CSRF header needed.',
  },
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** What the declared `access` of an operation means, in words. */
function accessText(access: string, permissions: Record<string, string>): string {
  if (access === 'public') return 'Access: everyone (no sign-in needed).'
  if (access === 'authenticated') return 'Access: anyone signed in to the organisation.'
  const what = permissions[access]
  return `Access: permission \`${access}\`${what ? ` (${what})` : ''}.`
}

/**
 * Turns the declared routes into an OpenAPI 3.1 document. Each operation carries its declared
 * access as `x-access` (`public`, `authenticated` or a permission), its `security` and the 401/403
 * answers that follow from it; `permissions` describes each permission (who holds it).
 */
export function openApiDocument(
  routes: RouteSpec[],
  info: { title: string; version: string; description: string },
  permissions: Record<string, string> = {},
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const spec of routes) {
    const access = spec.access ?? 'public'
    const path = `/api${spec.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`
    const parameters: Record<string, unknown>[] = []
    for (const [where, type] of [
      ['path', spec.params],
      ['query', spec.query],
    ] as const) {
      if (!type) continue
      const json = schema(type, 'input') as {
        properties?: Record<string, Record<string, unknown>>
        required?: string[]
      }
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        const { description, ...propertySchema } = property
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          ...(description ? { description } : {}),
          schema: propertySchema,
        })
      }
    }
    const content: Record<string, unknown> = {
      'application/json': spec.response ? { schema: schema(spec.response) } : {},
    }
    for (const type of spec.produces ?? []) content[type] = {}
    const codes = ['VALIDATION_FAILED', ...(spec.errors ?? [])]
    if (access !== 'public') codes.push('UNAUTHENTICATED', 'FORBIDDEN')
    if (UNSAFE.has(spec.method)) codes.push('CSRF_FAILED')
    const byStatus = new Map<string, string[]>()
    for (const code of codes) {
      const status = String(ERROR_CODES[code as keyof typeof ERROR_CODES] ?? 400)
      const list = byStatus.get(status) ?? []
      if (!list.includes(code)) list.push(code)
      byStatus.set(status, list)
    }
    const errorResponses: Record<string, unknown> = {}
    for (const [status, list] of [...byStatus].sort(([a], [b]) => a.localeCompare(b))) {
      errorResponses[status] = {
        description: list.join(' or '),
        content: { 'application/json': { schema: schema(ErrorBody) } },
      }
    }
    const description = [spec.description, accessText(access, permissions)]
      .filter(Boolean)
      .join('\n\n')
    paths[path] ??= {}
    paths[path][spec.method.toLowerCase()] = {
      operationId: spec.operationId,
      summary: spec.summary,
      description,
      tags: spec.tags,
      'x-access': access,
      security:
        access === 'public'
          ? [{}, { session: [] }, { token: [] }]
          : [{ session: [] }, { token: [] }],
      parameters,
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: { '200': { description: 'OK', content }, ...errorResponses },
    }
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
    'x-permissions': permissions,
  }
}
