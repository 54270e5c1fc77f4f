/**
 * End-to-end: the atlas of the demo city in headless Chromium (Debian's package) against the real
 * server (in-memory PGlite with Musterstadt). Needs the built web app (`npx vite build`, or
 * PLANRAUM_E2E_WEB_DIR). Screenshots and downloads go to test-results/.
 *
 * The choropleth check is independent of the page's own code: the test fetches values and
 * geometry from the API, recomputes the quantile bounds (R type 7, Hyndman & Fan 1996), expects
 * the published ColorBrewer colours, projects sample points well inside every area to the screen
 * and compares the canvas pixels there with the colour the area's class must have.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { Browser, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Position } from '../../src/core/geo/geojson.js'
import { locatePointInMultiPolygon } from '../../src/core/geo/pointInPolygon.js'
import {
  checkAreaColours,
  checkPrerequisites,
  type E2eArea,
  type E2eServer,
  foreignRequests,
  germanNumber,
  launchBrowser,
  openPage,
  results,
  segmentDistance,
  seriousAxeViolations,
  startServer,
} from '../helpers/e2e.js'

const MAP = '[data-testid="atlas-map"]'

interface Row {
  areaCode: string
  areaName: string
  value: number | null
  status: 'ok' | 'suppressed' | 'missing'
}

/** Waits until the map is idle after drawing the given view. */
async function mapReady(page: Page, view: Record<string, string | number> = {}) {
  const attributes = Object.entries(view)
    .map(([key, value]) => `[data-${key}="${value}"]`)
    .join('')
  await page.waitForSelector(`${MAP}[data-state="ready"]${attributes}`, {
    state: 'attached',
    timeout: 30_000,
  })
}

/** Records (performance.now) when the atlas map was first ready on a page. */
const FIRST_READY = `new MutationObserver((_, observer) => {
  const map = document.querySelector('[data-testid="atlas-map"][data-state="ready"]')
  if (map) { window.__firstReady = performance.now(); observer.disconnect() }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] })`

/** R `quantile(x, p, type = 7)` (Hyndman & Fan 1996, definition 7). */
function quantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p
  const lower = Math.floor(h)
  return sorted[lower]! + (h - lower) * ((sorted[lower + 1] ?? sorted[lower]!) - sorted[lower]!)
}

/** ColorBrewer YlOrRd, 5 classes (colorbrewer2.org): the palette of higher_is_worse indicators. */
const YL_OR_RD_5 = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']

interface LegendClass {
  kind: string
  colour: string
  lower: number
  upper: number
  count: number
}

async function legendRows(page: Page): Promise<LegendClass[]> {
  return page
    .getByTestId('atlas-legend')
    .locator('li')
    .evaluateAll((items) =>
      items.map((item) => ({
        kind: item.getAttribute('data-kind') ?? '',
        colour: item.getAttribute('data-colour') ?? '',
        lower: Number(item.getAttribute('data-lower')),
        upper: Number(item.getAttribute('data-upper')),
        count: Number(/\d+/.exec(item.querySelector('.legend__count')?.textContent ?? '')?.[0]),
      })),
    )
}

/** The colour an area must have: its class colour, or the grey of "suppressed" / "no data". */
function expectedColour(row: Row | undefined, legend: readonly LegendClass[]): string {
  if (!row || row.status !== 'ok' || row.value === null) {
    const kind = row?.status === 'suppressed' ? 'suppressed' : 'missing'
    return legend.find((entry) => entry.kind === kind)!.colour
  }
  const classes = legend.filter((entry) => entry.kind === 'class')
  const index = classes.findIndex((entry, i) =>
    i === 0 ? row.value! >= entry.lower && row.value! <= entry.upper : row.value! <= entry.upper,
  )
  return classes[index]!.colour
}

/**
 * Compares the map's pixels with the expected colour of every area: up to 5 sample points per
 * area, each at least 4 px inside the area's projected outline. Returns areas checked, areas whose
 * pixels disagree, the expected colours met and the legend they came from.
 */
async function checkChoropleth(page: Page, areas: readonly E2eArea[], rows: readonly Row[]) {
  const legend = await legendRows(page)
  const byCode = new Map(rows.map((row) => [row.areaCode, row]))
  const expected = (code: string) => expectedColour(byCode.get(code), legend)
  const check = await checkAreaColours(page, MAP, areas, expected, {
    grid: 8,
    perArea: 5,
    inset: 4,
  })
  return { ...check, legend }
}

