import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { COMPRESSIBLE, Precompressed, preferredEncoding } from './compression.js'

describe('preferredEncoding', () => {
  it('prefers Brotli, honours weights and refusals, and falls back to none', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(preferredEncoding('gzip, deflate')).toBe('gzip')
    expect(preferredEncoding('gzip;q=1, br;q=0.5')).toBe('gzip')
    expect(preferredEncoding('br;q=0, gzip')).toBe('gzip')
    expect(preferredEncoding(' br ; q=0 , gzip ')).toBe('gzip')
    expect(preferredEncoding('*')).toBe('br')
    expect(preferredEncoding('*;q=0.1, br;q=0')).toBe('gzip')
    expect(preferredEncoding('identity')).toBeNull()
    expect(preferredEncoding('br;q=0, gzip;q=0')).toBeNull()
    expect(preferredEncoding('')).toBeNull()
    expect(preferredEncoding(undefined)).toBeNull()
  })
})

describe('Precompressed', () => {
  it('compresses once per encoding and gives back the same bytes', async () => {
    const text = JSON.stringify({ arcs: Array.from({ length: 2000 }, (_, i) => [i, -i]) })
    const answer = new Precompressed(text)
    const br = await answer.encoded('br')
    expect(await answer.encoded('br')).toBe(br)
    expect(brotliDecompressSync(br).toString()).toBe(text)
    expect(gunzipSync(await answer.encoded('gzip')).toString()).toBe(text)
    expect(br.length).toBeLessThan(text.length / 4)
  })
})

describe('COMPRESSIBLE', () => {
  it('takes text, JSON, XML, SVG, scripts and vector tiles, not binary formats or event streams', () => {
    const yes = [
      'application/json; charset=utf-8',
      'application/geo+json',
      'text/csv; charset=utf-8',
      'text/html',
      'text/javascript; charset=utf-8',
      'application/javascript',
      'image/svg+xml',
      'application/vnd.mapbox-vector-tile',
    ]
    const no = [
      'application/pdf',
      'application/zip',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
      'image/png',
      'text/event-stream',
    ]
    for (const type of yes) expect(COMPRESSIBLE.test(type), type).toBe(true)
    for (const type of no) expect(COMPRESSIBLE.test(type), type).toBe(false)
  })
})
