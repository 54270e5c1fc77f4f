/**
 * A small DOCX (Office Open XML WordprocessingML) writer on fflate, for social reports that
 * planners open and edit in Word or LibreOffice: a title, headings with the built-in Heading 1–3
 * styles (so Word's table of contents and navigation pane work), paragraphs with bold and italic
 * runs, bulleted lists, real tables (header row repeated on every page, fixed column widths,
 * right-aligned number columns), PNG images (optionally with an SVG that Word 2016+ prefers),
 * page breaks, a table-of-contents field, a header with an optional „INTERN“ marking and a footer
 * with „Seite X von Y“ on every page, document properties and the document language.
 *
 * Also a reader for what tests and round trips need: `readDocxTables` gives the text of every
 * table, `parseXml` is a strict, namespace-aware XML well-formedness check.
 *
 * The bytes are reproducible: same document → same file (fixed zip timestamps; the creation time
 * is written only when given).
 *
 * Reference: ECMA-376 5th edition Part 1 (WordprocessingML §17: document §17.2, paragraphs §17.3.1,
 * runs §17.3.2, tables §17.4, numbering §17.9, styles §17.7, fields PAGE/NUMPAGES/TOC §17.16,
 * sections §17.6; DrawingML pictures §20.2 and §20.4) and Part 2 (Open Packaging Conventions:
 * content types, relationships, core properties). The SVG extension is Microsoft's
 * [MS-ODRAWXML] 2.3.7 `asvg:svgBlip`, ext uri {96DAC541-7B7A-43D3-8B79-37D633B846F1}.
 */
import { zipSync, type Zippable } from 'fflate'

import { readZip } from './zip.js'

// ---------------------------------------------------------------------------------------------
// The document model

/** A piece of running text: plain, or with bold/italic. */
export type DocxRun = string | { text: string; bold?: boolean; italic?: boolean }

/** Paragraph content: one string or runs. A `\n` in the text becomes a line break. */
export type DocxText = string | readonly DocxRun[]

/** A table column: width in millimetres (shares of the text width when omitted) and alignment. */
export interface DocxColumn {
  /** Width in mm; columns without one share what is left of the text width equally. */
  widthMm?: number
  /** `right` for numbers. Default `left`. */
  align?: 'left' | 'center' | 'right'
}

export type DocxBlock =
  /** The document title (style Title). */
  | { type: 'title'; text: string }
  /** Headings in the built-in styles Heading 1–3 (outline levels 1–3). */
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: DocxText; align?: 'left' | 'center' | 'right' | 'justify' }
  /** A bulleted list, one paragraph per item. */
  | { type: 'list'; items: readonly DocxText[] }
  /**
   * A table with a header row that repeats on every page. `caption` goes above it (style
   * Caption). Cells are text as it should appear (numbers already formatted).
   */
  | {
      type: 'table'
      columns: readonly DocxColumn[]
      header: readonly string[]
      rows: readonly (readonly string[])[]
      caption?: string
    }
  /**
   * A PNG picture, at most the text width wide; `svg` (the same picture as SVG markup) is added
   * for Word 2016+, which shows it instead of the PNG. `alt` is the alternative text.
   */
  | {
      type: 'image'
      png: Uint8Array
      alt: string
      svg?: string
      widthMm?: number
      caption?: string
    }
  | { type: 'pageBreak' }
  /** A table-of-contents field over Heading 1–3; Word fills it when the file is opened. */
  | { type: 'toc'; title?: string }

export interface DocxDocument {
  /** Title in the document properties (and in the running header unless `headerText` is given). */
  title: string
  author?: string
  /** Creation time in the properties; omitted when not given (reproducible bytes). */
  created?: Date
  /** Language of the text and of the footer („Seite X von Y“ / "Page X of Y"). Default `de`. */
  language?: 'de' | 'en'
  /** Marks every page as internal („INTERN“ / "INTERNAL") in the header. */
  internal?: boolean
  /** Text on the left of the running header; default: the title. Empty string for none. */
  headerText?: string
  /** Text on the left of the footer, e.g. the data state. */
  footerText?: string
  blocks: readonly DocxBlock[]
}

