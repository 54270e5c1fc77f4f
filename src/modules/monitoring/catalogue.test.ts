import { describe, expect, it } from 'vitest'
import { computeIndicators, type EngineResult } from '../../core/indicators/engine.js'
import { formatFormula } from '../../core/indicators/formula.js'
import { createAreaTree } from '../../core/indicators/tree.js'
import { generateMusterstadt } from '../demo/index.js'
import { DEFAULT_CATALOGUE, parseCatalogue } from './catalogue.js'

const city = generateMusterstadt()
const variableKeys = city.variables.map((v) => v.key)

/** The demo city as engine input: all four layers, observations on the blocks. */
function computeDemo(): EngineResult {
  const level = new Map(city.layers.map((l) => [l.key, l.level]))
  const index = new Map(city.areas.map((a, i) => [`${level.get(a.layerKey)}:${a.code}`, i]))
  const layer = city.areas.map((a) => level.get(a.layerKey) as number)
  const parent = city.areas.map((a, i) =>
    a.parentCode === null
      ? -1
      : (index.get(`${(layer[i] as number) - 1}:${a.parentCode}`) as number),
  )
  const tree = createAreaTree(parent, layer)
  const obs = city.observations
  const P = obs.periods.length
  const finest = city.layers.length - 1
  const observed = new Float64Array(variableKeys.length * tree.size * P).fill(Number.NaN)
  obs.variableKeys.forEach((key, v) => {
    const target = variableKeys.indexOf(key)
    obs.areaCodes.forEach((code, a) => {
      const area = index.get(`${finest}:${code}`) as number
      for (let p = 0; p < P; p++) {
        observed[(target * tree.size + area) * P + p] = obs.values[
          (v * obs.areaCodes.length + a) * P + p
        ] as number
      }
    })
  })
  const { definitions } = parseCatalogue(DEFAULT_CATALOGUE, variableKeys)
  return computeIndicators({
    tree,
    periods: obs.periods,
    variables: variableKeys,
    observed,
    indicators: definitions,
  })
}

/**
 * Plausible city-wide values for a West German city of about 150,000 residents, from the orders of
 * magnitude in official statistics (Destatis, Statistik der BA, KECK-Atlas, Berlin MSS); wide on
 * purpose — they catch a wrong glob or factor, not a change of the demo's seed.
 */
const PLAUSIBLE: Record<string, [number, number]> = {
  residents: [100_000, 250_000],
  share_u6: [4, 8],
  share_u15: [10, 17],
  share_15_64: [58, 70],
  share_65p: [15, 30],
  share_80p: [4, 10],
  youth_dependency_ratio: [25, 40],
  old_age_dependency_ratio: [25, 45],
  general_fertility_rate: [30, 60],
  crude_birth_rate: [6, 12],
  crude_death_rate: [8, 16],
  natural_balance: [-8, 3],
  population_balance: [-20, 20],
  household_size: [1.7, 2.3],
  share_single_parent_households: [2, 10],
  share_one_person_households: [30, 55],
  share_non_german: [5, 30],
  share_non_german_u15: [5, 35],
  migration_balance: [-20, 25],
  fluctuation_rate: [50, 400],
  sgb2_recipients: [3_000, 30_000],
  sgb2_rate: [5, 18],
  child_poverty: [10, 25],
  sgb2_rate_15_64: [4, 16],
  old_age_poverty: [2, 8],
  unemployed: [2_000, 15_000],
  unemployment_share: [3, 10],
  unemployment_share_sgb2: [2, 7],
  unemployment_share_sgb3: [0.8, 3.5],
  share_sgb2_among_unemployed: [50, 85],
  share_longterm_unemployed: [25, 50],
  longterm_unemployment_share: [1, 4.5],
  employment_rate: [55, 72],
  language_support_need: [10, 45],
  overweight_school_entry: [6, 16],
  childcare_rate_u3: [20, 60],
  childcare_rate_3_6: [80, 100],
  living_space_per_resident: [35, 55],
  dwelling_size: [60, 100],
  dwellings_per_1000: [450, 650],
  residents_per_dwelling: [1.6, 2.2],
  housing_supply_ratio: [95, 112],
  turnout_bundestag: [65, 85],
  turnout_municipal: [40, 65],
}

