import { useId } from 'react'

import { useI18n } from '../../i18n/I18nProvider.js'
import type { IndicatorMeta } from '../types.js'
import { formatDate } from './dates.js'
import { topicName } from './topics.js'

export interface IndicatorInfoProps {
  indicator: IndicatorMeta
  /** Level of the panel's heading, to fit the page's outline (default 2). */
  headingLevel?: 2 | 3 | 4
}

/**
 * The metadata of an indicator as a described list: definition, formula (monospace), unit,
 * decimals, what higher values mean, topic, source, last change (a date in the UI's locale) and
 * the minimum case number of disclosure control.
 */
export function IndicatorInfo({ indicator, headingLevel = 2 }: IndicatorInfoProps) {
  const { t, language, format } = useI18n()
  const headingId = useId()
  const Heading = `h${headingLevel}` as const
  const name = language === 'de' ? indicator.nameDe : indicator.nameEn
  const definition = language === 'de' ? indicator.definitionDe : indicator.definitionEn
  const updated = formatDate(indicator.updatedAt, format.locale)

  return (
    <section className="indicator-info" aria-labelledby={headingId} data-testid="indicator-info">
      <Heading id={headingId} className="indicator-info__title">
        {t('controls.info.title')}: {name}
      </Heading>
      {indicator.published === false && (
        <p className="indicator-info__unpublished">{t('controls.info.unpublished')}</p>
      )}
      <dl className="indicator-info__list">
        <dt>{t('controls.info.definition')}</dt>
        <dd>{definition}</dd>
        <dt>{t('controls.info.formula')}</dt>
        <dd>
          <code className="indicator-info__formula">{indicator.formula}</code>
        </dd>
        <dt>{t('controls.info.unit')}</dt>
        <dd>{indicator.unit.trim() === '' ? t('controls.info.noUnit') : indicator.unit}</dd>
        <dt>{t('controls.info.decimals')}</dt>
        <dd>{format.integer(indicator.decimals)}</dd>
        <dt>{t('controls.info.polarity')}</dt>
        <dd>{t(`controls.info.polarity.${indicator.polarity}`)}</dd>
        <dt>{t('controls.info.topic')}</dt>
        <dd>{topicName(indicator.topic, t)}</dd>
        <dt>{t('controls.info.source')}</dt>
        <dd>{indicator.source}</dd>
        <dt>{t('controls.info.updated')}</dt>
        <dd>
          {updated === null ? (
            indicator.updatedAt
          ) : (
            <time dateTime={indicator.updatedAt}>{updated}</time>
          )}
        </dd>
        <dt>{t('controls.info.minCases')}</dt>
        <dd>
          {indicator.minCaseNumber === null
            ? t('controls.info.minCasesDefault')
            : t('controls.info.minCasesValue', { count: format.integer(indicator.minCaseNumber) })}
        </dd>
        <dt>{t('controls.info.key')}</dt>
        <dd>
          <code>{indicator.key}</code>
        </dd>
      </dl>
    </section>
  )
}