/** Bad input to the writer: the message says which block and what was expected. */
export class DocxError extends Error {
  override name = 'DocxError'
}

// ---------------------------------------------------------------------------------------------
// Constants

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const WP_NS = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing'
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main'
const PIC_NS = 'http://schemas.openxmlformats.org/drawingml/2006/picture'
const ASVG_NS = 'http://schemas.microsoft.com/office/drawing/2016/SVG/main'
const SVG_EXT_URI = '{96DAC541-7B7A-43D3-8B79-37D633B846F1}'
const CT_WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml'

/** The DOCX media type, for HTTP responses. */
export const DOCX_CONTENT_TYPE = `${CT_WORD}.document`

// A4 with 2.5 cm margins, in twentieths of a point (twips).
const PAGE_WIDTH = 11906
const PAGE_HEIGHT = 16838
const MARGIN = 1417
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN // 9072 twips = 160 mm
const TWIPS_PER_MM = 1440 / 25.4
const EMU_PER_MM = 36000
const EMU_PER_PX = 9525 // at 96 dpi
const INTERN_COLOUR = 'C00000' // 7.4 : 1 against white

const WORDS = {
  de: {
    page: 'Seite',
    of: 'von',
    internal: 'INTERN',
    toc: 'Inhaltsverzeichnis',
    update:
      'Das Inhaltsverzeichnis wird beim Öffnen in Word aktualisiert (sonst: Rechtsklick › Felder aktualisieren).',
  },
  en: {
    page: 'Page',
    of: 'of',
    internal: 'INTERNAL',
    toc: 'Contents',
    update:
      'The table of contents is updated when the file is opened in Word (otherwise: right-click › Update field).',
  },
} as const
const LOCALE = { de: 'de-DE', en: 'en-GB' } as const

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Escapes text for XML content and attributes. Characters XML 1.0 cannot carry (controls other
 * than tab and newline, lone surrogates) are dropped: Word does not decode SpreadsheetML's
 * `_xHHHH_` escapes in document text, so `escapeXmlText` of the XLSX writer does not fit here.
 */
export function escapeDocxText(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  )
}

interface RunFormat {
  bold?: boolean
  italic?: boolean
  colour?: string
}

function runProperties(format: RunFormat): string {
  const parts = [
    format.bold ? '<w:b/><w:bCs/>' : '',
    format.italic ? '<w:i/><w:iCs/>' : '',
    format.colour ? `<w:color w:val="${format.colour}"/>` : '',
  ].join('')
  return parts ? `<w:rPr>${parts}</w:rPr>` : ''
}

/** One run; `\n` becomes a line break and `\t` a tab, as Word stores them. */
function runXml(text: string, format: RunFormat = {}): string {
  const content = text
    .split('\n')
    .map((line) =>
      line
        .split('\t')
        .map((piece) => (piece ? `<w:t xml:space="preserve">${escapeDocxText(piece)}</w:t>` : ''))
        .join('<w:tab/>'),
    )
    .join('<w:br/>')
  return `<w:r>${runProperties(format)}${content}</w:r>`
}

function runsXml(text: DocxText, base: RunFormat = {}): string {
  if (typeof text === 'string') return runXml(text, base)
  return text
    .map((run) =>
      typeof run === 'string'
        ? runXml(run, base)
        : runXml(run.text, {
            ...base,
            bold: run.bold ?? base.bold,
            italic: run.italic ?? base.italic,
          }),
    )
    .join('')
}

function paragraphXml(content: string, properties = ''): string {
  return `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ''}${content}</w:p>`
}

const JUSTIFY = { left: 'left', center: 'center', right: 'right', justify: 'both' } as const

// ---------------------------------------------------------------------------------------------
// Blocks

/** Relationships and media collected while the body is written. */
class Parts {
  readonly media: { name: string; data: Uint8Array | string }[] = []
  readonly relationships: string[] = []
  private drawings = 0

