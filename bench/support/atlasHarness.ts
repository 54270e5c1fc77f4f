/**
 * A minimal MapLibre choropleth page for the atlas benchmark, fed either with the layer's vector
 * tiles (`/layers/:layer/tiles.json` and its tiles, as the atlas page draws) or with the raw
 * GeoJSON (`/areas`): the same page, the same values, the same paint, so the two differ only in
 * the geometry they download and decode. Values come as the atlas page loads them (`/values?format=columns`), and
 * colours are painted as the atlas page paints them (one feature state per area under a constant
 * expression; borders from the fill's antialiasing pass). It keeps the atlas page's contract:
 * `[data-testid="atlas-map"]` with `data-state="ready"` once MapLibre is idle after new data, and
 * `data-indicator`, `data-layer`, `data-period`.
 *
 * The page is served under `<app>/harness/` by Playwright's request routing (same origin as the
 * API; MapLibre from node_modules), so the app itself needs no extra route.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { BrowserContext } from 'playwright-core'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const MAPLIBRE = path.join(ROOT, 'node_modules/maplibre-gl/dist')

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Atlas benchmark harness</title>
<link rel="stylesheet" href="/harness/maplibre/maplibre-gl.css">
<style>html,body{margin:0;height:100%}#map{position:absolute;inset:0}</style>
<script type="module" src="/harness/harness.js"></script>
</head><body><div id="map" data-testid="atlas-map" data-state="loading"></div></body></html>`

/** The page's script: geometry, values (columns), quantile classes, colours by feature state. */
const SCRIPT = `
import * as maplibregl from '/harness/maplibre/maplibre-gl.mjs'
const params = new URLSearchParams(location.search)
const org = params.get('org'), layer = params.get('layer'), period = params.get('period')
const format = params.get('format')
const element = document.getElementById('map')
element.dataset.layer = layer
element.dataset.period = period
const COLOURS = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000']

async function json(url) {
  const response = await fetch(url)
  if (!response.ok) throw new Error(url + ' answered ' + response.status)
  return response.json()
}
const base = '/api/orgs/' + org
// The values as the atlas page loads them: GET /values?format=columns (one answer, ~45 bytes per area).
async function values(indicator) {
  const out = new Map()
  const columns = await json('/api/orgs/' + org + '/values?indicator=' + indicator + '&layer=' + layer +
    '&period=' + period + '&format=columns')
  columns.areaCodes.forEach((code, i) => out.set(code, columns.value[i]))
  return out
}
function quantileBreaks(list) {
  const sorted = list.filter((v) => v !== null).sort((a, b) => a - b)
  return [1, 2, 3, 4].map((k) => sorted[Math.floor((k * sorted.length) / 5)] ?? 0)
}
let map, codes = null, sourceLayer
function idle() { return new Promise((resolve) => map.once('idle', resolve)) }

async function show(indicator) {
  element.dataset.state = 'loading'
  const byCode = await values(indicator)
  const breaks = quantileBreaks([...byCode.values()])
  // Tiles carry no list of areas: the values name them.
  if (codes === null) {
    codes = [...byCode.keys()]
    element.dataset.areas = String(codes.length)
  }
  // Colours by feature state under one constant expression, as the atlas page paints: a new
  // data-driven paint expression would make MapLibre re-tile the whole source on every switch.
  for (const code of codes) {
    const v = byCode.get(code)
    const fill = v === null || v === undefined ? null : COLOURS[breaks.filter((b) => v >= b).length]
    map.setFeatureState({ source: 'areas', sourceLayer, id: code }, { fill })
  }
  element.dataset.indicator = indicator
  await idle()
  element.dataset.state = 'ready'
}
window.harness = { show }

// The vector tiles of the layer, as the atlas page asks for them: TileJSON first (bounds, URLs).
async function tileSource() {
  const tiles = await json(base + '/layers/' + layer + '/tiles.json')
  return {
    source: {
      type: 'vector', tiles: tiles.tiles.map((t) => location.origin + t), minzoom: tiles.minzoom,
      maxzoom: tiles.maxzoom, bounds: tiles.bounds, tileSize: tiles.tileSize, promoteId: { areas: 'code' },
    },
    sourceLayer: 'areas', bounds: tiles.bounds, codes: null,
  }
}
async function geometrySource() {
  const areas = await json(base + '/areas?layer=' + layer)
  const list = []
  let [x0, y0, x1, y1] = [180, 90, -180, -90]
  for (const f of areas.features) {
    list.push(f.properties.code)
    const g = f.geometry
    for (const polygon of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const [x, y] of polygon[0] ?? []) {
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y
    }
  }
  element.dataset.areas = String(list.length)
  return { source: { type: 'geojson', data: areas, promoteId: 'code' }, sourceLayer: undefined, bounds: [x0, y0, x1, y1], codes: list }
}

const sourcePromise = format === 'tiles' ? tileSource() : geometrySource()
map = new maplibregl.Map({
  container: element,
  style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#ffffff' } }] },
  center: [0, 0], zoom: 1, attributionControl: false, fadeDuration: 0,
})
map.on('load', async () => {
  const loaded = await sourcePromise
  codes = loaded.codes
  sourceLayer = loaded.sourceLayer
  map.addSource('areas', loaded.source)
  // Borders are the fill's own antialiasing pass (no line layer), as on the atlas page.
  map.addLayer({ id: 'fill', type: 'fill', source: 'areas', ...(sourceLayer ? { 'source-layer': sourceLayer } : {}), paint: {
    'fill-color': ['to-color', ['coalesce', ['feature-state', 'fill'], '#cccccc']],
    'fill-outline-color': 'rgba(255, 255, 255, 0.6)' } })
  const [x0, y0, x1, y1] = loaded.bounds
  map.fitBounds([[x0, y0], [x1, y1]], { animate: false, padding: 10 })
  await show(params.get('indicator'))
})
`
/** The geometry the harness draws from: our vector tiles or the raw GeoJSON. */
export type HarnessFormat = 'tiles' | 'geojson'

/** Serves the harness under `${baseUrl}/harness/` in this browser context. */
export async function routeHarness(context: BrowserContext, baseUrl: string): Promise<void> {
  await context.route(`${baseUrl}/harness/**`, async (route) => {
    const { pathname } = new URL(route.request().url())
    const file = pathname.replace(/^\/harness\//, '')
    if (file === '' || file === 'index.html') {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: HTML })
    }
    if (file === 'harness.js')
      return route.fulfill({ contentType: 'text/javascript', body: SCRIPT })
    const name = file.replace(/^maplibre\//, '')
    if (file.startsWith('maplibre/') && /^[\w.-]+$/.test(name)) {
      return route.fulfill({
        contentType: name.endsWith('.css') ? 'text/css' : 'text/javascript',
        body: readFileSync(path.join(MAPLIBRE, name)),
      })
    }
    return route.fulfill({ status: 404, body: 'not found' })
  })
}

/** The harness URL for one view. */
export function harnessUrl(
  baseUrl: string,
  view: { org: string; layer: string; indicator: string; period: number },
  format: HarnessFormat,
): string {
  const query = new URLSearchParams({ ...view, period: String(view.period), format })
  return `${baseUrl}/harness/index.html?${query.toString()}`
}
