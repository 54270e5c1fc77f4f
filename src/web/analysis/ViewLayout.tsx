/**
 * The frame every analysis view shares: controls on the left, map with legend and key figures on
 * the right, then the method's explanation and the tables. In embed mode only map, legend and key
 * figures remain.
 */
import type { ReactNode } from 'react'

import { useI18n } from '../i18n/I18nProvider.js'
import type { AtlasMapView } from '../atlas/map/AtlasMap.js'
import type { AreaCollection, Layer } from '../http/types.js'
import type { IndicatorMeta } from '../atlas/types.js'
import type { AsyncResult } from '../hooks/useAsync.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import type { AnalysisState } from './state.js'

/** What the page hands each view. */
export interface ViewContext {
  slug: string
  state: AnalysisState
  update: (patch: Partial<AnalysisState>, history?: 'auto' | 'replace') => void
  layer: Layer
  period: number
  periods: readonly number[]
  indicators: readonly IndicatorMeta[]
  geometry: AreaCollection | null
  /** Layer and year selects, placed first among the view's controls. */
  commonControls: ReactNode
  embed: boolean
  layerName: string
}

export type MapViewAttributes = AtlasMapView

export function ViewLayout({
  embed,
  controls,
  status,
  map,
  legend,
  figures,
  method,
  tables,
}: {
  embed: boolean
  controls: ReactNode
  status?: ReactNode
  map: ReactNode
  legend: ReactNode
  figures?: ReactNode
  method: ReactNode
  tables?: ReactNode
}) {
  const { t } = useI18n()
  if (embed) {
    return (
      <div className="analysis-embed">
        <div className="analysis-embed__map">
          {status}
          {map}
        </div>
        <div className="analysis-embed__side">
          {legend}
          {figures}
        </div>
      </div>
    )
  }
  return (
    <>
      <div className="atlas analysis-layout">
        <div className="atlas__controls" data-testid="analysis-controls">
          {controls}
        </div>
        <div className="atlas__map">
          {status}
          {map}
          <p className="hint">{t('analysis.map.hint')}</p>
          <div className="analysis-layout__below">
            {legend}
            {figures}
          </div>
        </div>
      </div>
      {method}
      {tables}
    </>
  )
}

/**
 * A method's explanation: what it does, which parameters it was run with, and where the full
 * description is (docs/analysis.md, named as text: the page links nowhere outside the app).
 */
export function MethodNote({
  title,
  paragraphs,
  parameters,
  section,
}: {
  title: string
  paragraphs: readonly string[]
  parameters: readonly [string, string][]
  section: string
}) {
  const { t } = useI18n()
  return (
    <section className="section analysis-method" aria-labelledby="analysis-method-title">
      <h2 id="analysis-method-title">{title}</h2>
      {paragraphs.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {parameters.length > 0 && (
        <>
          <h3>{t('analysis.method.parameters')}</h3>
          <dl className="analysis-figures">
            {parameters.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <p className="muted">{t('analysis.method.docs', { section })}</p>
    </section>
  )
}

/** Key figures beside the map (e.g. Moran's I with z and p), as a description list. */
export function KeyFigures({
  title,
  figures,
  testId,
  note,
}: {
  title: string
  figures: readonly [string, string][]
  testId: string
  note?: string
}) {
  return (
    <div className="control-group analysis-key-figures" data-testid={testId}>
      <h2 className="control-group__title">{title}</h2>
      <dl className="analysis-figures">
        {figures.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {note && <p className="legend__note">{note}</p>}
    </div>
  )
}

/** The state of a view's request to the analysis API: a loading note, or the error with a retry. */
export function MethodStatus({ data }: { data: AsyncResult<unknown> }) {
  const { t } = useI18n()
  if (data.status === 'loading') return <Loading label={t('analysis.loading.method')} />
  if (data.status === 'error') {
    return (
      <ErrorMessage title={t('analysis.error.method')} error={data.error} onRetry={data.retry} />
    )
  }
  return null
}
