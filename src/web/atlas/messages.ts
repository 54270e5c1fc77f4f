/**
 * UI strings of the atlas pages, merged into the app's dictionaries (i18n/de.ts, i18n/en.ts).
 * Keys start with `atlas.`; English must have every German key with the same placeholders.
 */
export const atlasDe = {
  'atlas.title': 'Atlas',
} as const

export const atlasEn: Record<keyof typeof atlasDe, string> = {
  'atlas.title': 'Atlas',
}
