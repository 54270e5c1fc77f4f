/**
 * Grouping and searching indicators for the picker; pure, so it is tested without a browser.
 */
import type { IndicatorMeta } from '../types.js'

/** Topics in the order planners expect them (DESIGN.md §1); unknown topics follow alphabetically. */
export const TOPIC_ORDER = [
  'demography',
  'migration',
  'poverty',
  'employment',
  'education',
  'health',
  'childcare',
  'housing',
  'participation',
] as const

export type KnownTopic = (typeof TOPIC_ORDER)[number]

export function isKnownTopic(topic: string): topic is KnownTopic {
  return (TOPIC_ORDER as readonly string[]).includes(topic)
}

export interface TopicGroup {
  topic: string
  indicators: IndicatorMeta[]
}

/**
 * Lower-case text without diacritics, with ß as ss, so "Arbeitslose" finds "arbeitslöse" spellings
 * and "strasse" finds "Straße".
 *
 * @example normalise('Größe  Ü') // 'grosse  u'
 */
export function normalise(text: string): string {
  return text
    .toLocaleLowerCase('de')
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
}

/**
 * The indicators that match every word of `query` in their name, definition or key (in the UI
 * language), or in the name of their topic (`topicName`). An empty query matches all.
 *
 * @example filterIndicators(list, 'kinder armut', 'de', name) // child_poverty, …
 */
export function filterIndicators(
  indicators: readonly IndicatorMeta[],
  query: string,
  language: 'de' | 'en',
  topicName: (topic: string) => string = (topic) => topic,
): IndicatorMeta[] {
  const words = normalise(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...indicators]
  return indicators.filter((indicator) => {
    const haystack = normalise(
      [
        language === 'de' ? indicator.nameDe : indicator.nameEn,
        language === 'de' ? indicator.definitionDe : indicator.definitionEn,
        indicator.key,
        indicator.key.replaceAll('_', ' '),
        topicName(indicator.topic),
      ].join('\n'),
    )
    return words.every((word) => haystack.includes(word))
  })
}

/**
 * Indicators grouped by topic: known topics in TOPIC_ORDER, then others alphabetically; within a
 * group the input (catalogue) order is kept. Empty groups are left out.
 */
export function groupByTopic(indicators: readonly IndicatorMeta[]): TopicGroup[] {
  const groups = new Map<string, IndicatorMeta[]>()
  for (const indicator of indicators) {
    const list = groups.get(indicator.topic) ?? []
    list.push(indicator)
    groups.set(indicator.topic, list)
  }
  const rank = (topic: string) => {
    const index = (TOPIC_ORDER as readonly string[]).indexOf(topic)
    return index < 0 ? TOPIC_ORDER.length : index
  }
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([topic, list]) => ({ topic, indicators: list }))
}

/**
 * The options the picker shows for a query: the matching indicators grouped by topic, plus the
 * selected one even when it does not match (a native select must always show its value; it is
 * put in its own leading group, so the list never silently changes the selection).
 */
export function pickerGroups(
  indicators: readonly IndicatorMeta[],
  query: string,
  selected: string,
  language: 'de' | 'en',
  topicName?: (topic: string) => string,
): { groups: TopicGroup[]; matches: number; kept: IndicatorMeta | null } {
  const matching = filterIndicators(indicators, query, language, topicName)
  const current = indicators.find((i) => i.key === selected) ?? null
  const kept = current && !matching.includes(current) ? current : null
  return { groups: groupByTopic(matching), matches: matching.length, kept }
}
