/**
 * The atlas in headless Chromium with thousands of polygons: time to the first painted map and
 * time to switch the indicator, against a peer measured in the same run on the same page fed
 * with the raw GeoJSON (support/atlasHarness.ts; our side draws the layer's vector tiles, as the
 * atlas page does); and the geometry payload against the raw GeoJSON (GET /areas, uncompressed):
 * the tiles of the first map and the layer's TopoJSON (shared borders, simplified, quantized;
 * GET /layers/:layer/topology, loaded by the page after the first map), each as a browser
 * receives it (Brotli) and uncompressed. With a built web app whose atlas page keeps the map
 * contract, the atlas page itself is measured too.
 *
 *   npx tsx bench/atlas.bench.ts                    # both datasets, 3 runs per side
 *   BENCH_SCALE=0.1 npx tsx bench/atlas.bench.ts    # a tenth of the synthetic nation
 *
 * Datasets (support/atlasData.ts): the 3,231 us-atlas counties and the ~10,800 synthetic
 * municipalities of the monitoring benchmark with seeded Voronoi boundaries. Targets (issue 4):
 * first map ≤ 2 s, indicator switch ≤ 100 ms, payload ≤ 20 % of the raw GeoJSON.
 */
import { existsSync, readFileSync } from 'node:fs'
import { get } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Browser, Page } from 'playwright-core'

import { launchBrowser } from '../test/helpers/e2e.js'
import {
  countiesDataset,
  nationDataset,
  vertexCount,
  type AtlasDataset,
} from './support/atlasData.js'
import { harnessUrl, type HarnessFormat, routeHarness } from './support/atlasHarness.js'
import { startAtlasServer, type AtlasServer } from './support/atlasServer.js'
import {
  count,
  envNumber,
  envString,
  heading,
  loadLine,
  machineLine,
  ratioLine,
  summarise,
  timingLine,
  type Timing,
} from './support/measure.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SCALE = envNumber('BENCH_SCALE', 1)
const SEED = envNumber('BENCH_SEED', 2025)
const RUNS = envNumber('BENCH_RUNS', SCALE < 0.5 ? 2 : 3)
const SWITCHES = envNumber('BENCH_SWITCHES', 5)
/** 0 skips the raw-GeoJSON side of the harness (the payload is still compared): minutes less. */
const PEER = envString('BENCH_PEER', '1') !== '0'
const WEB_DIR = envString('BENCH_WEB_DIR', path.join(ROOT, 'dist/web'))

const TARGET_FIRST_MAP_MS = 2000
const TARGET_SWITCH_MS = 100
const TARGET_PAYLOAD = 0.2

interface View {
  org: string
  layer: string
  indicator: string
  period: number
}

const verdicts: string[] = []
const verdict = (ok: boolean, text: string) => {
  const line = `${ok ? 'PASS' : 'FAIL'}  ${text}`
  verdicts.push(line)
  console.log(line)
}

/** Records every change of the map container's state, with its time since navigation. */
const RECORDER = `
  window.__atlasEvents = []
  new MutationObserver(() => {
    const map = document.querySelector('[data-testid="atlas-map"]')
    if (map) window.__atlasEvents.push({ t: performance.now(), state: map.dataset.state, indicator: map.dataset.indicator })
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-indicator'] })
`

/** Time since navigation at which the map first was ready with `indicator`. */
async function readyAt(page: Page, indicator: string, after = 0): Promise<number> {
  const handle = await page.waitForFunction(
    ({ key, since }) => {
      const events = (
        window as unknown as { __atlasEvents: { t: number; state: string; indicator: string }[] }
      ).__atlasEvents
      const hit = events.find((e) => e.t > since && e.state === 'ready' && e.indicator === key)
      return hit ? hit.t : false
    },
    { key: indicator, since: after },
    { timeout: 120_000, polling: 50 },
  )
  return (await handle.jsonValue()) as number
}

/**
 * Bytes of an answer as they travel, with `encoding` as the client's Accept-Encoding (node:http
 * does not decompress, unlike fetch), and the time to receive them.
 */
function bytesOf(url: string, encoding = 'identity'): Promise<{ bytes: number; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (response) => {
      let bytes = 0
      response.on('data', (chunk: Buffer) => (bytes += chunk.length))
      response.on('end', () => {
        // 204: an empty tile.
        if (response.statusCode !== 200 && response.statusCode !== 204) {
          reject(new Error(`${url} answered ${response.statusCode}`))
        }
        resolve({ bytes, ms: performance.now() - started })
      })
      response.on('error', reject)
    }).on('error', reject)
  })
}

