/**
 * The fixed words of generated reports, in German and English: chapter titles, table headings,
 * notes, the glossary. Sentences with numbers come from core/report/text.ts.
 */
import { TOPIC_NAMES } from '../../core/indicators/topics.js'
import type { ReportLanguage } from '../../core/report/format.js'

type Words = Record<ReportLanguage, string>

export const TOPICS: Readonly<Record<string, Words>> = TOPIC_NAMES

export const WORDS = {
  contents: { de: 'Inhalt', en: 'Contents' },
  indicator: { de: 'Kennzahl', en: 'Key figure' },
  unit: { de: 'Einheit', en: 'Unit' },
  value: { de: 'Wert', en: 'Value' },
  change5: { de: 'Veränderung in 5 Jahren', en: 'Change over 5 years' },
  minimum: { de: 'Minimum', en: 'Minimum' },
  maximum: { de: 'Maximum', en: 'Maximum' },
  city: { de: 'Stadt', en: 'City' },
  rank: { de: 'Rang', en: 'Rank' },
  differenceToCity: { de: 'Differenz zur Stadt', en: 'Difference to the city' },
  area: { de: 'Gebiet', en: 'Area' },
  code: { de: 'Schlüssel', en: 'Code' },
  keyFiguresCaption: {
    de: 'Kennzahlen der Gesamtstadt {period}',
    en: 'Key figures of the city, {period}',
  },
  topicTableCaption: { de: '{topic} {period} – {layers}', en: '{topic}, {period} – {layers}' },
  profilesHeading: { de: 'Profile der {layers}', en: 'Profiles of the {layers}' },
  profileTableCaption: { de: 'Kennzahlen {of} {period}', en: 'Key figures {of}, {period}' },
  mapCaption: { de: '{indicator} {period} – {layers}', en: '{indicator}, {period} – {layers}' },
  rankingCaption: {
    de: '{indicator} {period}: Rangfolge der {layers}',
    en: '{indicator}, {period}: {layers} ranked',
  },
  timeSeriesCaption: { de: '{indicator} {from}–{to}', en: '{indicator}, {from}–{to}' },
  tableNote: {
    de: 'Zeichen: „.“ aus Datenschutzgründen nicht ausgewiesen; „–“ keine Daten.',
    en: 'Symbols: “.” not shown to protect privacy; “–” no data.',
  },
  tableNoteInternal: {
    de: 'Interne Fassung: exakte Werte ohne Geheimhaltung. „–“ keine Daten.',
    en: 'Internal version: exact values without disclosure control. “–” no data.',
  },
  socialIndexHeading: { de: 'Sozialindex', en: 'Social index' },
  socialIndexMissing: {
    de: 'Für diesen Bericht liegt kein veröffentlichter Sozialindex vor.',
    en: 'No published social index is available for this report.',
  },
  statusClass: { de: 'Status', en: 'Status' },
  dynamicsClass: { de: 'Dynamik', en: 'Dynamics' },
  combinedClass: { de: 'Gesamtindex', en: 'Combined' },
  areas: { de: 'Gebiete', en: 'Areas' },
  excluded: { de: 'Nicht bewertet', en: 'Not assessed' },
  methodsHeading: { de: 'Methoden und Quellen', en: 'Methods and sources' },
  glossaryHeading: { de: 'Glossar', en: 'Glossary' },
  definition: { de: 'Definition', en: 'Definition' },
  source: { de: 'Quelle', en: 'Source' },
  dataStateHeading: { de: 'Datenstand', en: 'Data state' },
  importsCaption: {
    de: 'Datenlieferungen, auf denen der Bericht beruht',
    en: 'Data imports the report is based on',
  },
  importColumn: { de: 'Datei', en: 'File' },
  kindColumn: { de: 'Art', en: 'Kind' },
  dateColumn: { de: 'Eingelesen am', en: 'Imported on' },
  indicatorsCaption: { de: 'Verwendete Kennzahlen', en: 'Key figures used' },
  internalEdition: {
    de: 'Interne Fassung – nicht zur Veröffentlichung',
    en: 'Internal version – not for publication',
  },
  publicEdition: {
    de: 'Öffentliche Fassung (mit statistischer Geheimhaltung)',
    en: 'Public version (with statistical disclosure control)',
  },
  reportYear: { de: 'Berichtsjahr {period}', en: 'Reporting year {period}' },
  layerLine: { de: 'Raumebene: {layers}', en: 'Spatial level: {layers}' },
  dataStateLine: { de: 'Datenstand: {date}', en: 'Data as of {date}' },
  generatedBy: {
    de: 'Erzeugt mit Planraum aus den Daten des Sozialmonitorings.',
    en: 'Generated with Planraum from the data of the social monitoring.',
  },
} satisfies Record<string, Words>

