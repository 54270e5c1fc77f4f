/**
 * The coordinate reference systems boundary files of German municipalities come in, and how to
 * recognise them: from a Shapefile's `.prj` (ESRI or OGC WKT 1, WKT 2), from a GeoJSON `crs`
 * member, or from an `EPSG:nnnn` option. Everything else is refused with a message that names
 * what was found and what is supported — guessing a datum silently moves boundaries by metres.
 */
import { BoundaryError } from './errors.js'

/** EPSG codes Planraum reprojects (definitions in reproject.ts). */
export type SupportedEpsg =
  4326 | 4258 | 25832 | 25833 | 4647 | 5650 | 32632 | 32633 | 31466 | 31467 | 31468 | 31469

export interface CrsInfo {
  epsg: SupportedEpsg
  name: string
  kind: 'geographic' | 'projected'
  /** Plausible coordinates in this system: catches files whose declared CRS is wrong. */
  domain: { x: [number, number]; y: [number, number] }
}

const geographic = { x: [-180, 180], y: [-90, 90] } as { x: [number, number]; y: [number, number] }
const utm = { x: [0, 2_000_000], y: [0, 10_000_000] } as typeof geographic
const gk = (zone: number) =>
  ({ x: [zone * 1e6, (zone + 1) * 1e6], y: [0, 10_000_000] }) as typeof geographic

/** The supported systems, in the order messages list them. */
export const SUPPORTED_CRS: readonly CrsInfo[] = [
  { epsg: 4326, name: 'WGS 84 (longitude/latitude)', kind: 'geographic', domain: geographic },
  { epsg: 4258, name: 'ETRS89 (longitude/latitude)', kind: 'geographic', domain: geographic },
  { epsg: 25832, name: 'ETRS89 / UTM zone 32N', kind: 'projected', domain: utm },
  { epsg: 25833, name: 'ETRS89 / UTM zone 33N', kind: 'projected', domain: utm },
  {
    epsg: 4647,
    name: 'ETRS89 / UTM zone 32N (zE-N), easting with zone prefix 32',
    kind: 'projected',
    domain: { x: [32_000_000, 33_000_000], y: [0, 10_000_000] },
  },
  {
    epsg: 5650,
    name: 'ETRS89 / UTM zone 33N (zE-N), easting with zone prefix 33',
    kind: 'projected',
    domain: { x: [33_000_000, 34_000_000], y: [0, 10_000_000] },
  },
  { epsg: 32632, name: 'WGS 84 / UTM zone 32N', kind: 'projected', domain: utm },
  { epsg: 32633, name: 'WGS 84 / UTM zone 33N', kind: 'projected', domain: utm },
  { epsg: 31466, name: 'DHDN / 3-degree Gauss-Krüger zone 2', kind: 'projected', domain: gk(2) },
  { epsg: 31467, name: 'DHDN / 3-degree Gauss-Krüger zone 3', kind: 'projected', domain: gk(3) },
  { epsg: 31468, name: 'DHDN / 3-degree Gauss-Krüger zone 4', kind: 'projected', domain: gk(4) },
  { epsg: 31469, name: 'DHDN / 3-degree Gauss-Krüger zone 5', kind: 'projected', domain: gk(5) },
]

/** The entry for a supported code, or undefined. */
export function crsInfo(epsg: number): CrsInfo | undefined {
  return SUPPORTED_CRS.find((c) => c.epsg === epsg)
}

/** "EPSG:4326 WGS 84 …, EPSG:25832 ETRS89 / UTM zone 32N, …" for messages. */
export function supportedList(): string {
  return SUPPORTED_CRS.map((c) => `EPSG:${c.epsg} (${c.name})`).join(', ')
}

/**
 * Parses `EPSG:25832`, `epsg:25832` or `25832` (a command-line option) into a supported code.
 *
 * @example
 * parseCrsOption('EPSG:31467') // 31467
 */
export function parseCrsOption(value: string): SupportedEpsg {
  const match = /^\s*(?:EPSG:)?(\d{4,5})\s*$/i.exec(value)
  const info = match ? crsInfo(Number(match[1])) : undefined
  if (!info) {
    throw new BoundaryError(
      'CRS_UNKNOWN',
      `The coordinate reference system "${value}" is not supported; expected one of ${supportedList()}.`,
    )
  }
  return info.epsg
}

