/**
 * A minimal, valid XLSX (Office Open XML spreadsheet) writer on fflate for open-data exports:
 * several sheets, a bold and frozen header row, column widths (given or measured), numbers as
 * numbers (optionally with a number format such as `0.0`), text as shared or inline strings, null
 * as an empty cell, and optional document properties (title, creation time).
 *
 * `platform/io/xlsx.ts` has a smaller writer for tests and round trips; this one adds what people
 * opening a download in Excel or LibreOffice expect (widths, formats, styled cells, metadata).
 *
 * Reference: ECMA-376 Part 1, SpreadsheetML (§18.3.1.99 worksheet and the order of its children,
 * §18.4 shared strings, §18.8 styles: numFmts, fonts, cellXfs) and Open Packaging Conventions
 * (Part 2: [Content_Types].xml, relationships, core properties).
 */
import { zipSync, type Zippable } from 'fflate'

import { columnLetter } from './xlsx.js'

/** A plain cell: text, a number, a boolean, or nothing (an empty cell). */
export type XlsxPlainCell = string | number | boolean | null | undefined

/** A cell with a style: bold text, or a number shown with an Excel number format like `0.0`. */
export interface XlsxStyledCell {
  value: XlsxPlainCell
  bold?: boolean
  /** An Excel number format code, e.g. `0`, `0.0`, `#,##0.00`; applies to numbers. */
  format?: string
}

export type XlsxValue = XlsxPlainCell | XlsxStyledCell

export interface XlsxColumn {
  /** Width in characters of the default font; measured from the content when omitted. */
  width?: number
  /** Number format of the column's numbers (a cell's own `format` wins). */
  format?: string
}

export interface WorkbookSheet {
  /** 1–31 characters, none of `[]:*?/\`, not starting or ending with an apostrophe. */
  name: string
  rows: readonly (readonly XlsxValue[])[]
  /** The first row is a header: bold, and frozen so it stays in view (default true). */
  header?: boolean
  columns?: readonly XlsxColumn[]
}

export interface WorkbookOptions {
  /** `shared` (default) stores each distinct text once; `inline` writes it into each cell. */
  strings?: 'shared' | 'inline'
  /** Document title (File › Properties). */
  title?: string
  /** Creation time in the document properties; omitted when not given (reproducible bytes). */
  created?: Date
}

/** Limits of the file format (Excel specifications and limits). */
const MAX_ROWS = 1_048_576
const MAX_COLUMNS = 16_384
const MAX_CELL_TEXT = 32_767
/** Widths chosen from the content stay within these bounds (characters). */
const MIN_WIDTH = 6
const MAX_WIDTH = 60

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

/**
 * Escapes text for XML 1.0 content and attributes. Characters XML 1.0 cannot carry become OOXML
 * `_xHHHH_` escapes (ST_Xstring), and a literal `_xHHHH_` in the text gets its underscore escaped
 * so a reader does not decode it.
 */
export function escapeXmlText(text: string): string {
  return (
    text
      .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => {
        return `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`
      })
      // A lone surrogate is not a character XML may carry either.
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  )
}

function isStyled(cell: XlsxValue): cell is XlsxStyledCell {
  return typeof cell === 'object' && cell !== null && 'value' in cell
}

/** Style indexes (cellXfs) by bold × number format; 0 is the default style. */
class StyleTable {
  private readonly formats = new Map<string, number>()
  private readonly xfs = new Map<string, number>([['0|', 0]])

  index(bold: boolean, format: string | undefined): number {
    const key = `${bold ? 1 : 0}|${format ?? ''}`
    let index = this.xfs.get(key)
    if (index === undefined) {
      if (format !== undefined && !this.formats.has(format)) {
        // Custom number formats start at id 164; lower ids are Excel's built-in formats.
        this.formats.set(format, 164 + this.formats.size)
      }
      index = this.xfs.size
      this.xfs.set(key, index)
    }
    return index
  }

  xml(): string {
    const numFmts = [...this.formats]
      .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXmlText(code)}"/>`)
      .join('')
    const xfs = [...this.xfs.keys()]
      .map((key) => {
        const [bold, format] = key.split('|') as [string, string]
        const numFmtId = format === '' ? 0 : this.formats.get(format)!
        const fontId = bold === '1' ? 1 : 0
        const apply = `${fontId ? ' applyFont="1"' : ''}${numFmtId ? ' applyNumberFormat="1"' : ''}`
        return `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${apply}/>`
      })
      .join('')
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      (this.formats.size > 0 ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
      '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.size}">${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    )
  }
}

