import { existsSync } from 'node:fs'
import path from 'node:path'

import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import { createHash, randomUUID } from 'node:crypto'

import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'

import type { Logger } from '../log.js'
import { registerAuthentication, type Authenticate } from './auth.js'
import { docsPage, DOCS_SCRIPT } from './docs.js'
import { COMPRESS_MIN_BYTES, COMPRESSIBLE } from './compression.js'
import { ApiError } from './errors.js'
import { openApiDocument } from './openapi.js'
import type { DefinedRoute } from './routes.js'
import { contentSecurityPolicy, cspHash, registerSecurityHeaders } from './security.js'

/** What a domain module contributes to the HTTP server (see each module's module.ts). */
export interface HttpModule {
  name: string
  /** Operations, registered under /api and listed in the OpenAPI document. */
  routes: DefinedRoute[]
  /** The permissions the module declares, each with a description (shown in the API docs). */
  permissions?: Record<string, string>
  /**
   * Resolves the actor of a request (session cookie, API token). At most one module provides it
   * (accounts); without one every request is anonymous.
   */
  authenticate?: Authenticate
}

export interface HttpServerOptions {
  logger: Logger
  /** The built web app (vite build output); when missing, `/` explains how to build it. */
  webDir: string
  modules: HttpModule[]
  /** Answers GET /api/health; throws when a dependency (the database) is unusable. */
  health: () => Promise<Record<string, unknown>>
  version: string
  /** Resolves the actor of a request; default: the one a module provides, else anonymous. */
  authenticate?: Authenticate
  /**
   * Trust X-Forwarded-For/-Proto/-Host from a reverse proxy (Fastify's `trustProxy`): needed for
   * Secure cookies and client IPs behind a TLS-terminating proxy. Default false.
   */
  trustProxy?: boolean | string | string[]
  /** Origins of the operator's basemap, allowed in the CSP's connect-src and img-src. */
  mapOrigins?: readonly string[]
}

/** Where Vite puts the built web app's files, each named with a hash of its content. */
const HASHED_ASSETS = '/assets/'

/**
 * Whether an If-None-Match header names `etag`, by weak comparison (RFC 9110 §13.1.2): `W/"x"`
 * and `"x"` match; `*` matches any.
 *
 * @example notModified('W/"a", "b"', 'W/"b"') // true
 */
export function notModified(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag))
}

