/**
 * Reprojection of boundary coordinates to WGS 84 longitude/latitude (EPSG:4326) with proj4, in
 * TypeScript — the embedded PostGIS stalls on ST_Transform from some of these systems (DESIGN.md
 * §4.2), and doing it here gives the same numbers on PGlite and on a PostgreSQL server.
 *
 * Accuracy: ETRS89 and WGS 84 are treated as identical (they differ by well under a metre in
 * Germany; PROJ's own default "ETRS89 to WGS 84 (1)" is the null transformation). DHDN
 * (Gauss-Krüger) is shifted by the 7-parameter Helmert transformation EPSG:1777 "DHDN to WGS 84
 * (2)" (position vector, tx 598.1 m, ty 73.7 m, tz 418.2 m, rx 0.202″, ry 0.045″, rz −2.455″,
 * s 6.7 ppm; EPSG accuracy 3 m, former West Germany), the parameters EPSG publishes in its
 * registry (checked with `projinfo -k operation EPSG:1777`, PROJ 9.1). GDAL/PROJ prefer the AdV
 * grid BETA2007 (EPSG:15949 "DHDN to WGS 84 (4)") when it is installed; against it the Helmert
 * shift differs by about 0.4 m around Hannover and by up to the stated 3 m elsewhere (in the former
 * East German states EPSG:15869 would fit better) — far below what planning areas need.
 */
import proj4 from 'proj4'

import { crsInfo, suggestCrs, type SupportedEpsg } from './crs.js'
import { BoundaryError, type BoundaryIssue } from './errors.js'

const DHDN_TO_WGS84 = '+towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7'
const gaussKrueger = (zone: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1e6 + 500000} +y_0=0 +ellps=bessel ${DHDN_TO_WGS84} +units=m +no_defs`

/** proj4 definitions of exactly the supported systems (crs.ts lists them with names). */
export const PROJ4_DEFINITIONS: Record<SupportedEpsg, string> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs',
  4258: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  25832: '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  25833: '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  4647: '+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=32500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  5650: '+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=33500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  32632: '+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs',
  32633: '+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs',
  31466: gaussKrueger(2),
  31467: gaussKrueger(3),
  31468: gaussKrueger(4),
  31469: gaussKrueger(5),
}

/** Decimal places of stored lon/lat: 1e-7° is about 1 cm. */
export const COORDINATE_DECIMALS = 7

const round = (v: number) => Math.round(v * 1e7) / 1e7

/** A function from source (x, y) to WGS 84 [lon, lat], rounded to 7 decimals. */
export function toWgs84(epsg: SupportedEpsg): (x: number, y: number) => [number, number] {
  if (epsg === 4326) return (x, y) => [round(x), round(y)]
  const converter = proj4(PROJ4_DEFINITIONS[epsg], PROJ4_DEFINITIONS[4326])
  return (x, y) => {
    const [lon, lat] = converter.forward([x, y]) as [number, number]
    return [round(lon), round(lat)]
  }
}

/** A GeoJSON-like geometry as read from a file, before it is checked. */
export interface RawGeometry {
  type: string
  coordinates?: unknown
  geometries?: unknown
}

/**
 * Checks that every coordinate lies in the plausible range of the declared system, so a
 * Gauss-Krüger file declared as UTM, or a projected GeoJSON without `crs` member, fails with a
 * hint instead of landing in the ocean. Throws CRS_MISMATCH naming the feature and coordinate.
 */
export function checkDomain(
  geometries: readonly (RawGeometry | null)[],
  epsg: SupportedEpsg,
  file: string,
  declaredBy: string,
): void {
  const info = crsInfo(epsg)!
  const [x0, x1] = info.domain.x
  const [y0, y1] = info.domain.y
  let allSmall = true
  let seen = false
  for (let i = 0; i < geometries.length; i++) {
    let bad: [number, number] | undefined
    eachPosition(geometries[i]?.coordinates, (x, y) => {
      seen = true
      if (Math.abs(x) > 360 || Math.abs(y) > 360) allSmall = false
      if (!bad && !(x >= x0 && x <= x1 && y >= y0 && y <= y1)) bad = [x, y]
    })
    if (bad) {
      const hint = suggestCrs(bad[0], bad[1])
      throw new BoundaryError(
        'CRS_MISMATCH',
        `${file}, feature ${i}: the coordinate (${bad[0]}, ${bad[1]}) lies outside EPSG:${epsg} (${info.name}), which ${declaredBy}; expected x ${x0}…${x1}, y ${y0}…${y1}.${hint ? ` The coordinates look like ${hint}: pass --crs with that code.` : ' Pass --crs EPSG:nnnn with the right system.'}`,
      )
    }
  }
  if (seen && allSmall && info.kind === 'projected') {
    throw new BoundaryError(
      'CRS_MISMATCH',
      `${file}: every coordinate is a small number like degrees of longitude/latitude, but EPSG:${epsg} (${info.name}) ${declaredBy} is in metres. Pass --crs EPSG:4326 if the file is in longitude/latitude.`,
    )
  }
}

/**
 * A copy of the geometry with every position reprojected to WGS 84 lon/lat (7 decimals).
 * Positions that are not pairs of finite numbers become issues, and the geometry null.
 */
export function reprojectGeometry(
  geometry: RawGeometry | null,
  transform: (x: number, y: number) => [number, number],
  featureIndex: number,
  issues: BoundaryIssue[],
): RawGeometry | null {
  if (!geometry || geometry.coordinates === undefined) return geometry
  let broken = false
  const walk = (value: unknown, depth: number): unknown => {
    if (!Array.isArray(value)) {
      broken = true
      return value
    }
    if (value.length >= 2 && typeof value[0] === 'number') {
      const [x, y] = value as number[]
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        broken = true
        return value
      }
      return transform(x!, y!)
    }
    if (depth > 4) {
      broken = true
      return value
    }
    return value.map((v) => walk(v, depth + 1))
  }
  const coordinates = walk(geometry.coordinates, 0)
  if (broken) {
    issues.push({
      featureIndex,
      property: 'geometry',
      message: 'has a coordinate that is not a pair of finite numbers; expected [x, y] positions',
    })
    return null
  }
  return { type: geometry.type, coordinates }
}

/** Calls fn for every [x, y] position in nested coordinate arrays; ignores malformed parts. */
export function eachPosition(value: unknown, fn: (x: number, y: number) => void): void {
  if (!Array.isArray(value)) return
  if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    fn(value[0], value[1])
    return
  }
  for (const v of value) eachPosition(v, fn)
}
