/**
 * PDF export of a report: the self-contained report HTML printed by headless Chromium (Debian's
 * package `chromium`, driven by playwright-core — no browser is ever downloaded).
 *
 * ```ts
 * if (!pdfAvailable()) … // offer HTML and DOCX only
 * const bytes = await htmlToPdf(html, {
 *   language: 'de',
 *   title: 'Sozialbericht Musterstadt 2024',
 *   headerText: 'Sozialbericht Musterstadt 2024',
 *   footerText: 'Datenstand: 2024',
 *   internal: true,
 * })
 * ```
 *
 * What the PDF has:
 * - A4 portrait, margins 22 mm (top), 20 mm (bottom), 25 mm (left/right) — a 160 mm text width as
 *   in the DOCX. Any `@page` size or margin in the HTML is overridden so the header and footer fit.
 * - On every page (the title page too): a running header (left `headerText`, right „INTERN“ /
 *   "INTERNAL" in red when `internal`) and a running footer (left `footerText`, right „Seite 3 von
 *   12“ / "Page 3 of 12"). All template text is HTML-escaped.
 * - Tagged PDF (structure tree for screen readers) and a bookmark outline from the headings; the
 *   document title in the metadata is `title`.
 * - Table-of-contents page numbers. The HTML contract (the HTML writer's TOC):
 *   `<nav class="toc">… <a href="#sec-id">Text</a><span class="toc-page" data-target="sec-id"></span>`
 *   with the target heading `<h1|h2 id="sec-id">`. Chromium has no `target-counter()`, so the page
 *   is printed, the page of every target is read from the PDF's named destinations (Chromium writes
 *   one for every element an internal link points to), the numbers are written into the spans and
 *   the page is printed again, until the numbers agree with the PDF they are printed in (normally
 *   two passes). The spans get a fixed width of three digits, so filling them in cannot move
 *   anything. A target without a destination (no such id) keeps an empty span.
 * - No network: every request that is not `data:`/`about:` is aborted (and reported through
 *   `onBlockedRequest`), and scripts in the HTML do not run.
 *
 * Where Chromium is missing, `htmlToPdf` throws `PdfUnavailableError` (code `PDF_UNAVAILABLE`)
 * before doing any work, and when it cannot be started it wraps the launch error in one; HTML and
 * DOCX export do not depend on it.
 */
import { existsSync } from 'node:fs'

import { chromium, type Browser, type Page } from 'playwright-core'

/** Where Debian's package `chromium` installs the browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

/** Chromium is not installed (or does not start): PDF export is unavailable, the rest works. */
export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError'
  readonly code = 'PDF_UNAVAILABLE'
  constructor(
    /** The browser path that was tried. */
    readonly path: string,
    cause?: unknown,
  ) {
    const reason =
      cause === undefined
        ? `Chromium not found at ${path}`
        : `Chromium at ${path} could not be started (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)})`
    super(
      `PDF export is unavailable: ${reason}. Install Debian's package \`chromium\` ` +
        '(apt-get install chromium) or set PLANRAUM_CHROMIUM=/path/to/chromium; HTML and DOCX export still work.',
      cause === undefined ? undefined : { cause },
    )
  }
}

/**
 * The Chromium binary: `PLANRAUM_CHROMIUM` when set, else `/usr/bin/chromium`.
 *
 * @example chromiumPath({ PLANRAUM_CHROMIUM: '/opt/chromium/chrome' }) // '/opt/chromium/chrome'
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PLANRAUM_CHROMIUM?.trim()
  return configured ? configured : DEFAULT_CHROMIUM
}

/** Whether the Chromium binary exists (cheap; does not start it). */
export function pdfAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(chromiumPath(env))
}

/** A step of the export, for progress display. `pass` counts the prints (usually two). */
export type PdfProgress =
  | { stage: 'launch' }
  | { stage: 'load' }
  | { stage: 'print'; pass: number }
  | { stage: 'done'; pages: number; passes: number }

