import { api } from '../http/client.js'
import type { Organisation } from '../http/types.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import { DensitySection } from './DensitySection.js'
import { KeyFigures } from './KeyFigures.js'

/** The organisation at a glance: key figures, density map and table. */
export function OverviewPage({ organisation }: { organisation: Organisation }) {
  const { t } = useI18n()
  const summary = useAsync(() => api.summary(organisation.slug), organisation.slug)
  const facilities = useAsync(() => api.facilities(organisation.slug), organisation.slug)
  return (
    <div className="container page">
      <div className="page-intro">
        <p className="eyebrow">{t('overview.title')}</p>
        <h1>{organisation.name}</h1>
        <p className="lead">{t('overview.lead')}</p>
        {organisation.isDemo && <p className="note">{t('overview.demoNote')}</p>}
      </div>
      {summary.status === 'loading' && <Loading />}
      {summary.status === 'error' && (
        <ErrorMessage title={t('error.summary')} error={summary.error} onRetry={summary.retry} />
      )}
      {summary.status === 'ready' && (
        <>
          <KeyFigures summary={summary.data} />
          <DensitySection slug={organisation.slug} summary={summary.data} facilities={facilities} />
        </>
      )}
    </div>
  )
}
