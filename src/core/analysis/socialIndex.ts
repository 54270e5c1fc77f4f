/**
 * The social index (Sozialindex) of planning areas: a status index from the current values of
 * chosen indicators and a dynamics index from their change over N years, each a standardised,
 * weighted sum of standardised indicators, classified by standard-deviation thresholds and combined
 * into the 4 × 3 classes of Berlin's Monitoring Soziale Stadtentwicklung (MSS, since 2013: status
 * hoch/mittel/niedrig/sehr niedrig × dynamics positiv/stabil/negativ). Pure and browser-safe.
 *
 * Conventions (docs/analysis.md):
 * - direction +1: a higher value means more disadvantage (unemployment); −1: less (employment rate).
 *   A higher index therefore means a lower social status / a worse development, as in the MSS.
 * - z-scores via stats.ts: unweighted with the sample SD (n − 1, like R's `scale()` and SPSS's
 *   standardised values); population-weighted with the weighted mean and weighted population SD.
 * - Only eligible areas enter the standardisation: population ≥ minimum (default 300) and a value
 *   for every indicator. The others are listed with the reason, never silently dropped.
 */
import { mean, standardDeviation, zScores, type MomentOptions } from './stats.js'

/** One indicator of a social index. */
export interface SocialIndexIndicator {
  /** Indicator key, e.g. `sgb2_rate`. */
  key: string
  /** +1: higher values mean more disadvantage; −1: higher values mean less. */
  direction: 1 | -1
  /** Relative weight (> 0); only ratios matter, because the sum is standardised again. */
  weight: number
}

/** Class thresholds in standard deviations of the (standardised) index. */
export interface SocialIndexThresholds {
  /**
   * Status: below `high` → high (1); up to `low` → medium (2); up to `veryLow` → low (3); above →
   * very low (4). Berlin MSS: −1, +1, +1.5.
   */
  status: { high: number; low: number; veryLow: number }
  /** Dynamics: below `positive` → positive; up to `negative` → stable; above → negative. MSS: −1, +1. */
  dynamics: { positive: number; negative: number }
}

export interface SocialIndexDefinition {
  indicators: SocialIndexIndicator[]
  /** `population`: means and SDs weighted by residents, i.e. per person rather than per area. */
  weighting: 'unweighted' | 'population'
  /** Areas with fewer residents are excluded (default 300, as in the MSS). */
  minPopulation: number
  /** The dynamics index compares the period with the period N years earlier (MSS: 2). */
  dynamicsYears: number
  thresholds: SocialIndexThresholds
}

/** Berlin MSS defaults, used for any field a definition leaves out. */
export const DEFAULT_THRESHOLDS: SocialIndexThresholds = {
  status: { high: -1, low: 1, veryLow: 1.5 },
  dynamics: { positive: -1, negative: 1 },
}
export const DEFAULT_MIN_POPULATION = 300
export const DEFAULT_DYNAMICS_YEARS = 2

export const STATUS_CLASSES = ['high', 'medium', 'low', 'very_low'] as const
export type StatusClass = (typeof STATUS_CLASSES)[number]
export const DYNAMICS_CLASSES = ['positive', 'stable', 'negative'] as const
export type DynamicsClass = (typeof DYNAMICS_CLASSES)[number]

/** The MSS combined class, e.g. `4-` (very low status, negative dynamics) or `2+/-`. */
export type CombinedClass = `${1 | 2 | 3 | 4}${'+' | '+/-' | '-'}`

/** Input: one value per area (aligned with `areas`); NaN = missing. */
export interface SocialIndexInput {
  /** Area codes. */
  areas: readonly string[]
  /** Residents per area in the period (for the minimum and for population weighting). */
  population: readonly number[]
  /** Indicator key → value per area in the period. */
  values: Readonly<Record<string, readonly number[]>>
  /** Indicator key → value per area N years earlier; absent when there is no such period. */
  previous?: Readonly<Record<string, readonly number[]>> | undefined
}

export interface SocialIndexArea {
  area: string
  population: number
  /** Standardised status index (higher = lower social status). */
  status: number
  statusClass: StatusClass
  /** Standardised dynamics index (higher = worse development); null without earlier values. */
  dynamics: number | null
  dynamicsClass: DynamicsClass | null
  combined: CombinedClass | null
  /** z-score of each indicator (not yet directed), for the area profile. */
  z: Record<string, number>
  /** z-score of each indicator's change; null without earlier values. */
  changeZ: Record<string, number> | null
}

