/**
 * Report templates: a report is a list of blocks. Text blocks are plain text with live placeholders
 * (`{{value child_poverty}}`, docs/reports.md), in German and English; the other blocks name what
 * the generator computes (key-figure tables, maps, charts, area profiles, the social index, annexes).
 *
 * Two templates are built in: `sozialbericht` (the social report over the standard topics) and
 * `sozialraumprofile` (one profile per area of a layer). Planners save their own versions of a
 * template (edited or added text blocks, other indicators); a saved template is validated here,
 * placeholders included, so a report never fails on a typo at generation time.
 */
import { z } from 'zod'

import { parseTemplate } from '../../core/report/template.js'

/** Text in both report languages. */
export const LocalText = z.object({
  de: z.string().max(20_000),
  en: z.string().max(20_000),
})
export type LocalText = z.infer<typeof LocalText>

const IndicatorKey = z.string().regex(/^[a-z][a-z0-9_]*$/, 'an indicator key such as sgb2_rate')
const LayerKey = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a layer key such as sozialraum')

export const TemplateBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('titlePage') }),
  z.object({ type: z.literal('toc') }),
  z.object({
    type: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2)]),
    text: LocalText,
  }),
  /** Paragraphs (separated by a blank line) with placeholders about the whole city. */
  z.object({ type: z.literal('text'), text: LocalText }),
  /** The city's key figures: value, change and the range over the areas of the layer. */
  z.object({
    type: z.literal('keyFigures'),
    indicators: z.array(IndicatorKey).max(100).optional(),
  }),
  /**
   * One chapter per topic: sentences on the city and the areas at both ends, a map and a ranking
   * for every indicator in `maps`, and a table of the topic's indicators per area.
   */
  z.object({
    type: z.literal('topicChapters'),
    indicators: z.array(IndicatorKey).max(100).optional(),
    maps: z.array(IndicatorKey).max(50).optional(),
  }),
  z.object({ type: z.literal('map'), indicator: IndicatorKey }),
  z.object({
    type: z.literal('chart'),
    kind: z.enum(['ranking', 'timeseries']),
    indicator: IndicatorKey,
  }),
  /**
   * A profile of every area of the layer: `text` (placeholders about the area), a sentence with
   * comparison and rank for every indicator in `highlights`, a map of `map` with the area outlined,
   * and a table of `indicators` against the parent area and the city.
   */
  z.object({
    type: z.literal('areaProfiles'),
    indicators: z.array(IndicatorKey).max(100).optional(),
    highlights: z.array(IndicatorKey).max(10).optional(),
    map: IndicatorKey.optional(),
    text: LocalText.optional(),
  }),
  z.object({ type: z.literal('socialIndex'), key: z.string().max(64).optional() }),
  z.object({ type: z.literal('methods') }),
  z.object({ type: z.literal('glossary') }),
  z.object({ type: z.literal('pageBreak') }),
])
export type TemplateBlock = z.infer<typeof TemplateBlock>

export const ReportTemplate = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_-]{1,63}$/, 'a key of lower-case letters, digits, - and _'),
  name: LocalText,
  /** The layer whose areas the report describes, unless the request names one. */
  layer: LayerKey,
  blocks: z.array(TemplateBlock).min(1).max(500),
})
export type ReportTemplate = z.infer<typeof ReportTemplate>

/** A placeholder problem of a template, located by block and language. */
export interface TemplateProblem {
  block: number
  language: 'de' | 'en'
  line: number
  column: number
  message: string
}

/** Syntax problems of every text in a template (names and indicators are checked at generation). */
export function templateProblems(template: ReportTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  template.blocks.forEach((block, index) => {
    const text = 'text' in block ? block.text : undefined
    if (!text) return
    for (const language of ['de', 'en'] as const) {
      for (const error of parseTemplate(text[language]).errors) {
        problems.push({
          block: index,
          language,
          line: error.line,
          column: error.column,
          message: error.message,
        })
      }
    }
  })
  return problems
}

// ---------------------------------------------------------------------------------------------
// The built-in templates

/** The indicators the social report maps and ranks (the rest appear in tables). */
const MAPPED = [
  'share_u15',
  'share_65p',
  'share_non_german',
  'sgb2_rate',
  'child_poverty',
  'old_age_poverty',
  'unemployment_share',
  'longterm_unemployment_share',
  'language_support_need',
  'childcare_rate_u3',
  'living_space_per_resident',
]

