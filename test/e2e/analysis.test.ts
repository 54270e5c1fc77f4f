/**
 * End-to-end: the analysis page of the demo city in headless Chromium (Debian's package) against
 * the real server (in-memory PGlite with Musterstadt). Needs the built web app (`npx vite build`,
 * or PLANRAUM_E2E_WEB_DIR). Screenshots go to test-results/.
 *
 * The demo city ships no social index, so the server is prepared with one published version
 * (the four MSS indicators, saved through the analysis module's own command).
 *
 * The map checks are independent of the page's code: each area's class comes from the API's
 * answer, its colour from the conventions (GeoDa's LISA colours as libgeoda's `lisa_colors()`
 * returns them) or from the legend row of that class; sample points well inside every area are
 * projected to the screen and the canvas pixels there compared with that colour.
 */
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SocialIndexAnswer } from '../../src/modules/analysis/index.js'
import {
  canvasColours,
  checkAreaColours,
  checkPrerequisites,
  type E2eArea,
  type E2eServer,
  foreignRequests,
  germanNumber,
  launchBrowser,
  openPage,
  results,
  seriousAxeViolations,
  startServer,
} from '../helpers/e2e.js'

const MAP = '[data-testid="atlas-map"]'
const ORG = 'musterstadt'

/** GeoDa's cluster map colours (libgeoda `lisa_colors()`: not significant, HH, LL, LH, HL). */
const GEODA = {
  'not-significant': '#eeeeee',
  'high-high': '#ff0000',
  'low-low': '#0000ff',
  'low-high': '#a7adf9',
  'high-low': '#f4ada8',
} as const

interface LisaAnswer {
  n: number
  clusters: Record<string, number>
  omitted: { code: string; status: 'suppressed' | 'missing' }[]
  areas: { id: string; cluster: string; value: number }[]
}
interface LegendRow {
  category: string
  kind: string
  colour: string
  count: number
}

/** Waits until the map is idle after drawing the given view. */
async function mapReady(page: Page, view: Record<string, string | number> = {}) {
  const attributes = Object.entries(view)
    .map(([key, value]) => `[data-${key}="${value}"]`)
    .join('')
  await page.waitForSelector(`${MAP}[data-state="ready"]${attributes}`, {
    state: 'attached',
    timeout: 60_000,
  })
}

async function legendRows(page: Page): Promise<LegendRow[]> {
  return page
    .getByTestId('analysis-legend')
    .locator('[data-category]')
    .evaluateAll((items) =>
      items.map((item) => ({
        category: item.getAttribute('data-category') ?? '',
        kind: item.getAttribute('data-kind') ?? '',
        colour: item.getAttribute('data-colour') ?? '',
        count: Number(item.getAttribute('data-count')),
      })),
    )
}

/**
 * Compares the map's pixels with the colour each area must have (`expected(code)`): up to 4
 * sample points per area, each at least 6 px inside the area's projected outline.
 */
const checkMap = (page: Page, areas: readonly E2eArea[], expected: (code: string) => string) =>
  checkAreaColours(page, MAP, areas, expected, { grid: 10, perArea: 4, inset: 6 })

