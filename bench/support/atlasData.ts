/**
 * The two datasets of the atlas benchmark, as plain data (layers coarse → fine, areas with
 * boundaries, observations of the finest layer, indicators):
 *
 * - `countiesDataset`: the 3,231 US counties of the us-atlas package (US Census Bureau
 *   cartographic boundaries 1:10m, already generalised), under their 56 states and the nation,
 *   with seeded synthetic counts.
 * - `nationDataset`: the national dataset of the monitoring benchmark (support/nation.ts: 16
 *   states, ~400 districts, ~10,800 municipalities) given boundaries: seeded Voronoi cells of the
 *   municipalities, grouped into contiguous districts and states by recursive bisection with the
 *   real counts, districts and states as exact unions (edge cancellation). Real municipality
 *   boundaries carry detail (VG250 has a few hundred vertices per municipality); a Voronoi edge is
 *   a straight segment, so each edge gets a seeded fractal wiggle (midpoint displacement, 32
 *   segments), computed once per edge so that both neighbours hold the same vertices.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { Delaunay } from 'd3-delaunay'
import type { Geometry, MultiPolygon as GeoJsonMultiPolygon } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

import type { MultiPolygon, Position, Ring } from '../../src/core/geo/geojson.js'
import { unionByEdgeCancellation } from '../../src/core/geo/union.js'
import { createRandom, type Random } from '../../src/core/random.js'
import { DEFAULT_CATALOGUE } from '../../src/modules/monitoring/catalogue.js'
import type { CatalogueIndicator } from '../../src/modules/monitoring/catalogue.js'
import { createNation, VARIABLES } from './nation.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface AtlasArea {
  layerKey: string
  code: string
  name: string
  parentCode: string | null
  geometry: MultiPolygon
}

export interface AtlasDataset {
  slug: string
  name: string
  /** Coarse → fine; observations belong to the last. */
  layers: { key: string; nameDe: string; nameEn: string }[]
  areas: AtlasArea[]
  periods: number[]
  /** Variable keys; `values[v][a * periods.length + p]` for the finest layer's areas in order. */
  variables: string[]
  values: Float64Array[]
  indicators: CatalogueIndicator[]
}

/** The count variables the benchmark observes; they make the indicators below. */
export const ATLAS_VARIABLES = [
  'households',
  'households_single_parent',
  'households_one_person',
  'pop_age_00_02',
  'kita_u3',
  'sei_examined',
  'sei_language_support',
  'voters_eligible_btw',
  'voters_btw',
] as const

/** The indicators of the default catalogue that ATLAS_VARIABLES make, all published. */
export const ATLAS_INDICATORS: CatalogueIndicator[] = DEFAULT_CATALOGUE.filter((entry) =>
  [
    'share_single_parent_households',
    'share_one_person_households',
    'childcare_rate_u3',
    'language_support_need',
    'turnout_bundestag',
  ].includes(entry.key),
).map((entry) => ({ ...entry, published: true }))

const r7 = (v: number) => Math.round(v * 1e7) / 1e7

/** Every ring of a MultiPolygon as [lon, lat] rounded to 7 decimals. */
const asMulti = (polygons: Ring[][]): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: polygons.map((p) => p.map((r) => r.map(([x, y]) => [r7(x), r7(y)] as Position))),
})

