/**
 * Reads a GeoJSON FeatureCollection (RFC 7946: UTF-8, WGS 84 longitude/latitude). A legacy `crs`
 * member (GeoJSON 2008, still written by GDAL for projected data), such as
 * `urn:ogc:def:crs:EPSG::25832`, is honoured; without it the coordinates are lon/lat.
 */
import { crsFromGeoJsonMember, crsInfo } from './crs.js'
import { BoundaryError } from './errors.js'
import type { RawGeometry } from './reproject.js'
import type { BoundaryFeature, ParsedBoundaries, ReadOptions } from './types.js'

/**
 * Parses the bytes of a GeoJSON file. Features keep the file's coordinates; reprojection follows.
 *
 * @example
 * const parsed = parseGeoJson(readFileSync('bezirke.geojson'), 'bezirke.geojson')
 */
export function parseGeoJson(
  bytes: Uint8Array,
  file: string,
  options: ReadOptions = {},
): ParsedBoundaries {
  const encoding = options.encoding ?? 'utf-8'
  let text: string
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch (error) {
    if (error instanceof RangeError) {
      throw new BoundaryError(
        'ENCODING_UNKNOWN',
        `The encoding "${encoding}" is not known; expected e.g. utf-8, windows-1252, iso-8859-1.`,
      )
    }
    throw new BoundaryError(
      'FILE_INVALID',
      `${file} is not valid ${encoding} text; GeoJSON (RFC 7946) must be UTF-8. Pass --encoding if the file uses another encoding.`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new BoundaryError(
      'FILE_INVALID',
      `${file} is not valid JSON (${(error as Error).message}); expected a GeoJSON FeatureCollection.`,
    )
  }
  const root = json as { type?: unknown; features?: unknown; crs?: unknown } | null
  let rawFeatures: unknown[]
  if (root?.type === 'FeatureCollection' && Array.isArray(root.features)) {
    rawFeatures = root.features
  } else if (root?.type === 'Feature') {
    rawFeatures = [root]
  } else {
    throw new BoundaryError(
      'FILE_INVALID',
      `${file} is a GeoJSON ${typeof root?.type === 'string' ? `"${root.type}"` : 'value without "type"'}; expected a "FeatureCollection" with an array "features".`,
    )
  }

  let crs: ParsedBoundaries['crs']
  if (options.crs !== undefined) {
    crs = { epsg: options.crs, declaredBy: 'the --crs option', detail: crsInfo(options.crs)!.name }
  } else if (root.crs !== undefined && root.crs !== null) {
    const epsg = crsFromGeoJsonMember(root.crs, file)
    crs = { epsg, declaredBy: 'the GeoJSON "crs" member', detail: crsInfo(epsg)!.name }
  } else {
    crs = { epsg: 4326, declaredBy: 'RFC 7946 (no "crs" member)', detail: 'WGS 84 lon/lat' }
  }

  const fields: string[] = []
  const seen = new Set<string>()
  const features: BoundaryFeature[] = rawFeatures.map((raw, index) => {
    const f = raw as { type?: unknown; properties?: unknown; geometry?: unknown } | null
    if (f?.type !== 'Feature') {
      throw new BoundaryError(
        'FILE_INVALID',
        `${file}, feature ${index} has type ${JSON.stringify(f?.type ?? null)}; expected "Feature".`,
      )
    }
    const properties =
      f.properties && typeof f.properties === 'object'
        ? (f.properties as Record<string, unknown>)
        : {}
    for (const key of Object.keys(properties)) {
      if (!seen.has(key)) {
        seen.add(key)
        fields.push(key)
      }
    }
    const geometry =
      f.geometry &&
      typeof f.geometry === 'object' &&
      typeof (f.geometry as RawGeometry).type === 'string'
        ? (f.geometry as RawGeometry)
        : null
    return { index, properties, geometry }
  })
  return {
    format: 'geojson',
    fields,
    features,
    crs,
    encoding: { name: encoding, source: options.encoding ? 'option' : 'rfc7946' },
  }
}
