import type { CategoryEntry } from './categories.js'
import { COMBINED_ORDER, DYNAMICS_ORDER, DYNAMICS_SIGNS, STATUS_ORDER } from './colours.js'
import { useI18n } from '../i18n/I18nProvider.js'

/** The count of a legend row, e.g. "12 Gebiete". */
function useCount() {
  const { t, format } = useI18n()
  return (n: number) =>
    n === 1
      ? t('analysis.legend.countOne')
      : t('analysis.legend.count', { count: format.integer(n) })
}

function Row({ entry }: { entry: CategoryEntry }) {
  const count = useCount()
  return (
    <li
      data-category={entry.key}
      data-kind={entry.kind}
      data-colour={entry.colour}
      data-count={entry.count}
      className={entry.count === 0 ? 'analysis-legend__empty' : undefined}
    >
      <span
        className={`swatch${entry.kind === 'suppressed' ? ' swatch--suppressed' : ''}`}
        style={{ background: entry.colour }}
        aria-hidden="true"
      />
      <span className="legend__range">{entry.label}</span>
      <span className="legend__count">{count(entry.count)}</span>
    </li>
  )
}

/**
 * The legend of a categorical map: one row per category with its colour, name and number of
 * areas, then the areas left out. Each row carries `data-category`, `data-colour` and
 * `data-count`, which the e2e test compares with the API's counts and the map's pixels.
 */
export function CategoryLegend({
  title,
  entries,
  note,
}: {
  title: string
  entries: readonly CategoryEntry[]
  note?: string
}) {
  return (
    <div className="control-group legend analysis-legend" data-testid="analysis-legend">
      <h2 className="control-group__title">{title}</h2>
      <ul className="legend__list">
        {entries.map((entry) => (
          <Row key={entry.key} entry={entry} />
        ))}
      </ul>
      {note && <p className="legend__note">{note}</p>}
    </div>
  )
}

/**
 * The legend of the overall social index classes: a 4 × 3 table (status rows × dynamics columns)
 * whose cells give the class code, its colour and the number of areas, then the areas that have no
 * overall class (no dynamics, below the minimum population, missing values, left out).
 */
export function IndexLegend({
  title,
  entries,
  note,
}: {
  title: string
  entries: readonly CategoryEntry[]
  note?: string
}) {
  const { t } = useI18n()
  const count = useCount()
  const byKey = new Map(entries.map((entry) => [entry.key, entry]))
  const others = entries.filter(
    (entry) => !(COMBINED_ORDER as readonly string[]).includes(entry.key),
  )
  return (
    <div className="control-group legend analysis-legend" data-testid="analysis-legend">
      <h2 className="control-group__title" id="analysis-index-legend">
        {title}
      </h2>
      <table className="analysis-legend__grid" aria-labelledby="analysis-index-legend">
        <thead>
          <tr>
            <td />
            {DYNAMICS_ORDER.map((dynamics) => (
              <th key={dynamics} scope="col">
                {t(`analysis.index.dynamics.${dynamics}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {STATUS_ORDER.map((status, s) => (
            <tr key={status}>
              <th scope="row">{t(`analysis.index.status.${status}`)}</th>
              {DYNAMICS_SIGNS.map((sign) => {
                const entry = byKey.get(`${s + 1}${sign}`)
                if (!entry) return <td key={sign} />
                return (
                  <td
                    key={sign}
                    data-category={entry.key}
                    data-kind={entry.kind}
                    data-colour={entry.colour}
                    data-count={entry.count}
                    className={entry.count === 0 ? 'analysis-legend__empty' : undefined}
                  >
                    <span className="analysis-legend__cell">
                      <span
                        className="swatch"
                        style={{ background: entry.colour }}
                        aria-hidden="true"
                      />
                      <span className="analysis-legend__code">{entry.label}</span>
                    </span>
                    <span className="legend__count">{count(entry.count)}</span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="legend__list">
        {others.map((entry) => (
          <Row key={entry.key} entry={entry} />
        ))}
      </ul>
      {note && <p className="legend__note">{note}</p>}
    </div>
  )
}