/**
 * Builds the Fastify server: coded JSON errors under /api, module routes, the health endpoint and
 * the web app as static files with a fallback to index.html for client-side routes.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // Default for every route; a route may declare its own (RouteSpec.bodyLimit).
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: options.trustProxy ?? false,
    // Unique across processes and restarts: the audit log records it.
    genReqId: () => randomUUID(),
  })

  const authenticators = options.modules.filter((m) => m.authenticate !== undefined)
  if (authenticators.length > 1) {
    throw new Error(
      `Only one module may authenticate requests; got ${authenticators.map((m) => m.name).join(', ')}.`,
    )
  }
  // Uploaded files (statistics, boundaries) arrive as raw bytes; routes set their own bodyLimit.
  app.addContentTypeParser(
    [
      'application/octet-stream',
      'text/csv',
      'application/zip',
      'application/geo+json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  )
  registerSecurityHeaders(app, { mapOrigins: options.mapOrigins })
  registerAuthentication(app, options.authenticate ?? authenticators[0]?.authenticate)

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
      if (error.headers) reply.headers(error.headers)
      return reply
        .status(error.statusCode)
        .send({ error: { code: error.code, message: error.message, details: error.details } })
    }
    const status = (error as { statusCode?: number }).statusCode
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large …): keep the status, give a code.
      return reply.status(status).send({
        error: {
          code: (error as { code?: string }).code ?? 'BAD_REQUEST',
          message: (error as Error).message,
        },
      })
    }
    request.log.error({ err: error }, 'request failed')
    // Never a stack trace to the client.
    return reply
      .status(500)
      .send({ error: { code: 'INTERNAL', message: 'An internal error occurred; it was logged.' } })
  })

  app.get('/api/health', async (_request, reply) => {
    try {
      return { status: 'ok', ...(await options.health()) }
    } catch (error) {
      options.logger.error({ err: error }, 'health check failed')
      return reply.status(503).send({ status: 'unavailable', error: (error as Error).message })
    }
  })

  // ETag on every successful GET under /api: a client that has the same bytes gets 304. A route
  // that knows its answer's version (a cached topology, a stored report) sets its own.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || !request.url.startsWith('/api/')) {
      return payload
    }
    let etag = reply.getHeader('etag')
    if (typeof etag !== 'string') {
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
      // Weak: the same answer may travel compressed or not (RFC 9110 §8.8.1).
      etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`
      reply.header('etag', etag)
    }
    // A signed-in answer may hold internal data: never in a shared cache. A route that sets its
    // own rule (a stored report: public for 5 minutes, or never stored) keeps it.
    if (!reply.hasHeader('cache-control')) {
      reply.header(
        'cache-control',
        request.actor?.kind === 'anonymous' ? 'no-cache' : 'private, no-cache',
      )
    }
    if (request.actor?.kind !== 'anonymous') {
      const vary = reply.getHeader('vary')
      reply.header('vary', [vary, 'Cookie, Authorization'].filter(Boolean).join(', '))
    }
    if (notModified(request.headers['if-none-match'], etag)) {
      reply.code(304)
      return ''
    }
    return payload
  })

  // The web app's build output under /assets/ carries a content hash in every file name: a
  // browser may keep it for a year without asking again (a new build has new names).
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 200 && request.url.startsWith(HASHED_ASSETS)) {
      reply.header('cache-control', 'public, max-age=31536000, immutable')
    }
    return payload
  })

  // Compresses what the routes registered from here on answer (Brotli or gzip, as the client
  // accepts): the atlas's TopoJSON, value tables and the web app's scripts travel at a fifth to a
  // tenth of their size. Registered after the ETag hook, which therefore hashes the plain bytes.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_MIN_BYTES,
    customTypes: COMPRESSIBLE,
  })

  const routes = options.modules.flatMap((module) => module.routes)
  await app.register(
    async (api) => {
      for (const route of routes) route.register(api)
    },
    { prefix: '/api' },
  )
  const document = openApiDocument(
    routes.map((r) => r.spec),
    {
      title: 'Planraum API',
      version: options.version,
      description:
        'Small-area social monitoring: layers, areas, variables, indicators and their values. ' +
        'Errors answer with {"error": {"code", "message"}}; codes are stable. ' +
        'Each operation names its access in x-access: public, authenticated or a permission.',
    },
    Object.assign({}, ...options.modules.map((m) => m.permissions ?? {})) as Record<string, string>,
  )
  app.get('/api/openapi.json', async () => document)
  // The docs page has one inline <style>: allow exactly that one by its hash.
  const docsHtml = docsPage()
  const docsStyles = [...docsHtml.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) =>
    cspHash(m[1]!),
  )
  const docsCsp = contentSecurityPolicy({ styleHashes: docsStyles })
  app.get('/api/docs', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', docsCsp)
      .send(docsHtml),
  )
  app.get('/api/docs/docs.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(DOCS_SCRIPT),
  )

  const hasWeb = existsSync(path.join(options.webDir, 'index.html'))
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: options.webDir,
      wildcard: false,
      index: 'index.html',
      // The .br and .gz copies the build writes (scripts/precompress.js); the compression hook
      // leaves an answer alone that is compressed already.
      preCompressed: true,
    })
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return reply.status(404).send({
        error: {
          code: 'NOT_FOUND',
          message: `No API route ${request.method} ${request.url.split('?')[0]}.`,
        },
      })
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found.' } })
    }
    if (!hasWeb) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The Planraum web app is not built. Run `npm run build` and start again.\n')
    }
    // A file of an older build: a 404, not the page in its place (a script that is HTML fails
    // obscurely, and would be kept for a year).
    if (request.url.startsWith(HASHED_ASSETS)) {
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(`No file ${request.url.split('?')[0]}: reload the page for the current version.\n`)
    }
    // Client-side routes of the single-page app.
    return reply.sendFile('index.html')
  })
  return app
}
