import { useI18n } from '../i18n/I18nProvider.js'
import type { Choropleth } from '../lib/choropleth.js'
import { fractionDigitsFor } from '../../core/maps/legend.js'
import { densityDigits } from '../lib/format.js'
import { NO_DATA_COLOUR } from '../lib/palette.js'

/** The classes of the density map: colour, range and number of areas. */
export function DensityLegend({ choropleth }: { choropleth: Choropleth }) {
  const { t, format } = useI18n()
  const { breaks, colours, counts, missing } = choropleth
  const digits = Math.max(fractionDigitsFor(breaks), densityDigits(breaks[0] ?? 0))
  const count = (n: number) =>
    n === 1 ? t('density.legendCountOne') : t('density.legendCount', { count: format.integer(n) })
  return (
    <div className="control-group legend" data-testid="density-legend">
      <h3 className="control-group__title">{t('density.legend')}</h3>
      <ul className="legend__list">
        {colours.map((colour, index) => (
          <li key={colour}>
            <span className="swatch" style={{ background: colour }} aria-hidden="true" />
            <span className="legend__range">
              {format.range(breaks[index] ?? NaN, breaks[index + 1] ?? NaN, digits)}
            </span>
            <span className="legend__count">{count(counts[index] ?? 0)}</span>
          </li>
        ))}
        {missing > 0 && (
          <li>
            <span className="swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
            <span className="legend__range">{t('density.noData')}</span>
            <span className="legend__count">{count(missing)}</span>
          </li>
        )}
      </ul>
      <p className="legend__note">{t('density.legendNote')}</p>
    </div>
  )
}
