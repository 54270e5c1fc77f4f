import type { Layer } from '../http/types.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { layerName } from './labels.js'

/** Radio buttons for the layer shown on the map and in the table. */
export function LayerChoice({
  layers,
  selected,
  onSelect,
}: {
  layers: readonly Layer[]
  selected: string
  onSelect: (key: string) => void
}) {
  const { t, format, language } = useI18n()
  return (
    <fieldset className="control-group">
      <legend>{t('density.layer')}</legend>
      {layers.map((layer) => (
        <div className="choice" key={layer.key}>
          <input
            type="radio"
            id={`layer-${layer.key}`}
            name="layer"
            value={layer.key}
            checked={layer.key === selected}
            onChange={() => onSelect(layer.key)}
          />
          <label htmlFor={`layer-${layer.key}`}>
            {layerName(layer, language)}{' '}
            <span className="choice__count">({format.integer(layer.areaCount)})</span>
          </label>
        </div>
      ))}
    </fieldset>
  )
}