/** Seeded counts of ATLAS_VARIABLES for `n` areas and `years` years (counts ≤ their totals). */
function syntheticValues(rng: Random, n: number, years: number): Float64Array[] {
  const values = ATLAS_VARIABLES.map(() => new Float64Array(n * years))
  for (let a = 0; a < n; a++) {
    const households = Math.exp(rng.normal(Math.log(20_000), 1.1))
    const single = rng.uniform(0.03, 0.12)
    const one = rng.uniform(0.3, 0.5)
    const children = rng.uniform(0.02, 0.035)
    const care = rng.uniform(0.15, 0.6)
    const support = rng.uniform(0.1, 0.45)
    const turnout = rng.uniform(0.55, 0.85)
    for (let p = 0; p < years; p++) {
      const h = Math.round(households * (1 + 0.01 * p) * Math.exp(rng.normal(0, 0.01)))
      const pop02 = Math.round(h * 2 * children)
      const examined = Math.round(pop02 * 0.34)
      const eligible = Math.round(h * 1.6)
      const row = [
        h,
        Math.round(h * single * Math.exp(rng.normal(0, 0.05))),
        Math.round(h * one * Math.exp(rng.normal(0, 0.03))),
        pop02,
        Math.round(pop02 * Math.min(0.95, care * Math.exp(rng.normal(0, 0.05)))),
        examined,
        Math.round(examined * support),
        eligible,
        Math.round(eligible * turnout),
      ]
      row.forEach((value, v) => (values[v]![a * years + p] = value))
    }
  }
  return values
}

/**
 * The us-atlas counties under their states and the nation, with seeded counts for 3 years.
 *
 * @example countiesDataset(2025).areas.length // 1 + 56 + 3,231
 */
export function countiesDataset(seed: number): AtlasDataset {
  const us = JSON.parse(
    readFileSync(path.join(ROOT, 'node_modules/us-atlas/counties-10m.json'), 'utf8'),
  ) as Topology
  const decode = (name: string) =>
    feature(us, us.objects[name] as GeometryCollection<{ name: string }>).features.filter(
      (f) => f.geometry !== null,
    )
  const multi = (geometry: Geometry): MultiPolygon =>
    asMulti(
      (geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : (geometry as GeoJsonMultiPolygon).coordinates) as Ring[][],
    )
  const states = decode('states')
  const stateCodes = new Set(states.map((s) => String(s.id)))
  const counties = decode('counties').filter((c) => stateCodes.has(String(c.id).slice(0, 2)))
  const areas: AtlasArea[] = [
    ...decode('nation').map((n) => ({
      layerKey: 'nation',
      code: 'US',
      name: 'United States',
      parentCode: null,
      geometry: multi(n.geometry),
    })),
    ...states.map((s) => ({
      layerKey: 'state',
      code: String(s.id),
      name: s.properties.name,
      parentCode: 'US',
      geometry: multi(s.geometry),
    })),
    ...counties.map((c) => ({
      layerKey: 'county',
      code: String(c.id),
      name: c.properties.name,
      parentCode: String(c.id).slice(0, 2),
      geometry: multi(c.geometry),
    })),
  ]
  const periods = [2022, 2023, 2024]
  return {
    slug: 'us-counties',
    name: 'US counties (us-atlas)',
    layers: [
      { key: 'nation', nameDe: 'Staat', nameEn: 'Nation' },
      { key: 'state', nameDe: 'Bundesstaat', nameEn: 'State' },
      { key: 'county', nameDe: 'County', nameEn: 'County' },
    ],
    areas,
    periods,
    variables: [...ATLAS_VARIABLES],
    values: syntheticValues(createRandom(seed).fork('counties'), counties.length, periods.length),
    indicators: ATLAS_INDICATORS,
  }
}

// --- The national dataset with boundaries ----------------------------------------------------

/** Germany's bounding box (lon/lat) and km per degree there: the synthetic nation's extent. */
const BOX = { west: 5.9, south: 47.3, east: 15.0, north: 55.0 }
const KM_PER_DEG_LAT = 111.2
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((51.2 * Math.PI) / 180)
const WIDTH_KM = (BOX.east - BOX.west) * KM_PER_DEG_LON
const HEIGHT_KM = (BOX.north - BOX.south) * KM_PER_DEG_LAT
/** Snap of the planar vertices (km): a clipped edge computed from both sides meets exactly. */
const snap = (v: number) => Math.round(v * 1e6) / 1e6
const toLonLat = ([x, y]: Position): Position => [
  r7(BOX.west + x / KM_PER_DEG_LON),
  r7(BOX.south + y / KM_PER_DEG_LAT),
]