/**
 * Geometry payload of a layer: the TopoJSON as a browser receives it (Brotli) against the raw
 * GeoJSON (GET /areas, uncompressed), with the like-for-like ratios beside it (both plain, both
 * compressed) so that the share of the encoding and of the compression can be told apart.
 */
async function payload(
  server: AtlasServer,
  view: View,
): Promise<{ raw: number; topology: number; topologyBr: number }> {
  const base = `${server.url}/api/orgs/${view.org}`
  const topology = `${base}/layers/${view.layer}/topology`
  const areas = `${base}/areas?layer=${view.layer}`
  const cold = await bytesOf(topology)
  const warm = await bytesOf(topology)
  const topoBr = await bytesOf(topology, 'br')
  const topoGzip = await bytesOf(topology, 'gzip')
  const raw = await bytesOf(areas)
  const rawBr = await bytesOf(areas, 'br')
  console.log(
    `TopoJSON  ${count(cold.bytes).padStart(12)} B plain, ${count(topoBr.bytes)} B Brotli, ${count(topoGzip.bytes)} B gzip   (first answer ${Math.round(cold.ms)} ms incl. building it, repeat ${Math.round(warm.ms)} ms from the cache, Brotli ${Math.round(topoBr.ms)} ms)`,
  )
  console.log(
    `GeoJSON   ${count(raw.bytes).padStart(12)} B plain, ${count(rawBr.bytes)} B Brotli   (${Math.round(raw.ms)} ms)`,
  )
  console.log(
    `like for like: TopoJSON is ${percent(cold.bytes, raw.bytes)} of the GeoJSON uncompressed, ${percent(topoBr.bytes, rawBr.bytes)} with both in Brotli`,
  )
  // Two readings of the target, both judged: what a browser receives against the raw GeoJSON,
  // and the encoding alone (both uncompressed).
  const ratio = topoBr.bytes / raw.bytes
  verdict(
    ratio <= TARGET_PAYLOAD,
    `${view.org}/${view.layer}: the TopoJSON a browser receives (Brotli) is ${percent(topoBr.bytes, raw.bytes)} of the raw GeoJSON (target ≤ ${100 * TARGET_PAYLOAD} %)`,
  )
  verdict(
    cold.bytes / raw.bytes <= TARGET_PAYLOAD,
    `${view.org}/${view.layer}: the TopoJSON uncompressed is ${percent(cold.bytes, raw.bytes)} of the raw GeoJSON (target ≤ ${100 * TARGET_PAYLOAD} %)`,
  )
  return { raw: raw.bytes, topology: cold.bytes, topologyBr: topoBr.bytes }
}

/**
 * The values answer a switch waits for (format=columns, Brotli), made and then kept: the server
 * keeps it with the computation, so the page's switches after the warm-up run are answered from
 * there, as a busy public atlas's are. Asked for a year the page does not show, so it is new here.
 */
async function valuesAnswer(server: AtlasServer, view: View, data: AtlasDataset): Promise<void> {
  const year = data.periods[0]!
  const url = `${server.url}/api/orgs/${view.org}/values?${new URLSearchParams({ indicator: view.indicator, layer: view.layer, period: String(year), format: 'columns' }).toString()}`
  // The organisation's computation first (seconds, once per data version): rows, not kept.
  await bytesOf(url.replace('format=columns', 'limit=1'))
  const made = await bytesOf(url, 'br')
  const kept = await bytesOf(url, 'br')
  console.log(
    `values    ${count(made.bytes).padStart(12)} B Brotli (format=columns, ${year}): made in ${Math.round(made.ms)} ms, kept ${Math.round(kept.ms)} ms`,
  )
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`

/**
 * Geometry payload of the first map: the vector tiles MapLibre asked for (URLs recorded by the
 * harness), as a browser receives them (Brotli) and uncompressed, against the raw GeoJSON; and,
 * for the record, with the TopoJSON the atlas page loads after the first map (names, search,
 * outlines, SVG export).
 */
async function tilePayload(
  view: View,
  urls: readonly string[],
  sizes: { raw: number; topology: number; topologyBr: number },
): Promise<void> {
  let plain = 0
  let brotli = 0
  for (const url of urls) {
    plain += (await bytesOf(url)).bytes
    brotli += (await bytesOf(url, 'br')).bytes
  }
  console.log(
    `tiles     ${count(plain).padStart(12)} B plain, ${count(brotli)} B Brotli   (the ${urls.length} tiles of the first map)`,
  )
  console.log(
    `with the TopoJSON loaded after the first map: ${percent(plain + sizes.topology, sizes.raw)} of the GeoJSON uncompressed, ${percent(brotli + sizes.topologyBr, sizes.raw)} as received`,
  )
  verdict(
    brotli / sizes.raw <= TARGET_PAYLOAD,
    `${view.org}/${view.layer}: the first map's tiles a browser receives (Brotli) are ${percent(brotli, sizes.raw)} of the raw GeoJSON (target ≤ ${100 * TARGET_PAYLOAD} %)`,
  )
  verdict(
    plain / sizes.raw <= TARGET_PAYLOAD,
    `${view.org}/${view.layer}: the first map's tiles uncompressed are ${percent(plain, sizes.raw)} of the raw GeoJSON (target ≤ ${100 * TARGET_PAYLOAD} %)`,
  )
}

