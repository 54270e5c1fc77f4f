/** Links of the atlas downloads (`GET /api/orgs/:org/values`); pure. */

export type DownloadFormat = 'csv' | 'xlsx' | 'geojson'

export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ['csv', 'xlsx', 'geojson']

/** What a download holds: one indicator, layer and year of one organisation. */
export interface DownloadSelection {
  org: string
  indicator: string
  layer: string
  period: number
  /** CSV: `de` = ";" and decimal comma, `en` = "," and point; XLSX: language of the sheets. */
  language: 'de' | 'en'
}

/**
 * The API address of a download.
 *
 * @example downloadHref({ org: 'musterstadt', indicator: 'child_poverty', layer: 'block', period: 2024, language: 'de' }, 'csv')
 * // '/api/orgs/musterstadt/values?indicator=child_poverty&layer=block&period=2024&format=csv&locale=de'
 */
export function downloadHref(selection: DownloadSelection, format: DownloadFormat): string {
  const query = new URLSearchParams({
    indicator: selection.indicator,
    layer: selection.layer,
    period: String(selection.period),
    format,
    locale: selection.language,
  })
  return `/api/orgs/${encodeURIComponent(selection.org)}/values?${query.toString()}`
}

/**
 * The suggested file name (the server's Content-Disposition may name it differently).
 *
 * @example downloadFileName(selection, 'xlsx') // 'musterstadt-child_poverty-block-2024.xlsx'
 */
export function downloadFileName(selection: DownloadSelection, format: DownloadFormat): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '_')
  const extension = format === 'geojson' ? 'geojson' : format
  return `${safe(selection.org)}-${safe(selection.indicator)}-${safe(selection.layer)}-${selection.period}.${extension}`
}
