import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Position, Ring } from '../../../core/geo/geojson.js'
import { locatePointInMultiPolygon, pointInMultiPolygon } from '../../../core/geo/pointInPolygon.js'
import { isClosedRing, multiPolygonArea, signedRingArea } from '../../../core/geo/ring.js'
import type { DemoArea, DemoCity } from '../types.js'
import { generateMusterstadt } from './index.js'

const LAYER_KEYS = ['gesamtstadt', 'stadtbezirk', 'sozialraum', 'block']
const TOPICS = [
  'demography',
  'households',
  'poverty',
  'employment',
  'education',
  'health',
  'childcare',
  'participation',
  'housing',
]
const AGE_GROUPS = [
  '00_04', '05_09', '10_14', '15_19', '20_24', '25_29', '30_34', '35_39', '40_44',
  '45_49', '50_54', '55_59', '60_64', '65_69', '70_74', '75_79', '80_84', '85p',
] // prettier-ignore

function fingerprint(city: DemoCity): string {
  const { observations, ...rest } = city
  const { values, ...axes } = observations
  return createHash('sha256')
    .update(JSON.stringify({ ...rest, axes }))
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex')
}

/** Reads the cube: value of a variable for a block index and period index. */
function cube(city: DemoCity) {
  const o = city.observations
  const nA = o.areaCodes.length
  const nP = o.periods.length
  const index = new Map(o.variableKeys.map((k, i) => [k, i]))
  const get = (key: string, a: number, p: number): number => {
    const v = index.get(key)
    if (v === undefined) throw new Error(`missing variable ${key}`)
    return o.values[(v * nA + a) * nP + p] as number
  }
  const sum = (keys: readonly string[], areas: readonly number[], p: number): number => {
    let s = 0
    for (const k of keys) for (const a of areas) s += get(k, a, p)
    return s
  }
  return { get, sum, nA, nP }
}

const popKeys = (filter: (sex: string, nat: string, age: string) => boolean) =>
  ['m', 'f'].flatMap((s) =>
    ['de', 'nd'].flatMap((n) =>
      AGE_GROUPS.filter((g) => filter(s, n, g)).map((g) => `pop_${s}_${n}_${g}`),
    ),
  )
const ALL = popKeys(() => true)
const UNDER15 = popKeys((_s, _n, g) => ['00_04', '05_09', '10_14'].includes(g))
const UNDER5 = popKeys((_s, _n, g) => g === '00_04')
const UNDER10 = popKeys((_s, _n, g) => g === '00_04' || g === '05_09')
const AGE5TO9 = popKeys((_s, _n, g) => g === '05_09')
const WORKING = popKeys((_s, _n, g) => Number(g.slice(0, 2)) >= 15 && Number(g.slice(0, 2)) < 65)
const OLD = popKeys((_s, _n, g) => g === '85p' || Number(g.slice(0, 2)) >= 65)
const FOREIGN = popKeys((_s, n) => n === 'nd')

