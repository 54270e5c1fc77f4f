/**
 * Benchmark: the Sozialbericht of the demo city (issue 6, item 8) — every Sozialraum, the default
 * indicators, maps and charts — as PDF and as DOCX, and the Sozialraumprofile the same way; public
 * audience, German. Targets on 2 cores, end to end (data + document + format): PDF < 30 s,
 * DOCX < 10 s. See bench/README.md.
 *
 *   npx tsx bench/report.bench.ts                 # both templates, 3 measured runs after 1 warm-up
 *   BENCH_RUNS=1 BENCH_WARMUP=0 npx tsx bench/report.bench.ts   # a quick run
 *   BENCH_PEER=0 npx tsx bench/report.bench.ts    # without the peers
 *
 * Database: the demo city (Musterstadt) in an in-memory PGlite, copied from the test template
 * (test/helpers/databases.ts, `openSeededPglite('demo')`; built on first use, ~25 s, not counted).
 *
 * Ours, per run and template, each step timed on its own (src/modules/reports):
 * - data: `loadReportData` with a fresh `MonitoringEngine` (the engine computes every indicator of
 *   the organisation first, as for the first report after an import or in the CLI); printed beside
 *   it the same call on the now warm engine (a running server's usual case);
 * - document: `generateReport` (texts, tables, the SVG maps and charts; reads the boundaries);
 * - HTML: `reportHtml`;
 * - PNG: `svgToPng` of every figure at the DOCX's width (part of DOCX, printed for the breakdown);
 * - DOCX: `reportDocx` (rasterises the figures itself, builds the XML, zips);
 * - PDF: `htmlToPdf` with the options `renderFormat` passes (Chromium via playwright-core: launch,
 *   load, print, fill the TOC's page numbers, print again; running header and footer, tagged, with
 *   outline) — its stages are timed from its progress events;
 * - end to end: the product path of the CLI (`planraum report`): `createReport` + `runReport` with
 *   a fresh engine and one format, i.e. data, document, storing it, rendering and storing the file.
 *   The targets are judged on this figure.
 *
 * Peers, in the same run on the same machine (BENCH_PEER=0 skips them):
 * - PDF: `chromium --headless --print-to-pdf` on the command line with our HTML file: one print,
 *   no TOC pass, no running header and footer, no tags, no outline — Chromium's own floor for
 *   printing this document. Both PDFs must have the same number of pages (± 1; our TOC numbers
 *   and header/footer can move a break), or the run fails. When LibreOffice is installed
 *   (`soffice` on the PATH), also `soffice --headless --convert-to pdf` of our DOCX; else a note.
 * - DOCX: the HTML writer on the same document (our cheapest format: the same text, tables and
 *   figures, the figures as inline SVG instead of PNG + SVG), and, for scale, the floor of the
 *   packaging: the parts of our own DOCX zipped again with fflate at the same level (6). No DOCX
 *   writer other than ours is installed (no `docx` package, no LibreOffice), so there is no peer
 *   that produces the same kind of file; when `soffice` exists, `--convert-to docx` of our HTML is
 *   printed as one.
 *
 * CPU time: this process plus its reaped children (Chromium), from /proc/self/stat.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { unzipSync, zipSync, type Zippable } from 'fflate'

import type { ReportDocument } from '../src/core/report/document.js'
import { MonitoringEngine } from '../src/modules/monitoring/index.js'
import { requireOrganization, type Organization } from '../src/modules/organizations/index.js'
import { svgToPng } from '../src/modules/reports/figures.js'
import { htmlToPdf, pageCount, pdfAvailable, chromiumPath } from '../src/modules/reports/pdf.js'
import {
  BUILT_IN_TEMPLATES,
  createReport,
  generateReport,
  loadReportData,
  reportDocx,
  reportFile,
  reportHtml,
  requireReport,
  runReport,
  type ReportFormat,
} from '../src/modules/reports/index.js'
import type { Database } from '../src/platform/db/index.js'
import { systemActor } from '../src/platform/http/auth.js'
import { openSeededPglite } from '../test/helpers/databases.js'
import {
  count,
  envNumber,
  envString,
  heading,
  loadLine,
  machineLine,
  ratioLine,
  summarise,
  timingLine,
  type Timing,
} from './support/measure.js'

const RUNS = Math.round(envNumber('BENCH_RUNS', 3))
const WARMUP = Math.round(Number(process.env.BENCH_WARMUP ?? 1))
const PEER = envString('BENCH_PEER', '1') !== '0'
const TEMPLATES = envString('BENCH_TEMPLATES', 'sozialbericht,sozialraumprofile').split(',')
const LANGUAGE = 'de' as const
const AUDIENCE = 'public' as const

const TARGET_PDF_MS = 30_000
const TARGET_DOCX_MS = 10_000

/** Pixels per millimetre of a figure's PNG in the DOCX (docx.ts: PX_PER_MM). */
const PX_PER_MM = 8

