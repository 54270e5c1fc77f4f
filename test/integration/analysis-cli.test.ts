/**
 * `planraum analyze` run as a user would, on the real datasets in ../shared/data: each answer is
 * compared with the core function on the same data and, where they exist, with the published
 * reference values of R spdep that test/integration/analysis-spatial-reference.test.ts names:
 *
 * [spdep-run] R 4.2.2 + spdep 1.2-7 on the same GeoJSON files with neighbours from
 *   `poly2nb(queen = TRUE)` (the geometry, NOT the hand-made COL.nb / GAL files of spData), e.g.
 *   `moran.test(col$CRIME, nb2listw(poly2nb(col)))`, `EBest(nc$SID74, nc$BIR74)`.
 *
 * Contiguity here is always built from the GeoJSON polygons, like poly2nb.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { classify } from '../../src/core/analysis/classify.js'
import {
  contiguityWeights,
  knnWeights,
  localMoran,
  moranTest,
  transformWeights,
} from '../../src/core/analysis/spatial/index.js'
import { zScores } from '../../src/core/analysis/stats.js'
import { kmeans, silhouette } from '../../src/core/analysis/typology.js'
import type { FeatureCollection, MultiPolygon, Polygon } from '../../src/core/geo/geojson.js'
import { runCli } from '../helpers/cli.js'
import { sharedData } from '../helpers/shared.js'

const COLUMBUS = sharedData('columbus', 'columbus.geojson')
const COLUMBUS_CSV = sharedData('columbus', 'columbus.csv')
const NC = sharedData('nc-sids', 'nc_sids.geojson')

type Props = Record<string, number | string>
const columbus = JSON.parse(readFileSync(COLUMBUS, 'utf8')) as FeatureCollection<Polygon, Props>
const crime = columbus.features.map((f) => Number(f.properties.CRIME))
const queen = contiguityWeights(
  columbus.features.map((f) => f.geometry as Polygon | MultiPolygon),
  { rule: 'queen' },
)

const dir = mkdtempSync(path.join(os.tmpdir(), 'planraum-analyze-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `planraum analyze …` and parses its JSON. */
async function analyze(args: string[]) {
  const run = await runCli(['analyze', ...args])
  expect(run.code, run.stderr).toBe(0)
  return JSON.parse(run.stdout) as Record<string, unknown> & {
    areas: Record<string, unknown>[]
  }
}

/** Equal to at least `digits` significant digits. */
function expectDigits(actual: unknown, expected: number, digits = 10) {
  expect(typeof actual).toBe('number')
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE)
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThan(10 ** -digits)
}

