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

import type { MultiPolygon, Position } from '../../src/core/geo/geojson.js'
import { locatePointInMultiPolygon } from '../../src/core/geo/pointInPolygon.js'
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
 * `prepare` runs after the demo is loaded (e.g. to create accounts); `env` adds environment
 * variables to the server's configuration (e.g. PLANRAUM_BASEMAP_STYLE_URL).
 */
export async function startServer(
  prepare?: (db: Database) => Promise<void>,
  env: NodeJS.ProcessEnv = {},
): Promise<E2eServer> {
  if (process.env.PLANRAUM_E2E_URL) {
    return { url: process.env.PLANRAUM_E2E_URL.replace(/\/$/, ''), db: null, close: async () => {} }
  }
  const { openSeededPglite } = await import('./databases.js')
  const { loadConfig } = await import('../../src/platform/config.js')
  const { buildApp } = await import('../../src/app.js')
  const db = await openSeededPglite('demo')
  try {
    await prepare?.(db)
    const config = { ...loadConfig({ LOG_LEVEL: 'warn', ...env }), webDir }
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

/**
 * A `prepare` for `startServer` that creates a member with a password (tests that sign in through
 * the form).
 */
export function withAccount(account: {
  org: string
  email: string
  name: string
  password: string
  role: 'admin' | 'planner' | 'specialist' | 'provider' | 'council'
}): (db: Database) => Promise<void> {
  return async (db) => {
    const { createUser } = await import('../../src/modules/accounts/index.js')
    const { systemActor } = await import('../../src/platform/http/auth.js')
    const [org] = await db.query<{ id: number }>('select id from organization where slug = $1', [
      account.org,
    ])
    await createUser(
      db,
      { actor: systemActor('test:e2e') },
      {
        organizationId: org!.id,
        email: account.email,
        displayName: account.name,
        role: account.role,
        password: account.password,
      },
    )
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
  const [pixel] = await canvasPixels(page, selector, [[x, y]])
  return pixel!
}

/**
 * The pixel colours (r, g, b) at many points of the canvas under `selector`, in CSS pixels
 * relative to the canvas, read in one go (0 outside the canvas).
 */
export async function canvasPixels(
  page: Page,
  selector: string,
  points: readonly Position[],
): Promise<[number, number, number][]> {
  return page.evaluate(
    ({ canvasSelector, at }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(canvasSelector)
      if (!canvas) throw new Error(`No canvas at ${canvasSelector}.`)
      const ratio = canvas.width / canvas.getBoundingClientRect().width
      const copy = document.createElement('canvas')
      copy.width = canvas.width
      copy.height = canvas.height
      const context = copy.getContext('2d')
      if (!context) throw new Error('No 2D context.')
      context.drawImage(canvas, 0, 0)
      const { data, width, height } = context.getImageData(0, 0, copy.width, copy.height)
      return at.map(([x, y]) => {
        const [px, py] = [Math.round(x * ratio), Math.round(y * ratio)]
        if (px < 0 || py < 0 || px >= width || py >= height) return [0, 0, 0]
        const offset = (py * width + px) * 4
        return [data[offset]!, data[offset + 1]!, data[offset + 2]!] as [number, number, number]
      })
    },
    { canvasSelector: selector, at: points as Position[] },
  )
}

/** Distance from point p to segment ab (screen pixels). */
export function segmentDistance(p: Position, a: Position, b: Position): number {
  const [px, py] = p
  const [ax, ay] = a
  const [bx, by] = b
  const dx = bx - ax
  const dy = by - ay
  const length = dx * dx + dy * dy
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

/** '#rrggbb' as [r, g, b]. */
export const rgb = (hex: string): [number, number, number] => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
]

/** Whether two colours differ by at most `tolerance` in every channel. */
export const closeColours = (a: readonly number[], b: readonly number[], tolerance = 6) =>
  a.every((value, i) => Math.abs(value - b[i]!) <= tolerance)

/** An area as the areas API returns it. */
export interface E2eArea {
  properties: { code: string; name: string }
  geometry: MultiPolygon
}

/** Where {@link checkAreaColours} samples each area. */
export interface AreaSampling {
  /** Candidate points lie on a grid×grid lattice over the area's projected bounding box. */
  grid: number
  /** At most this many sample points per area. */
  perArea: number
  /** Pixels a sample keeps from the area's outline and from the canvas edge. */
  inset: number
}

export interface AreaColourCheck {
  /** How many areas had at least one sample point. */
  checked: number
  /** Codes of the areas whose pixels disagree with their colour in at least half the samples. */
  wrong: string[]
  /** The expected colours of the areas checked. */
  coloursMet: Set<string>
}

/**
 * Compares the pixels of the map under `mapSelector` with the colour each area must have
 * (`expected(code)`, '#rrggbb'), independently of the page's own code: the areas' geometry is
 * projected to the screen through the map's test handle (`window.__planraumAtlas`), sample points
 * are taken well inside each projected outline (the map draws simplified boundaries) and off the
 * zoom buttons in the top right corner, and the canvas colours there are read in one go.
 */
export async function checkAreaColours(
  page: Page,
  mapSelector: string,
  areas: readonly E2eArea[],
  expected: (code: string) => string,
  { grid, perArea, inset }: AreaSampling,
): Promise<AreaColourCheck> {
  const canvasSelector = `${mapSelector} canvas`
  const projected = await page.evaluate(
    (all) => {
      const map = window.__planraumAtlas!
      return all.map((polygons) =>
        polygons.map((polygon) =>
          polygon.map((ring) => ring.map((position) => map.project(position as [number, number]))),
        ),
      )
    },
    areas.map((area) => area.geometry.coordinates),
  )
  const box = (await page.locator(canvasSelector).boundingBox())!
  const samples: { area: number; point: Position }[] = []
  projected.forEach((polygons, area) => {
    for (const point of samplePoints(polygons, box, { grid, perArea, inset })) {
      samples.push({ area, point })
    }
  })
  const colours = await canvasPixels(
    page,
    canvasSelector,
    samples.map((sample) => sample.point),
  )
  const perAreaMatches = new Map<number, { match: number; total: number }>()
  samples.forEach((sample, i) => {
    const want = rgb(expected(areas[sample.area]!.properties.code))
    const entry = perAreaMatches.get(sample.area) ?? { match: 0, total: 0 }
    entry.total++
    if (closeColours(colours[i]!, want)) entry.match++
    perAreaMatches.set(sample.area, entry)
  })
  const wrong = [...perAreaMatches]
    .filter(([, entry]) => entry.match * 2 <= entry.total)
    .map(([area]) => areas[area]!.properties.code)
  const coloursMet = new Set(
    [...perAreaMatches.keys()].map((area) => expected(areas[area]!.properties.code)),
  )
  return { checked: perAreaMatches.size, wrong, coloursMet }
}

/** Grid points inside a projected area, `inset` px clear of its outline and the canvas edge. */
function samplePoints(
  polygons: MultiPolygon['coordinates'],
  box: { width: number; height: number },
  { grid, perArea, inset }: AreaSampling,
): Position[] {
  const xs = polygons.flat(2).map((p) => p[0])
  const ys = polygons.flat(2).map((p) => p[1])
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ]
  const points: Position[] = []
  for (let i = 1; i < grid && points.length < perArea; i++) {
    for (let j = 1; j < grid && points.length < perArea; j++) {
      const [x, y]: Position = [
        minX + ((maxX - minX) * i) / grid,
        minY + ((maxY - minY) * j) / grid,
      ]
      const point: Position = [x, y]
      if (x < inset || y < inset || x > box.width - inset || y > box.height - inset) continue
      // Keep clear of the zoom buttons in the top right corner.
      if (x > box.width - 50 && y < 80) continue
      if (locatePointInMultiPolygon(point, polygons) !== 'inside') continue
      const clear = polygons.every((polygon) =>
        polygon.every((ring) =>
          ring.every((a, k) => k === 0 || segmentDistance(point, ring[k - 1]!, a) >= inset),
        ),
      )
      if (clear) points.push(point)
    }
  }
  return points
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
