/**
 * End-to-end: the area profile (Steckbrief) of a Sozialraum of Musterstadt in headless Chromium
 * against the real server (CSP `script-src 'self'`, no network beyond the app). Values are checked
 * against the API, the charts by their Observable Plot marks, the print layout by emulating print
 * media. Needs the built web app (`npx vite build --outDir …`, PLANRAUM_E2E_WEB_DIR).
 */
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  checkPrerequisites,
  type E2eServer,
  foreignRequests,
  launchBrowser,
  openPage,
  results,
  seriousAxeViolations,
  startServer,
} from '../helpers/e2e.js'

interface ValueRow {
  indicator: string
  layer: string
  areaCode: string
  areaName: string
  period: number
  value: number | null
  rank: number | null
  rankCount: number
  status: 'ok' | 'suppressed' | 'missing'
}

interface Indicator {
  key: string
  decimals: number
}

const PROFILE = '/steckbrief?org=musterstadt&layer=sozialraum&area=01.02&period=2024'

async function profileReady(page: Page) {
  await page.waitForSelector('.profile[data-state="ready"]', { timeout: 60_000 })
  await page.waitForSelector('[data-chart="time-series"][data-state="ready"] svg', {
    timeout: 30_000,
  })
  await page.waitForSelector('[data-chart="pyramid"][data-state="ready"] svg', { timeout: 30_000 })
}

/** GET a JSON API answer through the page (same origin, same cookies). */
function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>
}

const german = (value: number, decimals: number) =>
  new Intl.NumberFormat('de-DE', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value)