/** A word in the language, with `{name}` placeholders filled. */
export function word(
  key: keyof typeof WORDS,
  language: ReportLanguage,
  values: Record<string, string | number> = {},
): string {
  return WORDS[key][language].replace(/\{(\w+)\}/g, (all, name: string) =>
    name in values ? String(values[name]) : all,
  )
}

export const GLOSSARY: readonly { term: Words; definition: Words }[] = [
  {
    term: { de: 'Sozialraum', en: 'Social area (Sozialraum)' },
    definition: {
      de: 'Planungsraum unterhalb der Stadtbezirke, der nach Lebenswelt und Bebauung zusammenhängt; die Einheit, für die Kennzahlen verglichen werden.',
      en: 'A planning area below the city districts, coherent in living environment and buildings; the unit key figures are compared for.',
    },
  },
  {
    term: { de: 'Kennzahl', en: 'Key figure (Kennzahl)' },
    definition: {
      de: 'Aus Grunddaten berechneter Wert, meist eine Quote (Anteil an einer Bezugsgruppe in Prozent) oder eine Rate je 1.000 Einwohner.',
      en: 'A value computed from basic data, mostly a rate (share of a reference group in percent) or a rate per 1,000 residents.',
    },
  },
  {
    term: { de: 'Prozentpunkt', en: 'Percentage point' },
    definition: {
      de: 'Differenz zweier Prozentwerte: von 10 % auf 12 % sind es 2 Prozentpunkte (aber 20 % mehr).',
      en: 'The difference of two percentages: from 10% to 12% is 2 percentage points (but 20% more).',
    },
  },
  {
    term: { de: 'SGB-II-Quote', en: 'SGB II rate' },
    definition: {
      de: 'Anteil der Personen in Bedarfsgemeinschaften nach dem Zweiten Buch Sozialgesetzbuch (Bürgergeld) an der Bevölkerung unter 65 Jahren.',
      en: 'Share of people in benefit communities under Book II of the Social Code (citizen’s income) among residents under 65.',
    },
  },
  {
    term: { de: 'Kinderarmut', en: 'Child poverty' },
    definition: {
      de: 'Anteil der Kinder unter 15 Jahren, die in Bedarfsgemeinschaften nach dem SGB II leben.',
      en: 'Share of children under 15 living in benefit communities under SGB II.',
    },
  },
  {
    term: { de: 'Statistische Geheimhaltung', en: 'Statistical disclosure control' },
    definition: {
      de: 'Werte, die auf zu wenigen Fällen beruhen oder aus denen sich solche errechnen ließen, werden nicht veröffentlicht und mit „.“ gekennzeichnet.',
      en: 'Values based on too few cases, or from which such values could be derived, are not published and are marked “.”.',
    },
  },
  {
    term: { de: 'Sozialindex', en: 'Social index' },
    definition: {
      de: 'Zusammenfassung mehrerer Kennzahlen zu einem Status- und einem Dynamikindex (z-standardisiert), eingeteilt in Klassen wie im Monitoring Soziale Stadtentwicklung Berlin.',
      en: 'A summary of several key figures into a status and a dynamics index (z-standardised), grouped into classes as in Berlin’s Monitoring Soziale Stadtentwicklung.',
    },
  },
  {
    term: { de: 'Quantil', en: 'Quantile' },
    definition: {
      de: 'Klassengrenze, die die Gebiete in gleich große Gruppen teilt; die Karten dieses Berichts verwenden fünf Quantilklassen.',
      en: 'A class break dividing the areas into groups of equal size; the maps of this report use five quantile classes.',
    },
  },
]
