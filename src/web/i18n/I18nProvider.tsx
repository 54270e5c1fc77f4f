import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'

import { createFormatter, type Formatter } from '../lib/format.js'
import {
  asLanguage,
  DEFAULT_LANGUAGE,
  type Language,
  type MessageKey,
  type MessageParams,
  translate,
} from './index.js'

/** localStorage key of the chosen UI language. */
export const LANGUAGE_STORAGE_KEY = 'planraum.language'

export interface I18n {
  language: Language
  setLanguage: (language: Language) => void
  t: (key: MessageKey, params?: MessageParams) => string
  format: Formatter
}

const I18nContext = createContext<I18n | null>(null)

function storedLanguage(): Language {
  try {
    return asLanguage(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)) ?? DEFAULT_LANGUAGE
  } catch {
    // Storage can be disabled (privacy settings); the default language is then used.
    return DEFAULT_LANGUAGE
  }
}

/** Provides the UI language: German by default, the choice kept in localStorage, `<html lang>` set. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage)

  useEffect(() => {
    document.documentElement.lang = language
  }, [language])

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next)
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next)
    } catch {
      // Not remembered when storage is unavailable; the switch still works for this visit.
    }
  }, [])

  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      format: createFormatter(language),
    }),
    [language, setLanguage],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

/** The current language, translator and number formatter. */
export function useI18n(): I18n {
  const context = useContext(I18nContext)
  if (!context) throw new Error('useI18n() needs an <I18nProvider> above it.')
  return context
}
