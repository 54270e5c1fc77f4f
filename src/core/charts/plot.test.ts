import * as Plot from '@observablehq/plot'
import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'

import { adoptPlot, PLOT_INK, serializeXml, standalonePlot } from './plot.js'

// Plot draws into any DOM; linkedom stands in for the browser's.
const draw = (options: Plot.PlotOptions): Element => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>')
  return Plot.plot({ ...options, document, figure: false }) as unknown as Element
}
// A chart with clip paths: Plot numbers them from a global counter.
const clipped = (): Plot.PlotOptions => ({
  width: 300,
  height: 120,
  marks: [
    Plot.barX([{ name: 'A & B', value: 3 }], { x: 'value', y: 'name', clip: true }),
    Plot.ruleX([0], { clip: true }),
  ],
})

describe('adoptPlot', () => {
  it('drops the style element and moves mark labels to data-mark', () => {
    const svg = draw(clipped())
    expect(svg.querySelectorAll('style')).toHaveLength(1)
    adoptPlot(svg, 'Ranking')
    expect(svg.querySelectorAll('style')).toHaveLength(0)
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0) // descendants only
    expect(svg.getAttribute('aria-label')).toBe('Ranking')
    expect(svg.getAttribute('role')).toBe('img')
    expect(svg.querySelector('[data-mark="bar"]')).not.toBeNull()
  })
})

describe('standalonePlot', () => {
  const markup = (options = clipped()) => {
    const svg = draw(options)
    adoptPlot(svg, 'A chart')
    return standalonePlot(svg, { title: 'A & B', fontFamily: 'Arial, sans-serif' })
  }

  it('gives the same markup for the same chart although Plot counts its clip paths on', () => {
    const first = markup()
    const second = markup()
    expect(second).toBe(first)
    expect(first).not.toContain('plot-clip')
    // Each clip path reference resolves within the figure.
    const ids = [...first.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
    const references = [...first.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1])
    expect(references.length).toBeGreaterThan(0)
    for (const reference of references) expect(ids).toContain(reference)
  })

  it('gives different charts different ids (several figures on one HTML page)', () => {
    const other = markup({ ...clipped(), width: 320 })
    const id = (text: string) => / id="([^"]+)"/.exec(text)![1]
    expect(id(other)).not.toBe(id(markup()))
  })

  it('needs no page CSS: xmlns, title, background, font and ink as attributes', () => {
    const text = markup()
    expect(text).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(text).toContain('<title>A &amp; B</title>')
    expect(text).toContain('font-family="Arial, sans-serif"')
    expect(text).toContain(`fill="${PLOT_INK}"`)
    expect(text).not.toMatch(/currentColor|<style|class=/)
    expect(text).toContain('clipPath')
  })
})

describe('serializeXml', () => {
  it('escapes text and attribute values', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>')
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
    const text = document.createElementNS('http://www.w3.org/2000/svg', 'text')
    text.setAttribute('data-name', 'a "b" & <c>')
    text.textContent = 'x < y & z'
    svg.appendChild(text)
    svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'clipPath'))
    expect(serializeXml(svg)).toBe(
      '<svg><text data-name="a &quot;b&quot; &amp; &lt;c&gt;">x &lt; y &amp; z</text><clipPath/></svg>',
    )
  })
})
