/**
 * Open-data formats of indicator values: CSV, GeoJSON and JSON-stat 2.0 (XLSX in xlsx export).
 * Suppressed values appear as the official symbol "." (DESIGN.md §5), never as a number.
 */
import type { FeatureCollection, MultiPolygon } from '../../core/geo/geojson.js'
import type { IndicatorRow } from './indicators.js'
import type { ValueRow } from './values.js'

export const VALUE_COLUMNS = [
  'indicator',
  'layer',
  'areaCode',
  'areaName',
  'parentCode',
  'period',
  'value',
  'numerator',
  'denominator',
  'change1',
  'change1Percent',
  'change3',
  'change3Percent',
  'change5',
  'change5Percent',
  'diffParent',
  'diffCity',
  'rank',
  'rankCount',
  'z',
  'status',
] as const satisfies readonly (keyof ValueRow)[]

const NUMERIC = new Set<string>(
  VALUE_COLUMNS.filter(
    (c) => !['indicator', 'layer', 'areaCode', 'areaName', 'parentCode', 'status'].includes(c),
  ),
)

/**
 * CSV with a header row. `locale: 'de'` gives `;` and decimal commas (for German spreadsheet
 * software), `en` gives `,` and decimal points. A UTF-8 byte order mark lets Excel detect UTF-8.
 *
 * @example toCsv(rows, { locale: 'de' }) // "\uFEFFindicator;layer;…\r\nchild_poverty;sozialraum;…"
 */
export function toCsv(rows: readonly ValueRow[], options: { locale: 'de' | 'en' }): string {
  const separator = options.locale === 'de' ? ';' : ','
  const quote = (text: string) =>
    /[";,\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  const cell = (row: ValueRow, column: (typeof VALUE_COLUMNS)[number]) => {
    const value = row[column]
    if (value === null) {
      return NUMERIC.has(column) && row.status === 'suppressed' ? '.' : ''
    }
    if (typeof value === 'number') {
      const text = String(Math.round(value * 1e6) / 1e6)
      return options.locale === 'de' ? text.replace('.', ',') : text
    }
    return quote(String(value))
  }
  const lines = [VALUE_COLUMNS.join(separator)]
  for (const row of rows) lines.push(VALUE_COLUMNS.map((c) => cell(row, c)).join(separator))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/**
 * JSON-stat 2.0 dataset (https://json-stat.org/format/) with the dimensions indicator × area ×
 * period; suppressed cells are null with the status ".", missing ones null without status.
 */
export function toJsonStat(
  rows: readonly ValueRow[],
  meta: {
    label: string
    source: string
    updated: string
    indicators: readonly IndicatorRow[]
    language: 'de' | 'en'
  },
): Record<string, unknown> {
  const indicatorKeys = [...new Set(rows.map((r) => r.indicator))]
  const areaKeys = [...new Set(rows.map((r) => `${r.layer}:${r.areaCode}`))]
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => a - b)
  const areaLabel = new Map(rows.map((r) => [`${r.layer}:${r.areaCode}`, r.areaName]))
  const byKey = new Map(meta.indicators.map((i) => [i.key, i]))
  const size = [indicatorKeys.length, areaKeys.length, periods.length]
  const value: (number | null)[] = new Array(size[0]! * size[1]! * size[2]!).fill(null)
  const status: Record<string, string> = {}
  const ii = new Map(indicatorKeys.map((k, i) => [k, i]))
  const ai = new Map(areaKeys.map((k, i) => [k, i]))
  const pi = new Map(periods.map((p, i) => [p, i]))
  for (const row of rows) {
    const index =
      (ii.get(row.indicator)! * size[1]! + ai.get(`${row.layer}:${row.areaCode}`)!) * size[2]! +
      pi.get(row.period)!
    value[index] = row.value
    if (row.status === 'suppressed') status[String(index)] = '.'
  }
  const de = meta.language === 'de'
  return {
    version: '2.0',
    class: 'dataset',
    label: meta.label,
    source: meta.source,
    updated: meta.updated,
    id: ['indicator', 'area', 'period'],
    size,
    role: { metric: ['indicator'], geo: ['area'], time: ['period'] },
    dimension: {
      indicator: {
        label: de ? 'Kennzahl' : 'Indicator',
        category: {
          index: indicatorKeys,
          label: Object.fromEntries(
            indicatorKeys.map((k) => [k, (de ? byKey.get(k)?.nameDe : byKey.get(k)?.nameEn) ?? k]),
          ),
          unit: Object.fromEntries(
            indicatorKeys.map((k) => [
              k,
              { label: byKey.get(k)?.unit ?? '', decimals: byKey.get(k)?.decimals ?? 1 },
            ]),
          ),
        },
      },
      area: {
        label: de ? 'Gebiet' : 'Area',
        category: {
          index: areaKeys,
          label: Object.fromEntries(areaKeys.map((k) => [k, areaLabel.get(k)!])),
        },
      },
      period: {
        label: de ? 'Jahr' : 'Year',
        category: { index: periods.map(String) },
      },
    },
    value,
    ...(Object.keys(status).length > 0 ? { status } : {}),
    note: [
      de
        ? 'Werte mit Status "." sind aus Gründen der Geheimhaltung unterdrückt.'
        : 'Values with status "." are suppressed for statistical confidentiality.',
    ],
  }
}

/**
 * The areas of a layer with the values of one year as GeoJSON properties:
 * `<indicator>` (null when suppressed or missing) and `<indicator>_status`.
 */
export function toGeoJson(
  rows: readonly ValueRow[],
  areas: FeatureCollection<MultiPolygon, { code: string; name: string }>,
): FeatureCollection<MultiPolygon, Record<string, unknown>> {
  const byArea = new Map<string, ValueRow[]>()
  for (const row of rows) {
    const list = byArea.get(row.areaCode) ?? []
    list.push(row)
    byArea.set(row.areaCode, list)
  }
  return {
    type: 'FeatureCollection',
    features: areas.features.map((feature) => {
      const properties: Record<string, unknown> = { ...feature.properties }
      for (const row of byArea.get(feature.properties.code) ?? []) {
        properties[row.indicator] = row.value
        properties[`${row.indicator}_status`] = row.status
      }
      return { ...feature, properties }
    }),
  }
}
