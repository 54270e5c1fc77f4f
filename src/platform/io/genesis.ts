/**
 * GENESIS exports: the database of the Federal Statistical Office (GENESIS-Online) and of the
 * statistical offices of the Länder (Regionaldatenbank Deutschland, regionalstatistik.de) deliver
 * tables in three CSV shapes. Each is turned into tidy records (area × period × variable → value)
 * that remember the row and column they came from.
 *
 * 1. Flat file CSV "ffcsv" (since 2024): one value per line, English column names for all languages:
 *    `statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;
 *    1_variable_attribute_code;1_variable_attribute_label;[2_… 3_…;]value;value_unit;
 *    value_variable_code;value_variable_label[;value_q]`. The area is the attribute of the regional
 *    variable (DINSG Deutschland, DLAND Länder, REGBEZ, KREISE, GEMEIN, GEO… in the Zensus database).
 *    Layout as documented by Destatis ("Das neue Flatfile CSV-Format (ffcsv) der Datenbank
 *    GENESIS-Online", examples 61111-0001, 21611-0002; github.com/wahlatlas/genesis) and seen in real
 *    downloads (Zensus 2022 table 1000A-0001: `…;GEOGM4;Gemeinden …;092760130130;Lindberg;2294;
 *    Anzahl;PRS018;Personen;e`). `;`-separated, UTF-8, decimal comma in German downloads; `value` may
 *    hold a status symbol, `value_q` a quality mark (e final, p provisional, r revised, s estimated).
 * 2. The previous flat file (until 2024): German column names `Statistik_Code;…;Zeit;1_Merkmal_Code;
 *    1_Merkmal_Label;1_Auspraegung_Code;1_Auspraegung_Label;…` and one column per value variable,
 *    `CODE__Label__Unit`, each followed by its quality column `CODE__Label__q`.
 * 3. The classic table CSV ("Werteabruf" download, e.g. Regionalstatistik 12411-01-01-4, as kept in
 *    github.com/datenguide/genesapi-data): title lines (`GENESIS-Tabelle: 12411-01-01-4`,
 *    `Bevölkerungsstand: Bevölkerung nach Geschlecht;;;;`), column header lines whose first cells are
 *    empty (`;;31.12.2015;31.12.2015;…` then `;;Insgesamt;männlich;weiblich;…`), data rows
 *    (`01001;      Flensburg, Kreisfreie Stadt;85942;42767;43175`), and after a line `__________`
 *    footnotes, the licence (`"© Statistische Ämter des Bundes und der Länder, …"`) and `Stand: …`.
 *    Regionalstatistik serves it in Windows-1252.
 */
import { FileReadError } from './limits.js'

export type GenesisFormat = 'genesis-ffcsv' | 'genesis-ffcsv-legacy' | 'genesis-table'

type Cell = string | number

interface Row {
  row: number
  cells: Cell[]
}

/** One value of a GENESIS table with the row and columns (0-based) it came from. */
export interface GenesisRecord {
  row: number
  area: string
  areaName: string
  areaColumn: number
  period: string
  periodColumn: number
  /** The value variable: `BEVSTD.GESM` in flat files (code plus attribute codes), the column label in tables. */
  variable: string
  variableColumn: number
  value: Cell
  valueColumn: number
  /** p, r or s from the quality column, when the file has one. */
  status: string | null
}

/** What the file says about itself, filled in while it is read. */
export interface GenesisInfo {
  format: GenesisFormat
  /** Table code such as `12411-01-01-4`. */
  table: string | null
  title: string[]
  /** Footnotes, licence and `Stand:` lines after the data. */
  footer: string[]
  /** Column names (header row for flat files; combined header lines for tables). */
  columns: string[]
}

const text = (cell: Cell | undefined): string => (cell === undefined ? '' : String(cell).trim())

/**
 * Recognises a GENESIS export from its first row.
 *
 * @example
 * detectGenesisFormat(['statistics_code', 'statistics_label', …]) // 'genesis-ffcsv'
 * detectGenesisFormat(['GENESIS-Tabelle: 12411-01-01-4'])         // 'genesis-table'
 */
export function detectGenesisFormat(firstRow: readonly Cell[]): GenesisFormat | null {
  const first = text(firstRow[0]).replace(/^\ufeff/, '')
  if (first === 'statistics_code' && firstRow.some((c) => text(c) === 'value')) {
    return 'genesis-ffcsv'
  }
  if (first === 'Statistik_Code' && firstRow.some((c) => text(c) === 'Zeit')) {
    return 'genesis-ffcsv-legacy'
  }
  if (/^(GENESIS-)?Tabelle:\s*\S+/.test(first)) return 'genesis-table'
  return null
}

