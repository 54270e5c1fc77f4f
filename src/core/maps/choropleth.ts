/**
 * From value rows to map colours: the number each area shows in the chosen mode (value, change
 * between two years, deviation from the city), the classes over those numbers (core classify) and
 * one fill colour per area. Pure, so the colours on the atlas map, in its legend, in the SVG
 * export, in the e2e check and in the figures of reports all come from here.
 */
import { type ClassificationMethod, classIndex, classify } from '../analysis/classify.js'
import type { Polarity } from '../indicators/types.js'
import {
  divergingColours,
  MAX_CLASSES,
  NO_DATA_COLOUR,
  sequentialColours,
  SUPPRESSED_COLOUR,
} from './palettes.js'

/** What a map shows: the values, their change between two years, or the deviation from the city. */
export type MapMode = 'value' | 'change' | 'deviation'

/** Why an area has no number: `suppressed` by disclosure control, or `missing` (no data). */
export type MapStatus = 'ok' | 'suppressed' | 'missing'

/** What one area shows: its number in the map's mode and why it has none. */
export interface MapDatum {
  code: string
  /** The area's name, or its code when the row had none. */
  name: string
  /** The number mapped: value, change or deviation; null when it has none. */
  value: number | null
  /** The area's value in the year shown (the tooltip gives it beside a change or deviation). */
  base: number | null
  status: MapStatus
}

/**
 * What mapData reads of a value row of the API (`ValueRow` of modules/monitoring/types.ts; the
 * atlas fetches only these fields: web/atlas/api.ts, fetchMapValues).
 */
export interface MapInputRow {
  areaCode: string
  /** Optional: the atlas takes names from the layer's geometry, not from every value answer. */
  areaName?: string
  value: number | null
  /** Value − city value, in the indicator's unit. */
  diffCity: number | null
  status: MapStatus
}

/**
 * The number each area shows in `mode`. A change needs both years; it is suppressed when either
 * year is suppressed, missing when either is missing. Deviation = value − city value (`diffCity`).
 *
 * @example mapData('value', rows).get('01.01')?.value // 15.85
 */
export function mapData(
  mode: MapMode,
  rows: readonly MapInputRow[],
  fromRows: readonly MapInputRow[] = [],
): Map<string, MapDatum> {
  const earlier = new Map(fromRows.map((row) => [row.areaCode, row]))
  const data = new Map<string, MapDatum>()
  for (const row of rows) {
    const base = row.status === 'ok' ? row.value : null
    let value: number | null = null
    let status = row.status
    if (mode === 'value') value = base
    else if (mode === 'deviation') value = status === 'ok' ? row.diffCity : null
    else {
      const before = earlier.get(row.areaCode)
      if (status === 'ok') status = before?.status ?? 'missing'
      if (
        status === 'ok' &&
        before?.value !== null &&
        before?.value !== undefined &&
        base !== null
      ) {
        value = base - before.value
      }
    }
    if (value !== null && !Number.isFinite(value)) value = null
    if (value === null && status === 'ok') status = 'missing'
    data.set(row.areaCode, {
      code: row.areaCode,
      name: row.areaName ?? row.areaCode,
      value,
      base,
      status,
    })
  }
  return data
}

/** The atlas's default classification: quantiles in 5 classes (web/atlas/state.ts). */
export const DEFAULT_MAP_METHOD: ClassificationMethod = 'quantile'
export const DEFAULT_MAP_CLASSES = 5

export interface ChoroplethOptions {
  mode: MapMode
  polarity: Polarity
  method: ClassificationMethod
  k: number
  /** Manual inner breaks (method `manual`). */
  breaks?: readonly number[] | null
}

/** The classes of a map with their colours and counts. */
export interface AtlasChoropleth {
  /** Ascending class bounds; classes = breaks.length − 1. */
  breaks: number[]
  colours: string[]
  /** Areas per class. */
  counts: number[]
  /** Areas without data (no value, or no value in one of the years of a change). */
  missing: number
  /** Areas whose value is suppressed by disclosure control. */
  suppressed: number
  /** Goodness of variance fit of the classes (NaN with fewer than 2 values). */
  gvf: number
  diverging: boolean
}

/**
 * Classifies the areas' numbers and colours the classes: sequential for values, diverging around
 * 0 for changes and deviations. Manual breaks are the inner bounds; the data's range closes the
 * outer classes (core classify).
 */
export function buildChoropleth(
  data: ReadonlyMap<string, MapDatum>,
  options: ChoroplethOptions,
): AtlasChoropleth {
  const values: number[] = []
  let missing = 0
  let suppressed = 0
  for (const datum of data.values()) {
    if (datum.value !== null) values.push(datum.value)
    else if (datum.status === 'suppressed') suppressed++
    else missing++
  }
  const diverging = options.mode !== 'value'
  if (values.length === 0) {
    return { breaks: [], colours: [], counts: [], missing, suppressed, gvf: NaN, diverging }
  }
  const classification = classify(
    values,
    options.method,
    options.method === 'manual' ? (options.breaks?.length ?? 0) + 1 : options.k,
    options.method === 'manual' ? { breaks: options.breaks ?? [] } : {},
  )
  // A method may give more classes than the palettes hold (e.g. standard deviations of skewed
  // data); merge the outermost until they fit rather than failing.
  const breaks = limitClasses(classification.breaks)
  const counts = new Array<number>(breaks.length - 1).fill(0)
  for (const value of values) {
    const index = classIndex(value, breaks)
    if (index >= 0) counts[index]! += 1
  }
  const classes = breaks.length - 1
  const colours =
    classes < 1
      ? []
      : diverging
        ? divergingColours(breaks, options.polarity)
        : sequentialColours(classes, options.polarity)
  return { breaks, colours, counts, missing, suppressed, gvf: classification.gvf, diverging }
}

function limitClasses(breaks: number[]): number[] {
  const result = [...breaks]
  while (result.length - 1 > MAX_CLASSES) {
    // Drop the inner bound nearest an end: merges the smallest outer class.
    const first = result[1]! - result[0]!
    const last = result[result.length - 1]! - result[result.length - 2]!
    result.splice(first <= last ? 1 : result.length - 2, 1)
  }
  return result
}

/** The fill of an area: its class colour, or the grey of "suppressed" or "no data". */
export function fillOf(datum: MapDatum | undefined, choropleth: AtlasChoropleth): string {
  if (!datum || datum.value === null) {
    return datum?.status === 'suppressed' ? SUPPRESSED_COLOUR : NO_DATA_COLOUR
  }
  const index = classIndex(datum.value, choropleth.breaks)
  return index < 0 ? NO_DATA_COLOUR : (choropleth.colours[index] ?? NO_DATA_COLOUR)
}
