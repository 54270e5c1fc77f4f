/**
 * Reads an ESRI Shapefile: zipped (`.zip` holding `.shp`, `.dbf`, `.prj`, optionally `.cpg`) or as
 * loose files. Geometry comes from the `.shp` (mbostock's `shapefile` reader), attributes from
 * the `.dbf`, decoded with the encoding of the `.cpg` file, the one the user chose, or — for a DBF
 * without `.cpg`, as ArcView and older GIS wrote them — Windows-1252.
 */
import { open } from 'shapefile'

import { readZip, type ZipLimits } from '../zip.js'
import { crsInfo, detectCrsFromPrj, suggestCrs } from './crs.js'
import { BoundaryError } from './errors.js'
import { eachPosition, type RawGeometry } from './reproject.js'
import type { BoundaryFeature, ParsedBoundaries, ReadOptions } from './types.js'

/** The files of one shapefile, by extension. `.shp` and `.dbf` are required. */
export interface ShapefileParts {
  shp: Uint8Array
  dbf?: Uint8Array
  prj?: Uint8Array
  cpg?: Uint8Array
}

/** DBF text encoding used when there is no `.cpg` and no option: what ArcView 3 and Excel wrote. */
export const DEFAULT_DBF_ENCODING = 'windows-1252'

/**
 * Maps a `.cpg` or option label to a WHATWG encoding name: `UTF-8`, `65001`, `1252`, `ANSI 1252`,
 * `CP1252`, `ISO-8859-1`, `88591`, `ISO 8859-15`, `latin1`… Throws ENCODING_UNKNOWN for others.
 *
 * @example
 * resolveEncoding('ANSI 1252', 'a.cpg') // 'windows-1252'
 */
export function resolveEncoding(label: string, from: string): string {
  const l = label
    .trim()
    .toUpperCase()
    .replace(/^ANSI\s+/, '')
  const windows = /^(?:CP|WINDOWS[-_ ]?)?(125\d)$/.exec(l)
  const iso = /^(?:ISO[-_ ]?)?8859[-_ ]?(\d{1,2})$/.exec(l) // also "88591", "885915"
  let name: string
  if (/^UTF[-_ ]?8$/.test(l) || l === '65001') name = 'utf-8'
  else if (windows) name = `windows-${windows[1]}`
  else if (iso) name = `iso-8859-${iso[1]}`
  else name = label.trim().toLowerCase()
  try {
    new TextDecoder(name)
  } catch {
    throw new BoundaryError(
      'ENCODING_UNKNOWN',
      `${from} names the text encoding "${label.trim()}", which is not known; expected e.g. UTF-8, 1252 (Windows-1252), ISO-8859-1 or ISO-8859-15. Pass --encoding to override.`,
    )
  }
  return name
}

/**
 * Parses the parts of one shapefile. `file` names it in messages (e.g. `bezirke.zip: bezirke.shp`).
 *
 * @example
 * const parsed = await parseShapefile({ shp, dbf, prj, cpg }, 'bezirke.shp')
 */