/** Distinct texts in first-use order (the shared-string table). */
class StringTable {
  readonly list: string[] = []
  private readonly indexes = new Map<string, number>()
  count = 0

  index(text: string): number {
    this.count++
    let index = this.indexes.get(text)
    if (index === undefined) {
      index = this.list.length
      this.list.push(text)
      this.indexes.set(text, index)
    }
    return index
  }

  xml(): string {
    const items = this.list.map(
      (text) => `<si><t xml:space="preserve">${escapeXmlText(text)}</t></si>`,
    )
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.list.length}">${items.join('')}</sst>`
  }
}

function checkSheetNames(sheets: readonly WorkbookSheet[]): void {
  if (sheets.length === 0) throw new Error('An XLSX workbook needs at least one sheet; got none.')
  const names = new Set<string>()
  for (const sheet of sheets) {
    if (!/^[^[\]:*?/\\]{1,31}$/.test(sheet.name) || /^'|'$/.test(sheet.name)) {
      throw new Error(
        `The sheet name "${sheet.name}" is not allowed: expected 1–31 characters without [ ] : * ? / \\ and not starting or ending with an apostrophe.`,
      )
    }
    if (names.has(sheet.name.toLowerCase())) {
      throw new Error(`Two sheets are named "${sheet.name}"; sheet names must differ.`)
    }
    names.add(sheet.name.toLowerCase())
  }
}

/** The width a column needs for its longest text or number, within MIN_WIDTH…MAX_WIDTH. */
function measuredWidth(rows: readonly (readonly XlsxValue[])[], column: number): number {
  let longest = 0
  // The first thousand rows are enough to size a column; measuring all would cost time for nothing.
  for (let r = 0; r < Math.min(rows.length, 1000); r++) {
    const cell = rows[r]![column]
    const value = isStyled(cell) ? cell.value : cell
    if (value === null || value === undefined) continue
    const text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value)
    // Texts with line breaks wrap at their longest line.
    for (const line of text.split('\n')) longest = Math.max(longest, line.length)
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2))
}

function colsXml(sheet: WorkbookSheet, columnCount: number): string {
  if (columnCount === 0) return ''
  const cols: string[] = []
  for (let c = 0; c < columnCount; c++) {
    const width = sheet.columns?.[c]?.width ?? measuredWidth(sheet.rows, c)
    if (!(width > 0 && width <= 255)) {
      throw new Error(
        `Column ${columnLetter(c)} of sheet "${sheet.name}" has width ${width}; expected a number of characters from above 0 to 255.`,
      )
    }
    cols.push(`<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`)
  }
  return `<cols>${cols.join('')}</cols>`
}

function cellXml(
  cell: XlsxValue,
  ref: string,
  style: number,
  strings: StringTable | null,
  where: () => string,
): string {
  const value = isStyled(cell) ? cell.value : cell
  const s = style > 0 ? ` s="${style}"` : ''
  if (value === null || value === undefined || value === '') {
    // An empty cell is written only when it carries a style (e.g. a bold header gap).
    return style > 0 ? `<c r="${ref}"${s}/>` : ''
  }
  if (typeof value === 'number') {
    // Excel has no NaN or infinity; the error value keeps such a cell visible instead of blank.
    if (!Number.isFinite(value)) return `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`
    return `<c r="${ref}"${s}><v>${value}</v></c>`
  }
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`
  if (typeof value !== 'string') {
    throw new Error(
      `${where()} holds a value of type ${typeof value}; expected text, a number, a boolean or null.`,
    )
  }
  if (value.length > MAX_CELL_TEXT) {
    throw new Error(
      `${where()} holds ${value.length} characters; a spreadsheet cell holds at most ${MAX_CELL_TEXT}.`,
    )
  }
  if (strings) return `<c r="${ref}"${s} t="s"><v>${strings.index(value)}</v></c>`
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXmlText(value)}</t></is></c>`
}

