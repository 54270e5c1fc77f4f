import { type FormEvent, useEffect, useId, useRef, useState } from 'react'

import { useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import {
  fetchTemplate,
  fetchTemplates,
  type FullTemplate,
  ReportApiError,
  type ReportLanguage,
  saveTemplate,
  type StoredTemplate,
  type TemplateProblem,
} from './api.js'
import { useDate } from './ReportCard.js'
import {
  afterSave,
  blockLabel,
  canMove,
  type EditorBlock,
  editorBlocks,
  emptyTextBlocks,
  insertTextAfter,
  isChanged,
  isEditable,
  moveBlock,
  problemsByBlock,
  problemsOf,
  removeBlock,
  setBlockText,
  templateToSave,
} from './templateModel.js'

const LANGUAGES: readonly ReportLanguage[] = ['de', 'en']

/** The placeholders of the help, with the message keys of their meaning and example. */
const PLACEHOLDERS = [
  ['{{period}}', 'period'],
  ['{{area}}', 'area'],
  ['{{in_area}}', 'in_area'],
  ['{{name IND}}', 'name'],
  ['{{subject IND}}', 'subject'],
  ['{{value IND}}', 'value'],
  ['{{compare IND with=city}}', 'compare'],
  ['{{change IND years=5}}', 'change'],
  ['{{rank IND}}', 'rank'],
] as const

/** What is wrong with a block: a placeholder the server refused, or no text at all. */
type Issue = { kind: 'placeholder'; problem: TemplateProblem } | { kind: 'empty' }

/** Where the keyboard focus goes after the list changed (a block id and one of its controls). */
interface FocusTarget {
  id: number
  control: 'de' | 'up' | 'down' | 'insert' | 'title'
}

/** A template's state in words: „Standardvorlage“ for the built-in one, else its version. */
function useTemplateState(): (stored: Pick<StoredTemplate, 'builtIn' | 'version'>) => string {
  const { t } = useI18n()
  return (stored) =>
    stored.version === 0
      ? t('reports.templates.builtIn')
      : t('reports.templates.version', { version: stored.version })
}

/**
 * „Vorlagen bearbeiten“ (reports:create): choose a template, edit the German and English text of
 * its headings and text blocks, insert text blocks after any block (those can be moved and
 * removed again), and save the whole template as its next version. The server checks the
 * placeholders; a refused save marks the blocks it names (aria-invalid, the message beside the
 * field). Other blocks are computed from the data and shown read-only.
 */
export function TemplateEditor({ slug, onSaved }: { slug: string; onSaved?: () => void }) {
  const { t, language } = useI18n()
  const id = useId()
  const stateOf = useTemplateState()
  const list = useAsync(() => fetchTemplates(slug), slug)
  // Versions saved here, until the list is loaded again.
  const [savedVersions, setSavedVersions] = useState<Record<string, StoredTemplate>>({})
  const templates =
    list.status === 'ready'
      ? list.data.map((stored) => savedVersions[stored.key] ?? stored)
      : undefined
  const [chosen, setChosen] = useState('')
  const choice = chosen || templates?.[0]?.key || ''

  const [opening, setOpening] = useState(false)
  const [openError, setOpenError] = useState<Error | null>(null)
  const [loaded, setLoaded] = useState<FullTemplate | null>(null)
  // Opening a template again starts afresh, even the same version.
  const [openings, setOpenings] = useState(0)

  const open = async (key: string) => {
    setOpening(true)
    setOpenError(null)
    try {
      setLoaded(await fetchTemplate(slug, key))
      setOpenings((n) => n + 1)
    } catch (error) {
      setOpenError(error as Error)
    } finally {
      setOpening(false)
    }
  }

  const onOpen = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (choice && !opening) void open(choice)
  }

  return (
    <div className="template-editor" data-testid="template-editor">
      {list.status === 'error' ? (
        <ErrorMessage
          title={t('reports.templates.listFailed')}
          error={list.error}
          onRetry={list.retry}
        />
      ) : !templates ? (
        <Loading />
      ) : templates.length === 0 ? (
        <p className="note">{t('reports.create.noTemplates')}</p>
      ) : (
        <form className="template-picker" onSubmit={onOpen} data-testid="template-picker">
          <div className="field">
            <label htmlFor={`${id}-choose`}>{t('reports.templates.choose')}</label>
            <select
              id={`${id}-choose`}
              value={choice}
              onChange={(event) => setChosen(event.target.value)}
            >
              {templates.map((stored) => (
                <option key={stored.key} value={stored.key}>
                  {t('reports.templates.option', {
                    name: stored.template.name[language] || stored.key,
                    state: stateOf(stored),
                  })}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="button button--secondary"
            aria-disabled={opening || undefined}
          >
            {t('reports.templates.open')}
          </button>
        </form>
      )}

      {openError ? (
        <ErrorMessage
          title={t('reports.templates.loadFailed')}
          error={openError}
          onRetry={() => void open(choice)}
        />
      ) : opening ? (
        <Loading label={t('reports.templates.loading')} />
      ) : null}

      {loaded && (
        <TemplateForm
          key={openings}
          slug={slug}
          initial={loaded}
          onSaved={(saved) => {
            setSavedVersions((current) => ({ ...current, [saved.key]: saved }))
            onSaved?.()
          }}
        />
      )}
    </div>
  )
}

/** The blocks of one opened template, their edits and the save. */
function TemplateForm({
  slug,
  initial,
  onSaved,
}: {
  slug: string
  initial: FullTemplate
  onSaved: (saved: FullTemplate) => void
}) {
  const { t, language } = useI18n()
  const date = useDate()
  const stateOf = useTemplateState()
  const id = useId()
  const nextId = useRef(initial.template.blocks.length + 1)
  const [current, setCurrent] = useState(initial)
  // The blocks as loaded or last saved (what „Änderungen verwerfen“ returns to).
  const [baseline, setBaseline] = useState<EditorBlock[]>(() =>
    editorBlocks(initial.template.blocks),
  )
  const [blocks, setBlocks] = useState<EditorBlock[]>(baseline)
  const [issues, setIssues] = useState<Map<number, Issue[]>>(new Map())
  const [failure, setFailure] = useState<Error | null>(null)
  const [savedVersion, setSavedVersion] = useState<number | null>(null)
  const [unchanged, setUnchanged] = useState(false)
  const [pending, setPending] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const summary = useRef<HTMLDivElement>(null)
  const focusTarget = useRef<FocusTarget | null>(null)

  // After the list changed, the keyboard focus goes to the control that was asked for.
  useEffect(() => {
    const target = focusTarget.current
    if (!target) return
    focusTarget.current = null
    document.getElementById(`${id}-${target.id}-${target.control}`)?.focus()
  }, [blocks, id])

  const changed = isChanged(current.template, blocks)
  const name = current.template.name[language] || current.key
  const controlId = (entry: EditorBlock, control: FocusTarget['control']) =>
    `${id}-${entry.id}-${control}`

  const update = (next: EditorBlock[], focus?: FocusTarget, said?: string) => {
    focusTarget.current = focus ?? null
    setBlocks(next)
    setSavedVersion(null)
    setUnchanged(false)
    if (said) setAnnouncement(said)
  }

  const edit = (index: number, entry: EditorBlock, lang: ReportLanguage, value: string) => {
    update(setBlockText(blocks, index, lang, value))
    // A problem of this text is out of date once the planner changes it.
    setIssues((before) => {
      const mine = before.get(entry.id)
      if (!mine) return before
      const rest = mine.filter((issue) =>
        issue.kind === 'empty' ? false : issue.problem.language !== lang,
      )
      const next = new Map(before)
      if (rest.length > 0) next.set(entry.id, rest)
      else next.delete(entry.id)
      return next
    })
  }

  const insert = (index: number) => {
    const newId = nextId.current++
    update(
      insertTextAfter(blocks, index, newId),
      { id: newId, control: 'de' },
      t('reports.templates.announce.inserted', { number: index + 2 }),
    )
  }

  const move = (index: number, entry: EditorBlock, offset: -1 | 1) => {
    const next = moveBlock(blocks, index, offset)
    const at = index + offset
    // Stay on the button pressed unless it is now disabled, then take its partner.
    const pressed = offset < 0 ? 'up' : 'down'
    const partner = offset < 0 ? 'down' : 'up'
    const control = canMove(next, at, offset)
      ? pressed
      : canMove(next, at, offset < 0 ? 1 : -1)
        ? partner
        : 'title'
    update(
      next,
      { id: entry.id, control },
      t('reports.templates.announce.moved', { number: at + 1 }),
    )
  }

  const remove = (index: number) => {
    const before = blocks[index - 1]
    const gone = blocks[index]?.id
    setIssues((current) => {
      if (gone === undefined || !current.has(gone)) return current
      const next = new Map(current)
      next.delete(gone)
      return next
    })
    update(
      removeBlock(blocks, index),
      before ? { id: before.id, control: 'insert' } : undefined,
      t('reports.templates.announce.removed'),
    )
  }

  const discard = () => {
    update(baseline, undefined, t('reports.templates.announce.discarded'))
    setIssues(new Map())
    setFailure(null)
  }

  // The summary of a refused save takes the focus once it is rendered.
  const focusSummary = useRef(false)
  useEffect(() => {
    if (!focusSummary.current) return
    focusSummary.current = false
    summary.current?.focus()
  }, [issues, failure])

  const showProblems = (found: Map<number, Issue[]>, error: Error | null) => {
    focusSummary.current = true
    setIssues(found)
    setFailure(error)
  }

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (pending) return
    setSavedVersion(null)
    if (!changed) {
      setUnchanged(true)
      return
    }
    const empty = emptyTextBlocks(blocks)
    if (empty.length > 0) {
      showProblems(
        new Map(empty.map((index) => [blocks[index]!.id, [{ kind: 'empty' } as Issue]])),
        null,
      )
      return
    }
    setIssues(new Map())
    setFailure(null)
    setPending(true)
    const sent = blocks
    try {
      const answer = await saveTemplate(slug, templateToSave(current.template, sent))
      // Read it back: what the next report will use.
      const fresh = await fetchTemplate(slug, answer.key).catch(() => answer)
      const next = afterSave(fresh, sent, nextId.current)
      nextId.current += next.length
      setCurrent(fresh)
      setBaseline(next)
      setBlocks(next)
      setSavedVersion(answer.version)
      onSaved(fresh)
    } catch (error) {
      const problems =
        error instanceof ReportApiError && error.code === 'VALIDATION_FAILED'
          ? problemsOf(error.details, sent.length)
          : []
      const found = new Map<number, Issue[]>()
      for (const [blockId, list] of problemsByBlock(problems, sent)) {
        found.set(
          blockId,
          list.map((problem) => ({ kind: 'placeholder', problem })),
        )
      }
      showProblems(found, error as Error)
    } finally {
      setPending(false)
    }
  }

  const issueText = (issue: Issue) =>
    issue.kind === 'empty'
      ? t('reports.templates.empty')
      : t('reports.templates.problem', {
          language: t(`reports.language.${issue.problem.language}`),
          line: issue.problem.line,
          column: issue.problem.column,
          message: issue.problem.message,
        })

  return (
    <form
      className="template-form"
      noValidate
      aria-busy={pending || undefined}
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void save(event)}
      data-testid="template-form"
      data-template={current.key}
    >
      <h3 id={`${id}-title`} className="template-form__title">
        {t('reports.templates.editing', { name, state: stateOf(current) })}
      </h3>
      {current.createdAt && (
        <p className="hint template-form__meta">
          {t('reports.templates.savedOn', { date: date(current.createdAt) })}
        </p>
      )}

      <PlaceholderHelp />

      {(failure || issues.size > 0) && (
        <div
          ref={summary}
          className="alert error-summary"
          role="alert"
          tabIndex={-1}
          data-testid="template-problems"
        >
          <p className="alert__title">{t('reports.templates.saveFailed')}</p>
          {failure && (
            <p className="alert__detail" data-testid="template-server-message">
              {failure instanceof ReportApiError && failure.serverMessage
                ? failure.serverMessage
                : failure.message}
            </p>
          )}
          {issues.size > 0 && <p className="alert__detail">{t('reports.templates.checkBlocks')}</p>}
        </div>
      )}

      <ol className="template-blocks" aria-label={t('reports.templates.blocks')}>
        {blocks.map((entry, index) => {
          const number = index + 1
          const label = blockLabel(entry.block, language)
          const blockIssues = issues.get(entry.id) ?? []
          const problemId = controlId(entry, 'title') + '-problems'
          const ofBlock = ` (${t('reports.templates.ofBlock', { number })})`
          return (
            <li
              key={entry.id}
              className={`template-block${entry.added ? ' template-block--added' : ''}${blockIssues.length > 0 ? ' template-block--invalid' : ''}`}
              data-testid="template-block"
              data-block-index={index}
              data-block-type={entry.block.type}
              data-invalid={blockIssues.length > 0 || undefined}
            >
              <h4 id={controlId(entry, 'title')} className="template-block__title" tabIndex={-1}>
                <span className="template-block__number">{number}.</span>{' '}
                {t(label.key, label.params)}
                {entry.added && (
                  <>
                    {' '}
                    <span className="badge badge--added">{t('reports.templates.added')}</span>
                  </>
                )}
              </h4>

              {isEditable(entry.block) ? (
                <div className="template-block__fields">
                  {LANGUAGES.map((lang) => {
                    const fieldId = lang === 'de' ? controlId(entry, 'de') : `${id}-${entry.id}-en`
                    const invalid = blockIssues.some(
                      (issue) => issue.kind === 'empty' || issue.problem.language === lang,
                    )
                    // A placeholder problem shows under its field; „empty“ once, under German.
                    const shown = blockIssues.filter((issue) =>
                      issue.kind === 'empty' ? lang === 'de' : issue.problem.language === lang,
                    )
                    const problemsOfField = `${problemId}-${shown.length > 0 ? lang : 'de'}`
                    const common = {
                      id: fieldId,
                      lang,
                      value: isEditable(entry.block) ? entry.block.text[lang] : '',
                      readOnly: pending,
                      'aria-invalid': invalid || undefined,
                      'aria-describedby': invalid ? problemsOfField : undefined,
                      'data-language': lang,
                    }
                    return (
                      <div className={`field${invalid ? ' field--error' : ''}`} key={lang}>
                        <label htmlFor={fieldId}>
                          {t(`reports.language.${lang}`)}
                          <span className="visually-hidden">{ofBlock}</span>
                        </label>
                        {entry.block.type === 'heading' ? (
                          <input
                            type="text"
                            {...common}
                            onChange={(event) => edit(index, entry, lang, event.target.value)}
                          />
                        ) : (
                          <textarea
                            rows={4}
                            {...common}
                            onChange={(event) => edit(index, entry, lang, event.target.value)}
                          />
                        )}
                        {shown.length > 0 && (
                          <ul
                            className="template-block__problems field__error"
                            id={`${problemId}-${lang}`}
                          >
                            {shown.map((issue, k) => (
                              <li key={k}>{issueText(issue)}</li>
                            ))}
                          </ul>
                        )}
                      </div>
                    )
                  })}
                </div>
              ) : (
                <p className="hint template-block__readonly">{t('reports.templates.readOnly')}</p>
              )}

              {!isEditable(entry.block) && blockIssues.length > 0 && (
                <ul className="template-block__problems field__error" id={problemId}>
                  {blockIssues.map((issue, k) => (
                    <li key={k}>{issueText(issue)}</li>
                  ))}
                </ul>
              )}

              <div className="template-block__actions">
                <button
                  type="button"
                  id={controlId(entry, 'insert')}
                  className="button button--secondary button--small"
                  onClick={() => insert(index)}
                  disabled={pending}
                >
                  {t('reports.templates.insert')}
                  <span className="visually-hidden">
                    {' '}
                    {t('reports.templates.insertAfter', { number })}
                  </span>
                </button>
                {entry.added && (
                  <>
                    <button
                      type="button"
                      id={controlId(entry, 'up')}
                      className="button button--secondary button--small"
                      onClick={() => move(index, entry, -1)}
                      disabled={pending || !canMove(blocks, index, -1)}
                    >
                      {t('reports.templates.moveUp')}
                      <span className="visually-hidden">{ofBlock}</span>
                    </button>
                    <button
                      type="button"
                      id={controlId(entry, 'down')}
                      className="button button--secondary button--small"
                      onClick={() => move(index, entry, 1)}
                      disabled={pending || !canMove(blocks, index, 1)}
                    >
                      {t('reports.templates.moveDown')}
                      <span className="visually-hidden">{ofBlock}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--secondary button--small button--danger"
                      onClick={() => remove(index)}
                      disabled={pending}
                    >
                      {t('reports.templates.remove')}
                      <span className="visually-hidden">{ofBlock}</span>
                    </button>
                  </>
                )}
              </div>
            </li>
          )
        })}
      </ol>

      <div className="template-form__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={pending || undefined}
        >
          {pending ? t('reports.templates.saving') : t('reports.templates.save')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={discard}
          disabled={pending || !changed}
        >
          {t('reports.templates.discard')}
        </button>
        {changed && <span className="template-form__dirty">{t('reports.templates.unsaved')}</span>}
      </div>
      <p className="template-form__status" role="status" data-testid="template-status">
        {savedVersion !== null
          ? t('reports.templates.saved', { version: savedVersion })
          : unchanged
            ? t('reports.templates.noChanges')
            : ''}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="template-live">
        {announcement}
      </p>
    </form>
  )
}

/** The placeholders with their meaning and an example, collapsed under a summary. */
function PlaceholderHelp() {
  const { t } = useI18n()
  return (
    <details className="placeholder-help" data-testid="placeholder-help">
      <summary>{t('reports.templates.help.summary')}</summary>
      <p>{t('reports.templates.help.intro')}</p>
      <div className="table-scroll">
        <table className="data-table placeholder-help__table">
          <thead>
            <tr>
              <th scope="col">{t('reports.templates.help.code')}</th>
              <th scope="col">{t('reports.templates.help.meaning')}</th>
              <th scope="col">{t('reports.templates.help.example')}</th>
            </tr>
          </thead>
          <tbody>
            {PLACEHOLDERS.map(([code, key]) => (
              <tr key={key}>
                <th scope="row">
                  <code>{code}</code>
                </th>
                <td>{t(`reports.templates.help.${key}`)}</td>
                <td>{t(`reports.templates.help.${key}.example`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('reports.templates.help.options')}</p>
      <p>
        {t('reports.templates.help.escape')} <code>{'\\{{'}</code>
      </p>
    </details>
  )
}
