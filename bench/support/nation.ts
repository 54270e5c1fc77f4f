/**
 * A seeded synthetic national dataset for the benchmarks: 1 country → 16 states → ~400 districts →
 * ~10,800 municipalities (the real counts per state, 2023), skewed municipality sizes, 20 years of
 * 60 count variables observed on the municipality layer, and 40 indicators in the style of the
 * default catalogue (src/modules/monitoring/catalogue.ts).
 *
 * Counts are consistent: every sub-count is drawn as a share (≤ 1) of its total, so rates stay
 * within 0–100 % and the importer's plausibility rules hold. A few blocks of observations are left
 * out (a district or one municipality without a variable for some years), so that "a parent is
 * missing when any child is missing" matters in the aggregation.
 */
import type { AreaTree } from '../../src/core/indicators/types.js'
import { createRandom, type Random } from '../../src/core/random.js'

/** States with their AGS prefix, number of districts and municipalities (Destatis, 2023). */
const STATES: readonly (readonly [code: string, name: string, districts: number, munis: number])[] =
  [
    ['01', 'Schleswig-Holstein', 15, 1106],
    ['02', 'Hamburg', 1, 1],
    ['03', 'Niedersachsen', 45, 941],
    ['04', 'Bremen', 2, 2],
    ['05', 'Nordrhein-Westfalen', 53, 396],
    ['06', 'Hessen', 26, 421],
    ['07', 'Rheinland-Pfalz', 36, 2301],
    ['08', 'Baden-Württemberg', 44, 1101],
    ['09', 'Bayern', 96, 2056],
    ['10', 'Saarland', 6, 52],
    ['11', 'Berlin', 1, 1],
    ['12', 'Brandenburg', 18, 413],
    ['13', 'Mecklenburg-Vorpommern', 8, 726],
    ['14', 'Sachsen', 13, 418],
    ['15', 'Sachsen-Anhalt', 14, 218],
    ['16', 'Thüringen', 22, 605],
  ]

/** Five-year groups are too fine for 60 variables; these eight give the usual limits. */
const AGES = ['00_05', '06_14', '15_17', '18_24', '25_44', '45_64', '65_79', '80p'] as const
/** National age profile (shares of AGES, summing to 1). */
const AGE_PROFILE = [0.055, 0.08, 0.028, 0.075, 0.25, 0.29, 0.16, 0.062]

/** `pop_{m,f}_{de,nd}_{age}`: 32 variables, in this order (sex, nationality, age). */
const POPULATION = ['m', 'f'].flatMap((sex) =>
  ['de', 'nd'].flatMap((nat) => AGES.map((age) => `pop_${sex}_${nat}_${age}`)),
)

/** The 28 other count variables (keys as in the Musterstadt convention where one exists). */
const OTHER = [
  'births',
  'deaths',
  'moves_in',
  'moves_out',
  'households',
  'households_single_parent',
  'households_one_person',
  'sgb2_total',
  'sgb2_u15',
  'sgb12_gsia',
  'unemployed_sgb2',
  'unemployed_sgb3',
  'unemployed_longterm',
  'employees_svb',
  'sei_examined',
  'sei_language_support',
  'sei_overweight',
  'pop_age_00_02',
  'pop_age_03_05',
  'kita_u3',
  'kita_3_6',
  'dwellings',
  'living_space_m2',
  'voters_eligible_btw',
  'voters_btw',
  'voters_eligible_kw',
  'voters_kw',
  'care_recipients',
] as const

/** All 60 variable keys: the population groups first, then OTHER. */
export const VARIABLES: readonly string[] = [...POPULATION, ...OTHER]

const ALL = 'sum(pop_{m,f}_*)'
const group = (ages: string) => `sum(pop_{m,f}_*_{${ages}})`
const U15 = group('00_05,06_14')
const U18 = group('00_05,06_14,15_17')
const A15_64 = group('15_17,18_24,25_44,45_64')
const A18_64 = group('18_24,25_44,45_64')
const U65 = group('00_05,06_14,15_17,18_24,25_44,45_64')
const A65P = group('65_79,80p')
const UNEMPLOYED = '(unemployed_sgb2 + unemployed_sgb3)'

/** One benchmark indicator: formula text over VARIABLES, as in the catalogue. */
export interface BenchIndicator {
  key: string
  formula: string
  decimals: number
}

