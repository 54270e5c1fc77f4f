/**
 * The report generator through its API with the demo city: a report is requested, generated in the
 * background and downloaded as HTML and DOCX (and PDF on PGlite, where the test checks pages with
 * poppler). Figures in the reports are checked against the values API, disclosure control against
 * the public values, the DOCX by reading its tables back, and the generated text and tables of one
 * area profile against a golden file.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { FastifyInstance } from 'fastify'
import { unzipSync, strFromU8 } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import type { ReportBlock, ReportDocument } from '../../src/core/report/document.js'
import { createUser, startSession } from '../../src/modules/accounts/index.js'
import { reportDocument } from '../../src/modules/reports/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { readDocxTables } from '../../src/platform/io/docx.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createLogger } from '../../src/platform/log.js'
import { ROOT } from '../helpers/cli.js'
import { testTargets } from '../helpers/databases.js'

process.env.PLANRAUM_ARGON2_PROFILE = 'test'

const ORG = '/api/orgs/musterstadt'
const GOLDEN = path.join(ROOT, 'test', 'fixtures', 'reports')

interface Report {
  id: number
  status: string
  progress: number
  version: number
  error: string | null
  warnings: string[]
  documentSha256: string
  audience: string
  files: { format: string; bytes: number; sha256: string }[]
}
interface ValueRow {
  areaCode: string
  areaName: string
  value: number | null
  status: string
}

const de = (value: number, digits: number) =>
  value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** The text and tables of blocks, one line each, as a planner would proofread them. */
function textDump(blocks: readonly ReportBlock[]): string {
  const lines: string[] = []
  const flat = (t: unknown) =>
    typeof t === 'string'
      ? t
      : (t as ({ text: string } | string)[])
          .map((r) => (typeof r === 'string' ? r : r.text))
          .join('')
  for (const b of blocks) {
    if (b.type === 'heading') lines.push(`${'#'.repeat(b.level)} ${b.text}`)
    else if (b.type === 'paragraph') lines.push(flat(b.text))
    else if (b.type === 'table') {
      lines.push(`[Tabelle] ${b.caption}`, b.columns.map((c) => c.label).join(' | '))
      for (const row of b.rows) lines.push(row.join(' | '))
      if (b.note) lines.push(`(${b.note})`)
    } else if (b.type === 'figure') lines.push(`[Abbildung] ${b.caption}`)
    else lines.push(`[${b.type}]`)
  }
  return lines.join('\n') + '\n'
}

/** The blocks of the first area profile: from its heading to the next page break. */
function firstProfile(document: ReportDocument): ReportBlock[] {
  const start = document.blocks.findIndex((b) => b.type === 'heading' && b.level === 2)
  const end = document.blocks.findIndex((b, i) => i > start && b.type === 'pageBreak')
  return document.blocks.slice(start, end)
}

/** Compares with a golden file; UPDATE_GOLDEN=1 writes it (then review the diff). */
function golden(name: string, actual: string) {
  const file = path.join(GOLDEN, name)
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`Golden file ${file} is missing; run with UPDATE_GOLDEN=1 and review it.`)
    writeFileSync(file, actual)
  }
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

