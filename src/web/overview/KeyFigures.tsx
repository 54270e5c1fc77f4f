import type { Summary } from '../http/types.js'
import { FACILITY_CATEGORIES } from '../http/types.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { categoryColour } from '../lib/palette.js'
import { categoryLabel, layerName } from './labels.js'

/** Residents, data period, areas per layer and facilities per category. */
export function KeyFigures({ summary }: { summary: Summary }) {
  const { t, format, language } = useI18n()
  const population = [...summary.population].sort((a, b) => a.period - b.period)
  const latest = population.at(-1)
  const before = population.at(-2)
  const layers = [...summary.layers].sort((a, b) => a.level - b.level)
  const order = (category: string) => {
    const index = (FACILITY_CATEGORIES as readonly string[]).indexOf(category)
    return index < 0 ? FACILITY_CATEGORIES.length : index
  }
  const facilities = [...summary.facilities].sort(
    (a, b) => order(a.category) - order(b.category) || a.category.localeCompare(b.category),
  )
  const facilityTotal = facilities.reduce((sum, entry) => sum + entry.count, 0)

  return (
    <section className="section" aria-labelledby="key-figures-title">
      <h2 id="key-figures-title">{t('overview.keyFigures')}</h2>
      <div className="figures">
        <div className="figure" data-testid="figure-residents">
          <h3 className="figure__title">
            {t('overview.residents', { year: latest?.period ?? summary.periods.last })}
          </h3>
          <p className="figure__value">{latest ? format.integer(latest.value) : '–'}</p>
          {latest && before && before.value > 0 && (
            <p className="figure__note">
              {t('overview.residentsChange', {
                change: format.signedPercent(latest.value / before.value - 1),
                year: before.period,
              })}
            </p>
          )}
        </div>
        <div className="figure" data-testid="figure-period">
          <h3 className="figure__title">{t('overview.period')}</h3>
          <p className="figure__value">
            {t('overview.periodRange', {
              first: summary.periods.first,
              last: summary.periods.last,
            })}
          </p>
        </div>
        <div className="figure" data-testid="figure-layers">
          <h3 className="figure__title">{t('overview.areasPerLayer')}</h3>
          <dl className="figure__list">
            {layers.map((layer) => (
              <div key={layer.key}>
                <dt>{layerName(layer, language)}</dt>
                <dd>{format.integer(layer.areaCount)}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="figure" data-testid="figure-facilities">
          <h3 className="figure__title">{t('overview.facilitiesPerCategory')}</h3>
          <dl className="figure__list">
            {facilities.map((entry) => (
              <div key={entry.category}>
                <dt>
                  <span
                    className="dot"
                    style={{ background: categoryColour(entry.category) }}
                    aria-hidden="true"
                  />
                  {categoryLabel(entry.category, t)}
                </dt>
                <dd>{format.integer(entry.count)}</dd>
              </div>
            ))}
            <div className="figure__total">
              <dt>{t('overview.total')}</dt>
              <dd>{format.integer(facilityTotal)}</dd>
            </div>
          </dl>
        </div>
      </div>
    </section>
  )
}
