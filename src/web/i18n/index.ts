/**
 * A small typed i18n: one dictionary per language, `{name}` placeholders, no dependency.
 * German is the default; English is complete (checked by the type of `en` and by i18n.test.ts).
 */
import { de, type MessageKey } from './de.js'
import { en } from './en.js'

export type { MessageKey }

export const LANGUAGES = ['de', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'de'

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { de, en }

/** The locale used for numbers and collation in each UI language. */
export const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' }

export type MessageParams = Record<string, string | number>

/**
 * Replaces `{name}` placeholders; a placeholder without a value stays visible so it is noticed.
 *
 * @example interpolate('Version {version}', { version: '0.1.0' }) // 'Version 0.1.0'
 */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** The message `key` in `language`, with placeholders filled. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return interpolate(MESSAGES[language][key], params)
}

/** Narrows an untrusted value (localStorage, URL) to a supported language. */
export function asLanguage(value: string | null | undefined): Language | undefined {
  return LANGUAGES.find((language) => language === value)
}

/** The placeholder names of a template, sorted (used to check that translations agree). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort()
}