/**
 * The EPSG code named by a GeoJSON `crs` member (GeoJSON 2008; RFC 7946 dropped it, GDAL and
 * older tools still write it). `urn:ogc:def:crs:OGC:1.3:CRS84` is WGS 84 longitude/latitude;
 * `EPSG:4326` in GeoJSON is read as longitude/latitude too, as every GeoJSON writer means it.
 */
export function crsFromGeoJsonMember(member: unknown, file: string): SupportedEpsg {
  const props = (member as { properties?: Record<string, unknown> } | null)?.properties ?? {}
  const raw =
    typeof props.name === 'string'
      ? props.name
      : typeof props.code === 'number' || typeof props.code === 'string'
        ? `EPSG:${props.code}`
        : JSON.stringify(member)
  if (/CRS:?84$/i.test(raw)) return 4326
  const match =
    /(?:^|[:/])EPSG(?::[\d.]*)?:+(\d+)$/i.exec(raw) ?? /\/EPSG\/[\d.]+\/(\d+)$/i.exec(raw)
  const info = match ? crsInfo(Number(match[1])) : undefined
  if (!info) {
    throw new BoundaryError(
      'CRS_UNKNOWN',
      `${file} declares the coordinate reference system "${raw}", which Planraum cannot reproject; expected one of ${supportedList()}, or no "crs" member for RFC 7946 longitude/latitude. Pass --crs EPSG:nnnn if the declaration is wrong.`,
    )
  }
  return info.epsg
}

/** A node of a WKT text: `KEYWORD[arg, arg, …]`, where an argument is text, number or node. */
export interface WktNode {
  keyword: string
  args: (string | number | WktNode)[]
}

/**
 * Parses WKT 1 or WKT 2 into a tree (brackets or parentheses, quoted strings with `""` escapes).
 *
 * @example
 * parseWkt('UNIT["Meter",1.0]') // { keyword: 'UNIT', args: ['Meter', 1] }
 */
export function parseWkt(text: string): WktNode {
  let i = 0
  const fail = (what: string): never => {
    throw new Error(`${what} at character ${i}`)
  }
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++
  }
  const node = (): WktNode => {
    skip()
    const start = i
    while (i < text.length && /[A-Za-z0-9_]/.test(text[i]!)) i++
    const keyword = text.slice(start, i).toUpperCase()
    if (!keyword) fail('expected a keyword')
    skip()
    const open = text[i]
    if (open !== '[' && open !== '(') return { keyword, args: [] } // enum value like NORTH
    const close = open === '[' ? ']' : ')'
    i++
    const args: WktNode['args'] = []
    for (;;) {
      skip()
      const c = text[i]
      if (c === undefined) fail(`expected "${close}"`)
      if (c === close) {
        i++
        return { keyword, args }
      }
      if (c === ',') {
        i++
        continue
      }
      if (c === '"') {
        let s = ''
        i++
        for (;;) {
          if (i >= text.length) fail('unterminated string')
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              s += '"'
              i += 2
              continue
            }
            i++
            break
          }
          s += text[i++]
        }
        args.push(s)
      } else if (/[-+.\d]/.test(c!)) {
        const start2 = i
        while (i < text.length && /[-+.\deE]/.test(text[i]!)) i++
        const n = Number(text.slice(start2, i))
        if (Number.isNaN(n)) fail('expected a number')
        args.push(n)
      } else {
        args.push(node())
      }
    }
  }
  const root = node()
  skip()
  if (i < text.length) fail('unexpected text after the end')
  return root
}

const children = (n: WktNode, ...keywords: string[]) =>
  n.args.filter((a): a is WktNode => typeof a === 'object' && keywords.includes(a.keyword))
const child = (n: WktNode, ...keywords: string[]) => children(n, ...keywords)[0]
const nameOf = (n: WktNode | undefined) => (typeof n?.args[0] === 'string' ? n.args[0] : '')
/** Lower case, non-alphanumerics collapsed to "_": `False Easting` → `false_easting`. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')

/** The EPSG code in AUTHORITY["EPSG","25832"] (WKT 1) or ID["EPSG",25832] (WKT 2) of a node. */
function authorityCode(n: WktNode): number | undefined {
  const auth = child(n, 'AUTHORITY', 'ID')
  if (!auth || String(auth.args[0]).toUpperCase() !== 'EPSG') return undefined
  const code = Number(auth.args[1])
  return Number.isInteger(code) ? code : undefined
}

