import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  chromiumPath,
  destinationPages,
  htmlToPdf,
  pageCount,
  pdfAvailable,
  PdfUnavailableError,
  type PdfOptions,
} from './pdf.js'

// Real Chromium and poppler-utils: a missing tool fails the suite loudly instead of skipping it.
const CHROMIUM = '/usr/bin/chromium'
const POPPLER = ['pdfinfo', 'pdftotext', 'pdftoppm']

/** The figure's fill: a colour nothing else in the fixture uses. */
const FIGURE_RGB = [0, 170, 85] as const

interface Chapter {
  id: string
  title: string
  sections: { id: string; title: string; paragraphs: number }[]
}

const CHAPTERS: Chapter[] = [
  ['einleitung', 'Einleitung und Auftrag', [4, 3]],
  ['bevölkerung', 'Bevölkerung und Demografie', [7, 5, 6]],
  ['armut', 'Armut und Transferleistungen', [3, 9]],
  ['bildung', 'Bildung und Betreuung', [5, 4, 8]],
  ['wohnen', 'Wohnen und Wohnumfeld', [6, 2]],
  ['fazit', 'Fazit und Handlungsempfehlungen', [8, 3, 2]],
].map(([id, title, sections], c) => ({
  id: `sec-${id as string}`,
  title: `${c + 1} ${title as string}`,
  sections: (sections as number[]).map((paragraphs, s) => ({
    id: `sec-${id as string}-${s + 1}`,
    title: `${c + 1}.${s + 1} Abschnitt ${['Lage', 'Entwicklung', 'Vergleich'][s]} ${title as string}`,
    paragraphs,
  })),
}))

const WORDS = (
  'Die Entwicklung der Sozialräume zeigt deutliche Unterschiede zwischen den Stadtbezirken ' +
  'wobei der Anteil der Kinder in Bedarfsgemeinschaften im Norden höher liegt als im Durchschnitt ' +
  'der Gesamtstadt und die Versorgung mit Kindertagesstätten nicht überall dem Bedarf entspricht'
).split(' ')

/** Deterministic running text (no randomness: the layout is the same on every run). */
function paragraph(seed: number): string {
  const words: string[] = []
  for (let i = 0; i < 90 + (seed % 5) * 15; i++)
    words.push(WORDS[(seed * 7 + i * 3) % WORDS.length] ?? '')
  return `<p>${words.join(' ')}.</p>`
}

/**
 * A report as the HTML writer shapes it: title page, TOC (the `.toc-page` contract), chapters with
 * forced page breaks, sections that start mid-page, a table over several pages and an SVG figure.
 */
function reportHtml(language: 'de' | 'en'): string {
  let seed = 1
  const toc = CHAPTERS.flatMap((c) => [
    `<li class="toc-1"><a href="#${c.id}">${c.title}</a><span class="toc-page" data-target="${c.id}"></span></li>`,
    ...c.sections.map(
      (s) =>
        `<li class="toc-2"><a href="#${s.id}">${s.title}</a><span class="toc-page" data-target="${s.id}"></span></li>`,
    ),
  ]).join('\n')
  const chapters = CHAPTERS.map((c, ci) => {
    const sections = c.sections.map((s, si) => {
      let body = `<h2 id="${s.id}">${s.title}</h2>`
      for (let p = 0; p < s.paragraphs; p++) body += paragraph(seed++)
      if (ci === 1 && si === 1) body += table()
      if (ci === 3 && si === 0) body += figure()
      return body
    })
    return `<section><h1 id="${c.id}">${c.title}</h1>${paragraph(seed++)}${sections.join('\n')}</section>`
  }).join('\n')
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>Sozialbericht Musterstadt 2024</title>
<style>
  body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; margin: 0; }
  .title-page { break-after: page; padding-top: 60mm; }
  .title-page h1 { font-size: 28pt; }
  section { break-before: page; }
  h1 { font-size: 18pt; } h2 { font-size: 13pt; break-after: avoid; }
  nav.toc ol { list-style: none; padding: 0; }
  nav.toc li { display: flex; gap: 4mm; } nav.toc li a { flex: 1; color: inherit; text-decoration: none; }
  nav.toc li.toc-2 { padding-left: 8mm; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 0.3pt solid #999; padding: 1mm; }
  td.n { text-align: right; } thead { display: table-header-group; } tr { break-inside: avoid; }
  figure { break-inside: avoid; margin: 0; }
</style></head>
<body>
<div class="title-page"><h1 class="title">Sozialbericht Musterstadt 2024</h1><p>Stadt Musterstadt, Sozialplanung</p></div>
<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Inhalt</h2><ol>
${toc}
</ol></nav>
${chapters}
</body></html>`
}

function table(): string {
  const rows = Array.from(
    { length: 90 },
    (_, i) =>
      `<tr><td>Sozialraum ${String(i + 1).padStart(2, '0')}</td><td class="n">${(1000 + i * 37).toLocaleString('de-DE')}</td><td class="n">${((i * 13) % 40).toFixed(1).replace('.', ',')}</td></tr>`,
  ).join('')
  return `<table><caption>Tabelle 1: Einwohner und SGB-II-Quote nach Sozialraum</caption>
<thead><tr><th>Gebiet</th><th>Einwohner</th><th>SGB-II-Quote in %</th></tr></thead><tbody>${rows}</tbody></table>`
}

function figure(): string {
  const [r, g, b] = FIGURE_RGB
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="160mm" height="70mm" viewBox="0 0 160 70" role="img" aria-label="Balken">
<rect x="0" y="0" width="160" height="70" fill="#f4f4f4"/><rect x="10" y="10" width="120" height="50" fill="rgb(${r},${g},${b})"/>
</svg><figcaption>Abbildung 1: Kinder in Bedarfsgemeinschaften</figcaption></figure>`
}

