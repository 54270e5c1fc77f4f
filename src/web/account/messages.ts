/**
 * UI strings of the account pages, merged into the app's dictionaries (i18n/de.ts, i18n/en.ts).
 * Keys start with `account.`; English must have every German key with the same placeholders.
 */
export const accountDe = {
  'account.title': 'Anmelden',
} as const

export const accountEn: Record<keyof typeof accountDe, string> = {
  'account.title': 'Sign in',
}
