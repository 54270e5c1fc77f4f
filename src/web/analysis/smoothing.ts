/**
 * The raw and the empirical Bayes smoothed rates as one pair of maps: both are classified with the
 * same bounds (quantiles of raw and smoothed rates together), so switching between them shows
 * exactly what the smoothing moved. Colours and legend rows are the atlas's (sequential
 * ColorBrewer by polarity), so the two pages read alike.
 */
import { classIndex, classify } from '../../core/analysis/classify.js'
import type { AtlasChoropleth } from '../../core/maps/choropleth.js'
import { NO_DATA_COLOUR, sequentialColours, SUPPRESSED_COLOUR } from '../../core/maps/palettes.js'
import type { Polarity } from '../atlas/types.js'
import type { OmittedArea, SmoothedAnswer } from './api.js'

export const SMOOTHED_CLASSES = 5

export interface SmoothedMap {
  choropleth: AtlasChoropleth
  fills: Map<string, string>
  /** The rate shown per area (raw or smoothed). */
  shown: Map<string, number>
}

/**
 * Classes, colours and fills of the raw or the smoothed rates (`display`), on bounds shared by
 * both. Areas of the layer without a rate are "no data" or "suppressed" as the answer says.
 *
 * @example smoothedMap(answer, 'smoothed', 'higher_is_worse', codes).choropleth.breaks.length // 6
 */
export function smoothedMap(
  answer: Pick<SmoothedAnswer, 'areas' | 'omitted'>,
  display: 'smoothed' | 'raw',
  polarity: Polarity,
  areaCodes: readonly string[],
): SmoothedMap {
  const both = answer.areas.flatMap((a) => [a.raw, a.smoothed]).filter(isFinite_)
  const shown = new Map<string, number>()
  for (const area of answer.areas) {
    const value = display === 'raw' ? area.raw : area.smoothed
    if (isFinite_(value)) shown.set(area.id, value)
  }
  const suppressed = new Set(
    answer.omitted.filter((o: OmittedArea) => o.status === 'suppressed').map((o) => o.code),
  )
  let missing = 0
  let hidden = 0
  for (const code of areaCodes) {
    if (shown.has(code)) continue
    if (suppressed.has(code)) hidden++
    else missing++
  }
  if (both.length === 0) {
    return {
      choropleth: {
        breaks: [],
        colours: [],
        counts: [],
        missing,
        suppressed: hidden,
        gvf: NaN,
        diverging: false,
      },
      fills: new Map(
        areaCodes.map((code) => [code, suppressed.has(code) ? SUPPRESSED_COLOUR : NO_DATA_COLOUR]),
      ),
      shown,
    }
  }
  const { breaks } = classify(both, 'quantile', Math.min(SMOOTHED_CLASSES, new Set(both).size))
  const classes = breaks.length - 1
  const colours = classes >= 1 ? sequentialColours(classes, polarity) : []
  const counts = new Array<number>(classes).fill(0)
  const fills = new Map<string, string>()
  for (const code of areaCodes) {
    const value = shown.get(code)
    if (value === undefined) {
      fills.set(code, suppressed.has(code) ? SUPPRESSED_COLOUR : NO_DATA_COLOUR)
      continue
    }
    const index = classIndex(value, breaks)
    if (index >= 0) counts[index]! += 1
    fills.set(code, index >= 0 ? colours[index]! : NO_DATA_COLOUR)
  }
  return {
    choropleth: {
      breaks,
      colours,
      counts,
      missing,
      suppressed: hidden,
      gvf: NaN,
      diverging: false,
    },
    fills,
    shown,
  }
}

function isFinite_(value: number | null): value is number {
  return value !== null && Number.isFinite(value)
}