/** Splits `points` into groups of the given sizes, each a compact block (recursive bisection). */
function bisect(
  points: readonly number[],
  xy: Float64Array,
  sizes: readonly number[],
  offset = 0,
  out: number[][] = [],
): number[][] {
  if (sizes.length === 1) {
    out[offset] = [...points]
    return out
  }
  const total = sizes.reduce((a, b) => a + b, 0)
  let split = 0
  let left = 0
  while (split < sizes.length - 1 && left + sizes[split]! <= total / 2) left += sizes[split++]!
  if (split === 0) left += sizes[split++]!
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const i of points) {
    x0 = Math.min(x0, xy[2 * i]!)
    x1 = Math.max(x1, xy[2 * i]!)
    y0 = Math.min(y0, xy[2 * i + 1]!)
    y1 = Math.max(y1, xy[2 * i + 1]!)
  }
  const axis = x1 - x0 >= y1 - y0 ? 0 : 1
  const sorted = [...points].sort((a, b) => xy[2 * a + axis]! - xy[2 * b + axis]!)
  bisect(sorted.slice(0, left), xy, sizes.slice(0, split), offset, out)
  bisect(sorted.slice(left), xy, sizes.slice(split), offset + split, out)
  return out
}

/** A seeded integer hash of a string (FNV-1a), the seed of one edge's wiggle. */
function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** The interior vertices of a wiggly edge from a to b (midpoint displacement, 2^depth segments). */
function wiggle(a: Position, b: Position, seed: number, depth = 5): Position[] {
  const key = `${a[0]},${a[1]}|${b[0]},${b[1]}`
  const reverse = key > `${b[0]},${b[1]}|${a[0]},${a[1]}`
  const [p, q] = reverse ? [b, a] : [a, b]
  const rng = createRandom(hash(reverse ? `${b[0]},${b[1]}|${a[0]},${a[1]}` : key, seed))
  const length = Math.hypot(q[0] - p[0], q[1] - p[1])
  const nx = -(q[1] - p[1]) / (length || 1)
  const ny = (q[0] - p[0]) / (length || 1)
  let line: Position[] = [p, q]
  let amplitude = 0.07 * length
  for (let level = 0; level < depth; level++) {
    const next: Position[] = [line[0]!]
    for (let i = 1; i < line.length; i++) {
      const s = line[i - 1]!
      const t = line[i]!
      const d = rng.uniform(-amplitude, amplitude)
      next.push([snap((s[0] + t[0]) / 2 + nx * d), snap((s[1] + t[1]) / 2 + ny * d)], t)
    }
    line = next
    amplitude /= 2
  }
  const inner = line.slice(1, -1)
  return reverse ? inner.reverse() : inner
}

/**
 * The national dataset of the monitoring benchmark with boundaries and 3 years of ATLAS_VARIABLES
 * (the nation's own counts where it has them).
 *
 * @example nationDataset({ seed: 2025, scale: 1 }).areas.length // 11,175
 */
