import { useId } from 'react'

import type { MessageKey } from '../../i18n/index.js'
import { useI18n } from '../../i18n/I18nProvider.js'
import {
  DOWNLOAD_FORMATS,
  downloadFileName,
  downloadHref,
  type DownloadSelection,
} from './downloads.js'

export interface DownloadsProps extends DownloadSelection {
  /** Exports the map as PNG; without it the button is not shown (the map provides it). */
  onPng?: () => void
  /** Exports the map as SVG; without it the button is not shown. */
  onSvg?: () => void
  /** Level of the heading (default 2). */
  headingLevel?: 2 | 3 | 4
}

const LABEL: Record<'csv' | 'xlsx' | 'geojson' | 'png' | 'svg', [MessageKey, MessageKey]> = {
  csv: ['controls.download.csv', 'controls.download.csvDetail'],
  xlsx: ['controls.download.xlsx', 'controls.download.xlsxDetail'],
  geojson: ['controls.download.geojson', 'controls.download.geojsonDetail'],
  png: ['controls.download.png', 'controls.download.pngDetail'],
  svg: ['controls.download.svg', 'controls.download.svgDetail'],
}

/**
 * Downloads of what the atlas shows: CSV, XLSX and GeoJSON links to the values API (with
 * `download`, so the browser saves instead of navigating; the session cookie goes along, so staff
 * get their internal values), and buttons for the map as PNG and SVG when the map provides them.
 * Each entry names its file type in text.
 */
export function Downloads({ onPng, onSvg, headingLevel = 2, ...selection }: DownloadsProps) {
  const { t } = useI18n()
  const headingId = useId()
  const Heading = `h${headingLevel}` as const
  const label = (key: keyof typeof LABEL) => (
    <>
      <span className="downloads__type">{t(LABEL[key][0])}</span>{' '}
      <span className="downloads__detail">({t(LABEL[key][1])})</span>
    </>
  )
  return (
    <section className="downloads" aria-labelledby={headingId} data-testid="downloads">
      <Heading id={headingId} className="downloads__title">
        {t('controls.download.title')}
      </Heading>
      <p className="atlas-field__hint">{t('controls.download.note', { year: selection.period })}</p>
      <ul className="downloads__list">
        {DOWNLOAD_FORMATS.map((format) => (
          <li key={format}>
            <a
              href={downloadHref(selection, format)}
              download={downloadFileName(selection, format)}
              data-format={format}
            >
              {label(format)}
            </a>
          </li>
        ))}
        {onPng && (
          <li>
            <button type="button" className="atlas-link-button" onClick={onPng} data-format="png">
              {label('png')}
            </button>
          </li>
        )}
        {onSvg && (
          <li>
            <button type="button" className="atlas-link-button" onClick={onSvg} data-format="svg">
              {label('svg')}
            </button>
          </li>
        )}
      </ul>
    </section>
  )
}
