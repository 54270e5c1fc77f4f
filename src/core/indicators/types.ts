/**
 * Shared types of the indicator engine and disclosure control (pure, browser-safe).
 *
 * Areas of all layers are stacked into one flat list, coarse layers first, so that typed arrays can
 * be indexed by `area` across the whole hierarchy.
 */

/** The area hierarchy of one organisation, flattened over all layers. */
export interface AreaTree {
  /** Number of areas over all layers. */
  size: number
  /** Index of the parent area in this tree, or -1 for the top (Gesamtstadt). */
  parent: Int32Array
  /** Layer index of each area: 0 = coarsest. */
  layer: Int32Array
  /** Number of layers. */
  layerCount: number
}

/** Direction of an indicator: is a higher value better or worse (or neither)? */
export type Polarity = 'higher_is_better' | 'higher_is_worse' | 'neutral'

/** Cell flags of disclosure control, per (area, period). */
export const VISIBLE = 0
export const PRIMARY = 1
export const SECONDARY = 2

/** Spans (in years) over which the engine reports the change of an indicator. */
export const CHANGE_SPANS = [1, 3, 5] as const
export type ChangeSpan = (typeof CHANGE_SPANS)[number]

/** Change of an indicator value against an earlier year. */
export interface Change {
  /** The earlier year (`period − span`), whether or not it has data. */
  from: number
  /** `v_t − v_{t−k}`; NaN when either year has no value. */
  absolute: number
  /** `100 × (v_t − v_{t−k}) / |v_{t−k}|`; NaN also when `v_{t−k}` is 0. */
  percent: number
}

/** All figures of one indicator for one area and period (an entry of a Steckbrief). */
export interface IndicatorCell {
  indicator: string
  area: number
  /** The year. */
  period: number
  periodIndex: number
  value: number
  numerator: number
  /** NaN for a count indicator. */
  denominator: number
  change: Record<ChangeSpan, Change>
  /** Value minus the parent area's value; NaN for the top area. */
  diffParent: number
  /** Value minus the value of the top area (Gesamtstadt); 0 for the top area itself. */
  diffTop: number
  /** 1 = highest value in the layer and period; null when unranked (no value). */
  rank: number | null
  /** How many areas of the layer are ranked in this period. */
  rankCount: number
  /** Standard score within the layer and period (population SD); NaN without a value. */
  z: number
  /** Disclosure flag (VISIBLE, PRIMARY, SECONDARY) when flags are attached, else null. */
  flag: number | null
}

/** One indicator over all areas of one layer in one period, as parallel arrays (for maps, tables). */
export interface IndicatorSlice {
  indicator: string
  layer: number
  period: number
  periodIndex: number
  /** Area indices of the layer, ascending; the other arrays are aligned with it. */
  areas: Int32Array
  value: Float64Array
  numerator: Float64Array
  denominator: Float64Array
  /** 0 = unranked. */
  rank: Int32Array
  rankCount: number
  z: Float64Array
  change: Record<ChangeSpan, { absolute: Float64Array; percent: Float64Array }>
  diffParent: Float64Array
  diffTop: Float64Array
  /** Disclosure flags when attached, else null. */
  flags: Uint8Array | null
}
