/**
 * The map as a standalone SVG: the areas projected with Web Mercator (as MapLibre draws them),
 * filled with the same class colours, with title, legend and source below. Pure (string in, string
 * out), so reports can reuse it and tests check it without a browser.
 */
import type { FeatureCollection, MultiPolygon, Position } from '../../../core/geo/geojson.js'
import type { LegendEntry } from '../legend/entries.js'

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
}

/** Web Mercator of longitude/latitude in units of the world width (0…1, y downwards). */
export function mercator([lon, lat]: Position): [number, number] {
  const phi = (Math.max(-85.05113, Math.min(85.05113, lat)) * Math.PI) / 180
  return [(lon + 180) / 360, (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2]
}

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  )

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

  const paths = projected.map(({ properties, polygons }) => {
    const d = polygons
      .flatMap((polygon) =>
        polygon.map((ring) => `M${ring.map(([x, y]) => `${toX(x)},${toY(y)}`).join('L')}Z`),
      )
      .join('')
    const fill = options.fills.get(properties.code) ?? options.fallback
    return `<path d="${d}" fill="${fill}" data-code="${escapeXml(properties.code)}"><title>${escapeXml(properties.name)}</title></path>`
  })

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
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"${options.lang ? ` lang="${options.lang}"` : ''} font-family="sans-serif" font-size="13" fill="#171a1f">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin}" y="28" font-size="18" font-weight="bold">${escapeXml(options.title)}</text>`,
    options.subtitle
      ? `<text x="${margin}" y="48" fill="#4a5363">${escapeXml(options.subtitle)}</text>`
      : '',
    `<g stroke="#4b5563" stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">`,
    ...paths,
    `</g>`,
    `<text x="${margin}" y="${legendTop + 4}" font-weight="bold">${escapeXml(options.legendTitle)}</text>`,
    ...legendRows,
    `<text x="${margin}" y="${height - 12}" font-size="11" fill="#4a5363">${escapeXml(options.source)}</text>`,
    `</svg>`,
  ].join('\n')
}
