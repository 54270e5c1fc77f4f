/**
 * Social data of every block and year, derived from the simulated residents: SGB II, unemployment,
 * employment, old-age basic income, school-entry examination, day care, elections, households and
 * housing — assembled with the population counts into the observation cube.
 *
 * Each figure is residents × rate. A rate is the Sozialraum type's level (profiles.ts) × a
 * persistent block effect for deprivation (blocks of one type differ, and poverty, old-age poverty,
 * language needs and low turnout go together) × a city-wide year factor (refugee arrivals reach
 * SGB II with a delay, COVID-19 raised unemployment in 2020–2021) × a small, autocorrelated noise.
 * SGB II, day care and turnout levels are scaled so that the city-wide value in 2024 meets its
 * target. Counts are rounded stochastically and clamped to the group they count (e.g. SGB II
 * recipients under 15 never exceed residents under 15).
 */
import type { Random } from '../../../core/random.js'
import type { DemoObservations } from '../types.js'
import { AGES, CELLS, cellIndex, type PopulationResult, YEARS } from './population.js'
import {
  AGE_GROUPS,
  type BlockKind,
  CITY_TARGETS,
  REFERENCE_YEAR,
  type SocialAreaType,
  TYPE_PROFILES,
} from './profiles.js'
import { BUNDESTAG_YEARS, MUNICIPAL_YEARS, demoVariables } from './variables.js'

export interface SocialBlock {
  code: string
  type: SocialAreaType
  kind: BlockKind
  socialArea: number
}

/** SGB II year factors. Germans: steady decline with the labour market boom, COVID bump 2020. */
const SGB2_GERMAN_YEAR = [1.0, 0.99, 0.97, 0.94, 0.91, 0.94, 0.93, 0.9, 0.91, 0.93]
/** Non-Germans: refugees of 2015–2016 move from asylum-seeker benefits into SGB II in 2016–2018;
 * Ukrainians receive SGB II directly from June 2022. */
const SGB2_FOREIGN_YEAR = [1.0, 1.12, 1.3, 1.32, 1.25, 1.25, 1.18, 1.3, 1.38, 1.34]
/** Unemployment: falling until 2019, COVID-19 rise 2020, renewed slight rise 2023–2024. */
const UNEMPLOYMENT_YEAR = [1.06, 1.03, 0.98, 0.93, 0.9, 1.0, 0.97, 0.92, 0.96, 1.0]
/** SGB III (insurance) unemployment reacts most to the pandemic (short-time work aside). */
const SGB3_COVID = [1, 1, 1, 1, 1, 1.3, 1.1, 1, 1, 1]
/** Long-term unemployment rose after the pandemic. */
const LONGTERM_YEAR = [1, 1, 1, 0.97, 0.95, 1.0, 1.2, 1.15, 1.05, 1.0]
const EMPLOYMENT_YEAR = [0.94, 0.955, 0.97, 0.985, 1.0, 0.99, 1.0, 1.015, 1.025, 1.03]
/** Old-age poverty grows steadily (pension levels, more low-wage biographies). */
const GSIA_YEAR = YEARS.map((y) => 1 + 0.025 * (y - 2015))
/** Share of a cohort seen at the school-entry examination; reduced programme in the pandemic. */
const SEI_COVERAGE = [0.96, 0.96, 0.96, 0.96, 0.96, 0.82, 0.88, 0.95, 0.96, 0.96]
const LANGUAGE_YEAR = [1, 1.05, 1.08, 1.05, 1, 1, 1.1, 1.14, 1.1, 1.08]
const OVERWEIGHT_YEAR = [1, 1, 1, 1, 1, 1.04, 1.12, 1.15, 1.08, 1.05]
/** Day-care expansion after the legal entitlement for children aged 1–3 (2013). */
const KITA_U3_YEAR = [0.8, 0.83, 0.86, 0.89, 0.92, 0.93, 0.95, 0.97, 0.99, 1.0]
const KITA_36_YEAR = [0.975, 0.978, 0.98, 0.983, 0.986, 0.97, 0.99, 0.995, 0.998, 1.0]

