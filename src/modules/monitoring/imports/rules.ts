/**
 * Plausibility rules applied to imported observations. This is the place to extend: once the
 * indicator catalogue (catalogue.ts, formulas with numerator and denominator) is complete, its
 * count-over-count indicators can be turned into rules here.
 */

/**
 * A subset relation between counts of the same area and period: the sum of the numerator variables
 * cannot exceed the sum of the denominator variables (children under 15 on SGB II benefits are some
 * of the residents under 15). Checked on the data as they stand after the import — the file's values
 * together with the existing ones — wherever the import touched one of the variables, and only when
 * every variable of the rule has a value there. Rules naming variables an organisation does not have
 * are skipped.
 */
export interface RatioRule {
  numerator: readonly string[]
  denominator: readonly string[]
  /** For messages: "children under 15 on SGB II ≤ residents under 15". */
  description: string
}

const residentsUnder15 = ['m', 'f'].flatMap((sex) =>
  ['de', 'nd'].flatMap((nationality) =>
    ['00_04', '05_09', '10_14'].map((age) => `pop_${sex}_${nationality}_${age}`),
  ),
)

export const RATIO_RULES: readonly RatioRule[] = [
  {
    numerator: ['sgb2_u15'],
    denominator: residentsUnder15,
    description: 'children under 15 on SGB II benefits ≤ residents under 15',
  },
  {
    numerator: ['sgb2_u15'],
    denominator: ['sgb2_total'],
    description: 'children under 15 on SGB II benefits ≤ all SGB II beneficiaries',
  },
  {
    numerator: ['kita_u3'],
    denominator: ['pop_age_00_02'],
    description: 'children under 3 in day care ≤ children under 3',
  },
  {
    numerator: ['kita_3_6'],
    denominator: ['pop_age_03_05'],
    description: 'children aged 3 to 5 in day care ≤ children aged 3 to 5',
  },
  {
    numerator: ['sei_language_support'],
    denominator: ['sei_examined'],
    description: 'children needing language support ≤ children examined at school entry',
  },
  {
    numerator: ['sei_overweight'],
    denominator: ['sei_examined'],
    description: 'overweight children ≤ children examined at school entry',
  },
  {
    numerator: ['households_single_parent'],
    denominator: ['households'],
    description: 'single-parent households ≤ households',
  },
  {
    numerator: ['households_one_person'],
    denominator: ['households'],
    description: 'one-person households ≤ households',
  },
  {
    numerator: ['unemployed_longterm'],
    denominator: ['unemployed_sgb2', 'unemployed_sgb3'],
    description: 'long-term unemployed ≤ unemployed (SGB II and SGB III)',
  },
  {
    numerator: ['voters_btw'],
    denominator: ['voters_eligible_btw'],
    description: 'voters ≤ eligible voters (federal election)',
  },
  {
    numerator: ['voters_kw'],
    denominator: ['voters_eligible_kw'],
    description: 'voters ≤ eligible voters (local election)',
  },
]

/**
 * Units of counts and areas, which cannot be negative (compared case-insensitively). A negative
 * value of a variable with another unit (a balance, a change, a percentage) passes.
 */
const NON_NEGATIVE_UNITS = new Set([
  'personen',
  'person',
  'anzahl',
  'haushalte',
  'wohnungen',
  'gebäude',
  'fälle',
  'kinder',
  'plätze',
  'stimmen',
  'einrichtungen',
  'bedarfsgemeinschaften',
  'betriebe',
  'm²',
  'qm',
  'ha',
  'km²',
])

/**
 * True when a variable's unit is a count (or an area) that cannot be negative.
 *
 * @example isCountUnit('Personen') // true
 * @example isCountUnit('%')        // false
 */
export function isCountUnit(unit: string): boolean {
  return NON_NEGATIVE_UNITS.has(unit.trim().toLowerCase())
}
