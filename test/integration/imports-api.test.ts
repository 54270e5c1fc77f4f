/** Imports over HTTP: upload as staff, report, list, rollback; refused for the public. */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import { createUser } from '../../src/modules/accounts/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

const PASSWORD = 'Ein sehr langes Passwort 2024!'

describe.each(testTargets())('imports over HTTP on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let session: { cookie: string; csrf: string }
  let block: string

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    app = await buildApp({
      db,
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    await createUser(
      db,
      { actor: systemActor('test') },
      {
        organizationId: org!.id,
        email: 'statistik@musterstadt.test',
        displayName: 'Statistikstelle',
        role: 'planner',
        password: PASSWORD,
      },
    )
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email: 'statistik@musterstadt.test', password: PASSWORD },
    })
    expect(signIn.statusCode, signIn.body).toBe(200)
    session = {
      cookie: /planraum_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))![1]!,
      csrf: (signIn.json() as { csrfToken: string }).csrfToken,
    }
    const [row] = await db.query<{ code: string }>(
      `select a.code from area a join area_layer l on l.id = a.layer_id
        where a.organization_id = $1 and l.key = 'block' order by a.code limit 1`,
      [org!.id],
    )
    block = row!.code
  })
  afterAll(async () => {
    await app?.close()
    await dispose()
  })

  const headers = () => ({
    cookie: `planraum_session=${session.cookie}`,
    'x-csrf-token': session.csrf,
    'content-type': 'text/csv',
  })
  const mapping = encodeURIComponent(
    JSON.stringify({
      layout: 'long',
      areaColumn: 'Gebiet',
      periodColumn: 'Jahr',
      variableColumn: 'Merkmal',
      valueColumn: 'Wert',
      layer: 'block',
    }),
  )

  it('imports a CSV for staff, keeps its report, lists it and rolls it back', async () => {
    const csv = `Gebiet;Jahr;Merkmal;Wert\n${block};2024;kita_u3;7\n${block};2024;kita_3_6;.\n`
    const upload = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports?file=kita-2024.csv&mapping=${mapping}`,
      headers: headers(),
      payload: csv,
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const created = upload.json() as { status: string; importId: number }
    expect(created.status).toBe('completed')
    const again = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports?file=kita-2024.csv&mapping=${mapping}`,
      headers: headers(),
      payload: csv,
    })
    expect((again.json() as { status: string }).status).toBe('unchanged')

    const list = await app.inject({ url: '/api/orgs/musterstadt/imports', headers: headers() })
    expect((list.json() as { data: { id: number }[] }).data[0]!.id).toBe(created.importId)
    const detail = await app.inject({
      url: `/api/orgs/musterstadt/imports/${created.importId}`,
      headers: headers(),
    })
    expect(detail.json()).toMatchObject({ status: 'completed', fileName: 'kita-2024.csv' })
    const [stored] = await db.query<{ value: number | null; status: string | null }>(
      `select o.value, o.status from observation o join variable v on v.id = o.variable_id
        where o.import_id = $1 and v.key = 'kita_3_6'`,
      [created.importId],
    )
    expect(stored).toEqual({ value: null, status: '.' })

    const rollback = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports/${created.importId}/rollback`,
      headers: { cookie: headers().cookie, 'x-csrf-token': session.csrf },
    })
    expect(rollback.statusCode, rollback.body).toBe(200)
    const twice = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports/${created.importId}/rollback`,
      headers: { cookie: headers().cookie, 'x-csrf-token': session.csrf },
    })
    expect(twice.statusCode).toBe(409)
    expect(twice.json()).toMatchObject({ error: { code: 'CONFLICT' } })
    const audit = await db.query<{ action: string }>(
      `select action from audit_log where entity_type = 'data_import' order by id`,
    )
    expect(audit.map((a) => a.action)).toEqual(['import.create', 'import.rollback'])
  })

  it('reports a bad file by row and column and writes nothing', async () => {
    const before = await db.query<{ n: number }>('select count(*)::int as n from observation')
    const upload = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports?file=bad.csv&mapping=${mapping}`,
      headers: headers(),
      payload: `Gebiet;Jahr;Merkmal;Wert\n${block};2024;kita_u3;viele\n99.99.999;2024;kita_u3;3\n`,
    })
    expect(upload.statusCode).toBe(200)
    const body = upload.json() as {
      status: string
      report: { problems: { code: string; row: number }[] }
    }
    expect(body.status).toBe('failed')
    expect(body.report.problems.map((p) => [p.code, p.row])).toEqual(
      expect.arrayContaining([
        ['NOT_A_NUMBER', 2],
        ['UNKNOWN_AREA', 3],
      ]),
    )
    const after = await db.query<{ n: number }>('select count(*)::int as n from observation')
    expect(after).toEqual(before)
  })

  it('lets an area-scoped member import and roll back only inside their territory', async () => {
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    // The district of the first block, and a block of another district.
    const [inside] = await db.query<{ district: string }>(
      `with recursive up(id, parent_id, layer) as (
         select a.id, a.parent_id, l.key from area a join area_layer l on l.id = a.layer_id
          where a.organization_id = $1 and a.code = $2 and l.key = 'block'
         union all
         select p.id, p.parent_id, l.key from area p join up on p.id = up.parent_id
           join area_layer l on l.id = p.layer_id
       )
       select a.code as district from up join area a on a.id = up.id where up.layer = 'stadtbezirk'`,
      [org!.id, block],
    )
    const [outside] = await db.query<{ code: string }>(
      `with recursive down(id) as (
         select a.id from area a join area_layer l on l.id = a.layer_id
          where a.organization_id = $1 and l.key = 'stadtbezirk' and a.code = $2
         union all
         select c.id from area c join down on c.parent_id = down.id
       )
       select a.code from area a join area_layer l on l.id = a.layer_id
        where a.organization_id = $1 and l.key = 'block' and a.id not in (select id from down)
        order by a.code limit 1`,
      [org!.id, inside!.district],
    )
    await createUser(
      db,
      { actor: systemActor('test') },
      {
        organizationId: org!.id,
        email: 'bezirk@musterstadt.test',
        displayName: 'Bezirk',
        role: 'planner',
        password: PASSWORD,
        areas: [{ layer: 'stadtbezirk', code: inside!.district }],
      },
    )
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email: 'bezirk@musterstadt.test', password: PASSWORD },
    })
    const scoped = {
      cookie: `planraum_session=${/planraum_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))![1]!}`,
      'x-csrf-token': (signIn.json() as { csrfToken: string }).csrfToken,
      'content-type': 'text/csv',
    }
    const count = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from observation'))[0]!.n
    const before = await count()

    const refused = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports?file=beide.csv&mapping=${mapping}`,
      headers: scoped,
      payload: `Gebiet;Jahr;Merkmal;Wert\n${block};2023;kita_u3;5\n${outside!.code};2023;kita_u3;6\n`,
    })
    expect(refused.statusCode, refused.body).toBe(403)
    expect(refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } })
    expect(await count()).toBe(before)

    const own = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports?file=eigen.csv&mapping=${mapping}`,
      headers: scoped,
      payload: `Gebiet;Jahr;Merkmal;Wert\n${block};2023;kita_u3;5\n`,
    })
    expect(own.statusCode, own.body).toBe(201)

    // An import of the unscoped planner that touched another district cannot be rolled back.
    const wide = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports?file=andere.csv&mapping=${mapping}`,
      headers: headers(),
      payload: `Gebiet;Jahr;Merkmal;Wert\n${outside!.code};2023;kita_u3;6\n`,
    })
    expect(wide.statusCode, wide.body).toBe(201)
    const rollback = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports/${(wide.json() as { importId: number }).importId}/rollback`,
      headers: { cookie: scoped.cookie, 'x-csrf-token': scoped['x-csrf-token'] },
    })
    expect(rollback.statusCode, rollback.body).toBe(403)
  })

  it('refuses the public and checks CSRF', async () => {
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports?file=x.csv&mapping=${mapping}`,
      headers: { 'content-type': 'text/csv' },
      payload: 'a',
    })
    expect(anonymous.statusCode).toBe(401)
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/orgs/musterstadt/imports?file=x.csv&mapping=${mapping}`,
      headers: { cookie: headers().cookie, 'content-type': 'text/csv' },
      payload: 'a',
    })
    expect(noCsrf.statusCode).toBe(403)
    expect((await app.inject({ url: '/api/orgs/musterstadt/imports' })).statusCode).toBe(401)
  })
})
