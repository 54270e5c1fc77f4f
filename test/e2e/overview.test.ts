/**
 * End-to-end: the overview page of the demo city in headless Chromium (Debian's package; never a
 * downloaded browser) against the real server, started in-process on an in-memory database with
 * the Musterstadt demo loaded. Needs the built web app: run `npx vite build` first.
 *
 * Set PLANRAUM_E2E_URL (e.g. http://127.0.0.1:3000) to test a server that is already running.
 * Screenshots go to test-results/.
 */
import { existsSync, mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const CHROMIUM = '/usr/bin/chromium'
const root = fileURLToPath(new URL('../../', import.meta.url))
const webDir = path.join(root, 'dist/web')
const results = path.join(root, 'test-results')

interface Server {
  url: string
  close(): Promise<void>
}

/** The real app on a free port: in-memory PGlite, migrations, the demo city. */
async function startServer(): Promise<Server> {
  const { openPglite } = await import('../../src/platform/db/pglite.js')
  const { migrate } = await import('../../src/platform/db/migrate.js')
  const { loadDemo } = await import('../../src/modules/demo/load.js')
  const { loadConfig } = await import('../../src/platform/config.js')
  const { buildApp } = await import('../../src/app.js')
  const db = await openPglite(undefined)
  try {
    await migrate(db)
    await loadDemo(db)
    const app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'warn' }) })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${port}`,
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

/** Parses a number in German format ("12.345" or "1.234,5"). */
const germanNumber = (text: string) => Number(text.trim().replace(/\./g, '').replace(',', '.'))

/** Distinct colours on the map canvas (quantised to 4 bits per channel, ignoring rare ones). */
async function canvasColours(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="density-map"] canvas')
    if (!canvas) throw new Error('No map canvas.')
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
  })
}

async function mapReady(page: Page, layer: string) {
  await page.waitForSelector(
    `[data-testid="density-map"][data-state="ready"][data-layer="${layer}"]`,
    { state: 'attached', timeout: 30_000 },
  )
}

describe('overview page', () => {
  let server: Server | undefined
  let baseUrl: string
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const requests: string[] = []

  beforeAll(async () => {
    if (!existsSync(path.join(webDir, 'index.html'))) {
      throw new Error(`${webDir}/index.html is missing: build the web app with \`npx vite build\`.`)
    }
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's package with \`apt-get install chromium\`.`,
      )
    }
    mkdirSync(results, { recursive: true })
    if (process.env.PLANRAUM_E2E_URL) {
      baseUrl = process.env.PLANRAUM_E2E_URL.replace(/\/$/, '')
    } else {
      server = await startServer()
      baseUrl = server.url
    }
    browser = await chromium.launch({
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
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    })
    page = await context.newPage()
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
    })
    page.on('request', (request) => requests.push(request.url()))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the heading and the key figures of Musterstadt, in German', async () => {
    await page.goto(`${baseUrl}/`)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Musterstadt')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    expect(await page.locator('header').textContent()).toContain('Planraum')

    const residents = page.getByTestId('figure-residents')
    await expect.poll(() => residents.textContent()).toMatch(/Einwohnerinnen und Einwohner \d{4}/)
    const value = (await residents.locator('.figure__value').textContent()) ?? ''
    expect(value).toMatch(/^\d{1,3}(\.\d{3})+$/) // German grouping, e.g. 123.456
    expect(germanNumber(value)).toBeGreaterThan(1000)

    expect(await page.getByTestId('figure-period').textContent()).toMatch(/\d{4} bis \d{4}/)
    const layers = (await page.getByTestId('figure-layers').textContent()) ?? ''
    expect(layers).toContain('Stadtbezirk')
    expect(layers).toContain('Sozialraum')
    expect(await page.getByTestId('figure-facilities').textContent()).toContain('Insgesamt')
  })

  it('paints the density map of the Sozialräume with a legend', async () => {
    await mapReady(page, 'sozialraum')
    // Background, five classes, outlines, labels and facility points.
    expect(await canvasColours(page)).toBeGreaterThanOrEqual(6)
    const legend = page.getByTestId('density-legend').locator('li')
    expect(await legend.count()).toBeGreaterThanOrEqual(5)
    expect(await page.getByTestId('density-legend').textContent()).toMatch(/\d – \d/)
    await page.screenshot({ path: path.join(results, 'overview-de.png'), fullPage: true })
  })

  it('shows the name and value of an area on hover', async () => {
    // hover() scrolls the map into view and moves the pointer to its centre.
    await page.getByTestId('density-map').hover()
    const tooltip = page.locator('.map__tooltip')
    await tooltip.waitFor({ timeout: 10_000 })
    const text = (await tooltip.textContent()) ?? ''
    // An area ("Name: 1.234 Einw./km²") or a facility point under the pointer.
    expect(text).toMatch(/Einw\.\/km²|·/)
  })

  it('switches the layer to Stadtbezirk: 7 rows in the table', async () => {
    await page.getByRole('radio', { name: /Stadtbezirk/ }).check()
    const table = page.getByTestId('area-table')
    await expect.poll(() => table.locator('caption').textContent()).toContain('Stadtbezirk')
    expect(await table.locator('tbody tr').count()).toBe(7)
    await mapReady(page, 'stadtbezirk')
    expect(page.url()).toContain('layer=stadtbezirk')
    const counts = await page
      .getByTestId('density-legend')
      .locator('.legend__count')
      .allTextContents()
    expect(counts.reduce((sum, text) => sum + (Number(/\d+/.exec(text)?.[0]) || 0), 0)).toBe(7)
  })

  it('sorts the table by population, ascending then descending', async () => {
    const table = page.getByTestId('area-table')
    const header = table.locator('thead th').filter({ hasText: 'Bevölkerung' })
    const values = async () =>
      (await table.locator('tbody tr td:nth-child(4)').allTextContents()).map(germanNumber)

    await header.getByRole('button').click()
    expect(await header.getAttribute('aria-sort')).toBe('ascending')
    const ascending = await values()
    expect(ascending).toHaveLength(7)
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b))

    await header.getByRole('button').click()
    expect(await header.getAttribute('aria-sort')).toBe('descending')
    const descending = await values()
    expect(descending).toEqual([...ascending].reverse())
    expect(await table.locator('thead th[aria-sort]').count()).toBe(1)
  })

  it('hides a facility category from the map', async () => {
    const before = await page.evaluate(() =>
      document.querySelector<HTMLCanvasElement>('[data-testid="density-map"] canvas')?.toDataURL(),
    )
    const schools = page.getByRole('checkbox', { name: /Schule/ })
    await schools.uncheck()
    expect(await schools.isChecked()).toBe(false)
    await expect
      .poll(() =>
        page.evaluate(() =>
          document
            .querySelector<HTMLCanvasElement>('[data-testid="density-map"] canvas')
            ?.toDataURL(),
        ),
      )
      .not.toBe(before)
    await schools.check()
  })

  it('switches to English, sets <html lang> and remembers the choice', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await expect.poll(() => page.getByRole('heading', { name: 'Key figures' }).count()).toBe(1)
    expect(await page.getByTestId('area-table').locator('caption').textContent()).toContain(
      'Areas of the layer',
    )
    expect(await page.getByRole('button', { name: 'Population' }).count()).toBe(1)
    expect(await page.getByRole('navigation').textContent()).toContain('Overview')
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe(
      'true',
    )

    await page.reload()
    await expect.poll(() => page.getByRole('heading', { name: 'Key figures' }).count()).toBe(1)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    // The layer survives the reload through the address.
    await mapReady(page, 'stadtbezirk')
    await page.screenshot({ path: path.join(results, 'overview-en.png'), fullPage: true })
  })

  it('says what failed for an unknown organisation', async () => {
    await page.goto(`${baseUrl}/?org=gibt-es-nicht`)
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('gibt-es-nicht')
    expect(await alert.textContent()).toContain('404')
    await page.screenshot({ path: path.join(results, 'overview-unknown-org.png') })
  })

  it('loaded nothing from other hosts and logged no errors', () => {
    const foreign = requests.filter(
      (url) => !url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:'),
    )
    expect(foreign).toEqual([])
    // The unknown organisation answers 404 on purpose; Chromium logs that as a console error.
    expect(problems.filter((problem) => !/404/.test(problem))).toEqual([])
  })
})