/**
 * Variable codes of regional dimensions. Destatis: DINSG (Deutschland insgesamt), DLAND (Länder),
 * REGBEZ (Regierungsbezirke), KREISE (Kreise und kreisfreie Städte), GEMEIN (Gemeinden); the
 * Zensus 2022 database: GEOBL1, GEOKR3, GEOGM4 and the like.
 */
export const REGIONAL_VARIABLE = /^(DINSG|DLAND|REGBEZ|KREISE|GEMEIN|GVBAND|GEO[A-Z]{2}\d*)$/

/** Reads the records of a GENESIS export; `info` is complete once the records are consumed. */
export function readGenesis(
  rows: AsyncIterable<Row>,
  format: GenesisFormat,
  options: { areaDimension?: string | undefined } = {},
): { info: GenesisInfo; records: AsyncGenerator<GenesisRecord> } {
  const info: GenesisInfo = { format, table: null, title: [], footer: [], columns: [] }
  const records =
    format === 'genesis-table'
      ? tableRecords(rows, info)
      : flatRecords(rows, info, format, options.areaDimension)
  return { info, records }
}

interface Dimension {
  code: number
  attribute: number
  label: number
}

async function* flatRecords(
  rows: AsyncIterable<Row>,
  info: GenesisInfo,
  format: 'genesis-ffcsv' | 'genesis-ffcsv-legacy',
  areaDimension: string | undefined,
): AsyncGenerator<GenesisRecord> {
  const legacy = format === 'genesis-ffcsv-legacy'
  let header: string[] | null = null
  const dims: Dimension[] = []
  let time = -1
  let values: { column: number; code: string; quality: number }[] = []
  let valueCode = -1
  for await (const { row, cells } of rows) {
    if (header === null) {
      header = cells.map(text)
      header[0] = header[0]!.replace(/^\ufeff/, '')
      info.columns = header
      const find = (name: string) => header!.indexOf(name)
      time = find(legacy ? 'Zeit' : 'time')
      for (let n = 1; ; n++) {
        const code = find(legacy ? `${n}_Merkmal_Code` : `${n}_variable_code`)
        if (code < 0) break
        dims.push({
          code,
          attribute: find(legacy ? `${n}_Auspraegung_Code` : `${n}_variable_attribute_code`),
          label: find(legacy ? `${n}_Auspraegung_Label` : `${n}_variable_attribute_label`),
        })
      }
      if (legacy) {
        const last = Math.max(time, ...dims.map((d) => Math.max(d.code, d.attribute, d.label)))
        header.forEach((name, column) => {
          if (column <= last || name.endsWith('__q') || !name.includes('__')) return
          const code = name.split('__')[0]!
          const quality = header!.findIndex(
            (q, i) => i > column && q.startsWith(`${code}__`) && q.endsWith('__q'),
          )
          values.push({ column, code, quality })
        })
      } else {
        const value = find('value')
        valueCode = find('value_variable_code')
        if (value >= 0) values = [{ column: value, code: '', quality: find('value_q') }]
      }
      const missing = [
        time < 0 ? (legacy ? 'Zeit' : 'time') : null,
        dims.length === 0 || dims.some((d) => d.attribute < 0)
          ? legacy
            ? '1_Auspraegung_Code'
            : '1_variable_attribute_code'
          : null,
        values.length === 0 ? (legacy ? 'CODE__Label__Einheit' : 'value') : null,
        !legacy && valueCode < 0 ? 'value_variable_code' : null,
      ].filter((m) => m !== null)
      if (missing.length > 0) {
        throw new FileReadError(
          'INVALID_FILE',
          `The GENESIS flat file lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in its header (row ${row}).`,
          { row },
        )
      }
      continue
    }
    if (cells.every((c) => text(c) === '')) continue
    if (info.table === null) info.table = text(cells[0]) || null
    const regional = dims.find((d) =>
      areaDimension === undefined
        ? REGIONAL_VARIABLE.test(text(cells[d.code]))
        : text(cells[d.code]) === areaDimension,
    )
    if (!regional) {
      throw new FileReadError(
        'INVALID_FILE',
        `Row ${row} has no regional variable: expected one of the ${legacy ? 'N_Merkmal_Code' : 'N_variable_code'} columns to hold ${areaDimension ?? 'DINSG, DLAND, REGBEZ, KREISE, GEMEIN or GEO…'}; found ${dims.map((d) => text(cells[d.code]) || '(empty)').join(', ')}.`,
        { row },
      )
    }
    const attributes = dims
      .filter((d) => d !== regional)
      .map((d) => text(cells[d.attribute]))
      .filter((a) => a !== '')
    for (const value of values) {
      const code = legacy ? value.code : text(cells[valueCode])
      const quality = value.quality >= 0 ? text(cells[value.quality]) : ''
      yield {
        row,
        area: text(cells[regional.attribute]),
        areaName: regional.label >= 0 ? text(cells[regional.label]) : '',
        areaColumn: regional.attribute,
        period: text(cells[time]),
        periodColumn: time,
        variable: [code, ...attributes].join('.'),
        variableColumn: legacy ? value.column : valueCode,
        value: cells[value.column] ?? '',
        valueColumn: value.column,
        status: quality === 'p' || quality === 'r' || quality === 's' ? quality : null,
      }
    }
  }
}

