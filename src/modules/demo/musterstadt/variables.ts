/**
 * The variable catalogue of the demo city: keys (fixed — indicators and tests depend on them),
 * German and English names, units, topics and the plausible real source of each.
 */
import type { DemoVariable } from '../types.js'
import { AGE_GROUPS, type AgeGroup } from './profiles.js'

const SEX = [
  { key: 'm', de: 'männlich', en: 'male' },
  { key: 'f', de: 'weiblich', en: 'female' },
] as const
const NATIONALITY = [
  { key: 'de', de: 'deutsch', en: 'German' },
  { key: 'nd', de: 'nichtdeutsch', en: 'non-German' },
] as const

function ageLabel(group: AgeGroup): { de: string; en: string } {
  if (group === '85p') return { de: '85 Jahre und älter', en: 'aged 85 and over' }
  const from = Number(group.slice(0, 2))
  return { de: `${from} bis unter ${from + 5} Jahre`, en: `aged ${from} to under ${from + 5}` }
}

const REGISTER = 'Einwohnermelderegister (fiktiv, Demo)'
const MOVEMENTS = 'Einwohnermelderegister, Bewegungsstatistik (fiktiv, Demo)'
const HOUSEHOLDS = 'Haushaltegenerierung aus dem Melderegister (fiktiv, Demo)'
const BA_SGB2 =
  'Statistik der Bundesagentur für Arbeit, Grundsicherung für Arbeitsuchende (fiktiv, Demo)'
const BA_UNEMPLOYMENT =
  'Statistik der Bundesagentur für Arbeit, Arbeitslosenstatistik (fiktiv, Demo)'
const BA_EMPLOYMENT =
  'Statistik der Bundesagentur für Arbeit, Beschäftigungsstatistik am Wohnort (fiktiv, Demo)'
const GSIA =
  'Sozialamt Musterstadt, Grundsicherung im Alter und bei Erwerbsminderung (fiktiv, Demo)'
const SEI = 'Schuleingangsuntersuchung Gesundheitsamt (fiktiv, Demo)'
const KITA = 'Jugendamt Musterstadt, Kita-Platzvergabe (fiktiv, Demo)'
const ELECTIONS = 'Wahlamt Musterstadt, Wahlstatistik (fiktiv, Demo)'
const HOUSING = 'Gebäude- und Wohnungsfortschreibung (fiktiv, Demo)'

/** The population keys `pop_{m|f}_{de|nd}_{age}` in catalogue order (sex, nationality, age). */
export const POPULATION_KEYS: string[] = SEX.flatMap((s) =>
  NATIONALITY.flatMap((n) => AGE_GROUPS.map((g) => `pop_${s.key}_${n.key}_${g}`)),
)