describe('atlas page', () => {
  let server: E2eServer
  let baseUrl: string
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let requests: string[] = []
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/orgs/musterstadt${path}`)
    expect(response.status).toBe(200)
    return (await response.json()) as T
  }
  const values = async (indicator: string, layer: string, period: number) =>
    (
      await api<{ data: Row[] }>(
        `/values?indicator=${indicator}&layer=${layer}&period=${period}&limit=10000`,
      )
    ).data
  const areas = async (layer: string) =>
    (await api<{ features: E2eArea[] }>(`/areas?layer=${layer}`)).features

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

  it('opens the view named in the address and paints the expected classes', async () => {
    // The map draws from vector tiles (MapLibre's worker asks for them); the layer's geometry
    // (TopoJSON, fetched by the page) follows the first map: both times on the page's clock.
    let tiles = 0
    const onRequest = (request: Request) => {
      if (/\/layers\/sozialraum\/tiles\/\d+\/\d+\/\d+\.mvt/.test(request.url())) tiles++
    }
    page.on('request', onRequest)
    await page.addInitScript(FIRST_READY)
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=sgb2_rate&layer=sozialraum&period=2024&labels=0`,
    )
    await mapReady(page, {
      indicator: 'sgb2_rate',
      layer: 'sozialraum',
      period: 2024,
      mode: 'value',
    })
    const topologyFetch = () =>
      page.evaluate(() => {
        const entry = performance
          .getEntriesByType('resource')
          .find((e) => e.name.endsWith('/layers/sozialraum/topology'))
        const ready = (window as unknown as { __firstReady?: number }).__firstReady
        return entry && ready !== undefined ? { started: entry.startTime, ready } : null
      })
    await expect.poll(topologyFetch).not.toBeNull()
    page.off('request', onRequest)
    const { started, ready } = (await topologyFetch())!
    expect(tiles).toBeGreaterThan(0)
    expect(started).toBeGreaterThan(ready)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('SGB-II-Quote')

    const rows = await values('sgb2_rate', 'sozialraum', 2024)
    const sorted = rows
      .filter((row) => row.status === 'ok')
      .map((row) => row.value!)
      .sort((a, b) => a - b)
    const { checked, wrong, coloursMet, legend } = await checkChoropleth(
      page,
      await areas('sozialraum'),
      rows,
    )
    const classes = legend.filter((entry) => entry.kind === 'class')
    // Quintiles, as R's quantile(type = 7) gives them, in ColorBrewer YlOrRd (higher is worse).
    expect(classes.map((entry) => entry.colour)).toEqual(YL_OR_RD_5)
    classes.forEach((entry, i) => {
      expect(entry.lower).toBeCloseTo(quantile7(sorted, i / 5), 9)
      expect(entry.upper).toBeCloseTo(quantile7(sorted, (i + 1) / 5), 9)
    })
    expect(classes.reduce((sum, entry) => sum + entry.count, 0)).toBe(sorted.length)
    expect(checked).toBeGreaterThanOrEqual(30)
    expect(wrong).toEqual([])
    expect(coloursMet.size).toBe(5)
    await page.screenshot({ path: path.join(results, 'atlas-sgb2-sozialraum.png'), fullPage: true })
  })

  it('paints suppressed and missing values grey, apart from the classes (block layer)', async () => {
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=child_poverty&layer=block&period=2024&labels=0&method=fisher&k=6`,
    )
    await mapReady(page, {
      indicator: 'child_poverty',
      layer: 'block',
      method: 'fisher',
      classes: 6,
    })
    const rows = await values('child_poverty', 'block', 2024)
    const { checked, wrong, coloursMet, legend } = await checkChoropleth(
      page,
      await areas('block'),
      rows,
    )
    const suppressed = legend.find((entry) => entry.kind === 'suppressed')!
    const missing = legend.find((entry) => entry.kind === 'missing')!
    expect(suppressed.count).toBe(rows.filter((row) => row.status === 'suppressed').length)
    expect(suppressed.count).toBeGreaterThan(0)
    expect(missing.count).toBe(rows.filter((row) => row.status === 'missing').length)
    expect(suppressed.colour).not.toBe(missing.colour)
    expect(checked).toBeGreaterThanOrEqual(150)
    expect(wrong).toEqual([])
    expect(coloursMet).toContain(suppressed.colour)
    expect(legend.filter((entry) => entry.kind === 'class')).toHaveLength(6)
    await page.screenshot({ path: path.join(results, 'atlas-child-poverty-block.png') })
  })

  it('switches indicator, period, layer, mode and classes; the address follows', async () => {
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=sgb2_rate&layer=sozialraum&period=2024`,
    )
    await mapReady(page, { indicator: 'sgb2_rate' })

    await page.getByLabel('Kennzahl', { exact: true }).selectOption('employment_rate')
    await mapReady(page, { indicator: 'employment_rate', layer: 'sozialraum' })
    expect(page.url()).toContain('indicator=employment_rate')
    // Higher is better: the lowest class gets the strongest colour.
    const legend = await legendRows(page)
    expect(legend[0]!.colour).toBe(YL_OR_RD_5[4])

    await page.getByRole('radio', { name: /Stadtbezirk/ }).check()
    await mapReady(page, { indicator: 'employment_rate', layer: 'stadtbezirk' })
    expect(page.url()).toContain('layer=stadtbezirk')

    // Keyboard, as a keyboard user would: four years back from 2024.
    const slider = page.getByRole('slider', { name: 'Jahr' })
    await slider.focus()
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft')
    await mapReady(page, { layer: 'stadtbezirk', period: 2020 })
    expect(page.url()).toContain('period=2020')

    await page.getByRole('radio', { name: 'Veränderung seit einem Jahr' }).check()
    await page.getByLabel('Vergleichsjahr').selectOption('2016')
    await mapReady(page, { mode: 'change', period: 2020 })
    expect(page.url()).toContain('mode=change')
    expect(page.url()).toContain('from=2016')
    expect(await page.getByTestId('atlas-legend').textContent()).toContain('Veränderung 2016–2020')

    await page.getByRole('radio', { name: 'Abweichung vom Durchschnitt der Gesamtstadt' }).check()
    await mapReady(page, { mode: 'deviation' })
    expect(page.url()).toContain('mode=deviation')

    await page.getByLabel('Verfahren').selectOption('equal')
    await page.getByLabel('Anzahl der Klassen').selectOption('4')
    await mapReady(page, { mode: 'deviation', method: 'equal', classes: 4 })
    expect(page.url()).toContain('method=equal')
    expect(page.url()).toContain('k=4')
  })

  it('restores the view from the address on reload, and goes back to the previous view', async () => {
    await page.reload()
    await mapReady(page, {
      indicator: 'employment_rate',
      layer: 'stadtbezirk',
      period: 2020,
      mode: 'deviation',
      method: 'equal',
      classes: 4,
    })
    expect(await page.getByLabel('Kennzahl', { exact: true }).inputValue()).toBe('employment_rate')
    expect(await page.getByLabel('Verfahren').inputValue()).toBe('equal')
    expect(
      await page
        .getByRole('radio', { name: 'Abweichung vom Durchschnitt der Gesamtstadt' })
        .isChecked(),
    ).toBe(true)

    await page.goBack()
    await mapReady(page, { mode: 'change' })
  })

  it('takes manual class bounds', async () => {
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=sgb2_rate&layer=sozialraum&period=2024`,
    )
    await mapReady(page, { indicator: 'sgb2_rate' })
    await page.getByLabel('Verfahren').selectOption('manual')
    await page.getByLabel('Innere Klassengrenzen').fill('10; 15,5; 20')
    await page.getByRole('button', { name: 'Grenzen übernehmen' }).click()
    await mapReady(page, { method: 'manual', classes: 4 })
    expect(page.url()).toContain('breaks=10,15.5,20')
    const classes = (await legendRows(page)).filter((entry) => entry.kind === 'class')
    expect(classes.map((entry) => entry.upper).slice(0, 3)).toEqual([10, 15.5, 20])
  })

  it('shows name, value and unit on hover and opens the area profile on click', async () => {
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=sgb2_rate&layer=stadtbezirk&period=2024&labels=0`,
    )
    await mapReady(page, { indicator: 'sgb2_rate', layer: 'stadtbezirk' })
    const [area] = await areas('stadtbezirk')
    const rows = await values('sgb2_rate', 'stadtbezirk', 2024)
    const row = rows.find((candidate) => candidate.areaCode === area!.properties.code)!
    // A point well inside the first district: the pole of its largest ring's bounding box centre
    // is not guaranteed inside, so pick the interior grid point farthest from the outline.
    const polygons = area!.geometry.coordinates
    const xs = polygons.flat(2).map((p) => p[0])
    const ys = polygons.flat(2).map((p) => p[1])
    let best: Position = [0, 0]
    let bestDistance = -1
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 20; j++) {
        const point: Position = [
          Math.min(...xs) + ((Math.max(...xs) - Math.min(...xs)) * i) / 20,
          Math.min(...ys) + ((Math.max(...ys) - Math.min(...ys)) * j) / 20,
        ]
        if (locatePointInMultiPolygon(point, polygons) !== 'inside') continue
        const distance = Math.min(
          ...polygons.flatMap((polygon) =>
            polygon.flatMap((ring) =>
              ring.slice(1).map((b, k) => segmentDistance(point, ring[k]!, b)),
            ),
          ),
        )
        if (distance > bestDistance) {
          bestDistance = distance
          best = point
        }
      }
    }
    const [x, y] = await page.evaluate(
      (p) => window.__planraumAtlas!.project(p),
      best as [number, number],
    )
    const box = (await page.locator(`${MAP} canvas`).boundingBox())!
    await page.mouse.move(box.x + x, box.y + y)
    const tooltip = page.getByTestId('atlas-tooltip')
    await tooltip.waitFor({ timeout: 10_000 })
    const text = (await tooltip.textContent()) ?? ''
    expect(text).toContain(row.areaName)
    const shown = /Wert 2024: ([\d.,]+) %/.exec(text)
    expect(shown).not.toBeNull()
    expect(germanNumber(shown![1]!)).toBeCloseTo(row.value!, 1)

    await page.mouse.click(box.x + x, box.y + y)
    await page.waitForURL(/\/steckbrief\?/)
    const url = new URL(page.url())
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      org: 'musterstadt',
      layer: 'stadtbezirk',
      area: area!.properties.code,
      period: '2024',
    })
    // Back in the atlas, the clicked area is the selection.
    await page.goBack()
    await mapReady(page, { layer: 'stadtbezirk' })
    expect(page.url()).toContain(`area=${encodeURIComponent(area!.properties.code)}`)
    expect(await page.getByTestId('atlas-selection').textContent()).toContain(row.areaName)
  })

  it('downloads the map as PNG and SVG with the legend colours', async () => {
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=sgb2_rate&layer=sozialraum&period=2024`,
    )
    await mapReady(page, { indicator: 'sgb2_rate', layer: 'sozialraum' })
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Karte als PNG/ }).click(),
    ])
    const pngPath = path.join(results, 'atlas-download.png')
    await png.saveAs(pngPath)
    expect(png.suggestedFilename()).toBe('musterstadt-sgb2_rate-sozialraum-2024.png')
    const pngBytes = readFileSync(pngPath)
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect(pngBytes.length).toBeGreaterThan(20_000)

    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Karte als SVG/ }).click(),
    ])
    const svgPath = path.join(results, 'atlas-download.svg')
    await svg.saveAs(svgPath)
    const text = readFileSync(svgPath, 'utf8')
    expect(text.startsWith('<svg')).toBe(true)
    expect(text.match(/<path /g)).toHaveLength(33)
    for (const colour of YL_OR_RD_5) expect(text).toContain(`fill="${colour}"`)
    expect(text).toContain('SGB-II-Quote 2024')
  })

  it('embeds map and legend without navigation and controls', async () => {
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=sgb2_rate&layer=sozialraum&period=2024&embed=1`,
    )
    await mapReady(page, { indicator: 'sgb2_rate' })
    expect(await page.locator('header').count()).toBe(0)
    expect(await page.getByRole('navigation').count()).toBe(0)
    expect(await page.getByTestId('atlas-controls').count()).toBe(0)
    expect(await page.getByTestId('atlas-legend').isVisible()).toBe(true)
    await page.screenshot({ path: path.join(results, 'atlas-embed.png') })
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('says which parameter of a shared link was wrong', async () => {
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=gibt_es_nicht&layer=sozialraum&period=2024&k=12`,
    )
    await mapReady(page, { layer: 'sozialraum' })
    const notices = (await page.getByTestId('atlas-notice').allTextContents()).join(' ')
    expect(notices).toContain('„12“ von „k“')
    expect(notices).toContain('eine ganze Zahl von 3 bis 9')
    expect(notices).toContain('gibt_es_nicht')
  })

  it('speaks English after the language switch', async () => {
    await page.goto(
      `${baseUrl}/atlas?org=musterstadt&indicator=sgb2_rate&layer=sozialraum&period=2024`,
    )
    await mapReady(page, { indicator: 'sgb2_rate' })
    await page.getByRole('button', { name: 'English' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('SGB II rate')
    const legend = (await page.getByTestId('atlas-legend').textContent()) ?? ''
    expect(legend).toContain('areas')
    expect(legend).toContain('suppressed (.)')
    expect(await page.getByLabel('Method').count()).toBe(1)
    expect(await page.getByRole('button', { name: /Map as SVG/ }).count()).toBe(1)
    await page.screenshot({ path: path.join(results, 'atlas-en.png'), fullPage: true })
    await page.getByRole('button', { name: 'Deutsch' }).click()
  })

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    await page.goto(`${baseUrl}/atlas?org=musterstadt&indicator=sgb2_rate&layer=block&period=2024`)
    await mapReady(page, { indicator: 'sgb2_rate', layer: 'block' })
    expect(await seriousAxeViolations(page)).toEqual([])
  })

  it('loaded nothing from other hosts and logged no errors', () => {
    expect(foreignRequests(requests, baseUrl)).toEqual([])
    expect(problems).toEqual([])
  })
})
