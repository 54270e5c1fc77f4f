/**
 * The report document: what the generator builds from a template and the data, and what every
 * writer (HTML, PDF, DOCX) renders. Pure data — text is final (numbers formatted, disclosure
 * control applied), figures are finished SVG — so the three formats cannot disagree about content.
 */
import type { ReportLanguage } from './format.js'

/** Running text: plain, or with emphasis. */
export type ReportRun = string | { text: string; bold?: boolean; italic?: boolean }

/** A paragraph's content: one string or runs. */
export type ReportText = string | readonly ReportRun[]

export interface ReportColumn {
  label: string
  /** `right` for numbers. */
  align?: 'left' | 'right'
  /** Width in mm (DOCX, PDF); columns without one share the rest. */
  widthMm?: number
}

export type ReportBlock =
  /** The title page: title, subtitle and lines such as the organisation and the data state. */
  | { type: 'titlePage'; title: string; subtitle?: string; lines: readonly string[] }
  /** The table of contents over the headings of level 1 and 2. */
  | { type: 'toc'; title: string }
  /** `id` is unique in the document (anchors, PDF outline, TOC). */
  | { type: 'heading'; level: 1 | 2 | 3; text: string; id: string }
  | { type: 'paragraph'; text: ReportText; role?: 'note' }
  | { type: 'list'; items: readonly ReportText[] }
  /** A table; cells are text as printed (formatted, suppressed values as „.“). */
  | {
      type: 'table'
      caption: string
      columns: readonly ReportColumn[]
      rows: readonly (readonly string[])[]
      /** Footnote below the table (e.g. what „.“ means). */
      note?: string
    }
  /**
   * A picture: finished SVG markup (maps, charts) with a text alternative. `widthMm` is its printed
   * width (default: the text width, 160 mm).
   */
  | { type: 'figure'; caption: string; alt: string; svg: string; widthMm?: number }
  /** A definition list (glossary). */
  | { type: 'definitions'; items: readonly { term: string; definition: string }[] }
  | { type: 'pageBreak' }

export interface ReportDocument {
  title: string
  language: ReportLanguage
  /** Public reports carry only disclosure-controlled figures; internal ones say so on every page. */
  audience: 'public' | 'internal'
  /** The organisation (town, district) that publishes it. */
  organization: string
  /** One line on the data state, shown in the running footer (e.g. „Datenstand: 2024“). */
  dataState: string
  blocks: readonly ReportBlock[]
}

/** The text of a paragraph without emphasis. */
export function plainText(text: ReportText): string {
  return typeof text === 'string'
    ? text
    : text.map((r) => (typeof r === 'string' ? r : r.text)).join('')
}