if (!Number.isInteger(WARMUP) || WARMUP < 0) throw new Error('BENCH_WARMUP must be 0 or more.')
if (!pdfAvailable()) {
  throw new Error(`Chromium is missing at ${chromiumPath()}: the PDF side cannot be measured.`)
}
const SOFFICE = which('soffice') ?? which('libreoffice')

function which(program: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' })
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : null
}

// ---------------------------------------------------------------------------------------------
// Time and CPU

const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout || 100)

/**
 * CPU time in ms: this process (process.cpuUsage, µs) plus its reaped children — Chromium and the
 * peers' processes — from /proc/self/stat (cutime, cstime; clock ticks, 10 ms).
 */
function cpuWithChildren(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
  const children = (Number(fields[13]) + Number(fields[14])) * TICK_MS
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000 + children
}

interface Sample {
  ms: number
  cpu: number
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T } & Sample> {
  const cpu = cpuWithChildren()
  const started = performance.now()
  const value = await fn()
  return { value, ms: performance.now() - started, cpu: cpuWithChildren() - cpu }
}

/** Collects the samples of one measured quantity over the runs. */
class Series {
  readonly samples: Sample[] = []
  constructor(readonly label: string) {}
  add(sample: Sample): void {
    this.samples.push(sample)
  }
  timing(): Timing {
    return summarise(
      this.label,
      this.samples.map((s) => s.ms),
      this.samples.map((s) => s.cpu),
    )
  }
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} exited with ${code}: ${stderr.slice(-2000)}`)),
    )
  })
}

// ---------------------------------------------------------------------------------------------
// Peers

/** Chromium's flags as pdf.ts launches it, for the command-line peer. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-pdf-header-footer',
]

async function chromiumCliPdf(htmlFile: string, dir: string): Promise<Uint8Array> {
  const out = path.join(dir, 'chromium-cli.pdf')
  const profile = mkdtempSync(path.join(dir, 'profile-'))
  try {
    await run(
      chromiumPath(),
      [
        ...CHROMIUM_FLAGS,
        `--user-data-dir=${profile}`,
        `--print-to-pdf=${out}`,
        `file://${htmlFile}`,
      ],
      dir,
    )
    return readFileSync(out)
  } finally {
    rmSync(profile, { recursive: true, force: true })
    rmSync(out, { force: true })
  }
}

async function sofficeConvert(file: string, to: 'pdf' | 'docx', dir: string): Promise<Uint8Array> {
  const outDir = mkdtempSync(path.join(dir, 'soffice-'))
  const profile = mkdtempSync(path.join(dir, 'soffice-profile-'))
  try {
    await run(
      SOFFICE!,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        // HTML opens in Writer/Web unless told otherwise, which has no DOCX export.
        ...(file.endsWith('.html') ? ['--infilter=HTML (StarWriter)'] : []),
        '--convert-to',
        to === 'docx' ? 'docx:MS Word 2007 XML' : 'pdf',
        '--outdir',
        outDir,
        file,
      ],
      dir,
    )
    const name = `${path.basename(file, path.extname(file))}.${to}`
    return readFileSync(path.join(outDir, name))
  } finally {
    rmSync(outDir, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  }
}