  /** Adds a media part and its relationship; returns the relationship id. */
  addMedia(extension: 'png' | 'svg', data: Uint8Array | string): string {
    const name = `image${this.media.length + 1}.${extension}`
    this.media.push({ name, data })
    return this.relate('image', `media/${name}`)
  }

  relate(type: string, target: string): string {
    const id = `rId${this.relationships.length + 1}`
    this.relationships.push(
      `<Relationship Id="${id}" Type="${R_NS}/${type}" Target="${escapeDocxText(target)}"/>`,
    )
    return id
  }

  nextDrawingId(): number {
    return ++this.drawings
  }
}

function blockXml(block: DocxBlock, index: number, parts: Parts, language: 'de' | 'en'): string {
  switch (block.type) {
    case 'title':
      return paragraphXml(runXml(block.text), '<w:pStyle w:val="Title"/>')
    case 'heading':
      if (![1, 2, 3].includes(block.level)) {
        throw new DocxError(
          `Block ${index} (heading): expected level 1, 2 or 3, got ${String(block.level)}.`,
        )
      }
      return paragraphXml(runXml(block.text), `<w:pStyle w:val="Heading${block.level}"/>`)
    case 'paragraph': {
      const align =
        block.align && block.align !== 'left' ? `<w:jc w:val="${JUSTIFY[block.align]}"/>` : ''
      return paragraphXml(runsXml(block.text), align)
    }
    case 'list':
      return block.items
        .map((item) =>
          paragraphXml(
            runsXml(item),
            '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>',
          ),
        )
        .join('')
    case 'table':
      return tableXml(block, index)
    case 'image':
      return imageXml(block, index, parts)
    case 'pageBreak':
      return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    case 'toc':
      return tocXml(block.title ?? WORDS[language].toc, language)
    default:
      throw new DocxError(
        `Block ${index}: unknown type "${String((block as { type: unknown }).type)}"; expected title, heading, paragraph, list, table, image, pageBreak or toc.`,
      )
  }
}

/** A complex field (§17.16.5): begin, instruction, separator, shown result, end. */
function fieldXml(instruction: string, result: string, format: RunFormat = {}): string {
  const rPr = runProperties(format)
  return (
    `<w:r>${rPr}<w:fldChar w:fldCharType="begin"/></w:r>` +
    `<w:r>${rPr}<w:instrText xml:space="preserve"> ${instruction} </w:instrText></w:r>` +
    `<w:r>${rPr}<w:fldChar w:fldCharType="separate"/></w:r>` +
    runXml(result, format) +
    `<w:r>${rPr}<w:fldChar w:fldCharType="end"/></w:r>`
  )
}

function tocXml(title: string, language: 'de' | 'en'): string {
  return (
    paragraphXml(runXml(title), '<w:pStyle w:val="TOCHeading"/>') +
    // \o "1-3" headings 1–3, \h hyperlinks, \z no page numbers in web view, \u outline levels.
    paragraphXml(fieldXml('TOC \\o "1-3" \\h \\z \\u', WORDS[language].update))
  )
}

function columnWidths(columns: readonly DocxColumn[], index: number): number[] {
  let fixed = 0
  let open = 0
  for (const [i, column] of columns.entries()) {
    if (column.widthMm === undefined) {
      open++
    } else if (!(column.widthMm > 0) || !Number.isFinite(column.widthMm)) {
      throw new DocxError(
        `Block ${index} (table), column ${i + 1}: expected a width in mm above 0, got ${String(column.widthMm)}.`,
      )
    } else {
      fixed += Math.round(column.widthMm * TWIPS_PER_MM)
    }
  }
  const rest = open > 0 ? Math.max(0, TEXT_WIDTH - fixed) / open : 0
  return columns.map((c) =>
    c.widthMm === undefined
      ? Math.max(284, Math.floor(rest))
      : Math.round(c.widthMm * TWIPS_PER_MM),
  )
}

