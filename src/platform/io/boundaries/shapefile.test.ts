import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'

import { readZip } from '../zip.js'
import { BoundaryError } from './errors.js'
import { readBoundaryFile } from './index.js'
import { resolveEncoding } from './shapefile.js'

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../test/fixtures/boundaries',
)
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name))
/** The files of the UTM fixture by extension. */
const parts = Object.fromEntries(
  readZip(fixture('sozialraum-25832.zip')).map((e) => [path.extname(e.name).slice(1), e.data]),
) as Record<'shp' | 'shx' | 'dbf' | 'prj' | 'cpg', Uint8Array>

async function failure(promise: Promise<unknown>): Promise<BoundaryError> {
  try {
    await promise
  } catch (e) {
    expect(e).toBeInstanceOf(BoundaryError)
    return e as BoundaryError
  }
  throw new Error('expected a BoundaryError')
}

describe('resolveEncoding', () => {
  it.each([
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['65001', 'utf-8'],
    ['1252', 'windows-1252'],
    ['ANSI 1252', 'windows-1252'],
    ['CP1252', 'windows-1252'],
    ['ISO-8859-1', 'iso-8859-1'],
    ['88591', 'iso-8859-1'],
    ['ISO 8859-15', 'iso-8859-15'],
    ['latin1', 'latin1'],
  ])('maps %s to %s', (label, name) => {
    expect(resolveEncoding(`${label}\r\n`, 'a.cpg')).toBe(name)
  })

  it('refuses unknown encodings, naming where the label came from', () => {
    expect(() => resolveEncoding('KLINGON', 'grenzen.cpg')).toThrow(
      /grenzen\.cpg names the text encoding "KLINGON", which is not known/,
    )
  })
})

describe('zipped shapefiles', () => {
  it('reads the fixture: fields, CRS from .prj, encoding from .cpg, WGS 84 output', async () => {
    const file = await readBoundaryFile({ name: 'sr.zip', bytes: fixture('sozialraum-25832.zip') })
    expect(file.format).toBe('shapefile')
    expect(file.fields).toEqual(['code', 'name', 'bezirk'])
    expect(file.crs.epsg).toBe(25832)
    expect(file.encoding).toEqual({ name: 'utf-8', source: 'cpg' })
    expect(file.features).toHaveLength(33)
    const [lon, lat] = (file.features[0]!.geometry!.coordinates as number[][][])[0]![0]!
    expect(lon).toBeGreaterThan(9.2)
    expect(lon).toBeLessThan(9.6)
    expect(lat).toBeGreaterThan(52.2)
    expect(lat).toBeLessThan(52.4)
  })

  it('finds the shapefile in a folder and ignores macOS resource forks', async () => {
    const zip = zipSync({
      'grenzen/sozialraum.shp': parts.shp,
      'grenzen/sozialraum.dbf': parts.dbf,
      'grenzen/sozialraum.prj': parts.prj,
      '__MACOSX/grenzen/._sozialraum.shp': strToU8('junk'),
    })
    const file = await readBoundaryFile({ name: 'sr.zip', bytes: zip })
    expect(file.features).toHaveLength(33)
    expect(file.encoding).toEqual({ name: 'windows-1252', source: 'default' })
  })

  it('wants exactly one .shp, a .dbf, and a .prj or --crs', async () => {
    const two = zipSync({ 'a.shp': parts.shp, 'a.dbf': parts.dbf, 'b.shp': parts.shp })
    expect((await failure(readBoundaryFile({ name: 'two.zip', bytes: two }))).message).toMatch(
      /two\.zip holds 2 shapefiles \(a\.shp, b\.shp\); expected one per archive/,
    )
    const none = zipSync({ 'readme.txt': strToU8('x') })
    expect((await failure(readBoundaryFile({ name: 'none.zip', bytes: none }))).message).toMatch(
      /holds no \.shp file/,
    )
    const noDbf = zipSync({ 'a.shp': parts.shp, 'a.prj': parts.prj })
    expect((await failure(readBoundaryFile({ name: 'x.zip', bytes: noDbf }))).message).toMatch(
      /x\.zip: a\.shp has no \.dbf file/,
    )
    const noPrj = zipSync({ 'a.shp': parts.shp, 'a.dbf': parts.dbf })
    const e = await failure(readBoundaryFile({ name: 'x.zip', bytes: noPrj }))
    expect(e.code).toBe('CRS_UNKNOWN')
    expect(e.message).toMatch(/has no \.prj file.*looks like EPSG:25832 or EPSG:25833/)
    const withOption = await readBoundaryFile({ name: 'x.zip', bytes: noPrj }, { crs: 25832 })
    expect(withOption.crs.declaredBy).toBe('the --crs option')
  })

  it('reads a loose .shp with sidecars', async () => {
    const file = await readBoundaryFile({
      name: 'sozialraum.shp',
      bytes: parts.shp,
      sidecars: { dbf: parts.dbf, prj: parts.prj, cpg: parts.cpg },
    })
    expect(file.features).toHaveLength(33)
    expect(file.features.map((f) => f.properties.name)).toContain('Gänsewiese')
  })

  it('refuses formats it does not know', async () => {
    expect(
      (await failure(readBoundaryFile({ name: 'a.gpkg', bytes: new Uint8Array(1) }))).message,
    ).toMatch(/"\.gpkg" is not supported; expected \.geojson/)
  })
})
