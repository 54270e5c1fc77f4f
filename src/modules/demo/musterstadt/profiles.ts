/**
 * The social structure of Musterstadt: one parameter set per type of Sozialraum.
 *
 * The figures are plausible for a West German city of 150,000 residents around 2015–2024 and are
 * calibrated so that the city as a whole lands near published German averages (child poverty
 * measured as SGB II recipients under 15 per resident under 15 ≈ 16–17 %, SGB II rate ≈ 9 %,
 * non-Germans ≈ 14 %, 65+ ≈ 22 %). Rates given here are relative levels; the social-data step
 * scales the SGB II, Kita and turnout levels so the city-wide value in the reference year matches
 * its target (see social.ts), which keeps the *differences* between areas as designed.
 */

/** What kind of place a Sozialraum is; it drives every figure of its blocks. */
export type SocialAreaType =
  | 'old_town' // Altstadt: small flats, young adults and old residents, few children
  | 'inner_city' // Innenstadt quarters around the old town
  | 'station_quarter' // Bahnhofsviertel: arrival quarter, many non-Germans, moderately poor
  | 'working_class' // old working-class quarter along the railway: poor, many children
  | 'housing_estate' // Großwohnsiedlung of the 1970s: the poorest area, many children
  | 'student_quarter' // near the university: 18–29, one-person households, few children
  | 'new_build' // Neubaugebiet from 2017 on: young families, strong growth
  | 'ageing_suburb' // detached houses of the 1960s/70s, first owners now 65–85
  | 'affluent' // villa and owner-occupier quarters: rich, low poverty
  | 'middle_class' // ordinary residential areas
  | 'village' // incorporated village (Ortsteil) at the edge

/** Special land use of a block, overriding its Sozialraum's population size and age profile. */
export type BlockKind = 'residential' | 'industrial' | 'park' | 'allotments' | 'fields'

/** Five-year age groups used in the variable keys; the last one is open-ended. */
export const AGE_GROUPS = [
  '00_04',
  '05_09',
  '10_14',
  '15_19',
  '20_24',
  '25_29',
  '30_34',
  '35_39',
  '40_44',
  '45_49',
  '50_54',
  '55_59',
  '60_64',
  '65_69',
  '70_74',
  '75_79',
  '80_84',
  '85p',
] as const

export type AgeGroup = (typeof AGE_GROUPS)[number]

/**
 * Age distribution of German residents in a West German city at the end of 2014, per five-year
 * group (%), shaped after the Federal Statistical Office's population by age (baby boomers
 * aged 45–59).
 */
export const GERMAN_AGE_PROFILE = [
  4.1, 4.1, 4.4, 4.9, 5.7, 6.2, 5.9, 5.5, 6.3, 8.2, 8.3, 7.4, 6.6, 5.6, 6.6, 5.6, 3.5, 2.6,
]

/** Age distribution of non-German residents (younger: labour migration and refugees). */
export const FOREIGN_AGE_PROFILE = [
  5.0, 4.2, 3.7, 4.3, 8.4, 11.2, 11.5, 10.1, 9.0, 8.3, 7.2, 5.6, 4.2, 2.9, 2.2, 1.3, 0.6, 0.3,
]

/** Parameters of one Sozialraum type. Rates are per year unless said otherwise. */
export interface TypeProfile {
  /** Residents of an ordinary block at the end of 2014, before the city-wide scaling. */
  blockPopulation: number
  /** Age multipliers per five-year group against the base profiles. */
  ageShape: number[]
  /** Share of non-Germans at the end of 2014. */
  foreignShare: number
  /** Yearly growth of the area's housing-driven capacity (re-urbanisation, shrinking suburbs). */
  growth: number
  /** How strongly migration restores the area's typical age structure (0–1 per year). */
  mobility: number
  /** Moves in and out that cancel out (turnover), as a share of residents. */
  turnover: number
  /** Multiplier on the age-specific birth rates. */
  fertility: number
  /** Multiplier on the age-specific death rates (poverty shortens life). */
  mortality: number
  /** Weight for housing refugees (2015–2016, 2022): cheap flats and shared accommodation. */
  refugeeWeight: number
  /** SGB II rate of German children under 15 (before calibration). */
  sgb2Child: number
  /** SGB III unemployed per resident aged 15–64. */
  sgb3Rate: number
  /** Employees subject to social insurance per resident aged 15–64. */
  employmentRate: number
  /** Grundsicherung im Alter recipients per German resident aged 65+. */
  gsiaRate: number
  /** Share of school entrants with language support need, German children. */
  languageSupport: number
  /** Share of school entrants who are overweight. */
  overweight: number
  /** Day-care rate of children under 3 (before calibration). */
  kitaU3: number
  /** Day-care rate of children aged 3 to school entry. */
  kita36: number
  /** Turnout at Bundestag elections (before calibration). */
  turnout: number
  /** Share of non-Germans who are EU citizens (may vote in municipal elections). */
  euShare: number
  /** Share of adults living alone. */
  livingAlone: number
  /** Share of families with minors that are single-parent households. */
  singleParent: number
  /** Vacancy reserve of the housing stock. */
  vacancy: number
  /** Mean living space per dwelling (m²). */
  dwellingSize: number
}