/** 40 indicators: counts, shares, rates per 1,000, balances, ratios with 1 to 24 terms. */
export const INDICATORS: readonly BenchIndicator[] = [
  { key: 'residents', formula: ALL, decimals: 0 },
  { key: 'share_u6', formula: `100 * (pop_age_00_02 + pop_age_03_05) / ${ALL}`, decimals: 1 },
  { key: 'share_u15', formula: `100 * ${U15} / ${ALL}`, decimals: 1 },
  { key: 'share_15_64', formula: `100 * ${A15_64} / ${ALL}`, decimals: 1 },
  { key: 'share_65p', formula: `100 * ${A65P} / ${ALL}`, decimals: 1 },
  { key: 'share_80p', formula: `100 * ${group('80p')} / ${ALL}`, decimals: 1 },
  { key: 'youth_dependency_ratio', formula: `100 * ${U18} / ${A18_64}`, decimals: 1 },
  { key: 'old_age_dependency_ratio', formula: `100 * ${A65P} / ${A18_64}`, decimals: 1 },
  {
    key: 'general_fertility_rate',
    formula: `1000 * births / sum(pop_f_*_{15_17,18_24,25_44})`,
    decimals: 1,
  },
  { key: 'crude_birth_rate', formula: `1000 * births / ${ALL}`, decimals: 1 },
  { key: 'crude_death_rate', formula: `1000 * deaths / ${ALL}`, decimals: 1 },
  { key: 'natural_balance', formula: `1000 * (births - deaths) / ${ALL}`, decimals: 1 },
  {
    key: 'population_balance',
    formula: `1000 * (births - deaths + moves_in - moves_out) / ${ALL}`,
    decimals: 1,
  },
  { key: 'household_size', formula: `${ALL} / households`, decimals: 2 },
  {
    key: 'share_single_parent_households',
    formula: '100 * households_single_parent / households',
    decimals: 1,
  },
  {
    key: 'share_one_person_households',
    formula: '100 * households_one_person / households',
    decimals: 1,
  },
  { key: 'share_non_german', formula: `100 * sum(pop_{m,f}_nd_*) / ${ALL}`, decimals: 1 },
  {
    key: 'share_non_german_u15',
    formula: `100 * sum(pop_{m,f}_nd_{00_05,06_14}) / ${U15}`,
    decimals: 1,
  },
  { key: 'migration_balance', formula: `1000 * (moves_in - moves_out) / ${ALL}`, decimals: 1 },
  { key: 'fluctuation_rate', formula: `1000 * (moves_in + moves_out) / ${ALL}`, decimals: 1 },
  { key: 'sgb2_recipients', formula: 'sgb2_total', decimals: 0 },
  { key: 'sgb2_rate', formula: `100 * sgb2_total / ${U65}`, decimals: 1 },
  { key: 'child_poverty', formula: `100 * sgb2_u15 / ${U15}`, decimals: 1 },
  { key: 'sgb2_rate_15_64', formula: `100 * (sgb2_total - sgb2_u15) / ${A15_64}`, decimals: 1 },
  { key: 'old_age_poverty', formula: `100 * sgb12_gsia / ${A65P}`, decimals: 1 },
  { key: 'unemployed', formula: 'unemployed_sgb2 + unemployed_sgb3', decimals: 0 },
  { key: 'unemployment_share', formula: `100 * ${UNEMPLOYED} / ${A15_64}`, decimals: 1 },
  { key: 'unemployment_share_sgb2', formula: `100 * unemployed_sgb2 / ${A15_64}`, decimals: 1 },
  {
    key: 'share_sgb2_among_unemployed',
    formula: `100 * unemployed_sgb2 / ${UNEMPLOYED}`,
    decimals: 1,
  },
  {
    key: 'share_longterm_unemployed',
    formula: `100 * unemployed_longterm / ${UNEMPLOYED}`,
    decimals: 1,
  },
  { key: 'employment_rate', formula: `100 * employees_svb / ${A15_64}`, decimals: 1 },
  {
    key: 'language_support_need',
    formula: '100 * sei_language_support / sei_examined',
    decimals: 1,
  },
  { key: 'overweight_school_entry', formula: '100 * sei_overweight / sei_examined', decimals: 1 },
  { key: 'childcare_rate_u3', formula: '100 * kita_u3 / pop_age_00_02', decimals: 1 },
  { key: 'childcare_rate_3_6', formula: '100 * kita_3_6 / pop_age_03_05', decimals: 1 },
  { key: 'living_space_per_resident', formula: `living_space_m2 / ${ALL}`, decimals: 1 },
  { key: 'dwellings_per_1000', formula: `1000 * dwellings / ${ALL}`, decimals: 0 },
  { key: 'turnout_bundestag', formula: '100 * voters_btw / voters_eligible_btw', decimals: 1 },
  { key: 'turnout_municipal', formula: '100 * voters_kw / voters_eligible_kw', decimals: 1 },
  { key: 'care_rate_65p', formula: `100 * care_recipients / ${A65P}`, decimals: 1 },
]