describe('planraum analyze on Columbus and NC SIDS', () => {
  it("gives spdep's Moran's I of CRIME with geometry-built queen W weights [spdep-run]", async () => {
    const out = await analyze([
      'moran',
      COLUMBUS,
      '--var',
      'CRIME',
      '--weights',
      'queen',
      '--permutations',
      '999',
      '--seed',
      '1',
    ])
    const m = out as unknown as {
      I: number
      randomisation: { variance: number; z: number }
      normality: { variance: number; z: number }
      permutation: { pseudoP: number }
      weights: { links: number; minNeighbours: number; maxNeighbours: number }
    }
    expectDigits(m.I, 0.500188557182861)
    expectDigits(m.randomisation.variance, 0.00868928920133206)
    expectDigits(m.randomisation.z, 5.5893826750445)
    expectDigits(m.normality.variance, 0.008563413119405)
    expectDigits(m.normality.z, 5.63031278773818)
    // poly2nb on these polygons: 236 directed links, 2–10 neighbours (dataset README).
    expect(m.weights).toMatchObject({ links: 236, minNeighbours: 2, maxNeighbours: 10 })
    const core = moranTest(crime, transformWeights(queen, 'W'), { permutations: 999, seed: 1 })
    expect(m.permutation.pseudoP).toBe(core.permutation!.pseudoP)
  })

  it("gives spdep's Geary's C of CRIME [spdep-run]", async () => {
    const g = (await analyze(['geary', COLUMBUS, '--var', 'CRIME', '--permutations', '0'])) as {
      C?: number
      randomisation?: { variance: number; z: number }
    }
    expectDigits(g.C, 0.540528202702068)
    expectDigits(g.randomisation!.variance, 0.00938426377696502)
    expectDigits(g.randomisation!.z, 4.74306150050446)
  })

  it("gives spdep's local Moran and Gi* of CRIME per area [spdep-run]", async () => {
    const lisa = await analyze(['lisa', COLUMBUS, '--var', 'CRIME', '--permutations', '0'])
    // localmoran(col$CRIME, lw): rows 1 and 25 (Ii, E.Ii, Var.Ii, Z.Ii)
    const row1 = lisa.areas[0]!
    const row25 = lisa.areas[24]!
    expect(row25.id).toBe('25')
    expectDigits(row1.Ii, 0.736818490608356)
    expectDigits(row25.Ii, 1.416344191091869)
    expectDigits(row25.expectation, -0.0520274105500126)
    expectDigits(row25.variance, 0.257096531486402)
    expectDigits(row25.z, 2.895928719098177)
    // Moran scatterplot quadrants (spdep quadr "pysal"): 21 HH, 20 LL, 5 LH, 3 HL.
    const quadrants: Record<string, number> = {}
    for (const a of lisa.areas)
      quadrants[a.quadrant as string] = (quadrants[a.quadrant as string] ?? 0) + 1
    expect(quadrants).toEqual({ 'high-high': 21, 'low-low': 20, 'low-high': 5, 'high-low': 3 })

    // localG(col$CRIME, nb2listw(include.self(qn), style = "B")): rows 1, 2, 25, 49
    const gi = await analyze(['gistar', COLUMBUS, '--var', 'CRIME', '--style', 'B'])
    const star = [-1.43277965396643, -1.34000809746416, 3.19517161455331, -1.1331046537195]
    ;[0, 1, 24, 48].forEach((i, k) => expectDigits(gi.areas[i]!.z, star[k]!))
    expect(gi.areas[24]!.cluster).toBe('hot-spot')
  })

  it('gives the LISA cluster map of the core with seeded permutations', async () => {
    const lisa = await analyze([
      'lisa',
      COLUMBUS,
      '--var',
      'CRIME',
      '--seed',
      '42',
      '--alpha',
      '0.01',
    ])
    const core = localMoran(crime, transformWeights(queen, 'W'), { seed: 42, alpha: 0.01 })
    expect(lisa.areas.map((a) => a.cluster)).toEqual(core.cluster)
    expect(lisa.areas.map((a) => a.pseudoP)).toEqual(Array.from(core.pseudoP!))
  })

  it("smooths NC SIDS rates like spdep's EBest and EBlocal(geoda = TRUE) [spdep-run]", async () => {
    const global = await analyze(['ebsmooth', NC, '--events', 'SID74', '--population', 'BIR74'])
    expectDigits(global.mean, 0.00202144489365442)
    expectDigits(global.variance, 7.69293064701465e-7)
    expectDigits(global.areas[0]!.smoothed, 0.00169729733085562)
    expectDigits(global.areas[99]!.smoothed, 0.00214439557076939)
    expect(global.areas[0]!.id).toBe('37009')

    const local = await analyze([
      'ebsmooth',
      NC,
      '--events',
      'SID74',
      '--population',
      'BIR74',
      '--kind',
      'local',
      '--scale',
      '1000',
    ])
    expectDigits(local.areas[2]!.smoothed, 1000 * 0.000974025974025974)
    expectDigits(local.areas[99]!.smoothed, 1000 * 0.002911698141250901)
    expect(local.weights).toMatchObject({ kind: 'queen', links: 490 })
  })

  it('reads the CSV with point coordinates for knn weights, as the core computes them', async () => {
    const out = await analyze([
      'moran',
      COLUMBUS_CSV,
      '--var',
      'CRIME',
      '--weights',
      'knn:4',
      '--x',
      'X',
      '--y',
      'Y',
      '--permutations',
      '0',
    ])
    const points = columbus.features.map((f): [number, number] => [
      Number(f.properties.X),
      Number(f.properties.Y),
    ])
    const core = moranTest(crime, transformWeights(knnWeights(points, 4), 'W'))
    expect(out.I).toBe(core.I)
    expect(out.weights).toMatchObject({ kind: 'knn:4', links: 196 })
  })

  it('classifies and builds typologies like the core functions', async () => {
    const c = await analyze([
      'classify',
      COLUMBUS,
      '--var',
      'CRIME',
      '--method',
      'jenks',
      '--k',
      '5',
    ])
    const want = classify(crime, 'jenks', 5)
    expect(c).toMatchObject({ method: 'jenks', breaks: want.breaks, counts: want.counts })
    expectDigits(c.gvf, want.gvf, 12)

    const k = await analyze([
      'kmeans',
      COLUMBUS,
      '--vars',
      'CRIME,HOVAL,INC',
      '--k',
      '3',
      '--seed',
      '9',
    ])
    const data = ['CRIME', 'HOVAL', 'INC'].map((v) =>
      zScores(columbus.features.map((f) => Number(f.properties[v]))),
    )
    const rows = crime.map((_, i) => data.map((col) => col[i]!))
    const core = kmeans(rows, 3, { seed: 9 })
    expect(k.areas.map((a) => a.cluster)).toEqual(core.assignments)
    expectDigits(
      (k.silhouette as { mean: number }).mean,
      silhouette(rows, core.assignments).mean,
      12,
    )
    const ward = await analyze(['ward', COLUMBUS, '--vars', 'CRIME,HOVAL,INC', '--k', '4'])
    expect((ward.profiles as { size: number }[]).reduce((s, p) => s + p.size, 0)).toBe(49)
  })

  it('computes the social index of a German CSV as worked out by hand (see socialIndex.test.ts)', async () => {
    // Status: u = 2, 4, 6, 8 (+1), e = 60, 70, 50, 40 (−1) → (−4, −4, 2, 6)/√24; E has 200 residents.
    const file = path.join(dir, 'index.csv')
    writeFileSync(
      file,
      'Gebiet;Einwohner;u;e;u_2022;e_2022\nA;1.000;2,0;60;4;59\nB;1.000;4;70;4;69\nC;1.000;6;50;6;51\nD;1.000;8;40;6;41\nE;200;9;30;9;30\n',
    )
    const out = (await analyze([
      'index',
      file,
      '--id',
      'Gebiet',
      '--vars',
      'u,-e',
      '--population',
      'Einwohner',
      '--previous',
      'u_2022,e_2022',
      '--sensitivity',
    ])) as unknown as {
      areas: { area: string; status: number; statusClass: string; combined: string }[]
      excluded: { area: string; reason: string }[]
      sensitivity: { indicator: string; change: string; status: { area: string }[] }[]
    }
    const status = [-4, -4, 2, 6].map((s) => s / Math.sqrt(24))
    out.areas.forEach((a, i) => expectDigits(a.status, status[i]!, 12))
    expect(out.areas.map((a) => a.combined)).toEqual(['2+', '2+/-', '2+/-', '3-'])
    expect(out.excluded).toEqual([
      { area: 'E', reason: 'population_below_minimum', detail: '200 residents, minimum 300' },
    ])
    const dropE = out.sensitivity.find((v) => v.indicator === 'e' && v.change === 'dropped')!
    expect(dropE.status).toEqual([{ area: 'A', from: 'medium', to: 'high' }])
  })
})