// Age shapes, five-year groups 0–4 … 85+ (18 values).
const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]

export const TYPE_PROFILES: Record<SocialAreaType, TypeProfile> = {
  old_town: {
    blockPopulation: 720,
    ageShape: [
      0.7, 0.6, 0.6, 0.8, 1.7, 2.1, 1.8, 1.3, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1, 1.1,
    ],
    foreignShare: 0.16,
    growth: 0.004,
    mobility: 0.3,
    turnover: 0.14,
    fertility: 0.8,
    mortality: 1.0,
    refugeeWeight: 1.5,
    sgb2Child: 0.13,
    sgb3Rate: 0.018,
    employmentRate: 0.58,
    gsiaRate: 0.07,
    languageSupport: 0.1,
    overweight: 0.09,
    kitaU3: 0.42,
    kita36: 0.93,
    turnout: 0.76,
    euShare: 0.45,
    livingAlone: 0.4,
    singleParent: 0.24,
    vacancy: 0.03,
    dwellingSize: 70,
  },
  inner_city: {
    blockPopulation: 760,
    ageShape: [
      0.9, 0.8, 0.8, 0.9, 1.4, 1.7, 1.5, 1.2, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1,
    ],
    foreignShare: 0.128,
    growth: 0.003,
    mobility: 0.25,
    turnover: 0.12,
    fertility: 0.85,
    mortality: 1.0,
    refugeeWeight: 1.4,
    sgb2Child: 0.11,
    sgb3Rate: 0.017,
    employmentRate: 0.6,
    gsiaRate: 0.055,
    languageSupport: 0.09,
    overweight: 0.09,
    kitaU3: 0.42,
    kita36: 0.94,
    turnout: 0.76,
    euShare: 0.42,
    livingAlone: 0.36,
    singleParent: 0.22,
    vacancy: 0.03,
    dwellingSize: 74,
  },
  station_quarter: {
    blockPopulation: 800,
    ageShape: [
      1.0, 0.9, 0.9, 1.0, 1.5, 1.8, 1.7, 1.3, 1.1, 1, 0.9, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6, 0.6,
    ],
    foreignShare: 0.288,
    growth: 0.0,
    mobility: 0.3,
    turnover: 0.16,
    fertility: 1.05,
    mortality: 1.1,
    refugeeWeight: 3,
    sgb2Child: 0.2,
    sgb3Rate: 0.022,
    employmentRate: 0.5,
    gsiaRate: 0.12,
    languageSupport: 0.16,
    overweight: 0.14,
    kitaU3: 0.24,
    kita36: 0.87,
    turnout: 0.55,
    euShare: 0.38,
    livingAlone: 0.38,
    singleParent: 0.27,
    vacancy: 0.05,
    dwellingSize: 62,
  },
  working_class: {
    blockPopulation: 820,
    ageShape: [
      1.3, 1.25, 1.2, 1.1, 1.2, 1.3, 1.3, 1.2, 1.1, 1, 0.9, 0.9, 0.85, 0.8, 0.8, 0.75, 0.7, 0.6,
    ],
    foreignShare: 0.264,
    growth: 0.0,
    mobility: 0.22,
    turnover: 0.12,
    fertility: 1.15,
    mortality: 1.15,
    refugeeWeight: 3,
    sgb2Child: 0.24,
    sgb3Rate: 0.024,
    employmentRate: 0.49,
    gsiaRate: 0.12,
    languageSupport: 0.18,
    overweight: 0.16,
    kitaU3: 0.2,
    kita36: 0.86,
    turnout: 0.5,
    euShare: 0.35,
    livingAlone: 0.32,
    singleParent: 0.3,
    vacancy: 0.06,
    dwellingSize: 61,
  },
  housing_estate: {
    blockPopulation: 1050,
    ageShape: [1.4, 1.45, 1.45, 1.35, 1.1, 1, 1, 1, 1, 0.9, 0.9, 0.9, 1, 1, 1, 1, 0.9, 0.7],
    foreignShare: 0.288,
    growth: -0.003,
    mobility: 0.2,
    turnover: 0.1,
    fertility: 1.2,
    mortality: 1.2,
    refugeeWeight: 3.5,
    sgb2Child: 0.26,
    sgb3Rate: 0.025,
    employmentRate: 0.46,
    gsiaRate: 0.14,
    languageSupport: 0.2,
    overweight: 0.18,
    kitaU3: 0.19,
    kita36: 0.84,
    turnout: 0.46,
    euShare: 0.3,
    livingAlone: 0.3,
    singleParent: 0.36,
    vacancy: 0.06,
    dwellingSize: 64,
  },
  student_quarter: {
    blockPopulation: 820,
    ageShape: [
      0.5, 0.4, 0.4, 1.1, 4.2, 3.0, 1.5, 0.8, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
    ],
    foreignShare: 0.144,
    growth: 0.005,
    mobility: 0.45,
    turnover: 0.24,
    fertility: 0.45,
    mortality: 1.0,
    refugeeWeight: 1,
    sgb2Child: 0.11,
    sgb3Rate: 0.012,
    employmentRate: 0.38,
    gsiaRate: 0.06,
    languageSupport: 0.08,
    overweight: 0.08,
    kitaU3: 0.45,
    kita36: 0.93,
    turnout: 0.74,
    euShare: 0.5,
    livingAlone: 0.5,
    singleParent: 0.22,
    vacancy: 0.02,
    dwellingSize: 54,
  },
  new_build: {
    blockPopulation: 0, // set by the construction schedule (population.ts)
    ageShape: [
      2.3, 1.7, 1.0, 0.6, 0.5, 1.3, 2.3, 2.0, 1.3, 0.8, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.1,
    ],
    foreignShare: 0.056,
    growth: 0,
    mobility: 0.8,
    turnover: 0.05,
    fertility: 1.4,
    mortality: 0.9,
    refugeeWeight: 0.2,
    sgb2Child: 0.03,
    sgb3Rate: 0.012,
    employmentRate: 0.72,
    gsiaRate: 0.02,
    languageSupport: 0.05,
    overweight: 0.06,
    kitaU3: 0.33,
    kita36: 0.86,
    turnout: 0.83,
    euShare: 0.5,
    livingAlone: 0.1,
    singleParent: 0.12,
    vacancy: 0.02,
    dwellingSize: 108,
  },
  ageing_suburb: {
    blockPopulation: 560,
    ageShape: [
      0.45, 0.5, 0.55, 0.65, 0.55, 0.45, 0.45, 0.55, 0.65, 0.85, 1.05, 1.25, 1.4, 1.7, 1.95, 2.1,
      2.1, 1.9,
    ],
    foreignShare: 0.032,
    growth: -0.003,
    mobility: 0.12,
    turnover: 0.04,
    fertility: 0.9,
    mortality: 0.95,
    refugeeWeight: 0.3,
    sgb2Child: 0.03,
    sgb3Rate: 0.012,
    employmentRate: 0.62,
    gsiaRate: 0.02,
    languageSupport: 0.05,
    overweight: 0.07,
    kitaU3: 0.38,
    kita36: 0.95,
    turnout: 0.84,
    euShare: 0.5,
    livingAlone: 0.24,
    singleParent: 0.1,
    vacancy: 0.02,
    dwellingSize: 118,
  },
  affluent: {
    blockPopulation: 500,
    ageShape: [
      0.9, 1.1, 1.2, 1.2, 0.7, 0.5, 0.6, 0.9, 1.1, 1.2, 1.2, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1,
    ],
    foreignShare: 0.048,
    growth: 0,
    mobility: 0.15,
    turnover: 0.06,
    fertility: 1.0,
    mortality: 0.85,
    refugeeWeight: 0.3,
    sgb2Child: 0.015,
    sgb3Rate: 0.01,
    employmentRate: 0.66,
    gsiaRate: 0.01,
    languageSupport: 0.04,
    overweight: 0.05,
    kitaU3: 0.45,
    kita36: 0.96,
    turnout: 0.88,
    euShare: 0.6,
    livingAlone: 0.18,
    singleParent: 0.1,
    vacancy: 0.02,
    dwellingSize: 128,
  },
  middle_class: {
    blockPopulation: 650,
    ageShape: FLAT,
    foreignShare: 0.072,
    growth: 0,
    mobility: 0.2,
    turnover: 0.08,
    fertility: 1.0,
    mortality: 1.0,
    refugeeWeight: 0.8,
    sgb2Child: 0.07,
    sgb3Rate: 0.016,
    employmentRate: 0.63,
    gsiaRate: 0.035,
    languageSupport: 0.07,
    overweight: 0.09,
    kitaU3: 0.38,
    kita36: 0.95,
    turnout: 0.8,
    euShare: 0.45,
    livingAlone: 0.24,
    singleParent: 0.18,
    vacancy: 0.03,
    dwellingSize: 84,
  },
  village: {
    blockPopulation: 380,
    ageShape: [
      1.0, 1.1, 1.2, 1.2, 0.9, 0.7, 0.8, 1.0, 1.1, 1.2, 1.2, 1.1, 1.0, 0.9, 0.9, 0.9, 0.9, 0.9,
    ],
    foreignShare: 0.032,
    growth: -0.002,
    mobility: 0.15,
    turnover: 0.05,
    fertility: 1.1,
    mortality: 1.0,
    refugeeWeight: 0.5,
    sgb2Child: 0.035,
    sgb3Rate: 0.013,
    employmentRate: 0.66,
    gsiaRate: 0.02,
    languageSupport: 0.05,
    overweight: 0.09,
    kitaU3: 0.3,
    kita36: 0.95,
    turnout: 0.8,
    euShare: 0.5,
    livingAlone: 0.16,
    singleParent: 0.12,
    vacancy: 0.03,
    dwellingSize: 115,
  },
}

