import { describe, expect, it } from 'vitest'

import {
  crsFromGeoJsonMember,
  detectCrsFromPrj,
  parseCrsOption,
  parseWkt,
  suggestCrs,
  SUPPORTED_CRS,
} from './crs.js'
import { BoundaryError } from './errors.js'

// .prj texts as GDAL 3.6 writes them into shapefiles (ESRI WKT 1: `gdalsrsinfo -o wkt_esri EPSG:n`).
const GEOG_ETRS = `GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
const GEOG_DHDN = `GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
const GEOG_WGS = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
const tm = (name: string, geog: string, method: string, fe: number, cm: number, k: number) =>
  `PROJCS["${name}",${geog},PROJECTION["${method}"],PARAMETER["False_Easting",${fe}.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}.0],PARAMETER["Scale_Factor",${k}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`

const ESRI: [string, number][] = [
  [tm('ETRS_1989_UTM_Zone_32N', GEOG_ETRS, 'Transverse_Mercator', 500000, 9, 0.9996), 25832],
  [tm('ETRS_1989_UTM_Zone_33N', GEOG_ETRS, 'Transverse_Mercator', 500000, 15, 0.9996), 25833],
  [tm('ETRS_1989_UTM_Zone_N32', GEOG_ETRS, 'Transverse_Mercator', 32500000, 9, 0.9996), 4647],
  [tm('ETRS_1989_UTM_Zone_33N_zE-N', GEOG_ETRS, 'Transverse_Mercator', 33500000, 15, 0.9996), 5650],
  [tm('WGS_1984_UTM_Zone_32N', GEOG_WGS, 'Transverse_Mercator', 500000, 9, 0.9996), 32632],
  [tm('DHDN_3_Degree_Gauss_Zone_2', GEOG_DHDN, 'Gauss_Kruger', 2500000, 6, 1.0), 31466],
  [tm('DHDN_3_Degree_Gauss_Zone_3', GEOG_DHDN, 'Gauss_Kruger', 3500000, 9, 1.0), 31467],
  [tm('DHDN_3_Degree_Gauss_Zone_4', GEOG_DHDN, 'Transverse_Mercator', 4500000, 12, 1.0), 31468],
  [tm('DHDN_3_Degree_Gauss_Zone_5', GEOG_DHDN, 'Gauss_Kruger', 5500000, 15, 1.0), 31469],
  [GEOG_WGS, 4326],
  [GEOG_ETRS, 4258],
]

function error(fn: () => unknown): BoundaryError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(BoundaryError)
    return e as BoundaryError
  }
  throw new Error('expected a BoundaryError')
}

