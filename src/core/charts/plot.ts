/**
 * Clean-up of Observable Plot's SVG, on any DOM: the browser's, or linkedom's on the server
 * (modules/reports/figures.ts). Plot itself is DOM-agnostic: pass `document` in its options.
 */

import { escapeXml } from '../format/xml.js'

/** Ink of text and axes where Plot writes `currentColor` (the page's text colour). */
export const PLOT_INK = '#1f2430'

/**
 * Makes Plot's SVG fit for the page:
 * - Plot puts a `<style>` element into every SVG; under the CSP `style-src 'self'` the browser
 *   refuses it with a console error. It is removed; web/charts/charts.css holds the same rules for
 *   `.plot` (standalone SVGs get them as attributes: `standalonePlot`).
 * - The SVG is one image (`role="img"` with the accessible name). Plot labels its mark groups
 *   with `aria-label` ("bar", "line", …), which axe-core reports on elements without a role; the
 *   label moves to `data-mark`, where tests find the marks.
 *
 * @example adoptPlot(Plot.plot({ …, figure: false }) as Element, 'Ranking of 33 areas')
 */
export function adoptPlot(svg: Element, label: string): void {
  for (const style of svg.querySelectorAll('style')) style.remove()
  for (const element of svg.querySelectorAll('[aria-label]')) {
    element.setAttribute('data-mark', element.getAttribute('aria-label') ?? '')
    element.removeAttribute('aria-label')
  }
  svg.removeAttribute('aria-description')
  svg.setAttribute('role', 'img')
  svg.setAttribute('aria-label', label)
}

export interface StandaloneOptions {
  /** The accessible name (also the SVG's `<title>`). */
  title: string
  /** Text alternative; default the title. */
  alt?: string
  /** CSS font-family list of all text. */
  fontFamily: string
  /** Font size in px of axis text (the atlas's charts.css sets 12). */
  fontSize?: number
  /** Language of the text (`<svg lang>`). */
  lang?: string
}

/** FNV-1a, 32 bit: a short stable fingerprint of a string. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36)
}

const XMLNS = 'http://www.w3.org/2000/svg'

/**
 * Well-formed XML of an element: every attribute value and text escaped (some DOMs, such as
 * linkedom, leave `&` and `<` in attribute values as they are in `outerHTML`).
 */
export function serializeXml(node: Node): string {
  if (node.nodeType === 3) return escapeXml(node.nodeValue ?? '')
  if (node.nodeType !== 1) return ''
  const element = node as Element
  // localName keeps the case of SVG names (clipPath); some DOMs upper-case tagName.
  const name = element.localName
  const attributes = element
    .getAttributeNames()
    .map((attribute) => ` ${attribute}="${escapeXml(element.getAttribute(attribute) ?? '')}"`)
    .join('')
  const children = [...element.childNodes].map(serializeXml).join('')
  return children ? `<${name}${attributes}>${children}</${name}>` : `<${name}${attributes}/>`
}

/**
 * Turns an adopted Plot SVG (see `adoptPlot`) into a standalone document that looks the same
 * without the page's CSS and whose markup is deterministic:
 * - `xmlns`, `width`/`height`/`viewBox` (Plot sets the last three), `<title>` first, a white
 *   background, font family and size as attributes, `currentColor` → `PLOT_INK`;
 * - Plot numbers its clip paths from a global counter (`plot-clip-7`), so the same chart drawn twice
 *   differs. Ids become `f<fingerprint>-<n>`: the fingerprint is taken from the markup with
 *   placeholder ids, so the same chart always gets the same ids and different charts embedded
 *   in one HTML page do not collide.
 *
 * Returns the markup.
 *
 * @example standalonePlot(svg, { title: 'SGB-II-Quote', fontFamily: 'Arial, sans-serif' }).startsWith('<svg') // true
 */
export function standalonePlot(svg: Element, options: StandaloneOptions): string {
  const document = svg.ownerDocument
  svg.removeAttribute('class')
  svg.setAttribute('xmlns', XMLNS)
  svg.setAttribute('font-family', options.fontFamily)
  svg.setAttribute('font-size', String(options.fontSize ?? 12))
  svg.setAttribute('aria-label', options.alt ?? options.title)
  if (options.lang) svg.setAttribute('lang', options.lang)
  const elements = [svg, ...svg.querySelectorAll('*')]
  for (const element of elements) {
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? ''
      if (value.includes('currentColor')) {
        element.setAttribute(name, value.replaceAll('currentColor', PLOT_INK))
      } else if (value.includes('var(--plot-background)')) {
        element.setAttribute(name, value.replaceAll('var(--plot-background)', '#ffffff'))
      }
    }
  }
  const title = document.createElementNS(XMLNS, 'title')
  title.textContent = options.title
  const background = document.createElementNS(XMLNS, 'rect')
  background.setAttribute('width', '100%')
  background.setAttribute('height', '100%')
  background.setAttribute('fill', '#ffffff')
  svg.insertBefore(background, svg.firstChild)
  svg.insertBefore(title, svg.firstChild)

  // Deterministic ids: placeholders first, then the fingerprint of the whole markup.
  const all = [svg, ...svg.querySelectorAll('*')]
  const renamed = new Map<string, string>()
  for (const element of all) {
    const id = element.getAttribute('id')
    if (id === null) continue
    const placeholder = `@@id${renamed.size + 1}@@`
    renamed.set(id, placeholder)
    element.setAttribute('id', placeholder)
  }
  if (renamed.size > 0) {
    for (const element of all) {
      for (const name of element.getAttributeNames()) {
        const value = element.getAttribute(name) ?? ''
        const rewritten = value.replace(
          /url\(#([^)]+)\)|^#(.+)$/g,
          (match, inUrl: string | undefined, inHref: string | undefined) => {
            const target = renamed.get(inUrl ?? inHref ?? '')
            if (!target) return match
            return inUrl !== undefined ? `url(#${target})` : `#${target}`
          },
        )
        if (rewritten !== value) element.setAttribute(name, rewritten)
      }
    }
  }
  let markup = serializeXml(svg)
  const prefix = `f${fingerprint(markup)}`
  markup = markup.replace(/@@id(\d+)@@/g, (_, n: string) => `${prefix}-${n}`)
  return markup
}
