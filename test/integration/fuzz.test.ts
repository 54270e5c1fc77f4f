/**
 * Seeded fuzzing with malformed input: the statistics and boundary importers must either succeed
 * or fail with a report or a typed error (never an escaped TypeError/RangeError, never a hang), and
 * a failed import writes nothing but its `failed` record; the HTTP API must never answer 5xx to
 * random paths, query strings, bodies, headers and content types on every documented operation.
 *
 * PLANRAUM_FUZZ_CASES (default 300 per target) and PLANRAUM_FUZZ_SEED reproduce or widen a run;
 * every failure is printed with its case number and input.
 */
import type { FastifyInstance, InjectOptions } from 'fastify'
import { strToU8, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import { createRandom, type Random } from '../../src/core/random.js'
import {
  createApiToken,
  createUser,
  PERMISSIONS,
  permissionsOf,
} from '../../src/modules/accounts/index.js'
import { importBoundaries } from '../../src/modules/areas/index.js'
import { importObservations } from '../../src/modules/monitoring/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createLogger } from '../../src/platform/log.js'
import { openSeededPglite } from '../helpers/databases.js'

process.env.PLANRAUM_ARGON2_PROFILE = 'test'

const CASES = Number(process.env.PLANRAUM_FUZZ_CASES ?? 300)
const SEED = Number(process.env.PLANRAUM_FUZZ_SEED ?? 20_261_121)
const CASE_TIMEOUT_MS = 15_000

/** Errors the importers throw on purpose (each carries a code and a message for people). */
const TYPED_ERRORS = new Set(['ApiError', 'FileReadError', 'BoundaryError', 'ZipError'])

const encoder = new TextEncoder()

const randomBytes = (r: Random, n: number) => {
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = r.int(0, 255)
  return out
}

const ODD = [
  '"',
  '""',
  ';',
  ',',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\uFEFF',
  'ä',
  '€',
  '\uD800',
  '🙂',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '1.234.567,89',
  '.',
  '-',
  'x',
  '…',
  '=cmd|" /C calc"!A0',
  '<script>',
  "'; drop table observation; --",
  '%s%n',
  '\\',
  '\u202e',
]

/** A random edit of a text: cut, duplicate, insert odd characters, break quotes. */
function garble(r: Random, text: string): string {
  let s = text
  const edits = r.int(1, 6)
  for (let i = 0; i < edits; i++) {
    const at = r.int(0, s.length)
    switch (r.int(0, 6)) {
      case 0:
        s = s.slice(0, at)
        break
      case 1:
        s = s.slice(0, at) + r.pick(ODD) + s.slice(at)
        break
      case 2:
        s = s.slice(0, at) + '"' + s.slice(at + r.int(0, 20))
        break
      case 3:
        s = s.slice(0, at) + s.slice(at, at + r.int(0, 200)).repeat(r.int(2, 50)) + s.slice(at)
        break
      case 4:
        s = s.slice(0, at) + s.slice(at + r.int(1, 50))
        break
      case 5:
        s = s.slice(0, at) + String.fromCharCode(r.int(0, 0xffff)) + s.slice(at)
        break
      default:
        s = s.slice(0, at) + ';'.repeat(r.int(1, 300)) + s.slice(at)
    }
  }
  return s
}

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)
const utf16 = (text: string, bom: boolean) => {
  const body = new Uint8Array(text.length * 2)
  for (let i = 0; i < text.length; i++) {
    body[2 * i] = text.charCodeAt(i) & 0xff
    body[2 * i + 1] = text.charCodeAt(i) >> 8
  }
  return bom ? new Uint8Array([0xff, 0xfe, ...body]) : body
}

let bomCache: Uint8Array | undefined
/** 64 MiB of zeros as an XLSX sheet: a few kilobytes zipped. */
const zipBomb = () =>
  (bomCache ??= zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(
      '<workbook><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 ** 2),
  }))

