/**
 * What the atlas accepts in its address as a key (organisation, indicator, layer, area, facility
 * category) and as a year. Kept apart from state.ts so that the app's entry (prefetch.ts) can check
 * an address without loading the classification code that state.ts brings along.
 */

/** A key: letters, digits and `_ . - :`, at most 100 characters. */
export const KEY = /^[A-Za-z0-9_.\-:]{1,100}$/

/**
 * A four-digit year, or null.
 *
 * @example year('2024') // 2024
 */
export function year(text: string): number | null {
  return /^\d{4}$/.test(text) ? Number(text) : null
}
