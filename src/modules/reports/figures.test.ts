import { unzlibSync } from 'fflate'
import { DOMParser } from 'linkedom'
import { describe, expect, it } from 'vitest'

import { classIndex, classify } from '../../core/analysis/classify.js'
import { GREY, INK, VERMILLION } from '../../core/charts/colours.js'
import type { Feature, MultiPolygon } from '../../core/geo/geojson.js'
import { NO_DATA_COLOUR, sequentialColours, SUPPRESSED_COLOUR } from '../../core/maps/palettes.js'
import { parseXml } from '../../platform/io/docx.js'
import {
  choroplethFigure,
  type ChoroplethFigureOptions,
  type Figure,
  pyramidFigure,
  rankingFigure,
  svgToPng,
  timeSeriesFigure,
} from './figures.js'

// A 5 × 4 grid of areas near Dortmund; values rise with the column, one area suppressed, one
// without data.
type Area = Feature<MultiPolygon, { code: string; name: string }>
const square = (code: string, lon: number, lat: number): Area => ({
  type: 'Feature',
  properties: { code, name: `Bezirk ${code} & Söhne` },
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [lon, lat],
          [lon + 0.05, lat],
          [lon + 0.05, lat + 0.03],
          [lon, lat + 0.03],
          [lon, lat],
        ],
      ],
    ],
  },
})
const features: Area[] = []
for (let column = 0; column < 5; column++) {
  for (let row = 0; row < 4; row++) {
    features.push(square(`${column}${row}`, 7.4 + column * 0.05, 51.45 + row * 0.03))
  }
}
const SUPPRESSED = '01'
const MISSING = '02'
const values = new Map<string, { value: number | null; status: 'ok' | 'suppressed' | 'missing' }>(
  features.map((feature, index) => {
    const code = feature.properties.code
    if (code === SUPPRESSED) return [code, { value: null, status: 'suppressed' }]
    if (code === MISSING) return [code, { value: null, status: 'missing' }]
    return [code, { value: 4 + index * 1.37 + (index % 3) * 0.4, status: 'ok' }]
  }),
)

const mapOptions: ChoroplethFigureOptions = {
  areas: { type: 'FeatureCollection', features },
  values,
  indicator: { name: 'SGB-II-Quote', unit: '%', decimals: 1, polarity: 'higher_is_worse' },
  title: 'SGB-II-Quote 2024',
  subtitle: 'Musterstadt · Sozialräume',
  source: 'Quelle: Jobcenter & Stadt',
  language: 'de',
  highlight: '22',
}

const parse = (svg: string) =>
  new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as XMLDocument