const edgeKey = (a: Position, b: Position): string => {
  const ka = `${a[0]},${a[1]}`
  const kb = `${b[0]},${b[1]}`
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`
}
function edgesOf(area: DemoArea): string[] {
  const out: string[] = []
  for (const polygon of area.geometry.coordinates) {
    for (const ring of polygon) {
      for (let i = 0; i < ring.length - 1; i++) out.push(edgeKey(ring[i]!, ring[i + 1]!))
    }
  }
  return out
}

let city: DemoCity
let byLayer: Map<string, DemoArea[]>
let blockIndex: Map<string, number>

beforeAll(() => {
  city = generateMusterstadt()
  byLayer = new Map(LAYER_KEYS.map((k) => [k, city.areas.filter((a) => a.layerKey === k)]))
  blockIndex = new Map(city.observations.areaCodes.map((c, i) => [c, i]))
})

const layer = (key: string) => byLayer.get(key) ?? []
/** Block indices of the cube below an area code. */
const blocksBelow = (code: string) =>
  city.observations.areaCodes.flatMap((c, i) =>
    code === '0' || c.startsWith(`${code}.`) ? [i] : [],
  )

describe('generateMusterstadt: identity and determinism', () => {
  it('describes the fictional city and its provenance', () => {
    expect(city.organization).toEqual({
      slug: 'musterstadt',
      name: 'Musterstadt',
      officialKey: '03999000',
    })
    expect(city.provenance).toMatchObject({ generator: 'musterstadt', seed: 2025 })
  })

  it('returns the same city for the same seed and another city for another seed', () => {
    const again = generateMusterstadt(2025)
    expect(fingerprint(again)).toBe(fingerprint(city))
    const other = generateMusterstadt(7)
    expect(fingerprint(other)).not.toBe(fingerprint(city))
    expect(other.provenance.seed).toBe(7)
  })
})

describe('generateMusterstadt: layers and codes', () => {
  it('has the four layers with fixed keys, levels and names', () => {
    expect(city.layers.map((l) => [l.key, l.level])).toEqual(LAYER_KEYS.map((k, i) => [k, i]))
    expect(city.layers.map((l) => l.nameDe)).toEqual([
      'Gesamtstadt',
      'Stadtbezirk',
      'Sozialraum',
      'Statistischer Block',
    ])
    expect(city.layers.map((l) => l.nameEn)).toEqual([
      'Whole city',
      'City district',
      'Social area',
      'Statistical block',
    ])
  })

  it('has 1 city, 7 districts, 30–40 social areas and about 250 blocks', () => {
    expect(layer('gesamtstadt')).toHaveLength(1)
    expect(layer('gesamtstadt')[0]).toMatchObject({
      code: '0',
      name: 'Musterstadt',
      parentCode: null,
    })
    expect(layer('stadtbezirk').map((a) => a.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
    ])
    expect(layer('sozialraum').length).toBeGreaterThanOrEqual(30)
    expect(layer('sozialraum').length).toBeLessThanOrEqual(40)
    expect(layer('block').length).toBeGreaterThanOrEqual(215)
    expect(layer('block').length).toBeLessThanOrEqual(285)
  })

  it('uses unique, well-formed codes whose parents exist in the next coarser layer', () => {
    const formats: Record<string, RegExp> = {
      gesamtstadt: /^0$/,
      stadtbezirk: /^\d{2}$/,
      sozialraum: /^\d{2}\.\d{2}$/,
      block: /^\d{2}\.\d{2}\.\d{3}$/,
    }
    LAYER_KEYS.forEach((key, level) => {
      const codes = layer(key).map((a) => a.code)
      expect(new Set(codes).size).toBe(codes.length)
      for (const a of layer(key)) {
        expect(a.code).toMatch(formats[key]!)
        expect(a.name.length).toBeGreaterThan(0)
        if (level === 0) continue
        const parents = new Set(layer(LAYER_KEYS[level - 1]!).map((p) => p.code))
        expect(parents.has(a.parentCode ?? '')).toBe(true)
        if (level > 1) expect(a.code.startsWith(`${a.parentCode}.`)).toBe(true)
      }
    })
    // Names of social areas are unique within the city.
    const names = layer('sozialraum').map((a) => a.name)
    expect(new Set(names).size).toBe(names.length)
  })
})

describe('generateMusterstadt: geometry', () => {
  it('closes every ring, orients exteriors counter-clockwise and makes each area one piece', () => {
    for (const a of city.areas) {
      expect(a.geometry.type).toBe('MultiPolygon')
      expect(a.geometry.coordinates).toHaveLength(1)
      for (const polygon of a.geometry.coordinates) {
        polygon.forEach((ring, i) => {
          expect(isClosedRing(ring)).toBe(true)
          if (i === 0) expect(signedRingArea(ring)).toBeGreaterThan(0)
          else expect(signedRingArea(ring)).toBeLessThan(0)
          for (const p of ring) {
            expect(Math.round(p[0] * 1e7) / 1e7).toBe(p[0])
            expect(Math.round(p[1] * 1e7) / 1e7).toBe(p[1])
          }
        })
      }
    }
    // No holes for the default seed (a parent surrounding another area would need them).
    expect(city.areas.every((a) => a.geometry.coordinates[0]!.length === 1)).toBe(true)
  })

  it('lies around lon 9.40, lat 52.28 and spans about 12 km × 10 km with an irregular outline', () => {
    const ring = layer('gesamtstadt')[0]!.geometry.coordinates[0]![0]!
    const lons = ring.map((p) => p[0])
    const lats = ring.map((p) => p[1])
    const kmX =
      (Math.max(...lons) - Math.min(...lons)) * 111.195 * Math.cos((52.28 * Math.PI) / 180)
    const kmY = (Math.max(...lats) - Math.min(...lats)) * 111.195
    expect(kmX).toBeGreaterThan(10)
    expect(kmX).toBeLessThan(14)
    expect(kmY).toBeGreaterThan(8.5)
    expect(kmY).toBeLessThan(12)
    expect(Math.abs((Math.max(...lons) + Math.min(...lons)) / 2 - 9.4)).toBeLessThan(0.03)
    expect(Math.abs((Math.max(...lats) + Math.min(...lats)) / 2 - 52.28)).toBeLessThan(0.03)
    // A jagged union of cells, not a rectangle or a smooth shape; it fills well under its box.
    expect(ring.length).toBeGreaterThan(60)
    const boxArea =
      (Math.max(...lons) - Math.min(...lons)) * (Math.max(...lats) - Math.min(...lats))
    expect(multiPolygonArea(layer('gesamtstadt')[0]!.geometry.coordinates) / boxArea).toBeLessThan(
      0.85,
    )
  })

  it('nests exactly: children tile their parent without gaps or overlaps', () => {
    for (let level = 1; level < LAYER_KEYS.length; level++) {
      for (const parent of layer(LAYER_KEYS[level - 1]!)) {
        const children = layer(LAYER_KEYS[level]!).filter((c) => c.parentCode === parent.code)
        expect(children.length).toBeGreaterThan(0)

        const parentArea = multiPolygonArea(parent.geometry.coordinates)
        const childArea = children.reduce((s, c) => s + multiPolygonArea(c.geometry.coordinates), 0)
        expect(Math.abs(childArea - parentArea) / parentArea).toBeLessThan(1e-9)

        // Edge multiset: parent boundary edges occur once among the children, every other child
        // edge exactly twice (shared by two children).
        const boundary = new Set(edgesOf(parent))
        const count = new Map<string, number>()
        for (const c of children) for (const e of edgesOf(c)) count.set(e, (count.get(e) ?? 0) + 1)
        for (const e of boundary) expect(count.get(e), `boundary edge of ${parent.code}`).toBe(1)
        for (const [e, n] of count) {
          if (!boundary.has(e)) expect(n, `inner edge ${e} below ${parent.code}`).toBe(2)
        }

        for (const c of children) {
          for (const ring of c.geometry.coordinates.flat()) {
            for (const p of ring) {
              expect(locatePointInMultiPolygon(p, parent.geometry.coordinates)).not.toBe('outside')
            }
          }
        }
      }
    }
  })
})

describe('generateMusterstadt: variables and consistency', () => {
  it('declares every variable with names, German unit, topic and source', () => {
    const keys = city.variables.map((v) => v.key)
    expect(keys).toEqual(city.observations.variableKeys)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys).toHaveLength(99)
    for (const k of ALL) expect(keys).toContain(k)
    for (const v of city.variables) {
      expect(v.key).toMatch(/^[a-z][a-z0-9_]{0,62}$/)
      expect(v.nameDe.length).toBeGreaterThan(3)
      expect(v.nameEn.length).toBeGreaterThan(3)
      expect(['Personen', 'Haushalte', 'Wohnungen', 'm²']).toContain(v.unit)
      expect(TOPICS).toContain(v.topic)
      expect(v.source).toMatch(/\(fiktiv, Demo\)$/)
    }
  })

  it('covers all blocks and the years 2015–2024 in a dense cube', () => {
    const o = city.observations
    expect(o.periods).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024])
    expect(o.areaCodes).toEqual(layer('block').map((a) => a.code))
    expect(o.values).toHaveLength(o.variableKeys.length * o.areaCodes.length * o.periods.length)
  })

  it('has whole, non-negative numbers; NaN only for voters outside election years', () => {
    const o = city.observations
    const { get, nA, nP } = cube(city)
    const btw = new Set([2017, 2021])
    const kw = new Set([2016, 2021])
    for (const key of o.variableKeys) {
      for (let a = 0; a < nA; a++) {
        for (let p = 0; p < nP; p++) {
          const v = get(key, a, p)
          const year = o.periods[p]!
          const expectNaN =
            (key.endsWith('_btw') && !btw.has(year)) || (key.endsWith('_kw') && !kw.has(year))
          if (expectNaN) {
            expect(Number.isNaN(v), `${key} ${year}`).toBe(true)
            continue
          }
          if (!Number.isInteger(v) || v < 0) expect.fail(`${key} block ${a} ${year} = ${v}`)
        }
      }
    }
  })

  it('keeps every block and year consistent', () => {
    const { get, sum, nA, nP } = cube(city)
    const fail = (what: string, a: number, p: number) =>
      expect.fail(`${what} fails for block ${city.observations.areaCodes[a]} in ${2015 + p}`)
    for (let a = 0; a < nA; a++) {
      for (let p = 0; p < nP; p++) {
        const year = 2015 + p
        const pop = sum(ALL, [a], p)
        const u5 = sum(UNDER5, [a], p)
        const u10 = sum(UNDER10, [a], p)
        const u15 = sum(UNDER15, [a], p)
        const working = sum(WORKING, [a], p)
        const old = sum(OLD, [a], p)
        const u3 = get('pop_age_00_02', a, p)
        const a35 = get('pop_age_03_05', a, p)
        if (u3 > u5) fail('pop_age_00_02 ≤ under 5', a, p)
        if (u3 + a35 > u10) fail('pop_age_00_02 + pop_age_03_05 ≤ under 10', a, p)
        if (a35 < u5 - u3) fail('pop_age_03_05 ≥ under 5 − pop_age_00_02', a, p)
        const sgb2 = get('sgb2_total', a, p)
        const sgb2u15 = get('sgb2_u15', a, p)
        if (sgb2u15 > u15 || sgb2 > pop || sgb2u15 > sgb2) fail('SGB II bounds', a, p)
        const unemployed = get('unemployed_sgb2', a, p) + get('unemployed_sgb3', a, p)
        if (get('unemployed_longterm', a, p) > unemployed) fail('long-term ⊆ unemployed', a, p)
        if (unemployed > working) fail('unemployed ≤ 15–64', a, p)
        if (get('employees_svb', a, p) > working) fail('employees ≤ 15–64', a, p)
        if (get('sgb12_gsia', a, p) > old) fail('GSiA ≤ 65+', a, p)
        const examined = get('sei_examined', a, p)
        if (examined > sum(AGE5TO9, [a], p)) fail('examined ≤ 5–9', a, p)
        if (get('sei_language_support', a, p) > examined) fail('language ≤ examined', a, p)
        if (get('sei_overweight', a, p) > examined) fail('overweight ≤ examined', a, p)
        if (get('kita_u3', a, p) > u3) fail('kita_u3 ≤ under 3', a, p)
        if (get('kita_3_6', a, p) > a35) fail('kita_3_6 ≤ 3–5', a, p)
        const households = get('households', a, p)
        if (get('households_one_person', a, p) + get('households_single_parent', a, p) > households)
          fail('household types ≤ households', a, p)
        if (households > pop || (pop > 0 && households === 0)) fail('households vs residents', a, p)
        if (get('dwellings', a, p) < households) fail('dwellings ≥ households', a, p)
        if (year === 2017 || year === 2021) {
          if (get('voters_btw', a, p) > get('voters_eligible_btw', a, p)) fail('BTW voters', a, p)
        }
        if (year === 2016 || year === 2021) {
          if (get('voters_kw', a, p) > get('voters_eligible_kw', a, p)) fail('KW voters', a, p)
        }
        // Demographic balance: population = previous + births − deaths + moves in − moves out.
        if (p > 0) {
          const balance =
            sum(ALL, [a], p - 1) +
            get('births', a, p) -
            get('deaths', a, p) +
            get('moves_in', a, p) -
            get('moves_out', a, p)
          if (balance !== pop) fail(`balance ${balance} = population ${pop}`, a, p)
        }
      }
    }
  })

  it('changes block populations gently from year to year', () => {
    const { sum, nA, nP } = cube(city)
    const changes: number[] = []
    for (let a = 0; a < nA; a++) {
      for (let p = 1; p < nP; p++) {
        const before = sum(ALL, [a], p - 1)
        if (before >= 300) changes.push(Math.abs(sum(ALL, [a], p) / before - 1))
      }
    }
    changes.sort((x, y) => x - y)
    // Median change of a few percent; only the new-build area grows fast.
    expect(changes[Math.floor(changes.length / 2)]!).toBeLessThan(0.03)
    expect(changes[Math.floor(changes.length * 0.95)]!).toBeLessThan(0.07)
  })
})

describe('generateMusterstadt: plausibility', () => {
  const share = (num: readonly string[], den: readonly string[], code = '0', p = 9) => {
    const { sum } = cube(city)
    const blocks = blocksBelow(code)
    return sum(num, blocks, p) / sum(den, blocks, p)
  }

  it('has about 150,000 residents with plausible city-wide shares in 2024', () => {
    const { sum } = cube(city)
    const total = sum(ALL, blocksBelow('0'), 9)
    expect(total).toBeGreaterThanOrEqual(145_000)
    expect(total).toBeLessThanOrEqual(155_000)
    const childPoverty = share(['sgb2_u15'], UNDER15)
    expect(childPoverty).toBeGreaterThanOrEqual(0.15)
    expect(childPoverty).toBeLessThanOrEqual(0.18)
    const sgb2 = share(['sgb2_total'], ALL)
    expect(sgb2).toBeGreaterThanOrEqual(0.08)
    expect(sgb2).toBeLessThanOrEqual(0.1)
    const foreign = share(FOREIGN, ALL)
    expect(foreign).toBeGreaterThanOrEqual(0.12)
    expect(foreign).toBeLessThanOrEqual(0.16)
    const old = share(OLD, ALL)
    expect(old).toBeGreaterThanOrEqual(0.21)
    expect(old).toBeLessThanOrEqual(0.23)
    expect(share(['kita_u3'], ['pop_age_00_02'])).toBeCloseTo(0.35, 1)
    expect(share(['kita_3_6'], ['pop_age_03_05'])).toBeCloseTo(0.92, 1)
  })

  it('follows the trends: refugee arrivals, ageing, pandemic unemployment, fewer births', () => {
    const { sum } = cube(city)
    const all = blocksBelow('0')
    const foreignShare = (p: number) => sum(FOREIGN, all, p) / sum(ALL, all, p)
    expect(foreignShare(1)).toBeGreaterThan(foreignShare(0))
    expect(foreignShare(7)).toBeGreaterThan(foreignShare(6) + 0.005)
    expect(sum(OLD, all, 9) / sum(ALL, all, 9)).toBeGreaterThan(sum(OLD, all, 0) / sum(ALL, all, 0))
    expect(sum(['unemployed_sgb3'], all, 5)).toBeGreaterThan(
      1.15 * sum(['unemployed_sgb3'], all, 4),
    )
    expect(sum(['births'], all, 9)).toBeLessThan(sum(['births'], all, 6))
    expect(sum(['sgb2_total'], all, 2)).toBeGreaterThan(sum(['sgb2_total'], all, 0))
  })

  it('has disadvantaged areas, an ageing suburb and a fast-growing new-build area', () => {
    const { sum } = cube(city)
    const areas = layer('sozialraum')
    const poor = areas.filter((a) => share(['sgb2_u15'], UNDER15, a.code) >= 0.35)
    expect(poor.length).toBeGreaterThanOrEqual(2)
    for (const a of poor) {
      expect(share(['sgb2_u15'], UNDER15, a.code)).toBeLessThanOrEqual(0.5)
      expect(share(FOREIGN, ALL, a.code)).toBeGreaterThanOrEqual(0.25)
      expect(share(FOREIGN, ALL, a.code)).toBeLessThanOrEqual(0.45)
    }
    const suburb = areas.find((a) => a.name === 'Hohe Heide')!
    expect(share(OLD, ALL, suburb.code)).toBeGreaterThanOrEqual(0.35)
    expect(share(['sgb2_total'], ALL, suburb.code)).toBeLessThan(0.04)
    const newBuild = areas.find((a) => a.name === 'Weidenfeld')!
    const blocks = blocksBelow(newBuild.code)
    expect(sum(ALL, blocks, 9)).toBeGreaterThanOrEqual(2 * sum(ALL, blocks, 0))
    expect(share(UNDER10, ALL, newBuild.code)).toBeGreaterThan(share(UNDER10, ALL))
    const students = areas.find((a) => a.name === 'Hochschulviertel')!
    const young = popKeys((_s, _n, g) => ['20_24', '25_29'].includes(g))
    expect(share(young, ALL, students.code)).toBeGreaterThan(2 * share(young, ALL))
    expect(areas.map((a) => a.name)).toContain('Altstadt')
    expect(areas.map((a) => a.name)).toContain('Bahnhofsviertel')
  })

  it('has turnout near 75 % (Bundestag) and 55 % (municipal), lower in poor areas', () => {
    const t2021 = share(['voters_btw'], ['voters_eligible_btw'], '0', 6)
    expect(t2021).toBeGreaterThan(0.7)
    expect(t2021).toBeLessThan(0.8)
    const kw = share(['voters_kw'], ['voters_eligible_kw'], '0', 6)
    expect(kw).toBeGreaterThan(0.5)
    expect(kw).toBeLessThan(0.6)
    const poorest = [...layer('sozialraum')].sort(
      (a, b) => share(['sgb2_u15'], UNDER15, b.code) - share(['sgb2_u15'], UNDER15, a.code),
    )[0]!
    expect(share(['voters_btw'], ['voters_eligible_btw'], poorest.code, 6)).toBeLessThan(0.6)
    // Municipal elections include EU citizens and 16-year-olds: more eligible voters.
    expect(share(['voters_eligible_kw'], ['voters_eligible_btw'], '0', 6)).toBeGreaterThan(1)
  })

  it('gives disclosure control work: small counts, tiny blocks', () => {
    const { get, sum, nA, nP } = cube(city)
    let ones = 0
    let twos = 0
    for (let a = 0; a < nA; a++) {
      for (let p = 0; p < nP; p++) {
        const v = get('sgb2_u15', a, p)
        if (v === 1) ones++
        if (v === 2) twos++
      }
    }
    expect(ones).toBeGreaterThan(0)
    expect(twos).toBeGreaterThan(0)
    const tiny = [...Array(nA).keys()].filter((a) => sum(ALL, [a], 9) <= 80)
    expect(tiny.length).toBeGreaterThanOrEqual(3)
    expect(blockIndex.size).toBe(nA)
  })
})

describe('generateMusterstadt: providers and facilities', () => {
  it('lists the city, the free welfare associations and private providers', () => {
    const names = city.providers.map((p) => p.name)
    expect(new Set(names).size).toBe(names.length)
    expect(city.providers.find((p) => p.name === 'Stadt Musterstadt')?.kind).toBe('public')
    for (const assoc of ['AWO', 'Caritas', 'Diakonie', 'DRK', 'Paritätischer'] as const) {
      expect(city.providers.some((p) => p.association === assoc && p.kind === 'free_welfare')).toBe(
        true,
      )
    }
    const priv = city.providers.filter((p) => p.kind === 'private')
    expect(priv.length).toBeGreaterThanOrEqual(2)
    expect(priv.length).toBeLessThanOrEqual(3)
    for (const p of city.providers) if (p.kind !== 'free_welfare') expect(p.association).toBeNull()
  })

  it('has the expected number of facilities per category', () => {
    const count = (c: string) => city.facilities.filter((f) => f.category === c).length
    const schools = city.facilities.filter((f) => f.category === 'school')
    const primary = schools.filter((f) => f.name.startsWith('Grundschule')).length
    expect(count('kita')).toBeGreaterThanOrEqual(90)
    expect(count('kita')).toBeLessThanOrEqual(100)
    expect(primary).toBeGreaterThanOrEqual(18)
    expect(primary).toBeLessThanOrEqual(22)
    expect(schools.length - primary).toBeGreaterThanOrEqual(8)
    expect(schools.length - primary).toBeLessThanOrEqual(12)
    expect(count('youth_centre')).toBeGreaterThanOrEqual(8)
    expect(count('youth_centre')).toBeLessThanOrEqual(12)
    expect(count('senior_centre')).toBeGreaterThanOrEqual(8)
    expect(count('senior_centre')).toBeLessThanOrEqual(12)
    expect(count('counselling')).toBeGreaterThanOrEqual(10)
    expect(count('counselling')).toBeLessThanOrEqual(15)
    expect(count('family_centre')).toBeGreaterThanOrEqual(6)
    expect(count('family_centre')).toBeLessThanOrEqual(8)
  })

  it('places every facility inside the city with complete, plausible attributes', () => {
    const cityGeometry = layer('gesamtstadt')[0]!.geometry.coordinates
    const providers = new Set(city.providers.map((p) => p.name))
    const names = city.facilities.map((f) => f.name)
    expect(new Set(names).size).toBe(names.length)
    for (const f of city.facilities) {
      expect(pointInMultiPolygon([f.lon, f.lat], cityGeometry)).toBe(true)
      expect(providers.has(f.providerName)).toBe(true)
      expect(f.postcode).toMatch(/^31\d{3}$/)
      expect(f.street).toMatch(/^\D+ \d+[ab]?$/)
      expect(f.capacity).toBeGreaterThan(0)
      expect(Number.isInteger(f.capacity)).toBe(true)
      expect(f.capacityUnit.length).toBeGreaterThan(0)
      expect(f.targetGroup.length).toBeGreaterThan(0)
      expect(f.opened).toBeGreaterThanOrEqual(1500)
      expect(f.opened).toBeLessThanOrEqual(2024)
      if (f.category === 'kita') {
        expect(f.capacity).toBeGreaterThanOrEqual(40)
        expect(f.capacity).toBeLessThanOrEqual(150)
        expect(f.capacityUnit).toBe('Plätze')
      }
      if (f.category === 'school') expect(f.capacityUnit).toBe('Schülerinnen und Schüler')
    }
  })

  it('concentrates youth and family centres in poor areas and leaves a Kita gap in the new-build area', () => {
    const areaOf = (lon: number, lat: number) =>
      layer('sozialraum').find((a) => pointInMultiPolygon([lon, lat], a.geometry.coordinates))!
    const { sum } = cube(city)
    const poorCodes = new Set(
      layer('sozialraum')
        .filter((a) => {
          const b = blocksBelow(a.code)
          return sum(['sgb2_u15'], b, 9) / sum(UNDER15, b, 9) >= 0.3
        })
        .map((a) => a.code),
    )
    const family = city.facilities.filter((f) => f.category === 'family_centre')
    const inPoor = family.filter((f) => poorCodes.has(areaOf(f.lon, f.lat).code)).length
    expect(inPoor).toBeGreaterThanOrEqual(Math.min(3, poorCodes.size))
    const youth = city.facilities.filter((f) => f.category === 'youth_centre')
    expect(
      youth.filter((f) => poorCodes.has(areaOf(f.lon, f.lat).code)).length,
    ).toBeGreaterThanOrEqual(Math.min(3, poorCodes.size))

    // Kita places per child under 6 in the new-build area are far below the city's.
    const placesIn = (code: string | null) =>
      city.facilities
        .filter(
          (f) => f.category === 'kita' && (code === null || areaOf(f.lon, f.lat).code === code),
        )
        .reduce((s, f) => s + f.capacity, 0)
    const children = (code: string) => sum(['pop_age_00_02', 'pop_age_03_05'], blocksBelow(code), 9)
    const newBuild = layer('sozialraum').find((a) => a.name === 'Weidenfeld')!
    const cityRate = placesIn(null) / children('0')
    expect(placesIn(newBuild.code) / children(newBuild.code)).toBeLessThan(0.5 * cityRate)
  })
})

describe('generateMusterstadt: other seeds', () => {
  it.each([1, 42])('seed %i also yields a valid, plausible city', (seed) => {
    const other = generateMusterstadt(seed)
    const blocks = other.areas.filter((a) => a.layerKey === 'block')
    const areas = other.areas.filter((a) => a.layerKey === 'sozialraum')
    expect(areas.length).toBeGreaterThanOrEqual(30)
    expect(areas.length).toBeLessThanOrEqual(40)
    expect(blocks.length).toBeGreaterThanOrEqual(215)
    expect(blocks.length).toBeLessThanOrEqual(285)
    const total = multiPolygonArea(other.areas[0]!.geometry.coordinates)
    for (const key of ['stadtbezirk', 'sozialraum', 'block']) {
      const sum = other.areas
        .filter((a) => a.layerKey === key)
        .reduce((s, a) => s + multiPolygonArea(a.geometry.coordinates as Ring[][]), 0)
      expect(Math.abs(sum - total) / total).toBeLessThan(1e-9)
    }
    const c = cube(other)
    const all = [...Array(c.nA).keys()]
    const pop = c.sum(ALL, all, 9)
    expect(pop).toBeGreaterThanOrEqual(145_000)
    expect(pop).toBeLessThanOrEqual(155_000)
    const cp = c.sum(['sgb2_u15'], all, 9) / c.sum(UNDER15, all, 9)
    expect(cp).toBeGreaterThanOrEqual(0.15)
    expect(cp).toBeLessThanOrEqual(0.18)
  })
})