/** First map and indicator switches of the harness fed with one format. */
async function harnessSide(
  browser: Browser,
  server: AtlasServer,
  view: View,
  format: HarnessFormat,
  indicators: string[],
  expectedAreas: number,
): Promise<{ first: Timing; switching: Timing; tileUrls: string[] }> {
  const firsts: number[] = []
  const switches: number[] = []
  const tileUrls = new Set<string>()
  for (let run = 0; run < RUNS + 1; run++) {
    // A fresh context per run: nothing cached in the browser.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    try {
      await routeHarness(context, server.url)
      await context.addInitScript(RECORDER)
      const page = await context.newPage()
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(error.message))
      // The tiles of the first map (MapLibre's worker asks for them; Chromium reports them here).
      if (run === 0) {
        page.on('request', (request) => {
          if (/\/tiles\/\d+\/\d+\/\d+\.mvt/.test(request.url())) tileUrls.add(request.url())
        })
      }
      await page.goto(harnessUrl(server.url, view, format))
      const first = await readyAt(page, view.indicator).catch((error: Error) => {
        throw new Error(
          `${format}: the map never got ready (${problems.join('; ') || error.message})`,
        )
      })
      const shown = await page.evaluate(() => {
        const map = document.querySelector<HTMLElement>('[data-testid="atlas-map"]')!
        return { layer: map.dataset.layer, period: map.dataset.period, areas: map.dataset.areas }
      })
      // Both sides must draw the same view with every area, or the comparison is void.
      const expected = {
        layer: view.layer,
        period: String(view.period),
        areas: String(expectedAreas),
      }
      if (JSON.stringify(shown) !== JSON.stringify(expected)) {
        throw new Error(
          `${format}: the map shows ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`,
        )
      }
      if (run === 0) continue // warm-up
      firsts.push(first)
      for (let s = 0; s < SWITCHES; s++) {
        const key = indicators[(s + 1) % indicators.length]!
        switches.push(
          await page.evaluate(async (indicator) => {
            const started = performance.now()
            await (
              window as unknown as { harness: { show(k: string): Promise<void> } }
            ).harness.show(indicator)
            return performance.now() - started
          }, key),
        )
      }
      if (problems.length > 0) throw new Error(`${format}: page errors: ${problems.join('; ')}`)
    } finally {
      await context.close()
    }
  }
  return {
    first: summarise(`first map, ${format}`, firsts),
    switching: summarise(`indicator switch, ${format}`, switches),
    tileUrls: [...tileUrls],
  }
}

/** The atlas page itself (when built with the map contract): first map and switches by URL. */
async function atlasPageSide(
  browser: Browser,
  server: AtlasServer,
  view: View,
  indicators: string[],
): Promise<{ first: Timing; switching: Timing }> {
  const firsts: number[] = []
  const switches: number[] = []
  const url = (indicator: string) =>
    `/atlas?${new URLSearchParams({ org: view.org, indicator, layer: view.layer, period: String(view.period) }).toString()}`
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    try {
      await context.addInitScript(RECORDER)
      const page = await context.newPage()
      await page.goto(server.url + url(view.indicator))
      const first = await readyAt(page, view.indicator)
      if (run === 0) continue
      firsts.push(first)
      for (let s = 0; s < SWITCHES; s++) {
        const key = indicators[(s + 1) % indicators.length]!
        const started = await page.evaluate((next) => {
          const t = performance.now()
          history.pushState(null, '', next)
          dispatchEvent(new PopStateEvent('popstate'))
          return t
        }, url(key))
        switches.push((await readyAt(page, key, started)) - started)
      }
    } finally {
      await context.close()
    }
  }
  return {
    first: summarise('first map, atlas page', firsts),
    switching: summarise('indicator switch, atlas page', switches),
  }
}

