import type { Organisation } from '../http/types.js'
import { useI18n } from '../i18n/I18nProvider.js'

/** Placeholder until the page is built. */
export function AnalysisPage({ organisation }: { organisation: Organisation }) {
  const { t } = useI18n()
  return (
    <div className="container page">
      <h1>{t('analysis.title')}</h1>
      <p>{organisation.name}</p>
    </div>
  )
}
