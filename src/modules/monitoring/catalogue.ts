/**
 * The default indicator catalogue (Kennzahlenkatalog): about 40 key figures common in German
 * social reporting, written over the variable keys of the Musterstadt convention
 * (`pop_{m|f}_{de|nd}_{age}` in five-year groups, `sgb2_u15`, `kita_u3`, …).
 *
 * Definitions follow the usual sources: Destatis (Jugend- and Altenquotient with the 20/65 age
 * limits; allgemeine Fruchtbarkeitsziffer per 1,000 women aged 15–44), the Statistik der
 * Bundesagentur für Arbeit (SGB-II-Quote on the population under 65; Arbeitslose and
 * Beschäftigte relative to residents aged 15–64), the Monitoring Soziale Stadtentwicklung Berlin
 * (Arbeitslosigkeit, Kinderarmut, Wanderungsvolumen), the KECK-Atlas of the Bertelsmann Stiftung
 * and the Schuleingangsuntersuchung (Sprachförderbedarf, Übergewicht), the Wegweiser Kommune
 * (Bertelsmann Stiftung) and the social reports of Dortmund, Gelsenkirchen and Hamm.
 *
 * Where the five-year age groups cannot give a customary limit, the nearest exact one is used and
 * named: children are "under 15" (as in the SGB II child poverty rate), not "under 18", and the
 * working age is 15–64 (as in the BA's rates), not 18–64.
 *
 * Formulas are plain text; `parseCatalogue` checks them against an organisation's variables.
 */
import type { IndicatorDefinition } from '../../core/indicators/engine.js'
import { FormulaError, parseFormula } from '../../core/indicators/formula.js'
import type { Polarity } from '../../core/indicators/types.js'

/** Topics of the catalogue, in the order a social report usually follows. */
export type IndicatorTopic =
  | 'demography'
  | 'migration'
  | 'poverty'
  | 'employment'
  | 'education'
  | 'health'
  | 'childcare'
  | 'housing'
  | 'participation'

/** One entry of the catalogue. */
export interface CatalogueIndicator {
  key: string
  nameDe: string
  nameEn: string
  definitionDe: string
  definitionEn: string
  /** Formula text over variable keys (see core/indicators/formula.ts). */
  formula: string
  unit: string
  decimals: number
  polarity: Polarity
  topic: IndicatorTopic
  /** Where the underlying data usually come from (German). */
  source: string
  /** Minimum case number for disclosure control; null = the organisation's default. */
  minCaseNumber: number | null
  /** Shown to the public (after disclosure control). */
  published: boolean
}

// Variable groups over the five-year age groups of `pop_{m|f}_{de|nd}_{age}`.
const AGES_0_14 = '00_04,05_09,10_14'
const AGES_15_19 = '15_19'
const AGES_20_64 = '20_24,25_29,30_34,35_39,40_44,45_49,50_54,55_59,60_64'
const AGES_65P = '65_69,70_74,75_79,80_84,85p'
const AGES_80P = '80_84,85p'
const AGES_WOMEN_15_44 = '15_19,20_24,25_29,30_34,35_39,40_44'

/** Residents of both sexes and nationalities in the given age groups. */
const residents = (ages?: string) => (ages ? `sum(pop_{m,f}_*_{${ages}})` : 'sum(pop_{m,f}_*)')
const ALL = residents()
const U15 = residents(AGES_0_14)
const U20 = residents(`${AGES_0_14},${AGES_15_19}`)
const A15_64 = residents(`${AGES_15_19},${AGES_20_64}`)
const A20_64 = residents(AGES_20_64)
const U65 = residents(`${AGES_0_14},${AGES_15_19},${AGES_20_64}`)
const A65P = residents(AGES_65P)
const A80P = residents(AGES_80P)
const U6 = '(pop_age_00_02 + pop_age_03_05)'
const UNEMPLOYED = '(unemployed_sgb2 + unemployed_sgb3)'

const REGISTER = 'Einwohnermelderegister der Kommune'
const MOVEMENTS =
  'Einwohnermelderegister, Bewegungsstatistik (Geburten, Sterbefälle, Zu- und Fortzüge)'
