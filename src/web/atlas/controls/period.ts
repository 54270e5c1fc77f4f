/**
 * Stepping through the years of the period slider; pure. Years may have gaps (2015, 2017, 2020):
 * the slider moves by position in the list, never to a year without data.
 */

/** Autoplay interval (ms): about one year per second. */
export const PLAY_INTERVAL_MS = 1000
/** With prefers-reduced-motion the map changes half as often. */
export const REDUCED_MOTION_INTERVAL_MS = 2000

/** The years sorted ascending, without duplicates. */
export function sortedPeriods(periods: readonly number[]): number[] {
  return [...new Set(periods)].sort((a, b) => a - b)
}

/**
 * The position of `value` among `periods` (sorted); a year not in the list maps to the nearest
 * one (the earlier one on a tie), so the slider always shows a real year.
 *
 * @example periodIndex([2015, 2017, 2020], 2018) // 1
 */
export function periodIndex(periods: readonly number[], value: number): number {
  if (periods.length === 0) return -1
  let best = 0
  for (let i = 1; i < periods.length; i++) {
    if (Math.abs(periods[i]! - value) < Math.abs(periods[best]! - value)) best = i
  }
  return best
}

/**
 * The year `delta` positions from `value`, or null beyond either end.
 *
 * @example stepPeriod([2015, 2017, 2020], 2017, 1) // 2020
 */
export function stepPeriod(
  periods: readonly number[],
  value: number,
  delta: number,
): number | null {
  const index = periodIndex(periods, value)
  if (index < 0) return null
  return periods[index + delta] ?? null
}

/**
 * The year autoplay starts from: the current one, or the first when the current is the last
 * (pressing play at the end replays the series).
 */
export function playStart(periods: readonly number[], value: number): number | null {
  if (periods.length < 2) return null
  return periodIndex(periods, value) === periods.length - 1
    ? periods[0]!
    : periods[periodIndex(periods, value)]!
}

/** The next year of autoplay, or null: playing stops at the last year (it does not loop). */
export function playNext(periods: readonly number[], value: number): number | null {
  return stepPeriod(periods, value, 1)
}

/**
 * Which years get a visible label under the slider: all when there are at most `max`, else every
 * k-th from the first, and always the last.
 *
 * @example labelledPeriods([2010, …, 2024], 6) // [2010, 2013, 2016, 2019, 2022, 2024]
 */
export function labelledPeriods(periods: readonly number[], max = 8): number[] {
  if (periods.length <= max) return [...periods]
  const step = Math.ceil((periods.length - 1) / (max - 1))
  const labelled = periods.filter((_, i) => i % step === 0)
  const last = periods[periods.length - 1]!
  // Drop a label that would crowd the last one.
  if (labelled[labelled.length - 1] !== last) {
    if ((periods.length - 1) % step <= step / 2) labelled.pop()
    labelled.push(last)
  }
  return labelled
}