describe('detectCrsFromPrj', () => {
  it.each(ESRI)('recognises ESRI WKT by datum and parameters (%#)', (wkt, epsg) => {
    expect(detectCrsFromPrj(wkt, 'a.prj').epsg).toBe(epsg)
  })

  it('uses the EPSG authority code of OGC WKT 1', () => {
    const wkt = `PROJCS["DHDN / 3-degree Gauss-Kruger zone 3",GEOGCS["DHDN",DATUM["Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],AUTHORITY["EPSG","6314"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4314"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",9],PARAMETER["scale_factor",1],PARAMETER["false_easting",3500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","31467"]]`
    expect(detectCrsFromPrj(wkt, 'a.prj')).toEqual({
      epsg: 31467,
      detail: 'DHDN / 3-degree Gauss-Kruger zone 3 (EPSG:31467 in the .prj)',
    })
  })

  it('maps unsupported codes with supported parameters, e.g. the N-zE axis order variant', () => {
    // EPSG:5652 "ETRS89 / UTM zone 32N (N-zE)" differs from EPSG:4647 only in axis order, which a
    // shapefile does not have (x is always the easting).
    const wkt = tm(
      'ETRS89 / UTM zone 32N (N-zE)',
      GEOG_ETRS,
      'Transverse_Mercator',
      32500000,
      9,
      0.9996,
    )
    expect(detectCrsFromPrj(wkt.replace(/]$/, ',AUTHORITY["EPSG","5652"]]'), 'a.prj').epsg).toBe(
      4647,
    )
  })

  it('reads WKT 2 with ID and named parameters', () => {
    const wkt = `PROJCRS["ETRS89 / UTM zone 32N",
      BASEGEOGCRS["ETRS89",DATUM["European Terrestrial Reference System 1989",ELLIPSOID["GRS 1980",6378137,298.257222101,LENGTHUNIT["metre",1]]]],
      CONVERSION["UTM zone 32N",METHOD["Transverse Mercator",ID["EPSG",9807]],
        PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],
        PARAMETER["Longitude of natural origin",9,ANGLEUNIT["degree",0.0174532925199433]],
        PARAMETER["Scale factor at natural origin",0.9996,SCALEUNIT["unity",1]],
        PARAMETER["False easting",500000,LENGTHUNIT["metre",1]],
        PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],
      CS[Cartesian,2],AXIS["(E)",east],AXIS["(N)",north],LENGTHUNIT["metre",1]]`
    expect(detectCrsFromPrj(wkt, 'a.prj').epsg).toBe(25832) // by parameters (no root ID)
    expect(detectCrsFromPrj(wkt.replace(/]$/, ',ID["EPSG",25832]]'), 'a.prj').detail).toMatch(
      /EPSG:25832 in the \.prj/,
    )
  })

  it('refuses other systems, naming what it found and what is supported', () => {
    const lcc = `PROJCS["ETRS89_LCC_Germany",${GEOG_ETRS},PROJECTION["Lambert_Conformal_Conic"],PARAMETER["Central_Meridian",10.0],UNIT["Meter",1.0]]`
    const e = error(() => detectCrsFromPrj(lcc, 'bezirke.prj'))
    expect(e.code).toBe('CRS_UNKNOWN')
    expect(e.message).toMatch(
      /bezirke\.prj describes "ETRS89_LCC_Germany" \(projection Lambert_Conformal_Conic/,
    )
    expect(e.message).toMatch(/EPSG:25832 \(ETRS89 \/ UTM zone 32N\)/)
    expect(e.message).toMatch(/EPSG:31469/)
    // Gauss-Krüger zone 6 (false easting 6,500,000) is not one of the German zones 2–5.
    const zone6 = tm('DHDN_Zone_6', GEOG_DHDN, 'Gauss_Kruger', 6500000, 18, 1.0)
    expect(error(() => detectCrsFromPrj(zone6, 'a.prj')).message).toMatch(/central meridian 18/)
    expect(error(() => detectCrsFromPrj('PROJCS["x"', 'a.prj')).message).toMatch(/not readable WKT/)
  })
})

describe('crs names and options', () => {
  it('reads GeoJSON crs members', () => {
    const named = (name: string) => ({ type: 'name', properties: { name } })
    expect(crsFromGeoJsonMember(named('urn:ogc:def:crs:EPSG::25832'), 'f')).toBe(25832)
    expect(crsFromGeoJsonMember(named('EPSG:31467'), 'f')).toBe(31467)
    expect(crsFromGeoJsonMember(named('urn:ogc:def:crs:OGC:1.3:CRS84'), 'f')).toBe(4326)
    expect(crsFromGeoJsonMember(named('http://www.opengis.net/def/crs/EPSG/0/25833'), 'f')).toBe(
      25833,
    )
    expect(crsFromGeoJsonMember({ type: 'EPSG', properties: { code: 4326 } }, 'f')).toBe(4326)
    expect(
      error(() => crsFromGeoJsonMember(named('urn:ogc:def:crs:EPSG::3035'), 'x.geojson')).message,
    ).toMatch(/x\.geojson declares the coordinate reference system "urn:ogc:def:crs:EPSG::3035"/)
  })

  it('parses --crs', () => {
    expect(parseCrsOption('EPSG:25833')).toBe(25833)
    expect(parseCrsOption('31468')).toBe(31468)
    expect(error(() => parseCrsOption('EPSG:3035')).message).toMatch(/"EPSG:3035" is not supported/)
  })

  it('suggests a system from a coordinate', () => {
    expect(suggestCrs(3527359, 5796360)).toBe('EPSG:31467')
    expect(suggestCrs(527276, 5794481)).toMatch(/EPSG:25832 or EPSG:25833/)
    expect(suggestCrs(32527276, 5794481)).toBe('EPSG:4647')
    expect(suggestCrs(9.4, 52.3)).toMatch(/EPSG:4326/)
    expect(suggestCrs(1e5, 1e5)).toBeNull()
  })

  it('lists twelve systems, each once', () => {
    expect(new Set(SUPPORTED_CRS.map((c) => c.epsg)).size).toBe(12)
  })

  it('parses WKT strings with escaped quotes and numbers', () => {
    expect(parseWkt('A["x ""y""",-1.5e2,B[1],C]')).toEqual({
      keyword: 'A',
      args: ['x "y"', -150, { keyword: 'B', args: [1] }, { keyword: 'C', args: [] }],
    })
  })
})