const BASE: PdfOptions = {
  language: 'de',
  title: 'Sozialbericht Musterstadt 2024',
  headerText: 'Sozialbericht Musterstadt 2024',
  footerText: 'Datenstand: 2024',
  internal: true,
}

let dir = ''
const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' })

function savePdf(name: string, bytes: Uint8Array): string {
  const file = join(dir, name)
  writeFileSync(file, bytes)
  return file
}

/** The text of every page (1-based index 0 = page 1), read by poppler. */
function pageTexts(file: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) =>
    run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-']),
  )
}

/** One page rendered by poppler as a binary PPM (P6): width, height, RGB bytes. */
function renderPage(file: string, page: number, dpi: number) {
  const out = join(dir, `render-${page}-${dpi}`)
  run('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    String(dpi),
    '-singlefile',
    file,
    out,
  ])
  const bytes = readFileSync(`${out}.ppm`)
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'))
  if (!header) throw new Error(`${out}.ppm is not a binary PPM`)
  const width = Number(header[1])
  const height = Number(header[2])
  return { width, height, rgb: bytes.subarray(header[0].length) }
}

function countPixels(
  image: { width: number; height: number; rgb: Uint8Array },
  test: (r: number, g: number, b: number) => boolean,
  rows: [number, number] = [0, image.height],
): number {
  let n = 0
  for (let y = rows[0]; y < rows[1]; y++)
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 3
      if (test(image.rgb[i]!, image.rgb[i + 1]!, image.rgb[i + 2]!)) n++
    }
  return n
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

