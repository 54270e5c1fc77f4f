/**
 * A report as one self-contained, accessible HTML document: semantic headings, tables with
 * captions and header cells, figures as inline SVG with a text alternative, a table of contents,
 * and print rules for A4 (the PDF is this document printed by Chromium, see pdf.ts). No scripts,
 * no external resources: the file can be published as it is, or opened offline.
 *
 * The table of contents follows the contract pdf.ts relies on: `nav.toc` holds one
 * `<a href="#id">` per heading and an empty `span.toc-page[data-target=id]`, which the PDF writer
 * fills with page numbers.
 */
import { escapeXml } from '../../core/format/xml.js'
import type { ReportBlock, ReportDocument, ReportText } from '../../core/report/document.js'

function inline(text: ReportText): string {
  if (typeof text === 'string') return escapeXml(text)
  return text
    .map((run) => {
      if (typeof run === 'string') return escapeXml(run)
      let out = escapeXml(run.text)
      if (run.italic) out = `<em>${out}</em>`
      if (run.bold) out = `<strong>${out}</strong>`
      return out
    })
    .join('')
}

const INTERNAL = { de: 'INTERN – nicht zur Veröffentlichung', en: 'INTERNAL – not for publication' }
const FIGURE = { de: 'Abbildung', en: 'Figure' }
const TABLE = { de: 'Tabelle', en: 'Table' }

/**
 * Print and screen styles. Print: A4 with 25 mm top/bottom margins for the running header and
 * footer the PDF writer adds, chapters on new pages, table header rows repeated, figures kept whole.
 */
const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, "DejaVu Sans", Helvetica, sans-serif; font-size: 10.5pt;
  line-height: 1.45; color: #1a1a1a; margin: 0 auto; max-width: 170mm; padding: 1.5rem; }