export type ExclusionReason = 'population_below_minimum' | 'missing_values'

export interface SocialIndexExclusion {
  area: string
  reason: ExclusionReason
  /** What was wrong, in words, e.g. "212 residents, minimum 300" or "no value for sgb2_rate". */
  detail: string
}

/** How an indicator was standardised, so that every z-score can be recomputed by hand. */
export interface SocialIndexStandardisation {
  key: string
  direction: 1 | -1
  weight: number
  mean: number
  sd: number
  /** Of the change over N years; null when the dynamics index is not computed. */
  changeMean: number | null
  changeSd: number | null
}

export interface SocialIndexResult {
  definition: SocialIndexDefinition
  /** Eligible areas in input order. */
  areas: SocialIndexArea[]
  excluded: SocialIndexExclusion[]
  /** Eligible areas without a dynamics index (a value N years earlier is missing). */
  withoutDynamics: SocialIndexExclusion[]
  standardisation: SocialIndexStandardisation[]
  /** Why there is no dynamics index at all, or null. */
  dynamicsUnavailable: string | null
  counts: {
    status: Record<StatusClass, number>
    dynamics: Record<DynamicsClass, number>
    combined: Partial<Record<CombinedClass, number>>
  }
}

/** A definition or input the index cannot be computed from; the message says what and why. */
export class SocialIndexError extends Error {
  override name = 'SocialIndexError'
}

/**
 * Completes a partial definition with the MSS defaults and checks it.
 *
 * @throws SocialIndexError for no indicators, duplicate keys, weights ≤ 0, bad thresholds.
 */
export function normalizeDefinition(
  definition: Pick<SocialIndexDefinition, 'indicators'> & Partial<SocialIndexDefinition>,
): SocialIndexDefinition {
  const d: SocialIndexDefinition = {
    indicators: definition.indicators.map((i) => ({ ...i })),
    weighting: definition.weighting ?? 'unweighted',
    minPopulation: definition.minPopulation ?? DEFAULT_MIN_POPULATION,
    dynamicsYears: definition.dynamicsYears ?? DEFAULT_DYNAMICS_YEARS,
    thresholds: {
      status: { ...DEFAULT_THRESHOLDS.status, ...definition.thresholds?.status },
      dynamics: { ...DEFAULT_THRESHOLDS.dynamics, ...definition.thresholds?.dynamics },
    },
  }
  if (d.indicators.length === 0) {
    throw new SocialIndexError('A social index needs at least one indicator, got none.')
  }
  const seen = new Set<string>()
  for (const i of d.indicators) {
    if (seen.has(i.key)) throw new SocialIndexError(`The indicator "${i.key}" is listed twice.`)
    seen.add(i.key)
    if (i.direction !== 1 && i.direction !== -1) {
      throw new SocialIndexError(
        `Indicator "${i.key}": expected direction 1 or -1, got ${String(i.direction)}.`,
      )
    }
    if (!(Number.isFinite(i.weight) && i.weight > 0)) {
      throw new SocialIndexError(
        `Indicator "${i.key}": expected a weight above 0, got ${String(i.weight)}.`,
      )
    }
  }
  if (d.weighting !== 'unweighted' && d.weighting !== 'population') {
    throw new SocialIndexError(
      `Expected weighting "unweighted" or "population", got "${String(d.weighting)}".`,
    )
  }
  if (!(Number.isFinite(d.minPopulation) && d.minPopulation >= 0)) {
    throw new SocialIndexError(`Expected minPopulation ≥ 0, got ${String(d.minPopulation)}.`)
  }
  if (!(Number.isInteger(d.dynamicsYears) && d.dynamicsYears >= 1)) {
    throw new SocialIndexError(
      `Expected dynamicsYears to be a whole number ≥ 1, got ${String(d.dynamicsYears)}.`,
    )
  }
  const { status, dynamics } = d.thresholds
  if (!(status.high < status.low && status.low <= status.veryLow)) {
    throw new SocialIndexError(
      `Expected status thresholds high < low ≤ veryLow, got ${status.high}, ${status.low}, ${status.veryLow}.`,
    )
  }
  if (!(dynamics.positive < dynamics.negative)) {
    throw new SocialIndexError(
      `Expected dynamics thresholds positive < negative, got ${dynamics.positive}, ${dynamics.negative}.`,
    )
  }
  return d
}

