/**
 * The key figures of one topic as a table: the area's value against its parent and the city, the
 * difference from the city, rank, changes over one and five years, a sparkline and the status.
 */
import type { ValueRow } from '../atlas/types.js'
import { formatValue } from '../../core/charts/format.js'
import { Sparkline } from '../charts/Sparkline.js'
import { useI18n } from '../i18n/I18nProvider.js'
import type { Formatter } from '../lib/format.js'
import type { IndicatorLine } from './data.js'

/** A difference with its sign (− as a minus sign), or the symbol of an absent value. */
export function signed(format: Formatter, value: number | null | undefined, decimals: number) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  const text = format.decimal(Math.abs(value), decimals)
  if (Number(text.replace(/\D/g, '')) === 0) return `±${text}`
  return `${value < 0 ? '−' : '+'}${text}`
}

export interface IndicatorTableProps {
  caption: string
  lines: IndicatorLine[]
  hasParent: boolean
  onShowSeries: (indicator: string) => void
}

/** One topic's key figures. */
export function IndicatorTable({ caption, lines, hasParent, onShowSeries }: IndicatorTableProps) {
  const { t, format, language } = useI18n()
  const value = (row: ValueRow | undefined, decimals: number) =>
    formatValue(format, row?.value, decimals, row?.status)
  return (
    <div className="table-scroll profile__table-scroll">
      <table className="data-table profile__table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-indicator">
              {t('profile.col.indicator')}
            </th>
            <th scope="col" className="numeric">
              {t('profile.col.value')}
            </th>
            {hasParent && (
              <th scope="col" className="numeric">
                {t('profile.col.parent')}
              </th>
            )}
            <th scope="col" className="numeric">
              {t('profile.col.city')}
            </th>
            <th scope="col" className="numeric col-change">
              {t('profile.col.diffCity')}
            </th>
            <th scope="col" className="col-rank">
              {t('profile.col.rank')}
            </th>
            <th scope="col" className="numeric col-change">
              {t('profile.col.change1')}
            </th>
            <th scope="col" className="numeric col-change">
              {t('profile.col.change5')}
            </th>
            <th scope="col" className="col-trend">
              {t('profile.col.trend')}
            </th>
            <th scope="col" className="col-status">
              {t('profile.col.status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map(({ indicator, area, parent, city, series }) => {
            const name = language === 'en' ? indicator.nameEn : indicator.nameDe
            const status = area?.status ?? 'missing'
            const d = indicator.decimals
            return (
              <tr key={indicator.key} data-indicator={indicator.key} data-status={status}>
                <th scope="row">
                  <button
                    type="button"
                    className="profile__series-button"
                    onClick={() => onShowSeries(indicator.key)}
                    aria-label={t('profile.showSeries', { name })}
                  >
                    {name}
                  </button>
                  {indicator.unit && <span className="muted"> ({indicator.unit})</span>}
                </th>
                <td className="numeric" data-col="value">
                  {value(area, d)}
                </td>
                {hasParent && (
                  <td className="numeric" data-col="parent">
                    {value(parent, d)}
                  </td>
                )}
                <td className="numeric" data-col="city">
                  {value(city, d)}
                </td>
                <td className="numeric" data-col="diffCity">
                  {signed(format, area?.diffCity, d)}
                </td>
                <td data-col="rank">
                  {area?.rank ? t('profile.rank', { rank: area.rank, count: area.rankCount }) : '–'}
                </td>
                <td className="numeric" data-col="change1">
                  {signed(format, area?.change1, d)}
                </td>
                <td className="numeric" data-col="change5">
                  {signed(format, area?.change5, d)}
                </td>
                <td data-col="trend">
                  <Sparkline points={series} decimals={d} />
                </td>
                <td data-col="status">
                  {status === 'ok' ? (
                    <span className="visually-hidden">{t('profile.status.ok')}</span>
                  ) : (
                    t(`profile.status.${status}`)
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