beforeAll(() => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: these tests need Debian's package \`chromium\` (apt-get install chromium).`,
    )
  for (const tool of POPPLER)
    if (!existsSync(`/usr/bin/${tool}`))
      throw new Error(`${tool} is missing: these tests need Debian's package \`poppler-utils\`.`)
  dir = mkdtempSync(join(tmpdir(), 'planraum-pdf-'))
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('htmlToPdf: an internal German report', () => {
  let file = ''
  let pages = 0
  let texts: string[] = []
  const progress: string[] = []
  const blocked: string[] = []
  let bytes: Uint8Array = new Uint8Array()

  beforeAll(async () => {
    const started = performance.now()
    bytes = await htmlToPdf(reportHtml('de'), {
      ...BASE,
      chromium: CHROMIUM,
      onProgress: (p) => progress.push(p.stage === 'print' ? `print ${p.pass}` : p.stage),
      onBlockedRequest: (url) => blocked.push(url),
    })
    const ms = performance.now() - started
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 5))).toBe('%PDF-')
    file = savePdf('report-de.pdf', bytes)
    pages = pageCount(bytes)
    texts = pageTexts(file, pages)
    // Generous bound (a loaded 2-core machine); a ~25-page report takes about 2–3 s here.
    expect(ms).toBeLessThan(60_000)
  })

  it('is A4, tagged, titled, and its page count agrees with poppler', () => {
    const info = run('pdfinfo', [file])
    expect(info).toMatch(/^Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)$/m)
    expect(info).toMatch(/^Tagged:\s+yes$/m)
    expect(info).toMatch(/^Title:\s+Sozialbericht Musterstadt 2024$/m)
    expect(info).toMatch(new RegExp(`^Pages:\\s+${pages}$`, 'm'))
    expect(pages).toBeGreaterThanOrEqual(15)
    // An outline (bookmarks) from the headings.
    expect(new TextDecoder('latin1').decode(bytes)).toMatch(/\/Outlines \d+ 0 R/)
    expect(run('pdfinfo', ['-struct', file])).toMatch(/^\s*H1\b/m)
    expect(blocked).toEqual([])
    expect(progress).toEqual(['launch', 'load', 'print 1', 'print 2', 'done'])
  })

  it('numbers every page „Seite N von M“ and marks every page INTERN with the running header', () => {
    texts.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toMatch(new RegExp(`Seite ${i + 1} von ${pages}\\s*$`, 'm'))
      expect(text, `page ${i + 1}`).toMatch(/^\s*Sozialbericht Musterstadt 2024\s+INTERN\s*$/m)
      expect(text, `page ${i + 1}`).toMatch(/^\s*Datenstand: 2024\s+Seite/m)
    })
  })

  it('gives in the TOC the page each heading is printed on', () => {
    const tocPages = texts.flatMap((t, i) => (/^\s*Inhalt\s*$/m.test(t) ? [i + 1] : []))
    expect(tocPages.length).toBeGreaterThan(0)
    const tocText = tocPages.map((p) => texts[p - 1]).join('\n')
    const headings = CHAPTERS.flatMap((c) => [c, ...c.sections])
    const seen = new Set<number>()
    for (const h of headings) {
      const line = new RegExp(`^\\s*${escapeRe(h.title)}\\s+(\\d+)\\s*$`, 'm').exec(tocText)
      expect(line, `TOC line for „${h.title}“`).not.toBeNull()
      const page = Number(line![1])
      seen.add(page)
      // The heading is on exactly that page (apart from the TOC itself).
      const on = texts.flatMap((t, i) =>
        !tocPages.includes(i + 1) && new RegExp(`^\\s*${escapeRe(h.title)}\\s*$`, 'm').test(t)
          ? [i + 1]
          : [],
      )
      expect(on, `pages with „${h.title}“`).toEqual([page])
    }
    // Sections share pages with their chapter or each other, but the numbers are not all alike.
    expect(seen.size).toBeGreaterThan(8)
  })

  it('reads the same destinations as poppler (pdfinfo -dests)', () => {
    const ours = destinationPages(bytes)
    const theirs = new Map<string, number>()
    for (const m of run('pdfinfo', ['-dests', file]).matchAll(/^\s*(\d+)\s+\[.*\]\s+"(.*)"$/gm))
      theirs.set(decodeURIComponent(m[2]!), Number(m[1]))
    expect(theirs.size).toBe(CHAPTERS.reduce((n, c) => n + 1 + c.sections.length, 0))
    expect(ours).toEqual(theirs)
  })

  it('repeats the table header on the pages the table spans', () => {
    const withRows = texts.filter((t) => /Sozialraum \d\d/.test(t))
    expect(withRows.length).toBeGreaterThanOrEqual(2)
    for (const t of withRows) expect(t).toMatch(/Gebiet\s+Einwohner\s+SGB-II-Quote in %/)
  })

  it('renders the header marking in red and the figure in its colour', () => {
    const title = renderPage(file, 1, 40)
    expect(Math.abs(title.width - 331)).toBeLessThanOrEqual(1) // 210 mm at 40 dpi
    const red = (r: number, g: number, b: number) => r > 150 && g < 90 && b < 90
    // Red only in the header band (top 22 mm), nowhere else on the title page.
    const band = Math.round((22 / 25.4) * 40)
    expect(countPixels(title, red, [0, band])).toBeGreaterThan(5)
    expect(countPixels(title, red, [band, title.height])).toBe(0)

    const figurePage = texts.findIndex((t) => t.includes('Abbildung 1: Kinder')) + 1
    expect(figurePage).toBeGreaterThan(1)
    const image = renderPage(file, figurePage, 40)
    const [fr, fg, fb] = FIGURE_RGB
    const near = (r: number, g: number, b: number) =>
      Math.abs(r - fr) <= 3 && Math.abs(g - fg) <= 3 && Math.abs(b - fb) <= 3
    // The bar is 120 × 50 mm: about 189 × 79 px at 40 dpi.
    const expected = ((120 * 40) / 25.4) * ((50 * 40) / 25.4)
    expect(countPixels(image, near)).toBeGreaterThan(expected * 0.9)
    expect(countPixels(image, near)).toBeLessThan(expected * 1.1)
    // … and on no other page.
    expect(countPixels(renderPage(file, figurePage + 1, 40), near)).toBe(0)
  })
})

