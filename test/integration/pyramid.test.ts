/**
 * The population pyramid API on the demo city: exact sums for staff, disclosure control for the
 * public (no small count visible, none recoverable from parent and siblings or from published
 * totals), and clear errors.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import { audit } from '../../src/core/disclosure/index.js'
import { PRIMARY, VISIBLE } from '../../src/core/indicators/types.js'
import { createUser } from '../../src/modules/accounts/index.js'
import { generateMusterstadt } from '../../src/modules/demo/index.js'
import { MonitoringEngine, selectValues } from '../../src/modules/monitoring/index.js'
import {
  cellCounts,
  cellVectors,
  determinedCells,
  protectPyramids,
  publishedMargins,
  publishedSums,
  pyramidLayout,
} from '../../src/modules/monitoring/http.pyramid.js'
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
const blocksOf = (parentCode: string) =>
  city.areas.filter((a) => a.layerKey === 'block' && a.parentCode === parentCode).map((a) => a.code)

interface Pyramid {
  layer: string
  area: { code: string; name: string; parentCode: string | null }
  period: number
  audience: 'public' | 'internal'
  minCaseNumber: number
  groups: {
    ageKey: string
    age: string
    male: number | null
    female: number | null
    maleStatus: string
    femaleStatus: string
  }[]
  total: { male: number | null; female: number | null } | null
}

describe('pure parts of the pyramid', () => {
  it('finds the age groups in age order and labels them', () => {
    const layout = pyramidLayout(['pop_m_de_10_14', 'pop_f_nd_85p', 'pop_m_nd_00_04', 'x'])
    expect(layout.ages).toEqual(['00_04', '10_14', '85p'])
    // cell (age 0, men) = index 0; its nationalities at 0 (de) and 1 (nd)
    expect([...layout.variable]).toEqual([-1, 2, -1, -1, 0, -1, -1, -1, -1, -1, -1, 1])
  })

  it('sees that a hidden cell is the total minus the visible ones, and that two are not', () => {
    // Three cells without nationality split (one variable each) and the total as margin.
    const e = (i: number) => Float64Array.from([0, 1, 2, 3, 4, 5], (_, j) => (j === i ? 1 : 0))
    const cells = [e(0), e(2), e(4)]
    const total = Float64Array.from([1, 0, 1, 0, 1, 0])
    expect(determinedCells([1, 0, 0], cells, [total])).toEqual([0])
    expect(determinedCells([1, 1, 0], cells, [total])).toEqual([])
    // Without a published total, one hidden cell is safe.
    expect(determinedCells([1, 0, 0], cells, [])).toEqual([])
    // Margins combine: total and (cell 0 + cell 1) pin cell 2 even when 0 and 1 are hidden.
    const pair = Float64Array.from([1, 0, 1, 0, 0, 0])
    expect(determinedCells([1, 1, 1], cells, [total, pair])).toEqual([2])
  })

  it('protects a hand-made table: hierarchy and total together', () => {
    // City (0) with two districts (1, 2); two cells (men, women) without nationality split.
    const tree = {
      size: 3,
      parent: Int32Array.from([-1, 0, 0]),
      layer: Int32Array.from([0, 1, 1]),
      layerCount: 2,
    }
    const layout = pyramidLayout(['pop_m_de_00_04', 'pop_f_de_00_04'])
    const vectors = [Float64Array.from([1, 0, 0, 0]), Float64Array.from([0, 0, 1, 0])]
    // men: 11 = 1 + 10, women: 20 = 9 + 11. The 1 is primary.
    const counts = [Float64Array.from([11, 1, 10]), Float64Array.from([20, 9, 11])]
    const margins = publishedMargins(layout, ['pop_m_de_00_04', 'pop_f_de_00_04'], [], 3)
    const { hidden } = protectPyramids(tree, counts, vectors, margins, 3)
    // District 1: men hidden (primary); the total 10 of district 1 would give 10 − 9 = 1, so its
    // women are hidden too; the parent sums then need district 2 hidden in both cells.
    expect([...hidden[0]!]).toEqual([0, 1, 1])
    expect([...hidden[1]!]).toEqual([0, 1, 1])
  })
})

describe.each(testTargets())('population pyramid API on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let engine: MonitoringEngine
  let app: FastifyInstance
  let orgId: number
  let cookie: string

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
    const password = 'Ein sehr langes Passwort 2024!'
    await createUser(
      db,
      { actor: systemActor('test') },
      {
        organizationId: orgId,
        email: 'planer@musterstadt.test',
        displayName: 'Planer',
        role: 'planner',
        password,
      },
    )
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email: 'planer@musterstadt.test', password },
    })
    expect(signIn.statusCode, signIn.body).toBe(200)
    cookie = /planraum_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))![1]!
  }, 300_000)
  afterAll(async () => {
    await app?.close()
    await dispose()
  })

  const get = async (url: string, internal = false) =>
    app.inject({ url, headers: internal ? { cookie: `planraum_session=${cookie}` } : {} })

  it('gives staff the exact sums over the blocks of a Sozialraum, by age and sex', async () => {
    const response = await get(
      '/api/orgs/musterstadt/areas/01.02/pyramid?layer=sozialraum&period=2020',
      true,
    )
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json() as Pyramid
    expect(body.audience).toBe('internal')
    expect(body.area).toEqual({ code: '01.02', name: 'Hochschulviertel', parentCode: '01' })
    expect(body.groups.map((g) => g.age)).toEqual([
      '0–4', '5–9', '10–14', '15–19', '20–24', '25–29', '30–34', '35–39', '40–44', '45–49',
      '50–54', '55–59', '60–64', '65–69', '70–74', '75–79', '80–84', '85+',
    ]) // prettier-ignore
    const blocks = blocksOf('01.02')
    for (const g of body.groups) {
      const byHand = (sex: string) =>
        blocks.reduce(
          (s, b) =>
            s +
            obs(`pop_${sex}_de_${g.ageKey}`, b, 2020) +
            obs(`pop_${sex}_nd_${g.ageKey}`, b, 2020),
          0,
        )
      expect(g.male).toBe(byHand('m'))
      expect(g.female).toBe(byHand('f'))
      expect([g.maleStatus, g.femaleStatus]).toEqual(['ok', 'ok'])
    }
    // The totals are the residents the population route publishes.
    const population = (
      await get('/api/orgs/musterstadt/population?layer=sozialraum&period=2020')
    ).json() as { values: { code: string; population: number }[] }
    const residents = population.values.find((v) => v.code === '01.02')!.population
    expect(body.total!.male! + body.total!.female!).toBe(residents)
  })

  it('defaults to the latest year and answers the city too', async () => {
    const body = (
      await get('/api/orgs/musterstadt/areas/0/pyramid?layer=gesamtstadt', true)
    ).json() as Pyramid
    expect(body.period).toBe(2024)
    expect(body.area.parentCode).toBeNull()
    const all = city.areas.filter((a) => a.layerKey === 'block').map((a) => a.code)
    const men85 = all.reduce(
      (s, b) => s + obs('pop_m_de_85p', b, 2024) + obs('pop_m_nd_85p', b, 2024),
      0,
    )
    expect(body.groups.at(-1)!.male).toBe(men85)
  })

  it('hides small counts from the public so that neither hierarchy nor totals give them away', async () => {
    const computation = await engine.get(orgId)
    const { internal } = computation
    const { tree } = computation.cube.areas
    const p = internal.periodIndex(2024)
    const layout = pyramidLayout(internal.variables)
    const counts = cellCounts(layout, internal.aggregated!, tree.size, internal.periods.length, p)

    // Every block's public pyramid through the API.
    const blockIndexes = [...computation.cube.areas.byKey.entries()]
      .filter(([key]) => key.startsWith('block '))
      .map(([key, a]) => ({ code: key.slice(6), a }))
    const hidden = counts.map(() => new Uint8Array(tree.size))
    let suppressedCells = 0
    let secondaries = 0
    for (const { code, a } of blockIndexes) {
      const body = (
        await get(`/api/orgs/musterstadt/areas/${code}/pyramid?layer=block&period=2024`)
      ).json() as Pyramid
      expect(body.audience).toBe('public')
      expect(body.total).toBeNull()
      body.groups.forEach((g, i) => {
        for (const [sex, value, status] of [
          [0, g.male, g.maleStatus],
          [1, g.female, g.femaleStatus],
        ] as const) {
          const exact = counts[i * 2 + sex]![a]!
          if (status === 'suppressed') {
            expect(value).toBeNull()
            hidden[i * 2 + sex]![a] = 1
            suppressedCells++
            if (exact >= 3) secondaries++
          } else {
            // No visible count of 1 or 2 (minimum case number 3), and visible values are exact.
            expect(value).toBe(exact)
            expect(exact === 1 || exact === 2).toBe(false)
          }
        }
      })
    }
    expect(suppressedCells).toBeGreaterThan(0)
    expect(secondaries).toBeGreaterThan(0)

    // The remaining layers through the same computation as the route (cached, same answer).
    const margins = publishedMargins(
      layout,
      internal.variables,
      publishedSums(computation, p),
      tree.size,
    )
    const disclosure = protectPyramids(tree, counts, cellVectors(layout), margins, 3)
    const all = disclosure.hidden
    for (const { a } of blockIndexes) {
      for (let c = 0; c < counts.length; c++) expect(all[c]![a]).toBe(hidden[c]![a])
    }
    expect(disclosure.unprotectable).toBe(0)

    // 1. Hierarchy: the exact attacker of core/disclosure pins no small count of any cell.
    for (let c = 0; c < counts.length; c++) {
      const published = counts[c]!.map((v, a) => (all[c]![a] ? Number.NaN : v))
      const flags = all[c]!.map((h) => (h ? PRIMARY : VISIBLE))
      // One symbol for every hidden cell, and hidden cells may be 0 (see protectMargins).
      const intervals = audit(tree, published, flags, 3, {
        flagsPublic: false,
        extraPrimary: all[c],
      })
      for (const interval of intervals) {
        const exact = counts[c]![interval.cell]!
        if (exact >= 1 && exact <= 2) expect(interval.lower).toBeLessThan(interval.upper)
      }
    }

    // 2. Margins: residents of an area are published; where one of its cells is hidden, at
    // least one more is, so "total minus visible cells" never yields a single cell. The same for
    // residents under 15 where the public child poverty rate shows its denominator.
    const poverty = selectValues(computation, 'public', {
      indicators: ['child_poverty'],
      periods: [2024],
      areas: [],
    }).rows
    const u15Published = new Set(
      poverty.filter((r) => r.denominator !== null).map((r) => `${r.layer} ${r.areaCode}`),
    )
    const keyOf = new Map([...computation.cube.areas.byKey].map(([key, a]) => [a, key]))
    const u15 = [0, 1, 2].flatMap((i) => [i * 2, i * 2 + 1])
    let areasWithHidden = 0
    let u15Checked = 0
    for (let a = 0; a < tree.size; a++) {
      const n = counts.reduce((s, _, c) => s + all[c]![a]!, 0)
      if (n === 0) continue
      areasWithHidden++
      expect(n).toBeGreaterThanOrEqual(2)
      const hiddenU15 = u15.filter((c) => all[c]![a])
      const small = hiddenU15.some((c) => counts[c]![a]! >= 1 && counts[c]![a]! <= 2)
      if (small && u15Published.has(keyOf.get(a)!)) {
        u15Checked++
        expect(hiddenU15.length).toBeGreaterThanOrEqual(2)
      }
      // No hidden small count is a linear combination of what this area publishes.
      const published = margins.filter((m) => m.areas === null || m.areas[a]).map((m) => m.vector)
      const areaHidden = counts.map((_, c) => all[c]![a]!)
      for (const c of determinedCells(areaHidden, cellVectors(layout), published)) {
        expect(counts[c]![a]! === 1 || counts[c]![a]! === 2).toBe(false)
      }
    }
    // Seen on the demo (2024): 680 hidden cells among the 250 blocks, 347 of them ≥ 3.
    expect(areasWithHidden).toBeGreaterThan(0)
    expect(u15Checked).toBeGreaterThan(0)
  }, 300_000)

  it('says what was expected for bad input', async () => {
    const bad = await get('/api/orgs/musterstadt/areas/01%2F02/pyramid?layer=sozialraum')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
    expect(bad.json().error.message).toMatch(/code/)
    const noLayer = await get('/api/orgs/musterstadt/areas/01.02/pyramid')
    expect(noLayer.statusCode).toBe(400)
    expect(noLayer.json().error.message).toMatch(/layer/)
    const unknownArea = await get('/api/orgs/musterstadt/areas/99.99/pyramid?layer=sozialraum')
    expect(unknownArea.statusCode).toBe(404)
    expect(unknownArea.json().error.message).toMatch(
      /"99\.99" does not exist in the layer "sozialraum"/,
    )
    const unknownLayer = await get('/api/orgs/musterstadt/areas/01/pyramid?layer=kreis')
    expect(unknownLayer.statusCode).toBe(404)
    expect(unknownLayer.json().error.message).toMatch(/known layers: gesamtstadt, stadtbezirk/)
    const year = await get('/api/orgs/musterstadt/areas/01/pyramid?layer=stadtbezirk&period=1990')
    expect(year.statusCode).toBe(404)
    expect(year.json().error.message).toMatch(/years with data: 2015, .*2024/)
  })
})
