import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'

import { ANONYMOUS, authorize, type Access, type Actor } from './auth.js'
import { parseInput } from './validate.js'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * One API operation, declared once: the same zod schemas validate requests and generate the
 * OpenAPI 3.1 document (`/api/openapi.json`), so the documentation cannot drift from the code.
 */
export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: Method
  /** Fastify path below /api, e.g. `/orgs/:org/layers`. */
  path: string
  operationId: string
  summary: string
  description?: string
  tags: string[]
  params?: P
  query?: Q
  body?: B
  /** Schema of the JSON answer (status 200), for the documentation. */
  response?: z.ZodType
  /** Other media types the operation can answer with (besides application/json). */
  produces?: string[]
  /** Error codes (see errors.ts) the operation may answer with, besides VALIDATION_FAILED. */
  errors?: string[]
  /**
   * Who may call it: `public` (default), `authenticated`, or a permission such as
   * `accounts:manage`. Anything but `public` also requires that a path's `:org` is the actor's
   * own organisation. Answers 401 UNAUTHENTICATED / 403 FORBIDDEN otherwise.
   */
  access?: Access
  /** Largest accepted request body in bytes (default: the server's, 1 MiB). */
  bodyLimit?: number
}

export interface RouteInput<P, Q, B> {
  params: P
  query: Q
  body: B
  /** Who is asking (already authorized for the route's `access`). */
  actor: Actor
  request: FastifyRequest
  reply: FastifyReply
}

export interface DefinedRoute {
  spec: RouteSpec
  register(app: FastifyInstance): void
}

/**
 * Declares an operation and its handler; the handler receives validated, typed input and the
 * actor. The pipeline: authenticate (hook, auth.ts) → authorize (`access`: 401 before anything
 * else; the organisation in the path and the permission, 403, before the input is read, so an
 * actor without access learns nothing from validation messages) → validate → handler.
 *
 * @example
 * defineRoute({ method: 'GET', path: '/orgs', operationId: 'listOrganizations', summary: '…',
 *   tags: ['organisations'], response: z.array(Org) }, async () => listOrganizations(db))
 */
export function defineRoute<
  P extends z.ZodType = z.ZodObject,
  Q extends z.ZodType = z.ZodObject,
  B extends z.ZodType = z.ZodUnknown,
>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown>,
): DefinedRoute {
  return {
    spec: spec as unknown as RouteSpec,
    register(app) {
      app.route({
        method: spec.method,
        url: spec.path,
        ...(spec.bodyLimit !== undefined ? { bodyLimit: spec.bodyLimit } : {}),
        handler: async (request, reply) => {
          const actor = request.actor ?? ANONYMOUS
          const org = spec.path.includes(':org')
            ? String((request.params as Record<string, unknown>).org)
            : undefined
          authorize(actor, spec.access ?? 'public', org)
          const params = spec.params ? parseInput(spec.params, request.params, 'path') : {}
          const query = spec.query ? parseInput(spec.query, request.query, 'query') : {}
          const body = spec.body ? parseInput(spec.body, request.body, 'body') : undefined
          return handler({
            params: params as z.infer<P>,
            query: query as z.infer<Q>,
            body: body as z.infer<B>,
            actor,
            request,
            reply,
          })
        },
      })
    },
  }
}

/** Query parameters of paginated lists, and the page envelope they answer with. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int('expected a whole number')
    .min(1)
    .max(10_000)
    .default(1000)
    .describe('page size (1–10,000)'),
  offset: z.coerce
    .number()
    .int('expected a whole number')
    .min(0)
    .default(0)
    .describe('rows to skip'),
})

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    page: z.object({ limit: z.number(), offset: z.number(), total: z.number() }),
  })