describe.each(testTargets())('reports on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  let planner: Record<string, string>
  let council: Record<string, string>

  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    headers: Record<string, string> = {},
    payload?: unknown,
  ) => {
    const response = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
    return response
  }
  const request = async (body: Record<string, unknown>): Promise<Report> => {
    const response = await call('POST', `${ORG}/reports`, planner, body)
    expect(response.statusCode, response.body).toBe(202)
    const queued = response.json() as Report
    expect(queued.status).toBe('queued')
    const seen: number[] = []
    for (let i = 0; i < 600; i++) {
      const report = (await call('GET', `${ORG}/reports/${queued.id}`, planner)).json() as Report
      seen.push(report.progress)
      if (report.status === 'done' || report.status === 'failed') {
        expect(report.error).toBeNull()
        expect(report.status).toBe('done')
        // progress only grows
        expect(seen).toEqual([...seen].sort((a, b) => a - b))
        return report
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`report ${queued.id} did not finish`)
  }
  const file = async (id: number, format: string, headers: Record<string, string> = planner) => {
    const response = await call('GET', `${ORG}/reports/${id}/files/${format}`, headers)
    return { status: response.statusCode, body: response.rawPayload, headers: response.headers }
  }
  const values = async (indicator: string, layer: string, internal: boolean) =>
    (
      (
        await call(
          'GET',
          `${ORG}/values?indicator=${indicator}&layer=${layer}&period=2024&limit=10000`,
          internal ? planner : {},
        )
      ).json() as {
        data: ValueRow[]
      }
    ).data

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    const session = async (role: 'planner' | 'council') => {
      const { user } = await createUser(
        db,
        { actor: systemActor('test') },
        {
          organizationId: org!.id,
          email: `${role}@musterstadt.test`,
          displayName: role,
          role,
          password: null,
        },
      )
      const s = await startSession(db, { userId: user.id, organizationId: org!.id })
      return { cookie: `planraum_session=${s.token}`, 'x-csrf-token': s.csrfToken }
    }
    planner = await session('planner')
    council = await session('council')
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

  let social: Report
  it('generates the public Sozialbericht with the city’s figures as the values API gives them', async () => {
    social = await request({
      template: 'sozialbericht',
      audience: 'public',
      formats: ['html', 'docx'],
    })
    expect(social.version).toBe(1)
    expect(social.files.map((f) => f.format)).toEqual(['docx', 'html'])
    const html = (await file(social.id, 'html')).body.toString('utf8')
    expect(html).toMatch(/^<!doctype html>\n<html lang="de">/)
    expect(html).not.toContain('INTERN')
    // the introduction's live number: the city's SGB II rate
    const [city] = await values('sgb2_rate', 'gesamtstadt', false)
    expect(html).toContain(`Die SGB-II-Quote lag bei ${de(city!.value!, 1)}\u00a0%`)
    // DOCX read back: the key-figure table holds the same city value, and every table has a header
    const docx = (await file(social.id, 'docx')).body
    const tables = readDocxTables(new Uint8Array(docx))
    const keyFigures = tables[0]!
    expect(keyFigures[0]![0]).toBe('Kennzahl')
    const row = keyFigures.find((r) => r[0] === 'SGB-II-Quote')!
    expect(row[2]).toBe(de(city!.value!, 1))
    // the introduction and the key figures as reviewed
    const document = await reportDocument(db, social.id)
    const intro = document.blocks.findIndex((b) => b.type === 'heading')
    const table = document.blocks.findIndex((b) => b.type === 'table')
    golden(
      'sozialbericht-einleitung-kennzahlen.de.txt',
      textDump(document.blocks.slice(intro, table + 1)),
    )
    // the glossary and the methods annex are there
    expect(html).toContain('Glossar')
    expect(html).toContain('Methoden und Quellen')
  })

  it('shows “.” exactly where the public values are suppressed, and never compares them', async () => {
    const document = await reportDocument(db, social.id)
    const publicRows = await values('language_support_need', 'sozialraum', false)
    const suppressed = publicRows.filter((r) => r.status === 'suppressed')
    expect(suppressed.length).toBeGreaterThan(0) // the demo has small groups here
    const table = document.blocks.find(
      (b): b is Extract<ReportBlock, { type: 'table' }> =>
        b.type === 'table' && b.columns.some((c) => c.label.startsWith('Sprachförderbedarf')),
    )!
    const column = table.columns.findIndex((c) => c.label.startsWith('Sprachförderbedarf'))
    for (const r of publicRows) {
      const cells = table.rows.find((row) => row[0] === r.areaName)!
      expect(cells[column], r.areaName).toBe(
        r.status === 'suppressed' ? '.' : r.value === null ? '–' : de(r.value, 1),
      )
    }
    // the chapter's sentences name no suppressed area with a number
    const start = document.blocks.findIndex(
      (b) => b.type === 'heading' && b.text.startsWith('Sprachförderbedarf'),
    )
    const end = document.blocks.findIndex(
      (b, i) => i > start && (b.type === 'heading' || b.type === 'table'),
    )
    const sentences = textDump(document.blocks.slice(start, end))
    expect(sentences).toContain('mit ausgewiesenem Wert')
    for (const r of suppressed) expect(sentences, sentences).not.toContain(r.areaName)
  })

  let profiles: Report
  it('generates internal area profiles, marked INTERN, with exact values and the sentences of the issue', async () => {
    const formats = target.name === 'pglite' ? ['html', 'docx', 'pdf'] : ['html', 'docx']
    profiles = await request({ template: 'sozialraumprofile', audience: 'internal', formats })
    const html = (await file(profiles.id, 'html')).body.toString('utf8')
    expect(html).toContain('INTERN – nicht zur Veröffentlichung')
    const rows = (await values('sgb2_rate', 'sozialraum', true)).filter((r) => r.value !== null)
    const [city] = await values('sgb2_rate', 'gesamtstadt', true)
    const top = rows.reduce((a, b) => (b.value! > a.value! ? b : a))
    const difference = Number(top.value!.toFixed(1)) - Number(city!.value!.toFixed(1))
    const at = html.indexOf(`Im Sozialraum ${top.areaName} lag die SGB-II-Quote`)
    expect(html.slice(at, at + 200)).toContain(
      `Im Sozialraum ${top.areaName} lag die SGB-II-Quote 2024 bei ${de(top.value!, 1)}\u00a0% und damit ${de(difference, 1)}\u00a0Prozentpunkte über dem städtischen Durchschnitt (${de(city!.value!, 1)}\u00a0%).`,
    )
    // every page of the DOCX says INTERN in its header
    const parts = unzipSync(new Uint8Array((await file(profiles.id, 'docx')).body))
    const headers = Object.keys(parts).filter((p) => /^word\/header\d*\.xml$/.test(p))
    expect(headers.length).toBeGreaterThan(0)
    for (const h of headers) expect(strFromU8(parts[h]!)).toContain('INTERN')
  })

  it('keeps the text and tables of an area profile as reviewed (golden file)', async () => {
    const document = await reportDocument(db, profiles.id)
    golden('sozialraumprofile-erstes-profil.intern.de.txt', textDump(firstProfile(document)))
  })

  it.runIf(target.name === 'pglite')(
    'prints the profiles as a tagged A4 PDF with INTERN and page numbers on every page',
    async () => {
      const pdf = (await file(profiles.id, 'pdf')).body
      const dir = mkdtempSync(path.join(tmpdir(), 'planraum-report-pdf-'))
      try {
        const pdfFile = path.join(dir, 'r.pdf')
        writeFileSync(pdfFile, pdf)
        const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })
        expect(info).toMatch(/Tagged:\s+yes/)
        expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/)
        const pages = Number(/Pages:\s+(\d+)/.exec(info)![1])
        // title, contents, introduction, then one or two pages per Sozialraum (33), methods
        expect(pages).toBeGreaterThan(33)
        expect(pages).toBeLessThan(33 * 2 + 10)
        const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], {
          encoding: 'utf8',
        }).split('\f')
        for (let p = 1; p <= pages; p++) {
          expect(text[p - 1], `page ${p}`).toContain(`Seite ${p} von ${pages}`)
          expect(text[p - 1], `page ${p}`).toContain('INTERN')
        }
        // the profile's map on the page after the TOC is drawn: render it and find the class colours
        execFileSync('pdftoppm', ['-r', '30', '-f', '4', '-l', '4', pdfFile, path.join(dir, 'p')])
        const ppm = readFileSync(path.join(dir, 'p-04.ppm'))
        const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!
        const offset = header[0].length
        const colours = new Set<string>()
        for (let i = offset; i + 2 < ppm.length; i += 3) {
          const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!]
          if (Math.max(r, g, b) - Math.min(r, g, b) > 60)
            colours.add(`${r >> 4},${g >> 4},${b >> 4}`)
        }
        expect(colours.size).toBeGreaterThan(4) // several class colours, not a blank page
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )

  it('publishes only public reports, and the public sees only published ones', async () => {
    expect((await call('GET', `${ORG}/reports`)).json()).toEqual([])
    expect((await file(social.id, 'html', {})).status).toBe(404)
    const internal = await call('PATCH', `${ORG}/reports/${profiles.id}`, planner, {
      published: true,
    })
    expect(internal.statusCode).toBe(409)
    expect(internal.body).toContain('internal report')
    const published = await call('PATCH', `${ORG}/reports/${social.id}`, planner, {
      published: true,
    })
    expect(published.statusCode, published.body).toBe(200)
    const list = (await call('GET', `${ORG}/reports`)).json() as Report[]
    expect(list.map((r) => r.id)).toEqual([social.id])
    const download = await file(social.id, 'docx', {})
    expect(download.status).toBe(200)
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="sozialbericht-musterstadt-2024-v1.docx"',
    )
    // The route's own caching rules stand: a published report may be kept for 5 minutes, an
    // internal one never; its ETag is the stored file's hash.
    expect(download.headers['cache-control']).toBe('public, max-age=300')
    expect(download.headers.etag).toMatch(/^W\/"[0-9a-f]{64}"$/)
    const internalFile = await file(profiles.id, 'html')
    expect(internalFile.status).toBe(200)
    expect(internalFile.headers['cache-control']).toBe('private, no-store')
    // council members read internal reports but cannot publish
    expect(((await call('GET', `${ORG}/reports`, council)).json() as Report[]).length).toBe(2)
    expect(
      (await call('PATCH', `${ORG}/reports/${social.id}`, council, { published: false }))
        .statusCode,
    ).toBe(403)
    const [audit] = await db.query<{ action: string }>(
      `select action from audit_log where entity_type = 'report' order by id desc limit 1`,
    )
    expect(audit!.action).toBe('report.publish')
  })

  it('rebuilds identically from the same data, and names what changed after an import', async () => {
    const same = (
      await call('POST', `${ORG}/reports/${social.id}/rebuild-check`, planner)
    ).json() as Record<string, unknown>
    expect(same).toMatchObject({ identical: true, sameDataState: true, changes: [] })
    // re-rendering the stored document gives the stored bytes
    const [block] = await db.query<{ code: string }>(
      `select a.code from area a join area_layer l on l.id = a.layer_id where l.key = 'block' order by a.code limit 1`,
    )
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
    const upload = await app.inject({
      method: 'POST',
      url: `${ORG}/imports?file=korrektur-2024.csv&mapping=${mapping}`,
      headers: { ...planner, 'content-type': 'text/csv' },
      payload: `Gebiet;Jahr;Merkmal;Wert\n${block!.code};2024;sgb2_u15;2\n`,
    })
    expect(upload.statusCode, upload.body).toBe(201)
    const changed = (
      await call('POST', `${ORG}/reports/${social.id}/rebuild-check`, planner)
    ).json() as {
      identical: boolean
      sameDataState: boolean
      changes: string[]
    }
    expect(changed.identical).toBe(false)
    expect(changed.sameDataState).toBe(false)
    expect(changed.changes.join('; ')).toContain('+korrektur-2024.csv')
  })

  it('saves a planner’s template version, checks its placeholders, and keeps the numbers live', async () => {
    const base = (
      await call('GET', `${ORG}/report-templates/sozialraumprofile`, planner)
    ).json() as {
      template: { blocks: { type: string; text?: { de: string; en: string } }[] }
    }
    const broken = structuredClone(base.template)
    broken.blocks.splice(3, 0, {
      type: 'text',
      text: { de: 'Quote: {{value sgb2_rate', en: 'Rate: {{value sgb2_rate}}' },
    })
    const refused = await call('PUT', `${ORG}/report-templates/sozialraumprofile`, planner, broken)
    expect(refused.statusCode).toBe(400)
    expect((refused.json() as { error: { message: string } }).error.message).toMatch(
      /^Block 4 \(de\), line 1, column 8: /,
    )
    const edited = structuredClone(base.template)
    edited.blocks.splice(3, 0, {
      type: 'text',
      text: {
        de: 'Ergänzung der Planung: Die Stadt hatte {{period}} {{value residents}}.',
        en: 'Note: {{value residents}}.',
      },
    })
    const saved = await call('PUT', `${ORG}/report-templates/sozialraumprofile`, planner, edited)
    expect(saved.statusCode, saved.body).toBe(200)
    expect((saved.json() as { version: number }).version).toBe(1)
    const report = await request({
      template: 'sozialraumprofile',
      audience: 'public',
      formats: ['html'],
    })
    const html = (await file(report.id, 'html')).body.toString('utf8')
    const [residents] = await values('residents', 'gesamtstadt', false)
    expect(html.slice(html.indexOf('Ergänzung'), html.indexOf('Ergänzung') + 80)).toContain(
      `Ergänzung der Planung: Die Stadt hatte 2024 ${de(residents!.value!, 0)}\u00a0Personen.`,
    )
  })

  it('lets staff limited to some areas follow their own public report, not internal ones', async () => {
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    const { user } = await createUser(
      db,
      { actor: systemActor('test') },
      {
        organizationId: org!.id,
        email: 'jugendamt@musterstadt.test',
        displayName: 'Jugendamt',
        role: 'specialist',
        password: null,
      },
    )
    await db.query(
      `with m as (update membership set area_scoped = true where user_id = $1 returning organization_id, id)
       insert into membership_area (organization_id, membership_id, area_id)
       select m.organization_id, m.id, a.id from m join area a on a.organization_id = m.organization_id and a.code = '01'`,
      [user.id],
    )
    const s = await startSession(db, { userId: user.id, organizationId: org!.id })
    const scoped = { cookie: `planraum_session=${s.token}`, 'x-csrf-token': s.csrfToken }
    expect(
      (
        await call('POST', `${ORG}/reports`, scoped, {
          template: 'sozialbericht',
          audience: 'internal',
        })
      ).statusCode,
    ).toBe(403)
    const created = await call('POST', `${ORG}/reports`, scoped, {
      template: 'sozialbericht',
      formats: ['html'],
    })
    expect(created.statusCode, created.body).toBe(202)
    const id = (created.json() as Report).id
    expect((await call('GET', `${ORG}/reports/${id}`, scoped)).statusCode).toBe(200)
    const seen = ((await call('GET', `${ORG}/reports`, scoped)).json() as Report[]).map((r) => r.id)
    expect(seen).toContain(id)
    expect(seen).not.toContain(profiles.id) // internal, someone else's
    expect((await call('GET', `${ORG}/reports/${profiles.id}`, scoped)).statusCode).toBe(404)
  })

  it('refuses internal reports to the public and unknown templates with what exists', async () => {
    expect(
      (await call('POST', `${ORG}/reports`, {}, { template: 'sozialbericht' })).statusCode,
    ).toBe(401)
    const unknown = await call('POST', `${ORG}/reports`, planner, { template: 'jahresbericht' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.body).toContain('templates: sozialbericht, sozialraumprofile')
    const layer = await call('POST', `${ORG}/reports`, planner, {
      template: 'sozialbericht',
      layer: 'bezirk',
    })
    expect(layer.statusCode).toBe(404)
    expect(layer.body).toContain('bezirk')
  })
})
