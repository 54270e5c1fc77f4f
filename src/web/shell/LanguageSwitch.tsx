import { LANGUAGES } from '../i18n/index.js'
import { useI18n } from '../i18n/I18nProvider.js'

/** Deutsch / English as two toggle buttons, each labelled in its own language. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n()
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={language === option}
          onClick={() => setLanguage(option)}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  )
}