/**
 * The parts of a DOCX zipped again as writeDocx zips them (fflate, level 6, fixed time); with
 * `storePng`, the PNGs (already deflated) are stored instead of deflated a second time.
 */
function rezip(parts: Record<string, Uint8Array>, storePng = false): Uint8Array {
  const files: Zippable = {}
  for (const [name, data] of Object.entries(parts)) {
    files[name] = storePng && name.endsWith('.png') ? [data, { level: 0 }] : data
  }
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2000, 0, 1)) })
}

function pdfinfoPages(file: string): number | null {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' })
  if (info.status !== 0) return null
  const m = /^Pages:\s+(\d+)/m.exec(info.stdout)
  return m ? Number(m[1]) : null
}

// ---------------------------------------------------------------------------------------------
// One template

const verdicts: string[] = []
function verdict(ok: boolean, text: string): void {
  const line = `${ok ? 'PASS' : 'FAIL'}  ${text}`
  verdicts.push(line)
  console.log(line)
}

const kib = (bytes: number) =>
  `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 })} KiB`

function describe(document: ReportDocument): string {
  const by = (type: string) => document.blocks.filter((b) => b.type === type).length
  const svgBytes = document.blocks.reduce((s, b) => s + (b.type === 'figure' ? b.svg.length : 0), 0)
  const rows = document.blocks.reduce((s, b) => s + (b.type === 'table' ? b.rows.length : 0), 0)
  return (
    `${by('figure')} figures (SVG ${kib(svgBytes)}), ${by('table')} tables (${count(rows)} rows), ` +
    `${by('heading')} headings, ${by('paragraph')} paragraphs, ${document.blocks.length} blocks`
  )
}

async function endToEnd(
  db: Database,
  organization: Organization,
  template: string,
  format: ReportFormat,
): Promise<{ bytes: number }> {
  const created = await createReport(db, { actor: systemActor('bench') }, organization, {
    template,
    audience: AUDIENCE,
    language: LANGUAGE,
    formats: [format],
  })
  await runReport(db, new MonitoringEngine(db), created.id)
  const report = await requireReport(db, organization.id, created.id, { publishedOnly: false })
  if (report.status !== 'done') {
    throw new Error(`${template} ${format}: the report failed: ${report.error ?? report.status}`)
  }
  return { bytes: (await reportFile(db, created.id, format)).content.length }
}