describe('default indicator catalogue', () => {
  it('has about 40 indicators with unique keys, both languages and a source', () => {
    expect(DEFAULT_CATALOGUE.length).toBeGreaterThanOrEqual(38)
    const keys = DEFAULT_CATALOGUE.map((i) => i.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const i of DEFAULT_CATALOGUE) {
      expect(i.key, i.key).toMatch(/^[a-z][a-z0-9_]*$/)
      for (const text of [i.nameDe, i.nameEn, i.definitionDe, i.definitionEn, i.source, i.unit]) {
        expect(text.trim().length, i.key).toBeGreaterThan(0)
      }
      expect(i.definitionDe, i.key).toMatch(/\.$/)
      expect(i.definitionEn, i.key).toMatch(/\.$/)
      expect(i.nameDe, i.key).not.toBe(i.nameEn)
      expect(Number.isInteger(i.decimals) && i.decimals >= 0 && i.decimals <= 3, i.key).toBe(true)
    }
    const topics = new Set(DEFAULT_CATALOGUE.map((i) => i.topic))
    for (const t of [
      'demography',
      'poverty',
      'employment',
      'education',
      'health',
      'childcare',
      'housing',
      'migration',
      'participation',
    ]) {
      expect(topics, t).toContain(t)
    }
  })

  it('parses every formula against the Musterstadt variables', () => {
    const { definitions, skipped } = parseCatalogue(DEFAULT_CATALOGUE, variableKeys)
    expect(skipped).toEqual([])
    expect(definitions).toHaveLength(DEFAULT_CATALOGUE.length)
    const byKey = new Map(definitions.map((d) => [d.key, d.formula]))
    // Residents are the 72 sex × nationality × age variables, never the extra pop_age_* groups.
    expect(byKey.get('residents')?.variables).toHaveLength(72)
    expect(byKey.get('residents')?.variables.some((v) => v.startsWith('pop_age_'))).toBe(false)
    expect(byKey.get('child_poverty')?.denominator).toHaveLength(12)
    expect(byKey.get('share_65p')?.numerator).toHaveLength(20)
    expect(byKey.get('youth_dependency_ratio')?.denominator).toHaveLength(36)
    expect(
      formatFormula(byKey.get('migration_balance')!).startsWith(
        '1000 * (moves_in - moves_out) / (',
      ),
    ).toBe(true)
  })

  it('lists indicators that do not fit other variables instead of failing', () => {
    const { definitions, skipped } = parseCatalogue(
      DEFAULT_CATALOGUE,
      variableKeys.filter((k) => k !== 'sgb2_u15'),
    )
    expect(skipped.map((s) => s.key).sort()).toEqual(['child_poverty', 'sgb2_rate_15_64'])
    expect(skipped[0]?.code).toBe('FORMULA_UNKNOWN_VARIABLE')
    expect(definitions).toHaveLength(DEFAULT_CATALOGUE.length - 2)
  })

  it('gives plausible city-wide values for Musterstadt in 2024 (elections: 2021)', () => {
    const result = computeDemo()
    expect(Object.keys(PLAUSIBLE).sort()).toEqual(DEFAULT_CATALOGUE.map((i) => i.key).sort())
    const failures: string[] = []
    for (const i of DEFAULT_CATALOGUE) {
      const year = i.topic === 'participation' ? 2021 : 2024
      const value = result.cell(i.key, 0, result.periodIndex(year)).value
      const [lo, hi] = PLAUSIBLE[i.key] as [number, number]
      if (!(value >= lo && value <= hi)) failures.push(`${i.key} = ${value} not in [${lo}, ${hi}]`)
    }
    expect(failures).toEqual([])
  })
})