function cellXml(text: string, width: number, column: DocxColumn, header: boolean): string {
  const align = column.align && column.align !== 'left' ? `<w:jc w:val="${column.align}"/>` : ''
  const shade = header ? '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' : ''
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shade}</w:tcPr>` +
    paragraphXml(runXml(text, { bold: header }), `<w:spacing w:before="0" w:after="0"/>${align}`) +
    '</w:tc>'
  )
}

function tableXml(block: Extract<DocxBlock, { type: 'table' }>, index: number): string {
  const { columns, header, rows } = block
  if (columns.length === 0) {
    throw new DocxError(`Block ${index} (table): expected at least one column.`)
  }
  const check = (row: readonly string[], what: string) => {
    if (row.length !== columns.length) {
      throw new DocxError(
        `Block ${index} (table), ${what}: expected ${columns.length} cells (one per column), got ${row.length}.`,
      )
    }
  }
  check(header, 'header')
  rows.forEach((row, i) => check(row, `row ${i + 1}`))
  const widths = columnWidths(columns, index)
  const total = widths.reduce((a, b) => a + b, 0)
  const row = (cells: readonly string[], isHeader: boolean) =>
    `<w:tr><w:trPr><w:cantSplit/>${isHeader ? '<w:tblHeader/>' : ''}</w:trPr>` +
    cells.map((text, i) => cellXml(text, widths[i]!, columns[i]!, isHeader)).join('') +
    '</w:tr>'
  const caption = block.caption
    ? paragraphXml(runXml(block.caption), '<w:pStyle w:val="Caption"/><w:keepNext/>')
    : ''
  return (
    caption +
    '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>' +
    `<w:tblW w:w="${total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>' +
    '</w:tblPr>' +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    row(header, true) +
    rows.map((cells) => row(cells, false)).join('') +
    '</w:tbl>' +
    // A paragraph after the table keeps two tables in a row from merging in Word.
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>'
  )
}

/**
 * Width and height of a PNG from its IHDR chunk (PNG spec §11.2.2), checking the signature.
 *
 * @example pngSize(bytes) // { width: 640, height: 480 }
 */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) {
    throw new DocxError(
      'Expected a PNG image (signature 89 50 4E 47 0D 0A 1A 0A); got other bytes.',
    )
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  const width = view.getUint32(16)
  const height = view.getUint32(20)
  if (width === 0 || height === 0) throw new DocxError('The PNG image has a width or height of 0.')
  return { width, height }
}

function imageXml(
  block: Extract<DocxBlock, { type: 'image' }>,
  index: number,
  parts: Parts,
): string {
  let size: { width: number; height: number }
  try {
    size = pngSize(block.png)
  } catch (error) {
    throw new DocxError(`Block ${index} (image): ${(error as Error).message}`)
  }
  if (block.widthMm !== undefined && !(block.widthMm > 0)) {
    throw new DocxError(
      `Block ${index} (image): expected a width in mm above 0, got ${block.widthMm}.`,
    )
  }
  const maxEmu = Math.round((TEXT_WIDTH / TWIPS_PER_MM) * EMU_PER_MM)
  const wanted = block.widthMm !== undefined ? block.widthMm * EMU_PER_MM : size.width * EMU_PER_PX
  const cx = Math.round(Math.min(wanted, maxEmu))
  const cy = Math.round((cx * size.height) / size.width)
  const pngId = parts.addMedia('png', block.png)
  const svg = block.svg
    ? `<a:extLst><a:ext uri="${SVG_EXT_URI}"><asvg:svgBlip xmlns:asvg="${ASVG_NS}" r:embed="${parts.addMedia('svg', block.svg)}"/></a:ext></a:extLst>`
    : ''
  const id = parts.nextDrawingId()
  const alt = escapeDocxText(block.alt)
  const drawing =
    '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">' +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${id}" name="Bild ${id}" descr="${alt}"/>` +
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>' +
    `<a:graphic><a:graphicData uri="${PIC_NS}"><pic:pic>` +
    `<pic:nvPicPr><pic:cNvPr id="${id}" name="image${id}.png" descr="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${pngId}">${svg}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
  const caption = block.caption
    ? paragraphXml(runXml(block.caption), '<w:pStyle w:val="Caption"/>')
    : ''
  return paragraphXml(drawing, '<w:keepNext/>') + caption
}

// ---------------------------------------------------------------------------------------------
// Package parts

// Header and footer paragraphs clear the centre tab of their style, so the marking and the page
// number always stand at the right margin, whatever the length of the text on the left.
const RIGHT_TAB_ONLY = `<w:tabs><w:tab w:val="clear" w:pos="${TEXT_WIDTH / 2}"/></w:tabs>`

function headerXml(doc: DocxDocument, language: 'de' | 'en'): string {
  const text = doc.headerText ?? doc.title
  const marking = doc.internal
    ? `<w:r><w:tab/></w:r>${runXml(WORDS[language].internal, { bold: true, colour: INTERN_COLOUR })}`
    : ''
  return (
    `${XML_HEAD}<w:hdr xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    paragraphXml(
      `${text ? runXml(text) : ''}${marking}`,
      `<w:pStyle w:val="Header"/>${RIGHT_TAB_ONLY}`,
    ) +
    '</w:hdr>'
  )
}