export interface PdfOptions {
  language: 'de' | 'en'
  /** The document title in the PDF metadata. */
  title: string
  /** Running header, left (e.g. „Sozialbericht Musterstadt 2024“). */
  headerText: string
  /** Running footer, left (e.g. „Datenstand: 2024“). */
  footerText: string
  /** Marks every page „INTERN“ / "INTERNAL" in red in the header. */
  internal: boolean
  /** The Chromium binary; default `chromiumPath()`. */
  chromium?: string
  /** Cancels the export (the browser is closed; the promise rejects with the signal's reason). */
  signal?: AbortSignal
  onProgress?: (progress: PdfProgress) => void
  /** Called with every URL the page tried to fetch (all are blocked; a self-contained report has none). */
  onBlockedRequest?: (url: string) => void
  /** Time limit for starting Chromium and for loading the HTML, in ms (not for printing). Default 120 000. */
  timeoutMs?: number
}

/** Page margins. The header and footer are drawn inside the top and bottom margins. */
const MARGIN = { top: '22mm', bottom: '20mm', left: '25mm', right: '25mm' } as const

/** Prints until the TOC numbers agree with the PDF they are in; two passes suffice in practice. */
const MAX_PASSES = 4

/** Digits reserved for a TOC page number (reports up to 999 pages). */
const TOC_DIGITS = 3

const LABELS = {
  de: { internal: 'INTERN', page: 'Seite', of: 'von' },
  en: { internal: 'INTERNAL', page: 'Page', of: 'of' },
} as const

/** Chromium's flags for a quiet, offline, sandbox-less headless run (as in the e2e tests). */
const LAUNCH_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/**
 * Prints report HTML to PDF (A4, running header and footer, page numbers, tagged, outline, TOC page
 * numbers filled in). One browser per call, closed at the end whatever happens.
 *
 * @throws PdfUnavailableError when Chromium is missing or does not start.
 */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const executablePath = options.chromium ?? chromiumPath()
  if (!existsSync(executablePath)) throw new PdfUnavailableError(executablePath)
  const { signal } = options
  signal?.throwIfAborted()
  const timeout = options.timeoutMs ?? 120_000

  options.onProgress?.({ stage: 'launch' })
  let browser: Browser
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS, timeout })
  } catch (error) {
    throw new PdfUnavailableError(executablePath, error)
  }
  const abort = () => void browser.close().catch(() => {})
  signal?.addEventListener('abort', abort, { once: true })
  try {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      serviceWorkers: 'block',
      locale: options.language === 'de' ? 'de-DE' : 'en-GB',
      timezoneId: 'Europe/Berlin',
    })
    await context.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('data:') || url.startsWith('about:')) return route.continue()
      options.onBlockedRequest?.(url)
      return route.abort('blockedbyclient')
    })
    const page = await context.newPage()
    page.setDefaultTimeout(timeout)

    options.onProgress?.({ stage: 'load' })
    await page.setContent(html, { waitUntil: 'load' })
    signal?.throwIfAborted()
    const targets = await preparePage(page, options)

    let pdf = await print(page, options, 1)
    let filled = targets.map(() => '')
    let passes = 1
    while (targets.length > 0) {
      const destinations = destinationPages(pdf)
      const actual = targets.map((target) => String(destinations.get(target) ?? ''))
      // Done when the numbers printed in this PDF are its own pages (pass 1 printed placeholders).
      if (passes > 1 && actual.every((n, i) => n === filled[i])) break
      if (passes >= MAX_PASSES) break
      filled = actual
      await fillToc(page, filled)
      pdf = await print(page, options, ++passes)
    }
    options.onProgress?.({ stage: 'done', pages: pageCount(pdf), passes })
    return pdf
  } catch (error) {
    signal?.throwIfAborted()
    throw error
  } finally {
    signal?.removeEventListener('abort', abort)
    await browser.close().catch(() => {})
  }
}

/**
 * Sets title and language, fixes page size and margins, reserves the TOC number width and writes
 * placeholders; returns the TOC targets in document order.
 */
