/**
 * End-to-end: the atlas over an operator's basemap. The app is started with
 * PLANRAUM_BASEMAP_STYLE_URL pointing at a fixture server on 127.0.0.1 (plain http is allowed on
 * this machine) that serves a minimal MapLibre style: one background layer in a colour the atlas
 * never uses. The browser must load it under the app's real CSP, paint it around the areas, and
 * ask no host but the app and the basemap — and an address naming another style host is ignored.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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
  rgb,
  startServer,
} from '../helpers/e2e.js'

const MAP = '[data-testid="atlas-map"]'
/** A purple no palette of the atlas contains. */
const BASEMAP_COLOUR = '#7b2d8e'
/** The atlas's own background without basemap (map/style.ts). */
const OFFLINE_BACKGROUND = '#eef1f5'

const style = (colour: string) =>
  JSON.stringify({
    version: 8,
    sources: {},
    layers: [
      { id: 'basemap-background', type: 'background', paint: { 'background-color': colour } },
    ],
  })

/** The basemap host: a style, and another one the address must not be able to choose. */
function startBasemap(): Promise<{ server: Server; origin: string; asked: string[] }> {
  const asked: string[] = []
  const server = createServer((request, response) => {
    asked.push(request.url ?? '')
    const body =
      request.url === '/style.json'
        ? style(BASEMAP_COLOUR)
        : request.url === '/other.json'
          ? style('#00ff00')
          : null
    response.writeHead(body ? 200 : 404, {
      'content-type': 'application/json',
      // The style is fetched cross-origin (another port), as from any basemap server.
      'access-control-allow-origin': '*',
    })
    response.end(body ?? '{}')
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ server, origin: `http://127.0.0.1:${port}`, asked })
    })
  })
}

/** Share of the map's canvas within 3 of `hex` in every channel (counted in the page). */
function shareOfColour(page: Page, hex: string): Promise<number> {
  return page.evaluate(
    ({ selector, want }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(selector)!
      const copy = document.createElement('canvas')
      copy.width = canvas.width
      copy.height = canvas.height
      const context = copy.getContext('2d')!
      context.drawImage(canvas, 0, 0)
      const { data } = context.getImageData(0, 0, copy.width, copy.height)
      let matching = 0
      for (let i = 0; i < data.length; i += 4) {
        if (
          Math.abs(data[i]! - want[0]) <= 3 &&
          Math.abs(data[i + 1]! - want[1]) <= 3 &&
          Math.abs(data[i + 2]! - want[2]) <= 3
        )
          matching++
      }
      return matching / (data.length / 4)
    },
    { selector: `${MAP} canvas`, want: rgb(hex) },
  )
}

describe('atlas with a configured basemap', () => {
  let basemap: Awaited<ReturnType<typeof startBasemap>>
  let server: E2eServer
  let browser: Browser

  beforeAll(async () => {
    checkPrerequisites()
    basemap = await startBasemap()
    server = await startServer(undefined, {
      PLANRAUM_BASEMAP_STYLE_URL: `${basemap.origin}/style.json`,
    })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await new Promise((resolve) => basemap?.server.close(resolve))
  })

  it('paints the basemap around the areas and asks only the app and the basemap host', async () => {
    const { page, problems, requests } = await openPage(browser)
    // The address names another style host: it must be ignored, not fetched.
    await page.goto(
      `${server.url}/atlas?org=musterstadt&indicator=sgb2_rate&layer=sozialraum&period=2024&basemap=${encodeURIComponent(`${basemap.origin}/other.json`)}`,
    )
    await page.waitForSelector(`${MAP}[data-state="ready"][data-indicator="sgb2_rate"]`, {
      state: 'attached',
      timeout: 30_000,
    })
    await page.screenshot({ path: path.join(results, 'atlas-basemap.png') })

    expect(await shareOfColour(page, BASEMAP_COLOUR)).toBeGreaterThan(0.02)
    expect(await shareOfColour(page, OFFLINE_BACKGROUND)).toBe(0)
    expect(basemap.asked).toEqual(['/style.json'])
    expect(foreignRequests(requests, server.url)).toEqual([`${basemap.origin}/style.json`])
    expect(problems).toEqual([])
    await page.context().close()
  })
})