function footerXml(doc: DocxDocument, language: 'de' | 'en'): string {
  const words = WORDS[language]
  const left = doc.footerText ? runXml(doc.footerText) : ''
  return (
    `${XML_HEAD}<w:ftr xmlns:w="${W_NS}" xmlns:r="${R_NS}">` +
    paragraphXml(
      `${left}<w:r><w:tab/></w:r>${runXml(`${words.page} `)}${fieldXml('PAGE', '1')}` +
        `${runXml(` ${words.of} `)}${fieldXml('NUMPAGES', '1')}`,
      `<w:pStyle w:val="Footer"/>${RIGHT_TAB_ONLY}`,
    ) +
    '</w:ftr>'
  )
}

function stylesXml(language: 'de' | 'en'): string {
  const heading = (level: number, size: number, before: number) =>
    `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/>` +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>' +
    `<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="${before}" w:after="120"/><w:outlineLvl w:val="${level - 1}"/></w:pPr>` +
    `<w:rPr><w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`
  return (
    `${XML_HEAD}<w:styles xmlns:w="${W_NS}">` +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>' +
    `<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="${LOCALE[language]}" w:eastAsia="${LOCALE[language]}" w:bidi="ar-SA"/>` +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>' +
    '<w:pPr><w:spacing w:after="360"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr></w:style>' +
    heading(1, 32, 360) +
    heading(2, 26, 240) +
    heading(3, 24, 200) +
    '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>' +
    '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="1F3864"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>' +
    '<w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/>' +
    '<w:pPr><w:spacing w:before="120" w:after="120"/></w:pPr><w:rPr><w:i/><w:iCs/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>' +
    `<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
    `<w:pPr><w:tabs><w:tab w:val="center" w:pos="${TEXT_WIDTH / 2}"/><w:tab w:val="right" w:pos="${TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
    `<w:pPr><w:tabs><w:tab w:val="center" w:pos="${TEXT_WIDTH / 2}"/><w:tab w:val="right" w:pos="${TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>' +
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>' +
    '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>' +
    '</w:styles>'
  )
}

function numberingXml(): string {
  return (
    `${XML_HEAD}<w:numbering xmlns:w="${W_NS}">` +
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>' +
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>' +
    '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr></w:lvl>' +
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
  )
}

function settingsXml(language: 'de' | 'en', updateFields: boolean): string {
  return (
    `${XML_HEAD}<w:settings xmlns:w="${W_NS}">` +
    '<w:defaultTabStop w:val="708"/><w:autoHyphenation/><w:hyphenationZone w:val="425"/>' +
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    // Asks Word to refresh the table of contents (and page counts) when the file is opened.
    (updateFields ? '<w:updateFields w:val="true"/>' : '') +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    `<w:themeFontLang w:val="${LOCALE[language]}"/>` +
    '</w:settings>'
  )
}

function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function corePropertiesXml(doc: DocxDocument, language: 'de' | 'en'): string {
  const dates = doc.created
    ? `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(doc.created)}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(doc.created)}</dcterms:modified>`
    : ''
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeDocxText(doc.title)}</dc:title>` +
    `<dc:creator>${escapeDocxText(doc.author ?? 'Planraum')}</dc:creator>` +
    `<dc:language>${LOCALE[language]}</dc:language>${dates}</cp:coreProperties>`
  )
}

