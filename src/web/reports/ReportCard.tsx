import { useId, useState } from 'react'

import { useI18n } from '../i18n/I18nProvider.js'
import { describeError } from '../shell/errors.js'
import {
  checkRebuild,
  REPORT_FORMATS,
  type RebuildCheck,
  type Report,
  reportFileUrl,
  setPublished,
} from './api.js'
import { fileSize, isActive, publishState, statusMessage } from './model.js'

/** The files of a finished report: HTML opens in the browser, PDF and DOCX download. */
export function FileLinks({
  slug,
  report,
  title,
}: {
  slug: string
  report: Report
  title: string
}) {
  const { t, format } = useI18n()
  const files = REPORT_FORMATS.flatMap((f) => report.files.filter((file) => file.format === f))
  if (files.length === 0) return null
  return (
    <ul className="report-files">
      {files.map((file) => (
        <li key={file.format}>
          <a
            href={reportFileUrl(slug, report.id, file.format)}
            download={file.format === 'html' ? undefined : ''}
            data-format={file.format}
          >
            {t(`reports.file.${file.format}`)}
            <span className="visually-hidden">
              {', '}
              {t('reports.file.of', { title, version: report.version })}
            </span>
          </a>{' '}
          <span className="muted">({fileSize(file.bytes, format.decimal)})</span>
        </li>
      ))}
    </ul>
  )
}

/** A date and time of the API (ISO, UTC) in the UI's locale. */
export function useDate(): (iso: string | null) => string {
  const { format } = useI18n()
  const formatter = new Intl.DateTimeFormat(format.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  })
  return (iso) => (iso ? formatter.format(new Date(iso)) : '–')
}

/**
 * One report in the staff list: title with INTERN and "Veröffentlicht" badges, its facts, a
 * progress bar while it is generated, then its files, warnings or error; publish or withdraw
 * (reports:publish; internal reports say why not) and the rebuild check (reports:create).
 */