/** Residents by group for one block and year. */
interface Groups {
  total: number
  under15: [number, number]
  working: [number, number] // 15–64
  old: [number, number] // 65+
  age5: [number, number]
  under3: number
  age3to5: number
  under18: number
  adults16: [number, number]
  adults18: [number, number]
}

function groupsOf(counts: Int32Array, offset: number): Groups {
  const g: Groups = {
    total: 0,
    under15: [0, 0],
    working: [0, 0],
    old: [0, 0],
    age5: [0, 0],
    under3: 0,
    age3to5: 0,
    under18: 0,
    adults16: [0, 0],
    adults18: [0, 0],
  }
  for (let s = 0; s < 2; s++) {
    for (const n of [0, 1] as const) {
      for (let a = 0; a < AGES; a++) {
        const v = counts[offset + cellIndex(s, n, a)] as number
        if (v === 0) continue
        g.total += v
        if (a < 15) g.under15[n] += v
        else if (a < 65) g.working[n] += v
        else g.old[n] += v
        if (a === 5) g.age5[n] += v
        if (a < 3) g.under3 += v
        else if (a < 6) g.age3to5 += v
        if (a < 18) g.under18 += v
        if (a >= 16) g.adults16[n] += v
        if (a >= 18) g.adults18[n] += v
      }
    }
  }
  return g
}

/**
 * Builds the observation cube of all demo variables for the blocks, from the simulated residents.
 */
