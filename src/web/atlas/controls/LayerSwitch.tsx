import { useId } from 'react'

import { useI18n } from '../../i18n/I18nProvider.js'
import type { LayerOption } from './types.js'

export interface LayerSwitchProps {
  /** The layers, from the coarsest to the finest. */
  layers: readonly LayerOption[]
  /** Key of the layer shown. */
  value: string
  /** Called with the key of the layer the user chose. */
  onChange: (key: string) => void
  /** Legend of the group (default "Raumebene" / "Area layer"). */
  label?: string
}

/** The layer (Raumebene) as a radio group: arrow keys move the choice, as native radios do. */
export function LayerSwitch({ layers, value, onChange, label }: LayerSwitchProps) {
  const { t, language, format } = useI18n()
  const name = useId()
  return (
    <fieldset className="control-group" data-testid="layer-switch">
      <legend>{label ?? t('controls.layer')}</legend>
      {layers.map((layer) => {
        const id = `${name}-${layer.key}`
        return (
          <div className="choice" key={layer.key}>
            <input
              type="radio"
              id={id}
              name={name}
              value={layer.key}
              checked={layer.key === value}
              onChange={() => onChange(layer.key)}
            />
            <label htmlFor={id}>
              {language === 'de' ? layer.nameDe : layer.nameEn}
              {layer.areaCount !== undefined && (
                <span className="choice__count">
                  ({t('controls.layer.areas', { count: format.integer(layer.areaCount) })})
                </span>
              )}
            </label>
          </div>
        )
      })}
    </fieldset>
  )
}