type Outcome = { ok: true; status: string } | { ok: false; error: unknown }

async function guarded(run: () => Promise<{ status: string }>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`HANG: no answer in ${CASE_TIMEOUT_MS} ms`)),
      CASE_TIMEOUT_MS,
    )
  })
  try {
    const result = await Promise.race([run(), timeout])
    return { ok: true, status: result.status }
  } catch (error) {
    return { ok: false, error }
  } finally {
    clearTimeout(timer)
  }
}

const describeError = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : String(error)

const preview = (bytes: Uint8Array) =>
  JSON.stringify(Buffer.from(bytes.subarray(0, 160)).toString('latin1')) +
  (bytes.length > 160 ? ` … (${bytes.length} bytes)` : '')

describe('fuzzing', () => {
  let db: Database
  let org: number
  let areaCodes: string[]
  let variableKeys: string[]
  let adminToken: string

  const counts = async () => {
    const [row] = await db.query<{ observations: number; areas: number; imports: number }>(
      `select (select count(*)::int from observation) as observations,
              (select count(*)::int from area) as areas,
              (select count(*)::int from data_import where status <> 'failed') as imports`,
    )
    return row!
  }

  beforeAll(async () => {
    db = await openSeededPglite('demo')
    const [o] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    org = o!.id
    areaCodes = (
      await db.query<{ code: string }>(
        `select a.code from area a join area_layer l on l.id = a.layer_id
          where l.key = 'sozialraum' and a.organization_id = $1 order by a.code`,
        [org],
      )
    ).map((r) => r.code)
    variableKeys = (
      await db.query<{ key: string }>(
        'select key from variable where organization_id = $1 order by key',
        [org],
      )
    ).map((r) => r.key)
    const { user } = await createUser(
      db,
      { actor: systemActor('fuzz') },
      {
        organizationId: org,
        email: 'fuzz-admin@musterstadt.test',
        displayName: 'Fuzz admin',
        role: 'admin',
        password: null,
      },
    )
    ;({ token: adminToken } = await createApiToken(
      db,
      {
        actor: {
          ...systemActor('fuzz'),
          kind: 'session',
          role: 'admin',
          userId: user.id,
          organization: { id: org, slug: 'musterstadt' },
          permissions: permissionsOf('admin'),
        },
      },
      { organizationId: org, name: 'fuzz', scopes: [...PERMISSIONS] },
    ))
  }, 240_000)

  afterAll(() => db.close())

  /** A plausible long-format CSV of the demo, the raw material for garbling. */
  const validCsv = (r: Random) => {
    const lines = ['Sozialraum;Jahr;Merkmal;Wert']
    for (let i = 0; i < r.int(1, 30); i++) {
      lines.push(
        `${r.pick(areaCodes)};${r.int(2015, 2024)};${r.pick(variableKeys)};${r.int(0, 5000)},${r.int(0, 9)}`,
      )
    }
    return lines.join('\r\n') + '\r\n'
  }

  function statisticsInput(r: Random): { name: string; bytes: Uint8Array } {
    const kind = r.int(0, 11)
    switch (kind) {
      case 0:
        return {
          name: r.pick(['x.csv', 'x.xlsx', 'x.txt', 'x']),
          bytes: randomBytes(r, r.int(0, 4096)),
        }
      case 1:
        return { name: 'garbled.csv', bytes: encoder.encode(garble(r, validCsv(r))) }
      case 2: {
        const csv = validCsv(r)
        return { name: 'truncated.csv', bytes: encoder.encode(csv.slice(0, r.int(0, csv.length))) }
      }
      case 3:
        return {
          name: 'quotes.csv',
          bytes: encoder.encode(validCsv(r).replace(/;/g, () => (r.chance(0.2) ? ';"' : ';'))),
        }
      case 4:
        return {
          name: 'huge-cell.csv',
          bytes: encoder.encode(
            `Sozialraum;Jahr;Merkmal;Wert\r\n${r.pick(areaCodes)};2024;${'x'.repeat(r.int(1, 4) * 500_000)};1\r\n`,
          ),
        }
      case 5:
        return { name: 'latin1.csv', bytes: latin1(garble(r, validCsv(r)) + 'Straße;ä;ö;ü') }
      case 6:
        return { name: 'utf16.csv', bytes: utf16(validCsv(r), r.chance(0.5)) }
      case 7: {
        const zip = zipSync({
          '[Content_Types].xml': strToU8(garble(r, '<Types></Types>')),
          'xl/workbook.xml': strToU8(
            garble(r, '<workbook><sheets><sheet name="a"/></sheets></workbook>'),
          ),
          'xl/worksheets/sheet1.xml': randomBytes(r, r.int(0, 2000)),
        })
        return {
          name: 'broken.xlsx',
          bytes: zip.subarray(0, r.chance(0.5) ? zip.length : r.int(0, zip.length)),
        }
      }
      case 8:
        return { name: 'bomb.xlsx', bytes: zipBomb() }
      case 9:
        return {
          name: 'wide.csv',
          bytes: encoder.encode(`${'a;'.repeat(r.int(1000, 20_000))}\r\n1;2`),
        }
      case 10:
        return {
          name: 'empty.csv',
          bytes: encoder.encode(r.pick(['', '\uFEFF', '\r\n', ';;;\r\n;;;', '"'])),
        }
      default:
        return {
          name: 'rows.csv',
          bytes: encoder.encode(
            'Sozialraum;Jahr;Merkmal;Wert\r\n' + `;;;\r\n`.repeat(r.int(1, 20_000)),
          ),
        }
    }
  }

  const MAPPINGS: unknown[] = [
    {
      areaColumn: 'Sozialraum',
      periodColumn: 'Jahr',
      variableColumn: 'Merkmal',
      valueColumn: 'Wert',
      layer: 'sozialraum',
    },
    {
      layout: 'wide',
      areaColumn: 'Sozialraum',
      periodColumn: 'Jahr',
      variableColumns: 'rest',
      layer: 'sozialraum',
    },
  ]

  it(`statistics importer: ${CASES} malformed files`, async () => {
    const r = createRandom(SEED).fork('statistics')
    const problems: string[] = []
    let before = await counts()
    const tally: Record<string, number> = {}
    for (let i = 0; i < CASES; i++) {
      const input = statisticsInput(r)
      const mapping = r.chance(0.9)
        ? r.pick(MAPPINGS)
        : { areaColumn: r.pick(ODD), layer: r.pick(ODD) }
      const outcome = await guarded(() =>
        importObservations(db, { organizationId: org, input, mapping: mapping as never }),
      )
      const label = outcome.ok ? outcome.status : (outcome.error as Error).name
      tally[label] = (tally[label] ?? 0) + 1
      const after = await counts()
      if (!outcome.ok && !TYPED_ERRORS.has((outcome.error as Error)?.name)) {
        problems.push(
          `case ${i} (${input.name} ${preview(input.bytes)}): ${describeError(outcome.error)}`,
        )
      }
      if (
        (!outcome.ok || outcome.status === 'failed') &&
        JSON.stringify(after) !== JSON.stringify(before)
      ) {
        problems.push(
          `case ${i} (${input.name}): partial write ${JSON.stringify({ before, after })}`,
        )
      }
      before = after
    }
    console.log(`statistics fuzz (seed ${SEED}):`, tally)
    if (problems.length > 0) console.error(problems.join('\n'))
    expect(problems).toEqual([])
  }, 600_000)

  const polygon = (r: Random) => {
    const x = r.uniform(7, 13)
    const y = r.uniform(48, 54)
    const d = r.uniform(0.001, 0.1)
    return [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ]
  }
  const weird = (r: Random): unknown =>
    r.pick<unknown>([
      NaN,
      Infinity,
      -Infinity,
      null,
      '12',
      1e308,
      -1e308,
      [],
      {},
      [1],
      [[[]]],
      true,
      'NaN',
    ])

  function geometry(r: Random): unknown {
    switch (r.int(0, 9)) {
      case 0:
        return { type: 'Polygon', coordinates: polygon(r) }
      case 1:
        return { type: 'MultiPolygon', coordinates: [polygon(r)] }
      case 2:
        return { type: 'Point', coordinates: [r.uniform(7, 13), r.uniform(48, 54)] }
      case 3:
        return { type: 'LineString', coordinates: polygon(r)[0] }
      case 4:
        return {
          type: 'Polygon',
          coordinates: polygon(r).map((ring) =>
            ring.map((p) => p.map((c) => (r.chance(0.3) ? weird(r) : c))),
          ),
        }
      case 5:
        return {
          type: 'GeometryCollection',
          geometries: [{ type: 'Polygon', coordinates: polygon(r) }],
        }
      case 6:
        return { type: 'Polygon', coordinates: [polygon(r)[0]!.slice(0, r.int(0, 3))] }
      case 7:
        return null
      case 8:
        return { type: r.pick(ODD), coordinates: weird(r) }
      default: {
        // a bow tie (self-intersecting) or a huge ring
        const n = r.chance(0.5) ? 4 : r.int(1000, 50_000)
        const ring = Array.from({ length: n }, () => [r.uniform(7, 13), r.uniform(48, 54)])
        return { type: 'Polygon', coordinates: [[...ring, ring[0]]] }
      }
    }
  }

  function boundaryInput(r: Random): { name: string; bytes: Uint8Array } {
    const kind = r.int(0, 7)
    if (kind === 0)
      return {
        name: r.pick(['a.zip', 'a.geojson', 'a.shp', 'a.json']),
        bytes: randomBytes(r, r.int(0, 4096)),
      }
    if (kind === 1) {
      const entries: Record<string, Uint8Array> = {}
      for (const ext of ['shp', 'dbf', 'prj', 'shx', 'cpg']) {
        if (r.chance(0.7))
          entries[`${r.chance(0.1) ? '../' : ''}gebiete.${ext}`] = randomBytes(r, r.int(0, 2000))
      }
      if (r.chance(0.2)) entries['big.shp'] = new Uint8Array(32 * 1024 ** 2)
      return { name: 'gebiete.zip', bytes: zipSync(entries) }
    }
    const features = Array.from({ length: r.int(0, 12) }, (_, i) => ({
      type: r.chance(0.95) ? 'Feature' : r.pick(ODD),
      properties: r.chance(0.9)
        ? {
            code: r.chance(0.9) ? `F${i % r.int(1, 12)}` : weird(r),
            name: r.chance(0.9) ? `Gebiet ${i}` : weird(r),
          }
        : weird(r),
      geometry: geometry(r),
    }))
    const collection: Record<string, unknown> = { type: 'FeatureCollection', features }
    if (r.chance(0.15))
      collection.crs = {
        type: 'name',
        properties: {
          name: r.pick(['EPSG:25832', 'EPSG:9999', 'urn:ogc:def:crs:EPSG::31467', ODD[0]!]),
        },
      }
    let text = JSON.stringify(collection, (_, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? `__${String(v)}__` : v,
    )
    text = text.replace(/"__(NaN|Infinity|-Infinity)__"/g, '$1')
    if (kind === 2) text = garble(r, text)
    if (kind === 3) text = text.slice(0, r.int(0, text.length))
    return { name: r.pick(['gebiete.geojson', 'gebiete.json']), bytes: encoder.encode(text) }
  }

  it(`boundary importer: ${CASES} malformed files`, async () => {
    const r = createRandom(SEED).fork('boundaries')
    const problems: string[] = []
    let before = await counts()
    const tally: Record<string, number> = {}
    for (let i = 0; i < CASES; i++) {
      const input = boundaryInput(r)
      const layer = r.chance(0.5)
        ? `fuzz_${r.int(0, 3)}`
        : r.pick(['sozialraum', 'stadtteil', ...ODD])
      const outcome = await guarded(() =>
        importBoundaries(db, org, input, {
          layer,
          ...(r.chance(0.3)
            ? { validFrom: r.pick(['2030-01-01', 'gestern', '2024-02-30', '']) }
            : {}),
          ...(r.chance(0.1) ? { crs: r.pick([25832, 4326, 12345]) as never } : {}),
        }),
      )
      const label = outcome.ok ? outcome.status : (outcome.error as Error).name
      tally[label] = (tally[label] ?? 0) + 1
      const after = await counts()
      if (!outcome.ok && !TYPED_ERRORS.has((outcome.error as Error)?.name)) {
        problems.push(
          `case ${i} (${input.name}, layer ${JSON.stringify(layer)}, ${preview(input.bytes)}): ${describeError(outcome.error)}`,
        )
      }
      if (!outcome.ok && JSON.stringify(after) !== JSON.stringify(before)) {
        problems.push(
          `case ${i} (${input.name}): partial write ${JSON.stringify({ before, after })}`,
        )
      }
      before = after
    }
    console.log(`boundary fuzz (seed ${SEED}):`, tally)
    if (problems.length > 0) console.error(problems.join('\n'))
    expect(problems).toEqual([])
  }, 600_000)

  describe('HTTP API', () => {
    let app: FastifyInstance
    interface Operation {
      method: string
      path: string
      params: { name: string; in: string }[]
    }
    let operations: Operation[] = []

    beforeAll(async () => {
      app = await buildApp({
        db,
        config: { webDir: '/nonexistent', logLevel: 'silent' },
        logger: createLogger('silent'),
      })
      const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>
      }>()
      for (const [p, methods] of Object.entries(spec.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
          operations.push({ method: method.toUpperCase(), path: p, params: op.parameters ?? [] })
        }
      }
      operations = operations.filter((o) => !/logout/i.test(o.path))
    })
    afterAll(() => app.close())

    const VALUES = [
      ...ODD,
      '',
      '0',
      '-1',
      '1',
      '2024',
      '99999999999999999999',
      '1.5',
      'true',
      'musterstadt',
      'sozialraum',
      'child_poverty',
      '%00',
      '%ZZ',
      '..%2F..%2Fetc%2Fpasswd',
      'a'.repeat(5000),
      '[]',
      '{}',
      'null',
      '2024-13-45',
      '01',
    ]
    const value = (r: Random) =>
      r.chance(0.8)
        ? r.pick(VALUES)
        : String.fromCharCode(...Array.from({ length: r.int(1, 30) }, () => r.int(32, 0x2fff)))
    /** Percent-encodes; lone surrogates (not encodable) go out as raw, invalid UTF-8 escapes. */
    const enc = (s: string) =>
      s.startsWith('%')
        ? s
        : encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '')) +
          (/[\uD800-\uDFFF]/.test(s) ? '%ED%A0%80' : '')

    function randomJson(r: Random, depth = 0): unknown {
      switch (r.int(0, depth > 3 ? 4 : 6)) {
        case 0:
          return r.pick<unknown>([null, true, false, 0, -1, 1e308, 2024, 0.5])
        case 1:
        case 2:
          return value(r)
        case 3:
          return r.int(-1000, 100_000)
        case 4:
          return r.pick(VALUES)
        case 5:
          return Array.from({ length: r.int(0, 5) }, () => randomJson(r, depth + 1))
        default: {
          const keys = [
            'name',
            'email',
            'role',
            'password',
            'scopes',
            'layer',
            'code',
            'areaIds',
            'mapping',
            'locale',
            'settings',
            'token',
            'displayName',
            'minimumCases',
            'language',
            value(r),
          ]
          return Object.fromEntries(
            Array.from({ length: r.int(0, 6) }, () => [r.pick(keys), randomJson(r, depth + 1)]),
          )
        }
      }
    }

    it(`never answers 5xx to ${CASES} random requests`, async () => {
      const r = createRandom(SEED).fork('http')
      const problems: string[] = []
      const statuses: Record<number, number> = {}
      for (let i = 0; i < CASES; i++) {
        const op = r.pick(operations)
        const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === 'org' && r.chance(0.7) ? 'musterstadt' : enc(value(r)),
        )
        const query = op.params
          .filter((p) => p.in === 'query' && r.chance(0.6))
          .map((p) => `${p.name}=${enc(value(r))}`)
        for (let k = 0; k < r.int(0, 2); k++) query.push(`${enc(value(r))}=${enc(value(r))}`)
        if (r.chance(0.05)) query.push(`x=${'y'.repeat(r.int(10_000, 60_000))}`)
        const headers: Record<string, string> = {}
        if (r.chance(0.6))
          headers.authorization = r.chance(0.8) ? `Bearer ${adminToken}` : `Bearer ${value(r)}`
        if (r.chance(0.1)) headers.cookie = `planraum_session=${enc(value(r))}`
        if (r.chance(0.1)) headers['if-none-match'] = value(r).replace(/[^\x20-\x7e]/g, '')
        if (r.chance(0.2))
          headers.accept = r.pick([
            'text/csv',
            'application/geo+json',
            '*/*',
            'application/json-stat',
            'x/y',
            '',
          ])
        if (r.chance(0.1)) headers['accept-language'] = r.pick(['de', 'en', 'xx', '*'])
        const request: InjectOptions = {
          method: r.chance(0.9)
            ? (op.method as InjectOptions['method'])
            : r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const),
          url: op.path.startsWith('/api')
            ? `${url}${query.length ? '?' + query.join('&') : ''}`
            : url,
          headers,
        }
        if (request.method !== 'GET' && request.method !== 'HEAD' && r.chance(0.85)) {
          const type = r.pick([
            'application/json',
            'application/json',
            'text/csv',
            'application/octet-stream',
            'multipart/form-data; boundary=x',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
          ])
          headers['content-type'] = type
          request.payload =
            type.startsWith('application/json') && r.chance(0.8)
              ? JSON.stringify(randomJson(r))
              : Buffer.from(garble(r, JSON.stringify(randomJson(r))))
        }
        if (op.method === 'POST' && op.path.endsWith('/imports') && r.chance(0.5)) {
          // Past validation into the importer: a valid mapping and a malformed file.
          const file = statisticsInput(r)
          request.method = 'POST'
          request.url = `/api/orgs/musterstadt/imports?file=${encodeURIComponent(file.name)}&mapping=${encodeURIComponent(JSON.stringify(MAPPINGS[0]))}`
          headers.authorization = `Bearer ${adminToken}`
          headers['content-type'] = r.pick(['application/octet-stream', 'text/csv'])
          request.payload = Buffer.from(file.bytes)
        }
        let status: number
        try {
          const response = await app.inject(request)
          status = response.statusCode
          if (status >= 500) {
            problems.push(
              `case ${i}: ${status} ${request.method} ${String(request.url).slice(0, 400)} headers=${JSON.stringify(headers).slice(0, 300)} body=${String(request.payload ?? '').slice(0, 300)} → ${response.body.slice(0, 300)}`,
            )
          }
        } catch (error) {
          status = 0
          problems.push(
            `case ${i}: inject threw ${describeError(error)} for ${request.method} ${String(request.url).slice(0, 300)}`,
          )
        }
        statuses[status] = (statuses[status] ?? 0) + 1
      }
      console.log(`http fuzz (seed ${SEED}, ${operations.length} operations):`, statuses)
      if (problems.length > 0) console.error(problems.join('\n'))
      expect(problems).toEqual([])
    }, 600_000)
  })
})
