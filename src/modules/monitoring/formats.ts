/**
 * Open-data formats of indicator values: CSV, XLSX, GeoJSON and JSON-stat 2.0, and the compact
 * columns the web atlas draws its map from.
 * Suppressed values appear as the official symbol "." (DESIGN.md §5), never as a number.
 */
import type { FeatureCollection, MultiPolygon } from '../../core/geo/geojson.js'
import { writeWorkbook, type XlsxValue } from '../../platform/io/xlsxWriter.js'
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

/** What the metadata sheet of an XLSX export says about its values. */
export interface XlsxExportMeta {
  /** e.g. "Musterstadt: Kennzahlen 2024". */
  title: string
  /** The organisation the data come from. */
  source: string
  /** When the values were computed (ISO 8601). */
  computedAt: string
  exportedAt: Date
  /** The indicators of the export (others are ignored). */
  indicators: readonly IndicatorRow[]
  /** The organisation's minimum case number, where an indicator has none of its own. */
  minCaseNumber: number
  /** Exact values for staff: the sheet is marked internal. */
  internal: boolean
  language: 'de' | 'en'
}

const XLSX_TEXT = {
  de: {
    values: 'Werte',
    metadata: 'Metadaten',
    title: 'Titel',
    source: 'Quelle',
    computedAt: 'Datenstand (berechnet)',
    exportedAt: 'Exportiert am',
    audience: 'Sichtbarkeit',
    internal: 'INTERN – exakte Werte, nicht zur Veröffentlichung',
    public: 'Öffentlich – mit statistischer Geheimhaltung',
    disclosure: 'Geheimhaltung',
    disclosureNote:
      'Werte mit dem Zeichen "." sind aus Gründen der statistischen Geheimhaltung unterdrückt: Fallzahlen unter der Mindestfallzahl und Werte, aus denen sie sich zurückrechnen ließen. Leere Zellen: keine Daten.',
    indicators: 'Kennzahlen',
    columns: 'Spalten',
    column: 'Spalte',
    meaning: 'Bedeutung',
    head: [
      'Schlüssel',
      'Name',
      'Definition',
      'Formel',
      'Einheit',
      'Nachkommastellen',
      'Polarität',
      'Thema',
      'Quelle',
      'Mindestfallzahl',
      'Stand',
    ],
    polarity: {
      higher_is_better: 'höher ist besser',
      higher_is_worse: 'höher ist schlechter',
      neutral: 'neutral',
    },
  },
  en: {
    values: 'Values',
    metadata: 'Metadata',
    title: 'Title',
    source: 'Source',
    computedAt: 'Data as of (computed)',
    exportedAt: 'Exported at',
    audience: 'Visibility',
    internal: 'INTERNAL – exact values, not for publication',
    public: 'Public – with statistical disclosure control',
    disclosure: 'Disclosure control',
    disclosureNote:
      'Values shown as "." are suppressed for statistical confidentiality: counts below the minimum case number and values from which they could be recovered. Empty cells: no data.',
    indicators: 'Indicators',
    columns: 'Columns',
    column: 'Column',
    meaning: 'Meaning',
    head: [
      'Key',
      'Name',
      'Definition',
      'Formula',
      'Unit',
      'Decimals',
      'Polarity',
      'Topic',
      'Source',
      'Minimum case number',
      'Updated',
    ],
    polarity: {
      higher_is_better: 'higher is better',
      higher_is_worse: 'higher is worse',
      neutral: 'neutral',
    },
  },
} as const

const COLUMN_MEANING: Record<(typeof VALUE_COLUMNS)[number], { de: string; en: string }> = {
  indicator: { de: 'Schlüssel der Kennzahl', en: 'Indicator key' },
  layer: { de: 'Raumebene', en: 'Area layer' },
  areaCode: { de: 'Gebietsschlüssel', en: 'Area code' },
  areaName: { de: 'Gebietsname', en: 'Area name' },
  parentCode: { de: 'Schlüssel des übergeordneten Gebiets', en: 'Code of the parent area' },
  period: { de: 'Jahr', en: 'Year' },
  value: { de: 'Wert der Kennzahl', en: 'Indicator value' },
  numerator: { de: 'Zähler', en: 'Numerator' },
  denominator: { de: 'Nenner', en: 'Denominator' },
  change1: { de: 'Veränderung zum Vorjahr (absolut)', en: 'Change over 1 year (absolute)' },
  change1Percent: { de: 'Veränderung zum Vorjahr in %', en: 'Change over 1 year in %' },
  change3: { de: 'Veränderung über 3 Jahre (absolut)', en: 'Change over 3 years (absolute)' },
  change3Percent: { de: 'Veränderung über 3 Jahre in %', en: 'Change over 3 years in %' },
  change5: { de: 'Veränderung über 5 Jahre (absolut)', en: 'Change over 5 years (absolute)' },
  change5Percent: { de: 'Veränderung über 5 Jahre in %', en: 'Change over 5 years in %' },
  diffParent: {
    de: 'Abstand zum übergeordneten Gebiet',
    en: 'Difference from the parent area',
  },
  diffCity: { de: 'Abstand zur Gesamtstadt', en: 'Difference from the whole city' },
  rank: {
    de: 'Rang innerhalb der Raumebene (1 = höchster Wert)',
    en: 'Rank within the layer (1 = highest value)',
  },
  rankCount: { de: 'Anzahl der Gebiete mit Rang', en: 'Number of ranked areas' },
  z: { de: 'z-Wert (standardisiert)', en: 'z-score (standardised)' },
  status: {
    de: 'ok, suppressed (geheim, ".") oder missing (keine Daten)',
    en: 'ok, suppressed (confidential, ".") or missing (no data)',
  },
}

