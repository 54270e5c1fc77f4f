/**
 * Downloads of indicator values as XLSX (`format=xlsx`) and the indicator listing per audience, on
 * a real database with the demo city: the workbook is read back with our own reader, every XML
 * part is checked for well-formedness, and its numbers are compared with the JSON answer.
 */
import { unzipSync } from 'fflate'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import { createUser } from '../../src/modules/accounts/index.js'
import { generateMusterstadt } from '../../src/modules/demo/index.js'
import { MonitoringEngine } from '../../src/modules/monitoring/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { openXlsx, type XlsxCell } from '../../src/platform/io/xlsx.js'
import { createLogger } from '../../src/platform/log.js'
import { testTargets } from '../helpers/databases.js'

const city = generateMusterstadt()
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const COLUMNS = [
  'indicator',
  'layer',
  'areaCode',
  'areaName',
  'parentCode',
  'period',
  'value',
  'numerator',
  'denominator',
  'change1',
  'change1Percent',
  'change3',
  'change3Percent',
  'change5',
  'change5Percent',
  'diffParent',
  'diffCity',
  'rank',
  'rankCount',
  'z',
  'status',
]

/**
 * Throws unless `xml` is well-formed XML 1.0 as far as a generated document can go wrong: one
 * root, properly nested and closed tags, quoted and unique attributes, known entities, no `<` or
 * stray `&` in text, no characters XML forbids.
 */
function assertWellFormed(xml: string, part: string): void {
  const fail = (message: string, at: number): never => {
    throw new Error(
      `${part} is not well-formed at offset ${at}: ${message} (…${xml.slice(Math.max(0, at - 40), at + 40)}…)`,
    )
  }
  // eslint-disable-next-line no-control-regex
  const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.exec(xml)
  if (forbidden) fail('a character XML 1.0 forbids', forbidden.index)
  const name = '[A-Za-z_][\\w.:-]*'
  const token = new RegExp(
    `<\\?xml[^?]*\\?>|<(/?)(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>|<|&(?:#x[0-9A-Fa-f]+|#\\d+|lt|gt|amp|quot|apos);|&`,
    'g',
  )
  const stack: string[] = []
  let roots = 0
  let text = ''
  let last = 0
  for (const match of xml.matchAll(token)) {
    text += xml.slice(last, match.index)
    last = match.index + match[0].length
    if (match[0] === '<') fail('a "<" that starts no tag', match.index)
    if (match[0] === '&') fail('an "&" that starts no entity', match.index)
    if (match[0].startsWith('&')) continue
    if (match[0].startsWith('<?xml')) {
      if (match.index !== 0) fail('the XML declaration is not at the start', match.index)
      continue
    }
    if (stack.length === 0 && text.trim() !== '') fail('text outside the root element', match.index)
    text = ''
    const [, closing, tag, attributes, selfClosing] = match
    if (closing) {
      if (stack.pop() !== tag) fail(`</${tag}> closes a different element`, match.index)
      continue
    }
    const names = [...attributes!.matchAll(new RegExp(`(${name})\\s*=`, 'g'))].map((m) => m[1])
    if (new Set(names).size !== names.length) fail(`<${tag}> repeats an attribute`, match.index)
    if (stack.length === 0 && ++roots > 1) fail('a second root element', match.index)
    if (!selfClosing) stack.push(tag!)
  }
  if (stack.length > 0) fail(`<${stack.at(-1)}> is never closed`, xml.length)
  if (roots !== 1) fail('no root element', 0)
}

describe('assertWellFormed (the checker itself)', () => {
  it('accepts well-formed XML and rejects the usual mistakes', () => {
    const ok = '<?xml version="1.0"?>\n<a x="1" y=\'&amp;\'><b/>t &lt; &#x41;<c>z</c></a>'
    expect(() => assertWellFormed(ok, 'ok')).not.toThrow()
    for (const bad of [
      '<a><b></a></b>',
      '<a>x & y</a>',
      '<a>1 < 2</a>',
      '<a x="1" x="2"/>',
      '<a/><b/>',
      '<a x=1/>',
      '<a>',
      '<a>\u0001</a>',
    ]) {
      expect(() => assertWellFormed(bad, 'bad'), bad).toThrow(/not well-formed/)
    }
  })
})