export function ReportCard({
  slug,
  report,
  title,
  layerLabel,
  canPublish,
  canRebuild,
  onChange,
}: {
  slug: string
  report: Report
  title: string
  layerLabel: string
  canPublish: boolean
  canRebuild: boolean
  onChange: (report: Report) => void
}) {
  const { t } = useI18n()
  const date = useDate()
  const id = useId()
  const [publishing, setPublishing] = useState(false)
  const [publishError, setPublishError] = useState<Error | null>(null)
  const [rebuild, setRebuild] = useState<
    | { status: 'idle' }
    | { status: 'pending' }
    | { status: 'done'; result: RebuildCheck }
    | { status: 'error'; error: Error }
  >({ status: 'idle' })

  const status = statusMessage(report)
  const statusText = t(status.key, status.params)
  const state = publishState(report)

  const togglePublished = async () => {
    if (publishing) return
    setPublishing(true)
    setPublishError(null)
    try {
      onChange(await setPublished(slug, report.id, state !== 'published'))
    } catch (error) {
      setPublishError(error as Error)
    } finally {
      setPublishing(false)
    }
  }

  const runRebuild = async () => {
    if (rebuild.status === 'pending') return
    setRebuild({ status: 'pending' })
    try {
      setRebuild({ status: 'done', result: await checkRebuild(slug, report.id) })
    } catch (error) {
      setRebuild({ status: 'error', error: error as Error })
    }
  }

  return (
    <article
      className={`report-card${report.audience === 'internal' ? ' report-card--internal' : ''}`}
      aria-labelledby={`${id}-title`}
      data-testid="report-card"
      data-report-id={report.id}
      data-status={report.status}
    >
      <h3 className="report-card__title" id={`${id}-title`}>
        {title}
        {report.audience === 'internal' && (
          <span className="badge badge--internal">
            {t('reports.internalBadge')}
            <span className="visually-hidden">
              {': '}
              {t('reports.internalBadgeHint')}
            </span>
          </span>
        )}
        {report.published && (
          <span className="badge badge--published">{t('reports.publishedBadge')}</span>
        )}
      </h3>
      <dl className="report-card__meta">
        <div>
          <dt>{t('reports.meta.version')}</dt>
          <dd>{report.version}</dd>
        </div>
        <div>
          <dt>{t('reports.meta.audience')}</dt>
          <dd>
            {report.audience === 'internal'
              ? t('reports.create.internal')
              : t('reports.create.public')}
          </dd>
        </div>
        <div>
          <dt>{t('reports.meta.language')}</dt>
          <dd>{t(`reports.language.${report.language}`)}</dd>
        </div>
        <div>
          <dt>{t('reports.meta.layer')}</dt>
          <dd>{layerLabel}</dd>
        </div>
        <div>
          <dt>{t('reports.meta.period')}</dt>
          <dd>{report.period > 0 ? report.period : t('reports.meta.pending')}</dd>
        </div>
        <div>
          <dt>{t('reports.meta.created')}</dt>
          <dd>{date(report.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('reports.meta.published')}</dt>
          <dd>{report.published ? date(report.publishedAt) : t('reports.meta.notPublished')}</dd>
        </div>
      </dl>

      <div className="report-card__status">
        {isActive(report) && (
          <progress
            className="report-card__progress"
            max={1}
            value={report.status === 'queued' ? undefined : report.progress}
            aria-label={t('reports.progress', { title })}
            aria-valuetext={statusText}
          />
        )}
        <p
          className={`report-card__state report-card__state--${report.status}`}
          data-testid="report-status"
        >
          {statusText}
        </p>
      </div>

      {report.status === 'failed' && (
        <div className="alert alert--error">
          <p className="alert__title">{t('reports.failedTitle')}</p>
          {report.error && <p className="alert__detail">{report.error}</p>}
        </div>
      )}

      {report.status === 'done' && <FileLinks slug={slug} report={report} title={title} />}

      {report.warnings.length > 0 && (
        <div className="report-card__warnings note">
          <p className="report-card__warnings-title">{t('reports.warnings')}</p>
          <ul>
            {report.warnings.map((warning, k) => (
              <li key={k}>{warning}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="report-card__actions">
        {canPublish && (state === 'publishable' || state === 'published') && (
          <button
            type="button"
            className={`button ${state === 'published' ? 'button--secondary' : 'button--primary'}`}
            aria-disabled={publishing}
            onClick={() => void togglePublished()}
          >
            {publishing
              ? t('reports.publishing')
              : state === 'published'
                ? t('reports.withdraw')
                : t('reports.publish')}
            <span className="visually-hidden">: {title}</span>
          </button>
        )}
        {canRebuild && report.status === 'done' && (
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={rebuild.status === 'pending'}
            onClick={() => void runRebuild()}
          >
            {rebuild.status === 'pending' ? t('reports.rebuilding') : t('reports.rebuild')}
            <span className="visually-hidden">: {title}</span>
          </button>
        )}
      </div>
      {canPublish && state === 'internal' && (
        <p className="hint" data-testid="cannot-publish">
          {t('reports.cannotPublish.internal')}
        </p>
      )}
      {canPublish && state === 'unfinished' && report.status === 'failed' && (
        <p className="hint">{t('reports.cannotPublish.unfinished')}</p>
      )}
      {publishError && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('reports.publishFailed')}</p>
          <p className="alert__detail">{describeError(publishError, t)}</p>
        </div>
      )}
      <div aria-live="polite" data-testid="rebuild-result">
        {rebuild.status === 'done' && (
          <div className={rebuild.result.identical ? 'report-card__rebuild' : 'note'}>
            <p>
              {rebuild.result.identical
                ? t('reports.rebuild.identical')
                : t('reports.rebuild.different')}
            </p>
            {rebuild.result.sameDataState ? (
              <p>{t('reports.rebuild.sameData')}</p>
            ) : (
              rebuild.result.changes.length > 0 && (
                <>
                  <p>{t('reports.rebuild.changes')}</p>
                  <ul>
                    {rebuild.result.changes.map((change) => (
                      <li key={change}>{change}</li>
                    ))}
                  </ul>
                </>
              )
            )}
          </div>
        )}
        {rebuild.status === 'error' && (
          <div className="alert alert--error">
            <p className="alert__title">{t('reports.rebuild.failed')}</p>
            <p className="alert__detail">{describeError(rebuild.error, t)}</p>
          </div>
        )}
      </div>
    </article>
  )
}