describe('planraum analyze: help and errors', () => {
  it('documents every option and each method', async () => {
    const help = await runCli(['analyze', '--help'])
    expect(help.code).toBe(0)
    for (const option of [
      '--var',
      '--vars',
      '--id',
      '--weights',
      '--style',
      '--x',
      '--k',
      '--classes',
      '--method',
      '--breaks',
      '--permutations',
      '--seed',
      '--alpha',
      '--events',
      '--population',
      '--kind',
      '--scale',
      '--min-population',
      '--weighting',
      '--indicator-weights',
      '--previous',
      '--dynamics-years',
      '--thresholds',
      '--dynamics-thresholds',
      '--sensitivity',
      '--max-k',
      '--decimal',
    ]) {
      expect(help.stdout).toContain(option)
    }
    const one = await runCli(['analyze', 'help', 'ebsmooth'])
    expect(one.stdout).toMatch(/^empirical Bayes/)
    expect(one.stdout).toContain('--events <col>')
    expect(one.stdout).not.toContain('--vars')
  })

  it('says what is wrong: method, file, column, row and value', async () => {
    const bad = path.join(dir, 'bad.csv')
    writeFileSync(bad, 'id;v;p\n1;1,5;100\n2;2,5;200\n3;abc;300\n')
    const cases: [string[], number, RegExp][] = [
      [
        ['nonsense', bad],
        2,
        /unknown method "nonsense"\. Methods: moran, geary, lisa, gistar, ebsmooth, classify, index, kmeans, ward/,
      ],
      [
        ['classify', bad, '--var', 'v'],
        1,
        /bad\.csv row 4, column "v": expected a number in German format .*, got "abc"/,
      ],
      [['classify', bad, '--var', 'w'], 1, /--var: bad\.csv has no column "w"; columns: id, v, p/],
      [['moran', bad, '--var', 'p'], 1, /--weights queen needs polygons: use a GeoJSON file/],
      [
        ['moran', COLUMBUS, '--var', 'CRIME', '--weights', 'knn'],
        1,
        /Expected weights "queen", "rook" or "knn:<k>" \(e.g. knn:6\), got "knn"/,
      ],
      [
        ['moran', COLUMBUS, '--var', 'CRIME', '--style', 'C'],
        1,
        /--style: expected W .* or B .*, got "C"/,
      ],
      [['moran', COLUMBUS], 1, /moran needs --var <column>/],
      [['moran', path.join(dir, 'none.geojson'), '--var', 'x'], 1, /does not exist/],
      [
        ['lisa', COLUMBUS, '--var', 'CRIME', '--permutations', 'many'],
        1,
        /--permutations: expected a whole number/,
      ],
      [['index', bad, '--vars', 'v'], 1, /needs --population/],
    ]
    // Each case is its own process; they run side by side.
    const runs = await Promise.all(cases.map(([args]) => runCli(['analyze', ...args])))
    cases.forEach(([args, code, message], i) => {
      expect([args.join(' '), runs[i]!.code]).toEqual([args.join(' '), code])
      expect(runs[i]!.stderr).toMatch(message)
    })
  }, 180_000)
})
