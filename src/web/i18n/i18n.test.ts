import { describe, expect, it } from 'vitest'

import { asLanguage, interpolate, LANGUAGES, MESSAGES, placeholders, translate } from './index.js'

describe('i18n dictionaries', () => {
  const keys = Object.keys(MESSAGES.de).sort()

  it.each(LANGUAGES)('%s has every key, none empty', (language) => {
    expect(Object.keys(MESSAGES[language]).sort()).toEqual(keys)
    for (const [key, text] of Object.entries(MESSAGES[language])) {
      expect(text.trim(), `${language}:${key}`).not.toBe('')
    }
  })

  it('uses the same placeholders in every language', () => {
    for (const key of keys) {
      const expected = placeholders(MESSAGES.de[key as keyof typeof MESSAGES.de])
      for (const language of LANGUAGES) {
        const actual = placeholders(MESSAGES[language][key as keyof typeof MESSAGES.de])
        expect(actual, `${language}:${key}`).toEqual(expected)
      }
    }
  })
})

describe('interpolate', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(interpolate('{a} und {b}', { a: 1 })).toBe('1 und {b}')
  })

  it('translates with parameters', () => {
    expect(translate('en', 'footer.version', { version: '1.2.3' })).toBe('Version 1.2.3')
    expect(translate('de', 'overview.periodRange', { first: 2015, last: 2024 })).toBe(
      '2015 bis 2024',
    )
  })
})

describe('asLanguage', () => {
  it('accepts only supported languages', () => {
    expect(asLanguage('en')).toBe('en')
    expect(asLanguage('fr')).toBeUndefined()
    expect(asLanguage(null)).toBeUndefined()
  })
})
