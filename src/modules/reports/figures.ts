/**
 * Figures of reports, drawn on the server with the atlas's own code: maps with `svgMap`, classes,
 * palettes and legend of `core/maps`, charts with the Observable Plot options of `core/charts`
 * (Plot renders into a linkedom document instead of the browser's). Every figure is a standalone,
 * deterministic SVG — `xmlns`, width/height/viewBox, `role="img"`, `<title>`, all styling as
 * attributes, no external references, ids derived from the content — so HTML, PDF and DOCX embed
 * the same markup; `svgToPng` rasterises it for DOCX.
 *
 * API
 * - `choroplethFigure(options): ChoroplethFigure` — a map of one indicator by area (values only).
 * - `rankingFigure(options): Figure` — areas as bars, highest first, one highlighted.
 * - `timeSeriesFigure(options): Figure` — one line per series (area, parent, city), legend below.
 * - `pyramidFigure(options): Figure` — residents by age group and sex, legend below.
 * - `svgToPng(svg, widthPx): Uint8Array` — PNG of a figure, `widthPx` wide (resvg).
 * - `FIGURE_FONT_FAMILY` — the font list of all figure text.
 * - `reportChartFormat(language): ChartFormat` — the charts' number format in a report language.
 *
 * `Figure` is `{ svg, alt, width, height }`: markup, a text alternative that summarises the data
 * (range, highest and lowest areas, …), and the SVG's size in px (for the aspect ratio).
 *
 * Fonts: text is set in Arial, falling back to Liberation Sans (metrically identical to Arial; on
 * Debian it comes with Chromium's dependencies), then DejaVu Sans and Helvetica. DOCX uses Arial
 * too, so figures and running text match. resvg loads the system fonts on each call (~10 ms).
 *
 * @example
 * const map = choroplethFigure({ areas, values, indicator, title: 'SGB-II-Quote 2024', source: 'Quelle: …', language: 'de' })
 * const png = svgToPng(map.svg, 1600)
 */
import * as Plot from '@observablehq/plot'
import { renderAsync, Resvg } from '@resvg/resvg-js'
import { parseHTML } from 'linkedom'

import type { ClassificationMethod } from '../../core/analysis/classify.js'
import { seriesStyle } from '../../core/charts/colours.js'
import { CHART_LABELS, type ChartFormat, type ValueStatus } from '../../core/charts/format.js'
import { adoptPlot, PLOT_INK, standalonePlot } from '../../core/charts/plot.js'
import {
  pyramidBars,
  pyramidPlot,
  type PyramidGroup,
  SEX_COLOURS,
} from '../../core/charts/pyramid.js'
import { rankingPlot, rankRows, type RankingRow } from '../../core/charts/ranking.js'
import { seriesPeriods, type TimeSeries, timeSeriesPlot } from '../../core/charts/timeSeries.js'
import { escapeXml } from '../../core/format/xml.js'
import type { FeatureCollection, MultiPolygon } from '../../core/geo/geojson.js'
import type { Polarity } from '../../core/indicators/types.js'
import {
  buildChoropleth,
  DEFAULT_MAP_CLASSES,
  DEFAULT_MAP_METHOD,
  fillOf,
  type MapInputRow,
  mapData,
  type MapStatus,
} from '../../core/maps/choropleth.js'
import {
  LEGEND_LABELS,
  legendDigits,
  legendEntries,
  type LegendEntry,
} from '../../core/maps/legend.js'
import { NO_DATA_COLOUR } from '../../core/maps/palettes.js'
import { svgMap } from '../../core/maps/svg.js'
import {
  formatNumber,
  formatWithUnit,
  quote,
  REPORT_LOCALES,
  type ReportLanguage,
} from '../../core/report/format.js'

/** The font list of all figure text (see the file comment). */
export const FIGURE_FONT_FAMILY = 'Arial, Liberation Sans, DejaVu Sans, Helvetica, sans-serif'

/** A finished figure. */
export interface Figure {
  /** Standalone SVG markup. */
  svg: string
  /** Text alternative: what the figure shows, with the key numbers. */
  alt: string
  /** Size of the SVG in px. */
  width: number
  height: number
}

const XMLNS = 'http://www.w3.org/2000/svg'