describe.each(testTargets())('values as XLSX and the indicator listing on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let staffCookie: string
  let providerCookie: string

  const signIn = async (email: string, role: 'planner' | 'provider') => {
    const password = 'Ein sehr langes Passwort 2024!'
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    await createUser(
      db,
      { actor: systemActor('test') },
      {
        organizationId: org!.id,
        email,
        displayName: role,
        role,
        password,
      },
    )
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { org: 'musterstadt', email, password },
    })
    expect(response.statusCode, response.body).toBe(200)
    return `planraum_session=${/planraum_session=([^;]+)/.exec(String(response.headers['set-cookie']))![1]!}`
  }

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    app = await buildApp({
      db,
      engine: new MonitoringEngine(db),
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
    staffCookie = await signIn('planerin@musterstadt.test', 'planner')
    providerCookie = await signIn('traeger@musterstadt.test', 'provider')
  })
  afterAll(async () => {
    await app?.close()
    await dispose()
  })

  const query = 'indicator=child_poverty,sgb2_rate&layer=block&period=2023,2024'

  async function download(cookie?: string, extra = '') {
    const response = await app.inject({
      url: `/api/orgs/musterstadt/values?${query}&format=xlsx${extra}`,
      // As a browser asks: the workbook (a ZIP already) must come as it is all the same.
      headers: { 'accept-encoding': 'br, gzip', ...(cookie ? { cookie } : {}) },
    })
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    return response
  }

  async function json(cookie?: string) {
    const response = await app.inject({
      url: `/api/orgs/musterstadt/values?${query}&limit=10000`,
      headers: cookie ? { cookie } : {},
    })
    return (response.json() as { data: Record<string, unknown>[] }).data
  }

  it('answers a valid workbook whose every part is well-formed XML', async () => {
    const response = await download()
    expect(response.headers['content-type']).toBe(XLSX_TYPE)
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="musterstadt-values-2023_2024.xlsx"',
    )
    expect(response.headers.etag).toBeDefined()
    const parts = unzipSync(new Uint8Array(response.rawPayload))
    expect(Object.keys(parts).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ])
    for (const [name, bytes] of Object.entries(parts)) {
      assertWellFormed(new TextDecoder('utf-8', { fatal: true }).decode(bytes), name)
    }
  })

  it('holds exactly the numbers of the JSON answer, "." where suppressed, empty where missing', async () => {
    const book = openXlsx(new Uint8Array((await download()).rawPayload))
    expect(book.sheets).toEqual(['Werte', 'Metadaten'])
    const [header, ...body] = [...book.rows('Werte')].map((r) => r.cells)
    expect(header).toEqual(COLUMNS)
    const expected = await json()
    expect(body).toHaveLength(expected.length)
    // 2 indicators × 2 years × the blocks of Musterstadt.
    expect(expected.length).toBe(4 * city.areas.filter((a) => a.layerKey === 'block').length)
    let suppressed = 0
    let numbers = 0
    body.forEach((cells, i) => {
      const row = expected[i]!
      COLUMNS.forEach((column, c) => {
        const want = row[column]
        const got: XlsxCell | undefined = cells[c]
        if (typeof want === 'number') {
          numbers++
          // Written as shortest round-trip decimal: the same double comes back.
          expect(got, `${column} of row ${i + 2}`).toBe(want)
        } else if (want === null) {
          const symbol = row.status === 'suppressed' && !['parentCode'].includes(column) ? '.' : ''
          if (symbol === '.') suppressed++
          expect(got ?? '', `${column} of row ${i + 2}`).toBe(symbol)
        } else {
          expect(got, `${column} of row ${i + 2}`).toBe(want)
        }
      })
    })
    expect(suppressed).toBeGreaterThan(0)
    expect(numbers).toBeGreaterThan(10_000)
  })

  it('describes the indicators, source, disclosure and export time on the metadata sheet', async () => {
    const before = Date.now()
    const book = openXlsx(new Uint8Array((await download()).rawPayload))
    const rows = [...book.rows('Metadaten')].map((r) => r.cells)
    const field = (label: string) => rows.find((r) => r[0] === label)?.[1]
    expect(field('Titel')).toBe('Musterstadt: Kennzahlen 2023, 2024')
    expect(field('Quelle')).toBe('Musterstadt')
    expect(field('Sichtbarkeit')).toMatch(/^Öffentlich/)
    expect(field('Geheimhaltung')).toMatch(/Zeichen "\." .*unterdrückt/)
    const exported = Date.parse(String(field('Exportiert am')))
    expect(exported).toBeGreaterThanOrEqual(before - 1000)
    expect(exported).toBeLessThanOrEqual(Date.now())
    const indicators = await app.inject({ url: '/api/orgs/musterstadt/indicators' })
    const childPoverty = (
      indicators.json() as { data: { key: string; nameDe: string; formula: string }[] }
    ).data.find((i) => i.key === 'child_poverty')!
    const line = rows.find((r) => r[0] === 'child_poverty')!
    expect(line.slice(0, 2)).toEqual(['child_poverty', childPoverty.nameDe])
    expect(line[3]).toBe(childPoverty.formula)
    expect(rows.some((r) => r[0] === 'sgb2_rate')).toBe(true)
    expect(rows.filter((r) => /^[a-z0-9_]+$/.test(String(r[0])) && r.length >= 10)).toHaveLength(2)
  })

  it('gives staff exact values marked internal, in English on request', async () => {
    const response = await download(staffCookie, '&locale=en')
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="musterstadt-values-2023_2024-intern.xlsx"',
    )
    const book = openXlsx(new Uint8Array(response.rawPayload))
    expect(book.sheets).toEqual(['Values', 'Metadata'])
    const body = [...book.rows('Values')].slice(1).map((r) => r.cells)
    const expected = await json(staffCookie)
    expect(body).toHaveLength(expected.length)
    expect(body.filter((cells) => cells.includes('.'))).toEqual([])
    const value = COLUMNS.indexOf('value')
    expect(body.map((cells) => cells[value] ?? '')).toEqual(expected.map((row) => row.value ?? ''))
    const meta = [...book.rows('Metadata')].map((r) => r.cells)
    expect(meta.find((r) => r[0] === 'Visibility')?.[1]).toMatch(/^INTERNAL/)
    expect(meta.find((r) => r[0] === 'Title')?.[1]).toBe(
      'Musterstadt: Indicators 2023, 2024 (INTERNAL)',
    )
  })

  it('lists only published indicators for the public, and all with their flag for staff', async () => {
    type Listing = { data: { key: string; published?: boolean }[]; page: { total: number } }
    const list = async (cookie?: string) =>
      (
        await app.inject({
          url: '/api/orgs/musterstadt/indicators?limit=10000',
          headers: cookie ? { cookie } : {},
        })
      ).json() as Listing
    const stored = await db.query<{ key: string; published: boolean }>(
      `select i.key, i.published from indicator i join organization o on o.id = i.organization_id
        where o.slug = 'musterstadt' order by i.sort_order, i.key`,
    )
    const unpublished = stored.filter((i) => !i.published).map((i) => i.key)
    expect(unpublished).toContain('fluctuation_rate')

    const open = await list()
    expect(open.data.map((i) => i.key)).toEqual(stored.filter((i) => i.published).map((i) => i.key))
    expect(open.page.total).toBe(stored.length - unpublished.length)
    expect(open.data.some((i) => 'published' in i)).toBe(false)

    const staff = await list(staffCookie)
    expect(staff.data.map((i) => [i.key, i.published])).toEqual(
      stored.map((i) => [i.key, i.published]),
    )
    expect(staff.page.total).toBe(stored.length)

    // Signed in, but without monitoring:read-internal: the public catalogue.
    const provider = await list(providerCookie)
    expect(provider.data.map((i) => i.key)).toEqual(open.data.map((i) => i.key))

    // Paging counts what the audience may see.
    const page = (
      await app.inject({
        url: '/api/orgs/musterstadt/indicators?limit=2&offset=1',
        headers: { cookie: staffCookie },
      })
    ).json() as Listing
    expect(page.data.map((i) => i.key)).toEqual(stored.slice(1, 3).map((i) => i.key))
    expect(page.page.total).toBe(stored.length)
  })

  it('documents xlsx in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, unknown> }> } }
      >
    }
    const values = doc.paths['/api/orgs/{org}/values']!
    expect(Object.keys(values.get.responses['200']!.content)).toContain(XLSX_TYPE)
  })
})