/** An Excel number format with `decimals` fraction digits, e.g. 1 → `0.0`. */
function numberFormat(decimals: number): string {
  const digits = Math.max(0, Math.min(10, Math.round(decimals)))
  return digits === 0 ? '0' : `0.${'0'.repeat(digits)}`
}

/** The number format of a value column, given the indicator's decimals (General where none fits). */
function columnFormat(column: string, decimals: number): string | undefined {
  if (['value', 'change1', 'change3', 'change5', 'diffParent', 'diffCity'].includes(column)) {
    return numberFormat(decimals)
  }
  if (column.endsWith('Percent')) return '0.0'
  if (column === 'z') return '0.00'
  return undefined
}

/**
 * An XLSX workbook of indicator values: the sheet "Werte"/"Values" with the columns of the CSV
 * (numbers as numbers shown with the indicator's decimals, "." where suppressed, empty where
 * missing) and "Metadaten"/"Metadata" with the indicator definitions, source, disclosure note and
 * export time.
 *
 * @example toXlsx(rows, { title: 'Musterstadt: Kennzahlen 2024', source: 'Musterstadt', … })
 */
export function toXlsx(rows: readonly ValueRow[], meta: XlsxExportMeta): Uint8Array {
  const text = XLSX_TEXT[meta.language]
  const byKey = new Map(meta.indicators.map((i) => [i.key, i]))
  const cell = (row: ValueRow, column: (typeof VALUE_COLUMNS)[number]): XlsxValue => {
    const value = row[column]
    if (value === null) return NUMERIC.has(column) && row.status === 'suppressed' ? '.' : null
    if (typeof value !== 'number') return value
    const format = columnFormat(column, byKey.get(row.indicator)?.decimals ?? 1)
    return format === undefined ? value : { value, format }
  }
  const values = [
    [...VALUE_COLUMNS],
    ...rows.map((row) => VALUE_COLUMNS.map((column) => cell(row, column))),
  ]

  const used = [...new Set(rows.map((r) => r.indicator))]
    .map((key) => byKey.get(key))
    .filter((i): i is IndicatorRow => i !== undefined)
  const bold = (value: string): XlsxValue => ({ value, bold: true })
  const metadata: XlsxValue[][] = [
    [bold(text.title), meta.title],
    [bold(text.source), meta.source],
    [bold(text.computedAt), meta.computedAt],
    [bold(text.exportedAt), meta.exportedAt.toISOString()],
    [bold(text.audience), meta.internal ? text.internal : text.public],
    [bold(text.disclosure), text.disclosureNote],
    [],
    [bold(text.indicators)],
    text.head.map(bold),
    ...used.map((i) => [
      i.key,
      meta.language === 'de' ? i.nameDe : i.nameEn,
      meta.language === 'de' ? i.definitionDe : i.definitionEn,
      i.formula,
      i.unit,
      i.decimals,
      text.polarity[i.polarity],
      i.topic,
      i.source,
      i.minCaseNumber ?? meta.minCaseNumber,
      i.updatedAt,
    ]),
    [],
    [bold(text.columns)],
    [bold(text.column), bold(text.meaning)],
    ...VALUE_COLUMNS.map((column) => [column, COLUMN_MEANING[column][meta.language]]),
  ]
  return writeWorkbook(
    [
      { name: text.values, rows: values },
      {
        name: text.metadata,
        rows: metadata,
        header: false,
        // Long texts (definitions, notes) would make the measured columns unreadably wide.
        columns: [{ width: 24 }, { width: 40 }, { width: 60 }, { width: 40 }],
      },
    ],
    { title: meta.title, created: meta.exportedAt },
  )
}

/**
 * One indicator × layer × year as columns: what the atlas map, legend and tooltip need and no
 * more. A national layer has ~11,000 areas; as JSON rows (~400 bytes each, 21 members) that is
 * ~4 MB per indicator, as columns ~0.5 MB, so switching the indicator is quick. `status` holds
 * one letter per area: `o` ok, `s` suppressed (disclosure control), `m` missing.
 */
export interface ValueColumns {
  indicator: string
  layer: string
  period: number
  areaCodes: string[]
  value: (number | null)[]
  diffCity: (number | null)[]
  status: string
}

/** The status letters of {@link ValueColumns}. */
export const STATUS_LETTERS = { ok: 'o', suppressed: 's', missing: 'm' } as const