/**
 * The status class of a standardised status index value (MSS: < −1 high, −1…+1 medium,
 * > +1…+1.5 low, > +1.5 very low; the bounds belong to the middle classes).
 *
 * @example statusClass(1.2) // 'low'
 */
export function statusClass(
  value: number,
  thresholds: SocialIndexThresholds['status'] = DEFAULT_THRESHOLDS.status,
): StatusClass {
  if (value < thresholds.high) return 'high'
  if (value <= thresholds.low) return 'medium'
  if (value <= thresholds.veryLow) return 'low'
  return 'very_low'
}

/**
 * The dynamics class of a standardised dynamics index value (MSS: < −1 positive, −1…+1 stable,
 * > +1 negative).
 *
 * @example dynamicsClass(-1.01) // 'positive'
 */
export function dynamicsClass(
  value: number,
  thresholds: SocialIndexThresholds['dynamics'] = DEFAULT_THRESHOLDS.dynamics,
): DynamicsClass {
  if (value < thresholds.positive) return 'positive'
  if (value <= thresholds.negative) return 'stable'
  return 'negative'
}

/**
 * The combined class of the MSS "Gesamtindex Soziale Ungleichheit": status 1–4 and dynamics sign.
 *
 * @example combinedClass('very_low', 'negative') // '4-'
 */
export function combinedClass(status: StatusClass, dynamics: DynamicsClass): CombinedClass {
  const s = (STATUS_CLASSES.indexOf(status) + 1) as 1 | 2 | 3 | 4
  const d = dynamics === 'positive' ? '+' : dynamics === 'stable' ? '+/-' : '-'
  return `${s}${d}`
}

/** A standardised weighted sum of directed z-scores over the given areas. */
interface Composite {
  index: number[]
  z: Record<string, number[]>
  moments: Record<string, { mean: number; sd: number }>
}

function composite(
  indicators: readonly SocialIndexIndicator[],
  columns: Readonly<Record<string, readonly number[]>>,
  weights: readonly number[] | undefined,
  what: string,
): Composite {
  const options: MomentOptions = weights === undefined ? {} : { weights }
  const n = weights?.length ?? columns[indicators[0]!.key]!.length
  const sum = new Array<number>(n).fill(0)
  const z: Record<string, number[]> = {}
  const moments: Record<string, { mean: number; sd: number }> = {}
  for (const indicator of indicators) {
    const column = columns[indicator.key]!
    const sd = standardDeviation(column, options)
    if (!(sd > 0)) {
      throw new SocialIndexError(
        `The ${what} of "${indicator.key}" does not vary across the ${n} eligible areas (standard deviation ${sd}); it cannot be standardised. Leave it out of the index.`,
      )
    }
    const scores = zScores(column, options)
    z[indicator.key] = scores
    moments[indicator.key] = { mean: mean(column, options), sd }
    for (let a = 0; a < n; a++) sum[a]! += indicator.weight * indicator.direction * scores[a]!
  }
  const sd = standardDeviation(sum, options)
  if (!(sd > 0)) {
    throw new SocialIndexError(
      `The weighted sum of the ${what}s is the same for all ${n} eligible areas; the directions cancel out. Check the directions and weights.`,
    )
  }
  return { index: zScores(sum, options), z, moments }
}

const columnOf = (
  source: Readonly<Record<string, readonly number[]>>,
  key: string,
  rows: readonly number[],
) => rows.map((r) => source[key]![r]!)

/**
 * Computes the social index of a layer's areas for one period.
 *
 * @throws SocialIndexError when an indicator has no values, fewer than 3 areas are eligible, or an
 *   indicator does not vary.
 * @example
 * computeSocialIndex(normalizeDefinition({ indicators: [{ key: 'sgb2_rate', direction: 1, weight: 1 }] }),
 *   { areas: ['01', '02', '03'], population: [900, 1200, 800], values: { sgb2_rate: [4, 9, 14] } })
 *   .areas.map((a) => a.statusClass) // ['medium', 'medium', 'medium']
 */