async function benchTemplate(
  db: Database,
  organization: Organization,
  key: string,
  dir: string,
): Promise<void> {
  const template = BUILT_IN_TEMPLATES.get(key)
  if (!template) throw new Error(`No built-in template "${key}".`)
  heading(`${key} (${AUDIENCE}, ${LANGUAGE}), layer ${template.layer}`)

  const s = {
    dataCold: new Series('data (fresh engine)'),
    dataWarm: new Series('data (warm engine)'),
    generate: new Series('document (generateReport)'),
    html: new Series('HTML (reportHtml)'),
    png: new Series('  of DOCX: PNG of every figure (svgToPng)'),
    docx: new Series('DOCX (reportDocx, incl. PNG)'),
    pdf: new Series('PDF (htmlToPdf)'),
    pdfLaunch: new Series('  of PDF: launch Chromium'),
    pdfLoad: new Series('  of PDF: load + prepare the page'),
    pdfPrint: new Series('  of PDF: print passes (+ TOC fill)'),
    stepsPdf: new Series('sum of steps: data + document + HTML + PDF'),
    stepsDocx: new Series('sum of steps: data + document + DOCX'),
    e2ePdf: new Series('end to end PDF (createReport + runReport)'),
    e2eDocx: new Series('end to end DOCX (createReport + runReport)'),
    peerCli: new Series('peer: chromium --print-to-pdf (CLI, 1 pass)'),
    peerSofficePdf: new Series('peer: soffice --convert-to pdf (our DOCX)'),
    peerSofficeDocx: new Series('peer: soffice --convert-to docx (our HTML)'),
    peerZip: new Series('floor: re-zip of our DOCX parts (fflate 6)'),
    zipStored: new Series('  the same with the PNGs stored (level 0)'),
  }
  let facts: {
    document: ReportDocument
    areas: number
    indicators: number
    html: number
    docx: number
    pdf: number
    pages: number
    passes: number
    cliPages: number | null
    cliBytes: number
    e2ePdfBytes: number
    e2eDocxBytes: number
    zipStoredBytes: number
  } | null = null

  for (let i = 0; i < WARMUP + RUNS; i++) {
    const measured = i >= WARMUP
    const add = (series: Series, sample: Sample) => measured && series.add(sample)

    const engine = new MonitoringEngine(db)
    const options = { audience: AUDIENCE, layer: template.layer }
    const cold = await timed(() => loadReportData(db, engine, organization, options))
    const warm = await timed(() => loadReportData(db, engine, organization, options))
    const data = cold.value
    const generated = await timed(() => generateReport(template, data, { language: LANGUAGE }))
    const document = generated.value.document
    const html = await timed(() => reportHtml(document))
    const png = await timed(() => {
      let bytes = 0
      for (const b of document.blocks) {
        if (b.type === 'figure') {
          bytes += svgToPng(b.svg, Math.round((b.widthMm ?? 160) * PX_PER_MM)).length
        }
      }
      return bytes
    })
    const docx = await timed(() => reportDocx(document))
    const stages: { stage: string; at: number }[] = []
    const pdf = await timed(() =>
      // The options renderFormat (service.ts) passes, plus progress events for the stages.
      htmlToPdf(html.value, {
        language: document.language,
        title: document.title,
        headerText: document.title,
        footerText: `${document.organization} · ${document.dataState}`,
        internal: document.audience === 'internal',
        onProgress: (p) => stages.push({ stage: p.stage, at: performance.now() }),
      }),
    )
    const at = (stage: string) => stages.find((e) => e.stage === stage)?.at ?? NaN
    const passes = stages.filter((e) => e.stage === 'print').length
    const e2eDocx = await timed(() => endToEnd(db, organization, key, 'docx'))
    const e2ePdf = await timed(() => endToEnd(db, organization, key, 'pdf'))

    add(s.dataCold, cold)
    add(s.dataWarm, warm)
    add(s.generate, generated)
    add(s.html, html)
    add(s.png, png)
    add(s.docx, docx)
    add(s.pdf, pdf)
    add(s.pdfLaunch, { ms: at('load') - at('launch'), cpu: NaN })
    add(s.pdfLoad, { ms: at('print') - at('load'), cpu: NaN })
    add(s.pdfPrint, { ms: at('done') - at('print'), cpu: NaN })
    add(s.stepsPdf, {
      ms: cold.ms + generated.ms + html.ms + pdf.ms,
      cpu: cold.cpu + generated.cpu + html.cpu + pdf.cpu,
    })
    add(s.stepsDocx, {
      ms: cold.ms + generated.ms + docx.ms,
      cpu: cold.cpu + generated.cpu + docx.cpu,
    })
    add(s.e2ePdf, e2ePdf)
    add(s.e2eDocx, e2eDocx)

    const htmlFile = path.join(dir, `${key}.html`)
    const docxFile = path.join(dir, `${key}.docx`)
    const pdfFile = path.join(dir, `${key}.pdf`)
    writeFileSync(htmlFile, html.value)
    writeFileSync(docxFile, docx.value)
    writeFileSync(pdfFile, pdf.value)

    let cliMs = NaN
    let cliPages: number | null = null
    let cliBytes = 0
    let zipStoredBytes = 0
    if (PEER) {
      const cli = await timed(() => chromiumCliPdf(htmlFile, dir))
      add(s.peerCli, cli)
      cliMs = cli.ms
      const cliFile = path.join(dir, `${key}.cli.pdf`)
      writeFileSync(cliFile, cli.value)
      cliPages = pageCount(cli.value) || pdfinfoPages(cliFile)
      cliBytes = cli.value.length
      const parts = unzipSync(docx.value)
      const zipped = await timed(() => rezip(parts))
      if (zipped.value.length !== docx.value.length) {
        throw new Error(
          `The re-zipped DOCX has ${zipped.value.length} bytes, ours ${docx.value.length}: not the same work.`,
        )
      }
      add(s.peerZip, zipped)
      const stored = await timed(() => rezip(parts, true))
      add(s.zipStored, stored)
      zipStoredBytes = stored.value.length
      if (SOFFICE) {
        add(s.peerSofficePdf, await timed(() => sofficeConvert(docxFile, 'pdf', dir)))
        add(s.peerSofficeDocx, await timed(() => sofficeConvert(htmlFile, 'docx', dir)))
      }
    }

    const pages = pageCount(pdf.value)
    const checked = pdfinfoPages(pdfFile)
    if (checked !== null && checked !== pages) {
      throw new Error(`pageCount says ${pages} pages, pdfinfo ${checked}.`)
    }
    if (cliPages !== null && Math.abs(cliPages - pages) > 1) {
      throw new Error(
        `Our PDF has ${pages} pages, Chromium's command-line print ${cliPages}: not the same document.`,
      )
    }
    console.log(
      `${measured ? `run ${i - WARMUP + 1}` : 'warm-up'}: data ${Math.round(cold.ms)} ms, document ${Math.round(generated.ms)} ms, ` +
        `DOCX ${Math.round(docx.ms)} ms, PDF ${Math.round(pdf.ms)} ms (${passes} prints), ` +
        `end to end DOCX ${Math.round(e2eDocx.ms)} ms, PDF ${Math.round(e2ePdf.ms)} ms${PEER ? `, peer CLI ${Math.round(cliMs)} ms` : ''} · ${loadLine().split(' on ')[0]}`,
    )
    facts = {
      document,
      areas: data.areas.filter((a) => a.layer === data.layer.key).length,
      indicators: data.indicators.length,
      html: Buffer.byteLength(html.value),
      docx: docx.value.length,
      pdf: pdf.value.length,
      pages,
      passes,
      cliPages,
      cliBytes,
      e2ePdfBytes: e2ePdf.value.bytes,
      e2eDocxBytes: e2eDocx.value.bytes,
      zipStoredBytes,
    }
  }

  const f = facts!
  console.log(
    `\n${f.document.title}: ${f.areas} areas of the layer, ${f.indicators} published indicators`,
  )
  console.log(describe(f.document))
  console.log(
    `files: HTML ${kib(f.html)}, DOCX ${kib(f.docx)} (end to end ${kib(f.e2eDocxBytes)}), ` +
      `PDF ${kib(f.pdf)} (end to end ${kib(f.e2ePdfBytes)}), ${f.pages} pages, ${f.passes} prints` +
      (f.cliPages !== null ? `; peer PDF ${kib(f.cliBytes)}, ${f.cliPages} pages` : ''),
  )
  console.log(
    `the files of the last run: ${dir}/${key}.{html,docx,pdf} (removed at the end unless BENCH_KEEP=1)`,
  )
  console.log()
  for (const series of Object.values(s)) {
    if (series.samples.length === 0) continue
    const t = series.timing()
    if (t.cpu !== null && Number.isNaN(t.cpu)) t.cpu = null
    console.log(timingLine(t, 46))
  }
  console.log('(cpu = this process + its reaped children, i.e. Chromium; steps of PDF: wall only)')

  if (PEER) {
    console.log()
    const pdfSide = { ...s.pdf.timing(), label: 'our PDF writer (htmlToPdf)' }
    console.log(
      ratioLine(pdfSide, {
        ...s.peerCli.timing(),
        label: 'chromium --print-to-pdf on the command line',
      }),
    )
    if (SOFFICE) {
      console.log(
        ratioLine(pdfSide, {
          ...s.peerSofficePdf.timing(),
          label: 'LibreOffice converting our DOCX to PDF',
        }),
      )
      console.log(
        ratioLine(
          { ...s.docx.timing(), label: 'our DOCX writer' },
          { ...s.peerSofficeDocx.timing(), label: 'LibreOffice converting our HTML to DOCX' },
        ),
      )
    } else {
      console.log(
        'LibreOffice peer skipped: soffice is not installed on this machine (not installed on purpose).',
      )
    }
    console.log(
      ratioLine(
        { ...s.docx.timing(), label: 'our DOCX writer' },
        { ...s.html.timing(), label: 'our HTML writer (same document)' },
      ),
    )
    console.log(
      ratioLine(
        { ...s.docx.timing(), label: 'our DOCX writer' },
        { ...s.peerZip.timing(), label: 'zipping its parts alone' },
      ),
    )
    // Minima: under load, medians of separately timed parts do not add up.
    const docxMin = s.docx.timing().min
    const pngMin = s.png.timing().min
    const zipMin = s.peerZip.timing().min
    const pct = (part: number) => `${Math.round((100 * part) / docxMin)} %`
    const rest = docxMin - pngMin - zipMin
    console.log(
      `DOCX by minima: ${Math.round(docxMin)} ms; PNG rasterisation ${Math.round(pngMin)} ms (${pct(pngMin)}), ` +
        `zip ${Math.round(zipMin)} ms (${pct(zipMin)}), XML and the rest ${rest > 0.05 * docxMin ? `≈ ${Math.round(rest)} ms` : 'within the noise'}. ` +
        `With the PNGs stored instead of deflated again, the zip takes ${Math.round(s.zipStored.timing().min)} ms ` +
        `and the file is ${kib(f.zipStoredBytes)} instead of ${kib(f.docx)}.`,
    )
  }
  const e2ePdf = s.e2ePdf.timing()
  const e2eDocx = s.e2eDocx.timing()
  console.log()
  verdict(
    e2ePdf.median < TARGET_PDF_MS,
    `${key}: PDF end to end median ${Math.round(e2ePdf.median)} ms (min ${Math.round(e2ePdf.min)}; target < ${TARGET_PDF_MS / 1000} s)`,
  )
  verdict(
    e2eDocx.median < TARGET_DOCX_MS,
    `${key}: DOCX end to end median ${Math.round(e2eDocx.median)} ms (min ${Math.round(e2eDocx.min)}; target < ${TARGET_DOCX_MS / 1000} s)`,
  )
}

// ---------------------------------------------------------------------------------------------

console.log(machineLine())
console.log(loadLine())
console.log(`uptime: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()}`)
console.log(
  `${RUNS} measured runs after ${WARMUP} warm-up per template; peers ${PEER ? 'on' : 'off (BENCH_PEER=0)'}; ` +
    `Chromium ${chromiumPath()}; LibreOffice ${SOFFICE ?? 'not installed'}`,
)
const opened = performance.now()
const db = await openSeededPglite('demo')
console.log(
  `demo city in PGlite: ${Math.round(performance.now() - opened)} ms (copy of the test template; not counted)`,
)
const dir = mkdtempSync(path.join(os.tmpdir(), 'planraum-report-bench-'))
try {
  const organization = await requireOrganization(db, 'musterstadt')
  for (const key of TEMPLATES) await benchTemplate(db, organization, key.trim(), dir)
} finally {
  await db.close()
  if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true })
}
heading('Targets (2 cores; end to end = createReport + runReport with a fresh engine)')
for (const line of verdicts) console.log(line)
console.log(loadLine())
console.log(`uptime: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()}`)
