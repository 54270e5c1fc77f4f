import { describe, expect, it } from 'vitest'

import type { Feature, MultiPolygon } from '../geo/geojson.js'
import type { LegendEntry } from './legend.js'
import { mercator, svgMap } from './svg.js'

const square = (
  code: string,
  x: number,
  y: number,
): Feature<MultiPolygon, { code: string; name: string }> => ({
  type: 'Feature',
  properties: { code, name: `Gebiet <${code}>` },
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    ],
  },
})

describe('mercator', () => {
  it('maps the equator and the prime meridian to the middle of the world', () => {
    expect(mercator([0, 0])).toEqual([0.5, 0.5])
    expect(mercator([180, 0])[0]).toBe(1)
    // Web Mercator: y(45°) = 0.5 − ln(tan(67.5°)) / 2π
    expect(mercator([0, 45])[1]).toBeCloseTo(
      0.5 - Math.log(Math.tan((67.5 * Math.PI) / 180)) / (2 * Math.PI),
      12,
    )
  })
})

describe('svgMap', () => {
  const legend: LegendEntry[] = [
    { key: 'class-0', kind: 'class', colour: '#ffffb2', label: '1 – 2', count: 1 },
    { key: 'missing', kind: 'missing', colour: '#d4d4d4', label: 'keine Daten', count: 1 },
  ]
  const svg = svgMap({
    areas: { type: 'FeatureCollection', features: [square('a', 9, 52), square('b', 10, 52)] },
    fills: new Map([['a', '#ffffb2']]),
    fallback: '#d4d4d4',
    title: 'SGB-II-Quote 2024',
    legendTitle: 'in %',
    legend,
    countLabel: (n) => `${n} Gebiet`,
    source: 'Quelle: Test & Co.',
    width: 400,
  })

  it('draws every area with its class colour, the fallback otherwise', () => {
    expect(svg.match(/<path /g)).toHaveLength(2)
    expect(svg).toContain('fill="#ffffb2" data-code="a"')
    expect(svg).toContain('fill="#d4d4d4" data-code="b"')
  })

  it('fits the areas into the width and keeps their aspect', () => {
    const xs = [...svg.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]))
    expect(Math.min(...xs)).toBe(16)
    expect(Math.max(...xs)).toBe(384)
  })

  it('has title, legend and source, with text escaped', () => {
    expect(svg).toContain('<title>SGB-II-Quote 2024</title>')
    expect(svg).toContain('Gebiet &lt;a&gt;')
    expect(svg).toContain('keine Daten')
    expect(svg).toContain('Quelle: Test &amp; Co.')
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  })
})

describe('svgMap for reports', () => {
  const options = {
    areas: {
      type: 'FeatureCollection' as const,
      features: [square('a', 9, 52), square('b', 10, 52)],
    },
    fills: new Map([['a', '#ffffb2']]),
    fallback: '#d4d4d4',
    title: 'SGB-II-Quote 2024',
    legendTitle: 'in %',
    legend: [],
    countLabel: (n: number) => `${n}`,
    source: 'Quelle',
    width: 400,
  }

  it('outlines the highlighted area above all areas, with the same outline', () => {
    const svg = svgMap({ ...options, highlight: 'b' })
    const area = /<path d="([^"]+)" fill="#d4d4d4" data-code="b">/.exec(svg)![1]
    const outline = /<path d="([^"]+)" fill="none"[^>]*data-highlight="b"\/>/.exec(svg)
    expect(outline![1]).toBe(area)
    expect(svg.indexOf('data-highlight')).toBeGreaterThan(svg.lastIndexOf('data-code'))
    expect(svgMap(options)).not.toContain('data-highlight')
  })

  it('is one image with an accessible name when given a text alternative, and takes a font', () => {
    const svg = svgMap({ ...options, alt: 'Karte „A & B“', fontFamily: 'Arial, sans-serif' })
    expect(svg).toMatch(/^<svg [^>]* role="img" aria-label="Karte „A &amp; B“"/)
    expect(svg).toContain('font-family="Arial, sans-serif"')
    expect(svgMap(options)).not.toContain('role=')
    expect(svgMap(options)).toContain('font-family="sans-serif"')
  })
})
