/** The parameter controls of the analysis views; each is labelled and works with the keyboard. */
import { useEffect, useId, useState } from 'react'

import type { IndicatorMeta } from '../atlas/types.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { ALPHAS, isWeights, MAX_KNN, PERMUTATIONS } from './state.js'

export const indicatorName = (indicator: IndicatorMeta, language: string) =>
  language === 'de' ? indicator.nameDe : indicator.nameEn

export function IndicatorSelect({
  indicators,
  value,
  onChange,
  label,
}: {
  indicators: readonly IndicatorMeta[]
  value: string
  onChange: (key: string) => void
  label?: string
}) {
  const { t, language } = useI18n()
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('analysis.indicator')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {indicators.map((indicator) => (
          <option key={indicator.key} value={indicator.key}>
            {indicatorName(indicator, language)}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Queen or rook contiguity, or k nearest neighbours with k. */
export function WeightsControl({
  value,
  onChange,
}: {
  value: string
  onChange: (weights: string) => void
}) {
  const { t } = useI18n()
  const id = useId()
  const kind = value.startsWith('knn:') ? 'knn' : value
  const k = kind === 'knn' ? Number(value.slice(4)) : 6
  const [draft, setDraft] = useState(String(k))
  useEffect(() => setDraft(String(k)), [k])
  const valid = /^\d{1,2}$/.test(draft) && isWeights(`knn:${draft}`)
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('analysis.weights')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(event) =>
            onChange(event.target.value === 'knn' ? `knn:${k}` : event.target.value)
          }
        >
          <option value="queen">{t('analysis.weights.queen')}</option>
          <option value="rook">{t('analysis.weights.rook')}</option>
          <option value="knn">{t('analysis.weights.knn')}</option>
        </select>
      </div>
      {kind === 'knn' && (
        <div className="field">
          <label htmlFor={`${id}-k`}>{t('analysis.weights.k')}</label>
          <input
            id={`${id}-k`}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_KNN}
            value={draft}
            aria-invalid={!valid}
            aria-describedby={valid ? undefined : `${id}-k-error`}
            onChange={(event) => {
              setDraft(event.target.value)
              if (/^\d{1,2}$/.test(event.target.value) && isWeights(`knn:${event.target.value}`)) {
                onChange(`knn:${event.target.value}`)
              }
            }}
          />
          {!valid && (
            <p className="field__error" id={`${id}-k-error`}>
              {t('analysis.weights.kInvalid', { max: MAX_KNN })}
            </p>
          )}
        </div>
      )}
    </>
  )
}

export function PermutationsSelect({
  value,
  onChange,
  allowNone,
}: {
  value: number
  onChange: (permutations: number) => void
  /** 0 permutations: analytic p-values only (Gi*). */
  allowNone: boolean
}) {
  const { t, format } = useI18n()
  const id = useId()
  const options = PERMUTATIONS.filter((n) => allowNone || n > 0)
  return (
    <div className="field">
      <label htmlFor={id}>{t('analysis.permutations')}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {[...new Set([...options, value])]
          .sort((a, b) => a - b)
          .map((n) => (
            <option key={n} value={n}>
              {n === 0 ? t('analysis.permutations.none') : format.integer(n)}
            </option>
          ))}
      </select>
    </div>
  )
}

export function AlphaSelect({
  value,
  onChange,
}: {
  value: number
  onChange: (alpha: number) => void
}) {
  const { t, format } = useI18n()
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{t('analysis.alpha')}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {[...new Set([...ALPHAS, value])]
          .sort((a, b) => b - a)
          .map((alpha) => (
            <option key={alpha} value={alpha}>
              {format.decimal(alpha, Math.max(2, decimals(alpha)))}
            </option>
          ))}
      </select>
    </div>
  )
}

function decimals(value: number): number {
  const text = String(value)
  return text.includes('.') ? text.split('.')[1]!.length : 0
}

/** The random seed (permutations, k-means starts); a whole number. */
export function SeedInput({
  value,
  onChange,
}: {
  value: number
  onChange: (seed: number) => void
}) {
  const { t } = useI18n()
  const id = useId()
  const [draft, setDraft] = useState(String(value))
  useEffect(() => setDraft(String(value)), [value])
  const valid = /^-?\d{1,9}$/.test(draft)
  return (
    <div className="field">
      <label htmlFor={id}>{t('analysis.seed')}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        value={draft}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(event) => {
          setDraft(event.target.value)
          if (/^-?\d{1,9}$/.test(event.target.value)) onChange(Number(event.target.value))
        }}
      />
      {!valid && (
        <p className="field__error" id={`${id}-error`}>
          {t('analysis.seed.invalid')}
        </p>
      )}
    </div>
  )
}

/**
 * One radio button per option, for use inside a fieldset whose legend names the choice. The group
 * gets its own name, so several groups can share a fieldset or a view.
 */
export function RadioChoices<T extends string>({
  options,
  value,
  onChange,
  label,
}: {
  options: readonly T[]
  value: T
  onChange: (option: T) => void
  label: (option: T) => string
}) {
  const name = useId()
  return options.map((option) => (
    <div className="choice" key={option}>
      <input
        type="radio"
        id={`${name}-${option}`}
        name={name}
        checked={value === option}
        onChange={() => onChange(option)}
      />
      <label htmlFor={`${name}-${option}`}>{label(option)}</label>
    </div>
  ))
}