export function computeSocialIndex(
  definition: SocialIndexDefinition,
  input: SocialIndexInput,
): SocialIndexResult {
  const n = input.areas.length
  const { indicators } = definition
  if (input.population.length !== n) {
    throw new SocialIndexError(
      `Expected one population value per area (${n}), got ${input.population.length}.`,
    )
  }
  for (const source of [input.values, input.previous]) {
    if (source === undefined) continue
    for (const i of indicators) {
      const column = source[i.key]
      if (column === undefined) {
        throw new SocialIndexError(`No values for the indicator "${i.key}".`)
      }
      if (column.length !== n) {
        throw new SocialIndexError(
          `Expected one value of "${i.key}" per area (${n}), got ${column.length}.`,
        )
      }
    }
  }

  const excluded: SocialIndexExclusion[] = []
  const eligible: number[] = []
  const needsPopulation = definition.minPopulation > 0 || definition.weighting === 'population'
  for (let a = 0; a < n; a++) {
    const p = input.population[a]!
    if (needsPopulation && !(Number.isFinite(p) && p >= definition.minPopulation)) {
      excluded.push({
        area: input.areas[a]!,
        reason: 'population_below_minimum',
        detail: `${Number.isFinite(p) ? p : 'no'} residents, minimum ${definition.minPopulation}`,
      })
      continue
    }
    const missing = indicators.filter((i) => !Number.isFinite(input.values[i.key]![a]!))
    if (missing.length > 0) {
      excluded.push({
        area: input.areas[a]!,
        reason: 'missing_values',
        detail: `no value for ${missing.map((i) => i.key).join(', ')}`,
      })
      continue
    }
    eligible.push(a)
  }
  if (eligible.length < 3) {
    throw new SocialIndexError(
      `A social index needs at least 3 eligible areas, got ${eligible.length} of ${n} (${excluded.length} excluded: too few residents or missing values).`,
    )
  }

  const populationOf = (rows: readonly number[]) =>
    definition.weighting === 'population' ? rows.map((r) => input.population[r]!) : undefined
  const columns = Object.fromEntries(
    indicators.map((i) => [i.key, columnOf(input.values, i.key, eligible)]),
  )
  const status = composite(indicators, columns, populationOf(eligible), 'value')

  // Dynamics: the change over N years, over the eligible areas that have the earlier values too.
  let dynamicsUnavailable: string | null = null
  const withoutDynamics: SocialIndexExclusion[] = []
  let dynamics: Composite | null = null
  const dynamicRows: number[] = []
  if (input.previous === undefined) {
    dynamicsUnavailable = `no values ${definition.dynamicsYears} years earlier`
  } else {
    const previous = input.previous
    for (const a of eligible) {
      const missing = indicators.filter((i) => !Number.isFinite(previous[i.key]![a]!))
      if (missing.length === 0) dynamicRows.push(a)
      else {
        withoutDynamics.push({
          area: input.areas[a]!,
          reason: 'missing_values',
          detail: `no value ${definition.dynamicsYears} years earlier for ${missing.map((i) => i.key).join(', ')}`,
        })
      }
    }
    if (dynamicRows.length < 3) {
      dynamicsUnavailable = `only ${dynamicRows.length} eligible areas have values ${definition.dynamicsYears} years earlier; at least 3 are needed`
    } else {
      const changes = Object.fromEntries(
        indicators.map((i) => [
          i.key,
          dynamicRows.map((r) => input.values[i.key]![r]! - previous[i.key]![r]!),
        ]),
      )
      dynamics = composite(indicators, changes, populationOf(dynamicRows), 'change')
    }
  }

  const dynamicPosition = new Map(dynamicRows.map((r, k) => [r, k]))
  const areas: SocialIndexArea[] = eligible.map((a, k) => {
    const s = status.index[k]!
    const sClass = statusClass(s, definition.thresholds.status)
    const d = dynamics ? dynamicPosition.get(a) : undefined
    const dValue = d === undefined ? null : dynamics!.index[d]!
    const dClass = dValue === null ? null : dynamicsClass(dValue, definition.thresholds.dynamics)
    return {
      area: input.areas[a]!,
      population: input.population[a]!,
      status: s,
      statusClass: sClass,
      dynamics: dValue,
      dynamicsClass: dClass,
      combined: dClass === null ? null : combinedClass(sClass, dClass),
      z: Object.fromEntries(indicators.map((i) => [i.key, status.z[i.key]![k]!])),
      changeZ:
        d === undefined
          ? null
          : Object.fromEntries(indicators.map((i) => [i.key, dynamics!.z[i.key]![d]!])),
    }
  })

  const counts: SocialIndexResult['counts'] = {
    status: { high: 0, medium: 0, low: 0, very_low: 0 },
    dynamics: { positive: 0, stable: 0, negative: 0 },
    combined: {},
  }
  for (const area of areas) {
    counts.status[area.statusClass]++
    if (area.dynamicsClass) counts.dynamics[area.dynamicsClass]++
    if (area.combined) counts.combined[area.combined] = (counts.combined[area.combined] ?? 0) + 1
  }

  return {
    definition,
    areas,
    excluded,
    withoutDynamics,
    standardisation: indicators.map((i) => ({
      key: i.key,
      direction: i.direction,
      weight: i.weight,
      mean: status.moments[i.key]!.mean,
      sd: status.moments[i.key]!.sd,
      changeMean: dynamics ? dynamics.moments[i.key]!.mean : null,
      changeSd: dynamics ? dynamics.moments[i.key]!.sd : null,
    })),
    dynamicsUnavailable,
    counts,
  }
}