/** All variables of the demo city, in the order of the observation cube. */
export function demoVariables(): DemoVariable[] {
  const vars: DemoVariable[] = []
  const add = (
    key: string,
    nameDe: string,
    nameEn: string,
    unit: string,
    topic: string,
    source: string,
  ) => vars.push({ key, nameDe, nameEn, unit, topic, source })

  for (const s of SEX) {
    for (const n of NATIONALITY) {
      for (const g of AGE_GROUPS) {
        const age = ageLabel(g)
        add(
          `pop_${s.key}_${n.key}_${g}`,
          `Einwohnerinnen und Einwohner, ${s.de}, ${n.de}, ${age.de}`,
          `Residents, ${s.en}, ${n.en}, ${age.en}`,
          'Personen',
          'demography',
          REGISTER,
        )
      }
    }
  }
  add(
    'pop_age_00_02',
    'Kinder unter 3 Jahren',
    'Children under 3',
    'Personen',
    'demography',
    REGISTER,
  )
  add(
    'pop_age_03_05',
    'Kinder von 3 bis unter 6 Jahren',
    'Children aged 3 to under 6',
    'Personen',
    'demography',
    REGISTER,
  )
  add('births', 'Lebendgeborene', 'Live births', 'Personen', 'demography', MOVEMENTS)
  add('deaths', 'Gestorbene', 'Deaths', 'Personen', 'demography', MOVEMENTS)
  add(
    'moves_in',
    'Zuzüge in den Block (von außerhalb der Stadt und aus anderen Blöcken)',
    'Moves into the block (from outside the city and from other blocks)',
    'Personen',
    'demography',
    MOVEMENTS,
  )
  add(
    'moves_out',
    'Fortzüge aus dem Block (aus der Stadt und in andere Blöcke)',
    'Moves out of the block (out of the city and to other blocks)',
    'Personen',
    'demography',
    MOVEMENTS,
  )
  add('households', 'Privathaushalte', 'Private households', 'Haushalte', 'households', HOUSEHOLDS)
  add(
    'households_single_parent',
    'Haushalte von Alleinerziehenden',
    'Single-parent households',
    'Haushalte',
    'households',
    HOUSEHOLDS,
  )
  add(
    'households_one_person',
    'Einpersonenhaushalte',
    'One-person households',
    'Haushalte',
    'households',
    HOUSEHOLDS,
  )
  add(
    'sgb2_total',
    'Leistungsberechtigte nach SGB II',
    'People receiving SGB II benefits',
    'Personen',
    'poverty',
    BA_SGB2,
  )
  add(
    'sgb2_u15',
    'Leistungsberechtigte nach SGB II unter 15 Jahren',
    'People under 15 receiving SGB II benefits',
    'Personen',
    'poverty',
    BA_SGB2,
  )
  add(
    'unemployed_sgb2',
    'Arbeitslose im Rechtskreis SGB II',
    'Unemployed (SGB II, job centre)',
    'Personen',
    'employment',
    BA_UNEMPLOYMENT,
  )
  add(
    'unemployed_sgb3',
    'Arbeitslose im Rechtskreis SGB III',
    'Unemployed (SGB III, employment agency)',
    'Personen',
    'employment',
    BA_UNEMPLOYMENT,
  )
  add(
    'unemployed_longterm',
    'Langzeitarbeitslose (ein Jahr und länger arbeitslos)',
    'Long-term unemployed (one year or longer)',
    'Personen',
    'employment',
    BA_UNEMPLOYMENT,
  )
  add(
    'employees_svb',
    'Sozialversicherungspflichtig Beschäftigte am Wohnort',
    'Employees subject to social insurance (place of residence)',
    'Personen',
    'employment',
    BA_EMPLOYMENT,
  )
  add(
    'sgb12_gsia',
    'Empfängerinnen und Empfänger von Grundsicherung im Alter (65 Jahre und älter)',
    'Recipients of basic income support in old age (65 and over)',
    'Personen',
    'poverty',
    GSIA,
  )
  add(
    'sei_examined',
    'Bei der Schuleingangsuntersuchung untersuchte Kinder',
    'Children examined at the school-entry examination',
    'Personen',
    'health',
    SEI,
  )
  add(
    'sei_language_support',
    'Untersuchte Kinder mit Sprachförderbedarf',
    'Examined children needing language support',
    'Personen',
    'education',
    SEI,
  )
  add(
    'sei_overweight',
    'Untersuchte Kinder mit Übergewicht',
    'Examined children who are overweight',
    'Personen',
    'health',
    SEI,
  )
  add(
    'kita_u3',
    'Kinder unter 3 Jahren in Kindertagesbetreuung',
    'Children under 3 in day care',
    'Personen',
    'childcare',
    KITA,
  )
  add(
    'kita_3_6',
    'Kinder von 3 Jahren bis zum Schuleintritt in Kindertagesbetreuung',
    'Children aged 3 to school entry in day care',
    'Personen',
    'childcare',
    KITA,
  )
  add(
    'voters_eligible_btw',
    'Wahlberechtigte bei der Bundestagswahl',
    'Eligible voters, federal election',
    'Personen',
    'participation',
    ELECTIONS,
  )
  add(
    'voters_btw',
    'Wählerinnen und Wähler bei der Bundestagswahl',
    'Voters, federal election',
    'Personen',
    'participation',
    ELECTIONS,
  )
  add(
    'voters_eligible_kw',
    'Wahlberechtigte bei der Kommunalwahl (ab 16 Jahren, mit EU-Bürgerinnen und -Bürgern)',
    'Eligible voters, municipal election (16 and over, EU citizens included)',
    'Personen',
    'participation',
    ELECTIONS,
  )
  add(
    'voters_kw',
    'Wählerinnen und Wähler bei der Kommunalwahl',
    'Voters, municipal election',
    'Personen',
    'participation',
    ELECTIONS,
  )
  add('living_space_m2', 'Wohnfläche', 'Living space', 'm²', 'housing', HOUSING)
  add('dwellings', 'Wohnungen', 'Dwellings', 'Wohnungen', 'housing', HOUSING)
  return vars
}

/** Years with a Bundestag election (September; counted on the year-end population). */
export const BUNDESTAG_YEARS = [2017, 2021]
/** Years with municipal elections in Lower Saxony (September). */
export const MUNICIPAL_YEARS = [2016, 2021]