describe('analysis page', () => {
  let server: E2eServer
  let baseUrl: string
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let requests: string[] = []
  const api = async <T>(url: string): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/orgs/${ORG}${url}`)
    expect(response.status).toBe(200)
    return (await response.json()) as T
  }
  const areas = async (layer: string) =>
    (await api<{ features: E2eArea[] }>(`/areas?layer=${layer}`)).features

  beforeAll(async () => {
    checkPrerequisites()
    // The demo city comes with its published social index (MSS indicators, version 1).
    server = await startServer()
    baseUrl = server.url
    browser = await launchBrowser()
    ;({ page, problems, requests } = await openPage(browser))
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('paints the LISA clusters of the blocks as the API classes them, in GeoDa colours', async () => {
    await page.goto(
      `${baseUrl}/analyse?org=${ORG}&view=lisa&layer=block&period=2024&indicator=sgb2_rate&labels=0`,
    )
    await mapReady(page, { mode: 'lisa', layer: 'block', indicator: 'sgb2_rate', method: 'queen' })
    const answer = await api<LisaAnswer>(
      '/analysis/lisa?layer=block&period=2024&indicator=sgb2_rate&weights=queen&permutations=999&seed=1&alpha=0.05',
    )
    const blocks = await areas('block')

    // Legend counts = the API's cluster counts; the areas left out are counted apart.
    const legend = await legendRows(page)
    const classes = legend.filter((row) => row.kind === 'class')
    for (const row of classes)
      expect(row.count, row.category).toBe(answer.clusters[row.category] ?? 0)
    expect(classes.reduce((sum, row) => sum + row.count, 0)).toBe(answer.n)
    const suppressed = legend.find((row) => row.kind === 'suppressed')!
    const missing = legend.find((row) => row.kind === 'missing')!
    expect(suppressed.count).toBe(answer.omitted.filter((o) => o.status === 'suppressed').length)
    expect(suppressed.count + missing.count + answer.n).toBe(blocks.length)
    for (const [cluster, colour] of Object.entries(GEODA)) {
      expect(legend.find((row) => row.category === cluster)?.colour).toBe(colour)
    }
    // The demo's SGB II rate has both kinds of cluster on the blocks.
    expect(answer.clusters['high-high']).toBeGreaterThan(0)
    expect(answer.clusters['low-low']).toBeGreaterThan(0)

    const clusterOf = new Map(answer.areas.map((area) => [area.id, area.cluster]))
    const omitted = new Map(answer.omitted.map((o) => [o.code, o.status]))
    const expected = (code: string) => {
      const cluster = clusterOf.get(code)
      if (cluster) return GEODA[cluster as keyof typeof GEODA]
      return omitted.get(code) === 'suppressed' ? suppressed.colour : missing.colour
    }
    const { checked, wrong, coloursMet } = await checkMap(page, blocks, expected)
    expect(checked).toBeGreaterThanOrEqual(150)
    expect(wrong).toEqual([])
    expect(coloursMet).toContain(GEODA['high-high'])
    expect(coloursMet).toContain(GEODA['low-low'])
    expect(await canvasColours(page, `${MAP} canvas`)).toBeGreaterThanOrEqual(4)

    // The table holds every block with the class of the map, in words.
    const table = page.getByTestId('analysis-table')
    expect(await table.locator('tbody tr').count()).toBe(blocks.length)
    const hh = answer.areas.find((area) => area.cluster === 'high-high')!
    const row = table.locator(`tbody tr[data-code="${hh.id}"]`)
    expect(await row.locator('[data-column="category"]').textContent()).toContain('Hoch-hoch (HH)')
    expect(
      germanNumber((await row.locator('[data-column="value"]').textContent()) ?? ''),
    ).toBeCloseTo(hh.value, 1)
    await page.screenshot({ path: path.join(results, 'analysis-lisa-block.png'), fullPage: true })
  })

  it("shows the global Moran's I with z and p beside the cluster map", async () => {
    const moran = (
      await api<{ moran: { I: number; randomisation: { z: number; p: number } } }>(
        '/analysis/autocorrelation?layer=block&period=2024&indicator=sgb2_rate&weights=queen&permutations=999&seed=1',
      )
    ).moran
    const figures = page.getByTestId('analysis-figures')
    const value = async (label: string) =>
      (await figures.locator('div', { hasText: label }).first().locator('dd').textContent()) ?? ''
    expect(germanNumber(await value("Moran's I"))).toBeCloseTo(moran.I, 4)
    expect(germanNumber(await value('z-Wert (Randomisierung)'))).toBeCloseTo(
      moran.randomisation.z,
      2,
    )
    // p is tiny on the blocks: shown as "< 0,001".
    expect(moran.randomisation.p).toBeLessThan(0.001)
    expect(await value('p-Wert (Randomisierung)')).toBe('< 0,001')
  })

  it('shows the social index classes and a table consistent with the API answer', async () => {
    await page.goto(`${baseUrl}/analyse?org=${ORG}&view=index&layer=block&period=2024&labels=0`)
    await mapReady(page, { mode: 'index', layer: 'block', method: 'combined' })
    // The address names the version shown, so the link reproduces it.
    expect(page.url()).toContain('index=sozialindex')
    expect(page.url()).toContain('version=1')
    const answer = await api<SocialIndexAnswer>(
      '/social-indexes/sozialindex/versions/1/index?layer=block&period=2024',
    )
    const legend = await legendRows(page)
    const count = (category: string) => legend.find((row) => row.category === category)!.count
    for (const [combined, n] of Object.entries(answer.counts.combined))
      expect(count(combined), combined).toBe(n)
    expect(legend.filter((row) => /^[1-4]/.test(row.category))).toHaveLength(12)
    const belowMinimum = answer.excluded.filter((e) => e.reason === 'population_below_minimum')
    expect(belowMinimum.length).toBeGreaterThan(0)
    expect(count('below-minimum')).toBe(belowMinimum.length)
    expect(count('no-dynamics')).toBe(answer.areas.filter((a) => a.combined === null).length)
    expect(legend.reduce((sum, row) => sum + row.count, 0)).toBe((await areas('block')).length)

    const table = page.getByTestId('analysis-table')
    for (const area of answer.areas) {
      const cell = table
        .locator(`tbody tr[data-code="${area.code}"] [data-column="combined"] span`)
        .first()
      expect(await cell.getAttribute('data-combined'), area.code).toBe(area.combined ?? '')
    }
    const excludedRow = table.locator(`tbody tr[data-code="${belowMinimum[0]!.code}"]`)
    expect(await excludedRow.textContent()).toContain('weniger als 300 Einwohner')

    // Pixels: each block in the colour of its class as the legend gives it.
    const colourOf = new Map(legend.map((row) => [row.category, row.colour]))
    const classOf = new Map<string, string>(
      answer.areas.map((a) => [a.code, a.combined ?? 'no-dynamics']),
    )
    for (const e of answer.excluded)
      if (e.reason === 'population_below_minimum') classOf.set(e.code, 'below-minimum')
    const { checked, wrong, coloursMet } = await checkMap(page, await areas('block'), (code) =>
      colourOf.get(classOf.get(code) ?? 'missing')!,
    )
    expect(checked).toBeGreaterThanOrEqual(150)
    expect(wrong).toEqual([])
    expect(coloursMet.size).toBeGreaterThanOrEqual(Object.keys(answer.counts.combined).length)

    // Sensitivity: every indicator dropped, halved and doubled.
    await page.getByTestId('analysis-sensitivity').waitFor()
    expect(await page.getByTestId('analysis-sensitivity').locator('tbody tr').count()).toBe(12)
    await page.screenshot({ path: path.join(results, 'analysis-index-block.png'), fullPage: true })
  })

  it('keeps the view in the address: controls, reload and Back', async () => {
    await page.goto(`${baseUrl}/analyse?org=${ORG}&view=index&layer=sozialraum&period=2024`)
    await mapReady(page, { mode: 'index', layer: 'sozialraum' })
    await page.getByRole('link', { name: 'Hot Spots (Gi*)' }).click()
    await mapReady(page, { mode: 'hotspots', layer: 'sozialraum' })
    expect(page.url()).toContain('view=hotspots')
    await page.getByLabel('Nachbarschaft (räumliche Gewichte)').selectOption('knn')
    await page.getByLabel('Anzahl der Nachbarn (k)').fill('5')
    await mapReady(page, { mode: 'hotspots', method: 'knn:5' })
    await page.getByLabel('Signifikanzniveau').selectOption('0.1')
    await page.getByLabel('Permutationen').selectOption('499')
    await mapReady(page, { mode: 'hotspots', method: 'knn:5' })
    await expect.poll(() => page.url()).toContain('permutations=499')
    expect(page.url()).toContain('weights=knn:5')
    expect(page.url()).toContain('alpha=0.1')

    await page.reload()
    await mapReady(page, { mode: 'hotspots', method: 'knn:5' })
    expect(await page.getByLabel('Signifikanzniveau').inputValue()).toBe('0.1')
    expect(await page.getByLabel('Permutationen').inputValue()).toBe('499')
    expect(await page.getByLabel('Anzahl der Nachbarn (k)').inputValue()).toBe('5')
    const hot = await api<{ clusters: Record<string, number> }>(
      '/analysis/hotspots?layer=sozialraum&period=2024&indicator=sgb2_rate&weights=knn:5&permutations=499&seed=1&alpha=0.1',
    )
    const legend = await legendRows(page)
    expect(legend.find((row) => row.category === 'hot-spot')!.count).toBe(
      hot.clusters['hot-spot'] ?? 0,
    )

    await page.goBack()
    await mapReady(page, { mode: 'index' })
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sozialindex')
  })

  it('smooths rates and switches between raw and smoothed on the same classes', async () => {
    await page.goto(
      `${baseUrl}/analyse?org=${ORG}&view=smoothed&layer=block&period=2024&indicator=sgb2_rate`,
    )
    await mapReady(page, { mode: 'smoothed', method: 'smoothed' })
    const bounds = async () =>
      page
        .getByTestId('atlas-legend')
        .locator('li[data-kind="class"]')
        .evaluateAll((items) =>
          items.map((i) => [i.getAttribute('data-lower'), i.getAttribute('data-upper')]),
        )
    const smoothedBounds = await bounds()
    await page.getByLabel('rohe Quote').check()
    await mapReady(page, { mode: 'smoothed', method: 'raw' })
    expect(page.url()).toContain('display=raw')
    expect(await bounds()).toEqual(smoothedBounds)
    expect(await page.getByTestId('analysis-table').locator('tbody tr').count()).toBe(
      (await areas('block')).length,
    )
  })

  it('forms a typology with silhouettes and cluster profiles', async () => {
    await page.goto(
      `${baseUrl}/analyse?org=${ORG}&view=typology&layer=sozialraum&period=2024&indicators=sgb2_rate,share_65p,share_non_german&k=3`,
    )
    await mapReady(page, { mode: 'typology', method: 'kmeans', classes: 3 })
    const typology = await api<{ profiles: { size: number }[]; silhouette: { mean: number } }>(
      '/analysis/typology?layer=sozialraum&period=2024&indicators=sgb2_rate,share_65p,share_non_german&k=3&method=kmeans&seed=1',
    )
    const sizes = await page
      .getByTestId('analysis-profiles')
      .locator('tbody tr td:nth-of-type(1)')
      .allTextContents()
    expect(sizes.map(germanNumber)).toEqual(typology.profiles.map((p) => p.size))
    const legend = await legendRows(page)
    expect(legend.filter((row) => row.kind === 'class').map((row) => row.count)).toEqual(
      typology.profiles.map((p) => p.size),
    )
    const mean = await page.getByTestId('analysis-figures').locator('dd').first().textContent()
    expect(germanNumber(mean ?? '')).toBeCloseTo(typology.silhouette.mean, 3)
  })

  it('speaks English after the language switch, with English number format', async () => {
    await page.goto(
      `${baseUrl}/analyse?org=${ORG}&view=lisa&layer=sozialraum&period=2024&indicator=sgb2_rate`,
    )
    await mapReady(page, { mode: 'lisa', layer: 'sozialraum' })
    await page.getByRole('button', { name: 'English' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Local clusters (LISA)')
    const legend = (await page.getByTestId('analysis-legend').textContent()) ?? ''
    expect(legend).toContain('High-high (HH)')
    expect(legend).toContain('not significant')
    expect(await page.getByLabel('Significance level').inputValue()).toBe('0.05')
    expect(
      (await page.getByLabel('Significance level').locator('option:checked').textContent())?.trim(),
    ).toBe('0.05')
    expect(await page.getByTestId('analysis-figures').textContent()).toContain("Moran's I")
    await page.screenshot({ path: path.join(results, 'analysis-lisa-en.png'), fullPage: true })
    await page.getByRole('button', { name: 'Deutsch' }).click()
  })

  it('embeds map, legend and key figures without navigation', async () => {
    await page.goto(
      `${baseUrl}/analyse?org=${ORG}&view=lisa&layer=sozialraum&period=2024&indicator=sgb2_rate&embed=1`,
    )
    await mapReady(page, { mode: 'lisa' })
    expect(await page.locator('header').count()).toBe(0)
    expect(await page.getByTestId('analysis-controls').count()).toBe(0)
    expect(await page.getByTestId('analysis-legend').isVisible()).toBe(true)
    expect(await page.getByTestId('analysis-figures').isVisible()).toBe(true)
    await page.screenshot({ path: path.join(results, 'analysis-embed.png') })
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    for (const view of ['index', 'lisa', 'hotspots', 'smoothed', 'typology']) {
      await page.goto(`${baseUrl}/analyse?org=${ORG}&view=${view}&layer=sozialraum&period=2024`)
      await mapReady(page, { mode: view })
      if (view === 'index') await page.getByTestId('analysis-sensitivity').waitFor()
      expect(await seriousAxeViolations(page), view).toEqual([])
    }
  })

  it('made no requests to other hosts and logged no errors', () => {
    expect(foreignRequests(requests, baseUrl)).toEqual([])
    expect(problems).toEqual([])
  })
})