function atlasPageReady(): boolean {
  const source = path.join(ROOT, 'src/web/atlas')
  const page = path.join(source, 'AtlasPage.tsx')
  if (!existsSync(path.join(WEB_DIR, 'index.html')) || !existsSync(page)) return false
  const code = readFileSync(page, 'utf8')
  return code.includes('atlas-map') || existsSync(path.join(source, 'map'))
}

async function benchDataset(
  browser: Browser,
  server: AtlasServer,
  data: AtlasDataset,
  layer: string,
): Promise<void> {
  const indicators = data.indicators.map((i) => i.key)
  const view: View = {
    org: data.slug,
    layer,
    indicator: indicators[0]!,
    period: data.periods[data.periods.length - 1]!,
  }
  const areas = data.areas.filter((a) => a.layerKey === layer).length
  heading(`${data.name}: layer ${layer}, ${count(areas)} areas`)
  console.log(
    `vertices ${count(vertexCount(data, layer))} (${(vertexCount(data, layer) / areas).toFixed(0)} per area, shared borders counted per side)`,
  )
  const sizes = await payload(server, view)
  await valuesAnswer(server, view, data)
  const topo = await harnessSide(browser, server, view, 'tiles', indicators, areas)
  await tilePayload(view, topo.tileUrls, sizes)
  if (PEER) {
    const raw = await harnessSide(browser, server, view, 'geojson', indicators, areas)
    for (const t of [topo.first, raw.first, topo.switching, raw.switching]) {
      console.log(timingLine(t))
    }
    console.log(ratioLine(topo.first, raw.first))
    console.log(ratioLine(topo.switching, raw.switching))
  } else {
    for (const t of [topo.first, topo.switching]) console.log(timingLine(t))
    console.log('raw GeoJSON side of the harness skipped (BENCH_PEER=0)')
  }
  verdict(
    topo.first.median <= TARGET_FIRST_MAP_MS,
    `${data.slug}/${layer}: first map (harness, vector tiles) median ${Math.round(topo.first.median)} ms (target ≤ ${TARGET_FIRST_MAP_MS} ms)`,
  )
  verdict(
    topo.switching.median <= TARGET_SWITCH_MS,
    `${data.slug}/${layer}: indicator switch (harness) median ${Math.round(topo.switching.median)} ms (target ≤ ${TARGET_SWITCH_MS} ms)`,
  )
  if (atlasPageReady()) {
    try {
      const page = await atlasPageSide(browser, server, view, indicators)
      console.log(timingLine(page.first))
      console.log(timingLine(page.switching))
      verdict(
        page.first.median <= TARGET_FIRST_MAP_MS,
        `${data.slug}/${layer}: first map (atlas page) median ${Math.round(page.first.median)} ms (target ≤ ${TARGET_FIRST_MAP_MS} ms)`,
      )
      verdict(
        page.switching.median <= TARGET_SWITCH_MS,
        `${data.slug}/${layer}: indicator switch (atlas page) median ${Math.round(page.switching.median)} ms (target ≤ ${TARGET_SWITCH_MS} ms)`,
      )
    } catch (error) {
      console.log(`atlas page not measured: ${(error as Error).message.split('\n')[0]}`)
    }
  } else {
    console.log(`atlas page not measured: no built atlas page with the map contract in ${WEB_DIR}`)
  }
}

console.log(machineLine())
console.log(loadLine())
console.log(
  `scale ${SCALE}, seed ${SEED}, ${RUNS} runs per side after 1 warm-up, ${SWITCHES} switches per run`,
)
const started = performance.now()
const counties = countiesDataset(SEED)
const nation = nationDataset({ seed: SEED, scale: SCALE })
console.log(`datasets generated in ${Math.round(performance.now() - started)} ms`)
const server = await startAtlasServer([counties, nation], WEB_DIR, (step) => console.log(step))
const browser = await launchBrowser()
try {
  await benchDataset(browser, server, counties, 'county')
  await benchDataset(browser, server, nation, 'municipality')
} finally {
  await browser.close()
  await server.close()
}
heading('Targets')
for (const line of verdicts) console.log(line)
console.log(loadLine())
