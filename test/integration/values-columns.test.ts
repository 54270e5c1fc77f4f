/**
 * GET /values?format=columns — the compact answer the web atlas draws its map from — holds
 * exactly what the JSON rows hold for the same selection and audience (disclosure control for the
 * public, exact values for signed-in staff), in the same order.
 */
import { brotliDecompressSync } from 'node:zlib'

import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import { createUser } from '../../src/modules/accounts/index.js'
import type { ValueColumns } from '../../src/modules/monitoring/formats.js'
import type { ValueRow } from '../../src/modules/monitoring/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

const LETTER = { ok: 'o', suppressed: 's', missing: 'm' } as const

describe.each(testTargets())('values as columns on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let cookie: string
  let scopedCookie: string

  const signIn = async (email: string, password: string) => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email, password },
    })
    expect(answer.statusCode, answer.body).toBe(200)
    return `planraum_session=${/planraum_session=([^;]+)/.exec(String(answer.headers['set-cookie']))![1]!}`
  }

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    app = await buildApp({
      db,
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
    const password = 'Ein sehr langes Passwort 2024!'
    const planner = async (email: string, areas?: { layer: string; code: string }[]) => {
      await createUser(
        db,
        { actor: systemActor('test') },
        {
          organizationId: org!.id,
          email,
          displayName: 'Planerin',
          role: 'planner',
          password,
          areas,
        },
      )
      return signIn(email, password)
    }
    cookie = await planner('spalten@musterstadt.test')
    // A district's planner: exact values inside the district, the public view elsewhere.
    const [district] = await db.query<{ code: string }>(
      `select a.code from area a join area_layer l on l.id = a.layer_id
        where a.organization_id = $1 and l.key = 'stadtbezirk' and a.valid_to is null
        order by a.code limit 1`,
      [org!.id],
    )
    scopedCookie = await planner('bezirk@musterstadt.test', [
      { layer: 'stadtbezirk', code: district!.code },
    ])
  })
  afterAll(async () => {
    await app?.close()
    await dispose()
  })

  async function both(query: string, headers: Record<string, string> = {}) {
    const base = `/api/orgs/musterstadt/values?${query}`
    const rows = await app.inject({ url: `${base}&limit=10000`, headers })
    const columns = await app.inject({ url: `${base}&format=columns`, headers })
    expect(rows.statusCode, rows.body).toBe(200)
    expect(columns.statusCode, columns.body).toBe(200)
    return {
      rows: (rows.json() as { data: ValueRow[] }).data,
      columns: columns.json() as ValueColumns,
      bytes: { rows: rows.body.length, columns: columns.body.length },
    }
  }

  function expectSame(rows: readonly ValueRow[], columns: ValueColumns) {
    expect(columns.areaCodes).toEqual(rows.map((r) => r.areaCode))
    expect(columns.value).toEqual(rows.map((r) => r.value))
    expect(columns.diffCity).toEqual(rows.map((r) => r.diffCity))
    expect(columns.status).toBe(rows.map((r) => LETTER[r.status]).join(''))
    for (const row of rows) {
      expect([row.indicator, row.layer, row.period]).toEqual([
        columns.indicator,
        columns.layer,
        columns.period,
      ])
    }
  }

  it('equals the public JSON rows, suppressed values included, at a fraction of the bytes', async () => {
    const { rows, columns, bytes } = await both('indicator=child_poverty&layer=block&period=2024')
    expect(rows.length).toBeGreaterThan(100)
    // The demo city's blocks are small: disclosure control hides some of them from the public.
    expect(columns.status).toContain('s')
    expect(columns.status).toContain('o')
    expectSame(rows, columns)
    for (const [i, letter] of [...columns.status].entries()) {
      if (letter === 's') expect([columns.value[i], columns.diffCity[i]]).toEqual([null, null])
    }
    expect(bytes.columns / bytes.rows).toBeLessThan(0.2)
  })

  it('equals the internal JSON rows for signed-in staff (no value suppressed)', async () => {
    const { rows, columns } = await both('indicator=child_poverty&layer=block&period=2024', {
      cookie,
    })
    expect(columns.status).not.toContain('s')
    expectSame(rows, columns)
    const open = await both('indicator=child_poverty&layer=block&period=2024')
    expect(columns.value.filter((v) => v !== null).length).toBeGreaterThan(
      open.columns.value.filter((v) => v !== null).length,
    )
  })

  it("equals an area-scoped member's rows: exact inside the scope, public outside", async () => {
    const query = 'indicator=child_poverty&layer=block&period=2024'
    const { rows, columns } = await both(query, { cookie: scopedCookie })
    expectSame(rows, columns)
    const open = await both(query)
    const exact = await both(query, { cookie })
    // Both views are in it: some blocks as staff see them, the others as the public does.
    const asStaff = columns.status.split('').filter((s, i) => s !== open.columns.status[i])
    expect(asStaff.length).toBeGreaterThan(0)
    expect(columns.status).toContain('s')
    for (const [i, letter] of [...columns.status].entries()) {
      const same = letter === open.columns.status[i] ? open : exact
      expect(columns.value[i]).toBe(same.columns.value[i])
    }
  })

  it('equals the rows of the latest year when no year is given', async () => {
    const { rows, columns } = await both('indicator=sgb2_rate&layer=sozialraum')
    expect(columns.period).toBe(2024)
    expectSame(rows, columns)
  })

  it('is made once per data version and encoding: ETag, 304, Brotli, private for staff', async () => {
    const url =
      '/api/orgs/musterstadt/values?indicator=child_poverty&layer=block&period=2024&format=columns'
    const plain = await app.inject({ url })
    const br = await app.inject({ url, headers: { 'accept-encoding': 'br' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body)
    const etag = String(plain.headers.etag)
    expect(br.headers.etag).toBe(etag)
    expect(plain.headers['cache-control']).toBe('no-cache')
    expect(plain.headers.vary).toContain('accept-encoding')
    const again = await app.inject({ url, headers: { 'if-none-match': etag } })
    expect([again.statusCode, again.body]).toEqual([304, ''])
    // Staff get their own answer (exact values: none suppressed), never stored by a shared cache.
    const staff = await app.inject({ url, headers: { cookie } })
    expect(staff.headers.etag).not.toBe(etag)
    expect(String(staff.headers['cache-control'])).toContain('private')
    expect(String(staff.headers.vary)).toContain('Cookie')

    // A data change: the next answer holds the new values, with a new ETag.
    const before = plain.json() as ValueColumns
    const i = before.status.indexOf('o')
    await db.query(
      `update observation o set value = value + 10
         from variable v, area a
        where v.id = o.variable_id and a.id = o.area_id and o.organization_id = a.organization_id
          and v.key = 'sgb2_u15' and a.code = $1 and o.period = 2024
          and a.organization_id = (select id from organization where slug = 'musterstadt')`,
      [before.areaCodes[i]],
    )
    await db.query(
      `update organization set data_version = data_version + 1 where slug = 'musterstadt'`,
    )
    const after = await app.inject({ url, headers: { 'if-none-match': etag } })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(etag)
    expect((after.json() as ValueColumns).value[i]).toBeGreaterThan(before.value[i]!)
  })

  it('needs exactly one indicator, one layer and one year', async () => {
    for (const query of [
      'indicator=sgb2_rate,child_poverty&layer=block&period=2024',
      'indicator=sgb2_rate&period=2024',
      'indicator=sgb2_rate&layer=block&period=2023,2024',
      'layer=block&period=2024',
    ]) {
      const answer = await app.inject({
        url: `/api/orgs/musterstadt/values?${query}&format=columns`,
      })
      expect(answer.statusCode, query).toBe(400)
      expect(answer.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
      expect(answer.body).toContain('format=columns needs exactly one indicator')
    }
  })

  it('is documented in the OpenAPI document (parameter and answer)', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get: { parameters: unknown[]; responses: Record<string, unknown> } }>
    }
    const values = doc.paths['/api/orgs/{org}/values']!.get
    expect(JSON.stringify(values.parameters)).toContain('columns')
    const answer = JSON.stringify(values.responses['200'])
    for (const member of ['areaCodes', 'diffCity', 'status', 'data'])
      expect(answer).toContain(member)
  })

  it('keeps unpublished indicators from the public', async () => {
    const list = await app.inject({
      url: '/api/orgs/musterstadt/indicators?limit=1000',
      headers: { cookie },
    })
    const hidden = (list.json() as { data: { key: string; published: boolean }[] }).data.find(
      (i) => !i.published,
    )
    if (!hidden) return expect.fail('the demo catalogue has no unpublished indicator to test with')
    const answer = await app.inject({
      url: `/api/orgs/musterstadt/values?indicator=${hidden.key}&layer=block&period=2024&format=columns`,
    })
    expect(answer.statusCode).toBe(404)
  })
})
