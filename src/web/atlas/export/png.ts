/**
 * The map as a PNG picture: the MapLibre canvas (kept readable by `preserveDrawingBuffer`) with
 * title above and legend and source below, drawn with the browser's own fonts. And the one way the
 * atlas hands a file to the browser (`saveFile`).
 */
import type { LegendEntry } from '../../../core/maps/legend.js'

export interface PngOptions {
  title: string
  subtitle?: string
  legendTitle: string
  legend: readonly LegendEntry[]
  countLabel: (count: number) => string
  source: string
}

/** Draws map, title, legend and source onto a new canvas and encodes it as PNG. */
export function pngOfMap(map: HTMLCanvasElement, options: PngOptions): Promise<Blob> {
  const ratio = map.width / (map.getBoundingClientRect().width || map.width)
  const cssWidth = map.width / ratio
  const margin = 16
  const titleHeight = options.subtitle ? 60 : 40
  const rowHeight = 22
  const legendHeight = 36 + options.legend.length * rowHeight + 28
  const cssHeight = titleHeight + map.height / ratio + legendHeight
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(cssWidth * ratio)
  canvas.height = Math.round(cssHeight * ratio)
  const context = canvas.getContext('2d')
  if (!context) return Promise.reject(new Error('The browser gave no 2D canvas for the picture.'))
  context.scale(ratio, ratio)
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, cssWidth, cssHeight)
  context.fillStyle = '#171a1f'
  context.font = 'bold 18px sans-serif'
  context.fillText(options.title, margin, 28)
  if (options.subtitle) {
    context.font = '13px sans-serif'
    context.fillStyle = '#4a5363'
    context.fillText(options.subtitle, margin, 48)
  }
  context.drawImage(map, 0, titleHeight, cssWidth, map.height / ratio)

  let y = titleHeight + map.height / ratio + 28
  context.fillStyle = '#171a1f'
  context.font = 'bold 13px sans-serif'
  context.fillText(options.legendTitle, margin, y)
  context.font = '13px sans-serif'
  for (const entry of options.legend) {
    y += rowHeight
    context.fillStyle = entry.colour
    context.fillRect(margin, y - 13, 24, 16)
    context.strokeStyle = '#4b5563'
    context.strokeRect(margin, y - 13, 24, 16)
    context.fillStyle = '#171a1f'
    context.textAlign = 'left'
    context.fillText(entry.label, margin + 34, y)
    context.fillStyle = '#4a5363'
    context.textAlign = 'right'
    context.fillText(options.countLabel(entry.count), cssWidth - margin, y)
  }
  context.textAlign = 'left'
  context.font = '11px sans-serif'
  context.fillStyle = '#4a5363'
  context.fillText(options.source, margin, cssHeight - 12)

  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded.'))),
      'image/png',
    ),
  )
}

/** Offers `blob` as a download named `filename`. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A file name from its parts: lower case, ASCII, dashes. @example fileName(['SGB II', 'sgb2_rate', 2024], 'png') // 'sgb-ii-sgb2_rate-2024.png' */
export function fileName(parts: readonly (string | number)[], extension: string): string {
  const base = parts
    .map((part) =>
      String(part)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/ß/g, 'ss')
        .toLowerCase()
        .replace(/[^a-z0-9._]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-')
  return `${base || 'karte'}.${extension}`
}
