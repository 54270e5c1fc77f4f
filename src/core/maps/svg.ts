/**
 * The map as a standalone SVG: the areas projected with Web Mercator (as MapLibre draws them),
 * filled with the same class colours, with title, legend and source below. Pure (string in, string
 * out): the atlas offers it as a download, reports embed it (modules/reports/figures.ts), and tests
 * check it without a browser.
 */
import { escapeXml } from '../format/xml.js'
import type { FeatureCollection, MultiPolygon, Position } from '../geo/geojson.js'
import type { LegendEntry } from './legend.js'

export interface SvgMapOptions {
  areas: FeatureCollection<MultiPolygon, { code: string; name: string }>
  /** Fill colour by area code; areas without one take `fallback`. */
  fills: ReadonlyMap<string, string>
  fallback: string
  title: string
  subtitle?: string
  legendTitle: string
  legend: readonly LegendEntry[]
  /** Count text of a legend row, e.g. `n => '12 Gebiete'`. */
  countLabel: (count: number) => string
  source: string
  /** Width of the map in px (default 800). */
  width?: number
  /** Language of the text (`<svg lang>`). */
  lang?: string
  /** CSS font-family list of all text (default `sans-serif`). */
  fontFamily?: string
  /** Code of an area to outline (drawn again on top with a thick dark border). */
  highlight?: string
  /** A text alternative: when given, the SVG is one image (`role="img"`) with this accessible name. */
  alt?: string
}

/** Web Mercator of longitude/latitude in units of the world width (0…1, y downwards). */
export function mercator([lon, lat]: Position): [number, number] {
  const phi = (Math.max(-85.05113, Math.min(85.05113, lat)) * Math.PI) / 180
  return [(lon + 180) / 360, (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2]
}

const round = (value: number) => Math.round(value * 10) / 10

/**
 * Builds the SVG document.
 *
 * @example svgMap({ areas, fills, fallback: '#d4d4d4', title: 'SGB-II-Quote 2024', … }).startsWith('<svg') // true
 */
export function svgMap(options: SvgMapOptions): string {
  const width = options.width ?? 800
  const margin = 16
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  const projected = options.areas.features.map((feature) => {
    const polygons = (feature.geometry?.coordinates ?? []).map((polygon) =>
      polygon.map((ring) =>
        ring.map((position) => {
          const [x, y] = mercator(position)
          if (x < minX) minX = x
          if (x > maxX) maxX = x
          if (y < minY) minY = y
          if (y > maxY) maxY = y
          return [x, y] as const
        }),
      ),
    )
    return { properties: feature.properties, polygons }
  })
  const spanX = maxX - minX || 1e-9
  const spanY = maxY - minY || 1e-9
  const scale = (width - 2 * margin) / spanX
  const titleHeight = options.subtitle ? 56 : 36
  const mapHeight = Math.max(1, Math.round(spanY * scale))
  const top = titleHeight + margin
  const toX = (x: number) => round(margin + (x - minX) * scale)
  const toY = (y: number) => round(top + (y - minY) * scale)

  const pathData = (polygons: (typeof projected)[number]['polygons']) =>
    polygons
      .flatMap((polygon) =>
        polygon.map((ring) => `M${ring.map(([x, y]) => `${toX(x)},${toY(y)}`).join('L')}Z`),
      )
      .join('')
  const paths = projected.map(({ properties, polygons }) => {
    const fill = options.fills.get(properties.code) ?? options.fallback
    return `<path d="${pathData(polygons)}" fill="${fill}" data-code="${escapeXml(properties.code)}"><title>${escapeXml(properties.name)}</title></path>`
  })
  // The outline goes on top of all areas, so neighbours do not cover half of it.
  const marked = projected.find((area) => area.properties.code === options.highlight)
  const outline = marked
    ? `<path d="${pathData(marked.polygons)}" fill="none" stroke="#171a1f" stroke-width="3" stroke-linejoin="round" data-highlight="${escapeXml(marked.properties.code)}"/>`
    : ''

  const legendTop = top + mapHeight + 24
  const rowHeight = 22
  const legendRows = options.legend.map((entry, index) => {
    const y = legendTop + 24 + index * rowHeight
    return (
      `<rect x="${margin}" y="${y - 13}" width="24" height="16" fill="${entry.colour}" stroke="#4b5563" stroke-width="0.8"/>` +
      `<text x="${margin + 34}" y="${y}">${escapeXml(entry.label)}</text>` +
      `<text x="${width - margin}" y="${y}" text-anchor="end" fill="#4a5363">${escapeXml(options.countLabel(entry.count))}</text>`
    )
  })
  const height = legendTop + 24 + options.legend.length * rowHeight + 32

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"${options.lang ? ` lang="${options.lang}"` : ''}${options.alt !== undefined ? ` role="img" aria-label="${escapeXml(options.alt)}"` : ''} font-family="${escapeXml(options.fontFamily ?? 'sans-serif')}" font-size="13" fill="#171a1f">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin}" y="28" font-size="18" font-weight="bold">${escapeXml(options.title)}</text>`,
    options.subtitle
      ? `<text x="${margin}" y="48" fill="#4a5363">${escapeXml(options.subtitle)}</text>`
      : '',
    `<g stroke="#4b5563" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">`,
    ...paths,
    `</g>`,
    ...(outline ? [outline] : []),
    `<text x="${margin}" y="${legendTop + 4}" font-weight="bold">${escapeXml(options.legendTitle)}</text>`,
    ...legendRows,
    `<text x="${margin}" y="${height - 12}" font-size="11" fill="#4a5363">${escapeXml(options.source)}</text>`,
    `</svg>`,
  ].join('\n')
}
