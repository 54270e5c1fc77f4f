/**
 * End-to-end: the overview page of the demo city in headless Chromium (Debian's package; never a
 * downloaded browser) against the real server, started in-process on an in-memory database with
 * the Musterstadt demo loaded. Needs the built web app: run `npx vite build` first.
 *
 * Set PLANRAUM_E2E_URL (e.g. http://127.0.0.1:3000) to test a server that is already running.
 * Screenshots go to test-results/.
 */
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  canvasColours as colours,
  checkPrerequisites,
  type E2eServer,
  foreignRequests,
  germanNumber,
  launchBrowser,
  openPage,
  results,
  seriousAxeViolations,
  startServer,
} from '../helpers/e2e.js'

const canvasColours = (page: Page) => colours(page, '[data-testid="density-map"] canvas')

async function mapReady(page: Page, layer: string) {
  await page.waitForSelector(
    `[data-testid="density-map"][data-state="ready"][data-layer="${layer}"]`,
    { state: 'attached', timeout: 30_000 },
  )
}

describe('overview page', () => {
  let server: E2eServer
  let baseUrl: string
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let requests: string[] = []

  beforeAll(async () => {
    checkPrerequisites()
    server = await startServer()
    baseUrl = server.url
    browser = await launchBrowser()
    ;({ page, problems, requests } = await openPage(browser))
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

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    await page.goto(`${baseUrl}/?org=musterstadt`)
    await mapReady(page, 'sozialraum')
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('says what failed for an unknown organisation', async () => {
    await page.goto(`${baseUrl}/?org=gibt-es-nicht`)
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('gibt-es-nicht')
    expect(await alert.textContent()).toContain('404')
    await page.screenshot({ path: path.join(results, 'overview-unknown-org.png') })
  })

  it('loaded nothing from other hosts and logged no errors', () => {
    expect(foreignRequests(requests, baseUrl)).toEqual([])
    // The unknown organisation answers 404 on purpose; Chromium logs that as a console error.
    expect(problems.filter((problem) => !/404/.test(problem))).toEqual([])
  })
})
