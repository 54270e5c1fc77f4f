import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'

import { crc32, isSafeEntryName, readZip, ZipError } from './zip.js'

const text = (s: string) => strToU8(s)

function expectZipError(fn: () => unknown, code: string, message: RegExp) {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ZipError)
    expect((error as ZipError).code).toBe(code)
    expect((error as Error).message).toMatch(message)
    return
  }
  throw new Error(`expected a ZipError ${code}`)
}

describe('readZip', () => {
  it('reads stored and deflated entries, in folders, with UTF-8 names', () => {
    const zip = zipSync({
      'a.txt': [text('hello'), { level: 0 }],
      'grenzen/b.txt': text('x'.repeat(10_000)),
      'grenzen/ä.txt': text('Größe'),
    })
    const entries = readZip(zip)
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'grenzen/b.txt', 'grenzen/ä.txt'])
    expect(new TextDecoder().decode(entries[1]!.data)).toBe('x'.repeat(10_000))
    expect(new TextDecoder().decode(entries[2]!.data)).toBe('Größe')
  })

  it('inflates only the entries the filter selects', () => {
    const zip = zipSync({ 'a.shp': text('1'), 'b.txt': text('2') })
    expect(readZip(zip, { filter: (n) => n.endsWith('.shp') }).map((e) => e.name)).toEqual([
      'a.shp',
    ])
  })

  it('rejects path traversal and absolute names, naming the entry', () => {
    expectZipError(
      () => readZip(zipSync({ '../evil.shp': text('x') }), { source: 'evil.zip' }),
      'ZIP_UNSAFE_NAME',
      /evil\.zip contains the entry "\.\.\/evil\.shp"/,
    )
    expectZipError(
      () => readZip(zipSync({ '/etc/passwd': text('x') })),
      'ZIP_UNSAFE_NAME',
      /passwd/,
    )
    // Even when the filter would skip it: the whole archive is refused.
    expectZipError(
      () =>
        readZip(zipSync({ 'a/../../b.dbf': text('x'), 'ok.shp': text('y') }), {
          filter: (n) => n === 'ok.shp',
        }),
      'ZIP_UNSAFE_NAME',
      /a\/\.\.\/\.\.\/b\.dbf/,
    )
  })

  it('tells safe names from unsafe ones', () => {
    expect(isSafeEntryName('a/b.shp')).toBe(true)
    expect(isSafeEntryName('a..b.shp')).toBe(true)
    expect(isSafeEntryName('..\\evil.shp')).toBe(false)
    expect(isSafeEntryName('C:/evil.shp')).toBe(false)
    expect(isSafeEntryName('\\\\server\\share')).toBe(false)
    expect(isSafeEntryName('')).toBe(false)
  })

  it('stops a zip bomb by its compression ratio', () => {
    const zeros = new Uint8Array(20 * 1024 * 1024) // 20 MiB of zeros deflate about 1000-fold
    const bomb = zipSync({ 'bomb.dbf': [zeros, { level: 9 }] })
    expect(bomb.length).toBeLessThan(100 * 1024)
    expectZipError(
      () => readZip(bomb, { source: 'bomb.zip' }),
      'ZIP_BOMB',
      /bomb\.zip, entry "bomb\.dbf" expands \d+-fold/,
    )
  })

  it('stops an entry that expands beyond the size its directory entry declares', () => {
    const zeros = new Uint8Array(4 * 1024 * 1024)
    const zip = zipSync({ 'liar.dbf': zeros })
    // Lie about the size in the central directory: declare 1,000 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
    const central = findSignature(zip, 0x02014b50)
    view.setUint32(central + 24, 1000, true)
    expectZipError(
      () => readZip(zip, { limits: { maxRatio: 10_000 } }),
      'ZIP_BOMB',
      /beyond the 1000 bytes/,
    )
  })

  it('enforces the entry count and the total size', () => {
    const many: Record<string, Uint8Array> = {}
    for (let i = 0; i < 11; i++) many[`f${i}.txt`] = text(String(i))
    expectZipError(
      () => readZip(zipSync(many), { limits: { maxEntries: 10 } }),
      'ZIP_TOO_MANY_ENTRIES',
      /holds 11 entries; expected at most 10/,
    )
    const big = zipSync({ 'a.bin': randomBytes(3000), 'b.bin': randomBytes(3000) })
    expectZipError(
      () => readZip(big, { limits: { maxTotalBytes: 5000 } }),
      'ZIP_TOO_LARGE',
      /b\.bin/,
    )
  })

  it('reports damage: not a zip, CRC mismatch, truncation', () => {
    expectZipError(
      () => readZip(text('not a zip at all, really not')),
      'ZIP_INVALID',
      /not a ZIP archive/,
    )
    const zip = zipSync({ 'a.txt': [text('hello world'), { level: 0 }] })
    const damaged = zip.slice()
    damaged[30 + 'a.txt'.length] = 'j'.charCodeAt(0) // first data byte of the stored entry
    expectZipError(() => readZip(damaged), 'ZIP_INVALID', /CRC-32 mismatch/)
  })

  it('computes the standard CRC-32', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926)
  })
})

function findSignature(bytes: Uint8Array, signature: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === signature) return i
  throw new Error('signature not found')
}

function randomBytes(n: number): Uint8Array {
  // Deterministic incompressible bytes (xorshift32), so the total-size test is not a ratio test.
  const out = new Uint8Array(n)
  let x = 2463534242
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}
