/**
 * Shared parts of the end-to-end tests: the real app on a free port (in-memory PGlite, migrations,
 * the Musterstadt demo), Debian's Chromium driven by playwright-core (never a downloaded browser),
 * a page that records errors and requests, canvas colour counts and axe-core checks.
 *
 * Environment:
 * - PLANRAUM_E2E_URL: test a server that is already running instead of starting one.
 * - PLANRAUM_E2E_WEB_DIR: the built web app (default dist/web; `npx vite build --outDir …`).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

import type { Database } from '../../src/platform/db/index.js'

export const CHROMIUM = '/usr/bin/chromium'
export const root = fileURLToPath(new URL('../../', import.meta.url))
export const webDir = process.env.PLANRAUM_E2E_WEB_DIR ?? path.join(root, 'dist/web')
/** Screenshots of the e2e tests. */
export const results = path.join(root, 'test-results')

export interface E2eServer {
  url: string
  /** The server's database (null when PLANRAUM_E2E_URL names an outside server). */
  db: Database | null
  close(): Promise<void>
}

/** Fails early, with the fix, when the web app is not built or Chromium is not installed. */
export function checkPrerequisites(): void {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    throw new Error(`${webDir}/index.html is missing: build the web app with \`npx vite build\`.`)
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's package with \`apt-get install chromium\`.`,
    )
  }
  mkdirSync(results, { recursive: true })
}

/**
 * The real app on a free port with the demo city, or the server named by PLANRAUM_E2E_URL.
 * `prepare` runs after the demo is loaded (e.g. to create accounts).
 */
export async function startServer(prepare?: (db: Database) => Promise<void>): Promise<E2eServer> {
  if (process.env.PLANRAUM_E2E_URL) {
    return { url: process.env.PLANRAUM_E2E_URL.replace(/\/$/, ''), db: null, close: async () => {} }
  }
  const { openPglite } = await import('../../src/platform/db/pglite.js')
  const { migrate } = await import('../../src/platform/db/migrate.js')
  const { loadDemo } = await import('../../src/modules/demo/load.js')
  const { loadConfig } = await import('../../src/platform/config.js')
  const { buildApp } = await import('../../src/app.js')
  const db = await openPglite(undefined)
  try {
    await migrate(db)
    await loadDemo(db)
    await prepare?.(db)
    const config = { ...loadConfig({ LOG_LEVEL: 'warn' }), webDir }
    const app = await buildApp({ db, config })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${port}`,
      db,
      close: async () => {
        await app.close()
        await db.close()
      },
    }
  } catch (error) {
    await db.close()
    throw error
  }
}

/** Headless Chromium from Debian, with software WebGL for MapLibre. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--enable-unsafe-swiftshader',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export interface TrackedPage {
  context: BrowserContext
  page: Page
  /** Page errors and console errors, in order. */
  problems: string[]
  /** Every URL the page requested. */
  requests: string[]
}

/** A German desktop page that records errors and requests. */
export async function openPage(
  browser: Browser,
  options: { locale?: string; width?: number; height?: number } = {},
): Promise<TrackedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 1000 },
    locale: options.locale ?? 'de-DE',
    timezoneId: 'Europe/Berlin',
    acceptDownloads: true,
  })
  const page = await context.newPage()
  const problems: string[] = []
  const requests: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('request', (request) => requests.push(request.url()))
  return { context, page, problems, requests }
}

/** Requests to anything but the app itself (the atlas must work offline). */
export function foreignRequests(requests: readonly string[], baseUrl: string): string[] {
  return requests.filter(
    (url) => !url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:'),
  )
}

/** Parses a number in German format ("12.345" or "1.234,5"; "−" as minus). */
export const germanNumber = (text: string) =>
  Number(text.trim().replace(/\./g, '').replace(',', '.').replace('−', '-'))

/**
 * Distinct colours of the canvas under `selector` (quantised to 4 bits per channel), counting
 * only colours that cover at least 1/1000 of the canvas.
 */
export async function canvasColours(page: Page, selector: string): Promise<number> {
  return page.evaluate((canvasSelector) => {
    const canvas = document.querySelector<HTMLCanvasElement>(canvasSelector)
    if (!canvas) throw new Error(`No canvas at ${canvasSelector}.`)
    const copy = document.createElement('canvas')
    copy.width = canvas.width
    copy.height = canvas.height
    const context = copy.getContext('2d')
    if (!context) throw new Error('No 2D context.')
    context.drawImage(canvas, 0, 0)
    const { data } = context.getImageData(0, 0, copy.width, copy.height)
    const counts = new Map<number, number>()
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    const minimum = (copy.width * copy.height) / 1000
    return [...counts.values()].filter((count) => count >= minimum).length
  }, selector)
}

/**
 * The pixel colour (r, g, b) at a point of the canvas under `selector`, in CSS pixels relative to
 * the canvas.
 */
export async function canvasPixel(
  page: Page,
  selector: string,
  x: number,
  y: number,
): Promise<[number, number, number]> {
  return page.evaluate(
    ({ canvasSelector, px, py }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(canvasSelector)
      if (!canvas) throw new Error(`No canvas at ${canvasSelector}.`)
      const ratio = canvas.width / canvas.getBoundingClientRect().width
      const copy = document.createElement('canvas')
      copy.width = canvas.width
      copy.height = canvas.height
      const context = copy.getContext('2d')
      if (!context) throw new Error('No 2D context.')
      context.drawImage(canvas, 0, 0)
      const [r, g, b] = context.getImageData(
        Math.round(px * ratio),
        Math.round(py * ratio),
        1,
        1,
      ).data
      return [r ?? 0, g ?? 0, b ?? 0] as [number, number, number]
    },
    { canvasSelector: selector, px: x, py: y },
  )
}

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  targets: string[]
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the serious and critical
 * violations, each with the selectors of the offending nodes.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') stays in force.
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: {
        id: string
        impact: string | null
        help: string
        nodes: { target: string[] }[]
      }[]
    }
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
