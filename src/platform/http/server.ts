import { existsSync } from 'node:fs'
import path from 'node:path'

import fastifyStatic from '@fastify/static'
import { createHash } from 'node:crypto'

import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'

import type { Logger } from '../log.js'
import { docsPage, DOCS_SCRIPT } from './docs.js'
import { ApiError } from './errors.js'
import { openApiDocument } from './openapi.js'
import type { DefinedRoute } from './routes.js'

/** What a domain module contributes to the HTTP server (see each module's module.ts). */
export interface HttpModule {
  name: string
  /** Operations, registered under /api and listed in the OpenAPI document. */
  routes: DefinedRoute[]
}

export interface HttpServerOptions {
  logger: Logger
  /** The built web app (vite build output); when missing, `/` explains how to build it. */
  webDir: string
  modules: HttpModule[]
  /** Answers GET /api/health; throws when a dependency (the database) is unusable. */
  health: () => Promise<Record<string, unknown>>
  version: string
}

/**
 * Builds the Fastify server: coded JSON errors under /api, module routes, the health endpoint and
 * the web app as static files with a fallback to index.html for client-side routes.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  })

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
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

  // ETag on every successful GET under /api: a client that has the same bytes gets 304.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || !request.url.startsWith('/api/')) {
      return payload
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`
    reply.header('etag', etag)
    reply.header('cache-control', 'no-cache')
    const match = request.headers['if-none-match']
    if (match !== undefined && match.split(/\s*,\s*/).includes(etag)) {
      reply.code(304)
      return ''
    }
    return payload
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
        'Errors answer with {"error": {"code", "message"}}; codes are stable.',
    },
  )
  app.get('/api/openapi.json', async () => document)
  app.get('/api/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(docsPage()),
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
    // Client-side routes of the single-page app.
    return reply.sendFile('index.html')
  })
  return app
}