function appPropertiesXml(): string {
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
    '<Application>Planraum</Application></Properties>'
  )
}

/**
 * Writes a document as DOCX bytes.
 *
 * @example
 * const bytes = writeDocx({
 *   title: 'Sozialbericht 2024',
 *   internal: true,
 *   blocks: [
 *     { type: 'title', text: 'Sozialbericht 2024' },
 *     { type: 'heading', level: 1, text: 'Kinderarmut' },
 *     { type: 'paragraph', text: ['Die Quote liegt bei ', { text: '31,2 %', bold: true }, '.'] },
 *     { type: 'table', columns: [{}, { align: 'right', widthMm: 30 }], header: ['Sozialraum', 'Quote'], rows: [['Nordstadt', '31,2']] },
 *   ],
 * })
 */
export function writeDocx(doc: DocxDocument): Uint8Array {
  const language = doc.language ?? 'de'
  if (language !== 'de' && language !== 'en') {
    throw new DocxError(`Expected the language de or en, got "${String(language)}".`)
  }
  const parts = new Parts()
  // Fixed relationships first so their ids are stable: rId1 styles … rId5 footer.
  parts.relate('styles', 'styles.xml')
  parts.relate('numbering', 'numbering.xml')
  parts.relate('settings', 'settings.xml')
  const headerId = parts.relate('header', 'header1.xml')
  const footerId = parts.relate('footer', 'footer1.xml')
  const body = doc.blocks.map((block, i) => blockXml(block, i, parts, language)).join('')
  const section =
    `<w:sectPr><w:headerReference w:type="default" r:id="${headerId}"/>` +
    `<w:footerReference w:type="default" r:id="${footerId}"/>` +
    `<w:pgSz w:w="${PAGE_WIDTH}" w:h="${PAGE_HEIGHT}"/>` +
    `<w:pgMar w:top="${MARGIN}" w:right="${MARGIN}" w:bottom="${MARGIN}" w:left="${MARGIN}" w:header="708" w:footer="708" w:gutter="0"/>` +
    '<w:cols w:space="708"/></w:sectPr>'
  const document =
    `${XML_HEAD}<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}" xmlns:wp="${WP_NS}" xmlns:a="${A_NS}" xmlns:pic="${PIC_NS}">` +
    `<w:body>${body}${section}</w:body></w:document>`
  const hasSvg = parts.media.some((m) => m.name.endsWith('.svg'))
  const hasPng = parts.media.some((m) => m.name.endsWith('.png'))
  const hasToc = doc.blocks.some((b) => b.type === 'toc')
  const encoder = new TextEncoder()
  const files: Zippable = {
    '[Content_Types].xml': encoder.encode(contentTypesXml(hasPng, hasSvg)),
    '_rels/.rels': encoder.encode(
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${R_NS}/officeDocument" Target="word/document.xml"/>` +
        `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${R_NS}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    ),
    'docProps/core.xml': encoder.encode(corePropertiesXml(doc, language)),
    'docProps/app.xml': encoder.encode(appPropertiesXml()),
    'word/document.xml': encoder.encode(document),
    'word/_rels/document.xml.rels': encoder.encode(
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${parts.relationships.join('')}</Relationships>`,
    ),
    'word/styles.xml': encoder.encode(stylesXml(language)),
    'word/numbering.xml': encoder.encode(numberingXml()),
    'word/settings.xml': encoder.encode(settingsXml(language, hasToc)),
    'word/header1.xml': encoder.encode(headerXml(doc, language)),
    'word/footer1.xml': encoder.encode(footerXml(doc, language)),
  }
  for (const media of parts.media) {
    // PNGs are compressed already: stored as they are (deflating them again costs time, gains ~5 %).
    files[`word/media/${media.name}`] =
      typeof media.data === 'string' ? encoder.encode(media.data) : [media.data, { level: 0 }]
  }
  return zipSync(files, { level: 6, mtime: new Date(Date.UTC(2000, 0, 1)) })
}