/** The indicators of an area profile (two pages per area). */
const PROFILE = [
  'residents',
  'share_u6',
  'share_u15',
  'share_65p',
  'youth_dependency_ratio',
  'old_age_dependency_ratio',
  'share_single_parent_households',
  'share_non_german',
  'migration_balance',
  'sgb2_rate',
  'child_poverty',
  'old_age_poverty',
  'unemployment_share',
  'longterm_unemployment_share',
  'employment_rate',
  'language_support_need',
  'childcare_rate_u3',
  'childcare_rate_3_6',
  'living_space_per_resident',
]

const SOZIALBERICHT: ReportTemplate = {
  key: 'sozialbericht',
  name: { de: 'Sozialbericht', en: 'Social report' },
  layer: 'sozialraum',
  blocks: [
    { type: 'titlePage' },
    { type: 'toc' },
    { type: 'heading', level: 1, text: { de: 'Einleitung', en: 'Introduction' } },
    {
      type: 'text',
      text: {
        de:
          'Dieser Sozialbericht beschreibt die soziale Lage {{in_area}} im Jahr {{period}} und ihre Entwicklung. ' +
          'Er beruht auf den Daten des Sozialmonitorings und wird aus ihnen erzeugt: Alle Zahlen im Text, in den Tabellen, Karten und Diagrammen stammen aus demselben Datenstand.\n\n' +
          'Ende {{period}} lebten {{value residents}} {{in_area}}. Die SGB-II-Quote lag bei {{value sgb2_rate}}; ' +
          'sie ist in den letzten fünf Jahren {{change sgb2_rate years=5}}.',
        en:
          'This social report describes the social situation {{in_area}} in {{period}} and how it has changed. ' +
          'It is generated from the data of the social monitoring: every figure in the text, tables, maps and charts comes from the same data state.\n\n' +
          'At the end of {{period}}, {{value residents}} lived {{in_area}}. The SGB II rate was {{value sgb2_rate}}; ' +
          'over the last five years it has {{change sgb2_rate years=5}}.',
      },
    },
    {
      type: 'heading',
      level: 1,
      text: { de: 'Die Stadt im Überblick', en: 'The city at a glance' },
    },
    { type: 'keyFigures' },
    { type: 'topicChapters', maps: MAPPED },
    { type: 'socialIndex' },
    { type: 'methods' },
    { type: 'glossary' },
  ],
}

const SOZIALRAUMPROFILE: ReportTemplate = {
  key: 'sozialraumprofile',
  name: { de: 'Sozialraumprofile', en: 'Area profiles' },
  layer: 'sozialraum',
  blocks: [
    { type: 'titlePage' },
    { type: 'toc' },
    { type: 'heading', level: 1, text: { de: 'Zu diesen Profilen', en: 'About these profiles' } },
    {
      type: 'text',
      text: {
        de:
          'Die folgenden Profile beschreiben jedes Gebiet mit denselben Kennzahlen, jeweils im Vergleich mit dem übergeordneten Gebiet und der Gesamtstadt. ' +
          'Der Rang zählt vom höchsten Wert an. Stand: {{period}}.',
        en:
          'The following profiles describe every area with the same key figures, each compared with the area one level up and the whole city. ' +
          'Ranks count from the highest value. Data for {{period}}.',
      },
    },
    {
      type: 'areaProfiles',
      indicators: PROFILE,
      highlights: ['sgb2_rate', 'child_poverty', 'unemployment_share', 'share_65p'],
      map: 'sgb2_rate',
      text: {
        de: 'Im Jahr {{period}} lebten {{in_area}} {{value residents}} ({{in_area area=parent}}: {{value residents area=parent}}).',
        en: 'In {{period}}, {{value residents}} lived {{in_area}} ({{in_area area=parent}}: {{value residents area=parent}}).',
      },
    },
    { type: 'methods' },
  ],
}

/** The built-in templates by key. */
export const BUILT_IN_TEMPLATES: ReadonlyMap<string, ReportTemplate> = new Map(
  [SOZIALBERICHT, SOZIALRAUMPROFILE].map((t) => [t.key, ReportTemplate.parse(t)]),
)
