/**
 * The reports page (`/berichte`): for everyone the published reports with their files; for staff
 * with `reports:create` the form that requests a report (generated in the background) and the list
 * of all reports, each with a live progress bar, its files, warnings or error, publish / withdraw
 * (`reports:publish`) and the rebuild check. Status changes are announced in a polite live region.
 * Staff with `reports:create` also edit the templates' texts here („Vorlagen bearbeiten“).
 *
 * What a visitor sees is decided by the server: the public gets published reports only; staff with
 * full internal access get every report of the organisation.
 */
import './reports.css'

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { currentPath } from '../account/next.js'
import { READ_INTERNAL, useSession } from '../account/session.js'
import { api } from '../http/client.js'
import type { Organisation } from '../http/types.js'
import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { layerName } from '../overview/labels.js'
import { hrefFor } from '../shell/routes.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import {
  fetchFormats,
  fetchReport,
  fetchReports,
  fetchTemplates,
  type Report,
  type StoredTemplate,
} from './api.js'
import { isActive, POLL_INTERVAL_MS, statusChanges, statusMessage, upsertReport } from './model.js'
import { FileLinks, ReportCard, useDate } from './ReportCard.js'
import { ReportForm } from './ReportForm.js'
import { TemplateEditor } from './TemplateEditor.js'

const CREATE = 'reports:create'
const PUBLISH = 'reports:publish'

function years(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i)
}

