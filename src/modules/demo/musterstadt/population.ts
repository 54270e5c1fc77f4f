/**
 * Residents of every block 2015–2024 by sex, nationality and single year of age, from a small
 * cohort-component simulation with integer counts.
 *
 * Each year: deaths (age- and sex-specific rates, Gompertz), naturalisations, births (age-specific
 * fertility), ageing by one year, refugee arrivals (2015–2016, 2022), and migration. Migration
 * pulls each block's age structure towards the typical structure of its Sozialraum type, strongly
 * for young adults who move a lot and weakly for old people who rarely do — so student quarters
 * stay young while suburbs of detached houses age with their first owners. Because every change is
 * counted, `population(y) = population(y−1) + births − deaths + moves_in − moves_out` holds exactly.
 * Counts change by a few persons a year per cell, never jump.
 */
import type { Random } from '../../../core/random.js'
import {
  type BlockKind,
  BLOCK_KIND_PROFILES,
  FOREIGN_AGE_PROFILE,
  GERMAN_AGE_PROFILE,
  type SocialAreaType,
  TYPE_PROFILES,
} from './profiles.js'

/** Reference years of the output: residents on 31 December. */
export const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]
const START_YEAR = 2014

/** Single years of age 0…99 and 100 (= 100 and older). */
export const AGES = 101
/** Cells per block: 2 sexes × 2 nationalities × 101 ages. */
export const CELLS = 4 * AGES
/** Index of a cell: sex 0 = male, 1 = female; nationality 0 = German, 1 = non-German. */
export const cellIndex = (sex: number, nat: number, age: number): number =>
  (sex * 2 + nat) * AGES + age

/** Population at the end of 2014, before the city-wide growth of the following decade. */
const START_POPULATION = 139_000

/** What the simulation needs to know about a block. */
export interface BlockInput {
  type: SocialAreaType
  kind: BlockKind
  /** Block area (m²): larger blocks house more people within a type. */
  area: number
  /** For new-build blocks: year construction starts (null = existing buildings only). */
  constructionStart: number | null
}

export interface PopulationResult {
  /** Residents on 31.12.: `counts[(y * nBlocks + b) * CELLS + cellIndex(...)]`, y indexes YEARS. */
  counts: Int32Array
  /** The end-of-2014 state, `[b * CELLS + cell]`. */
  initial: Int32Array
  /** Flows during the year, `[y * nBlocks + b]`. */
  births: Int32Array
  deaths: Int32Array
  movesIn: Int32Array
  movesOut: Int32Array
}

/** Spreads five-year group weights over single years (uniform, lightly smoothed; 85+ declines). */
function singleYears(groups: readonly number[]): Float64Array {
  const raw = new Float64Array(AGES)
  for (let a = 0; a < 85; a++) raw[a] = (groups[Math.floor(a / 5)] as number) / 5
  const top = groups[17] as number
  const r = 0.8
  const norm = (1 - Math.pow(r, 16)) / (1 - r)
  for (let a = 85; a < AGES; a++) raw[a] = (top * Math.pow(r, a - 85)) / norm
  const out = new Float64Array(AGES)
  for (let a = 0; a < AGES; a++) {
    if (a === 0 || a >= 84) out[a] = raw[a] as number
    else
      out[a] =
        0.25 * (raw[a - 1] as number) + 0.5 * (raw[a] as number) + 0.25 * (raw[a + 1] as number)
  }
  return out
}

const GERMAN_SINGLE = singleYears(GERMAN_AGE_PROFILE)
const FOREIGN_SINGLE = singleYears(FOREIGN_AGE_PROFILE)

/** Share of women by nationality and age (more women among the old; young migrants mostly men). */
function femaleShare(nat: number, age: number): number {
  if (nat === 0) {
    if (age < 55) return 0.488
    if (age < 65) return 0.505
    if (age < 75) return 0.53
    if (age < 85) return 0.58
    return 0.69
  }
  if (age < 15) return 0.485
  if (age < 45) return 0.45
  if (age < 65) return 0.48
  return 0.53
}

/** Probability of dying within a year (German life tables, Gompertz above age 30). */
function deathRate(sex: number, age: number): number {
  const base = age === 0 ? 0.0033 : age < 15 ? 0.0001 : sex === 0 ? 0.0005 : 0.00025
  const gompertz = sex === 0 ? Math.exp(-10.55 + 0.0966 * age) : Math.exp(-12.5 + 0.115 * age)
  return Math.min(0.6, base + gompertz)
}

/** Excess mortality in the pandemic years. */
const MORTALITY_YEAR: Record<number, number> = { 2020: 1.04, 2021: 1.06, 2022: 1.07 }