/** The checks every figure must pass: standalone, accessible, well-formed. */
function expectStandalone(figure: Figure) {
  const { svg } = figure
  // Strictly well-formed XML (the checker of the DOCX writer).
  const root = parseXml(svg)
  expect(root.name).toBe('svg')
  expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg')
  expect(root.attributes.role).toBe('img')
  expect(root.attributes.width).toBe(String(figure.width))
  expect(root.attributes.height).toBe(String(figure.height))
  expect(root.attributes.viewBox).toBe(`0 0 ${figure.width} ${figure.height}`)
  expect(root.attributes['font-family']).toMatch(/^Arial, Liberation Sans, .*sans-serif$/)
  const first = root.children.find((child) => typeof child !== 'string')
  expect(typeof first === 'object' && first.name).toBe('title')
  // Nothing that depends on the page or the network.
  expect(svg).not.toMatch(/<style|currentColor|var\(--|href="http|class="/)
  // Every url(#…) points at an id in the figure.
  const document = parse(svg)
  for (const [, id] of svg.matchAll(/url\(#([^)]+)\)/g)) {
    expect(document.querySelector(`[id="${id}"]`)).not.toBeNull()
  }
  expect(figure.alt.length).toBeGreaterThan(20)
}

describe('choroplethFigure', () => {
  const figure = choroplethFigure(mapOptions)
  const document = parse(figure.svg)
  const shown = [...values].filter(([, v]) => v.value !== null) as [string, { value: number }][]
  // Independently: quantiles in 5 classes (the atlas default), YlOrRd light → dark.
  const { breaks } = classify(
    shown.map(([, v]) => v.value),
    'quantile',
    5,
  )
  const colours = sequentialColours(breaks.length - 1, 'higher_is_worse')
  const expected = (code: string) => {
    const entry = values.get(code)!
    if (entry.status === 'suppressed') return SUPPRESSED_COLOUR
    if (entry.value === null) return NO_DATA_COLOUR
    return colours[classIndex(entry.value, breaks)]
  }

  it('is a standalone, accessible SVG', () => {
    expectStandalone(figure)
    expect(figure.width).toBe(800)
    expect(figure.svg).toContain('<title>SGB-II-Quote 2024</title>')
    expect(figure.svg).toContain('Quelle: Jobcenter &amp; Stadt')
  })

  it('fills every area with the class colour of its value', () => {
    const paths = [...document.querySelectorAll('path[data-code]')]
    expect(paths).toHaveLength(features.length)
    for (const path of paths) {
      const code = path.getAttribute('data-code')!
      expect(path.getAttribute('fill'), code).toBe(expected(code))
    }
    expect(document.querySelector(`[data-code="${SUPPRESSED}"]`)!.getAttribute('fill')).toBe(
      SUPPRESSED_COLOUR,
    )
    expect(document.querySelector(`[data-code="${MISSING}"]`)!.getAttribute('fill')).toBe(
      NO_DATA_COLOUR,
    )
  })

  it('has a legend whose counts add up to the areas, with no data and suppressed', () => {
    expect(figure.legend.map((e) => e.kind)).toEqual([
      'class',
      'class',
      'class',
      'class',
      'class',
      'missing',
      'suppressed',
    ])
    expect(figure.legend.reduce((sum, e) => sum + e.count, 0)).toBe(features.length)
    expect(figure.legend.map((e) => e.colour)).toEqual([
      ...colours,
      NO_DATA_COLOUR,
      SUPPRESSED_COLOUR,
    ])
    // Counts as drawn: one count text per row, German labels of the atlas.
    const counts = [...document.querySelectorAll('text[text-anchor="end"]')].map(
      (t) => t.textContent,
    )
    expect(counts).toEqual(
      figure.legend.map((e) => (e.count === 1 ? '1 Gebiet' : `${e.count} Gebiete`)),
    )
    expect(figure.svg).toContain('keine Daten')
    expect(figure.svg).toContain('geheim gehalten (.)')
    // German number format in the class ranges.
    expect(figure.legend[0]!.label).toMatch(/^\d+,\d – \d+,\d$/)
  })

  it('outlines the highlighted area on top of the others', () => {
    const outline = document.querySelector('[data-highlight="22"]')!
    expect(outline.getAttribute('fill')).toBe('none')
    const area = document.querySelector('path[data-code="22"]')!
    expect(outline.getAttribute('d')).toBe(area.getAttribute('d'))
  })

  it('turns the colours round for higher_is_better', () => {
    const better = choroplethFigure({
      ...mapOptions,
      indicator: { ...mapOptions.indicator, polarity: 'higher_is_better' },
    })
    const top = shown.reduce((a, b) => (b[1].value > a[1].value ? b : a))[0]
    const fill = parse(better.svg).querySelector(`[data-code="${top}"]`)!.getAttribute('fill')
    expect(fill).toBe(sequentialColours(5, 'higher_is_worse')[0])
  })

  it('summarises range, highest areas, suppressed and missing in the text alternative', () => {
    const top = shown.reduce((a, b) => (b[1].value > a[1].value ? b : a))
    const bottom = shown.reduce((a, b) => (b[1].value < a[1].value ? b : a))
    const format = (v: number) => `${v.toFixed(1).replace('.', ',')}\u00a0%`
    expect(figure.alt).toContain(`bis ${format(top[1].value)} (Bezirk ${top[0]} & Söhne)`)
    expect(figure.alt).toContain(`Werte von ${format(bottom[1].value)}`)
    expect(figure.alt).toContain('1 Gebiet geheim gehalten (.)')
    expect(figure.alt).toContain('1 Gebiet ohne Daten')
    expect(figure.svg).toContain(`aria-label="Karte „SGB-II-Quote 2024“`)
  })

  it('speaks English when asked', () => {
    const english = choroplethFigure({ ...mapOptions, language: 'en' })
    expect(english.svg).toContain('suppressed (.)')
    expect(english.svg).toContain('1 area')
    expect(english.legend[0]!.label).toMatch(/^\d+\.\d – \d+\.\d$/)
  })

  it('is deterministic', () => {
    expect(choroplethFigure(mapOptions).svg).toBe(figure.svg)
  })
})

const rows = features.map((feature) => ({
  code: feature.properties.code,
  name: feature.properties.name,
  ...values.get(feature.properties.code)!,
}))

describe('rankingFigure', () => {
  const figure = rankingFigure({
    rows,
    title: 'SGB-II-Quote 2024',
    unit: '%',
    decimals: 1,
    highlight: '22',
    language: 'de',
  })
  const document = parse(figure.svg)
  const bars = [...document.querySelectorAll('[data-mark="bar"] rect')]

  it('is a standalone, accessible SVG', () => expectStandalone(figure))

  it('draws one bar per valued area, sorted from the highest down', () => {
    expect(bars).toHaveLength(features.length - 2)
    const widths = bars.map((bar) => Number(bar.getAttribute('width')))
    expect(widths).toEqual([...widths].sort((a, b) => b - a))
    const ys = bars.map((bar) => Number(bar.getAttribute('y')))
    expect(ys).toEqual([...ys].sort((a, b) => a - b))
    const names = bars.map((bar) => bar.querySelector('title')!.textContent!.split(':')[0])
    const expectedOrder = rows
      .filter((r) => r.value !== null)
      .sort((a, b) => b.value! - a.value!)
      .map((r) => r.name)
    expect(names).toEqual(expectedOrder)
  })

  it('highlights the chosen area in vermillion with an outline, the others grey', () => {
    const marked = bars.filter((bar) => bar.getAttribute('fill') === VERMILLION)
    expect(marked).toHaveLength(1)
    expect(marked[0]!.querySelector('title')!.textContent).toMatch(/^Bezirk 22 & Söhne: /)
    expect(marked[0]!.getAttribute('stroke')).toBe(INK)
    expect(bars.filter((bar) => bar.getAttribute('fill') === GREY)).toHaveLength(bars.length - 1)
    const rank = rows
      .filter((r) => r.value !== null)
      .sort((a, b) => b.value! - a.value!)
      .findIndex((r) => r.code === '22')
    expect(figure.alt).toContain(`Rang ${rank + 1} von ${bars.length}`)
    expect(figure.alt).toContain('ohne Wert: 2 Gebiete, davon 1 geheim gehalten')
  })

  it('is deterministic', () => {
    expect(
      rankingFigure({
        rows,
        title: 'SGB-II-Quote 2024',
        unit: '%',
        decimals: 1,
        highlight: '22',
        language: 'de',
      }).svg,
    ).toBe(figure.svg)
  })
})

describe('timeSeriesFigure', () => {
  const years = [2019, 2020, 2021, 2022, 2023, 2024]
  const series = [
    {
      label: 'Nordstadt',
      emphasis: true,
      points: years.map((period, i) => ({ period, value: i === 2 ? null : 10 + i })),
    },
    {
      label: 'Stadtbezirk Mitte',
      points: years.map((period, i) => ({ period, value: 8 + i / 2 })),
    },
    { label: 'Musterstadt', points: years.map((period, i) => ({ period, value: 9 + i / 5 })) },
  ]
  const figure = timeSeriesFigure({
    series,
    title: 'SGB-II-Quote',
    unit: '%',
    decimals: 1,
    language: 'de',
  })
  const document = parse(figure.svg)

  it('is a standalone, accessible SVG', () => expectStandalone(figure))

  it('draws one line per series, broken at the gap, and a legend', () => {
    const lines = [...document.querySelectorAll('[data-mark="line"]')]
    expect(lines).toHaveLength(series.length)
    // The missing year splits the first line into two segments (two M commands).
    const first = lines[0]!.querySelector('path')!.getAttribute('d')!
    expect(first.match(/M/g)).toHaveLength(2)
    expect(document.querySelectorAll('[data-mark="dot"]')).toHaveLength(series.length)
    const legend = [...document.querySelectorAll('[data-mark="legend"] [data-series]')]
    expect(legend.map((g) => g.getAttribute('data-series'))).toEqual(series.map((s) => s.label))
    expect(figure.svg).toContain('>Jahr')
    expect(figure.alt).toContain('Nordstadt von 10,0\u00a0% (2019) auf 15,0\u00a0% (2024)')
  })

  it('is deterministic', () => {
    const again = timeSeriesFigure({
      series,
      title: 'SGB-II-Quote',
      unit: '%',
      decimals: 1,
      language: 'de',
    })
    expect(again.svg).toBe(figure.svg)
  })
})

describe('pyramidFigure', () => {
  const groups = ['0–4', '5–9', '10–14', '15–19'].map((age, i) => ({
    age,
    male: i === 3 ? null : 100 + i * 10,
    female: 95 + i * 10,
  }))
  const figure = pyramidFigure({ groups, title: 'Bevölkerung 2024', language: 'de' })
  const document = parse(figure.svg)

  it('is a standalone, accessible SVG', () => expectStandalone(figure))

  it('draws a bar per shown cell and "." for the suppressed one', () => {
    expect(document.querySelectorAll('[data-mark="bar"] rect')).toHaveLength(7)
    const symbols = [...document.querySelectorAll('[data-mark="text"] text')].map(
      (t) => t.textContent,
    )
    expect(symbols).toEqual(['.'])
    expect(figure.alt).toContain('330 Männer und 440 Frauen')
    expect(figure.alt).toContain('1 Wert geheim gehalten')
  })
})

describe('figures without values', () => {
  it('say so instead of drawing an empty chart', () => {
    const figure = rankingFigure({
      rows: [{ code: 'a', name: 'A', value: null, status: 'suppressed' }],
      title: 'Leer',
      unit: '%',
      decimals: 1,
      language: 'de',
    })
    expectStandalone(figure)
    expect(figure.svg).toContain('Keine darstellbaren Werte.')
  })
})

/** A minimal PNG decoder (8-bit RGBA, not interlaced): what resvg writes. */
function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  let offset = 8
  let width = 0
  let height = 0
  const idat: Uint8Array[] = []
  while (offset < png.length) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8))
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8)
      height = view.getUint32(offset + 12)
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]) // 8 bit, RGBA, no interlace
    } else if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0))
  idat.reduce((at, d) => (joined.set(d, at), at + d.length), 0)
  const raw = unzlibSync(joined)
  const stride = width * 4
  const rgba = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0
      const p = a + b - c
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!
      rgba[y * stride + x] = (line[x]! + predictor) & 0xff
    }
  }
  return { width, height, rgba }
}