function contentTypesXml(png: boolean, svg: boolean): string {
  const override = (part: string, type: string) =>
    `<Override PartName="${part}" ContentType="${type}"/>`
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    (png ? '<Default Extension="png" ContentType="image/png"/>' : '') +
    (svg ? '<Default Extension="svg" ContentType="image/svg+xml"/>' : '') +
    override('/word/document.xml', `${CT_WORD}.document.main+xml`) +
    override('/word/styles.xml', `${CT_WORD}.styles+xml`) +
    override('/word/numbering.xml', `${CT_WORD}.numbering+xml`) +
    override('/word/settings.xml', `${CT_WORD}.settings+xml`) +
    override('/word/header1.xml', `${CT_WORD}.header+xml`) +
    override('/word/footer1.xml', `${CT_WORD}.footer+xml`) +
    override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    override(
      '/docProps/app.xml',
      'application/vnd.openxmlformats-officedocument.extended-properties+xml',
    ) +
    '</Types>'
  )
}

// ---------------------------------------------------------------------------------------------
// Reading

/** An XML element: qualified name, attributes, children (elements and text). */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: (XmlElement | string)[]
}

const XML_NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decodeEntities(text: string, where: () => string): string {
  return text.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`${where()}: a bare "&" (expected &amp;).`)
    const named = ENTITIES[ref]
    if (named) return named
    const code = /^#x[0-9a-fA-F]+$/.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#\d+$/.test(ref)
        ? parseInt(ref.slice(1), 10)
        : NaN
    if (!(code >= 1 && code <= 0x10ffff)) throw new Error(`${where()}: unknown entity "&${ref};".`)
    return String.fromCodePoint(code)
  })
}

/**
 * Parses XML strictly enough to prove a part well-formed: one root element, properly nested and
 * closed tags, quoted and unique attributes, valid entity references, and every namespace prefix
 * declared in scope (an undeclared prefix makes Word reject the file). No DTDs. Throws an Error
 * naming the offset of the first problem.
 *
 * @example parseXml('<a x="1"><b/>text</a>').children // [{ name: 'b', … }, 'text']
 */
