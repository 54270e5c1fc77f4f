/**
 * A report as a Word document (src/platform/io/docx.ts): real headings (Word's navigation pane and
 * table of contents), real tables with repeated header rows, figures as PNG with the SVG beside it
 * for Word 2016+. Running header with the title („INTERN“ on every page of internal reports) and
 * „Seite X von Y“ in the footer come from the writer.
 */
import type { ReportDocument } from '../../core/report/document.js'
import { writeDocx, type DocxBlock } from '../../platform/io/docx.js'
import { svgToPngAsync } from './figures.js'

const FIGURE = { de: 'Abbildung', en: 'Figure' }
const TABLE = { de: 'Tabelle', en: 'Table' }

/** Pixels of a figure's PNG per millimetre of print width (≈ 200 dpi). */
const PX_PER_MM = 8

export async function reportDocx(document: ReportDocument): Promise<Uint8Array> {
  const lang = document.language
  const blocks: DocxBlock[] = []
  let figures = 0
  let tables = 0
  for (const block of document.blocks) {
    switch (block.type) {
      case 'titlePage':
        blocks.push({ type: 'title', text: block.title })
        if (block.subtitle)
          blocks.push({ type: 'paragraph', text: [{ text: block.subtitle, bold: true }] })
        for (const line of block.lines) blocks.push({ type: 'paragraph', text: line })
        blocks.push({ type: 'pageBreak' })
        break
      case 'toc':
        blocks.push({ type: 'toc', title: block.title }, { type: 'pageBreak' })
        break
      case 'heading':
        blocks.push({ type: 'heading', level: block.level, text: block.text })
        break
      case 'paragraph':
        blocks.push({
          type: 'paragraph',
          text:
            block.role === 'note' && typeof block.text === 'string'
              ? [{ text: block.text, italic: true }]
              : block.text,
        })
        break
      case 'list':
        blocks.push({ type: 'list', items: block.items })
        break
      case 'table':
        tables++
        blocks.push({
          type: 'table',
          caption: `${TABLE[lang]} ${tables}: ${block.caption}`,
          columns: block.columns.map((c) => ({
            ...(c.widthMm !== undefined ? { widthMm: c.widthMm } : {}),
            align: c.align ?? 'left',
          })),
          header: block.columns.map((c) => c.label),
          rows: block.rows,
        })
        if (block.note)
          blocks.push({ type: 'paragraph', text: [{ text: block.note, italic: true }] })
        break
      case 'figure': {
        figures++
        const widthMm = block.widthMm ?? 160
        blocks.push({
          type: 'image',
          png: await svgToPngAsync(block.svg, Math.round(widthMm * PX_PER_MM)),
          svg: block.svg,
          alt: block.alt,
          widthMm,
          caption: `${FIGURE[lang]} ${figures}: ${block.caption}`,
        })
        break
      }
      case 'definitions':
        for (const item of block.items) {
          blocks.push({
            type: 'paragraph',
            text: [{ text: item.term, bold: true }, `\n${item.definition}`],
          })
        }
        break
      case 'pageBreak':
        blocks.push({ type: 'pageBreak' })
        break
    }
  }
  return writeDocx({
    title: document.title,
    author: document.organization,
    language: lang,
    internal: document.audience === 'internal',
    footerText: document.dataState,
    blocks,
  })
}