/** The chart number formatter of a report language (core/report/format.ts: no negative zero). */
export function reportChartFormat(language: ReportLanguage): ChartFormat {
  const collator = new Intl.Collator(REPORT_LOCALES[language], {
    numeric: true,
    sensitivity: 'base',
  })
  return {
    locale: REPORT_LOCALES[language],
    integer: (value) => formatNumber(value, 0, language),
    decimal: (value, digits) => formatNumber(value, digits, language),
    compare: (a, b) => collator.compare(a, b),
  }
}

/** The size of svgMap's output (its root starts `<svg xmlns=… width=… height=…`). */
const sizeOf = (svg: string): { width: number; height: number } => {
  const match = /^<svg [^>]*?width="([\d.]+)" height="([\d.]+)"/.exec(svg)
  if (!match) throw new Error('Expected an <svg> with width and height.')
  return { width: Number(match[1]), height: Number(match[2]) }
}

/** "12 Gebiete" / "1 area". */
const areaCount = (count: number, language: ReportLanguage) =>
  count === 1
    ? LEGEND_LABELS[language].countOne
    : LEGEND_LABELS[language].count.replace('{count}', formatNumber(count, 0, language))

/** "A, B und C" / "A, B and C". */
const listing = (items: readonly string[], language: ReportLanguage) =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${language === 'de' ? 'und' : 'and'} ${items.at(-1)}`

const valueText = (value: number, decimals: number, unit: string, language: ReportLanguage) =>
  unit ? formatWithUnit(value, decimals, unit, language) : formatNumber(value, decimals, language)

// ---------------------------------------------------------------------------------------------
// Maps

export interface ChoroplethFigureOptions {
  /** The areas of one layer in WGS 84 (GeoJSON as the API sends it). */
  areas: FeatureCollection<MultiPolygon, { code: string; name: string }>
  /** Values by area code after disclosure control; areas without an entry count as no data. */
  values: ReadonlyMap<string, { value: number | null; status: MapStatus }>
  /** The indicator: name and unit in the report language, decimals and polarity of the catalogue. */
  indicator: { name: string; unit: string; decimals: number; polarity: Polarity }
  /** Drawn above the map, e.g. „SGB-II-Quote 2024“. */
  title: string
  subtitle?: string
  /** Source line below the legend, e.g. „Quelle: Jobcenter. Darstellung: Musterstadt“. */
  source: string
  language: ReportLanguage
  /** Classification (default: the atlas's, quantiles in 5 classes). */
  method?: ClassificationMethod
  classes?: number
  /** Inner class bounds for method `manual`. */
  breaks?: readonly number[]
  /** Code of an area to outline. */
  highlight?: string
  /** Width in px (default 800, as the atlas's SVG download). */
  width?: number
}

/** A map figure with its legend rows (classes with bounds, colours, counts). */
export interface ChoroplethFigure extends Figure {
  legend: LegendEntry[]
}

/**
 * A choropleth map as the atlas draws it: same classes, palettes (oriented by polarity), legend
 * with „keine Daten“ and „geheim gehalten (.)“ and their counts, number format and projection.
 *
 * @example choroplethFigure({ areas, values, indicator: { name: 'SGB-II-Quote', unit: '%', decimals: 1, polarity: 'higher_is_worse' }, title: 'SGB-II-Quote 2024', source: 'Quelle: Jobcenter', language: 'de' }).legend.length // 7
 */
export function choroplethFigure(options: ChoroplethFigureOptions): ChoroplethFigure {
  const { areas, values, indicator, language } = options
  const rows: MapInputRow[] = areas.features.map((feature) => {
    const entry = values.get(feature.properties.code)
    return {
      areaCode: feature.properties.code,
      areaName: feature.properties.name,
      value: entry?.value ?? null,
      diffCity: null,
      status: entry?.status ?? 'missing',
    }
  })
  const data = mapData('value', rows)
  const method = options.method ?? DEFAULT_MAP_METHOD
  const choropleth = buildChoropleth(data, {
    mode: 'value',
    polarity: indicator.polarity,
    method,
    k: options.classes ?? DEFAULT_MAP_CLASSES,
    breaks: options.breaks ?? null,
  })
  const digits = legendDigits(indicator.decimals, choropleth.breaks)
  const number = (value: number) => formatNumber(value, digits, language)
  const legend = legendEntries(choropleth, {
    range: (lower, upper) => `${number(lower)} – ${number(upper)}`,
    missing: LEGEND_LABELS[language].missing,
    suppressed: LEGEND_LABELS[language].suppressed,
  })
  const fills = new Map<string, string>()
  for (const [code, datum] of data) fills.set(code, fillOf(datum, choropleth))

  // The text alternative: what, how many, the range and the three highest areas.
  const shown = [...data.values()]
    .filter((d): d is typeof d & { value: number } => d.value !== null)
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, REPORT_LOCALES[language]))
  const de = language === 'de'
  const v = (value: number) => valueText(value, indicator.decimals, indicator.unit, language)
  const parts = [
    de
      ? `Karte ${quote(options.title, language)}: ${indicator.name} nach Gebieten, ${areaCount(rows.length, language)}`
      : `Map ${quote(options.title, language)}: ${indicator.name} by area, ${areaCount(rows.length, language)}`,
  ]
  if (shown.length > 0) {
    const top = shown[0]!
    const bottom = shown.at(-1)!
    const classes = choropleth.colours.length
    parts.push(
      de
        ? `${classes} ${classes === 1 ? 'Klasse' : 'Klassen'}; Werte von ${v(bottom.value)} (${bottom.name}) bis ${v(top.value)} (${top.name})`
        : `${classes} ${classes === 1 ? 'class' : 'classes'}; values from ${v(bottom.value)} (${bottom.name}) to ${v(top.value)} (${top.name})`,
    )
    const highest = shown.slice(0, Math.min(3, shown.length))
    if (shown.length > 3) {
      parts.push(
        `${de ? 'am höchsten' : 'highest'}: ${listing(
          highest.map((d) => `${d.name} (${v(d.value)})`),
          language,
        )}`,
      )
    }
  }
  const marked = options.highlight ? data.get(options.highlight) : undefined
  if (marked) {
    parts.push(
      `${de ? 'hervorgehoben' : 'highlighted'}: ${marked.name}${
        marked.value !== null ? ` (${v(marked.value)})` : ''
      }`,
    )
  }
  const hidden = [
    choropleth.suppressed > 0
      ? `${areaCount(choropleth.suppressed, language)} ${LEGEND_LABELS[language].suppressed}`
      : '',
    choropleth.missing > 0
      ? `${areaCount(choropleth.missing, language)} ${de ? 'ohne Daten' : 'without data'}`
      : '',
  ].filter(Boolean)
  if (hidden.length > 0) parts.push(listing(hidden, language))
  const alt = `${parts.join('; ')}.`

  const svg = svgMap({
    areas,
    fills,
    fallback: NO_DATA_COLOUR,
    title: options.title,
    subtitle: options.subtitle,
    legendTitle: indicator.unit ? `in ${indicator.unit}` : indicator.name,
    legend,
    countLabel: (count) => areaCount(count, language),
    source: options.source,
    width: options.width ?? 800,
    lang: language,
    fontFamily: FIGURE_FONT_FAMILY,
    highlight: options.highlight,
    alt,
  })
  return { svg, alt, ...sizeOf(svg), legend }
}

// ---------------------------------------------------------------------------------------------
// Charts

interface LegendItem {
  label: string
  colour: string
  /** A line (with dash pattern and width) or a square. */
  swatch: { kind: 'line'; dash: string | null; width: number } | { kind: 'square' }
}

/**
 * A legend under a Plot chart, wrapped to its width: the page shows it as HTML beside the SVG
 * (web/charts), a standalone figure needs it inside. Text widths are estimated (0.6 em per
 * character), as there is no layout engine.
 */
function appendLegend(svg: Element, items: readonly LegendItem[], fontSize: number): void {
  const document = svg.ownerDocument
  const width = Number(svg.getAttribute('width'))
  const height = Number(svg.getAttribute('height'))
  const rowHeight = fontSize + 10
  const group = document.createElementNS(XMLNS, 'g')
  group.setAttribute('data-mark', 'legend')
  group.setAttribute('font-size', String(fontSize))
  group.setAttribute('text-anchor', 'start')
  let x = 16
  let row = 0
  for (const item of items) {
    const itemWidth = 44 + Math.ceil(item.label.length * fontSize * 0.6)
    if (x > 16 && x + itemWidth > width - 16) {
      row += 1
      x = 16
    }
    const y = height + 8 + row * rowHeight + rowHeight / 2
    const entry = document.createElementNS(XMLNS, 'g')
    entry.setAttribute('data-series', item.label)
    if (item.swatch.kind === 'line') {
      const line = document.createElementNS(XMLNS, 'line')
      for (const [name, value] of Object.entries({
        x1: x,
        x2: x + 32,
        y1: y,
        y2: y,
        stroke: item.colour,
        'stroke-width': item.swatch.width,
      })) {
        line.setAttribute(name, String(value))
      }
      if (item.swatch.dash) line.setAttribute('stroke-dasharray', item.swatch.dash)
      entry.appendChild(line)
    } else {
      const square = document.createElementNS(XMLNS, 'rect')
      for (const [name, value] of Object.entries({
        x: x + 9,
        y: y - 7,
        width: 14,
        height: 14,
        fill: item.colour,
      })) {
        square.setAttribute(name, String(value))
      }
      entry.appendChild(square)
    }
    const text = document.createElementNS(XMLNS, 'text')
    text.setAttribute('x', String(x + 40))
    text.setAttribute('y', String(y))
    text.setAttribute('dy', '0.32em')
    text.setAttribute('fill', PLOT_INK)
    text.textContent = item.label
    entry.appendChild(text)
    group.appendChild(entry)
    x += itemWidth + 16
  }
  svg.appendChild(group)
  const total = height + 8 + (row + 1) * rowHeight + 8
  svg.setAttribute('height', String(total))
  svg.setAttribute('viewBox', `0 0 ${width} ${total}`)
}

const FONT_SIZE = 12

/** Renders Plot options into a standalone SVG (fresh linkedom document per figure). */
function renderPlot(
  options: Plot.PlotOptions,
  meta: { title: string; alt: string; language: ReportLanguage; legend?: readonly LegendItem[] },
): Figure {
  const { document } = parseHTML('<!doctype html><html><body></body></html>')
  const svg = Plot.plot({
    ...options,
    document,
    className: 'plot',
    figure: false,
  }) as unknown as Element
  if (svg.localName !== 'svg') {
    throw new Error(`Plot returned a <${svg.localName}>; expected an <svg> (figure: false).`)
  }
  adoptPlot(svg, meta.alt)
  if (meta.legend) appendLegend(svg, meta.legend, FONT_SIZE)
  const markup = standalonePlot(svg, {
    title: meta.title,
    alt: meta.alt,
    fontFamily: FIGURE_FONT_FAMILY,
    fontSize: FONT_SIZE,
    lang: meta.language,
  })
  const width = Number(svg.getAttribute('width'))
  const height = Number(svg.getAttribute('height'))
  return { svg: markup, alt: meta.alt, width, height }
}

/** An SVG that says there is nothing to draw (all values suppressed or missing). */
function emptyFigure(title: string, language: ReportLanguage, width: number): Figure {
  const message = language === 'de' ? 'Keine darstellbaren Werte.' : 'No values to show.'
  const alt = `${quote(title, language)}: ${message}`
  const height = 60
  const svg =
    `<svg xmlns="${XMLNS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" lang="${language}" role="img" aria-label="${escapeXml(alt)}" font-family="${FIGURE_FONT_FAMILY}" font-size="${FONT_SIZE}">` +
    `<title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="16" y="34" fill="${PLOT_INK}">${escapeXml(message)}</text></svg>`
  return { svg, alt, width, height }
}

export interface RankingFigureOptions {
  rows: readonly RankingRow[]
  title: string
  /** Unit in the report language (the axis label). */
  unit: string
  decimals: number
  /** Code of the area to highlight (vermillion bar, outlined, value printed). */
  highlight?: string
  /** Colour bars by class, e.g. with the map's legend; default grey. */
  colourOf?: (value: number) => string
  language: ReportLanguage
  /** Width in px (default 640). */
  width?: number
}

/**
 * The ranking chart of the area profile: bars from the highest value down (rows without a value
 * are left out and counted in the text alternative).
 *
 * @example rankingFigure({ rows, title: 'SGB-II-Quote 2024', unit: '%', decimals: 1, highlight: '01.02', language: 'de' }).svg
 */
export function rankingFigure(options: RankingFigureOptions): Figure {
  const { language, unit, decimals } = options
  const format = reportChartFormat(language)
  const { valued, rest } = rankRows(options.rows, format.compare)
  const width = options.width ?? 640
  if (valued.length === 0) return emptyFigure(options.title, language, width)
  const de = language === 'de'
  const v = (value: number) => valueText(value, decimals, unit, language)
  const top = valued[0]!
  const bottom = valued.at(-1)!
  const parts = [
    de
      ? `Balkendiagramm ${quote(options.title, language)}: ${areaCount(valued.length, language)} nach Wert geordnet, von ${top.name} (${v(top.value)}) bis ${bottom.name} (${v(bottom.value)})`
      : `Bar chart ${quote(options.title, language)}: ${areaCount(valued.length, language)} ordered by value, from ${top.name} (${v(top.value)}) to ${bottom.name} (${v(bottom.value)})`,
  ]
  const position = valued.findIndex((r) => r.code === options.highlight)
  if (position >= 0) {
    const row = valued[position]!
    parts.push(
      de
        ? `hervorgehoben: ${row.name}, Rang ${position + 1} von ${valued.length} (${v(row.value)})`
        : `highlighted: ${row.name}, rank ${position + 1} of ${valued.length} (${v(row.value)})`,
    )
  }
  if (rest.length > 0) {
    const suppressed = rest.filter((r) => r.status === 'suppressed').length
    parts.push(
      de
        ? `ohne Wert: ${areaCount(rest.length, language)}${suppressed > 0 ? `, davon ${suppressed} geheim gehalten` : ''}`
        : `without a value: ${areaCount(rest.length, language)}${suppressed > 0 ? `, ${suppressed} of them suppressed` : ''}`,
    )
  }
  const alt = `${parts.join('; ')}.`
  return renderPlot(
    rankingPlot({
      valued,
      unit,
      decimals,
      format,
      highlight: options.highlight,
      colourOf: options.colourOf,
      width,
    }),
    { title: options.title, alt, language },
  )
}

export interface TimeSeriesFigureOptions {
  /** Typically the area (first, `emphasis`), its parent and the city. */
  series: readonly TimeSeries[]
  title: string
  /** Unit in the report language (the axis label). */
  unit: string
  decimals: number
  language: ReportLanguage
  /** Width in px (default 640). */
  width?: number
}

/**
 * The time series chart of the area profile with a legend of its series below.
 *
 * @example timeSeriesFigure({ series: [{ label: 'Nordstadt', points, emphasis: true }, …], title: 'SGB-II-Quote', unit: '%', decimals: 1, language: 'de' }).svg
 */
export function timeSeriesFigure(options: TimeSeriesFigureOptions): Figure {
  const { series, language, unit, decimals } = options
  const width = options.width ?? 640
  const periods = seriesPeriods(series)
  if (!series.some((s) => s.points.some((p) => p.value !== null))) {
    return emptyFigure(options.title, language, width)
  }
  const de = language === 'de'
  const v = (value: number) => valueText(value, decimals, unit, language)
  const courses = series.map((s) => {
    const valued = s.points
      .filter((p): p is typeof p & { value: number } => p.value !== null)
      .sort((a, b) => a.period - b.period)
    if (valued.length === 0) return `${s.label}: ${de ? 'keine Werte' : 'no values'}`
    const first = valued[0]!
    const last = valued.at(-1)!
    if (valued.length === 1) return `${s.label}: ${v(first.value)} (${first.period})`
    return de
      ? `${s.label} von ${v(first.value)} (${first.period}) auf ${v(last.value)} (${last.period})`
      : `${s.label} from ${v(first.value)} (${first.period}) to ${v(last.value)} (${last.period})`
  })
  const alt = `${
    de
      ? `Liniendiagramm ${quote(options.title, language)}, ${periods[0]} bis ${periods.at(-1)}`
      : `Line chart ${quote(options.title, language)}, ${periods[0]} to ${periods.at(-1)}`
  }: ${courses.join('; ')}.`
  return renderPlot(
    timeSeriesPlot({
      series,
      periods,
      unit,
      decimals,
      format: reportChartFormat(language),
      periodLabel: CHART_LABELS[language].period,
      width,
    }),
    {
      title: options.title,
      alt,
      language,
      legend: series.map((s, i) => {
        const style = seriesStyle(i)
        return {
          label: s.label,
          colour: style.colour,
          swatch: { kind: 'line', dash: style.dash, width: s.emphasis ? 3 : 2 },
        }
      }),
    },
  )
}

export interface PyramidFigureOptions {
  /** Age groups from the youngest to the oldest; null values with their status. */
  groups: readonly PyramidGroup[]
  title: string
  language: ReportLanguage
  /** Width in px (default 640). */
  width?: number
}

/**
 * The population pyramid of the area profile (men left, women right, „.“ where a cell is
 * suppressed) with a legend below.
 *
 * @example pyramidFigure({ groups: [{ age: '0–4', male: 120, female: 115 }, …], title: 'Bevölkerung 2024', language: 'de' }).svg
 */
export function pyramidFigure(options: PyramidFigureOptions): Figure {
  const { groups, language } = options
  const width = options.width ?? 640
  const { bars, hidden } = pyramidBars(groups)
  if (bars.length === 0) return emptyFigure(options.title, language, width)
  const labels = CHART_LABELS[language]
  const de = language === 'de'
  const sum = (sex: 'male' | 'female') =>
    bars.filter((b) => b.sex === sex).reduce((total, b) => total + Math.abs(b.x), 0)
  const byAge = new Map<string, number>()
  for (const b of bars) byAge.set(b.age, (byAge.get(b.age) ?? 0) + Math.abs(b.x))
  const [largestAge, largest] = [...byAge].reduce((a, b) => (b[1] > a[1] ? b : a))
  const n = (value: number) => formatNumber(value, 0, language)
  const parts = [
    de
      ? `Bevölkerungspyramide ${quote(options.title, language)}: ${groups.length} Altersgruppen, ${n(sum('male'))} Männer und ${n(sum('female'))} Frauen; am stärksten besetzt: ${largestAge} (${n(largest)})`
      : `Population pyramid ${quote(options.title, language)}: ${groups.length} age groups, ${n(sum('male'))} men and ${n(sum('female'))} women; largest group: ${largestAge} (${n(largest)})`,
  ]
  if (hidden.length > 0) {
    parts.push(
      de
        ? `${hidden.length} ${hidden.length === 1 ? 'Wert' : 'Werte'} geheim gehalten (.), in den Summen nicht enthalten`
        : `${hidden.length} ${hidden.length === 1 ? 'value' : 'values'} suppressed (.), not in the totals`,
    )
  }
  const alt = `${parts.join('; ')}.`
  return renderPlot(
    pyramidPlot({
      groups,
      format: reportChartFormat(language),
      labels: { male: labels.male, female: labels.female, persons: labels.persons },
      width,
    }),
    {
      title: options.title,
      alt,
      language,
      legend: (['male', 'female'] as const).map((sex) => ({
        label: labels[sex],
        colour: SEX_COLOURS[sex],
        swatch: { kind: 'square' },
      })),
    },
  )
}

// ---------------------------------------------------------------------------------------------
// PNG

/**
 * Rasterises a figure to PNG, `widthPx` wide (the height keeps the aspect ratio), on white, with
 * the system fonts (see `FIGURE_FONT_FAMILY`). For DOCX, 2× the printed width in px at 96 dpi is
 * sharp enough: 160 mm ≈ 605 px → 1210 px.
 *
 * @example svgToPng(choroplethFigure(options).svg, 1600) // Uint8Array starting with 89 50 4E 47
 */
export function svgToPng(svg: string, widthPx: number): Uint8Array {
  const png = new Resvg(svg, pngOptions(widthPx)).render().asPng()
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength)
}

/** `svgToPng` on a thread of libuv's pool, so a server keeps answering while a report renders. */
export async function svgToPngAsync(svg: string, widthPx: number): Promise<Uint8Array> {
  const png = (await renderAsync(svg, pngOptions(widthPx))).asPng()
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength)
}

function pngOptions(widthPx: number) {
  if (!Number.isFinite(widthPx) || widthPx < 1 || widthPx > 10_000) {
    throw new RangeError(`svgToPng: expected a width of 1 to 10000 px, got ${String(widthPx)}.`)
  }
  return {
    fitTo: { mode: 'width' as const, value: Math.round(widthPx) },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' },
    logLevel: 'off' as const,
  }
}

export type { LegendEntry, RankingRow, TimeSeries, PyramidGroup, ValueStatus }
