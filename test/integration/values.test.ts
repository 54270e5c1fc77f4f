/**
 * The indicator engine on a real database with the demo city: values by hand, aggregation up the
 * hierarchy, disclosure control on public output, formats, incremental recomputation.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import { audit } from '../../src/core/disclosure/index.js'
import { VISIBLE } from '../../src/core/indicators/types.js'
import { createUser } from '../../src/modules/accounts/index.js'
import { generateMusterstadt } from '../../src/modules/demo/index.js'
import { MonitoringEngine, selectValues } from '../../src/modules/monitoring/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

const city = generateMusterstadt()
const { variableKeys, areaCodes, periods, values } = city.observations
const obs = (key: string, code: string, year: number) => {
  const v = variableKeys.indexOf(key)
  const a = areaCodes.indexOf(code)
  return values[(v * areaCodes.length + a) * periods.length + periods.indexOf(year)]!
}
const sum = (keys: string[], codes: string[], year: number) =>
  keys.reduce((s, k) => s + codes.reduce((t, c) => t + obs(k, c, year), 0), 0)
const under15 = variableKeys.filter((k) => /^pop_[mf]_(de|nd)_(00_04|05_09|10_14)$/.test(k))

describe.each(testTargets())('indicator values on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let engine: MonitoringEngine
  let app: FastifyInstance
  let orgId: number

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    const [row] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    orgId = row!.id
    engine = new MonitoringEngine(db)
    app = await buildApp({
      db,
      engine,
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
  })
  afterAll(async () => {
    await app?.close()
    await dispose()
  })

  it('computes the whole default catalogue for every layer and year', async () => {
    const c = await engine.get(orgId)
    expect(c.invalid).toEqual([])
    expect(c.indicators.length).toBeGreaterThanOrEqual(35)
    expect(c.cube.periods).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024])
    expect(c.cube.areas.layerKeys).toEqual(['gesamtstadt', 'stadtbezirk', 'sozialraum', 'block'])
  })

  it('gives the city-wide child poverty rate from summed counts (checked by hand)', async () => {
    const c = await engine.get(orgId)
    const [row] = selectValues(c, 'internal', {
      indicators: ['child_poverty'],
      layer: 'gesamtstadt',
      periods: [2024],
      areas: [],
    }).rows
    const blocks = city.areas.filter((a) => a.layerKey === 'block').map((a) => a.code)
    const expected = (100 * sum(['sgb2_u15'], blocks, 2024)) / sum(under15, blocks, 2024)
    expect(row!.value).toBeCloseTo(expected, 10)
    expect(row!.numerator).toBe(sum(['sgb2_u15'], blocks, 2024))
  })

  it('aggregates a Sozialraum as the sum of its blocks, never the mean of their rates', async () => {
    const c = await engine.get(orgId)
    const rows = selectValues(c, 'internal', {
      indicators: ['child_poverty'],
      layer: 'sozialraum',
      periods: [2024],
      areas: [],
    }).rows
    let differsFromMean = 0
    for (const row of rows) {
      const blocks = city.areas
        .filter((a) => a.layerKey === 'block' && a.parentCode === row.areaCode)
        .map((a) => a.code)
      const num = sum(['sgb2_u15'], blocks, 2024)
      const den = sum(under15, blocks, 2024)
      expect(row.value).toBeCloseTo((100 * num) / den, 10)
      const rates = blocks
        .map((b) => obs('sgb2_u15', b, 2024) / sum(under15, [b], 2024))
        .filter(Number.isFinite)
      const mean = (100 * rates.reduce((s, r) => s + r, 0)) / rates.length
      if (Math.abs(mean - row.value!) > 0.1) differsFromMean++
    }
    expect(differsFromMean).toBeGreaterThan(5)
  })

  it('computes changes, differences, ranks and z-scores consistently', async () => {
    const c = await engine.get(orgId)
    const rows = selectValues(c, 'internal', {
      indicators: ['child_poverty'],
      layer: 'sozialraum',
      periods: [2019, 2024],
      areas: [],
    }).rows
    const y24 = rows.filter((r) => r.period === 2024)
    const y19 = new Map(rows.filter((r) => r.period === 2019).map((r) => [r.areaCode, r]))
    const [cityRow] = selectValues(c, 'internal', {
      indicators: ['child_poverty'],
      layer: 'gesamtstadt',
      periods: [2024],
      areas: [],
    }).rows
    for (const r of y24) {
      expect(r.change5).toBeCloseTo(r.value! - y19.get(r.areaCode)!.value!, 10)
      expect(r.diffCity).toBeCloseTo(r.value! - cityRow!.value!, 10)
    }
    const sorted = [...y24].sort((a, b) => b.value! - a.value!)
    expect(sorted[0]!.rank).toBe(1)
    const mean = y24.reduce((s, r) => s + r.value!, 0) / y24.length
    const sd = Math.sqrt(y24.reduce((s, r) => s + (r.value! - mean) ** 2, 0) / y24.length)
    expect(sorted[0]!.z).toBeCloseTo((sorted[0]!.value! - mean) / sd, 6)
  })

  it('hides small counts from the public, and an attacker recovers none of them', async () => {
    const c = await engine.get(orgId)
    const internal = selectValues(c, 'internal', {
      indicators: ['child_poverty'],
      layer: 'block',
      periods: [2024],
      areas: [],
    }).rows
    const open = selectValues(c, 'public', {
      indicators: ['child_poverty'],
      layer: 'block',
      periods: [2024],
      areas: [],
    }).rows
    const suppressed = open.filter((r) => r.status === 'suppressed')
    expect(suppressed.length).toBeGreaterThan(0)
    expect(internal.filter((r) => r.status === 'suppressed')).toEqual([])
    for (const r of open) {
      if (r.status === 'suppressed') {
        expect([r.value, r.numerator, r.denominator, r.change1, r.diffCity, r.rank, r.z]).toEqual([
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ])
      } else if (r.numerator !== null) {
        expect(r.numerator === 0 || r.numerator >= 3).toBe(true)
      }
    }
    // The attacker: published numerators on all layers + the additive hierarchy.
    const result = c.internal
    const r = result.indicator('child_poverty')
    const p = result.periodIndex(2024)
    const P = result.periods.length
    const tree = result.tree
    const flags = new Uint8Array(tree.size)
    const published = new Float64Array(tree.size)
    for (let a = 0; a < tree.size; a++) {
      flags[a] = r.flags![a * P + p]!
      published[a] = flags[a] === VISIBLE ? r.numerator[a * P + p]! : NaN
    }
    const intervals = audit(tree, published, flags, 3)
    const pinned = intervals.filter((i) => i.lower === i.upper)
    expect(pinned).toEqual([])
  })

  it('gives signed-in planners exact values and area-scoped staff exact values only in their areas', async () => {
    const password = 'Ein sehr langes Passwort 2024!'
    const system = { actor: systemActor('test') }
    await createUser(db, system, {
      organizationId: orgId,
      email: 'planerin@musterstadt.test',
      displayName: 'Planerin',
      role: 'planner',
      password,
    })
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email: 'planerin@musterstadt.test', password },
    })
    expect(signIn.statusCode, signIn.body).toBe(200)
    const cookie = /planraum_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))![1]!
    const url =
      '/api/orgs/musterstadt/values?indicator=child_poverty&layer=block&period=2024&limit=10000'
    type Page = { data: { status: string; value: number | null }[] }
    const staff = (
      await app.inject({ url, headers: { cookie: `planraum_session=${cookie}` } })
    ).json() as Page
    const open = (await app.inject({ url })).json() as Page
    expect(staff.data.filter((r) => r.status === 'suppressed')).toEqual([])
    expect(open.data.filter((r) => r.status === 'suppressed').length).toBeGreaterThan(0)
    expect(staff.data).toHaveLength(open.data.length)

    // A member municipality's staff: exact in their Stadtbezirk, the public view elsewhere.
    const c = await engine.get(orgId)
    const [district] = await db.query<{ id: number; code: string }>(
      `select a.id, a.code from area a join area_layer l on l.id = a.layer_id
        where a.organization_id = $1 and l.key = 'stadtbezirk' order by a.code limit 1`,
      [orgId],
    )
    const inScope = await db.query<{ id: number; code: string }>(
      `with recursive down (id) as (select $1::int union all
         select a.id from area a join down on a.parent_id = down.id)
       select a.id, a.code from area a join down using (id)`,
      [district!.id],
    )
    const scoped = selectValues(
      c,
      { internalAreaIds: new Set(inScope.map((a) => a.id)) },
      { indicators: ['child_poverty'], layer: 'block', periods: [2024], areas: [] },
    ).rows
    const codes = new Set(inScope.map((a) => a.code))
    const inside = scoped.filter((r) => codes.has(r.areaCode))
    const outside = scoped.filter((r) => !codes.has(r.areaCode))
    expect(inside.length).toBeGreaterThan(0)
    expect(inside.filter((r) => r.status === 'suppressed')).toEqual([])
    expect(outside.filter((r) => r.status === 'suppressed').length).toBeGreaterThan(0)
  })

  it('serves values as JSON pages, CSV with ".", GeoJSON and JSON-stat 2.0', async () => {
    const page = await app.inject({
      url: '/api/orgs/musterstadt/values?indicator=child_poverty&layer=block&period=2024&limit=10&offset=5',
    })
    expect(page.statusCode).toBe(200)
    const body = page.json() as {
      data: { areaCode: string }[]
      page: { total: number; offset: number }
    }
    expect(body.data).toHaveLength(10)
    expect(body.page.total).toBe(city.areas.filter((a) => a.layerKey === 'block').length)

    const csv = await app.inject({
      url: '/api/orgs/musterstadt/values?indicator=child_poverty&layer=block&period=2024&format=csv',
    })
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]!.split(';')).toContain('value')
    expect(lines.some((l) => l.split(';')[6] === '.')).toBe(true)
    expect(
      lines.some((l) => /^child_poverty;block;[\d.]+;[^;]+;[\d.]+;2024;\d+,\d+;/.test(l)),
    ).toBe(true)

    const geo = await app.inject({
      url: '/api/orgs/musterstadt/values?indicator=child_poverty,sgb2_rate&layer=sozialraum&period=2024&format=geojson',
    })
    const fc = geo.json() as { features: { properties: Record<string, unknown> }[] }
    expect(fc.features).toHaveLength(city.areas.filter((a) => a.layerKey === 'sozialraum').length)
    expect(typeof fc.features[0]!.properties.child_poverty).toBe('number')

    const stat = await app.inject({
      url: '/api/orgs/musterstadt/values?indicator=child_poverty&layer=block&period=2023,2024&format=jsonstat',
    })
    const ds = stat.json() as {
      version: string
      size: number[]
      value: unknown[]
      status: Record<string, string>
      id: string[]
    }
    expect(ds.version).toBe('2.0')
    expect(ds.id).toEqual(['indicator', 'area', 'period'])
    expect(ds.value).toHaveLength(ds.size.reduce((a, b) => a * b, 1))
    expect(Object.values(ds.status).every((s) => s === '.')).toBe(true)
    for (const index of Object.keys(ds.status)) expect(ds.value[Number(index)]).toBeNull()
  })

  it('answers unknown indicators and years with what exists', async () => {
    const bad = await app.inject({ url: '/api/orgs/musterstadt/values?indicator=kinderarmut' })
    expect(bad.statusCode).toBe(404)
    expect((bad.json() as { error: { message: string } }).error.message).toMatch(
      /available: .*child_poverty/,
    )
    const year = await app.inject({
      url: '/api/orgs/musterstadt/values?indicator=child_poverty&period=1999',
    })
    expect((year.json() as { error: { message: string } }).error.message).toMatch(
      /years with data: 2015/,
    )
  })

  it('recomputes only the indicators whose variables changed', async () => {
    const before = await engine.get(orgId)
    expect(await engine.get(orgId)).toBe(before) // cached
    const cityBefore = selectValues(before, 'internal', {
      indicators: ['childcare_rate_u3'],
      layer: 'gesamtstadt',
      periods: [2024],
      areas: [],
    }).rows[0]!.value!
    const firstBlock = city.areas.find((a) => a.layerKey === 'block')!.code
    await db.query(
      `update observation o set value = value + 10
         from variable v, area a
        where v.id = o.variable_id and a.id = o.area_id and o.organization_id = $1
          and v.key = 'kita_u3' and a.code = $2 and o.period = 2024`,
      [orgId, firstBlock],
    )
    await db.query('update organization set data_version = data_version + 1 where id = $1', [orgId])
    const after = await engine.get(orgId)
    expect(after).not.toBe(before)
    expect(after.stats.recomputed).toBeGreaterThanOrEqual(1)
    expect(after.stats.recomputed).toBeLessThan(after.stats.recomputed + after.stats.reused)
    const cityAfter = selectValues(after, 'internal', {
      indicators: ['childcare_rate_u3'],
      layer: 'gesamtstadt',
      periods: [2024],
      areas: [],
    }).rows[0]!.value!
    expect(cityAfter).toBeGreaterThan(cityBefore)
  })
})