/** Residents and age shape of the special-use blocks (caretakers, garden-plot dwellers). */
export const BLOCK_KIND_PROFILES: Record<
  Exclude<BlockKind, 'residential'>,
  { minPopulation: number; maxPopulation: number; ageShape: number[] }
> = {
  industrial: {
    minPopulation: 12,
    maxPopulation: 70,
    ageShape: [
      0.3, 0.3, 0.3, 0.5, 1.2, 1.5, 1.5, 1.4, 1.3, 1.2, 1.1, 1, 0.8, 0.5, 0.4, 0.3, 0.2, 0.1,
    ],
  },
  park: {
    minPopulation: 0,
    maxPopulation: 12,
    ageShape: [0.5, 0.5, 0.5, 0.5, 0.8, 1, 1, 1, 1, 1, 1.1, 1.2, 1.3, 1.3, 1.3, 1.2, 1, 0.8],
  },
  allotments: {
    minPopulation: 6,
    maxPopulation: 45,
    ageShape: [0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 0.6, 0.7, 0.8, 1, 1.2, 1.5, 1.8, 2, 2, 1.8, 1.5, 1],
  },
  fields: {
    minPopulation: 25,
    maxPopulation: 80,
    ageShape: [0.9, 1, 1.1, 1.1, 0.8, 0.7, 0.8, 1, 1.1, 1.2, 1.3, 1.3, 1.2, 1.1, 1, 1, 0.9, 0.9],
  },
}

/** Reference year for the calibrated city-wide targets. */
export const REFERENCE_YEAR = 2024

/** City-wide targets in the reference year (see the module comment). */
export const CITY_TARGETS = {
  population: 150_000,
  childPoverty: 0.165,
  sgb2Rate: 0.09,
  kitaU3: 0.35,
  kita36: 0.92,
  turnoutBundestag: 0.75,
  turnoutMunicipal: 0.55,
}