async function preparePage(page: Page, options: PdfOptions): Promise<string[]> {
  const css = [
    `@page { size: A4 portrait; margin: ${MARGIN.top} ${MARGIN.right} ${MARGIN.bottom} ${MARGIN.left}; }`,
    // A fixed box for the number (also as a flex item), so its digits cannot change a line break
    // or a page break. The HTML may widen it with a min-width; that is fixed too.
    `nav.toc .toc-page[data-target], .toc-page[data-target] { display: inline-block; flex: none;`,
    ` width: ${TOC_DIGITS}ch; white-space: nowrap; overflow: hidden; text-align: right;`,
    ' font-variant-numeric: tabular-nums; }',
  ].join('\n')
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  return page.evaluate(
    ({ css, title, lang, placeholder }) => {
      const style = document.createElement('style')
      style.textContent = css
      document.head.append(style)
      document.title = title
      if (!document.documentElement.lang) document.documentElement.lang = lang
      const spans = Array.from(document.querySelectorAll<HTMLElement>('.toc-page[data-target]'))
      for (const span of spans) span.textContent = placeholder
      return spans.map((span) => span.dataset.target ?? '')
    },
    { css, title: options.title, lang: options.language, placeholder: '0'.repeat(TOC_DIGITS) },
  )
}

async function fillToc(page: Page, numbers: readonly string[]): Promise<void> {
  await page.evaluate((values) => {
    const spans = document.querySelectorAll<HTMLElement>('.toc-page[data-target]')
    spans.forEach((span, i) => (span.textContent = values[i] ?? ''))
  }, numbers)
}