/** Observations in long format (one row per variable × area × year), as parallel typed arrays. */
export interface LongRows {
  length: number
  /** Index into `variables`. */
  variable: Int32Array
  /** Index into the area tree. */
  area: Int32Array
  /** The year. */
  period: Int32Array
  value: Float64Array
}

/** A block of observations left out of the data. */
export interface MissingBlock {
  variable: number
  /** The district whose municipalities (all, or the one in `muni`) lack the variable. */
  district: number
  muni: number | null
  /** Period indices. */
  from: number
  to: number
}

/** The generated dataset. */
export interface Nation {
  /** Country (layer 0), states (1), districts (2), municipalities (3), coarse layers first. */
  tree: AreaTree
  /** AGS-like codes: `DE`, `05`, `05111`, `05111000`. */
  codes: string[]
  layerKeys: readonly string[]
  periods: number[]
  variables: readonly string[]
  /** Area indices of the municipalities (the layer with observations). */
  municipalities: Int32Array
  rows: LongRows
  missing: MissingBlock[]
}

/** Options of `createNation`. */
export interface NationOptions {
  seed: number
  /** 1 = national scale; 0.1 = a tenth of the districts and municipalities. */
  scale: number
  years: number
  firstYear?: number
}

/**
 * Generates the dataset, deterministic for a seed.
 *
 * @example
 * const nation = createNation({ seed: 2025, scale: 1, years: 20 })
 * nation.tree.size // 11,175 areas; nation.rows.length ≈ 12.9 million observations
 */
