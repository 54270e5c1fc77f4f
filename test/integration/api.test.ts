/**
 * The HTTP API over a real database with the demo city loaded, on PGlite and (with DATABASE_URL)
 * on the PostgreSQL server. Requests go through Fastify's inject(): no network, no mocks.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { precompress } from '../../scripts/precompress.js'
import { buildApp } from '../../src/app.js'
import { generateMusterstadt, loadDemo, type DemoCity } from '../../src/modules/demo/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

const city: DemoCity = generateMusterstadt()

describe.each(testTargets())('API with Musterstadt on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url })
    return { status: response.statusCode, body: response.json() as unknown, response }
  }

  beforeAll(async () => {
    ;({ db, dispose } = await target.create())
    const result = await loadDemo(db, { city })
    expect(result.status).toBe('loaded')
    app = await buildApp({
      db,
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
  })
  afterAll(async () => {
    await app?.close()
    await dispose()
  })

  it('loads the demo once: a second load finds it and changes nothing', async () => {
    const again = await loadDemo(db, { city })
    expect(again.status).toBe('present')
    expect(again.areas).toBe(city.areas.length)
    expect(again.facilities).toBe(city.facilities.length)
    const expectedObservations = city.observations.values.filter((v) => !Number.isNaN(v)).length
    expect(again.observations).toBe(expectedObservations)
    const [imp] = await db.query<{ kind: string; row_count: number; n: number }>(
      `select i.kind, i.row_count, (select count(*)::int from observation o where o.import_id = i.id) as n
         from data_import i`,
    )
    expect(imp).toEqual({ kind: 'demo', row_count: expectedObservations, n: expectedObservations })
  })

  it('answers the health check', async () => {
    const { status, body } = await get('/api/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', database: target.name })
  })

  it('lists the organisation and its layers with area counts', async () => {
    expect((await get('/api/orgs')).body).toEqual([
      expect.objectContaining({ slug: 'musterstadt', name: 'Musterstadt', isDemo: true }),
    ])
    const { body } = await get('/api/orgs/musterstadt/layers')
    const layers = body as { key: string; level: number; areaCount: number }[]
    expect(layers.map((l) => l.key)).toEqual(['gesamtstadt', 'stadtbezirk', 'sozialraum', 'block'])
    for (const layer of layers) {
      expect(layer.areaCount).toBe(city.areas.filter((a) => a.layerKey === layer.key).length)
    }
  })

  it('serves areas as GeoJSON whose parents nest exactly (areas add up in PostGIS)', async () => {
    const { body, response } = await get('/api/orgs/musterstadt/areas?layer=stadtbezirk')
    expect(response.headers['content-type']).toMatch(/application\/geo\+json/)
    const fc = body as {
      features: { id: string; properties: { areaKm2: number; parentCode: string } }[]
    }
    expect(fc.features).toHaveLength(city.areas.filter((a) => a.layerKey === 'stadtbezirk').length)
    expect(fc.features.every((f) => f.properties.parentCode === '0')).toBe(true)
    const total = fc.features.reduce((sum, f) => sum + f.properties.areaKm2, 0)
    const whole = (await get('/api/orgs/musterstadt/areas?layer=gesamtstadt')).body as typeof fc
    expect(total).toBeCloseTo(whole.features[0]!.properties.areaKm2, 2)
    // No overlaps between blocks, no gaps: their union is the city, and areas of intersections vanish.
    const [check] = await db.query<{ overlap: number; diff: number }>(
      `with b as (select a.id, a.geom from area a join area_layer l on l.id = a.layer_id where l.key = 'block'),
            c as (select a.geom from area a join area_layer l on l.id = a.layer_id where l.key = 'gesamtstadt')
       select (select coalesce(sum(ST_Area(ST_Intersection(x.geom, y.geom))), 0)
                 from b x join b y on x.id < y.id and ST_Intersects(x.geom, y.geom)) as overlap,
              (select ST_Area(ST_SymDifference(ST_Union(b.geom), (select geom from c))) from b) as diff`,
    )
    expect(check!.overlap).toBeLessThan(1e-12)
    expect(check!.diff).toBeLessThan(1e-12)
  })

  it('simplifies boundaries for a zoom level: fewer vertices, same areas', async () => {
    type FC = { features: { id: string; geometry: { coordinates: number[][][][] } }[] }
    const count = (fc: FC) =>
      fc.features.reduce((n, f) => n + f.geometry.coordinates.flat(2).length, 0)
    const full = (await get('/api/orgs/musterstadt/areas?layer=stadtbezirk')).body as FC
    const coarse = (await get('/api/orgs/musterstadt/areas?layer=stadtbezirk&zoom=9')).body as FC
    expect(coarse.features.map((f) => f.id)).toEqual(full.features.map((f) => f.id))
    expect(count(coarse)).toBeLessThan(count(full) * 0.8)
    const bad = await get('/api/orgs/musterstadt/areas?layer=stadtbezirk&zoom=30')
    expect(bad.status).toBe(400)
  })

  it('sums residents up the hierarchy: every layer gives the same city total', async () => {
    const totals: number[] = []
    for (const layer of ['gesamtstadt', 'stadtbezirk', 'sozialraum', 'block']) {
      const { body } = await get(`/api/orgs/musterstadt/population?layer=${layer}&period=2024`)
      const values = (body as { values: { population: number }[] }).values
      totals.push(values.reduce((sum, v) => sum + v.population, 0))
    }
    expect(new Set(totals).size).toBe(1)
    // …and the total equals the generator's own sum of the resident variables.
    const { variableKeys, areaCodes, periods, values } = city.observations
    const p = periods.indexOf(2024)
    let expected = 0
    variableKeys.forEach((key, v) => {
      if (!/^pop_[mf]_(de|nd)_/.test(key)) return
      for (let a = 0; a < areaCodes.length; a++) {
        expected += values[(v * areaCodes.length + a) * periods.length + p]!
      }
    })
    expect(totals[0]).toBe(expected)
    expect(expected).toBeGreaterThan(140_000)
    expect(expected).toBeLessThan(160_000)
  })

  it('summarises periods, population, layers and facilities', async () => {
    const { body } = await get('/api/orgs/musterstadt/summary')
    const summary = body as {
      periods: { first: number; last: number }
      population: { period: number; value: number }[]
      facilities: { category: string; count: number }[]
    }
    expect(summary.periods).toEqual({ first: 2015, last: 2024 })
    expect(summary.population.map((p) => p.period)).toEqual([
      2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
    ])
    expect(summary.facilities.reduce((s, f) => s + f.count, 0)).toBe(city.facilities.length)
  })

  it('serves facilities with their providers as GeoJSON points', async () => {
    const { body } = await get('/api/orgs/musterstadt/facilities')
    const fc = body as {
      features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[]
    }
    expect(fc.features).toHaveLength(city.facilities.length)
    const kinds = new Set(fc.features.map((f) => f.properties.providerKind))
    expect(kinds).toEqual(new Set(['public', 'free_welfare', 'private']))
    const associations = new Set(fc.features.map((f) => f.properties.association).filter(Boolean))
    for (const a of ['AWO', 'Caritas', 'Diakonie', 'DRK', 'Paritätischer'])
      expect(associations).toContain(a)
  })

  it('answers errors with stable codes and messages that say what was expected', async () => {
    const unknownOrg = await get('/api/orgs/nowhere/layers')
    expect(unknownOrg.status).toBe(404)
    expect(unknownOrg.body).toMatchObject({ error: { code: 'NOT_FOUND' } })
    const unknownLayer = await get('/api/orgs/musterstadt/areas?layer=kreis')
    expect(unknownLayer.status).toBe(404)
    expect((unknownLayer.body as { error: { message: string } }).error.message).toMatch(
      /known layers: gesamtstadt, stadtbezirk, sozialraum, block/,
    )
    const badQuery = await get('/api/orgs/musterstadt/population?layer=Sozial%20raum&period=abc')
    expect(badQuery.status).toBe(400)
    expect(badQuery.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
    expect((badQuery.body as { error: { message: string } }).error.message).toMatch(/query\.layer/)
    const noRoute = await get('/api/nothing-here')
    expect(noRoute.status).toBe(404)
    expect(noRoute.body).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('keeps tenants apart: another organisation sees none of Musterstadt', async () => {
    const [other] = await db.query<{ id: number }>(
      `insert into organization (slug, name) values ('nachbarstadt', 'Nachbarstadt') returning id`,
    )
    await db.query(
      `insert into area_layer (organization_id, key, name_de, name_en, level) values ($1, 'sozialraum', 'Sozialraum', 'Social area', 0)`,
      [other!.id],
    )
    const areas = (await get('/api/orgs/nachbarstadt/areas?layer=sozialraum')).body as {
      features: unknown[]
    }
    expect(areas.features).toEqual([])
    const facilities = (await get('/api/orgs/nachbarstadt/facilities')).body as {
      features: unknown[]
    }
    expect(facilities.features).toEqual([])
    const summary = (await get('/api/orgs/nachbarstadt/summary')).body as Record<string, unknown>
    expect(summary).toMatchObject({ periods: null, population: [], facilities: [] })
    const population = await get('/api/orgs/nachbarstadt/population?layer=sozialraum')
    expect(population.status).toBe(404)
  })

  it('tells the browser how to build the web app when it is missing', async () => {
    const response = await app.inject({ method: 'GET', url: '/' })
    expect(response.statusCode).toBe(503)
    expect(response.body).toMatch(/npm run build/)
  })
})

describe('API documentation and caching', () => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  beforeAll(async () => {
    ;({ db, dispose } = await testTargets()[0]!.create())
    app = await buildApp({
      db,
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
  })
  afterAll(async () => {
    await app?.close()
    await dispose()
  })

  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' })
    const doc = response.json() as {
      openapi: string
      paths: Record<
        string,
        Record<
          string,
          { operationId: string; parameters: { name: string; in: string; required: boolean }[] }
        >
      >
    }
    expect(doc.openapi).toBe('3.1.0')
    const areas = doc.paths['/api/orgs/{org}/areas']!.get!
    expect(areas.operationId).toBe('getAreas')
    expect(areas.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'org', in: 'path', required: true }),
        expect.objectContaining({ name: 'layer', in: 'query', required: true }),
        expect.objectContaining({ name: 'zoom', in: 'query', required: false }),
      ]),
    )
    const docs = await app.inject({ method: 'GET', url: '/api/docs' })
    expect(docs.headers['content-type']).toMatch(/text\/html/)
    expect(docs.body).toMatch(/\/api\/docs\/docs\.js/)
  })

  it('answers a repeated GET with the same ETag by 304 Not Modified', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/orgs' })
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^W\/"[\w-]+"$/)
    const second = await app.inject({
      method: 'GET',
      url: '/api/orgs',
      headers: { 'if-none-match': etag },
    })
    expect(second.statusCode).toBe(304)
    expect(second.body).toBe('')
    await db.query(`insert into organization (slug, name) values ('neustadt', 'Neustadt')`)
    const third = await app.inject({
      method: 'GET',
      url: '/api/orgs',
      headers: { 'if-none-match': etag },
    })
    expect(third.statusCode).toBe(200)
    expect(third.headers.etag).not.toBe(etag)
  })

  it('compresses large answers for clients that accept it: same bytes, same ETag', async () => {
    const url = '/api/openapi.json'
    const plain = await app.inject({ method: 'GET', url })
    expect(plain.headers['content-encoding']).toBeUndefined()
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } })
    const gzip = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body)
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body)
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(br.headers.etag).toBe(plain.headers.etag)
    // Weak comparison: the strong form of the tag matches as well.
    const strong = (plain.headers.etag as string).replace(/^W\//, '')
    const again = await app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'br', 'if-none-match': strong },
    })
    expect(again.statusCode).toBe(304)
    // Small answers go as they are.
    const small = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'accept-encoding': 'br' },
    })
    expect(small.headers['content-encoding']).toBeUndefined()
  })
})

describe("the web app's files", () => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let webDir: string
  const script = `export const words = ${JSON.stringify('Sozialraum '.repeat(500))}\n`
  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'planraum-web-'))
    mkdirSync(path.join(webDir, 'assets'))
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>')
    writeFileSync(path.join(webDir, 'assets', 'index-Ab12Cd34.js'), script)
    writeFileSync(path.join(webDir, 'assets', 'late-Ef56Gh78.js'), script)
    // As the build leaves them: .br and .gz beside each file; one file of a later build without.
    expect(await precompress(webDir)).toMatchObject({ files: 2 })
    rmSync(path.join(webDir, 'assets', 'late-Ef56Gh78.js.br'))
    rmSync(path.join(webDir, 'assets', 'late-Ef56Gh78.js.gz'))
    ;({ db, dispose } = await testTargets()[0]!.create())
    app = await buildApp({
      db,
      config: { webDir, logLevel: 'silent' },
      logger: createLogger('silent'),
    })
  })
  afterAll(async () => {
    await app?.close()
    await dispose()
    rmSync(webDir, { recursive: true, force: true })
  })

  it('lets browsers keep hashed files for a year and sends the copies compressed at build', async () => {
    const file = path.join(webDir, 'assets', 'index-Ab12Cd34.js')
    const url = '/assets/index-Ab12Cd34.js'
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } })
    expect(br.statusCode).toBe(200)
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(br.headers['content-encoding']).toBe('br')
    // The very bytes of the build's copy, not compressed again per request.
    expect(br.rawPayload.equals(readFileSync(`${file}.br`))).toBe(true)
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script)
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.rawPayload.equals(readFileSync(`${file}.gz`))).toBe(true)
    const plain = await app.inject({ url })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
    // A file without copies is compressed on the way out.
    const late = await app.inject({
      url: '/assets/late-Ef56Gh78.js',
      headers: { 'accept-encoding': 'br' },
    })
    expect(late.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(late.rawPayload).toString()).toBe(script)
  })

  it('has the browser ask again for the page itself; a missing file is a 404', async () => {
    const response = await app.inject({ url: '/atlas' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).not.toMatch(/immutable/)
    // A file of an older build is missing, not the page in its place.
    const missing = await app.inject({ url: '/assets/gone-Zz99.js' })
    expect(missing.statusCode).toBe(404)
    expect(missing.body).toMatch(/reload the page/)
    expect(missing.headers['cache-control'] ?? '').not.toMatch(/immutable/)
  })
})