export function buildObservations(
  rng: Random,
  blocks: readonly SocialBlock[],
  socialAreaCount: number,
  pop: PopulationResult,
): DemoObservations {
  const variables = demoVariables()
  const nb = blocks.length
  const ny = YEARS.length
  const ref = YEARS.indexOf(REFERENCE_YEAR)
  const values = new Float64Array(variables.length * nb * ny)
  const varIndex = new Map(variables.map((v, i) => [v.key, i]))
  const set = (key: string, b: number, y: number, value: number) => {
    const v = varIndex.get(key)
    if (v === undefined) throw new Error(`Unknown demo variable "${key}".`)
    values[(v * nb + b) * ny + y] = value
  }

  // --- Population counts -------------------------------------------------------------------------
  const groups: Groups[] = [] // [y * nb + b]
  for (let y = 0; y < ny; y++) {
    for (let b = 0; b < nb; b++) {
      const offset = (y * nb + b) * CELLS
      for (const [s, sk] of ['m', 'f'].entries()) {
        for (const [n, nk] of ['de', 'nd'].entries()) {
          AGE_GROUPS.forEach((g, gi) => {
            const to = gi === AGE_GROUPS.length - 1 ? AGES : gi * 5 + 5
            let sum = 0
            for (let a = gi * 5; a < to; a++)
              sum += pop.counts[offset + cellIndex(s, n, a)] as number
            set(`pop_${sk}_${nk}_${g}`, b, y, sum)
          })
        }
      }
      const g = groupsOf(pop.counts, offset)
      groups.push(g)
      set('pop_age_00_02', b, y, g.under3)
      set('pop_age_03_05', b, y, g.age3to5)
      set('births', b, y, pop.births[y * nb + b] as number)
      set('deaths', b, y, pop.deaths[y * nb + b] as number)
      set('moves_in', b, y, pop.movesIn[y * nb + b] as number)
      set('moves_out', b, y, pop.movesOut[y * nb + b] as number)
    }
  }
  const G = (b: number, y: number) => groups[y * nb + b] as Groups

  // --- Persistent block effects and autocorrelated noise ----------------------------------------
  const areaEffect = Array.from({ length: socialAreaCount }, () => rng.normal(0, 0.08))
  const deprivation = blocks.map((blk) =>
    Math.exp(rng.normal(0, 0.18) + (areaEffect[blk.socialArea] as number)),
  )
  /** AR(1) noise per block and year around 1 (sd about 3 %, correlation 0.7 year to year). */
  const noise = (): Float64Array => {
    const out = new Float64Array(nb * ny)
    for (let b = 0; b < nb; b++) {
      let e = rng.normal(0, 0.03)
      for (let y = 0; y < ny; y++) {
        if (y > 0) e = 0.7 * e + rng.normal(0, 0.021)
        out[b * ny + y] = Math.exp(e)
      }
    }
    return out
  }
  const profile = (b: number) => TYPE_PROFILES[(blocks[b] as SocialBlock).type]
  const clampCount = (x: number, max: number) => Math.max(0, Math.min(max, rng.round(x)))

  // --- SGB II ------------------------------------------------------------------------------------
  const nSgb = noise()
  const childRate = new Float64Array(nb * ny * 2)
  const adultRate = new Float64Array(nb * ny * 2)
  let childExpected = 0
  let adultExpected = 0
  let under15Ref = 0
  let totalRef = 0
  for (let b = 0; b < nb; b++) {
    const p = profile(b)
    const dep = deprivation[b] as number
    for (let y = 0; y < ny; y++) {
      const e = nSgb[b * ny + y] as number
      const de = p.sgb2Child * dep * e * (SGB2_GERMAN_YEAR[y] as number)
      const nd = p.sgb2Child * dep * e * (SGB2_FOREIGN_YEAR[y] as number)
      const i = (b * ny + y) * 2
      childRate[i] = de
      childRate[i + 1] = nd * 1.7
      adultRate[i] = de * 0.62
      adultRate[i + 1] = nd * 0.62 * 2.3
      if (y === ref) {
        const g = G(b, y)
        childExpected += g.under15[0] * de + g.under15[1] * nd * 1.7
        adultExpected += g.working[0] * de * 0.62 + g.working[1] * nd * 0.62 * 2.3
        under15Ref += g.under15[0] + g.under15[1]
        totalRef += g.total
      }
    }
  }
  const kChild = (CITY_TARGETS.childPoverty * under15Ref) / childExpected
  const kAdult =
    (CITY_TARGETS.sgb2Rate * totalRef - CITY_TARGETS.childPoverty * under15Ref) / adultExpected

  // --- Everything per block and year -------------------------------------------------------------
  const nUnemp = noise()
  const nEmp = noise()
  const nGsia = noise()
  const nSei = noise()
  const nKita = noise()
  const nHh = noise()
  const turnoutOffset = blocks.map(() => rng.normal(0, 0.015))
  const dwellingSize = blocks.map((blk) =>
    blk.kind === 'residential'
      ? TYPE_PROFILES[blk.type].dwellingSize * rng.uniform(0.9, 1.1)
      : rng.uniform(80, 110),
  )

  // Day care and turnout: calibrate the level in the reference year(s).
  const kitaU3Raw = (b: number, y: number) =>
    profile(b).kitaU3 *
    Math.pow(deprivation[b] as number, -0.3) *
    (KITA_U3_YEAR[y] as number) *
    (nKita[b * ny + y] as number)
  const kita36Raw = (b: number, y: number) =>
    profile(b).kita36 * Math.pow(deprivation[b] as number, -0.1) * (KITA_36_YEAR[y] as number)
  const turnoutRaw = (b: number, year: number) =>
    profile(b).turnout * Math.pow(deprivation[b] as number, -0.15) +
    (turnoutOffset[b] as number) +
    (year === 2021 ? 0.012 : 0)
  // Municipal turnout is lower everywhere and falls off more steeply in poor areas.
  const municipalRaw = (b: number) => {
    const t = turnoutRaw(b, 0)
    return t * (0.55 / 0.75) * Math.sqrt(t / 0.75)
  }
  const eligibleBtw = (g: Groups) => g.adults18[0] * 0.99
  const eligibleKw = (g: Groups, b: number) =>
    g.adults16[0] * 0.99 + g.adults16[1] * profile(b).euShare
  let u3Sum = 0
  let u3Exp = 0
  let k36Sum = 0
  let k36Exp = 0
  let btwSum = 0
  let btwExp = 0
  let kwSum = 0
  let kwExp = 0
  for (let b = 0; b < nb; b++) {
    const g = G(b, ref)
    u3Sum += g.under3
    u3Exp += g.under3 * kitaU3Raw(b, ref)
    k36Sum += g.age3to5
    k36Exp += g.age3to5 * kita36Raw(b, ref)
    for (const year of BUNDESTAG_YEARS) {
      const gy = G(b, YEARS.indexOf(year))
      btwSum += eligibleBtw(gy)
      btwExp += eligibleBtw(gy) * turnoutRaw(b, year)
    }
    for (const year of MUNICIPAL_YEARS) {
      const gy = G(b, YEARS.indexOf(year))
      kwSum += eligibleKw(gy, b)
      kwExp += eligibleKw(gy, b) * municipalRaw(b)
    }
  }
  const kU3 = (CITY_TARGETS.kitaU3 * u3Sum) / u3Exp
  const k36 = (CITY_TARGETS.kita36 * k36Sum) / k36Exp
  const kBtw = (CITY_TARGETS.turnoutBundestag * btwSum) / btwExp
  const kKw = (CITY_TARGETS.turnoutMunicipal * kwSum) / kwExp

  for (let b = 0; b < nb; b++) {
    const p = profile(b)
    const dep = deprivation[b] as number
    let dwellings = -1
    for (let y = 0; y < ny; y++) {
      const year = YEARS[y] as number
      const g = G(b, y)
      const i = (b * ny + y) * 2

      // SGB II: children under 15 and people of working age (SGB II ends at pension age).
      const u15 =
        clampCount(g.under15[0] * Math.min(0.85, kChild * (childRate[i] as number)), g.under15[0]) +
        clampCount(
          g.under15[1] * Math.min(0.9, kChild * (childRate[i + 1] as number)),
          g.under15[1],
        )
      const adults =
        clampCount(g.working[0] * Math.min(0.7, kAdult * (adultRate[i] as number)), g.working[0]) +
        clampCount(
          g.working[1] * Math.min(0.8, kAdult * (adultRate[i + 1] as number)),
          g.working[1],
        )
      set('sgb2_u15', b, y, u15)
      set('sgb2_total', b, y, u15 + adults)

      // Unemployment: about a third of employable SGB II recipients are registered unemployed.
      const working = g.working[0] + g.working[1]
      const eu = nUnemp[b * ny + y] as number
      const u2 = clampCount(adults * 0.36 * (UNEMPLOYMENT_YEAR[y] as number) * eu, adults)
      const u3 = clampCount(
        working *
          p.sgb3Rate *
          Math.sqrt(dep) *
          (UNEMPLOYMENT_YEAR[y] as number) *
          (SGB3_COVID[y] as number) *
          eu,
        working - u2,
      )
      const longterm = clampCount(u2 * 0.5 * (LONGTERM_YEAR[y] as number) + u3 * 0.05, u2 + u3)
      set('unemployed_sgb2', b, y, u2)
      set('unemployed_sgb3', b, y, u3)
      set('unemployed_longterm', b, y, longterm)

      // Employees: non-Germans less often in registered employment (recognition, language).
      const empRate = Math.min(
        0.78,
        p.employmentRate *
          Math.pow(dep, -0.25) *
          (EMPLOYMENT_YEAR[y] as number) *
          (nEmp[b * ny + y] as number),
      )
      set(
        'employees_svb',
        b,
        y,
        clampCount(g.working[0] * empRate + g.working[1] * empRate * 0.72, working),
      )

      // Old-age basic income: far more frequent among non-German pensioners (short contribution years).
      const gsia = p.gsiaRate * dep * (GSIA_YEAR[y] as number) * (nGsia[b * ny + y] as number)
      set(
        'sgb12_gsia',
        b,
        y,
        clampCount(
          g.old[0] * Math.min(0.5, gsia) + g.old[1] * Math.min(0.6, gsia * 4),
          g.old[0] + g.old[1],
        ),
      )

      // School-entry examination: the cohort aged 5; language support mostly for children whose
      // family language is not German.
      const es = nSei[b * ny + y] as number
      const examinedDe = clampCount(g.age5[0] * (SEI_COVERAGE[y] as number), g.age5[0])
      const examinedNd = clampCount(g.age5[1] * (SEI_COVERAGE[y] as number), g.age5[1])
      const examined = examinedDe + examinedNd
      const lang =
        examinedDe *
          Math.min(0.9, p.languageSupport * Math.sqrt(dep) * (LANGUAGE_YEAR[y] as number) * es) +
        examinedNd *
          Math.min(0.92, (0.35 + 2 * p.languageSupport) * (LANGUAGE_YEAR[y] as number) * es)
      set('sei_examined', b, y, examined)
      set('sei_language_support', b, y, clampCount(lang, examined))
      set(
        'sei_overweight',
        b,
        y,
        clampCount(
          examined *
            Math.min(0.5, p.overweight * Math.pow(dep, 0.4) * (OVERWEIGHT_YEAR[y] as number) * es),
          examined,
        ),
      )

      // Day care.
      set('kita_u3', b, y, clampCount(g.under3 * Math.min(0.9, kU3 * kitaU3Raw(b, y)), g.under3))
      set(
        'kita_3_6',
        b,
        y,
        clampCount(g.age3to5 * Math.min(0.99, k36 * kita36Raw(b, y)), g.age3to5),
      )

      // Elections: NaN outside election years (no election, not zero).
      if (BUNDESTAG_YEARS.includes(year)) {
        const eligible = clampCount(eligibleBtw(g), g.adults18[0])
        set('voters_eligible_btw', b, y, eligible)
        set(
          'voters_btw',
          b,
          y,
          clampCount(eligible * Math.min(0.95, kBtw * turnoutRaw(b, year)), eligible),
        )
      } else {
        set('voters_eligible_btw', b, y, Number.NaN)
        set('voters_btw', b, y, Number.NaN)
      }
      if (MUNICIPAL_YEARS.includes(year)) {
        const eligible = clampCount(eligibleKw(g, b), g.adults16[0] + g.adults16[1])
        set('voters_eligible_kw', b, y, eligible)
        set(
          'voters_kw',
          b,
          y,
          clampCount(eligible * Math.min(0.9, kKw * municipalRaw(b)), eligible),
        )
      } else {
        set('voters_eligible_kw', b, y, Number.NaN)
        set('voters_kw', b, y, Number.NaN)
      }

      // Households: adults living alone, the others in multi-person households whose size grows
      // with the number of children; single parents are a share of families with minors.
      const eh = nHh[b * ny + y] as number
      const adultsTotal = g.total - g.under18
      let onePerson = clampCount(
        adultsTotal * p.livingAlone * (1 + 0.004 * (year - 2015)) * eh,
        adultsTotal,
      )
      const rest = g.total - onePerson
      let multi = 0
      // A single remaining resident cannot form a multi-person household.
      if (rest === 1) onePerson += 1
      else if (rest > 1) {
        const size = 2.1 + (2.0 * g.under18) / rest
        multi = Math.max(1, Math.min(Math.floor(rest / 2), Math.round(rest / size)))
      }
      const households = onePerson + multi
      const singleParent = clampCount(
        (g.under18 / 1.7) * p.singleParent * Math.pow(dep, 0.3) * eh,
        multi,
      )
      set('households', b, y, households)
      set('households_one_person', b, y, onePerson)
      set('households_single_parent', b, y, singleParent)

      // Housing stock: it never shrinks; new building follows demand with a vacancy reserve.
      const needed = households + Math.ceil(households * p.vacancy * 0.5)
      if (dwellings < 0) dwellings = Math.ceil(households * (1 + p.vacancy))
      dwellings = Math.max(dwellings, needed)
      set('dwellings', b, y, dwellings)
      set('living_space_m2', b, y, Math.round(dwellings * (dwellingSize[b] as number)))
    }
  }

  return {
    variableKeys: variables.map((v) => v.key),
    areaCodes: blocks.map((b) => b.code),
    periods: [...YEARS],
    values,
  }
}
