import { type FormEvent, useEffect, useId, useState } from 'react'

import {
  CLASSIFICATION_METHODS,
  type ClassificationMethod,
} from '../../../core/analysis/classify.js'
import { useI18n } from '../../i18n/I18nProvider.js'
import { MAX_CLASSES, MIN_CLASSES } from '../../../core/maps/palettes.js'
import { parseBreaks } from '../state.js'

/** Reads breaks typed in either language: `;` separates, `,` or `.` is the decimal mark. */
export function parseTypedBreaks(text: string): number[] | null {
  const normalised = text
    .split(/[;\n]+/)
    .map((part) => part.trim().replace(/\s+/g, '').replace(',', '.'))
    .filter(Boolean)
    .join(';')
  return parseBreaks(normalised)
}

/** Method, number of classes and (for manual classes) the inner bounds. */
export function ClassificationControls({
  method,
  k,
  breaks,
  gvf,
  currentBreaks,
  onChange,
}: {
  method: ClassificationMethod
  k: number
  breaks: readonly number[] | null
  /** Goodness of variance fit of the current classes. */
  gvf: number
  /** The inner bounds of the classes shown: the start of manual bounds. */
  currentBreaks: readonly number[]
  onChange: (next: { method: ClassificationMethod; k: number; breaks: number[] | null }) => void
}) {
  const { t, format, language } = useI18n()
  const hintId = useId()
  const errorId = useId()
  const shownBreaks = (breaks ?? []).map((b) => format.decimal(b, decimalsOf(b))).join('; ')
  const [text, setText] = useState(shownBreaks)
  const [invalid, setInvalid] = useState<string | null>(null)
  useEffect(() => setText(shownBreaks), [shownBreaks, language])

  const applyBreaks = (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseTypedBreaks(text)
    if (!parsed || parsed.length > MAX_CLASSES - 1) {
      setInvalid(text)
      return
    }
    setInvalid(null)
    onChange({ method: 'manual', k: parsed.length + 1, breaks: parsed })
  }

  return (
    <fieldset className="control-group atlas-classes" data-testid="atlas-classification">
      <legend>{t('atlas.classification')}</legend>
      <div className="field">
        <label htmlFor="atlas-method">{t('atlas.method')}</label>
        <select
          id="atlas-method"
          value={method}
          onChange={(event) => {
            const next = event.target.value as ClassificationMethod
            onChange({
              method: next,
              k: next === 'manual' ? currentBreaks.length + 1 : k,
              breaks: next === 'manual' ? [...(breaks ?? currentBreaks)] : null,
            })
          }}
        >
          {CLASSIFICATION_METHODS.map((option) => (
            <option key={option} value={option}>
              {t(`atlas.method.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {method !== 'manual' && (
        <div className="field">
          <label htmlFor="atlas-classes">{t('atlas.classes')}</label>
          <select
            id="atlas-classes"
            value={k}
            onChange={(event) => onChange({ method, k: Number(event.target.value), breaks: null })}
          >
            {Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => i + MIN_CLASSES).map(
              (n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ),
            )}
          </select>
        </div>
      )}
      {method === 'manual' && (
        <form className="field" onSubmit={applyBreaks}>
          <label htmlFor="atlas-breaks">{t('atlas.breaks')}</label>
          <p className="field__hint" id={hintId}>
            {t('atlas.breaksHint')}
          </p>
          <input
            id="atlas-breaks"
            type="text"
            inputMode="decimal"
            value={text}
            aria-describedby={invalid === null ? hintId : `${hintId} ${errorId}`}
            aria-invalid={invalid !== null}
            onChange={(event) => setText(event.target.value)}
          />
          {invalid !== null && (
            <p className="field__error" id={errorId} role="alert">
              {t('atlas.breaksInvalid', { value: invalid })}
            </p>
          )}
          <button type="submit" className="button button--secondary">
            {t('atlas.breaksApply')}
          </button>
        </form>
      )}
      {Number.isFinite(gvf) && (
        <p className="legend__note" data-testid="atlas-gvf">
          {t('atlas.gvf', { gvf: format.decimal(gvf, 2) })}
        </p>
      )}
    </fieldset>
  )
}

/** Digits to show a typed break without losing it (at most 6). */
function decimalsOf(value: number): number {
  const text = String(value)
  const dot = text.indexOf('.')
  return dot < 0 ? 0 : Math.min(6, text.length - dot - 1)
}
