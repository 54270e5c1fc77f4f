import { useI18n } from '../../i18n/I18nProvider.js'
import type { LegendEntry } from '../../../core/maps/legend.js'

/**
 * The legend of the choropleth: one row per class (colour, range, number of areas) and separate
 * rows for areas without data and with suppressed values. Each row carries its colour in
 * `data-colour`, which the e2e test compares with the pixels of the map.
 */
export function AtlasLegend({
  title,
  entries,
  note,
}: {
  title: string
  entries: readonly LegendEntry[]
  note?: string
}) {
  const { t, format } = useI18n()
  const count = (n: number) =>
    n === 1 ? t('atlas.legend.countOne') : t('atlas.legend.count', { count: format.integer(n) })
  return (
    <div className="control-group legend atlas-legend" data-testid="atlas-legend">
      <h2 className="control-group__title atlas-legend__title">{title}</h2>
      <ul className="legend__list">
        {entries.map((entry) => (
          <li
            key={entry.key}
            data-colour={entry.colour}
            data-kind={entry.kind}
            data-lower={entry.lower}
            data-upper={entry.upper}
            className={
              entry.count === 0 && entry.kind !== 'class' ? 'atlas-legend__empty' : undefined
            }
          >
            <span
              className={`swatch${entry.kind === 'suppressed' ? ' swatch--suppressed' : ''}`}
              style={{ background: entry.colour }}
              aria-hidden="true"
            />
            <span className="legend__range">{entry.label}</span>
            <span className="legend__count">{count(entry.count)}</span>
          </li>
        ))}
      </ul>
      {note && <p className="legend__note">{note}</p>}
    </div>
  )
}
