import { useId } from 'react'

import { useI18n } from '../../i18n/I18nProvider.js'
import { MAP_MODES, type MapMode } from '../types.js'

export interface ModeSwitchProps {
  /** What the map shows. */
  value: MapMode
  onChange: (mode: MapMode) => void
  /** The years a change can be measured from (earlier than the year shown). */
  fromPeriods: readonly number[]
  /** The year the change is measured from (mode `change`); default the latest of `fromPeriods`. */
  from?: number
  onFromChange: (period: number) => void
  /** Legend of the group (default "Darstellung" / "Show"). */
  label?: string
}

/**
 * What the map shows, as a radio group: the value in the year, the change since an earlier year
 * (with a year selector, shown while that mode is chosen), or the deviation from the city average.
 * "Change" is unavailable (disabled with a note) when there is no earlier year.
 */
export function ModeSwitch({
  value,
  onChange,
  fromPeriods,
  from,
  onFromChange,
  label,
}: ModeSwitchProps) {
  const { t } = useI18n()
  const name = useId()
  const years = [...new Set(fromPeriods)].sort((a, b) => b - a)
  const noFrom = years.length === 0
  const selectedFrom = from !== undefined && years.includes(from) ? from : years[0]
  return (
    <fieldset className="control-group mode-switch" data-testid="mode-switch">
      <legend>{label ?? t('controls.mode')}</legend>
      {MAP_MODES.map((mode) => {
        const id = `${name}-${mode}`
        const disabled = mode === 'change' && noFrom
        return (
          <div className="choice" key={mode}>
            <input
              type="radio"
              id={id}
              name={name}
              value={mode}
              checked={mode === value}
              disabled={disabled}
              aria-describedby={disabled ? `${name}-nofrom` : undefined}
              onChange={() => onChange(mode)}
            />
            <label htmlFor={id}>{t(`controls.mode.${mode}`)}</label>
          </div>
        )
      })}
      {noFrom && (
        <p id={`${name}-nofrom`} className="atlas-field__hint">
          {t('controls.mode.noFrom')}
        </p>
      )}
      {value === 'change' && !noFrom && (
        <div className="atlas-field mode-switch__from">
          <label className="atlas-field__label" htmlFor={`${name}-from`}>
            {t('controls.mode.from')}
          </label>
          <select
            id={`${name}-from`}
            className="atlas-field__input"
            value={selectedFrom}
            onChange={(event) => onFromChange(Number(event.target.value))}
          >
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  )
}