type Datum = 'ETRS89' | 'WGS84' | 'DHDN' | 'other'

/** Recognises the datum by name, or by ellipsoid when the name is not one we know. */
function classifyDatum(geog: WktNode | undefined): { datum: Datum; label: string } {
  if (!geog) return { datum: 'other', label: 'no datum' }
  const datum = child(geog, 'DATUM', 'GEODETICDATUM', 'TRF')
  const ellipsoid = datum ? child(datum, 'SPHEROID', 'ELLIPSOID') : undefined
  const names = norm(`${nameOf(datum)} ${nameOf(geog)}`)
  const label = nameOf(datum) || nameOf(geog)
  if (/etrs|european_terrestrial_reference_system_1989|etrf/.test(names))
    return { datum: 'ETRS89', label }
  if (/deutsches_hauptdreiecksnetz|dhdn|potsdam/.test(names)) return { datum: 'DHDN', label }
  if (/wgs_?1984|wgs_?84/.test(names)) return { datum: 'WGS84', label }
  const ellipsoidName = norm(nameOf(ellipsoid))
  if (/grs_?1980|grs_?80/.test(ellipsoidName))
    return { datum: 'ETRS89', label: `${label} (GRS 1980)` }
  if (/bessel/.test(ellipsoidName)) return { datum: 'DHDN', label: `${label} (Bessel 1841)` }
  return { datum: 'other', label: label || 'unnamed datum' }
}

/** A projected CRS's Transverse Mercator parameters, by WKT 1 and WKT 2 names. */
function tmParameters(proj: WktNode) {
  const values = new Map<string, number>()
  const method = child(proj, 'CONVERSION') ?? proj
  for (const p of children(method, 'PARAMETER')) {
    if (typeof p.args[1] === 'number') values.set(norm(String(p.args[0])), p.args[1])
  }
  const get = (...names: string[]) => {
    for (const n of names) if (values.has(n)) return values.get(n)
    return undefined
  }
  return {
    centralMeridian: get('central_meridian', 'longitude_of_natural_origin', 'longitude_of_origin'),
    falseEasting: get('false_easting'),
    falseNorthing: get('false_northing') ?? 0,
    scale: get('scale_factor', 'scale_factor_at_natural_origin') ?? 1,
    latitudeOfOrigin: get('latitude_of_origin', 'latitude_of_natural_origin') ?? 0,
  }
}

/** What detectCrsFromPrj found and how, for the import report. */
export interface DetectedCrs {
  epsg: SupportedEpsg
  /** e.g. "ETRS_1989_UTM_Zone_32N (Transverse Mercator, ETRS89)" */
  detail: string
}

/**
 * Recognises the CRS of a `.prj` file: first by its EPSG authority code, then by datum and
 * Transverse Mercator parameters (central meridian, false easting, scale), so ESRI-style WKT
 * without codes (what GDAL, QGIS and ArcGIS write into `.prj`) is recognised too.
 *
 * @example
 * detectCrsFromPrj('PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS[…],PROJECTION["Transverse_Mercator"],…]', 'a.prj').epsg // 25832
 */