export function createNation(options: NationOptions): Nation {
  const { seed, scale, years } = options
  const firstYear = options.firstYear ?? 2005
  const rng = createRandom(seed)
  const shape = rng.fork('hierarchy')

  // --- Hierarchy ---------------------------------------------------------------------------
  const parent: number[] = [-1]
  const layer: number[] = [0]
  const codes: string[] = ['DE']
  const stateIndex: number[] = []
  for (const [code] of STATES) {
    stateIndex.push(parent.length)
    parent.push(0)
    layer.push(1)
    codes.push(code)
  }
  const districtsOfState: number[][] = []
  const districtIndex: number[] = []
  STATES.forEach(([code, , districts], s) => {
    const n = Math.max(1, Math.round(districts * scale))
    const own: number[] = []
    for (let d = 0; d < n; d++) {
      own.push(parent.length)
      districtIndex.push(parent.length)
      parent.push(stateIndex[s] as number)
      layer.push(2)
      codes.push(`${code}${String(d + 1).padStart(3, '0')}`)
    }
    districtsOfState.push(own)
  })
  const muniDistrict: number[] = []
  STATES.forEach(([, , , munis], s) => {
    const districts = districtsOfState[s] as number[]
    const n = Math.max(districts.length, Math.round(munis * scale))
    // Every district gets one municipality, the rest go by skewed weights (some districts are
    // kreisfreie Städte with a single municipality, others have a hundred).
    const perDistrict = districts.map(() => 1)
    const weights = districts.map(() => Math.exp(shape.normal(0, 1)))
    for (let k = districts.length; k < n; k++) {
      const d = shape.weightedIndex(weights)
      perDistrict[d] = (perDistrict[d] as number) + 1
    }
    districts.forEach((d, i) => {
      for (let k = 0; k < (perDistrict[i] as number); k++) muniDistrict.push(d)
    })
  })
  const municipalities = new Int32Array(muniDistrict.length)
  const childNumber = new Map<number, number>()
  muniDistrict.forEach((d, i) => {
    municipalities[i] = parent.length
    const k = (childNumber.get(d) ?? 0) + 1
    childNumber.set(d, k)
    parent.push(d)
    layer.push(3)
    codes.push(`${codes[d]}${String(k).padStart(3, '0')}`)
  })
  const tree: AreaTree = {
    size: parent.length,
    parent: Int32Array.from(parent),
    layer: Int32Array.from(layer),
    layerCount: 4,
  }
  const districtSize = new Map<number, number>()
  for (const d of muniDistrict) districtSize.set(d, (districtSize.get(d) ?? 0) + 1)

  // --- Missing blocks ----------------------------------------------------------------------
  const holes = rng.fork('missing')
  const periods = Array.from({ length: years }, (_, i) => firstYear + i)
  const P = periods.length
  const V = VARIABLES.length
  const A = tree.size
  const missing: MissingBlock[] = []
  const blocks = Math.max(3, Math.round(12 * scale))
  const muniOfDistrict = (d: number) => {
    const list: number[] = []
    for (const m of municipalities) if (parent[m] === d) list.push(m)
    return list
  }
  const absent = new Uint8Array(V * A * P)
  for (let b = 0; b < blocks; b++) {
    const district = holes.pick(districtIndex)
    const variable = POPULATION.length + holes.int(0, OTHER.length - 1)
    const length = holes.int(1, Math.min(4, P))
    const from = holes.int(0, P - length)
    const members = muniOfDistrict(district)
    const muni = holes.chance(0.5) ? holes.pick(members) : null
    missing.push({ variable, district, muni, from, to: from + length - 1 })
    for (const m of muni === null ? members : [muni]) {
      for (let p = from; p < from + length; p++) absent[(variable * A + m) * P + p] = 1
    }
  }

  // --- Observations ------------------------------------------------------------------------
  const draw = rng.fork('observations')
  const capacity = municipalities.length * P * V
  const rows: LongRows = {
    length: 0,
    variable: new Int32Array(capacity),
    area: new Int32Array(capacity),
    period: new Int32Array(capacity),
    value: new Float64Array(capacity),
  }
  const values = new Float64Array(V)
  for (const m of municipalities) {
    const city = districtSize.get(parent[m] as number) === 1
    const profile = new Municipality(draw, city)
    for (let p = 0; p < P; p++) {
      profile.year(draw, p, values)
      for (let v = 0; v < V; v++) {
        if (absent[(v * A + m) * P + p]) continue
        const i = rows.length++
        rows.variable[i] = v
        rows.area[i] = m
        rows.period[i] = periods[p] as number
        rows.value[i] = values[v] as number
      }
    }
  }
  rows.variable = rows.variable.subarray(0, rows.length)
  rows.area = rows.area.subarray(0, rows.length)
  rows.period = rows.period.subarray(0, rows.length)
  rows.value = rows.value.subarray(0, rows.length)

  return {
    tree,
    codes,
    layerKeys: ['country', 'state', 'district', 'municipality'],
    periods,
    variables: VARIABLES,
    municipalities,
    rows,
    missing,
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

/** The fixed traits of one municipality, from which its yearly counts are drawn. */
class Municipality {
  private readonly base: number
  private readonly growth: number
  private readonly ageShare: number[]
  private readonly foreign: number
  private readonly male: number
  private readonly poverty: number
  private readonly householdSize: number
  private readonly noise: number[]

  constructor(rng: Random, city: boolean) {
    // Log-normal sizes: a median village of ~1,500 residents, cities (one-municipality
    // districts) of ~150,000; the largest reach millions.
    this.base = clamp(
      Math.exp(city ? rng.normal(Math.log(150_000), 0.8) : rng.normal(Math.log(1_500), 1.3)),
      20,
      3_800_000,
    )
    this.growth = rng.normal(0, 0.008)
    const raw = AGE_PROFILE.map((s) => s * Math.exp(rng.normal(0, 0.15)))
    const total = raw.reduce((a, b) => a + b, 0)
    this.ageShare = raw.map((s) => s / total)
    this.foreign = clamp(Math.exp(rng.normal(Math.log(city ? 0.16 : 0.07), 0.6)), 0.003, 0.5)
    this.male = 0.49 + rng.normal(0, 0.01)
    this.poverty = clamp(Math.exp(rng.normal(Math.log(city ? 0.11 : 0.05), 0.5)), 0.004, 0.35)
    this.householdSize = city ? rng.uniform(1.7, 2.0) : rng.uniform(1.9, 2.5)
    this.noise = Array.from({ length: 16 }, () => Math.exp(rng.normal(0, 0.2)))
  }

  /** Draws the 60 counts of year `p` into `out` (VARIABLES order). */
  year(rng: Random, p: number, out: Float64Array): void {
    const pop = this.base * (1 + this.growth) ** p * Math.exp(rng.normal(0, 0.004))
    const n = this.noise
    let i = 0
    const byAge = new Float64Array(AGES.length)
    const byAgeDe = new Float64Array(AGES.length)
    const byAgeNd = new Float64Array(AGES.length)
    for (const sex of [this.male, 1 - this.male]) {
      for (const nat of [1 - this.foreign, this.foreign]) {
        for (let a = 0; a < AGES.length; a++) {
          const c = rng.round(pop * sex * nat * (this.ageShare[a] as number))
          out[i++] = c
          byAge[a] = (byAge[a] as number) + c
          if (nat === this.foreign) byAgeNd[a] = (byAgeNd[a] as number) + c
          else byAgeDe[a] = (byAgeDe[a] as number) + c
        }
      }
    }
    const sum = (arr: Float64Array, from: number, to: number) => {
      let s = 0
      for (let a = from; a <= to; a++) s += arr[a] as number
      return s
    }
    const all = sum(byAge, 0, 7)
    const u15 = sum(byAge, 0, 1)
    const a15_64 = sum(byAge, 2, 5)
    const u65 = sum(byAge, 0, 5)
    const a65p = sum(byAge, 6, 7)
    const adultsDe = sum(byAgeDe, 3, 7)
    const adultsNd = sum(byAgeNd, 3, 7)
    const share = (total: number, rate: number) => rng.round(total * clamp(rate, 0, 1))

    const births = share(all, 0.0095 * (n[0] as number))
    const deaths = share(all, (0.002 + 0.06 * (all > 0 ? a65p / all : 0)) * (n[1] as number))
    const movesIn = share(all, 0.05 * (n[2] as number))
    const movesOut = share(all, 0.05 * (n[3] as number))
    const households = share(all, 1 / this.householdSize)
    const singleParent = share(households, 0.06 * (n[4] as number))
    const onePerson = share(households, 0.4 * (n[5] as number))
    const sgb2 = share(u65, this.poverty)
    const sgb2u15 = share(Math.min(u15, sgb2), 0.45 * (n[6] as number))
    const gsia = share(a65p, this.poverty * 0.4)
    const unemployed2 = share(a15_64, this.poverty * 0.35)
    const unemployed3 = share(a15_64, 0.015 * (n[7] as number))
    const longterm = share(unemployed2 + unemployed3, 0.35 * (n[8] as number))
    const employees = share(a15_64, 0.6 * (n[9] as number))
    const examined = share(byAge[1] as number, 0.107)
    const language = share(examined, 0.2 * (n[10] as number))
    const overweight = share(examined, 0.1 * (n[11] as number))
    const age0002 = share(byAge[0] as number, 0.5)
    const age0305 = (byAge[0] as number) - age0002
    const kitaU3 = share(age0002, 0.33 * (n[12] as number))
    const kita36 = share(age0305, 0.93)
    const dwellings = share(households, 0.97 + 0.05 * rng.next())
    const livingSpace = Math.round(dwellings * 92 * (n[13] as number))
    const eligibleBtw = share(adultsDe, 0.97)
    const votersBtw = share(eligibleBtw, 0.76 * Math.min(1.2, n[14] as number))
    const eligibleKw = eligibleBtw + share(adultsNd, 0.3)
    const votersKw = share(eligibleKw, 0.55 * (n[14] as number))
    const care = share(a65p, 0.15 * (n[15] as number))
    for (const x of [
      births,
      deaths,
      movesIn,
      movesOut,
      households,
      singleParent,
      onePerson,
      sgb2,
      sgb2u15,
      gsia,
      unemployed2,
      unemployed3,
      longterm,
      employees,
      examined,
      language,
      overweight,
      age0002,
      age0305,
      kitaU3,
      kita36,
      dwellings,
      livingSpace,
      eligibleBtw,
      votersBtw,
      eligibleKw,
      votersKw,
      care,
    ]) {
      out[i++] = x
    }
  }
}