function sheetXml(
  sheet: WorkbookSheet,
  index: number,
  styles: StyleTable,
  strings: StringTable | null,
): string {
  const header = (sheet.header ?? true) && sheet.rows.length > 0
  if (sheet.rows.length > MAX_ROWS) {
    throw new Error(
      `The sheet "${sheet.name}" has ${sheet.rows.length} rows; a spreadsheet holds at most ${MAX_ROWS}.`,
    )
  }
  const columnCount = sheet.rows.reduce((n, row) => Math.max(n, row.length), 0)
  if (columnCount > MAX_COLUMNS) {
    throw new Error(
      `The sheet "${sheet.name}" has ${columnCount} columns; a spreadsheet holds at most ${MAX_COLUMNS}.`,
    )
  }
  const selected = index === 0 ? ' tabSelected="1"' : ''
  const view = header
    ? `<sheetView${selected} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>`
    : `<sheetView${selected} workbookViewId="0"/>`
  const dimension =
    columnCount > 0 ? `A1:${columnLetter(columnCount - 1)}${Math.max(1, sheet.rows.length)}` : 'A1'
  const out: string[] = [
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    `<dimension ref="${dimension}"/>`,
    `<sheetViews>${view}</sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    colsXml(sheet, columnCount),
    '<sheetData>',
  ]
  sheet.rows.forEach((cells, r) => {
    out.push(`<row r="${r + 1}">`)
    cells.forEach((cell, c) => {
      const styled = isStyled(cell) ? cell : undefined
      const bold = styled?.bold ?? (header && r === 0)
      const value = styled ? styled.value : cell
      const format =
        typeof value === 'number' ? (styled?.format ?? sheet.columns?.[c]?.format) : undefined
      const ref = `${columnLetter(c)}${r + 1}`
      out.push(
        cellXml(cell, ref, styles.index(bold, format), strings, () => {
          return `Cell ${ref} of sheet "${sheet.name}"`
        }),
      )
    })
    out.push('</row>')
  })
  out.push('</sheetData>')
  out.push(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
  )
  out.push('</worksheet>')
  return out.join('')
}

function corePropertiesXml(options: WorkbookOptions): string {
  const title =
    options.title === undefined ? '' : `<dc:title>${escapeXmlText(options.title)}</dc:title>`
  const created =
    options.created === undefined
      ? ''
      : `<dcterms:created xsi:type="dcterms:W3CDTF">${options.created.toISOString().replace(/\.\d{3}Z$/, 'Z')}</dcterms:created>`
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `${title}<dc:creator>Planraum</dc:creator>${created}</cp:coreProperties>`
  )
}

/**
 * Writes a workbook. The first row of every sheet is a bold, frozen header unless `header: false`;
 * columns are as wide as their content (up to 60 characters) unless widths are given.
 *
 * @example
 * const bytes = writeWorkbook(
 *   [
 *     { name: 'Werte', rows: [['Gebiet', 'Wert'], ['01', 12.5], ['02', null]], columns: [{}, { format: '0.0' }] },
 *     { name: 'Metadaten', rows: [['Quelle', 'Stadt Musterstadt']], header: false },
 *   ],
 *   { title: 'Kinderarmut 2024' },
 * )
 */
export function writeWorkbook(
  sheets: readonly WorkbookSheet[],
  options: WorkbookOptions = {},
): Uint8Array {
  checkSheetNames(sheets)
  const styles = new StyleTable()
  styles.index(true, undefined) // style 1: the bold header, as in other writers' files
  const strings = options.strings === 'inline' ? null : new StringTable()
  const worksheets = sheets.map((sheet, i) => sheetXml(sheet, i, styles, strings))
  const encoder = new TextEncoder()
  const sheetPart = (i: number) => `xl/worksheets/sheet${i + 1}.xml`

  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT_SHEET}.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT_SHEET}.styles+xml"/>`,
    ...sheets.map(
      (_s, i) => `<Override PartName="/${sheetPart(i)}" ContentType="${CT_SHEET}.worksheet+xml"/>`,
    ),
    ...(strings
      ? [`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT_SHEET}.sharedStrings+xml"/>`]
      : []),
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
  ]
  const workbookRels = [
    ...sheets.map(
      (_s, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    ),
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`,
    ...(strings
      ? [
          `<Relationship Id="rId${sheets.length + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`,
        ]
      : []),
  ]
  const files: Zippable = {
    '[Content_Types].xml': encoder.encode(
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        `<Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`,
    ),
    '_rels/.rels': encoder.encode(
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '</Relationships>',
    ),
    'docProps/core.xml': encoder.encode(corePropertiesXml(options)),
    'xl/workbook.xml': encoder.encode(
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
        sheets
          .map(
            (s, i) =>
              `<sheet name="${escapeXmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
          )
          .join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': encoder.encode(
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${workbookRels.join('')}</Relationships>`,
    ),
    'xl/styles.xml': encoder.encode(styles.xml()),
  }
  worksheets.forEach((xml, i) => {
    files[sheetPart(i)] = encoder.encode(xml)
  })
  if (strings) files['xl/sharedStrings.xml'] = encoder.encode(strings.xml())
  // A fixed zip timestamp: the same workbook gives the same bytes (reproducible exports).
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2000, 0, 1)) })
}

/** The media type of XLSX files. */
export const XLSX_CONTENT_TYPE = `${CT_SHEET}.sheet`