describe('svgToPng', () => {
  const figure = choroplethFigure(mapOptions)
  const scale = 2
  const png = svgToPng(figure.svg, figure.width * scale)
  const image = decodePng(png)
  const pixel = (x: number, y: number) => {
    const at = (Math.round(y) * image.width + Math.round(x)) * 4
    const hex = [...image.rgba.subarray(at, at + 3)]
      .map((c) => c.toString(16).padStart(2, '0'))
      .join('')
    return `#${hex}`
  }

  it('keeps the aspect ratio at the width asked for', () => {
    expect(image.width).toBe(figure.width * scale)
    expect(image.height).toBe(figure.height * scale)
  })

  it('paints each area in its class colour at its centre', () => {
    const document = parse(figure.svg)
    for (const path of document.querySelectorAll('path[data-code]')) {
      const numbers = [...path.getAttribute('d')!.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)]
      const xs = numbers.map((m) => Number(m[1]))
      const ys = numbers.map((m) => Number(m[2]))
      const cx = ((Math.min(...xs) + Math.max(...xs)) / 2) * scale
      const cy = ((Math.min(...ys) + Math.max(...ys)) / 2) * scale
      expect(pixel(cx, cy), path.getAttribute('data-code')!).toBe(path.getAttribute('fill'))
    }
  })

  it('renders the text with a system font (dark pixels in the title line)', () => {
    // The title is drawn at x = 16, baseline y = 28, 18 px bold; scan its box.
    let dark = 0
    for (let y = 14 * scale; y < 30 * scale; y++) {
      for (let x = 16 * scale; x < 200 * scale; x++) {
        const at = (y * image.width + x) * 4
        if (image.rgba[at]! < 80 && image.rgba[at + 1]! < 80 && image.rgba[at + 2]! < 80) dark++
      }
    }
    expect(dark).toBeGreaterThan(500)
  })

  it('renders chart figures too, and refuses a senseless width', () => {
    const chart = rankingFigure({ rows, title: 'T', unit: '%', decimals: 1, language: 'de' })
    const decoded = decodePng(svgToPng(chart.svg, 800))
    expect(decoded.width).toBe(800)
    expect(decoded.height).toBe(Math.round((chart.height * 800) / chart.width))
    expect(() => svgToPng(chart.svg, 0)).toThrow('1 to 10000 px, got 0')
  })
})
