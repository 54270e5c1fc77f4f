/**
 * UI strings of the profile pages, merged into the app's dictionaries (i18n/de.ts, i18n/en.ts).
 * Keys start with `profile.`; English must have every German key with the same placeholders.
 */
export const profileDe = {
  'profile.title': 'Gebietssteckbrief',
} as const

export const profileEn: Record<keyof typeof profileDe, string> = {
  'profile.title': 'Area profile',
}
