import { useI18n } from '../i18n/I18nProvider.js'
import { describeError } from './errors.js'

/** A polite loading notice, announced by screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n()
  return (
    <p className="status status--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  )
}

/** What failed (`title`) and why (the error), with a way to try again. */
export function ErrorMessage({
  title,
  error,
  onRetry,
}: {
  title: string
  error?: Error
  onRetry?: () => void
}) {
  const { t } = useI18n()
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{title}</p>
      {error && <p className="alert__detail">{describeError(error, t)}</p>}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  )
}