describe('htmlToPdf: a public English report', () => {
  it('says „Page N of M“ and nowhere INTERN(AL)', async () => {
    const bytes = await htmlToPdf(reportHtml('en'), {
      ...BASE,
      language: 'en',
      headerText: 'Social report Musterstadt 2024',
      footerText: 'Data as of 2024',
      internal: false,
    })
    const file = savePdf('report-en.pdf', bytes)
    const pages = pageCount(bytes)
    const texts = pageTexts(file, pages)
    expect(pages).toBeGreaterThanOrEqual(15)
    texts.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1} of ${pages}\\s*$`, 'm'))
      expect(text, `page ${i + 1}`).toMatch(/^\s*Social report Musterstadt 2024\s*$/m)
      expect(text, `page ${i + 1}`).not.toMatch(/INTERN/)
    })
    const red = (r: number, g: number, b: number) => r > 150 && g < 90 && b < 90
    expect(countPixels(renderPage(file, 1, 40), red)).toBe(0)
  })
})

describe('htmlToPdf: templates and isolation', () => {
  it('escapes header and footer text, runs no scripts and fetches nothing', async () => {
    const blocked: string[] = []
    const html = `<!doctype html><html><head><title>x</title>
<link rel="stylesheet" href="https://example.invalid/style.css"></head>
<body><h1>Kurz</h1><img src="http://example.invalid/logo.png" alt="Logo">
<p id="p">Ohne Skript</p><script>document.getElementById('p').textContent = 'Skript lief'</script></body></html>`
    const bytes = await htmlToPdf(html, {
      ...BASE,
      title: 'Titel & <Test>',
      headerText: '<script>alert(1)</script> Müller & Söhne',
      footerText: 'Stand <b>2024</b> & "mehr"',
      onBlockedRequest: (url) => blocked.push(url),
    })
    const file = savePdf('escape.pdf', bytes)
    const text = run('pdftotext', ['-layout', file, '-'])
    expect(text).toContain('<script>alert(1)</script> Müller & Söhne')
    expect(text).toContain('Stand <b>2024</b> & "mehr"')
    expect(text).toContain('Ohne Skript')
    expect(text).not.toContain('Skript lief')
    expect(text).toMatch(/Seite 1 von 1/)
    expect(run('pdfinfo', [file])).toMatch(/^Title:\s+Titel & <Test>$/m)
    expect(blocked.sort()).toEqual([
      'http://example.invalid/logo.png',
      'https://example.invalid/style.css',
    ])
  })

  it('prints a document without a TOC in one pass', async () => {
    const passes: number[] = []
    const bytes = await htmlToPdf('<p>Nur Text</p>', {
      ...BASE,
      onProgress: (p) => p.stage === 'done' && passes.push(p.passes),
    })
    expect(pageCount(bytes)).toBe(1)
    expect(passes).toEqual([1])
  })
})

describe('Chromium missing', () => {
  it('throws PdfUnavailableError naming the path and the package, before any work', async () => {
    const bogus = '/nonexistent/planraum/chromium'
    const error = await htmlToPdf('<p>x</p>', { ...BASE, chromium: bogus }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PdfUnavailableError)
    const e = error as PdfUnavailableError
    expect(e.code).toBe('PDF_UNAVAILABLE')
    expect(e.path).toBe(bogus)
    expect(e.message).toContain(`Chromium not found at ${bogus}`)
    expect(e.message).toContain('apt-get install chromium')
    expect(e.message).toContain('PLANRAUM_CHROMIUM')
    expect(e.message).toContain('HTML and DOCX')
  })

  it('wraps a failed launch in PdfUnavailableError with the cause', async () => {
    const error = await htmlToPdf('<p>x</p>', {
      ...BASE,
      chromium: '/bin/false',
      timeoutMs: 20_000,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PdfUnavailableError)
    expect((error as Error).message).toContain('Chromium at /bin/false could not be started')
    expect((error as Error).cause).toBeInstanceOf(Error)
  })

  it('finds the browser through PLANRAUM_CHROMIUM or at /usr/bin/chromium', () => {
    expect(chromiumPath({})).toBe('/usr/bin/chromium')
    expect(chromiumPath({ PLANRAUM_CHROMIUM: ' /opt/chrome ' })).toBe('/opt/chrome')
    expect(pdfAvailable({ PLANRAUM_CHROMIUM: '/nonexistent/chromium' })).toBe(false)
    expect(pdfAvailable({ PLANRAUM_CHROMIUM: CHROMIUM })).toBe(true)
  })
})

describe('htmlToPdf: cancelling', () => {
  it('rejects with the abort reason and closes the browser', async () => {
    const controller = new AbortController()
    const promise = htmlToPdf(reportHtml('de'), {
      ...BASE,
      signal: controller.signal,
      onProgress: (p) => p.stage === 'print' && controller.abort(new Error('abgebrochen')),
    })
    await expect(promise).rejects.toThrow('abgebrochen')
  })
})