export function detectCrsFromPrj(wkt: string, file: string): DetectedCrs {
  let root: WktNode
  try {
    root = parseWkt(wkt.replace(/^\uFEFF/, '').trim())
  } catch (error) {
    throw new BoundaryError(
      'CRS_UNKNOWN',
      `${file} is not readable WKT (${(error as Error).message}); expected the projection text a GIS writes into a .prj file, or pass --crs EPSG:nnnn.`,
    )
  }
  // Compound (horizontal + height) and bound (with a transformation) systems: use the horizontal part.
  if (root.keyword === 'COMPD_CS' || root.keyword === 'COMPOUNDCRS') {
    root = child(root, 'PROJCS', 'PROJCRS', 'GEOGCS', 'GEOGCRS', 'GEODCRS') ?? root
  }
  if (root.keyword === 'BOUNDCRS') {
    const source = child(root, 'SOURCECRS')
    const inner = source?.args.find((a): a is WktNode => typeof a === 'object')
    if (inner) root = inner
  }
  const crsName = nameOf(root)
  const byCode = authorityCode(root)
  if (byCode !== undefined && crsInfo(byCode)) {
    return { epsg: crsInfo(byCode)!.epsg, detail: `${crsName} (EPSG:${byCode} in the .prj)` }
  }
  const projected = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'].includes(root.keyword)
  const geog = projected
    ? child(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS', 'GEOGCRS', 'GEODCRS')
    : root
  const { datum, label } = classifyDatum(geog)

  const unsupported = (why: string): never => {
    throw new BoundaryError(
      'CRS_UNKNOWN',
      `${file} describes "${crsName || root.keyword}" (${why}), which Planraum cannot reproject; expected one of ${supportedList()}. Reproject the file (e.g. in QGIS) or pass --crs EPSG:nnnn if the .prj is wrong.`,
    )
  }

  if (!projected) {
    if (datum === 'WGS84') return { epsg: 4326, detail: `${crsName} (WGS 84 longitude/latitude)` }
    if (datum === 'ETRS89') return { epsg: 4258, detail: `${crsName} (ETRS89 longitude/latitude)` }
    return unsupported(`geographic, datum ${label}`)
  }

  const method = child(root, 'CONVERSION')
  const projection = nameOf(child(method ?? root, 'PROJECTION', 'METHOD'))
  const unit = child(root, 'UNIT', 'LENGTHUNIT')
  if (unit && typeof unit.args[1] === 'number' && Math.abs(unit.args[1] - 1) > 1e-9) {
    return unsupported(`unit ${nameOf(unit)}; expected metres`)
  }
  if (!/transverse_mercator|gauss_kruger/.test(norm(projection))) {
    return unsupported(`projection ${projection || 'unknown'}, datum ${label}`)
  }
  const p = tmParameters(root)
  const near = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) < 1e-6
  const standard = near(p.latitudeOfOrigin, 0) && near(p.falseNorthing, 0)
  const detail = `${crsName} (Transverse Mercator, central meridian ${p.centralMeridian}°, false easting ${p.falseEasting}, datum ${label})`
  if (standard && near(p.scale, 0.9996) && (datum === 'ETRS89' || datum === 'WGS84')) {
    const zone = near(p.centralMeridian, 9) ? 32 : near(p.centralMeridian, 15) ? 33 : null
    if (zone !== null) {
      if (datum === 'WGS84' && near(p.falseEasting, 500_000))
        return { epsg: zone === 32 ? 32632 : 32633, detail }
      if (datum === 'ETRS89' && near(p.falseEasting, 500_000))
        return { epsg: zone === 32 ? 25832 : 25833, detail }
      if (datum === 'ETRS89' && near(p.falseEasting, zone * 1e6 + 500_000))
        return { epsg: zone === 32 ? 4647 : 5650, detail }
    }
  }
  if (standard && near(p.scale, 1) && datum === 'DHDN') {
    for (const zone of [2, 3, 4, 5]) {
      if (near(p.centralMeridian, zone * 3) && near(p.falseEasting, zone * 1e6 + 500_000)) {
        return { epsg: (31464 + zone) as SupportedEpsg, detail }
      }
    }
  }
  return unsupported(
    `Transverse Mercator with central meridian ${p.centralMeridian}°, false easting ${p.falseEasting}, scale ${p.scale}, datum ${label}`,
  )
}

/**
 * A supported CRS whose plausible coordinates contain (x, y), for hints when a file has no or a
 * wrong CRS declaration: 7-digit eastings starting 2–5 are Gauss-Krüger zones, 6-digit eastings
 * UTM, 8-digit eastings starting 32/33 UTM with zone prefix.
 */
export function suggestCrs(x: number, y: number): string | null {
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return 'EPSG:4326 (longitude/latitude)'
  if (y < 5_000_000 || y > 6_200_000) return null // not Germany: no guess
  if (x >= 32e6 && x < 33e6) return 'EPSG:4647'
  if (x >= 33e6 && x < 34e6) return 'EPSG:5650'
  if (x >= 2e6 && x < 6e6) return `EPSG:${31464 + Math.floor(x / 1e6)}`
  if (x > 0 && x < 1e6) return 'EPSG:25832 or EPSG:25833 (ETRS89 / UTM; 32N west of 12° E)'
  return null
}
