import { useI18n } from '../i18n/I18nProvider.js'
import { categoryColour } from '../lib/palette.js'
import { categoryLabel } from './labels.js'

/** One checkbox per facility category; doubles as the legend of the points. */
export function FacilityFilter({
  categories,
  hidden,
  onToggle,
}: {
  categories: readonly { category: string; count: number }[]
  hidden: ReadonlySet<string>
  onToggle: (category: string, visible: boolean) => void
}) {
  const { t, format } = useI18n()
  return (
    <fieldset className="control-group">
      <legend>{t('facilities.legend')}</legend>
      {categories.map(({ category, count }) => (
        <div className="choice" key={category}>
          <input
            type="checkbox"
            id={`facility-${category}`}
            checked={!hidden.has(category)}
            onChange={(event) => onToggle(category, event.target.checked)}
          />
          <label htmlFor={`facility-${category}`}>
            <span
              className="dot"
              style={{ background: categoryColour(category) }}
              aria-hidden="true"
            />
            {categoryLabel(category, t)}{' '}
            <span className="choice__count">({format.integer(count)})</span>
          </label>
        </div>
      ))}
    </fieldset>
  )
}
