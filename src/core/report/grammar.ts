/**
 * The small amount of grammar report sentences need: how to say "in the social area X" for each
 * area layer, plural forms, German ordinal words for ranks, and the article of an indicator name.
 *
 * Layer phrases are data, not code: `LAYER_GRAMMAR` holds one row per layer key and
 * `layerGrammar()` falls back to the neutral „im Gebiet“ for keys it does not know. An
 * organisation with its own layers (e.g. „Planungsbezirk“) passes its own rows.
 */
import type { ReportLanguage } from './format.js'

/** How one area layer is named in running text, per language. */
export interface LayerWords {
  /** Singular noun, e.g. `Sozialraum`, `social area`. */
  singular: string
  /** Plural noun, e.g. `Sozialräume`, `social areas`. */
  plural: string
  /** Locative phrase before the area's name: `im Sozialraum`, `in the`. */
  inside: string
  /** Genitive/possessive phrase before the name: `des Sozialraums`, `of the`. */
  of: string
  /**
   * Whether the area's name follows the locative phrase. False for the whole city, which is named
   * by the phrase itself („in der Gesamtstadt“).
   */
  named: boolean
  /**
   * English only: the noun follows the name („in the Nordstadt social area“). German puts it before
   * the name („im Sozialraum Nordstadt“).
   */
  nounAfterName?: boolean
}

export type LayerGrammar = Record<ReportLanguage, LayerWords>

const masculine = (singular: string, plural: string, genitive: string): LayerWords => ({
  singular,
  plural,
  inside: `im ${singular}`,
  of: `des ${genitive}`,
  named: true,
})
const feminine = (singular: string, plural: string): LayerWords => ({
  singular,
  plural,
  inside: `in der ${singular}`,
  of: `der ${singular}`,
  named: true,
})
const english = (singular: string, plural: string): LayerWords => ({
  singular,
  plural,
  inside: 'in the',
  of: 'of the',
  named: true,
  nounAfterName: true,
})

/** Layer phrases by layer key (the keys of the demo city and common German layer names). */
export const LAYER_GRAMMAR: Readonly<Record<string, LayerGrammar>> = {
  gesamtstadt: {
    de: {
      singular: 'Gesamtstadt',
      plural: 'Gesamtstädte',
      inside: 'in der Gesamtstadt',
      of: 'der Gesamtstadt',
      named: false,
    },
    en: {
      singular: 'city as a whole',
      plural: 'cities',
      inside: 'in the city as a whole',
      of: 'of the city as a whole',
      named: false,
    },
  },
  stadtbezirk: {
    de: masculine('Stadtbezirk', 'Stadtbezirke', 'Stadtbezirks'),
    en: english('city district', 'city districts'),
  },
  stadtteil: {
    de: masculine('Stadtteil', 'Stadtteile', 'Stadtteils'),
    en: english('neighbourhood', 'neighbourhoods'),
  },
  ortsteil: {
    de: masculine('Ortsteil', 'Ortsteile', 'Ortsteils'),
    en: english('locality', 'localities'),
  },
  sozialraum: {
    de: masculine('Sozialraum', 'Sozialräume', 'Sozialraums'),
    en: english('social area', 'social areas'),
  },
  planungsraum: {
    de: masculine('Planungsraum', 'Planungsräume', 'Planungsraums'),
    en: english('planning area', 'planning areas'),
  },
  block: {
    de: masculine('Block', 'Blöcke', 'Blocks'),
    en: english('block', 'blocks'),
  },
  gemeinde: {
    de: feminine('Gemeinde', 'Gemeinden'),
    en: english('municipality', 'municipalities'),
  },
  quartier: {
    de: {
      singular: 'Quartier',
      plural: 'Quartiere',
      inside: 'im Quartier',
      of: 'des Quartiers',
      named: true,
    },
    en: english('quarter', 'quarters'),
  },
}

/** The fallback for layers without a row: „im Gebiet X“, „in the X area“. */
export const FALLBACK_LAYER_GRAMMAR: LayerGrammar = {
  de: {
    singular: 'Gebiet',
    plural: 'Gebiete',
    inside: 'im Gebiet',
    of: 'des Gebiets',
    named: true,
  },
  en: english('area', 'areas'),
}

/**
 * The phrases of a layer: from `table` (default `LAYER_GRAMMAR`) by key, else the fallback.
 *
 * @example layerGrammar('sozialraum').de.inside // 'im Sozialraum'
 * @example layerGrammar('unbekannt').de.inside  // 'im Gebiet'
 */
export function layerGrammar(
  layerKey: string,
  table: Readonly<Record<string, LayerGrammar>> = LAYER_GRAMMAR,
): LayerGrammar {
  return table[layerKey] ?? FALLBACK_LAYER_GRAMMAR
}

/** The phrase `prefix` followed by the name, with the English noun after it. */
function withName(words: LayerWords, prefix: string, areaName: string): string {
  if (!words.named) return prefix
  return words.nounAfterName ? `${prefix} ${areaName} ${words.singular}` : `${prefix} ${areaName}`
}

/**
 * "In the area": „im Sozialraum Nordstadt“, „in der Gesamtstadt“, „in the Nordstadt social area“.
 * Lower case; capitalise at the start of a sentence.
 */
export function inArea(words: LayerWords, areaName: string): string {
  return withName(words, words.inside, areaName)
}

/** "Of the area": „des Stadtbezirks Mitte“, „der Gesamtstadt“, „of the Mitte city district“. */
export function ofArea(words: LayerWords, areaName: string): string {
  return withName(words, words.of, areaName)
}