const HOUSEHOLDS = 'Haushaltegenerierung aus dem Einwohnermelderegister'
const BA_SGB2 =
  'Statistik der Bundesagentur für Arbeit, Grundsicherung für Arbeitsuchende (SGB II); Einwohnermelderegister'
const BA_UNEMPLOYMENT =
  'Statistik der Bundesagentur für Arbeit, Arbeitslosenstatistik; Einwohnermelderegister'
const BA_EMPLOYMENT =
  'Statistik der Bundesagentur für Arbeit, Beschäftigungsstatistik am Wohnort; Einwohnermelderegister'
const GSIA =
  'Sozialamt, Grundsicherung im Alter und bei Erwerbsminderung (SGB XII); Einwohnermelderegister'
const SEI = 'Gesundheitsamt, Schuleingangsuntersuchung'
const KITA = 'Jugendamt, Kindertagesbetreuung; Einwohnermelderegister'
const ELECTIONS = 'Wahlamt, Wahlstatistik'
const HOUSING = 'Gebäude- und Wohnungsfortschreibung; Einwohnermelderegister'

type Entry = Omit<CatalogueIndicator, 'minCaseNumber' | 'published'> &
  Partial<Pick<CatalogueIndicator, 'minCaseNumber' | 'published'>>

const ENTRIES: Entry[] = [
  // --- Demography ----------------------------------------------------------------------------
  {
    key: 'residents',
    nameDe: 'Einwohnerinnen und Einwohner',
    nameEn: 'Residents',
    definitionDe: 'Zahl der Einwohnerinnen und Einwohner mit Hauptwohnsitz am Jahresende.',
    definitionEn:
      'Number of residents with their main residence in the area at the end of the year.',
    formula: ALL,
    unit: 'Personen',
    decimals: 0,
    polarity: 'neutral',
    topic: 'demography',
    source: REGISTER,
  },
  {
    key: 'share_u6',
    nameDe: 'Anteil Kinder unter 6 Jahren',
    nameEn: 'Share of children under 6',
    definitionDe: 'Kinder unter 6 Jahren in Prozent aller Einwohnerinnen und Einwohner.',
    definitionEn: 'Children under 6 as a percentage of all residents.',
    formula: `100 * ${U6} / ${ALL}`,
    unit: '%',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: REGISTER,
  },
  {
    key: 'share_u15',
    nameDe: 'Anteil Kinder unter 15 Jahren',
    nameEn: 'Share of children under 15',
    definitionDe:
      'Kinder unter 15 Jahren in Prozent aller Einwohnerinnen und Einwohner (Altersgrenze wie bei der SGB-II-Kinderarmut).',
    definitionEn:
      'Children under 15 as a percentage of all residents (the age limit of the SGB II child poverty rate).',
    formula: `100 * ${U15} / ${ALL}`,
    unit: '%',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: REGISTER,
  },
  {
    key: 'share_15_64',
    nameDe: 'Anteil der Bevölkerung im erwerbsfähigen Alter (15 bis 64 Jahre)',
    nameEn: 'Share of the working-age population (15 to 64)',
    definitionDe:
      'Einwohnerinnen und Einwohner von 15 bis unter 65 Jahren in Prozent aller Einwohner.',
    definitionEn: 'Residents aged 15 to under 65 as a percentage of all residents.',
    formula: `100 * ${A15_64} / ${ALL}`,
    unit: '%',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: REGISTER,
  },
  {
    key: 'share_65p',
    nameDe: 'Anteil Einwohner ab 65 Jahren',
    nameEn: 'Share of residents aged 65 and over',
    definitionDe: 'Einwohnerinnen und Einwohner ab 65 Jahren in Prozent aller Einwohner.',
    definitionEn: 'Residents aged 65 and over as a percentage of all residents.',
    formula: `100 * ${A65P} / ${ALL}`,
    unit: '%',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: REGISTER,
  },
  {
    key: 'share_80p',
    nameDe: 'Anteil Hochaltriger (80 Jahre und älter)',
    nameEn: 'Share of the very old (80 and over)',
    definitionDe: 'Einwohnerinnen und Einwohner ab 80 Jahren in Prozent aller Einwohner.',
    definitionEn: 'Residents aged 80 and over as a percentage of all residents.',
    formula: `100 * ${A80P} / ${ALL}`,
    unit: '%',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: REGISTER,
  },
  {
    key: 'youth_dependency_ratio',
    nameDe: 'Jugendquotient',
    nameEn: 'Youth dependency ratio',
    definitionDe:
      'Einwohner unter 20 Jahren je 100 Einwohner von 20 bis unter 65 Jahren (Abgrenzung des Statistischen Bundesamts).',
    definitionEn:
      'Residents under 20 per 100 residents aged 20 to under 65 (definition of the Federal Statistical Office).',
    formula: `100 * ${U20} / ${A20_64}`,
    unit: 'je 100 Einw. 20–64 J.',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: REGISTER,
  },
  {
    key: 'old_age_dependency_ratio',
    nameDe: 'Altenquotient',
    nameEn: 'Old-age dependency ratio',
    definitionDe:
      'Einwohner ab 65 Jahren je 100 Einwohner von 20 bis unter 65 Jahren (Abgrenzung des Statistischen Bundesamts).',
    definitionEn:
      'Residents aged 65 and over per 100 residents aged 20 to under 65 (definition of the Federal Statistical Office).',
    formula: `100 * ${A65P} / ${A20_64}`,
    unit: 'je 100 Einw. 20–64 J.',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: REGISTER,
  },
  {
    key: 'general_fertility_rate',
    nameDe: 'Allgemeine Fruchtbarkeitsziffer',
    nameEn: 'General fertility rate',
    definitionDe:
      'Lebendgeborene im Jahr je 1.000 Frauen von 15 bis unter 45 Jahren; ein kleinräumig berechenbarer Ersatz für die zusammengefasste Geburtenziffer.',
    definitionEn:
      'Live births in the year per 1,000 women aged 15 to under 45; a small-area substitute for the total fertility rate.',
    formula: `1000 * births / sum(pop_f_*_{${AGES_WOMEN_15_44}})`,
    unit: 'je 1.000 Frauen 15–44 J.',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: MOVEMENTS,
  },
  {
    key: 'crude_birth_rate',
    nameDe: 'Geburtenrate',
    nameEn: 'Crude birth rate',
    definitionDe: 'Lebendgeborene im Jahr je 1.000 Einwohnerinnen und Einwohner.',
    definitionEn: 'Live births in the year per 1,000 residents.',
    formula: `1000 * births / ${ALL}`,
    unit: 'je 1.000 Einw.',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: MOVEMENTS,
  },
  {
    key: 'crude_death_rate',
    nameDe: 'Sterberate',
    nameEn: 'Crude death rate',
    definitionDe: 'Gestorbene im Jahr je 1.000 Einwohnerinnen und Einwohner.',
    definitionEn: 'Deaths in the year per 1,000 residents.',
    formula: `1000 * deaths / ${ALL}`,
    unit: 'je 1.000 Einw.',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: MOVEMENTS,
  },
  {
    key: 'natural_balance',
    nameDe: 'Natürlicher Saldo',
    nameEn: 'Natural balance',
    definitionDe: 'Lebendgeborene minus Gestorbene im Jahr je 1.000 Einwohnerinnen und Einwohner.',
    definitionEn: 'Live births minus deaths in the year per 1,000 residents.',
    formula: `1000 * (births - deaths) / ${ALL}`,
    unit: 'je 1.000 Einw.',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: MOVEMENTS,
  },
  {
    key: 'population_balance',
    nameDe: 'Bevölkerungsbilanz',
    nameEn: 'Population balance',
    definitionDe:
      'Geburten minus Sterbefälle plus Zuzüge minus Fortzüge im Jahr je 1.000 Einwohner; die Veränderung der Einwohnerzahl selbst zeigt die Entwicklung der Kennzahl „Einwohner“.',
    definitionEn:
      'Births minus deaths plus moves in minus moves out in the year per 1,000 residents; the change of the resident count itself is the trend of "Residents".',
    formula: `1000 * (births - deaths + moves_in - moves_out) / ${ALL}`,
    unit: 'je 1.000 Einw.',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: MOVEMENTS,
  },
  // --- Households ------------------------------------------------------------------------------
  {
    key: 'household_size',
    nameDe: 'Durchschnittliche Haushaltsgröße',
    nameEn: 'Average household size',
    definitionDe: 'Einwohnerinnen und Einwohner je Privathaushalt.',
    definitionEn: 'Residents per private household.',
    formula: `${ALL} / households`,
    unit: 'Personen je Haushalt',
    decimals: 2,
    polarity: 'neutral',
    topic: 'demography',
    source: HOUSEHOLDS,
  },
  {
    key: 'share_single_parent_households',
    nameDe: 'Anteil Alleinerziehenden-Haushalte',
    nameEn: 'Share of single-parent households',
    definitionDe:
      'Haushalte von Alleinerziehenden mit minderjährigen Kindern in Prozent aller Privathaushalte.',
    definitionEn:
      'Households of single parents with minor children as a percentage of all private households.',
    formula: '100 * households_single_parent / households',
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'demography',
    source: HOUSEHOLDS,
  },
  {
    key: 'share_one_person_households',
    nameDe: 'Anteil Einpersonenhaushalte',
    nameEn: 'Share of one-person households',
    definitionDe: 'Einpersonenhaushalte in Prozent aller Privathaushalte.',
    definitionEn: 'One-person households as a percentage of all private households.',
    formula: '100 * households_one_person / households',
    unit: '%',
    decimals: 1,
    polarity: 'neutral',
    topic: 'demography',
    source: HOUSEHOLDS,
  },
  // --- Migration -------------------------------------------------------------------------------
  {
    key: 'share_non_german',
    nameDe: 'Ausländeranteil',
    nameEn: 'Share of non-German residents',
    definitionDe:
      'Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit in Prozent aller Einwohner.',
    definitionEn: 'Residents without German citizenship as a percentage of all residents.',
    formula: `100 * sum(pop_{m,f}_nd_*) / ${ALL}`,
    unit: '%',
    decimals: 1,
    polarity: 'neutral',
    topic: 'migration',
    source: REGISTER,
  },
  {
    key: 'share_non_german_u15',
    nameDe: 'Anteil nichtdeutscher Kinder unter 15 Jahren',
    nameEn: 'Share of non-German children under 15',
    definitionDe:
      'Kinder unter 15 Jahren ohne deutsche Staatsangehörigkeit in Prozent aller Kinder unter 15 Jahren.',
    definitionEn:
      'Children under 15 without German citizenship as a percentage of all children under 15.',
    formula: `100 * sum(pop_{m,f}_nd_{${AGES_0_14}}) / ${U15}`,
    unit: '%',
    decimals: 1,
    polarity: 'neutral',
    topic: 'migration',
    source: REGISTER,
  },
  {
    key: 'migration_balance',
    nameDe: 'Wanderungssaldo',
    nameEn: 'Net migration',
    definitionDe:
      'Zuzüge minus Fortzüge über die Grenze des Gebiets im Jahr je 1.000 Einwohner; Umzüge innerhalb des Gebiets heben sich auf.',
    definitionEn:
      'Moves in minus moves out across the boundary of the area in the year per 1,000 residents; moves within the area cancel out.',
    formula: `1000 * (moves_in - moves_out) / ${ALL}`,
    unit: 'je 1.000 Einw.',
    decimals: 1,
    polarity: 'neutral',
    topic: 'migration',
    source: MOVEMENTS,
  },
  {
    key: 'fluctuation_rate',
    nameDe: 'Fluktuationsrate (Wanderungsvolumen)',
    nameEn: 'Fluctuation rate (migration volume)',
    definitionDe:
      'Zuzüge plus Fortzüge im Jahr je 1.000 Einwohner. Summiert über kleinere Gebiete zählt sie auch die Umzüge zwischen ihnen mit und ist daher nur innerhalb einer Raumebene vergleichbar.',
    definitionEn:
      'Moves in plus moves out in the year per 1,000 residents. Summed over smaller areas it includes the moves between them, so compare it only within one layer.',
    formula: `1000 * (moves_in + moves_out) / ${ALL}`,
    unit: 'je 1.000 Einw.',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'migration',
    source: MOVEMENTS,
    // Not comparable across layers (see the definition): internal use until block-boundary flows exist.
    published: false,
  },
  // --- Poverty ----------------------------------------------------------------------------------
  {
    key: 'sgb2_recipients',
    nameDe: 'Leistungsberechtigte nach SGB II',
    nameEn: 'People receiving SGB II benefits',
    definitionDe:
      'Zahl der Leistungsberechtigten in der Grundsicherung für Arbeitsuchende (SGB II).',
    definitionEn: 'Number of people entitled to basic income support for jobseekers (SGB II).',
    formula: 'sgb2_total',
    unit: 'Personen',
    decimals: 0,
    polarity: 'higher_is_worse',
    topic: 'poverty',
    source: BA_SGB2,
  },
  {
    key: 'sgb2_rate',
    nameDe: 'SGB-II-Quote',
    nameEn: 'SGB II rate',
    definitionDe:
      'Leistungsberechtigte nach SGB II in Prozent der Einwohner unter 65 Jahren (Abgrenzung der Statistik der Bundesagentur für Arbeit).',
    definitionEn:
      'People receiving SGB II benefits as a percentage of residents under 65 (as defined by the Federal Employment Agency statistics).',
    formula: `100 * sgb2_total / ${U65}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'poverty',
    source: BA_SGB2,
  },
  {
    key: 'child_poverty',
    nameDe: 'Kinderarmut (SGB-II-Quote unter 15 Jahren)',
    nameEn: 'Child poverty (SGB II rate under 15)',
    definitionDe:
      'Leistungsberechtigte nach SGB II unter 15 Jahren in Prozent aller Kinder unter 15 Jahren.',
    definitionEn:
      'People under 15 receiving SGB II benefits as a percentage of all children under 15.',
    formula: `100 * sgb2_u15 / ${U15}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'poverty',
    source: BA_SGB2,
  },
  {
    key: 'sgb2_rate_15_64',
    nameDe: 'SGB-II-Quote der 15- bis 64-Jährigen',
    nameEn: 'SGB II rate aged 15 to 64',
    definitionDe:
      'Leistungsberechtigte nach SGB II ab 15 Jahren in Prozent der Einwohner von 15 bis unter 65 Jahren.',
    definitionEn:
      'People aged 15 and over receiving SGB II benefits as a percentage of residents aged 15 to under 65.',
    formula: `100 * (sgb2_total - sgb2_u15) / ${A15_64}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'poverty',
    source: BA_SGB2,
  },
  {
    key: 'old_age_poverty',
    nameDe: 'Grundsicherung im Alter',
    nameEn: 'Old-age basic income support',
    definitionDe:
      'Empfängerinnen und Empfänger von Grundsicherung im Alter (SGB XII, 4. Kapitel) in Prozent der Einwohner ab 65 Jahren.',
    definitionEn:
      'Recipients of basic income support in old age (SGB XII, chapter 4) as a percentage of residents aged 65 and over.',
    formula: `100 * sgb12_gsia / ${A65P}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'poverty',
    source: GSIA,
  },
  // --- Employment -------------------------------------------------------------------------------
  {
    key: 'unemployed',
    nameDe: 'Arbeitslose',
    nameEn: 'Unemployed',
    definitionDe: 'Zahl der Arbeitslosen in den Rechtskreisen SGB II und SGB III.',
    definitionEn: 'Number of unemployed people under SGB II and SGB III.',
    formula: 'unemployed_sgb2 + unemployed_sgb3',
    unit: 'Personen',
    decimals: 0,
    polarity: 'higher_is_worse',
    topic: 'employment',
    source: BA_UNEMPLOYMENT,
  },
  {
    key: 'unemployment_share',
    nameDe: 'Arbeitslosenanteil',
    nameEn: 'Unemployment share',
    definitionDe:
      'Arbeitslose (SGB II und SGB III) in Prozent der Einwohner von 15 bis unter 65 Jahren; kleinräumiger Ersatz der Arbeitslosenquote.',
    definitionEn:
      'Unemployed people (SGB II and SGB III) as a percentage of residents aged 15 to under 65; the small-area substitute for the unemployment rate.',
    formula: `100 * ${UNEMPLOYED} / ${A15_64}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'employment',
    source: BA_UNEMPLOYMENT,
  },
  {
    key: 'unemployment_share_sgb2',
    nameDe: 'Arbeitslosenanteil SGB II',
    nameEn: 'Unemployment share SGB II',
    definitionDe:
      'Arbeitslose im Rechtskreis SGB II (Jobcenter) in Prozent der Einwohner von 15 bis unter 65 Jahren.',
    definitionEn:
      'Unemployed people under SGB II (job centre) as a percentage of residents aged 15 to under 65.',
    formula: `100 * unemployed_sgb2 / ${A15_64}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'employment',
    source: BA_UNEMPLOYMENT,
  },
  {
    key: 'unemployment_share_sgb3',
    nameDe: 'Arbeitslosenanteil SGB III',
    nameEn: 'Unemployment share SGB III',
    definitionDe:
      'Arbeitslose im Rechtskreis SGB III (Agentur für Arbeit) in Prozent der Einwohner von 15 bis unter 65 Jahren.',
    definitionEn:
      'Unemployed people under SGB III (employment agency) as a percentage of residents aged 15 to under 65.',
    formula: `100 * unemployed_sgb3 / ${A15_64}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'employment',
    source: BA_UNEMPLOYMENT,
  },
  {
    key: 'share_sgb2_among_unemployed',
    nameDe: 'Anteil SGB II an allen Arbeitslosen',
    nameEn: 'SGB II share of all unemployed',
    definitionDe: 'Arbeitslose im Rechtskreis SGB II in Prozent aller Arbeitslosen.',
    definitionEn: 'Unemployed people under SGB II as a percentage of all unemployed people.',
    formula: `100 * unemployed_sgb2 / ${UNEMPLOYED}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'employment',
    source: BA_UNEMPLOYMENT,
  },
  {
    key: 'share_longterm_unemployed',
    nameDe: 'Anteil Langzeitarbeitsloser',
    nameEn: 'Share of long-term unemployed',
    definitionDe:
      'Langzeitarbeitslose (ein Jahr und länger arbeitslos) in Prozent aller Arbeitslosen.',
    definitionEn:
      'Long-term unemployed people (one year or longer) as a percentage of all unemployed people.',
    formula: `100 * unemployed_longterm / ${UNEMPLOYED}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'employment',
    source: BA_UNEMPLOYMENT,
  },
  {
    key: 'longterm_unemployment_share',
    nameDe: 'Langzeitarbeitslosenanteil',
    nameEn: 'Long-term unemployment share',
    definitionDe: 'Langzeitarbeitslose in Prozent der Einwohner von 15 bis unter 65 Jahren.',
    definitionEn: 'Long-term unemployed people as a percentage of residents aged 15 to under 65.',
    formula: `100 * unemployed_longterm / ${A15_64}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'employment',
    source: BA_UNEMPLOYMENT,
  },
  {
    key: 'employment_rate',
    nameDe: 'Beschäftigtenquote',
    nameEn: 'Employment rate',
    definitionDe:
      'Sozialversicherungspflichtig Beschäftigte am Wohnort in Prozent der Einwohner von 15 bis unter 65 Jahren.',
    definitionEn:
      'Employees subject to social insurance living in the area as a percentage of residents aged 15 to under 65.',
    formula: `100 * employees_svb / ${A15_64}`,
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_better',
    topic: 'employment',
    source: BA_EMPLOYMENT,
  },
  // --- Education and health (school-entry examination) ------------------------------------------
  {
    key: 'language_support_need',
    nameDe: 'Sprachförderbedarf bei der Schuleingangsuntersuchung',
    nameEn: 'Language support need at school entry',
    definitionDe:
      'Untersuchte Kinder mit Sprachförderbedarf in Prozent aller bei der Schuleingangsuntersuchung untersuchten Kinder.',
    definitionEn:
      'Examined children needing language support as a percentage of all children examined at school entry.',
    formula: '100 * sei_language_support / sei_examined',
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'education',
    source: SEI,
  },
  {
    key: 'overweight_school_entry',
    nameDe: 'Übergewicht bei der Schuleingangsuntersuchung',
    nameEn: 'Overweight at school entry',
    definitionDe:
      'Untersuchte Kinder mit Übergewicht (einschließlich Adipositas, BMI über dem 90. Perzentil nach Kromeyer-Hauschild) in Prozent aller untersuchten Kinder.',
    definitionEn:
      'Examined children who are overweight (including obesity, BMI above the 90th Kromeyer-Hauschild percentile) as a percentage of all examined children.',
    formula: '100 * sei_overweight / sei_examined',
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_worse',
    topic: 'health',
    source: SEI,
  },
  // --- Childcare --------------------------------------------------------------------------------
  {
    key: 'childcare_rate_u3',
    nameDe: 'Betreuungsquote unter 3 Jahren',
    nameEn: 'Childcare rate under 3',
    definitionDe:
      'Kinder unter 3 Jahren in Kindertagesbetreuung in Prozent aller Kinder unter 3 Jahren.',
    definitionEn: 'Children under 3 in day care as a percentage of all children under 3.',
    formula: '100 * kita_u3 / pop_age_00_02',
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_better',
    topic: 'childcare',
    source: KITA,
  },
  {
    key: 'childcare_rate_3_6',
    nameDe: 'Betreuungsquote 3 bis unter 6 Jahre',
    nameEn: 'Childcare rate aged 3 to under 6',
    definitionDe:
      'Kinder von 3 Jahren bis zum Schuleintritt in Kindertagesbetreuung in Prozent der Kinder von 3 bis unter 6 Jahren.',
    definitionEn:
      'Children from age 3 to school entry in day care as a percentage of children aged 3 to under 6.',
    formula: '100 * kita_3_6 / pop_age_03_05',
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_better',
    topic: 'childcare',
    source: KITA,
  },
  // --- Housing ----------------------------------------------------------------------------------
  {
    key: 'living_space_per_resident',
    nameDe: 'Wohnfläche je Einwohner',
    nameEn: 'Living space per resident',
    definitionDe: 'Wohnfläche in Quadratmetern je Einwohnerin und Einwohner.',
    definitionEn: 'Living space in square metres per resident.',
    formula: `living_space_m2 / ${ALL}`,
    unit: 'm² je Einw.',
    decimals: 1,
    polarity: 'higher_is_better',
    topic: 'housing',
    source: HOUSING,
  },
  {
    key: 'dwelling_size',
    nameDe: 'Durchschnittliche Wohnungsgröße',
    nameEn: 'Average dwelling size',
    definitionDe: 'Wohnfläche in Quadratmetern je Wohnung.',
    definitionEn: 'Living space in square metres per dwelling.',
    formula: 'living_space_m2 / dwellings',
    unit: 'm² je Wohnung',
    decimals: 1,
    polarity: 'neutral',
    topic: 'housing',
    source: HOUSING,
  },
  {
    key: 'dwellings_per_1000',
    nameDe: 'Wohnungen je 1.000 Einwohner',
    nameEn: 'Dwellings per 1,000 residents',
    definitionDe: 'Wohnungen in Wohn- und Nichtwohngebäuden je 1.000 Einwohnerinnen und Einwohner.',
    definitionEn: 'Dwellings in residential and non-residential buildings per 1,000 residents.',
    formula: `1000 * dwellings / ${ALL}`,
    unit: 'je 1.000 Einw.',
    decimals: 0,
    polarity: 'neutral',
    topic: 'housing',
    source: HOUSING,
  },
  {
    key: 'residents_per_dwelling',
    nameDe: 'Einwohner je Wohnung',
    nameEn: 'Residents per dwelling',
    definitionDe: 'Einwohnerinnen und Einwohner je Wohnung; ein Maß der Belegungsdichte.',
    definitionEn: 'Residents per dwelling; a measure of occupancy density.',
    formula: `${ALL} / dwellings`,
    unit: 'Personen je Wohnung',
    decimals: 2,
    polarity: 'higher_is_worse',
    topic: 'housing',
    source: HOUSING,
  },
  {
    key: 'housing_supply_ratio',
    nameDe: 'Wohnungsversorgungsquote',
    nameEn: 'Housing supply ratio',
    definitionDe: 'Wohnungen je 100 Privathaushalte; unter 100 fehlen rechnerisch Wohnungen.',
    definitionEn:
      'Dwellings per 100 private households; below 100 there are fewer dwellings than households.',
    formula: '100 * dwellings / households',
    unit: 'je 100 Haushalte',
    decimals: 1,
    polarity: 'higher_is_better',
    topic: 'housing',
    source: HOUSING,
  },
  // --- Participation ----------------------------------------------------------------------------
  {
    key: 'turnout_bundestag',
    nameDe: 'Wahlbeteiligung Bundestagswahl',
    nameEn: 'Turnout, federal election',
    definitionDe:
      'Wählerinnen und Wähler in Prozent der Wahlberechtigten bei der Bundestagswahl (nur Wahljahre).',
    definitionEn:
      'Voters as a percentage of eligible voters at the federal (Bundestag) election (election years only).',
    formula: '100 * voters_btw / voters_eligible_btw',
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_better',
    topic: 'participation',
    source: ELECTIONS,
  },
  {
    key: 'turnout_municipal',
    nameDe: 'Wahlbeteiligung Kommunalwahl',
    nameEn: 'Turnout, municipal election',
    definitionDe:
      'Wählerinnen und Wähler in Prozent der Wahlberechtigten bei der Kommunalwahl (nur Wahljahre).',
    definitionEn:
      'Voters as a percentage of eligible voters at the municipal election (election years only).',
    formula: '100 * voters_kw / voters_eligible_kw',
    unit: '%',
    decimals: 1,
    polarity: 'higher_is_better',
    topic: 'participation',
    source: ELECTIONS,
  },
]

