import { useId, useMemo, useState } from 'react'

import { useI18n } from '../../i18n/I18nProvider.js'
import type { IndicatorMeta } from '../types.js'
import { pickerGroups } from './indicatorSearch.js'
import { topicName } from './topics.js'

export interface IndicatorPickerProps {
  /** The indicators to choose from, in catalogue order (grouped by topic here). */
  indicators: readonly IndicatorMeta[]
  /** Key of the chosen indicator. */
  value: string
  /** Called with the key of the indicator the user chose. */
  onChange: (key: string) => void
  /** Label of the list (default "Kennzahl" / "Indicator"). */
  label?: string
}

/**
 * The indicator choice: a search field that filters a native `<select>` grouped by topic
 * (`<optgroup>`). A native select is chosen over a custom combobox because every browser and
 * screen reader operates it reliably (arrow keys, type-ahead, the platform's picker on phones).
 * The number of matches is announced politely; unpublished indicators (internal atlas) carry a
 * text marker in their option and a note below.
 */
export function IndicatorPicker({ indicators, value, onChange, label }: IndicatorPickerProps) {
  const { t, language, format } = useI18n()
  const id = useId()
  const [query, setQuery] = useState('')
  const name = (topic: string) => topicName(topic, t)
  const { groups, matches, kept } = useMemo(
    () => pickerGroups(indicators, query, value, language, (topic) => topicName(topic, t)),
    [indicators, query, value, language, t],
  )
  const hasUnpublished = indicators.some((i) => i.published === false)
  const optionText = (indicator: IndicatorMeta) =>
    `${language === 'de' ? indicator.nameDe : indicator.nameEn}${
      indicator.published === false ? ` ${t('controls.picker.unpublished')}` : ''
    }`

  return (
    <div className="control-group indicator-picker">
      <div className="atlas-field">
        <label className="atlas-field__label" htmlFor={`${id}-search`}>
          {t('controls.picker.search')}
        </label>
        <input
          id={`${id}-search`}
          className="atlas-field__input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={query}
          aria-describedby={`${id}-search-hint ${id}-count`}
          aria-controls={`${id}-select`}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p id={`${id}-search-hint`} className="atlas-field__hint">
          {t('controls.picker.searchHint')}
        </p>
      </div>
      <p id={`${id}-count`} className="atlas-field__hint" role="status" aria-live="polite">
        {query.trim() === ''
          ? ''
          : matches === 0
            ? t('controls.picker.noMatch', { query: query.trim() })
            : t('controls.picker.found', {
                count: format.integer(matches),
                total: format.integer(indicators.length),
              })}
      </p>
      <div className="atlas-field">
        <label className="atlas-field__label" htmlFor={`${id}-select`}>
          {label ?? t('controls.indicator')}
        </label>
        <select
          id={`${id}-select`}
          className="atlas-field__input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={hasUnpublished ? `${id}-unpublished` : undefined}
          data-testid="indicator-select"
        >
          {kept && (
            <optgroup label={t('controls.picker.keepSelected')}>
              <option value={kept.key}>{optionText(kept)}</option>
            </optgroup>
          )}
          {groups.map((group) => (
            <optgroup key={group.topic} label={name(group.topic)}>
              {group.indicators.map((indicator) => (
                <option key={indicator.key} value={indicator.key}>
                  {optionText(indicator)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {hasUnpublished && (
        <p id={`${id}-unpublished`} className="atlas-field__hint">
          {t('controls.picker.unpublishedNote')}
        </p>
      )}
    </div>
  )
}