export async function parseShapefile(
  parts: ShapefileParts,
  file: string,
  options: ReadOptions = {},
): Promise<ParsedBoundaries> {
  if (!parts.dbf) {
    throw new BoundaryError(
      'SHAPEFILE_PARTS',
      `${file} has no .dbf file beside it; expected the attribute table (.dbf) with the area codes and names.`,
    )
  }
  let crs: ParsedBoundaries['crs']
  if (options.crs !== undefined) {
    crs = { epsg: options.crs, declaredBy: 'the --crs option', detail: crsInfo(options.crs)!.name }
  } else if (parts.prj) {
    const detected = detectCrsFromPrj(
      new TextDecoder('utf-8').decode(parts.prj),
      `${stem(file)}.prj`,
    )
    crs = { epsg: detected.epsg, declaredBy: 'the .prj file', detail: detected.detail }
  } else {
    crs = { epsg: 4326, declaredBy: 'nothing (no .prj file)', detail: 'unknown' }
  }
  let encoding: ParsedBoundaries['encoding']
  if (options.encoding !== undefined) {
    encoding = {
      name: resolveEncoding(options.encoding, 'The --encoding option'),
      source: 'option',
    }
  } else if (parts.cpg) {
    const label = new TextDecoder('utf-8').decode(parts.cpg)
    encoding = { name: resolveEncoding(label, `${stem(file)}.cpg`), source: 'cpg' }
  } else {
    encoding = { name: DEFAULT_DBF_ENCODING, source: 'default' }
  }

  const features: BoundaryFeature[] = []
  try {
    const source = await open(parts.shp, parts.dbf, { encoding: encoding.name })
    for (;;) {
      const { done, value } = await source.read()
      if (done) break
      features.push({
        index: features.length,
        properties: (value.properties ?? {}) as Record<string, unknown>,
        geometry: (value.geometry as RawGeometry | null) ?? null,
      })
    }
  } catch (error) {
    if (error instanceof BoundaryError) throw error
    throw new BoundaryError(
      'FILE_INVALID',
      `${file} could not be read as a shapefile (${(error as Error).message}); expected polygon shapes (.shp) with an attribute table (.dbf).`,
    )
  }
  if (!parts.prj && options.crs === undefined) {
    let first: [number, number] | undefined
    for (const f of features) {
      eachPosition(f.geometry?.coordinates, (x, y) => (first ??= [x, y]))
      if (first) break
    }
    const hint = first ? suggestCrs(first[0], first[1]) : null
    throw new BoundaryError(
      'CRS_UNKNOWN',
      `${file} has no .prj file, so its coordinate reference system is unknown; add the .prj or pass --crs EPSG:nnnn${hint && first ? ` (the first coordinate ${first[0]}, ${first[1]} looks like ${hint})` : ''}.`,
    )
  }
  return {
    format: 'shapefile',
    fields: features[0] ? Object.keys(features[0].properties) : [],
    features,
    crs,
    encoding,
  }
}

/** True for entries a ZIP tool adds beside the data (macOS resource forks). */
const isJunk = (name: string) => name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name)
const stem = (name: string) => name.replace(/\.[^./]*$/, '')
const extension = (name: string) => /\.([^./]*)$/.exec(name)?.[1]?.toLowerCase() ?? ''

/**
 * Finds the one shapefile in a ZIP archive (in any folder) with its `.dbf`, `.prj` and `.cpg`.
 * The archive is read with the limits of `readZip` (entry count, size, compression ratio, names).
 */
export async function parseZippedShapefile(
  bytes: Uint8Array,
  file: string,
  options: ReadOptions & { zipLimits?: Partial<ZipLimits> } = {},
): Promise<ParsedBoundaries> {
  const entries = readZip(bytes, {
    source: file,
    ...(options.zipLimits ? { limits: options.zipLimits } : {}),
    filter: (name) => !isJunk(name) && ['shp', 'dbf', 'prj', 'cpg'].includes(extension(name)),
  })
  const shps = entries.filter((e) => extension(e.name) === 'shp')
  if (shps.length !== 1) {
    throw new BoundaryError(
      'SHAPEFILE_PARTS',
      shps.length === 0
        ? `${file} holds no .shp file; expected a zipped shapefile (.shp, .dbf, .prj, optionally .cpg).`
        : `${file} holds ${shps.length} shapefiles (${shps.map((e) => e.name).join(', ')}); expected one per archive.`,
    )
  }
  const shp = shps[0]!
  const sidecar = (ext: string) =>
    entries.find(
      (e) =>
        stem(e.name).toLowerCase() === stem(shp.name).toLowerCase() && extension(e.name) === ext,
    )?.data
  const parts: ShapefileParts = { shp: shp.data }
  const dbf = sidecar('dbf')
  const prj = sidecar('prj')
  const cpg = sidecar('cpg')
  if (dbf) parts.dbf = dbf
  if (prj) parts.prj = prj
  if (cpg) parts.cpg = cpg
  return parseShapefile(parts, `${file}: ${shp.name}`, options)
}
