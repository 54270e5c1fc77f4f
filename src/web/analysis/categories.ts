/**
 * From a method's answer to a categorical map: each area's category (a LISA cluster, a hot spot,
 * an overall social index class, a typology cluster), its fill colour, a short label for the map,
 * and the legend entries with their counts. Pure, so map, legend, table and the e2e check agree.
 */
import { NO_DATA_COLOUR, SUPPRESSED_COLOUR } from './colours.js'

/** A category of a map: its colour, its name in the legend and an optional short map label. */
export interface Category {
  key: string
  colour: string
  label: string
  /** Shown on the map (e.g. "HH", "2+/-"); none for categories without a label. */
  short?: string
  /** `excluded`: areas a method deliberately left out (e.g. below the minimum population). */
  kind?: 'class' | 'excluded'
}

export interface CategoryEntry {
  key: string
  kind: 'class' | 'excluded' | 'suppressed' | 'missing'
  colour: string
  label: string
  count: number
}

export interface CategoryMap {
  /** Fill colour by area code, for every area of the layer. */
  fills: Map<string, string>
  /** Short map label by area code (only categories with a `short`). */
  labels: Map<string, string>
  /** Category key by area code; `suppressed` / `missing` for the areas left out. */
  categoryOf: Map<string, string>
  entries: CategoryEntry[]
}

export interface OmittedCode {
  code: string
  status: 'suppressed' | 'missing'
}

/**
 * Assigns every area of the layer (`areaCodes`) a category: the one the method gave it, else
 * "suppressed" or "no data" (areas the method omitted, or that it did not mention at all). Every
 * category is listed in the legend, also with 0 areas, so the reader sees that nothing is hidden.
 *
 * @example categoryMap(['a', 'b'], new Map([['a', 'hh']]), [{ key: 'hh', colour: '#ff0000', label: 'High-high' }], [], text).entries[0].count // 1
 */
export function categoryMap(
  areaCodes: readonly string[],
  assigned: ReadonlyMap<string, string>,
  categories: readonly Category[],
  omitted: readonly OmittedCode[],
  text: { missing: string; suppressed: string },
): CategoryMap {
  const byKey = new Map(categories.map((category) => [category.key, category]))
  for (const key of new Set(assigned.values())) {
    if (!byKey.has(key)) {
      throw new Error(`The answer names the category "${key}", which the map does not know.`)
    }
  }
  const suppressed = new Set(omitted.filter((o) => o.status === 'suppressed').map((o) => o.code))
  const counts = new Map<string, number>()
  const fills = new Map<string, string>()
  const labels = new Map<string, string>()
  const categoryOf = new Map<string, string>()
  for (const code of areaCodes) {
    const key = assigned.get(code) ?? (suppressed.has(code) ? 'suppressed' : 'missing')
    categoryOf.set(code, key)
    counts.set(key, (counts.get(key) ?? 0) + 1)
    const category = byKey.get(key)
    fills.set(code, category?.colour ?? (key === 'suppressed' ? SUPPRESSED_COLOUR : NO_DATA_COLOUR))
    if (category?.short) labels.set(code, category.short)
  }
  const entries: CategoryEntry[] = categories.map((category) => ({
    key: category.key,
    kind: category.kind ?? 'class',
    colour: category.colour,
    label: category.label,
    count: counts.get(category.key) ?? 0,
  }))
  entries.push(
    {
      key: 'missing',
      kind: 'missing',
      colour: NO_DATA_COLOUR,
      label: text.missing,
      count: counts.get('missing') ?? 0,
    },
    {
      key: 'suppressed',
      kind: 'suppressed',
      colour: SUPPRESSED_COLOUR,
      label: text.suppressed,
      count: counts.get('suppressed') ?? 0,
    },
  )
  return { fills, labels, categoryOf, entries }
}
