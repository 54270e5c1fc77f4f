import { type FormEvent, useId, useRef, useState } from 'react'

import type { Layer } from '../http/types.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { layerName } from '../overview/labels.js'
import { ErrorMessage } from '../shell/Status.js'
import {
  createReport,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
  type ReportFormats,
  type StoredTemplate,
} from './api.js'
import {
  defaultFormats,
  type FormProblem,
  formProblems,
  type ReportForm as FormState,
  requestFor,
  templateLabel,
} from './model.js'

/**
 * "Bericht erstellen": template, audience (internal only for staff with full internal access),
 * language, layer and year (defaults: the template's layer, the latest year) and formats (PDF
 * disabled, with the reason, when the server has no Chromium). Sends POST …/reports and hands the
 * queued report to the page, which follows its progress.
 */
export function ReportForm({
  slug,
  templates,
  formats,
  layers,
  periods,
  allowInternal,
  onCreated,
}: {
  slug: string
  templates: readonly StoredTemplate[]
  formats: ReportFormats
  layers: readonly Layer[]
  /** Years with data, oldest first. */
  periods: readonly number[]
  allowInternal: boolean
  onCreated: (report: Report) => void
}) {
  const { t, language } = useI18n()
  const id = useId()
  const [form, setForm] = useState<FormState>(() => ({
    template: templates[0]?.key ?? '',
    audience: 'public',
    language,
    layer: '',
    period: '',
    formats: defaultFormats(formats.pdf),
  }))
  const [problems, setProblems] = useState<FormProblem[]>([])
  const [failure, setFailure] = useState<Error | null>(null)
  const [pending, setPending] = useState(false)
  const summary = useRef<HTMLDivElement>(null)

  const template = templates.find((candidate) => candidate.key === form.template)
  const templateLayer = layers.find((l) => l.key === template?.template.layer)
  const update = (patch: Partial<FormState>) => setForm((current) => ({ ...current, ...patch }))
  const toggleFormat = (format: ReportFormat, on: boolean) =>
    update({
      formats: on ? [...form.formats, format] : form.formats.filter((f) => f !== format),
    })

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (pending) return
    const found = formProblems(form, formats.pdf)
    setProblems(found)
    setFailure(null)
    if (found.length > 0) {
      requestAnimationFrame(() => summary.current?.focus())
      return
    }
    setPending(true)
    try {
      onCreated(await createReport(slug, requestFor(form)))
    } catch (error) {
      setFailure(error as Error)
    } finally {
      setPending(false)
    }
  }

  if (templates.length === 0) return <p className="note">{t('reports.create.noTemplates')}</p>

  const formatsInvalid = problems.includes('formatsMissing') || problems.includes('pdfUnavailable')
  return (
    <form
      className="report-form"
      noValidate
      aria-busy={pending || undefined}
      onSubmit={(event) => void submit(event)}
      data-testid="report-form"
    >
      {problems.length > 0 && (
        <div
          ref={summary}
          className="alert error-summary"
          role="alert"
          tabIndex={-1}
          data-testid="report-form-problems"
        >
          <ul className="error-summary__list">
            {problems.map((problem) => (
              <li key={problem}>{t(`reports.create.problem.${problem}`)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="report-form__grid">
        <div className="field">
          <label htmlFor={`${id}-template`}>{t('reports.create.template')}</label>
          <select
            id={`${id}-template`}
            value={form.template}
            onChange={(event) => update({ template: event.target.value })}
          >
            {templates.map((stored) => (
              <option key={stored.key} value={stored.key}>
                {templateLabel(stored, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('reports.create.language')}</label>
          <select
            id={`${id}-language`}
            value={form.language}
            onChange={(event) => update({ language: event.target.value === 'en' ? 'en' : 'de' })}
          >
            <option value="de">{t('reports.language.de')}</option>
            <option value="en">{t('reports.language.en')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-layer`}>{t('reports.create.layer')}</label>
          <select
            id={`${id}-layer`}
            value={form.layer}
            onChange={(event) => update({ layer: event.target.value })}
          >
            <option value="">
              {t('reports.create.layerDefault', {
                layer: templateLayer
                  ? layerName(templateLayer, language)
                  : (template?.template.layer ?? ''),
              })}
            </option>
            {layers.map((l) => (
              <option key={l.key} value={l.key}>
                {layerName(l, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-period`}>{t('reports.create.period')}</label>
          <select
            id={`${id}-period`}
            value={form.period}
            onChange={(event) => update({ period: event.target.value })}
          >
            <option value="">
              {t('reports.create.periodLatest', { year: periods.at(-1) ?? '–' })}
            </option>
            {[...periods].reverse().map((year) => (
              <option key={year} value={String(year)}>
                {year}
              </option>
            ))}
          </select>
        </div>
      </div>

      <fieldset className="control-group report-form__group">
        <legend>{t('reports.create.audience')}</legend>
        <div className="choice">
          <input
            type="radio"
            id={`${id}-public`}
            name={`${id}-audience`}
            value="public"
            checked={form.audience === 'public'}
            onChange={() => update({ audience: 'public' })}
            aria-describedby={`${id}-public-hint`}
          />
          <label htmlFor={`${id}-public`}>{t('reports.create.public')}</label>
        </div>
        <p className="hint report-form__hint" id={`${id}-public-hint`}>
          {t('reports.create.publicHint')}
        </p>
        {allowInternal && (
          <>
            <div className="choice">
              <input
                type="radio"
                id={`${id}-internal`}
                name={`${id}-audience`}
                value="internal"
                checked={form.audience === 'internal'}
                onChange={() => update({ audience: 'internal' })}
                aria-describedby={`${id}-internal-hint`}
              />
              <label htmlFor={`${id}-internal`}>{t('reports.create.internal')}</label>
            </div>
            <p className="hint report-form__hint" id={`${id}-internal-hint`}>
              {t('reports.create.internalHint')}
            </p>
          </>
        )}
      </fieldset>

      <fieldset
        className={`control-group report-form__group${formatsInvalid ? ' field--error' : ''}`}
      >
        <legend>{t('reports.create.formats')}</legend>
        {REPORT_FORMATS.map((format) => {
          const unavailable = format === 'pdf' && !formats.pdf
          return (
            <div className="choice" key={format}>
              <input
                type="checkbox"
                id={`${id}-format-${format}`}
                checked={!unavailable && form.formats.includes(format)}
                disabled={unavailable}
                aria-describedby={unavailable ? `${id}-pdf-hint` : undefined}
                onChange={(event) => toggleFormat(format, event.target.checked)}
              />
              <label htmlFor={`${id}-format-${format}`}>
                {t(`reports.create.format.${format}`)}
              </label>
            </div>
          )
        })}
        {!formats.pdf && (
          <p className="note report-form__pdf" id={`${id}-pdf-hint`} data-testid="pdf-unavailable">
            {t('reports.create.pdfUnavailable')}
          </p>
        )}
      </fieldset>

      {failure && <ErrorMessage title={t('reports.create.failed')} error={failure} />}
      <p>
        <button type="submit" className="button button--primary" aria-disabled={pending}>
          {pending ? t('reports.create.submitting') : t('reports.create.submit')}
        </button>
      </p>
    </form>
  )
}