const PERIOD_CELL = /^(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}(-\d{2}-\d{2})?)$/
const FOOTER = /^(_{5,}|©|"©|Stand:)/

async function* tableRecords(
  rows: AsyncIterable<Row>,
  info: GenesisInfo,
): AsyncGenerator<GenesisRecord> {
  let phase: 'title' | 'header' | 'data' | 'footer' = 'title'
  const headerLines: string[][] = []
  let leading = 0
  let columns: { period: string; label: string }[] = []
  let periodLine = -1
  for await (const { row, cells } of rows) {
    const strings = cells.map(text)
    const first = strings[0] ?? ''
    const rest = strings.slice(1).some((c) => c !== '')
    if (phase === 'footer' || (phase === 'data' && FOOTER.test(first))) {
      phase = 'footer'
      const line = strings.filter((c) => c !== '').join(' ')
      if (line !== '') info.footer.push(line)
      continue
    }
    if (phase === 'title') {
      if (first !== '' && !rest) {
        info.title.push(first)
        info.table ??= /Tabelle:\s*(\S+)/.exec(first)?.[1] ?? null
        continue
      }
      if (first === '' && !rest) continue
      phase = first === '' ? 'header' : 'data'
    }
    if (phase === 'header') {
      if (first === '') {
        if (rest) headerLines.push(strings)
        continue
      }
      // The first data row: settle the columns from the header lines above it.
      phase = 'data'
      leading = Math.min(
        ...headerLines.map((h) => h.findIndex((c) => c !== '')).filter((i) => i > 0),
      )
      if (!Number.isFinite(leading)) leading = 1
      const width = Math.max(strings.length, ...headerLines.map((h) => h.length))
      const filled = headerLines.map((line) => {
        const out: string[] = []
        let carry = ''
        for (let c = leading; c < width; c++) {
          carry = line[c] || carry // merged header cells are left empty after their first column
          out[c] = carry
        }
        return out
      })
      periodLine = filled.findIndex(
        (line) =>
          line.slice(leading).some((c) => c !== '') &&
          line.slice(leading).every((c) => c === '' || PERIOD_CELL.test(c)),
      )
      columns = []
      for (let c = 0; c < width; c++) {
        if (c < leading) {
          columns[c] = { period: '', label: '' }
          continue
        }
        const labels = filled
          .filter((_line, i) => periodLine < 0 || i > periodLine)
          .map((line) => line[c]!)
          .filter((l) => l !== '')
        columns[c] = {
          period: periodLine >= 0 ? filled[periodLine]![c]! : '',
          label: labels.join(' | '),
        }
      }
      info.columns = columns.map((col, c) =>
        c < leading
          ? c === 0
            ? 'Schlüssel'
            : c === 1
              ? 'Name'
              : `Merkmal ${c}`
          : [col.period, col.label].filter(Boolean).join(' '),
      )
    }
    if (phase === 'data') {
      if (first === '') continue
      if (columns.length === 0) {
        throw new FileReadError(
          'INVALID_FILE',
          `Row ${row} holds data, but no column header lines (starting with an empty cell, like ";;31.12.2018;…") came before it.`,
          { row },
        )
      }
      // Further leading cells (beyond key and name) describe the row: age group, sex, …
      const rowLabels = strings.slice(2, leading).filter((c) => c !== '')
      for (let c = leading; c < columns.length; c++) {
        const value = cells[c] ?? ''
        if (text(value) === '') continue
        const column = columns[c]!
        yield {
          row,
          area: first,
          areaName: leading > 1 ? (strings[1] ?? '') : '',
          areaColumn: 0,
          period: column.period,
          periodColumn: c,
          variable: [...rowLabels, column.label].filter(Boolean).join(' | '),
          variableColumn: c,
          value,
          valueColumn: c,
          status: null,
        }
      }
    }
  }
}