/** Total fertility rate by year (Germany: peak 2016 and 2021, falling after 2021). */
const TFR: Record<number, number> = {
  2015: 1.5,
  2016: 1.59,
  2017: 1.57,
  2018: 1.57,
  2019: 1.54,
  2020: 1.53,
  2021: 1.58,
  2022: 1.46,
  2023: 1.35,
  2024: 1.35,
}

/** Age pattern of fertility: a normal curve around 31 years over ages 15–49, summing to 1. */
const FERTILITY_AGE = (() => {
  const f = new Float64Array(AGES)
  let sum = 0
  for (let a = 15; a < 50; a++) {
    f[a] = Math.exp(-0.5 * Math.pow((a - 31) / 5.5, 2))
    sum += f[a] as number
  }
  for (let a = 15; a < 50; a++) f[a] = (f[a] as number) / sum
  return f
})()

/** How likely people of an age are to move (young adults most, the old least). */
function mobilityByAge(age: number): number {
  if (age < 6) return 0.5
  if (age < 18) return 0.35
  if (age < 30) return 1
  if (age < 40) return 0.7
  if (age < 50) return 0.4
  if (age < 65) return 0.12
  if (age < 80) return 0.03
  return 0.06 // moves into care homes
}

/**
 * Refugees arriving per year as a share of the city's population: Syria/Afghanistan/Iraq 2015–2016,
 * Ukraine 2022. Two thirds stay in the city for good; the rest move on over the following years.
 */
const REFUGEE_INFLOW: Record<number, number> = {
  2015: 0.013,
  2016: 0.007,
  2017: 0.002,
  2018: 0.001,
  2022: 0.011,
  2023: 0.003,
  2024: 0.0015,
}
const REFUGEE_RETENTION = 0.67

/** Age–sex pattern of refugees: 2015–2018 many young men; 2022 on women, children and old. */
function refugeeProfile(year: number): Float64Array {
  const p = new Float64Array(2 * AGES)
  const ukraine = year >= 2022
  const bands: [number, number, number, number][] = ukraine
    ? [
        [0, 6, 0.08, 0.5],
        [6, 18, 0.24, 0.5],
        [18, 30, 0.12, 0.25],
        [30, 45, 0.26, 0.25],
        [45, 65, 0.2, 0.35],
        [65, 90, 0.1, 0.35],
      ]
    : [
        [0, 6, 0.12, 0.52],
        [6, 18, 0.16, 0.55],
        [18, 30, 0.38, 0.72],
        [30, 45, 0.24, 0.65],
        [45, 65, 0.08, 0.55],
        [65, 80, 0.02, 0.5],
      ]
  for (const [from, to, share, male] of bands) {
    for (let a = from; a < to; a++) {
      p[a] = (share * male) / (to - from)
      p[AGES + a] = (share * (1 - male)) / (to - from)
    }
  }
  return p
}

/** Age shape of a block: its kind's for special blocks, else its Sozialraum type's. */
function shapeOf(block: BlockInput): number[] {
  return block.kind === 'residential'
    ? TYPE_PROFILES[block.type].ageShape
    : BLOCK_KIND_PROFILES[block.kind].ageShape
}

/**
 * Runs the simulation. `rng` should be a dedicated stream; the result depends only on it and the
 * blocks.
 */