/**
 * A count with the singular or plural noun.
 *
 * @example countNoun(1, 'Sozialraum', 'Sozialräume') // '1 Sozialraum'
 * @example countNoun(33, 'Sozialraum', 'Sozialräume') // '33 Sozialräume'
 */
export function countNoun(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`
}

const ORDINAL_STEM_DE = [
  '',
  '',
  'zweit',
  'dritt',
  'viert',
  'fünft',
  'sechst',
  'siebt',
  'acht',
  'neunt',
  'zehnt',
] as const
const ORDINAL_EN = [
  '',
  '',
  'second ',
  'third ',
  'fourth ',
  'fifth ',
  'sixth ',
  'seventh ',
  'eighth ',
  'ninth ',
  'tenth ',
] as const

function englishOrdinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'
  return `${n}${suffix}`
}

/**
 * The superlative with an ordinal, as in „den dritthöchsten Wert“: words for 1–10, numerals
 * after (Duden: „den 11.-höchsten“). `adjective` is the superlative stem in the case the caller
 * needs (`höchsten`, `niedrigsten`; English `highest`, `lowest`).
 *
 * @example ordinalSuperlative(1, 'höchsten', 'de')  // 'höchsten'
 * @example ordinalSuperlative(3, 'höchsten', 'de')  // 'dritthöchsten'
 * @example ordinalSuperlative(12, 'höchsten', 'de') // '12.-höchsten'
 * @example ordinalSuperlative(3, 'highest', 'en')   // 'third highest'
 * @example ordinalSuperlative(12, 'highest', 'en')  // '12th highest'
 */
export function ordinalSuperlative(
  position: number,
  adjective: string,
  language: ReportLanguage,
): string {
  if (!Number.isInteger(position) || position < 1) {
    throw new RangeError(`ordinalSuperlative: expected a position ≥ 1, got ${String(position)}.`)
  }
  if (language === 'de') {
    return position <= 10 ? `${ORDINAL_STEM_DE[position]}${adjective}` : `${position}.-${adjective}`
  }
  return position <= 10
    ? `${ORDINAL_EN[position]}${adjective}`
    : `${englishOrdinal(position)} ${adjective}`
}

/** German grammatical article of an indicator name in the nominative. */
export type ArticleDe = 'der' | 'die' | 'das'

// Endings of German head nouns and their gender; longest first so `quotient` wins over `quote`.
const GENDER_BY_ENDING: readonly (readonly [string, ArticleDe])[] = (
  [
    ['quotient', 'der'],
    ['anteil', 'der'],
    ['saldo', 'der'],
    ['bedarf', 'der'],
    ['wert', 'der'],
    ['index', 'der'],
    ['durchschnitt', 'der'],
    ['umfang', 'der'],
    ['quote', 'die'],
    ['rate', 'die'],
    ['ziffer', 'die'],
    ['bilanz', 'die'],
    ['armut', 'die'],
    ['größe', 'die'],
    ['fläche', 'die'],
    ['dichte', 'die'],
    ['dauer', 'die'],
    ['zahl', 'die'],
    ['ung', 'die'],
    ['heit', 'die'],
    ['keit', 'die'],
    ['schaft', 'die'],
    ['gewicht', 'das'],
    ['einkommen', 'das'],
    ['verhältnis', 'das'],
    ['alter', 'das'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length)

// A leading adjective in the strong form („Natürlicher Saldo“, „Durchschnittliche …“).
const ADJECTIVE = /^[A-ZÄÖÜ][a-zäöüß]+(?:e|er|es)$/

/**
 * The indicator name with its definite article in the nominative, when the head noun makes the
 * gender clear: „die SGB-II-Quote“, „der Anteil Kinder unter 6 Jahren“, „der natürliche Saldo“.
 * Null when it does not (plurals such as „Arbeitslose“, unknown nouns); callers then write
 * „der Wert „…““. `article` overrides the guess.
 *
 * @example nameWithArticle('SGB-II-Quote')                    // 'die SGB-II-Quote'
 * @example nameWithArticle('Durchschnittliche Haushaltsgröße') // 'die durchschnittliche Haushaltsgröße'
 * @example nameWithArticle('Arbeitslose')                     // null
 */
export function nameWithArticle(name: string, article?: ArticleDe | null): string | null {
  const words = name.trim().split(/\s+/)
  const first = words[0] ?? ''
  const second = words[1] ?? ''
  // An adjective is followed by a capitalised noun; it takes the weak ending -e after the article.
  const adjective = ADJECTIVE.test(first) && /^[A-ZÄÖÜ]/.test(second)
  const head = (adjective ? second : first).replace(/[^\p{L}-]+$/u, '').toLowerCase()
  const chosen =
    article === undefined
      ? GENDER_BY_ENDING.find(([ending]) => head.endsWith(ending))?.[1]
      : article
  if (!chosen) return null
  if (!adjective) return `${chosen} ${name.trim()}`
  const weak = first.replace(/(?:er|es)$/, 'e').toLowerCase()
  return `${chosen} ${[weak, ...words.slice(1)].join(' ')}`
}

/**
 * An English indicator name after "the": lower-case first letter unless the word is an acronym
 * or a proper noun written in capitals („SGB II rate“ stays as it is).
 *
 * @example englishNoun('Share of children under 6') // 'share of children under 6'
 * @example englishNoun('SGB II rate')               // 'SGB II rate'
 */
export function englishNoun(name: string): string {
  const text = name.trim()
  const second = text.charAt(1)
  return second !== '' && second === second.toUpperCase() && /\p{L}/u.test(second)
    ? text
    : text.charAt(0).toLowerCase() + text.slice(1)
}