h1, h2, h3 { line-height: 1.2; color: #0b3a5b; }
h1 { font-size: 18pt; margin: 1.6em 0 0.6em; }
h2 { font-size: 13pt; margin: 1.4em 0 0.4em; }
h3 { font-size: 11pt; }
p { margin: 0 0 0.7em; }
p.note { color: #444; font-size: 9.5pt; }
.internal-banner { border: 2px solid #b00020; color: #b00020; font-weight: bold; padding: 0.3em 0.6em;
  margin: 0 0 1em; text-align: center; }
.title-page { min-height: 230mm; display: flex; flex-direction: column; justify-content: center; }
.title-page h1 { font-size: 30pt; margin: 0 0 0.3em; }
.title-page .subtitle { font-size: 18pt; color: #0b3a5b; margin: 0 0 2em; }
.title-page ul { list-style: none; padding: 0; color: #333; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { display: flex; gap: 0.5em; align-items: baseline; margin: 0.15em 0; }
nav.toc li.toc-2 { padding-left: 1.5em; font-size: 9.5pt; }
nav.toc li a { color: inherit; text-decoration: none; flex: 1 1 auto;
  background: linear-gradient(to right, #999 40%, transparent 0) bottom / 4px 1px repeat-x; }
nav.toc .toc-page { min-width: 2.5em; text-align: right; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.2em; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding: 0 0 0.3em; caption-side: top; }
th, td { border-bottom: 1px solid #c8c8c8; padding: 0.2em 0.35em; vertical-align: top; }
thead th { border-bottom: 1.5px solid #333; text-align: left; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { font-weight: normal; text-align: left; }
.table-note { font-size: 8.5pt; color: #444; margin: 0 0 1.2em; }
figure { margin: 0.8em 0 1.2em; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #333; margin-top: 0.3em; }
dl.glossary dt { font-weight: bold; margin-top: 0.6em; }
dl.glossary dd { margin: 0.1em 0 0 1.2em; }
footer.report-footer { margin-top: 2em; font-size: 8.5pt; color: #555; border-top: 1px solid #ccc; padding-top: 0.5em; }
@page { size: A4; margin: 22mm 25mm 20mm 25mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .title-page { break-after: page; min-height: 220mm; }
  nav.toc { break-after: page; }
  h1:not(.title) { break-before: page; margin-top: 0; }
  h1, h2, h3 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .page-break { break-after: page; }
  .internal-banner, footer.report-footer { display: none; }
  a { color: inherit; text-decoration: none; }
}
`

/** The document as HTML5. Same document → same string. */
export function reportHtml(document: ReportDocument): string {
  const lang = document.language
  const parts: string[] = []
  let figures = 0
  let tables = 0
  const headings = document.blocks.filter(
    (b): b is Extract<ReportBlock, { type: 'heading' }> => b.type === 'heading' && b.level <= 2,
  )
  const internal = document.audience === 'internal'
  for (const block of document.blocks) {
    switch (block.type) {
      case 'titlePage':
        parts.push(
          `<section class="title-page" aria-label="${escapeXml(block.title)}">`,
          `<h1 class="title">${escapeXml(block.title)}</h1>`,
          block.subtitle ? `<p class="subtitle">${escapeXml(block.subtitle)}</p>` : '',
          `<ul>${block.lines.map((l) => `<li>${escapeXml(l)}</li>`).join('')}</ul>`,
          `</section>`,
        )
        break
      case 'toc':
        parts.push(
          `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${escapeXml(block.title)}</h2><ol>`,
          ...headings.map(
            (h) =>
              `<li class="toc-${h.level}"><a href="#${escapeXml(h.id)}">${escapeXml(h.text)}</a><span class="toc-page" data-target="${escapeXml(h.id)}"></span></li>`,
          ),
          `</ol></nav>`,
        )
        break
      case 'heading':
        parts.push(
          `<h${block.level} id="${escapeXml(block.id)}">${escapeXml(block.text)}</h${block.level}>`,
        )
        break
      case 'paragraph':
        parts.push(`<p${block.role === 'note' ? ' class="note"' : ''}>${inline(block.text)}</p>`)
        break
      case 'list':
        parts.push(`<ul>${block.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`)
        break
      case 'table': {
        tables++
        const head = block.columns
          .map(
            (c, k) =>
              `<th scope="col"${c.align === 'right' && k > 0 ? ' class="num"' : ''}>${escapeXml(c.label)}</th>`,
          )
          .join('')
        const body = block.rows
          .map(
            (row) =>
              `<tr>${row
                .map((cell, k) =>
                  k === 0
                    ? `<th scope="row">${escapeXml(cell)}</th>`
                    : `<td${block.columns[k]?.align === 'right' ? ' class="num"' : ''}>${escapeXml(cell)}</td>`,
                )
                .join('')}</tr>`,
          )
          .join('\n')
        parts.push(
          `<table><caption>${TABLE[lang]} ${tables}: ${escapeXml(block.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`,
          block.note ? `<p class="table-note">${escapeXml(block.note)}</p>` : '',
        )
        break
      }
      case 'figure': {
        figures++
        const width = block.widthMm ? ` style="max-width:${block.widthMm}mm"` : ''
        parts.push(
          `<figure${width}>${labelSvg(block.svg, block.alt)}<figcaption>${FIGURE[lang]} ${figures}: ${escapeXml(block.caption)}</figcaption></figure>`,
        )
        break
      }
      case 'definitions':
        parts.push(
          `<dl class="glossary">${block.items.map((i) => `<dt>${escapeXml(i.term)}</dt><dd>${escapeXml(i.definition)}</dd>`).join('')}</dl>`,
        )
        break
      case 'pageBreak':
        parts.push('<div class="page-break" aria-hidden="true"></div>')
        break
    }
  }
  const banner = internal ? `<p class="internal-banner" role="note">${INTERNAL[lang]}</p>` : ''
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Planraum">`,
    `<title>${escapeXml(document.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    `<body${internal ? ' data-internal="true"' : ''}>`,
    banner,
    '<main>',
    ...parts.filter((p) => p !== ''),
    '</main>',
    `<footer class="report-footer"><p>${escapeXml(document.organization)} · ${escapeXml(document.dataState)}</p></footer>`,
    banner,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/** Gives an SVG the figure's text alternative as its accessible name (role="img"). */
function labelSvg(svg: string, alt: string): string {
  return svg.replace(
    /^\s*(<\?xml[^>]*\?>\s*)?<svg\b([^>]*)>/,
    (_all, _prolog, attributes: string) => {
      const cleaned = attributes.replace(/\s(role|aria-label)="[^"]*"/g, '')
      return `<svg${cleaned} role="img" aria-label="${escapeXml(alt)}">`
    },
  )
}
