/**
 * The operator's basemap end to end in the server: PLANRAUM_BASEMAP_* are read by loadConfig,
 * answered by the public GET /api/config and added to the CSP's connect-src and img-src of every
 * answer — exactly those origins, nothing else widened. Without them the server stays offline.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import type { Database } from '../../src/platform/db/index.js'
import { loadConfig } from '../../src/platform/config.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

/** The policy as directive → sources. */
const directives = (policy: unknown) =>
  Object.fromEntries(
    String(policy)
      .split('; ')
      .map((directive) => {
        const [name, ...sources] = directive.split(' ')
        return [name!, sources]
      }),
  )

describe.each(testTargets())('basemap configuration on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let offline: FastifyInstance
  let withBasemap: FastifyInstance

  const app = (env: NodeJS.ProcessEnv) =>
    buildApp({
      db,
      config: { ...loadConfig({ LOG_LEVEL: 'silent', ...env }), webDir: '/nonexistent' },
      logger: createLogger('silent'),
    })

  beforeAll(async () => {
    ;({ db, dispose } = await target.create())
    offline = await app({})
    withBasemap = await app({
      PLANRAUM_BASEMAP_STYLE_URL: 'https://maps.example.org/styles/colour.json?key=public',
      PLANRAUM_BASEMAP_HOSTS: 'https://tiles.example.org,https://*.glyphs.example.net',
    })
  })
  afterAll(async () => {
    await offline?.close()
    await withBasemap?.close()
    await dispose?.()
  })

  it('answers no basemap and names no other host by default', async () => {
    const response = await offline.inject({ url: '/api/config' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ basemapStyleUrl: null })
    const csp = String(response.headers['content-security-policy'])
    expect(csp).not.toMatch(/https?:/)
    expect(directives(csp)['connect-src']).toEqual(["'self'"])
  })

  it('answers the configured style to anyone and allows exactly its origins', async () => {
    const response = await withBasemap.inject({ url: '/api/config' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      basemapStyleUrl: 'https://maps.example.org/styles/colour.json?key=public',
    })
    const origins = [
      'https://maps.example.org',
      'https://tiles.example.org',
      'https://*.glyphs.example.net',
    ]
    const withMap = directives(response.headers['content-security-policy'])
    const without = directives(
      (await offline.inject({ url: '/api/config' })).headers['content-security-policy'],
    )
    expect(withMap['connect-src']).toEqual(["'self'", ...origins])
    expect(withMap['img-src']).toEqual(["'self'", 'data:', 'blob:', ...origins])
    expect({ ...withMap, 'connect-src': [], 'img-src': [] }).toEqual({
      ...without,
      'connect-src': [],
      'img-src': [],
    })
  })

  it('widens the embed page, the web app and errors alike, but not the API docs', async () => {
    for (const url of ['/embed/atlas', '/atlas', '/api/nothing-here']) {
      const csp = directives((await withBasemap.inject({ url })).headers['content-security-policy'])
      expect(csp['connect-src'], url).toContain('https://tiles.example.org')
    }
    const embed = await withBasemap.inject({ url: '/embed/atlas' })
    expect(directives(embed.headers['content-security-policy'])['frame-ancestors']).toEqual(['*'])
    const docs = await withBasemap.inject({ url: '/api/docs' })
    expect(String(docs.headers['content-security-policy'])).not.toContain('example')
  })

  it('documents GET /api/config as a public operation', async () => {
    const document = (await withBasemap.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Record<string, unknown>>>
    }
    const operation = document.paths['/api/config']?.get
    expect(operation).toMatchObject({ operationId: 'getWebConfig', 'x-access': 'public' })
    expect(JSON.stringify(operation?.responses)).toContain('basemapStyleUrl')
  })
})