/** One way of changing a definition, and the areas whose classes change with it. */
export interface SensitivityVariant {
  indicator: string
  change: 'dropped' | 'weight_halved' | 'weight_doubled'
  /** Null when the variant can be computed; else why not (e.g. the only indicator dropped). */
  problem: string | null
  /** Areas whose status class differs from the full index (null: not in the index). */
  status: { area: string; from: StatusClass | null; to: StatusClass | null }[]
  /** Areas whose dynamics class differs. */
  dynamics: { area: string; from: DynamicsClass | null; to: DynamicsClass | null }[]
}

export interface SensitivityResult {
  base: SocialIndexResult
  variants: SensitivityVariant[]
}

function classChanges<C extends string>(
  base: ReadonlyMap<string, C | null>,
  variant: ReadonlyMap<string, C | null>,
  areas: readonly string[],
): { area: string; from: C | null; to: C | null }[] {
  const changes: { area: string; from: C | null; to: C | null }[] = []
  for (const area of areas) {
    const from = base.get(area) ?? null
    const to = variant.get(area) ?? null
    if (from !== to) changes.push({ area, from, to })
  }
  return changes
}

/**
 * How robust the classes are: for each indicator, the areas whose status and dynamics classes
 * change when it is dropped, and when its weight is halved or doubled.
 *
 * @example
 * sensitivity(definition, input).variants.find((v) => v.change === 'dropped')?.status
 * // [{ area: '07', from: 'medium', to: 'low' }, …]
 */
export function sensitivity(
  definition: SocialIndexDefinition,
  input: SocialIndexInput,
): SensitivityResult {
  const base = computeSocialIndex(definition, input)
  const classesOf = (result: SocialIndexResult) => ({
    status: new Map(result.areas.map((a) => [a.area, a.statusClass])),
    dynamics: new Map(result.areas.map((a) => [a.area, a.dynamicsClass])),
  })
  const baseClasses = classesOf(base)
  const variants: SensitivityVariant[] = []
  for (const indicator of definition.indicators) {
    const changes = [
      ['dropped', definition.indicators.filter((i) => i.key !== indicator.key)],
      [
        'weight_halved',
        definition.indicators.map((i) =>
          i.key === indicator.key ? { ...i, weight: i.weight / 2 } : i,
        ),
      ],
      [
        'weight_doubled',
        definition.indicators.map((i) =>
          i.key === indicator.key ? { ...i, weight: i.weight * 2 } : i,
        ),
      ],
    ] as const
    for (const [change, indicators] of changes) {
      const variant: SensitivityVariant = {
        indicator: indicator.key,
        change,
        problem: null,
        status: [],
        dynamics: [],
      }
      if (indicators.length === 0) {
        variant.problem = 'the only indicator cannot be dropped'
      } else {
        try {
          const other = classesOf(computeSocialIndex({ ...definition, indicators }, input))
          variant.status = classChanges(baseClasses.status, other.status, input.areas)
          variant.dynamics = classChanges(baseClasses.dynamics, other.dynamics, input.areas)
        } catch (error) {
          if (!(error instanceof SocialIndexError)) throw error
          variant.problem = error.message
        }
      }
      variants.push(variant)
    }
  }
  return { base, variants }
}