describe('area profile (Steckbrief)', () => {
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

  it('shows the Sozialraum with its parent and the city, loading the values in one request', async () => {
    const response = await page.goto(`${baseUrl}${PROFILE}`)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await profileReady(page)
    expect(await page.getByTestId('profile-name').textContent()).toBe('Hochschulviertel')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    expect(await page.locator('.profile__header .lead').textContent()).toContain('01.02')
    expect(await page.getByTestId('parent-link').textContent()).toBe('Mitte')
    expect(await page.getByTestId('city-link').textContent()).toBe('Musterstadt')
    // Area, parent and city over all years: one /values request.
    expect(requests.filter((url) => url.includes('/values?area='))).toHaveLength(1)
    await page.screenshot({ path: path.join(results, 'profile-de.png'), fullPage: true })
    await page
      .locator('.profile__header')
      .screenshot({ path: path.join(results, 'profile-header.png') })
    await page
      .locator('.profile__table-scroll')
      .first()
      .screenshot({ path: path.join(results, 'profile-table.png') })
    await page
      .locator('[data-chart="time-series"]')
      .screenshot({ path: path.join(results, 'chart-time-series.png') })
    await page
      .locator('[data-chart="pyramid"]')
      .screenshot({ path: path.join(results, 'chart-pyramid.png') })
  })

  it('shows every indicator with the values, ranks and symbols the API gives', async () => {
    const indicators = (
      await apiGet<{ data: Indicator[] }>(page, '/api/orgs/musterstadt/indicators?limit=1000')
    ).data
    const decimals = new Map(indicators.map((i) => [i.key, i.decimals]))
    const rowsOf = async (layer: string, area: string) =>
      (
        await apiGet<{ data: ValueRow[] }>(
          page,
          `/api/orgs/musterstadt/values?layer=${layer}&area=${area}&period=2024&limit=10000`,
        )
      ).data
    const [own, parent, city] = await Promise.all([
      rowsOf('sozialraum', '01.02'),
      rowsOf('stadtbezirk', '01'),
      rowsOf('gesamtstadt', '0'),
    ])
    expect(own).toHaveLength(indicators.length)
    expect(await page.locator('tr[data-indicator]').count()).toBe(indicators.length)
    const expected = (row: ValueRow | undefined, key: string) =>
      row?.status === 'suppressed'
        ? '.'
        : row?.value === null || row === undefined
          ? '–'
          : german(row.value, decimals.get(key)!)
    const byKey = (rows: ValueRow[]) => new Map(rows.map((r) => [r.indicator, r]))
    const [ownBy, parentBy, cityBy] = [byKey(own), byKey(parent), byKey(city)]
    let ranked = 0
    for (const { key } of indicators) {
      const tr = page.locator(`tr[data-indicator="${key}"]`)
      const cell = (col: string) => tr.locator(`td[data-col="${col}"]`).textContent()
      const row = ownBy.get(key)!
      expect(await cell('value'), key).toBe(expected(row, key))
      expect(await cell('parent'), key).toBe(expected(parentBy.get(key), key))
      expect(await cell('city'), key).toBe(expected(cityBy.get(key), key))
      expect(await tr.getAttribute('data-status')).toBe(row.status)
      if (row.rank !== null) {
        ranked++
        expect(await cell('rank')).toBe(`Rang ${row.rank} von ${row.rankCount}`)
      }
    }
    expect(ranked).toBeGreaterThan(20)
    // Public ranks count the areas whose value is shown (33 Sozialräume at most).
    const poverty = ownBy.get('child_poverty')!
    expect(poverty.rankCount).toBeLessThanOrEqual(33)
    expect(poverty.rankCount).toBeGreaterThan(25)
    // One sparkline per indicator, each with a name that says from where to where it goes.
    const sparklines = page.locator('svg[data-chart="sparkline"]')
    expect(await sparklines.count()).toBe(indicators.length)
    expect(await sparklines.first().getAttribute('aria-label')).toMatch(
      /^Verlauf 2015 bis 2024: von /,
    )
  })

  it('draws the time series (area, parent, city) and the population pyramid with Plot', async () => {
    // Plot's own <style> must not reach the page (CSP); marks are tagged for tests.
    expect(await page.locator('.profile svg.plot style').count()).toBe(0)
    const series = page.locator('[data-chart="time-series"] svg.plot')
    expect(await series.getAttribute('role')).toBe('img')
    expect(await series.getAttribute('aria-label')).toContain(
      'Hochschulviertel, Mitte, Musterstadt',
    )
    expect(await series.locator('[data-mark="line"]').count()).toBe(3)
    const dots = series.locator('[data-mark="dot"]')
    expect(await dots.count()).toBe(3)
    const first = await apiGet<{ data: ValueRow[] }>(
      page,
      '/api/orgs/musterstadt/values?indicator=residents&layer=sozialraum&area=01.02&period=2015,2016,2017,2018,2019,2020,2021,2022,2023,2024',
    )
    const valued = first.data.filter((r) => r.value !== null).length
    // The first indicator is shown by default; one dot per year with a value.
    expect(await page.locator('.profile__section select').first().inputValue()).toBe('residents')
    expect(await dots.first().locator('path, circle').count()).toBe(valued)

    const pyramid = await apiGet<{
      groups: { male: number | null; female: number | null }[]
      audience: string
    }>(page, '/api/orgs/musterstadt/areas/01.02/pyramid?layer=sozialraum&period=2024')
    expect(pyramid.audience).toBe('public')
    const shown = pyramid.groups.flatMap((g) => [g.male, g.female]).filter((v) => v !== null)
    const figure = page.locator('[data-chart="pyramid"]')
    expect(await figure.locator('svg.plot [data-mark="bar"] rect').count()).toBe(shown.length)
    expect(await figure.locator('svg.plot [data-mark="text"] text').count()).toBe(
      pyramid.groups.length * 2 - shown.length,
    )
    expect(await figure.locator('tbody tr').count()).toBe(18)
  })

  it('switches the time series to another indicator from the table, in the URL', async () => {
    await page
      .getByRole('button', { name: /Zeitreihe von SGB-II-Quote/ })
      .first()
      .click()
    await expect.poll(() => page.url()).toContain('indicator=sgb2_rate')
    await expect
      .poll(() => page.locator('[data-chart="time-series"] .chart__title').textContent())
      .toContain('SGB-II-Quote')
    await page.waitForSelector('[data-chart="time-series"][data-state="ready"] svg')
    expect(
      await page.locator('[data-chart="time-series"] svg.plot [data-mark="line"]').count(),
    ).toBe(3)
  })

  it('ranks the Sozialräume with the area highlighted and plots two indicators with r', async () => {
    const ranking = page.locator('[data-chart="ranking"]')
    await page.waitForSelector('[data-chart="ranking"][data-state="ready"] svg', {
      timeout: 30_000,
    })
    await page.waitForSelector('[data-chart="scatter"][data-state="ready"] svg', {
      timeout: 30_000,
    })
    const rows = (
      await apiGet<{ data: ValueRow[] }>(
        page,
        '/api/orgs/musterstadt/values?indicator=sgb2_rate,child_poverty&layer=sozialraum&period=2024&limit=10000',
      )
    ).data
    const x = rows.filter((r) => r.indicator === 'sgb2_rate')
    const y = new Map(
      rows.filter((r) => r.indicator === 'child_poverty').map((r) => [r.areaCode, r]),
    )
    const shown = x.filter((r) => r.value !== null)
    expect(await ranking.locator('svg.plot [data-mark="bar"] rect').count()).toBe(shown.length)
    // The highlighted area carries its value as a label.
    const own = x.find((r) => r.areaCode === '01.02')!
    expect(await ranking.locator('svg.plot [data-mark="text"] text').textContent()).toBe(
      german(own.value!, 1),
    )
    expect(await ranking.locator('.chart__note').first().textContent()).toContain(
      'Hochschulviertel',
    )

    // Scatter: one dot per area with both values, the regression line, Pearson's r from the API
    // values (computed here independently).
    const pairs = x
      .map((r) => [r.value, y.get(r.areaCode)?.value ?? null] as const)
      .filter((p): p is readonly [number, number] => p[0] !== null && p[1] !== null)
    const n = pairs.length
    const mx = pairs.reduce((s, p) => s + p[0], 0) / n
    const my = pairs.reduce((s, p) => s + p[1], 0) / n
    const sxy = pairs.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0)
    const sxx = pairs.reduce((s, p) => s + (p[0] - mx) ** 2, 0)
    const syy = pairs.reduce((s, p) => s + (p[1] - my) ** 2, 0)
    const r = sxy / Math.sqrt(sxx * syy)
    const scatter = page.locator('[data-chart="scatter"]')
    expect(await scatter.getByTestId('correlation').textContent()).toContain(
      `r = ${german(r, 3)} (n = ${n})`,
    )
    expect(
      await scatter.locator('svg.plot [data-mark="dot"]').first().locator('circle').count(),
    ).toBe(n)
    expect(await scatter.locator('svg.plot [data-mark="line"]').count()).toBe(1)
    await ranking.screenshot({ path: path.join(results, 'chart-ranking.png') })
    await scatter.screenshot({ path: path.join(results, 'chart-scatter.png') })

    // Choosing a bar opens that area's profile.
    const other = shown.find((r) => r.areaCode !== '01.02')!
    const index = [...shown]
      .sort((a, b) => b.value! - a.value! || a.areaName.localeCompare(b.areaName, 'de'))
      .findIndex((r) => r.areaCode === other.areaCode)
    await ranking.locator('svg.plot [data-mark="bar"] rect').nth(index).click()
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toBe(other.areaName)
    await page.goBack()
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toBe('Hochschulviertel')
  })

  it('follows the parent link to the Stadtbezirk and comes back', async () => {
    await page.getByTestId('parent-link').click()
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toBe('Mitte')
    expect(page.url()).toContain('layer=stadtbezirk&area=01')
    await profileReady(page)
    // The district's parent is the city: only the city link remains.
    expect(await page.getByTestId('parent-link').count()).toBe(0)
    await page.goBack()
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toBe('Hochschulviertel')
    // The area picker switches areas, too.
    await page.getByTestId('area-picker').selectOption('01.03')
    await expect.poll(() => page.getByTestId('profile-name').textContent()).toBe('Bahnhofsviertel')
    expect(page.url()).toContain('area=01.03')
    await page.goto(`${baseUrl}${PROFILE}`)
    await profileReady(page)
  })

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    expect(await seriousAxeViolations(page)).toEqual([])
    // With the chart tables opened, too.
    for (const summary of await page.locator('.chart__table summary').all()) await summary.click()
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('prints without navigation, one section per page', async () => {
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.site-header').isVisible()).toBe(false)
    expect(await page.locator('.site-nav').isVisible()).toBe(false)
    expect(await page.locator('.site-footer').isVisible()).toBe(false)
    expect(await page.locator('.profile__toolbar').isVisible()).toBe(false)
    expect(await page.getByTestId('profile-name').isVisible()).toBe(true)
    const breaks = await page
      .locator('.profile__section')
      .evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore))
    expect(breaks).toEqual(['page', 'page', 'page', 'page'])
    await page.screenshot({ path: path.join(results, 'profile-print.png'), fullPage: true })
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await page.emulateMedia({ media: 'screen' })
    expect(await page.locator('.site-header').isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Drucken' }).isVisible()).toBe(true)
  })

  it('switches to English: labels and number format', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Key figures' }).count()).toBe(1)
    const row = (
      await apiGet<{ data: ValueRow[] }>(
        page,
        '/api/orgs/musterstadt/values?indicator=residents&layer=sozialraum&area=01.02&period=2024',
      )
    ).data[0]!
    expect(
      await page.locator('tr[data-indicator="residents"] td[data-col="value"]').textContent(),
    ).toBe(new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(row.value!))
    expect(
      await page.locator('tr[data-indicator="residents"] td[data-col="rank"]').textContent(),
    ).toBe(`Rank ${row.rank} of ${row.rankCount}`)
    expect(await page.getByRole('button', { name: 'Print' }).count()).toBe(1)
    expect(await page.locator('[data-chart="pyramid"] .chart__legend').textContent()).toContain(
      'Women',
    )
    await page.screenshot({ path: path.join(results, 'profile-en.png'), fullPage: true })
    expect(await seriousAxeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Deutsch' }).click()
  })

  it('loaded nothing from other hosts and logged no errors', () => {
    expect(foreignRequests(requests, baseUrl)).toEqual([])
    expect(problems).toEqual([])
  })
})
