/**
 * Boundary files in, WGS 84 features out: GeoJSON and Shapefiles (zipped or loose) in the systems
 * German municipalities use (crs.ts), reprojected in TypeScript (reproject.ts).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { ZipLimits } from '../zip.js'
import { crsInfo } from './crs.js'
import { BoundaryError, type BoundaryIssue } from './errors.js'
import { parseGeoJson } from './geojson.js'
import { checkDomain, reprojectGeometry, toWgs84 } from './reproject.js'
import { parseShapefile, parseZippedShapefile, type ShapefileParts } from './shapefile.js'
import type { BoundaryFile, ParsedBoundaries, ReadOptions } from './types.js'

export * from './crs.js'
export * from './errors.js'
export { parseGeoJson } from './geojson.js'
export {
  COORDINATE_DECIMALS,
  PROJ4_DEFINITIONS,
  reprojectGeometry,
  toWgs84,
  type RawGeometry,
} from './reproject.js'
export {
  DEFAULT_DBF_ENCODING,
  parseShapefile,
  parseZippedShapefile,
  resolveEncoding,
  type ShapefileParts,
} from './shapefile.js'
export type * from './types.js'

/** A boundary file in memory: its name (for the format and messages), bytes and sidecar files. */
export interface BoundaryInput {
  /** e.g. `sozialraeume.zip`, `bezirke.geojson`, `bloecke.shp` */
  name: string
  bytes: Uint8Array
  /** For a loose `.shp`: the `.dbf`, `.prj`, `.cpg` beside it, keyed by extension without dot. */
  sidecars?: Partial<Record<'dbf' | 'prj' | 'cpg', Uint8Array>>
}

export type ReadBoundaryOptions = ReadOptions & { zipLimits?: Partial<ZipLimits> }

/**
 * Reads a boundary file and reprojects it to WGS 84 lon/lat with 7 decimals. The format follows
 * the file name: `.geojson`/`.json`, `.zip` (a zipped shapefile) or `.shp` (with sidecars).
 *
 * @example
 * const file = await readBoundaryFile({ name: 'bezirke.zip', bytes })
 * file.crs.epsg // 25832, from the .prj
 */
export async function readBoundaryFile(
  input: BoundaryInput,
  options: ReadBoundaryOptions = {},
): Promise<BoundaryFile> {
  const ext = path.extname(input.name).toLowerCase()
  let parsed: ParsedBoundaries
  if (ext === '.geojson' || ext === '.json') {
    parsed = parseGeoJson(input.bytes, input.name, options)
  } else if (ext === '.zip') {
    parsed = await parseZippedShapefile(input.bytes, input.name, options)
  } else if (ext === '.shp') {
    const parts: ShapefileParts = { shp: input.bytes, ...input.sidecars }
    parsed = await parseShapefile(parts, input.name, options)
  } else {
    throw new BoundaryError(
      'FILE_FORMAT',
      `${input.name}: the format "${ext || 'without extension'}" is not supported; expected .geojson/.json (GeoJSON), .zip (zipped shapefile) or .shp (with .dbf and .prj beside it).`,
    )
  }
  checkDomain(
    parsed.features.map((f) => f.geometry),
    parsed.crs.epsg,
    input.name,
    `${parsed.crs.declaredBy} declares`,
  )
  const transform = toWgs84(parsed.crs.epsg)
  const issues: BoundaryIssue[] = []
  const features = parsed.features.map((f) => ({
    ...f,
    geometry: reprojectGeometry(f.geometry, transform, f.index, issues),
  }))
  return { ...parsed, fileName: input.name, features, issues }
}

/**
 * Reads a boundary file from disk; for a `.shp` also the `.dbf`, `.prj` and `.cpg` beside it
 * (any letter case). Returns the input too, so the caller can hash exactly the bytes it read.
 */
export async function readBoundaryPath(
  filePath: string,
  options: ReadBoundaryOptions = {},
): Promise<{ input: BoundaryInput; file: BoundaryFile }> {
  const input = await loadBoundaryInput(filePath)
  return { input, file: await readBoundaryFile(input, options) }
}

/** The bytes of a boundary file and, for a `.shp`, of its sidecar files. */
export async function loadBoundaryInput(filePath: string): Promise<BoundaryInput> {
  const name = path.basename(filePath)
  const input: BoundaryInput = { name, bytes: await readFile(filePath) }
  if (path.extname(name).toLowerCase() === '.shp') {
    const base = filePath.slice(0, -4)
    input.sidecars = {}
    for (const ext of ['dbf', 'prj', 'cpg'] as const) {
      for (const candidate of [ext, ext.toUpperCase()]) {
        const data = await readFile(`${base}.${candidate}`).catch(() => undefined)
        if (data) {
          input.sidecars[ext] = data
          break
        }
      }
    }
  }
  return input
}

/** The name of a supported CRS for reports, e.g. "EPSG:25832 (ETRS89 / UTM zone 32N)". */
export function describeCrs(epsg: number): string {
  const info = crsInfo(epsg)
  return info ? `EPSG:${epsg} (${info.name})` : `EPSG:${epsg}`
}
