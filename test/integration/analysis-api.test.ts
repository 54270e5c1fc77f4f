/**
 * The read-only analysis API with the demo city: each answer checked against an independent
 * computation from the public values API and the areas API (Moran's I and Geary's C by their
 * defining formulas, Marshall's global EB by hand), what the public sees, determinism, errors.
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import { classify } from '../../src/core/analysis/classify.js'
import { createRandom } from '../../src/core/random.js'
import { contiguityWeights, neighbourLists } from '../../src/core/analysis/spatial/index.js'
import type { FeatureCollection, MultiPolygon } from '../../src/core/geo/geojson.js'
import { createUser, startSession } from '../../src/modules/accounts/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

process.env.PLANRAUM_ARGON2_PROFILE = 'test'

const ORG = '/api/orgs/musterstadt'

interface Row {
  areaCode: string
  value: number | null
  numerator: number | null
  denominator: number | null
  status: string
}
type Json = Record<string, unknown> & { areas: Record<string, unknown>[] }

describe.each(testTargets())('analysis API on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let staff: Record<string, string>

  const get = async (url: string, internal = false) => {
    const response = await app.inject({ method: 'GET', url, headers: internal ? staff : {} })
    return { status: response.statusCode, body: response.json() as Json }
  }
  const values = async (indicator: string, layer: string, internal: boolean) =>
    (
      (
        await get(
          `${ORG}/values?indicator=${indicator}&layer=${layer}&period=2024&limit=10000`,
          internal,
        )
      ).body as unknown as { data: Row[] }
    ).data
  /** Queen neighbours among the given areas, from the boundaries the areas API serves. */
  const queen = async (layer: string, codes: string[]) => {
    const response = await app.inject({ url: `${ORG}/areas?layer=${layer}` })
    const areas = response.json() as FeatureCollection<MultiPolygon, { code: string }>
    const byCode = new Map(areas.features.map((f) => [f.properties.code, f.geometry]))
    return neighbourLists(
      contiguityWeights(
        codes.map((c) => byCode.get(c)!),
        { rule: 'queen' },
      ),
    )
  }

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    const { user } = await createUser(
      db,
      { actor: systemActor('test') },
      {
        organizationId: org!.id,
        email: 'planner@musterstadt.test',
        displayName: 'Planner',
        role: 'planner',
        password: null,
      },
    )
    const session = await startSession(db, { userId: user.id, organizationId: org!.id })
    staff = { cookie: `planraum_session=${session.token}`, 'x-csrf-token': session.csrfToken }
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

  it("gives Moran's I and Geary's C as their defining formulas do, on row-standardised queen weights", async () => {
    const { status, body } = await get(
      `${ORG}/analysis/autocorrelation?layer=sozialraum&indicator=sgb2_rate&period=2024&permutations=99&seed=7`,
      true,
    )
    expect(status).toBe(200)
    const rows = (await values('sgb2_rate', 'sozialraum', true)).filter((r) => r.value !== null)
    const codes = rows.map((r) => r.areaCode)
    const x = rows.map((r) => r.value!)
    const nb = await queen('sozialraum', codes)
    // I = (n / S0) Σᵢ Σⱼ wᵢⱼ zᵢ zⱼ / Σ zᵢ²  and  C = (n − 1) Σ wᵢⱼ (xᵢ − xⱼ)² / (2 S0 Σ zᵢ²), wᵢⱼ = 1/|N(i)|
    const n = x.length
    const m = x.reduce((a, b) => a + b, 0) / n
    const z = x.map((v) => v - m)
    const zz = z.reduce((a, b) => a + b * b, 0)
    let cross = 0
    let diff = 0
    nb.forEach((list, i) =>
      list.forEach((j) => {
        cross += (z[i]! * z[j]!) / list.length
        diff += (x[i]! - x[j]!) ** 2 / list.length
      }),
    )
    const S0 = nb.filter((l) => l.length > 0).length
    const moran = body.moran as {
      I: number
      expectation: number
      permutation: { permutations: number }
    }
    const geary = body.geary as { C: number }
    expect(body.n).toBe(n)
    expect(moran.I).toBeCloseTo((n / S0) * (cross / zz), 12)
    expect(moran.expectation).toBeCloseTo(-1 / (n - 1), 14)
    expect(geary.C).toBeCloseTo(((n - 1) * diff) / (2 * S0 * zz), 12)
    expect(moran.permutation.permutations).toBe(99)
    expect(body.weights).toMatchObject({ kind: 'queen', style: 'W', islands: [] })
    // Seeded: the same request gives the same pseudo p-value.
    const again = await get(
      `${ORG}/analysis/autocorrelation?layer=sozialraum&indicator=sgb2_rate&period=2024&permutations=99&seed=7`,
      true,
    )
    expect(again.body).toEqual(body)
  })

  it('classifies like the core over the values the asker sees; the public leaves suppressed areas out', async () => {
    const internal = await get(
      `${ORG}/analysis/classification?layer=block&indicator=child_poverty&method=quantile&k=4`,
      true,
    )
    const exact = (await values('child_poverty', 'block', true)).filter((r) => r.value !== null)
    const want = classify(
      exact.map((r) => r.value!),
      'quantile',
      4,
    )
    expect(internal.body).toMatchObject({
      audience: 'internal',
      breaks: want.breaks,
      counts: want.counts,
    })
    const open = await get(
      `${ORG}/analysis/classification?layer=block&indicator=child_poverty&method=quantile&k=4`,
    )
    const visible = (await values('child_poverty', 'block', false)).filter((r) => r.status === 'ok')
    const hidden = (await values('child_poverty', 'block', false)).filter(
      (r) => r.status === 'suppressed',
    )
    expect(hidden.length).toBeGreaterThan(0)
    expect(open.body).toMatchObject({
      audience: 'public',
      breaks: classify(
        visible.map((r) => r.value!),
        'quantile',
        4,
      ).breaks,
    })
    expect(open.body.areas.map((a) => a.id)).toEqual(visible.map((r) => r.areaCode))
    expect(
      (open.body.omitted as { code: string; status: string }[])
        .filter((o) => o.status === 'suppressed')
        .map((o) => o.code),
    ).toEqual(hidden.map((r) => r.areaCode))
  })

  it('smooths rates towards the overall rate (Marshall 1991, global EB) as computed by hand', async () => {
    const { status, body } = await get(
      `${ORG}/analysis/smoothed-rates?layer=block&indicator=child_poverty&kind=global`,
      true,
    )
    expect(status).toBe(200)
    const rows = (await values('child_poverty', 'block', true)).filter(
      (r) => r.denominator !== null && r.denominator > 0 && r.numerator !== null,
    )
    const e = rows.map((r) => r.numerator!)
    const p = rows.map((r) => r.denominator!)
    const E = e.reduce((a, b) => a + b, 0)
    const P = p.reduce((a, b) => a + b, 0)
    const mean = E / P
    const s2 = p.reduce((s, pi, i) => s + pi * (e[i]! / pi - mean) ** 2, 0) / P
    const a = Math.max(0, s2 - mean / (P / p.length))
    expect(body.scale).toBe(100)
    expect(body.mean).toBeCloseTo(100 * mean, 10)
    expect(body.areas).toHaveLength(rows.length)
    body.areas.forEach((area, i) => {
      const raw = e[i]! / p[i]!
      const smoothed = mean + ((raw - mean) * a) / (a + mean / p[i]!)
      expect(area.id).toBe(rows[i]!.areaCode)
      expect(area.smoothed as number).toBeCloseTo(100 * smoothed, 10)
    })
    const local = await get(
      `${ORG}/analysis/smoothed-rates?layer=block&indicator=child_poverty&kind=local&weights=queen`,
      true,
    )
    expect(local.status).toBe(200)
    expect(local.body.areas[0]).toHaveProperty('localMean')
  })

  it('maps local clusters (LISA) and hot spots (Gi*) with consistent classes', async () => {
    const lisa = await get(
      `${ORG}/analysis/lisa?layer=sozialraum&indicator=sgb2_rate&permutations=499&seed=3`,
      true,
    )
    expect(lisa.status).toBe(200)
    const n = lisa.body.n as number
    expect(
      Object.values(lisa.body.clusters as Record<string, number>).reduce((a, b) => a + b, 0),
    ).toBe(n)
    for (const area of lisa.body.areas) {
      if (area.cluster !== 'not-significant') {
        expect(area.cluster).toBe(area.quadrant)
        expect(area.pseudoP as number).toBeLessThanOrEqual(0.05)
      }
    }
    // Σ Iᵢ / n = I for row-standardised weights (Anselin 1995, eq. 6 with S0 = n).
    const global = await get(
      `${ORG}/analysis/autocorrelation?layer=sozialraum&indicator=sgb2_rate&permutations=0`,
      true,
    )
    const sum = lisa.body.areas.reduce((s, a) => s + (a.Ii as number), 0)
    expect(sum / n).toBeCloseTo((global.body.moran as { I: number }).I, 12)

    const hot = await get(
      `${ORG}/analysis/hotspots?layer=sozialraum&indicator=sgb2_rate&weights=knn:4`,
      true,
    )
    expect(hot.status).toBe(200)
    expect(hot.body.weights).toMatchObject({ kind: 'knn:4', minNeighbours: 4, maxNeighbours: 4 })
    for (const area of hot.body.areas) {
      const zv = area.z as number
      const expected =
        Math.abs(zv) > 1.959964 ? (zv > 0 ? 'hot-spot' : 'cold-spot') : 'not-significant'
      expect(area.cluster).toBe(expected)
    }
  })

  it('builds a reproducible typology with silhouettes for choosing k and profiles in original units', async () => {
    const url = `${ORG}/analysis/typology?layer=sozialraum&indicators=sgb2_rate,share_65p,share_non_german&method=kmeans&k=3&seed=5`
    const first = await get(url, true)
    expect(first.status).toBe(200)
    const body = first.body as Json & {
      profiles: { size: number; variables: { name: string; mean: number }[] }[]
      silhouetteByK: { k: number; silhouette: number }[]
    }
    expect(body.profiles.map((p) => p.size).reduce((a, b) => a + b, 0)).toBe(body.n)
    expect(body.silhouetteByK.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10])
    // The profile means are in the indicators' units: the size-weighted mean of the cluster
    // means is the mean over all areas.
    const rows = (await values('share_65p', 'sozialraum', true)).filter((r) => r.value !== null)
    const overall = rows.reduce((s, r) => s + r.value!, 0) / rows.length
    const weighted =
      body.profiles.reduce(
        (s, p) => s + p.size * p.variables.find((v) => v.name === 'share_65p')!.mean,
        0,
      ) / (body.n as number)
    expect(weighted).toBeCloseTo(overall, 10)
    expect((await get(url, true)).body).toEqual(body)
    const ward = await get(url.replace('kmeans', 'ward'), true)
    expect(ward.body).toMatchObject({ method: 'ward', k: 3 })
  })

  it('never answers 5xx to odd parameters (seeded)', async () => {
    const r = createRandom(20_261_121)
    const odd = [
      '',
      '0',
      '-1',
      '1',
      '3',
      '2024',
      '1990',
      '99999999999999999999',
      '1e308',
      '-1e308',
      '1.5',
      'NaN',
      'knn:1',
      'knn:99999999999999999999',
      'queen',
      'rook',
      'W',
      'B',
      'manual',
      'fisher',
      'ward',
      'kmeans',
      'local',
      'global',
      'sozialraum',
      'block',
      'gesamtstadt',
      'sgb2_rate',
      'residents',
      'sgb2_rate,sgb2_rate',
      'sgb2_rate,residents',
      '1,2,x',
      '1.2.3',
      '%00',
      'ä',
    ]
    const params: Record<string, string[]> = {
      classification: ['layer', 'indicator', 'period', 'method', 'k', 'breaks'],
      autocorrelation: ['layer', 'indicator', 'period', 'weights', 'style', 'permutations', 'seed'],
      lisa: ['layer', 'indicator', 'period', 'weights', 'style', 'permutations', 'seed', 'alpha'],
      hotspots: ['layer', 'indicator', 'period', 'weights', 'permutations', 'alpha'],
      'smoothed-rates': ['layer', 'indicator', 'period', 'weights', 'kind'],
      typology: ['layer', 'indicators', 'period', 'method', 'k', 'seed'],
    }
    const problems: string[] = []
    for (let i = 0; i < 150; i++) {
      const route = r.pick(Object.keys(params))
      const query = params[route]!.filter(() => r.chance(0.8)).map(
        (p) => `${p}=${encodeURIComponent(r.pick(odd))}`,
      )
      const url = r.chance(0.2)
        ? `${ORG}/social-indexes/${encodeURIComponent(r.pick(odd))}/versions/${encodeURIComponent(r.pick(odd))}/${r.pick(['index', 'sensitivity'])}?${query.join('&')}`
        : `${ORG}/analysis/${route}?${query.join('&')}`
      const response = await app.inject({ url, headers: r.chance(0.5) ? staff : {} })
      if (response.statusCode >= 500) problems.push(`${url} → ${response.body.slice(0, 200)}`)
    }
    expect(problems).toEqual([])
  })

  it('says what is wrong with a request', async () => {
    const cases: [string, number, RegExp][] = [
      [`${ORG}/analysis/lisa?layer=sozialraum&indicator=sgb2_rate&weights=knn:0`, 400, /knn:<k>/],
      [`${ORG}/analysis/lisa?layer=sozialraum&indicator=nope`, 404, /"nope" do not exist/],
      [`${ORG}/analysis/lisa?layer=nope&indicator=sgb2_rate`, 404, /layer "nope"/],
      [
        `${ORG}/analysis/smoothed-rates?layer=block&indicator=residents`,
        400,
        /count without a denominator/,
      ],
      [
        `${ORG}/analysis/classification?layer=block&indicator=sgb2_rate&method=manual`,
        400,
        /needs breaks/,
      ],
      [
        `${ORG}/analysis/typology?layer=sozialraum&indicators=sgb2_rate`,
        400,
        /at least two indicator keys/,
      ],
      [`${ORG}/analysis/hotspots?layer=gesamtstadt&indicator=sgb2_rate`, 400, /at least/],
    ]
    for (const [url, status, message] of cases) {
      const response = await get(url, true)
      expect([url, response.status]).toEqual([url, status])
      expect((response.body as unknown as { error: { message: string } }).error.message).toMatch(
        message,
      )
    }
  })
})
