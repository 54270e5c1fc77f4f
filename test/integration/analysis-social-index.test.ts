/**
 * The social index over HTTP with the demo city: versioned, immutable definitions; the computed
 * index checked against the core function fed from an independent path (values from the public
 * values API for staff, residents from the SQL population query); what the public sees; the
 * sensitivity view; errors.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import {
  computeSocialIndex,
  normalizeDefinition,
  sensitivity,
  type SocialIndexDefinition,
} from '../../src/core/analysis/socialIndex.js'
import { createUser, startSession, type Role } from '../../src/modules/accounts/index.js'
import type { SensitivityAnswer, SocialIndexAnswer } from '../../src/modules/analysis/index.js'
import { residentsByArea } from '../../src/modules/monitoring/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

process.env.PLANRAUM_ARGON2_PROFILE = 'test'

const message = (body: unknown) => (body as { error: { message: string } }).error.message
const ORG = '/api/orgs/musterstadt'

// The four index indicators of Berlin's MSS (since 2013): unemployment, long-term unemployment,
// transfer benefits (SGB II) and child poverty; all "higher = more disadvantage".
const MSS = {
  key: 'sozialindex',
  nameDe: 'Sozialindex nach MSS',
  nameEn: 'Social index (MSS)',
  definition: {
    indicators: [
      { key: 'unemployment_share', direction: 1, weight: 1 },
      { key: 'longterm_unemployment_share', direction: 1, weight: 1 },
      { key: 'sgb2_rate', direction: 1, weight: 1 },
      { key: 'child_poverty', direction: 1, weight: 1 },
    ],
  },
}

describe.each(testTargets())('social index on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let orgId: number
  const headers: Partial<Record<Role, Record<string, string>>> = {}

  const call = async (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    as?: Role,
    payload?: unknown,
  ) => {
    const response = await app.inject({
      method,
      url,
      headers: as ? headers[as] : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })
    return { status: response.statusCode, body: response.json() as Record<string, unknown> }
  }

  /** Sozialraum values of an indicator as staff see them through the values API. */
  async function internalValues(indicator: string, period: number) {
    const { body } = await call(
      'GET',
      `${ORG}/values?indicator=${indicator}&layer=sozialraum&period=${period}&limit=10000`,
      'planner',
    )
    const rows = body.data as { areaCode: string; value: number | null }[]
    return new Map(rows.map((r) => [r.areaCode, r.value ?? Number.NaN]))
  }

  /** The core's input assembled independently of the module. */
  async function expectedInput(definition: SocialIndexDefinition, period: number) {
    const [layer] = await db.query<{ id: number }>(
      `select id from area_layer where organization_id = $1 and key = 'sozialraum'`,
      [orgId],
    )
    const residents = await residentsByArea(db, orgId, layer!.id, period)
    const areas = residents.map((r) => r.code)
    const values: Record<string, number[]> = {}
    const previous: Record<string, number[]> = {}
    for (const { key } of definition.indicators) {
      const now = await internalValues(key, period)
      const then = await internalValues(key, period - definition.dynamicsYears)
      values[key] = areas.map((a) => now.get(a)!)
      previous[key] = areas.map((a) => then.get(a)!)
    }
    return { areas, population: residents.map((r) => r.population), values, previous }
  }

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo-without-index'))
    // Without the demo's own social index: this test saves and publishes versions itself.
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    orgId = org!.id
    for (const role of ['planner', 'council', 'specialist'] as const) {
      const { user } = await createUser(
        db,
        { actor: systemActor('test') },
        {
          organizationId: orgId,
          email: `${role}@musterstadt.test`,
          displayName: `${role} Musterstadt`,
          role,
          password: null,
        },
      )
      const session = await startSession(db, { userId: user.id, organizationId: orgId })
      headers[role] = {
        cookie: `planraum_session=${session.token}`,
        'x-csrf-token': session.csrfToken,
      }
    }
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

  it('saves definitions as versions with the MSS defaults, each immutable', async () => {
    const first = await call('POST', `${ORG}/social-indexes`, 'planner', MSS)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      key: 'sozialindex',
      version: 1,
      published: false,
      createdBy: 'planner Musterstadt',
      definition: {
        weighting: 'unweighted',
        minPopulation: 300,
        dynamicsYears: 2,
        thresholds: {
          status: { high: -1, low: 1, veryLow: 1.5 },
          dynamics: { positive: -1, negative: 1 },
        },
      },
    })
    const second = await call('POST', `${ORG}/social-indexes`, 'planner', {
      ...MSS,
      definition: {
        ...MSS.definition,
        weighting: 'population',
        indicators: MSS.definition.indicators.map((i) => ({
          ...i,
          weight: i.key === 'child_poverty' ? 2 : 1,
        })),
      },
    })
    expect(second.body).toMatchObject({ version: 2, definition: { weighting: 'population' } })
    const list = await call('GET', `${ORG}/social-indexes?key=sozialindex`, 'council')
    expect((list.body as unknown as { version: number }[]).map((v) => v.version)).toEqual([1, 2])

    // The database refuses edits of a saved version; publishing is the one allowed change.
    await expect(
      db.query(`update social_index_definition set min_population = 100 where key = 'sozialindex'`),
    ).rejects.toThrow(/immutable/)
    await expect(
      db.query(`update social_index_indicator set weight = 5 where organization_id = $1`, [orgId]),
    ).rejects.toThrow(/immutable/)
    const [audit] = await db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'social_index.save' and organization_id = $1`,
      [orgId],
    )
    expect(audit!.n).toBe(2)
  })

  it('computes the index exactly as the core does from the values staff see', async () => {
    const { status, body } = await call(
      'GET',
      `${ORG}/social-indexes/sozialindex/versions/1/index?layer=sozialraum&period=2024`,
      'planner',
    )
    expect(status).toBe(200)
    const answer = body as unknown as SocialIndexAnswer
    expect(answer).toMatchObject({ audience: 'internal', dynamicsFrom: 2022, period: 2024 })
    const definition = normalizeDefinition(MSS.definition as never)
    const expected = computeSocialIndex(definition, await expectedInput(definition, 2024))
    expect(answer.areas.map((a) => a.code)).toEqual(expected.areas.map((a) => a.area))
    expect(answer.areas.length).toBeGreaterThan(10)
    answer.areas.forEach((row, i) => {
      const want = expected.areas[i]!
      expect(row.status).toBeCloseTo(want.status, 10)
      expect(row.dynamics).toBeCloseTo(want.dynamics!, 10)
      expect(row.population).toBe(want.population)
      expect([row.statusClass, row.dynamicsClass, row.combined]).toEqual([
        want.statusClass,
        want.dynamicsClass,
        want.combined,
      ])
    })
    expect(answer.excluded.map((e) => e.code)).toEqual(expected.excluded.map((e) => e.area))
    // Standardised over the included areas: mean 0, sample SD 1.
    const s = answer.areas.map((a) => a.status!)
    const m = s.reduce((x, y) => x + y, 0) / s.length
    const v = s.reduce((x, y) => x + (y - m) ** 2, 0) / (s.length - 1)
    expect(m).toBeCloseTo(0, 10)
    expect(v).toBeCloseTo(1, 10)
    const total = Object.values(answer.counts.status).reduce((x, y) => x + y, 0)
    expect(total).toBe(answer.areas.length)
  })

  it('reproduces a version unchanged after later versions are saved', async () => {
    const url = `${ORG}/social-indexes/sozialindex/versions/1/index?layer=sozialraum&period=2024`
    const before = await call('GET', url, 'planner')
    await call('POST', `${ORG}/social-indexes`, 'planner', { ...MSS, description: 'v3' })
    const after = await call('GET', url, 'planner')
    expect(after.body).toEqual(before.body)
    const v2 = await call(
      'GET',
      `${ORG}/social-indexes/sozialindex/versions/2/index?layer=sozialraum&period=2024`,
      'planner',
    )
    const weighted = v2.body as unknown as SocialIndexAnswer
    expect(weighted.definition.weighting).toBe('population')
    // Population-weighted: weighted mean 0, weighted population SD 1.
    const pops = weighted.areas.map((a) => a.population!)
    const total = pops.reduce((x, y) => x + y, 0)
    const m = weighted.areas.reduce((x, a, i) => x + pops[i]! * a.status!, 0) / total
    const v = weighted.areas.reduce((x, a, i) => x + pops[i]! * (a.status! - m) ** 2, 0) / total
    expect(m).toBeCloseTo(0, 10)
    expect(v).toBeCloseTo(1, 10)
  })

  it('shows the public only the classes of a published version', async () => {
    const url = `${ORG}/social-indexes/sozialindex/versions/1/index?layer=sozialraum&period=2024`
    const hidden = await call('GET', url)
    expect(hidden.status).toBe(404)
    expect(hidden.body).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect((await call('GET', `${ORG}/social-indexes`)).body).toEqual([])

    const forbidden = await call(
      'PATCH',
      `${ORG}/social-indexes/sozialindex/versions/1`,
      'council',
      { published: true },
    )
    expect(forbidden.status).toBe(403)
    const published = await call(
      'PATCH',
      `${ORG}/social-indexes/sozialindex/versions/1`,
      'planner',
      { published: true },
    )
    expect(published.body).toMatchObject({ version: 1, published: true })

    const open = await call('GET', url)
    expect(open.status).toBe(200)
    const answer = open.body as unknown as SocialIndexAnswer
    const internal = (await call('GET', url, 'planner')).body as unknown as SocialIndexAnswer
    expect(answer.audience).toBe('public')
    expect(answer.standardisation).toBeNull()
    expect(
      answer.areas.every((a) => a.status === null && a.z === null && a.population === null),
    ).toBe(true)
    expect(answer.areas.map((a) => [a.code, a.statusClass, a.combined])).toEqual(
      internal.areas.map((a) => [a.code, a.statusClass, a.combined]),
    )
    expect(answer.counts).toEqual(internal.counts)
    const list = (await call('GET', `${ORG}/social-indexes`)).body as unknown as {
      version: number
    }[]
    expect(list.map((v) => v.version)).toEqual([1])
  })

  it('lists the areas whose class changes in the sensitivity view, as the core does', async () => {
    const { status, body } = await call(
      'GET',
      `${ORG}/social-indexes/sozialindex/versions/1/sensitivity?layer=sozialraum&period=2024`,
      'planner',
    )
    expect(status).toBe(200)
    const answer = body as unknown as SensitivityAnswer
    const definition = normalizeDefinition(MSS.definition as never)
    const expected = sensitivity(definition, await expectedInput(definition, 2024))
    expect(answer.variants).toHaveLength(12)
    expect(
      answer.variants.map((v) => [
        v.indicator,
        v.change,
        v.status.map((c) => [c.code, c.from, c.to]),
      ]),
    ).toEqual(
      expected.variants.map((v) => [
        v.indicator,
        v.change,
        v.status.map((c) => [c.area, c.from, c.to]),
      ]),
    )
  })

  it('says what is wrong with a definition or request', async () => {
    const unknown = await call('POST', `${ORG}/social-indexes`, 'planner', {
      ...MSS,
      definition: { indicators: [{ key: 'no_such_indicator', direction: 1 }] },
    })
    expect(unknown.status).toBe(400)
    expect(message(unknown.body)).toMatch(/"no_such_indicator" is not in the indicator catalogue/)
    const thresholds = await call('POST', `${ORG}/social-indexes`, 'planner', {
      ...MSS,
      definition: { ...MSS.definition, thresholds: { status: { high: 2, low: 1, veryLow: 3 } } },
    })
    expect(thresholds.status).toBe(400)
    expect(message(thresholds.body)).toMatch(/high < low/)
    const specialist = await call('POST', `${ORG}/social-indexes`, 'specialist', MSS)
    expect(specialist.status).toBe(403)
    const layer = await call(
      'GET',
      `${ORG}/social-indexes/sozialindex/versions/1/index?layer=bezirk&period=2024`,
      'planner',
    )
    expect(layer.status).toBe(404)
    expect(message(layer.body)).toMatch(/known layers: gesamtstadt, stadtbezirk, sozialraum, block/)
    const year = await call(
      'GET',
      `${ORG}/social-indexes/sozialindex/versions/1/index?layer=sozialraum&period=1990`,
      'planner',
    )
    expect(year.status).toBe(404)
    expect(message(year.body)).toMatch(/years with data: 2015/)
    const version = await call(
      'GET',
      `${ORG}/social-indexes/sozialindex/versions/9/index?layer=sozialraum`,
      'planner',
    )
    expect(version.status).toBe(404)
    expect(message(version.body)).toMatch(/has no version 9; versions: 1, 2, 3/)
    // Too few areas with enough residents: the message says how many were eligible.
    const strict = await call('POST', `${ORG}/social-indexes`, 'planner', {
      ...MSS,
      key: 'strict',
      definition: { ...MSS.definition, minPopulation: 1e9 },
    })
    const none = await call(
      'GET',
      `${ORG}/social-indexes/strict/versions/${(strict.body as { version: number }).version}/index?layer=sozialraum&period=2024`,
      'planner',
    )
    expect(none.status).toBe(400)
    expect(message(none.body)).toMatch(/at least 3 eligible areas, got 0/)
  })
})