export function simulatePopulation(rng: Random, blocks: readonly BlockInput[]): PopulationResult {
  const nb = blocks.length
  const ny = YEARS.length

  // --- Block capacities (residents the housing stock holds), profiles and nationality shares ---
  const meanArea = new Map<SocialAreaType, number>()
  for (const t of Object.keys(TYPE_PROFILES) as SocialAreaType[]) {
    const areas = blocks.filter((b) => b.type === t && b.kind === 'residential').map((b) => b.area)
    if (areas.length > 0) meanArea.set(t, areas.reduce((a, b) => a + b, 0) / areas.length)
  }
  const regular = new Float64Array(nb) // scaled to the city total below
  const fixed = new Float64Array(nb) // special blocks, new-build: not scaled
  const finalNewBuild = new Float64Array(nb)
  blocks.forEach((b, i) => {
    if (b.kind !== 'residential') {
      const k = BLOCK_KIND_PROFILES[b.kind]
      fixed[i] = rng.uniform(k.minPopulation, k.maxPopulation)
    } else if (b.type === 'new_build') {
      // Construction blocks start nearly empty; the rest are old farmsteads and houses.
      if (b.constructionStart !== null) {
        fixed[i] = rng.uniform(8, 35)
        finalNewBuild[i] = rng.uniform(480, 760)
      } else fixed[i] = rng.uniform(60, 150)
    } else {
      const p = TYPE_PROFILES[b.type]
      const rel = b.area / (meanArea.get(b.type) as number)
      regular[i] = p.blockPopulation * Math.pow(rel, 0.3) * Math.exp(rng.normal(0, 0.22))
    }
  })
  const fixedSum = fixed.reduce((a, b) => a + b, 0)
  const regularSum = regular.reduce((a, b) => a + b, 0)
  const scale = (START_POPULATION - fixedSum) / regularSum
  const capacity0 = regular.map((v, i) => (v > 0 ? v * scale : (fixed[i] as number)))

  const foreignShare0 = new Float64Array(nb)
  const profiles: Float64Array[] = [] // per block: [nat][age] normalised within nationality
  blocks.forEach((b, i) => {
    const p = TYPE_PROFILES[b.type]
    foreignShare0[i] = Math.min(0.6, p.foreignShare * Math.exp(rng.normal(0, 0.25)))
    const shape = singleYears(shapeOf(b))
    // A gentle per-block tilt towards younger or older residents, so blocks of one type differ.
    const tilt = rng.normal(0, 0.12)
    const prof = new Float64Array(2 * AGES)
    for (let n = 0; n < 2; n++) {
      const base = n === 0 ? GERMAN_SINGLE : FOREIGN_SINGLE
      let sum = 0
      for (let a = 0; a < AGES; a++) {
        const w = (base[a] as number) * (shape[a] as number) * Math.exp((tilt * (a - 40)) / 40)
        prof[n * AGES + a] = w
        sum += w
      }
      for (let a = 0; a < AGES; a++) prof[n * AGES + a] = (prof[n * AGES + a] as number) / sum
    }
    profiles.push(prof)
  })

  /** Residents the block's housing holds in a year, by nationality (refugees added separately). */
  const capacity = (i: number, year: number): number => {
    const b = blocks[i] as BlockInput
    if (b.type === 'new_build' && b.constructionStart !== null && b.kind === 'residential') {
      // Three years from ground-breaking to the last house being occupied.
      const progress = Math.min(1, Math.max(0, (year - b.constructionStart + 1) / 3))
      return (fixed[i] as number) + progress * ((finalNewBuild[i] as number) - (fixed[i] as number))
    }
    const growth = b.kind === 'residential' ? TYPE_PROFILES[b.type].growth : 0
    return (capacity0[i] as number) * Math.pow(1 + growth, year - START_YEAR)
  }
  // EU free movement and family reunion raise the non-German share slowly every year.
  const foreignTrend = (year: number) => Math.pow(1.01, year - START_YEAR)
  const refugeeStock = new Float64Array(nb)
  const target = (i: number, year: number, nat: number): number => {
    const cap = capacity(i, year)
    const f = foreignShare0[i] as number
    return nat === 0
      ? cap * (1 - f)
      : cap * f * foreignTrend(year) + REFUGEE_RETENTION * (refugeeStock[i] as number)
  }

  // --- Initial state, end of 2014 ---------------------------------------------------------------
  const state = new Int32Array(nb * CELLS)
  for (let i = 0; i < nb; i++) {
    const prof = profiles[i] as Float64Array
    for (let n = 0; n < 2; n++) {
      const total = target(i, START_YEAR, n)
      for (let a = 0; a < AGES; a++) {
        const x = total * (prof[n * AGES + a] as number)
        const fs = femaleShare(n, a)
        state[i * CELLS + cellIndex(0, n, a)] = rng.round(x * (1 - fs))
        state[i * CELLS + cellIndex(1, n, a)] = rng.round(x * fs)
      }
    }
  }
  const initial = state.slice()

  const counts = new Int32Array(ny * nb * CELLS)
  const births = new Int32Array(ny * nb)
  const deaths = new Int32Array(ny * nb)
  const movesIn = new Int32Array(ny * nb)
  const movesOut = new Int32Array(ny * nb)
  const refugeeWeights = blocks.map((b) =>
    b.kind === 'residential' ? TYPE_PROFILES[b.type].refugeeWeight : 0,
  )

  YEARS.forEach((year, y) => {
    // Refugees are spread over blocks by type weight and size.
    const inflowShare = REFUGEE_INFLOW[year] ?? 0
    let cityPop = 0
    let weightSum = 0
    const blockPop = new Float64Array(nb)
    for (let i = 0; i < nb; i++) {
      let s = 0
      for (let c = 0; c < CELLS; c++) s += state[i * CELLS + c] as number
      blockPop[i] = s
      cityPop += s
      weightSum += s * (refugeeWeights[i] as number)
    }
    const refugeeAges = refugeeProfile(year)

    for (let i = 0; i < nb; i++) {
      const b = blocks[i] as BlockInput
      const p = TYPE_PROFILES[b.type]
      const off = i * CELLS
      const prof = profiles[i] as Float64Array
      let dead = 0
      let added = 0
      let removed = 0

      // 1. Deaths during the year (by age at the start of the year).
      const mort = (b.kind === 'residential' ? p.mortality : 1) * (MORTALITY_YEAR[year] ?? 1)
      for (let s = 0; s < 2; s++) {
        for (let n = 0; n < 2; n++) {
          for (let a = 0; a < AGES; a++) {
            const c = off + cellIndex(s, n, a)
            const count = state[c] as number
            if (count === 0) continue
            const d = Math.min(count, rng.round(count * deathRate(s, a) * mort))
            state[c] = count - d
            dead += d
          }
        }
      }

      // 2. Naturalisations: about 1.3 % of non-Germans a year become German (no move).
      for (let s = 0; s < 2; s++) {
        for (let a = 0; a < AGES; a++) {
          const from = off + cellIndex(s, 1, a)
          const k = Math.min(state[from] as number, rng.round((state[from] as number) * 0.013))
          state[from] = (state[from] as number) - k
          state[off + cellIndex(s, 0, a)] = (state[off + cellIndex(s, 0, a)] as number) + k
        }
      }

      // 3. Births to women aged 15–49; non-German mothers have more children. A share of their
      // children is German by birth (ius soli, one German parent).
      const fert = (b.kind === 'residential' ? p.fertility : 1) * (TFR[year] as number)
      let bornDe = 0
      let bornNd = 0
      for (let a = 15; a < 50; a++) {
        bornDe += (state[off + cellIndex(1, 0, a)] as number) * (FERTILITY_AGE[a] as number) * fert
        bornNd +=
          (state[off + cellIndex(1, 1, a)] as number) * (FERTILITY_AGE[a] as number) * fert * 1.35
      }
      const newbornNd = rng.round(bornNd)
      const toGerman = rng.round(newbornNd * 0.45)
      const newborn = [rng.round(bornDe) + toGerman, newbornNd - toGerman]

      // 4. Ageing: everyone is one year older on 31 December.
      for (let s = 0; s < 2; s++) {
        for (let n = 0; n < 2; n++) {
          const base = off + cellIndex(s, n, 0)
          state[base + 100] = (state[base + 100] as number) + (state[base + 99] as number)
          for (let a = 99; a > 0; a--) state[base + a] = state[base + a - 1] as number
          state[base] = 0
        }
      }
      for (let n = 0; n < 2; n++) {
        const boys = rng.round((newborn[n] as number) * 0.513)
        state[off + cellIndex(0, n, 0)] = boys
        state[off + cellIndex(1, n, 0)] = (newborn[n] as number) - boys
      }
      const born = (newborn[0] as number) + (newborn[1] as number)

      // 5. Refugees arriving this year.
      if (inflowShare > 0 && weightSum > 0) {
        const expected =
          (inflowShare * cityPop * (blockPop[i] as number) * (refugeeWeights[i] as number)) /
          weightSum
        refugeeStock[i] = (refugeeStock[i] as number) + expected
        for (let s = 0; s < 2; s++) {
          for (let a = 0; a < AGES; a++) {
            const k = rng.round(expected * (refugeeAges[s * AGES + a] as number))
            if (k > 0) {
              state[off + cellIndex(s, 1, a)] = (state[off + cellIndex(s, 1, a)] as number) + k
              added += k
            }
          }
        }
      }

      // 6. Migration towards the type's typical age structure and the housing capacity.
      const kappa = b.kind === 'residential' ? p.mobility : 0.3
      for (let n = 0; n < 2; n++) {
        const total = target(i, year, n)
        for (let a = 0; a < AGES; a++) {
          const x = total * (prof[n * AGES + a] as number)
          const fs = femaleShare(n, a)
          const rate = kappa * mobilityByAge(a)
          for (let s = 0; s < 2; s++) {
            const c = off + cellIndex(s, n, a)
            const count = state[c] as number
            const want = x * (s === 0 ? 1 - fs : fs)
            const net = rng.round(rate * (want - count))
            if (net > 0) {
              state[c] = count + net
              added += net
            } else if (net < 0) {
              const k = Math.min(count, -net)
              state[c] = count - k
              removed += k
            }
          }
        }
      }

      // 7. Turnover: moves in and out that balance (people replacing each other).
      const turnover = b.kind === 'residential' ? p.turnover : 0.06
      const churn = rng.round((blockPop[i] as number) * turnover * Math.exp(rng.normal(0, 0.06)))

      births[y * nb + i] = born
      deaths[y * nb + i] = dead
      movesIn[y * nb + i] = added + churn
      movesOut[y * nb + i] = removed + churn
    }
    counts.set(state, y * nb * CELLS)
  })

  return { counts, initial, births, deaths, movesIn, movesOut }
}