/**
 * The default catalogue, in report order. Every entry has both languages and a formula over the
 * Musterstadt variable keys.
 *
 * @example
 * DEFAULT_CATALOGUE.find((i) => i.key === 'child_poverty')?.formula
 * // '100 * sgb2_u15 / sum(pop_{m,f}_*_{00_04,05_09,10_14})'
 */
export const DEFAULT_CATALOGUE: readonly CatalogueIndicator[] = ENTRIES.map((e) => ({
  minCaseNumber: null,
  published: true,
  ...e,
}))

/** A catalogue indicator whose formula does not fit an organisation's variables. */
export interface SkippedIndicator {
  key: string
  code: FormulaError['code']
  message: string
}

/**
 * Parses catalogue formulas against an organisation's variable keys: the indicators that fit
 * become engine definitions, the others are listed with the reason (typically a missing variable).
 *
 * @example
 * const { definitions, skipped } = parseCatalogue(DEFAULT_CATALOGUE, variableKeys)
 * computeIndicators({ tree, periods, variables: variableKeys, observed, indicators: definitions })
 */
export function parseCatalogue(
  catalogue: readonly CatalogueIndicator[],
  knownVariables: readonly string[],
): { definitions: IndicatorDefinition[]; skipped: SkippedIndicator[] } {
  const definitions: IndicatorDefinition[] = []
  const skipped: SkippedIndicator[] = []
  for (const entry of catalogue) {
    try {
      definitions.push({
        key: entry.key,
        formula: parseFormula(entry.formula, knownVariables),
        decimals: entry.decimals,
        polarity: entry.polarity,
      })
    } catch (e) {
      if (!(e instanceof FormulaError)) throw e
      skipped.push({ key: entry.key, code: e.code, message: e.message })
    }
  }
  return { definitions, skipped }
}