async function print(page: Page, options: PdfOptions, pass: number): Promise<Uint8Array> {
  options.signal?.throwIfAborted()
  options.onProgress?.({ stage: 'print', pass })
  const labels = LABELS[options.language]
  const bytes = await page.pdf({
    format: 'A4',
    landscape: false,
    preferCSSPageSize: false,
    printBackground: true,
    tagged: true,
    outline: true,
    displayHeaderFooter: true,
    margin: MARGIN,
    headerTemplate: runningTemplate(
      'top',
      escapeHtml(options.headerText),
      options.internal
        ? `<span style="color:#c00000;font-weight:bold;letter-spacing:0.05em">${labels.internal}</span>`
        : '',
    ),
    footerTemplate: runningTemplate(
      'bottom',
      escapeHtml(options.footerText),
      `${labels.page} <span class="pageNumber"></span> ${labels.of} <span class="totalPages"></span>`,
    ),
  })
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * A header or footer template: Chromium renders it in the page margin with none of the page's
 * styles, so everything is inline; the side padding lines it up with the text column.
 */
function runningTemplate(edge: 'top' | 'bottom', left: string, right: string): string {
  const offset = edge === 'top' ? 'padding-top:10mm' : 'padding-bottom:9mm;align-self:flex-end'
  return (
    `<div style="box-sizing:border-box;width:100%;height:100%;display:flex;padding:0 ${MARGIN.right} 0 ${MARGIN.left};` +
    "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;font-size:8pt;color:#444;" +
    '-webkit-print-color-adjust:exact;print-color-adjust:exact">' +
    `<div style="display:flex;width:100%;justify-content:space-between;gap:8mm;${offset}">` +
    `<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis">${left}</span>` +
    `<span style="white-space:nowrap">${right}</span></div></div>`
  )
}

/** Text for HTML: `&`, `<`, `>`, quotes escaped. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )
}

// ---------------------------------------------------------------------------------------------
// Reading Chromium's PDF: pages and named destinations (ISO 32000-1 §7.5 file structure, §7.7.3
// page tree, §12.3.2.3 named destinations). Only what Skia writes: a classic xref table and
// uncompressed dictionaries (no object streams); anything else yields no destinations.

/**
 * The 1-based page of every named destination in a PDF written by Chromium: for a report, the page
 * of every heading a TOC entry links to.
 *
 * @example destinationPages(pdf).get('sec-bevoelkerung') // 4
 */
export function destinationPages(pdf: Uint8Array): Map<string, number> {
  const result = new Map<string, number>()
  const file = new PdfFile(pdf)
  const catalog = file.trailerRef('Root')
  if (catalog === undefined) return result
  const catalogText = file.object(catalog)
  const pagesRef = refOf(catalogText, 'Pages')
  if (pagesRef === undefined) return result
  const pageIndex = new Map<number, number>()
  file.pages(pagesRef).forEach((ref, i) => pageIndex.set(ref, i + 1))

  const destsRef = refOf(catalogText, 'Dests')
  const dests =
    destsRef !== undefined
      ? file.object(destsRef)
      : (/\/Dests\s*(<<[^]*?>>)/.exec(catalogText)?.[1] ?? '')
  const entry = /\/((?:[^\s/[\]<>(){}%#]|#[0-9A-Fa-f]{2})+)\s*\[\s*(\d+)\s+\d+\s+R/g
  for (const m of dests.matchAll(entry)) {
    const page = pageIndex.get(Number(m[2]))
    if (page !== undefined) result.set(decodeName(m[1] ?? ''), page)
  }
  return result
}

/** The number of pages (from the page tree). */
export function pageCount(pdf: Uint8Array): number {
  const file = new PdfFile(pdf)
  const catalog = file.trailerRef('Root')
  const pagesRef = catalog === undefined ? undefined : refOf(file.object(catalog), 'Pages')
  return pagesRef === undefined ? 0 : file.pages(pagesRef).length
}

/** `/Key 12 0 R` → 12. */
function refOf(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict)
  return m ? Number(m[1]) : undefined
}

/**
 * A destination name back to the element id. Chromium names a destination after the link's URL
 * fragment, percent-encoded (`sec-bev%C3%B6lkerung`), and the PDF name escapes bytes as `#xx`.
 */
function decodeName(name: string): string {
  const latin1 = name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  )
  const fragment = Buffer.from(latin1, 'latin1').toString('utf8')
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

class PdfFile {
  private readonly text: string
  private readonly offsets = new Map<number, number>()
  private trailer = ''

  constructor(bytes: Uint8Array) {
    // latin1 keeps one character per byte, so xref offsets index the string directly.
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(this.text.slice(-1024))
    if (!start) return
    let at = Number(start[1])
    if (this.text.slice(at, at + 4) !== 'xref') return
    at += 4
    const section = /\s*(\d+)\s+(\d+)[ \t]*\r?\n/y
    for (;;) {
      section.lastIndex = at
      const head = section.exec(this.text)
      if (!head) break
      const first = Number(head[1])
      const count = Number(head[2])
      at = section.lastIndex
      for (let i = 0; i < count; i++) {
        const entry = this.text.slice(at + i * 20, at + i * 20 + 20)
        if (entry[17] === 'n') this.offsets.set(first + i, Number(entry.slice(0, 10)))
      }
      at += count * 20
    }
    const trailer = /\s*trailer\s*(<<[^]*?>>)\s*startxref/y
    trailer.lastIndex = at
    this.trailer = trailer.exec(this.text)?.[1] ?? ''
  }

  trailerRef(key: string): number | undefined {
    return refOf(this.trailer, key)
  }

  /** An object's text up to its stream or `endobj` (dictionaries without streams are whole). */
  object(n: number): string {
    const at = this.offsets.get(n)
    if (at === undefined) return ''
    const end = />>\s*stream\r?\n|\bendobj\b/g
    end.lastIndex = at
    const m = end.exec(this.text)
    return this.text.slice(at, m ? m.index + (m[0].startsWith('>>') ? 2 : 0) : at)
  }

  /** Page object numbers in document order, walking the page tree. */
  pages(root: number): number[] {
    const out: number[] = []
    const seen = new Set<number>()
    const walk = (n: number) => {
      if (seen.has(n)) return
      seen.add(n)
      const dict = this.object(n)
      if (/\/Type\s*\/Pages\b/.test(dict)) {
        const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? ''
        for (const kid of kids.matchAll(/(\d+)\s+\d+\s+R/g)) walk(Number(kid[1]))
      } else if (/\/Type\s*\/Page\b/.test(dict)) out.push(n)
    }
    walk(root)
    return out
  }
}