export function parseXml(xml: string): XmlElement {
  let i = 0
  const fail = (message: string): never => {
    throw new Error(`XML not well-formed at offset ${i}: ${message}`)
  }
  const stack: { element: XmlElement; prefixes: Set<string> }[] = []
  let root: XmlElement | null = null
  const skip = (open: string, close: string) => {
    const end = xml.indexOf(close, i + open.length)
    if (end < 0) fail(`"${open}" is not closed by "${close}".`)
    i = end + close.length
  }
  if (xml.charCodeAt(0) === 0xfeff) i = 1
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const text = xml.slice(i, lt < 0 ? xml.length : lt)
    if (text) {
      const top = stack[stack.length - 1]
      if (!top) {
        if (text.trim()) fail('text outside the root element.')
      } else {
        top.element.children.push(decodeEntities(text, () => `text at offset ${i}`))
      }
    }
    if (lt < 0) break
    i = lt
    if (xml.startsWith('<?', i)) skip('<?', '?>')
    else if (xml.startsWith('<!--', i)) skip('<!--', '-->')
    else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i)
      if (end < 0 || !stack.length) fail('CDATA outside an element or not closed.')
      stack[stack.length - 1]!.element.children.push(xml.slice(i + 9, end))
      i = end + 3
    } else if (xml.startsWith('<!', i)) fail('DTDs and declarations are not allowed.')
    else if (xml.startsWith('</', i)) {
      const end = xml.indexOf('>', i)
      if (end < 0) fail('a closing tag without ">".')
      const name = xml.slice(i + 2, end).trim()
      const top = stack.pop()
      if (!top || top.element.name !== name) {
        fail(`closing tag </${name}> does not match <${top?.element.name ?? '(none)'}>.`)
      }
      i = end + 1
    } else {
      const element = openTag(xml, i, fail, stack[stack.length - 1]?.prefixes)
      i = element.end
      if (root && !stack.length) fail('a second root element.')
      if (!root) root = element.element
      stack[stack.length - 1]?.element.children.push(element.element)
      if (!element.selfClosing) stack.push({ element: element.element, prefixes: element.prefixes })
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1]!.element.name}> is not closed.`)
  if (!root) fail('no root element.')
  return root!
}

function openTag(
  xml: string,
  start: number,
  fail: (message: string) => never,
  inherited: Set<string> = new Set(['xml']),
): { element: XmlElement; prefixes: Set<string>; end: number; selfClosing: boolean } {
  const TAG = /<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y
  TAG.lastIndex = start
  const match = TAG.exec(xml)
  if (!match) fail('a malformed start tag (unquoted attribute, stray "<" or missing ">").')
  const [whole, name, attributeText, slash] = match!
  if (!XML_NAME.test(name!)) fail(`"${name}" is not a valid element name.`)
  const attributes: Record<string, string> = {}
  for (const attr of attributeText!.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const key = attr[1]!
    if (!XML_NAME.test(key)) fail(`"${key}" is not a valid attribute name.`)
    if (key in attributes) fail(`attribute "${key}" appears twice in <${name}>.`)
    attributes[key] = decodeEntities(attr[2] ?? attr[3] ?? '', () => `attribute ${key}`)
  }
  const prefixes = new Set(inherited)
  for (const key of Object.keys(attributes)) {
    if (key.startsWith('xmlns:')) prefixes.add(key.slice(6))
  }
  for (const qualified of [name!, ...Object.keys(attributes)]) {
    const colon = qualified.indexOf(':')
    const prefix = colon < 0 ? null : qualified.slice(0, colon)
    if (prefix && prefix !== 'xmlns' && !prefixes.has(prefix)) {
      fail(`the namespace prefix "${prefix}" of "${qualified}" is not declared.`)
    }
  }
  return {
    element: { name: name!, attributes, children: [] },
    prefixes,
    end: start + whole.length,
    selfClosing: slash === '/',
  }
}

/** The elements named `name` below `element` (not descending into matches). */
function findAll(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  for (const child of element.children) {
    if (typeof child === 'string') continue
    if (child.name === name) out.push(child)
    else out.push(...findAll(child, name))
  }
  return out
}

/** Text of a run container: `w:t` text, tabs as `\t`, breaks as `\n`, paragraphs joined by `\n`. */
function textOf(element: XmlElement): string {
  let text = ''
  for (const child of element.children) {
    if (typeof child === 'string') continue
    if (child.name === 'w:t') text += child.children.filter((c) => typeof c === 'string').join('')
    else if (child.name === 'w:tab') text += '\t'
    else if (child.name === 'w:br' || child.name === 'w:cr') text += '\n'
    else if (child.name === 'w:p') text += (text ? '\n' : '') + textOf(child)
    else if (child.name !== 'w:instrText') text += textOf(child)
  }
  return text
}

/**
 * The text of every table in a DOCX file, in document order: tables → rows → cell texts (the
 * paragraphs of a cell joined by `\n`). Reads the zip through the defensive reader of zip.ts.
 *
 * @example readDocxTables(writeDocx(doc))[0] // [['Sozialraum', 'Quote'], ['Nordstadt', '31,2']]
 */
export function readDocxTables(bytes: Uint8Array): string[][][] {
  const entry = readZip(bytes, {
    source: 'the DOCX file',
    filter: (n) => n === 'word/document.xml',
  })[0]
  if (!entry)
    throw new DocxError('The DOCX file has no word/document.xml; expected a Word document.')
  const document = parseXml(new TextDecoder().decode(entry.data))
  return findAll(document, 'w:tbl').map((table) =>
    table.children
      .filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:tr')
      .map((row) =>
        row.children
          .filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'w:tc')
          .map(textOf),
      ),
  )
}