export function ReportsPage({ organisation }: { organisation: Organisation }) {
  const { t, language } = useI18n()
  const date = useDate()
  const slug = organisation.slug
  const session = useSession()
  const member = session.status === 'signed-in' && session.user.organisation === slug
  const permissions = member ? session.user.permissions : []
  const canCreate = permissions.includes(CREATE)
  const canPublish = permissions.includes(PUBLISH)
  // Internal reports need exact values for the whole organisation (no area scope).
  const fullInternal =
    member && permissions.includes(READ_INTERNAL) && session.user.areaCount === null

  // The list waits for the session: staff are answered with every report, the public with published ones.
  const [reports, setReports] = useState<Report[] | null>(null)
  const [loadError, setLoadError] = useState<Error | null>(null)
  const [attempt, setAttempt] = useState(0)
  const listKey = session.status === 'loading' ? '' : `${slug}/${session.status}/${attempt}`
  useEffect(() => {
    if (!listKey) return
    let current = true
    setLoadError(null)
    fetchReports(slug).then(
      (list) => current && setReports(list),
      (error: unknown) => current && setLoadError(error as Error),
    )
    return () => {
      current = false
    }
  }, [listKey, slug])

  const staffKey = canCreate ? slug : ''
  const templates = useAsync<StoredTemplate[]>(
    () => (staffKey ? fetchTemplates(slug) : Promise.resolve([])),
    staffKey,
  )
  const formats = useAsync(
    () => (staffKey ? fetchFormats() : Promise.resolve({ formats: [], pdf: false })),
    staffKey,
  )
  const summary = useAsync(() => api.summary(slug), slug)
  const layers = useMemo(
    () =>
      summary.status === 'ready' ? [...summary.data.layers].sort((a, b) => a.level - b.level) : [],
    [summary],
  )
  const periods = useMemo(
    () =>
      summary.status === 'ready' && summary.data.periods
        ? years(summary.data.periods.first, summary.data.periods.last)
        : [],
    [summary],
  )

  const titleOf = (report: Report) => {
    if (report.title) return report.title
    const stored =
      templates.status === 'ready'
        ? templates.data.find((candidate) => candidate.key === report.templateKey)
        : undefined
    const name = stored?.template.name[language] ?? report.templateKey
    return t('reports.untitled', { template: name, version: report.version })
  }
  const layerLabel = (key: string) => {
    const layer = layers.find((l) => l.key === key)
    return layer ? layerName(layer, language) : key
  }

  // Status changes are announced once, in words, in the live region below.
  const [announcement, setAnnouncement] = useState('')
  const announce = useCallback(
    (report: Report, title: string) => {
      const status = statusMessage(report)
      setAnnouncement(t('reports.announce', { title, status: t(status.key, status.params) }))
    },
    [t],
  )
  const titleRef = useRef(titleOf)
  titleRef.current = titleOf

  // Reports being generated are asked for again every POLL_INTERVAL_MS until done or failed.
  const reportsRef = useRef(reports)
  reportsRef.current = reports
  const activeIds = (reports ?? [])
    .filter(isActive)
    .map((r) => r.id)
    .join(',')
  const [polls, setPolls] = useState(0)
  useEffect(() => {
    if (!activeIds) return
    let current = true
    const timer = window.setTimeout(() => {
      const ids = activeIds.split(',').map(Number)
      void Promise.allSettled(ids.map((id) => fetchReport(slug, id))).then((answers) => {
        if (!current) return
        const fresh = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []))
        for (const changed of statusChanges(reportsRef.current ?? [], fresh)) {
          announce(changed, titleRef.current(changed))
        }
        setReports((list) => fresh.reduce((next, report) => upsertReport(next, report), list ?? []))
        setPolls((n) => n + 1)
      })
    }, POLL_INTERVAL_MS)
    return () => {
      current = false
      window.clearTimeout(timer)
    }
  }, [activeIds, polls, slug, announce])

  const onCreated = (report: Report) => {
    setReports((list) => upsertReport(list ?? [], report))
    announce(report, titleOf(report))
  }
  const onChange = (report: Report) => {
    setReports((list) => upsertReport(list ?? [], report))
  }

  const published = (reports ?? []).filter((r) => r.published)
  const optionsError =
    templates.status === 'error' ? templates : formats.status === 'error' ? formats : null

  return (
    <div className="container page reports-page">
      <div className="page-intro">
        <h1>{t('reports.title')}</h1>
        <p className="lead">{t('reports.lead')}</p>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="reports-live">
        {announcement}
      </p>

      <section className="section" aria-labelledby="reports-published">
        <h2 id="reports-published">{t('reports.published.heading')}</h2>
        {loadError ? (
          <ErrorMessage
            title={t('reports.error.load')}
            error={loadError}
            onRetry={() => setAttempt((n) => n + 1)}
          />
        ) : reports === null ? (
          <Loading label={t('reports.loading')} />
        ) : published.length === 0 ? (
          <p className="note" data-testid="published-empty">
            {t('reports.published.empty')}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data-table report-table" data-testid="published-reports">
              <caption className="visually-hidden">
                {t('reports.published.caption', { org: organisation.name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.column.title')}</th>
                  <th scope="col" className="numeric">
                    {t('reports.column.version')}
                  </th>
                  <th scope="col">{t('reports.column.date')}</th>
                  <th scope="col">{t('reports.column.language')}</th>
                  <th scope="col">{t('reports.column.files')}</th>
                </tr>
              </thead>
              <tbody>
                {published.map((report) => (
                  <tr key={report.id} data-report-id={report.id}>
                    <th scope="row">{titleOf(report)}</th>
                    <td className="numeric">{report.version}</td>
                    <td>{date(report.publishedAt)}</td>
                    <td>{t(`reports.language.${report.language}`)}</td>
                    <td>
                      <FileLinks slug={slug} report={report} title={titleOf(report)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {session.status === 'anonymous' && (
          <p className="hint">
            <a
              href={hrefFor('/anmelden', new URLSearchParams(window.location.search).get('org'), {
                next: currentPath(window.location),
              })}
            >
              {t('reports.signInHint')}
            </a>
          </p>
        )}
      </section>

      {canCreate && (
        <section className="section" aria-labelledby="reports-create">
          <h2 id="reports-create">{t('reports.create.heading')}</h2>
          <p className="section__intro">{t('reports.create.intro')}</p>
          {optionsError ? (
            <ErrorMessage
              title={t('reports.error.options')}
              error={optionsError.status === 'error' ? optionsError.error : undefined}
              onRetry={optionsError.retry}
            />
          ) : templates.status !== 'ready' || formats.status !== 'ready' ? (
            <Loading />
          ) : (
            <ReportForm
              slug={slug}
              templates={templates.data}
              formats={formats.data}
              layers={layers}
              periods={periods}
              allowInternal={fullInternal}
              onCreated={onCreated}
            />
          )}
        </section>
      )}

      {canCreate && reports !== null && (
        <section className="section" aria-labelledby="reports-all">
          <h2 id="reports-all">{t('reports.all.heading')}</h2>
          <p className="section__intro">{t('reports.all.intro', { org: organisation.name })}</p>
          {reports.length === 0 ? (
            <p className="note">{t('reports.all.empty')}</p>
          ) : (
            <ul className="report-list" data-testid="all-reports">
              {reports.map((report) => (
                <li key={report.id}>
                  <ReportCard
                    slug={slug}
                    report={report}
                    title={titleOf(report)}
                    layerLabel={layerLabel(report.layer)}
                    canPublish={canPublish}
                    canRebuild={canCreate}
                    onChange={onChange}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {canCreate && (
        <section className="section" aria-labelledby="reports-templates">
          <h2 id="reports-templates">{t('reports.templates.heading')}</h2>
          <p className="section__intro">{t('reports.templates.intro')}</p>
          {/* A saved version shows in the form's template list at once. */}
          <TemplateEditor slug={slug} onSaved={templates.retry} />
        </section>
      )}
    </div>
  )
}