export function nationDataset(options: { seed: number; scale: number }): AtlasDataset {
  const years = 3
  const nation = createNation({ seed: options.seed, scale: options.scale, years, firstYear: 2022 })
  const { tree, codes } = nation
  const rng = createRandom(options.seed).fork('atlas-geometry')
  const children: number[][] = Array.from({ length: tree.size }, () => [])
  for (let i = 1; i < tree.size; i++) children[tree.parent[i]!]!.push(i)
  const leavesUnder = (i: number): number =>
    tree.layer[i] === 3 ? 1 : children[i]!.reduce((s, c) => s + leavesUnder(c), 0)

  // Seeds: jittered grid points of the box, then grouped: states ← districts ← municipalities.
  const munis = nation.municipalities.length
  const xy = new Float64Array(2 * munis)
  for (let i = 0; i < munis; i++) {
    xy[2 * i] = rng.uniform(0, WIDTH_KM)
    xy[2 * i + 1] = rng.uniform(0, HEIGHT_KM)
  }
  const seedOf = new Map<number, number>() // municipality area index → seed point
  const assign = (areaIndex: number, points: number[]) => {
    const kids = children[areaIndex]!
    if (kids.length === 0) {
      seedOf.set(areaIndex, points[0]!)
      return
    }
    const groups = bisect(points, xy, kids.map(leavesUnder))
    kids.forEach((kid, k) => assign(kid, groups[k]!))
  }
  assign(
    0,
    Array.from({ length: munis }, (_, i) => i),
  )

  // Municipalities: Voronoi cells with wiggly edges.
  const voronoi = Delaunay.from(
    Array.from({ length: munis }, (_, i) => [xy[2 * i]!, xy[2 * i + 1]!] as [number, number]),
  ).voronoi([0, 0, WIDTH_KM, HEIGHT_KM])
  const edgeSeed = rng.int(0, 2 ** 30)
  const polygons = new Map<number, Ring[][]>()
  for (const m of nation.municipalities) {
    const cell = voronoi.cellPolygon(seedOf.get(m)!) as Position[]
    const corners = cell.slice(0, -1).map(([x, y]) => [snap(x), snap(y)] as Position)
    const ring: Position[] = []
    corners.forEach((a, i) => {
      const b = corners[(i + 1) % corners.length]!
      ring.push(a, ...wiggle(a, b, edgeSeed))
    })
    ring.push(ring[0]!)
    polygons.set(m, [[ring.map(toLonLat)]])
  }
  // Districts, states, the country: exact unions of their children.
  for (let layer = 2; layer >= 0; layer--) {
    for (let i = 0; i < tree.size; i++) {
      if (tree.layer[i] !== layer) continue
      polygons.set(i, unionByEdgeCancellation(children[i]!.flatMap((c) => polygons.get(c)!)))
    }
  }
  const layerKeys = ['country', 'state', 'district', 'municipality']
  const names = ['Deutschland', 'Land', 'Kreis', 'Gemeinde']
  const areas: AtlasArea[] = []
  for (let layer = 0; layer < 4; layer++) {
    for (let i = 0; i < tree.size; i++) {
      if (tree.layer[i] !== layer) continue
      areas.push({
        layerKey: layerKeys[layer]!,
        code: codes[i]!,
        name: layer === 0 ? names[0]! : `${names[layer]} ${codes[i]}`,
        parentCode: layer === 0 ? null : codes[tree.parent[i]!]!,
        geometry: asMulti(polygons.get(i)!),
      })
    }
  }

  // The nation's own counts of ATLAS_VARIABLES, in municipality order.
  const position = new Map<number, number>()
  nation.municipalities.forEach((m, a) => position.set(m, a))
  const variableIndex = new Map(ATLAS_VARIABLES.map((key, v) => [VARIABLES.indexOf(key), v]))
  const values = ATLAS_VARIABLES.map(() => new Float64Array(munis * years).fill(NaN))
  const { rows } = nation
  for (let r = 0; r < rows.length; r++) {
    const v = variableIndex.get(rows.variable[r]!)
    if (v === undefined) continue
    values[v]![position.get(rows.area[r]!)! * years + (rows.period[r]! - 2022)] = rows.value[r]!
  }
  return {
    slug: 'nation',
    name: 'Synthetic nation (bench/support/nation.ts)',
    layers: layerKeys.map((key, i) => ({ key, nameDe: names[i]!, nameEn: key })),
    areas,
    periods: nation.periods,
    variables: [...ATLAS_VARIABLES],
    values,
    indicators: ATLAS_INDICATORS,
  }
}

/** Vertices of all rings of a layer's areas (shared borders counted per side). */
export function vertexCount(dataset: AtlasDataset, layerKey: string): number {
  let n = 0
  for (const area of dataset.areas) {
    if (area.layerKey !== layerKey) continue
    for (const polygon of area.geometry.coordinates) for (const ring of polygon) n += ring.length
  }
  return n
}
