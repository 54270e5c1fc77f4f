/**
 * Boundary import on real databases (PGlite; the PostgreSQL server too when DATABASE_URL is set):
 * the 100 North Carolina counties (GeoJSON), Musterstadt's Sozialräume as zipped Shapefiles in
 * UTM 32N and Gauss-Krüger zone 3 made by GDAL (test/fixtures/boundaries/README.md), repairs,
 * checks, unsafe archives, failed imports that leave nothing behind, versions and crosswalks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { strToU8, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { areasCommand } from '../../src/cli/commands/areas.js'
import { applyCrosswalk, checkCrosswalk } from '../../src/core/geo/crosswalk.js'
import type { MultiPolygon, Position, Ring } from '../../src/core/geo/geojson.js'
import { unionByEdgeCancellation } from '../../src/core/geo/union.js'
import {
  crosswalkFor,
  importBoundaries,
  layerVersions,
  type ImportBoundariesOptions,
} from '../../src/modules/areas/index.js'
import { generateMusterstadt, type DemoCity } from '../../src/modules/demo/index.js'
import { openPglite, type Database } from '../../src/platform/db/index.js'
import { BoundaryError, loadBoundaryInput } from '../../src/platform/io/boundaries/index.js'
import { readZip, ZipError } from '../../src/platform/io/zip.js'
import { ROOT } from '../helpers/cli.js'
import { pgliteTemplate, testTargets } from '../helpers/databases.js'

const FIXTURES = path.join(ROOT, 'test/fixtures/boundaries')
const NC_FILE = '/work/shared/data/nc-sids/nc_sids.geojson'
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name))
const city: DemoCity = generateMusterstadt()

interface SourceFeature {
  properties: Record<string, string>
  geometry: MultiPolygon
}
const source = JSON.parse(
  readFileSync(path.join(FIXTURES, 'musterstadt-sozialraum.geojson'), 'utf8'),
) as { features: SourceFeature[] }

/** A GeoJSON file in memory. */
function geojson(
  name: string,
  features: { properties: Record<string, unknown>; geometry: unknown }[],
): { name: string; bytes: Uint8Array } {
  const fc = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', ...f })),
  }
  return { name, bytes: strToU8(JSON.stringify(fc)) }
}

/** Musterstadt's areas of one layer as a GeoJSON file with code, name and parent properties. */
function cityLayer(layerKey: string) {
  return geojson(
    `musterstadt-${layerKey}.geojson`,
    city.areas
      .filter((a) => a.layerKey === layerKey)
      .map((a) => ({
        properties: { code: a.code, name: a.name, parent: a.parentCode },
        geometry: a.geometry,
      })),
  )
}

/** A rectangle in lon/lat (counter-clockwise). */
function box(x0: number, y0: number, x1: number, y1: number) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  }
}

/** Every vertex of a (Multi)Polygon. */
function vertices(geometry: { type: string; coordinates: unknown }): Position[] {
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as Position[][][]
  return polygons.flat(2)
}

/**
 * Largest distance (max of |Δlon|, |Δlat|) from a stored vertex to the nearest source vertex and
 * back: the round trip of every vertex, independent of ring orientation and start point.
 */
function vertexDeviation(a: Position[], b: Position[]): number {
  const nearest = (p: Position, set: Position[]) =>
    Math.min(...set.map((q) => Math.max(Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]))))
  return Math.max(...a.map((p) => nearest(p, b)), ...b.map((p) => nearest(p, a)))
}

describe.each(testTargets())('boundary import on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>

  const createOrg = async (slug: string) => {
    const [row] = await db.query<{ id: number }>(
      'insert into organization (slug, name) values ($1, $1) returning id',
      [slug],
    )
    return row!.id
  }
  const currentAreas = (orgId: number, layer: string) =>
    db.query<{
      id: number
      code: string
      name: string
      parentCode: string | null
      geometry: string
    }>(
      `select a.id, a.code, a.name, p.code as "parentCode", ST_AsGeoJSON(a.geom) as geometry
         from area a
         join area_layer l on l.id = a.layer_id and l.organization_id = a.organization_id
         left join area p on p.id = a.parent_id
        where a.organization_id = $1 and l.key = $2 and a.valid_to is null
        order by a.code`,
      [orgId, layer],
    )
  const counts = async (orgId: number) => {
    const [row] = await db.query<{
      layers: number
      areas: number
      imports: number
      version: number
    }>(
      `select (select count(*)::int from area_layer where organization_id = $1) as layers,
              (select count(*)::int from area where organization_id = $1) as areas,
              (select count(*)::int from data_import where organization_id = $1) as imports,
              (select data_version from organization where id = $1) as version`,
      [orgId],
    )
    return row!
  }
  const run = (
    orgId: number,
    input: { name: string; bytes: Uint8Array },
    options: ImportBoundariesOptions,
  ) => importBoundaries(db, orgId, input, options)

  beforeAll(async () => {
    ;({ db, dispose } = await target.create())
  })
  afterAll(() => dispose())

  describe('North Carolina counties (GeoJSON, WGS 84)', () => {
    let flat: number
    const nc = { name: 'nc_sids.geojson', bytes: readFileSync(NC_FILE) }
    const ncJson = JSON.parse(readFileSync(NC_FILE, 'utf8')) as {
      features: { properties: { FIPS: string; NAME: string }; geometry: unknown }[]
    }

    beforeAll(async () => {
      flat = await createOrg('nc-flat')
    })

    it('imports 100 counties with their FIPS codes and the file’s total area', async () => {
      const report = await run(flat, nc, { layer: 'county', codeField: 'FIPS', nameField: 'NAME' })
      expect(report.status).toBe('imported')
      expect(report.version).toMatchObject({
        validFrom: '1900-01-01',
        newVersion: false,
        created: 100,
      })
      expect(report.file).toMatchObject({ format: 'geojson', features: 100 })
      expect(report.file.crs).toMatch(/^EPSG:4326/)
      expect(report.repairs).toEqual([])
      expect(report.overlaps).toEqual([])
      expect(report.gaps).toEqual([])

      const areas = await currentAreas(flat, 'county')
      expect(areas).toHaveLength(100)
      expect(areas.map((a) => a.code)).toEqual(ncJson.features.map((f) => f.properties.FIPS).sort())
      expect(areas.find((a) => a.code === '37009')?.name).toBe('Ashe')

      // The stored total equals the sum of the file's own polygons, measured by PostGIS.
      const [row] = await db.query<{ stored: number; file: number }>(
        `select (select sum(ST_Area(geom::geography)) from area where organization_id = $1) as stored,
                (select sum(ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)::geography))
                   from unnest($2::text[]) as g) as file`,
        [flat, ncJson.features.map((f) => JSON.stringify(f.geometry))],
      )
      expect(row!.file).toBeGreaterThan(1.2e11) // about 126,000 km²
      expect(Math.abs(row!.stored - row!.file) / row!.file).toBeLessThan(1e-9)

      const [imp] = await db.query<{
        kind: string
        sha: string
        rows: number
        report: { importId: number }
      }>(
        `select kind, source_sha256 as sha, row_count as rows, report from data_import where organization_id = $1`,
        [flat],
      )
      expect(imp).toMatchObject({ kind: 'boundaries', sha: report.file.sha256, rows: 100 })
      expect(imp!.report.importId).toBe(report.importId)
      const [linked] = await db.query<{ n: number }>(
        'select count(*)::int as n from area where organization_id = $1 and import_id = $2',
        [flat, report.importId],
      )
      expect(linked!.n).toBe(100)
    })

    it('is idempotent: the same bytes again change nothing', async () => {
      const before = await counts(flat)
      const again = await run(flat, nc, { layer: 'county', codeField: 'FIPS', nameField: 'NAME' })
      expect(again.status).toBe('unchanged')
      expect(await counts(flat)).toEqual(before)
    })

    it('derives every county’s parent from geometry under a state made of their union', async () => {
      const nested = await createOrg('nc')
      const [union] = await db.query<{ geometry: string }>(
        `select ST_AsGeoJSON(ST_Union(geom)) as geometry from area where organization_id = $1`,
        [flat],
      )
      const state = geojson('north-carolina.geojson', [
        {
          properties: { code: '37', name: 'North Carolina' },
          geometry: JSON.parse(union!.geometry),
        },
      ])
      await run(nested, state, { layer: 'state', layerNameDe: 'Bundesstaat', layerNameEn: 'State' })
      const report = await run(nested, nc, {
        layer: 'county',
        parentLayer: 'state',
        codeField: 'FIPS',
        nameField: 'NAME',
      })
      expect(report.parents).toEqual({ method: 'geometry', uncertain: [] })
      expect(report.layer).toEqual({ key: 'county', created: true, parentLayer: 'state' })
      const areas = await currentAreas(nested, 'county')
      expect(new Set(areas.map((a) => a.parentCode))).toEqual(new Set(['37']))
      expect(report.gaps).toEqual([])
      expect(report.outside).toEqual([])
      const [layer] = await db.query<{ level: number; parent: string }>(
        `select l.level, p.key as parent from area_layer l join area_layer p on p.id = l.parent_layer_id
          where l.organization_id = $1 and l.key = 'county'`,
        [nested],
      )
      expect(layer).toEqual({ level: 1, parent: 'state' })
    })
  })

  describe('Musterstadt Sozialräume as zipped Shapefiles (fixtures made by ogr2ogr)', () => {
    const byCode = new Map(source.features.map((f) => [f.properties.code!, f]))
    const bezirke = cityLayer('stadtbezirk')
    const special = ['Am Stadtgraben/Große Straße', 'Gänsewiese', 'Rosenhöhe', 'Schützenplatz']

    /** Imports the Stadtbezirke and then the shapefile; returns the org and report. */
    async function importShapefile(
      slug: string,
      file: string,
      options: Partial<ImportBoundariesOptions> = {},
    ) {
      const orgId = await createOrg(slug)
      await run(orgId, bezirke, { layer: 'stadtbezirk' })
      const report = await run(
        orgId,
        { name: file, bytes: fixture(file) },
        {
          layer: 'sozialraum',
          parentLayer: 'stadtbezirk',
          ...options,
        },
      )
      return { orgId, report }
    }

    async function roundTrip(orgId: number): Promise<number> {
      const areas = await currentAreas(orgId, 'sozialraum')
      expect(areas).toHaveLength(source.features.length)
      let worst = 0
      for (const area of areas) {
        const original = byCode.get(area.code)!
        expect(area.name).toBe(original.properties.name)
        const deviation = vertexDeviation(
          vertices(JSON.parse(area.geometry) as MultiPolygon),
          vertices(original.geometry),
        )
        worst = Math.max(worst, deviation)
      }
      return worst
    }

    it('reads ETRS89 / UTM 32N with a UTF-8 .cpg: coordinates round-trip within 1e-6°', async () => {
      const { orgId, report } = await importShapefile('ms-utm', 'sozialraum-25832.zip')
      expect(report.file).toMatchObject({
        format: 'shapefile',
        crsDeclaredBy: 'the .prj file',
        encoding: 'utf-8',
        encodingSource: 'cpg',
      })
      expect(report.file.crs).toMatch(/^EPSG:25832/)
      // ETRS89 = WGS 84 in both GDAL (null transformation) and proj4: only rounding remains.
      expect(await roundTrip(orgId)).toBeLessThanOrEqual(1e-6)
      const names = (await currentAreas(orgId, 'sozialraum')).map((a) => a.name)
      for (const name of special) expect(names).toContain(name)
      // Parents derived from geometry equal the Stadtbezirk codes the file carries.
      expect(report.parents).toEqual({ method: 'geometry', uncertain: [] })
      for (const area of await currentAreas(orgId, 'sozialraum')) {
        expect(area.parentCode).toBe(byCode.get(area.code)!.properties.bezirk)
      }
      expect(report.overlaps).toEqual([])
      expect(report.gaps).toEqual([])
      expect(report.outside).toEqual([])
    })

    it('reads DHDN / Gauss-Krüger zone 3 with a CP1252 .cpg: round trip within 1e-5°', async () => {
      const { orgId, report } = await importShapefile('ms-gk', 'sozialraum-31467.zip', {
        parentField: 'bezirk',
      })
      expect(report.file.crs).toMatch(/^EPSG:31467/)
      expect(report.file).toMatchObject({ encoding: 'windows-1252', encodingSource: 'cpg' })
      expect(report.parents.method).toBe('field')
      // ogr2ogr shifted DHDN with the BETA2007 grid, we shift back with the Helmert EPSG:1777:
      // the two differ by ~0.4 m here (~4e-6°); 1e-5° (~0.7–1.1 m) bounds it with a margin.
      const worst = await roundTrip(orgId)
      expect(worst).toBeLessThanOrEqual(1e-5)
      for (const area of await currentAreas(orgId, 'sozialraum')) {
        expect(area.parentCode).toBe(byCode.get(area.code)!.properties.bezirk)
      }
    })

    it('reads a DBF without .cpg as Windows-1252, and --encoding overrides it', async () => {
      const { orgId, report } = await importShapefile('ms-nocpg', 'sozialraum-25832-ohne-cpg.zip')
      expect(report.file).toMatchObject({ encoding: 'windows-1252', encodingSource: 'default' })
      const names = (await currentAreas(orgId, 'sozialraum')).map((a) => a.name)
      for (const name of special) expect(names).toContain(name)

      const wrong = await importShapefile('ms-wrong', 'sozialraum-25832-ohne-cpg.zip', {
        encoding: 'utf-8',
      })
      expect(wrong.report.file).toMatchObject({ encoding: 'utf-8', encodingSource: 'option' })
      const garbled = (await currentAreas(wrong.orgId, 'sozialraum')).map((a) => a.name)
      expect(garbled).not.toContain('Gänsewiese')
      expect(garbled.some((n) => n.includes('\uFFFD'))).toBe(true)
    })

    it('reads a loose .shp with its .dbf, .prj and .cpg beside it', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'planraum-shp-'))
      try {
        for (const entry of readZip(fixture('sozialraum-25832.zip'))) {
          writeFileSync(path.join(dir, entry.name), entry.data)
        }
        const input = await loadBoundaryInput(path.join(dir, 'sozialraum.shp'))
        expect(Object.keys(input.sidecars ?? {}).sort()).toEqual(['cpg', 'dbf', 'prj'])
        const orgId = await createOrg('ms-loose')
        await run(orgId, bezirke, { layer: 'stadtbezirk' })
        const report = await run(orgId, input, { layer: 'sozialraum', parentLayer: 'stadtbezirk' })
        expect(report.version.created).toBe(source.features.length)
        expect(await roundTrip(orgId)).toBeLessThanOrEqual(1e-6)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })

  describe('repairs and checks', () => {
    // u = 0.01° near Musterstadt: parent P = [0, 2u] × [0, u].
    const u = 0.01
    const at = (x: number, y: number): [number, number] => [9.4 + x * u, 52.3 + y * u]
    const rect = (x0: number, y0: number, x1: number, y1: number) =>
      box(...at(x0, y0), ...at(x1, y1))
    const m2 = async (geometry: unknown) => {
      const [row] = await db.query<{ a: number }>(
        'select ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) as a',
        [JSON.stringify(geometry)],
      )
      return row!.a
    }

    it('repairs a self-intersecting bow-tie and reports it', async () => {
      const orgId = await createOrg('bowtie')
      const bowtie = {
        type: 'Polygon',
        coordinates: [[at(0, 0), at(1, 1), at(1, 0), at(0, 1), at(0, 0)]],
      }
      const report = await run(
        orgId,
        geojson('bowtie.geojson', [
          { properties: { code: 'B', name: 'Fliege' }, geometry: bowtie },
          { properties: { code: 'R', name: 'Rechteck' }, geometry: rect(2, 0, 3, 1) },
        ]),
        { layer: 'raum' },
      )
      expect(report.repairs).toHaveLength(1)
      expect(report.repairs[0]).toMatchObject({ featureIndex: 0, code: 'B' })
      expect(report.repairs[0]!.reason).toMatch(/Self-intersection/)
      expect(report.repairs[0]!.at![0]).toBeCloseTo(at(0.5, 0.5)[0], 6)
      const [row] = await db.query<{ valid: boolean; parts: number; type: string }>(
        `select ST_IsValid(geom) as valid, ST_NumGeometries(geom) as parts, GeometryType(geom) as type
           from area where organization_id = $1 and code = 'B'`,
        [orgId],
      )
      expect(row).toEqual({ valid: true, parts: 2, type: 'MULTIPOLYGON' })
    })

    it('reports an overlap and a gap between siblings and a child outside its parent, with areas', async () => {
      const orgId = await createOrg('checks')
      await run(
        orgId,
        geojson('p.geojson', [
          { properties: { code: 'P', name: 'Bezirk' }, geometry: rect(0, 0, 2, 1) },
        ]),
        { layer: 'bezirk' },
      )
      // A reaches 0.2u west of P and 0.1u into B; B leaves the strip [1.1u, 2u] × [0.8u, u] open.
      const a = rect(-0.2, 0, 1.1, 1)
      const b = rect(1, 0, 2, 0.8)
      const report = await run(
        orgId,
        geojson('raum.geojson', [
          { properties: { code: 'A', name: 'West' }, geometry: a },
          { properties: { code: 'B', name: 'Ost' }, geometry: b },
        ]),
        { layer: 'raum', parentLayer: 'bezirk' },
      )
      const overlap = await m2(rect(1, 0, 1.1, 0.8))
      const gap = await m2(rect(1.1, 0.8, 2, 1))
      const outside = await m2(rect(-0.2, 0, 0, 1))
      expect(overlap).toBeGreaterThan(50_000) // about 55,000 m²
      expect(report.overlaps).toHaveLength(1)
      expect(report.overlaps[0]).toMatchObject({ layer: 'raum', codes: ['A', 'B'] })
      expect(report.overlaps[0]!.areaM2).toBeCloseTo(overlap, 0)
      expect(report.gaps).toHaveLength(1)
      expect(report.gaps[0]).toMatchObject({ layer: 'raum', parentCode: 'P' })
      expect(report.gaps[0]!.areaM2).toBeCloseTo(gap, 0)
      expect(report.gaps[0]!.at[1]).toBeGreaterThan(at(0, 0.8)[1])
      expect(report.outside).toHaveLength(1)
      expect(report.outside[0]).toMatchObject({ layer: 'raum', code: 'A', parentCode: 'P' })
      expect(report.outside[0]!.areaM2).toBeCloseTo(outside, 0)
      expect(report.outside[0]!.insideShare).toBeCloseTo(1.1 / 1.3, 3)
      // A's best parent covers only 85 %: the derived parent is reported as uncertain.
      expect(report.parents.uncertain).toEqual([
        { code: 'A', parentCode: 'P', share: expect.closeTo(1.1 / 1.3, 3) },
      ])
    })

    it('reports holes between the areas of a top layer', async () => {
      const orgId = await createOrg('holes')
      const ring = [at(0, 0), at(3, 0), at(3, 3), at(0, 3), at(0, 0)]
      const hole = [at(1, 1), at(1, 2), at(2, 2), at(2, 1), at(1, 1)]
      const report = await run(
        orgId,
        geojson('ring.geojson', [
          {
            properties: { code: 'O', name: 'Ring' },
            geometry: { type: 'Polygon', coordinates: [ring, hole] },
          },
        ]),
        { layer: 'stadt' },
      )
      expect(report.gaps).toHaveLength(1)
      expect(report.gaps[0]!.parentCode).toBeNull()
      expect(report.gaps[0]!.areaM2).toBeCloseTo(await m2(rect(1, 1, 2, 2)), 0)
    })
  })

  describe('failed imports write nothing', () => {
    let orgId: number
    beforeAll(async () => {
      orgId = await createOrg('failures')
      await run(orgId, cityLayer('stadtbezirk'), { layer: 'stadtbezirk' })
    })

    const expectNothingWritten = async (
      attempt: () => Promise<unknown>,
      check: (error: unknown) => void,
    ) => {
      const before = await counts(orgId)
      let caught: unknown
      try {
        await attempt()
      } catch (error) {
        caught = error
      }
      expect(caught).toBeDefined()
      check(caught)
      expect(await counts(orgId)).toEqual(before)
    }

    it('refuses a zip bomb', async () => {
      const bomb = zipSync({
        'sozialraum.shp': [new Uint8Array(30 * 1024 * 1024), { level: 9 }],
        'sozialraum.dbf': strToU8('x'),
      })
      await expectNothingWritten(
        () =>
          run(
            orgId,
            { name: 'bomb.zip', bytes: bomb },
            { layer: 'sozialraum', parentLayer: 'stadtbezirk' },
          ),
        (error) => {
          expect(error).toBeInstanceOf(ZipError)
          expect((error as ZipError).code).toBe('ZIP_BOMB')
          expect((error as Error).message).toMatch(/bomb\.zip, entry "sozialraum\.shp" expands/)
        },
      )
    })

    it('refuses a zip with ../evil.shp', async () => {
      const evil = zipSync({ '../evil.shp': strToU8('x'), '../evil.dbf': strToU8('y') })
      await expectNothingWritten(
        () =>
          run(
            orgId,
            { name: 'evil.zip', bytes: evil },
            { layer: 'sozialraum', parentLayer: 'stadtbezirk' },
          ),
        (error) => {
          expect(error).toBeInstanceOf(ZipError)
          expect((error as ZipError).code).toBe('ZIP_UNSAFE_NAME')
          expect((error as Error).message).toMatch(
            /evil\.zip contains the entry "\.\.\/evil\.(shp|dbf)"/,
          )
        },
      )
    })

    it('names the feature whose code is missing', async () => {
      const features = cityLayer('sozialraum')
      const json = JSON.parse(new TextDecoder().decode(features.bytes)) as {
        features: { properties: Record<string, unknown> }[]
      }
      delete json.features[2]!.properties.code
      json.features[5]!.properties.name = '  '
      await expectNothingWritten(
        () =>
          run(
            orgId,
            { name: 'sr.geojson', bytes: strToU8(JSON.stringify(json)) },
            { layer: 'sozialraum', parentLayer: 'stadtbezirk' },
          ),
        (error) => {
          expect(error).toBeInstanceOf(BoundaryError)
          expect((error as BoundaryError).code).toBe('FEATURES_INVALID')
          expect((error as Error).message).toMatch(
            /sr\.geojson, feature 2, property "code" is empty/,
          )
          expect((error as BoundaryError).issues).toEqual([
            {
              featureIndex: 2,
              property: 'code',
              message: expect.stringMatching(/expected an area code/),
            },
            {
              featureIndex: 5,
              property: 'name',
              message: expect.stringMatching(/expected the area's name/),
            },
          ])
        },
      )
    })

    it('rolls back the new layer and its areas when a parent code is unknown', async () => {
      const features = cityLayer('sozialraum')
      const json = JSON.parse(new TextDecoder().decode(features.bytes)) as {
        features: { properties: Record<string, unknown> }[]
      }
      json.features[7]!.properties.parent = '99'
      await expectNothingWritten(
        () =>
          run(
            orgId,
            { name: 'sr.geojson', bytes: strToU8(JSON.stringify(json)) },
            { layer: 'sozialraum', parentLayer: 'stadtbezirk', parentField: 'parent' },
          ),
        (error) => {
          expect((error as BoundaryError).code).toBe('FEATURES_INVALID')
          expect((error as Error).message).toMatch(
            /feature 7, property "parent" names the parent "99", which is not a current area of layer "stadtbezirk"/,
          )
        },
      )
    })

    it('names the available attributes when the code field does not exist', async () => {
      await expectNothingWritten(
        () =>
          run(orgId, cityLayer('sozialraum'), {
            layer: 'sozialraum',
            parentLayer: 'stadtbezirk',
            codeField: 'SR_NR',
          }),
        (error) => {
          expect((error as Error).message).toMatch(
            /property "SR_NR" is not an attribute of the file.*the features have: code, name, parent/,
          )
        },
      )
    })

    it('refuses parent codes for a layer without parent layer', async () => {
      await expectNothingWritten(
        () =>
          run(orgId, cityLayer('sozialraum'), {
            layer: 'stadtbezirk',
            parentField: 'parent',
            validFrom: '2020-01-01',
          }),
        (error) => {
          expect((error as BoundaryError).code).toBe('LAYER_INVALID')
          expect((error as Error).message).toMatch(/"stadtbezirk" has no parent layer/)
        },
      )
    })

    it('refuses non-polygon geometry and a projected GeoJSON without crs member', async () => {
      await expectNothingWritten(
        () =>
          run(
            orgId,
            geojson('p.geojson', [
              {
                properties: { code: 'X', name: 'Punkt' },
                geometry: { type: 'Point', coordinates: [9.4, 52.3] },
              },
            ]),
            { layer: 'sozialraum', parentLayer: 'stadtbezirk' },
          ),
        (error) =>
          expect((error as Error).message).toMatch(
            /feature 0, property "geometry" is a Point; expected a Polygon/,
          ),
      )
      await expectNothingWritten(
        () =>
          run(
            orgId,
            geojson('utm.geojson', [
              {
                properties: { code: 'X', name: 'UTM' },
                geometry: box(527000, 5795000, 528000, 5796000),
              },
            ]),
            { layer: 'sozialraum', parentLayer: 'stadtbezirk' },
          ),
        (error) => {
          expect((error as BoundaryError).code).toBe('CRS_MISMATCH')
          expect((error as Error).message).toMatch(
            /utm\.geojson, feature 0: .*EPSG:25832 or EPSG:25833/,
          )
        },
      )
    })
  })

  describe('versions and crosswalk (Musterstadt: two Sozialräume merged, one split)', () => {
    let orgId: number
    const v1 = cityLayer('sozialraum')
    const sozialraeume = city.areas.filter((a) => a.layerKey === 'sozialraum')
    const blocks = city.areas.filter((a) => a.layerKey === 'block')
    const blocksOf = (code: string) => blocks.filter((b) => b.parentCode === code)
    // Residents per block, hand-made: pop_m_de_00_05 = 100 + i, pop_f_nd_65_99 = 3 × (i mod 7);
    // "households" does not match the pattern and must not count.
    const residents = (i: number) => 100 + i + 3 * (i % 7)
    let merged: [string, string]
    let split: string
    let splitHalves: [string[], string[]]

    beforeAll(async () => {
      orgId = await createOrg('versions')
      await run(orgId, cityLayer('stadtbezirk'), { layer: 'stadtbezirk' })
      await run(orgId, v1, {
        layer: 'sozialraum',
        parentLayer: 'stadtbezirk',
        parentField: 'parent',
      })
      await run(orgId, cityLayer('block'), { layer: 'block', parentLayer: 'sozialraum' })
      const vars = await db.query<{ id: number; key: string }>(
        `insert into variable (organization_id, key, name_de, name_en, unit, topic, source)
         select $1, k, k, k, 'persons', 'population', 'test' from unnest($2::text[]) as k
         returning id, key`,
        [orgId, ['pop_m_de_00_05', 'pop_f_nd_65_99', 'households']],
      )
      const id = (key: string) => vars.find((v) => v.key === key)!.id
      const blockRows = await currentAreas(orgId, 'block')
      const index = new Map(blocks.map((b, i) => [b.code, i]))
      const v: number[] = []
      const a: number[] = []
      const x: number[] = []
      for (const row of blockRows) {
        const i = index.get(row.code)!
        v.push(id('pop_m_de_00_05'), id('pop_f_nd_65_99'), id('households'))
        a.push(row.id, row.id, row.id)
        x.push(100 + i, 3 * (i % 7), 1000)
      }
      await db.query(
        `insert into observation (organization_id, variable_id, area_id, period, value)
         select $1, v, a, 2021, x from unnest($2::int[], $3::int[], $4::float8[]) as t (v, a, x)`,
        [orgId, v, a, x],
      )
      // Two Sozialräume of one Stadtbezirk that share an edge, and another one with ≥ 2 blocks.
      const [pair] = await db.query<{ a: string; b: string }>(
        `select a.code as a, b.code as b from area a
           join area b on b.organization_id = a.organization_id and b.layer_id = a.layer_id
                      and a.code < b.code and a.parent_id = b.parent_id
                      and ST_Relate(a.geom, b.geom, 'F***1****')
           join area_layer l on l.id = a.layer_id
          where a.organization_id = $1 and l.key = 'sozialraum'
          order by a.code, b.code limit 1`,
        [orgId],
      )
      merged = [pair!.a, pair!.b]
      split = sozialraeume.find(
        (s) => !merged.includes(s.code) && blocksOf(s.code).length >= 4,
      )!.code
      const codes = blocksOf(split).map((b) => b.code)
      splitHalves = [
        codes.slice(0, Math.floor(codes.length / 2)),
        codes.slice(Math.floor(codes.length / 2)),
      ]
    })

    const unionOf = (blockCodes: string[]): MultiPolygon => ({
      type: 'MultiPolygon',
      coordinates: unionByEdgeCancellation(
        blockCodes.flatMap(
          (c) => blocks.find((b) => b.code === c)!.geometry.coordinates as Ring[][],
        ),
      ),
    })
    const v2 = () => {
      const features = sozialraeume
        .filter((s) => !merged.includes(s.code) && s.code !== split)
        .map((s) => ({ properties: { code: s.code, name: s.name }, geometry: s.geometry }))
      features.push({
        properties: { code: `${merged[0]}+`, name: 'Zusammengelegt' },
        geometry: unionOf([...blocksOf(merged[0]), ...blocksOf(merged[1])].map((b) => b.code)),
      })
      features.push(
        { properties: { code: `${split}.1`, name: 'Nordteil' }, geometry: unionOf(splitHalves[0]) },
        { properties: { code: `${split}.2`, name: 'Südteil' }, geometry: unionOf(splitHalves[1]) },
      )
      // One unchanged area gets a new name: its row is kept and renamed.
      features[0]!.properties.name = `${features[0]!.properties.name} (neu)`
      return geojson('sozialraum-2022.geojson', features)
    }
    const popOf = (blockCodes: string[]) =>
      blockCodes.reduce((s, c) => s + residents(blocks.findIndex((b) => b.code === c)), 0)

    it('needs a date for a new version, after the current one', async () => {
      const before = await counts(orgId)
      await expect(run(orgId, v2(), { layer: 'sozialraum' })).rejects.toThrow(
        /already has 33 current areas.*--valid-from YYYY-MM-DD, after 1900-01-01/,
      )
      await expect(
        run(orgId, v2(), { layer: 'sozialraum', validFrom: '1900-01-01' }),
      ).rejects.toThrow(/must start after its current version/)
      await expect(
        run(orgId, v2(), { layer: 'sozialraum', validFrom: '2022-02-30' }),
      ).rejects.toThrow(/"2022-02-30" is not valid; expected YYYY-MM-DD/)
      expect(await counts(orgId)).toEqual(before)
    })

    it('closes changed areas, keeps unchanged ones and re-parents the blocks', async () => {
      const before = await counts(orgId)
      const keptBefore = await currentAreas(orgId, 'sozialraum')
      const report = await run(orgId, v2(), { layer: 'sozialraum', validFrom: '2022-01-01' })
      expect(report.version).toEqual({
        validFrom: '2022-01-01',
        newVersion: true,
        created: 3,
        kept: 30,
        closed: 3,
        renamed: [sozialraeume.find((s) => !merged.includes(s.code) && s.code !== split)!.code],
      })
      expect((await counts(orgId)).version).toBe(before.version + 1)

      const now = await currentAreas(orgId, 'sozialraum')
      expect(now).toHaveLength(33)
      for (const old of keptBefore.filter((a) => ![...merged, split].includes(a.code))) {
        expect(now.find((a) => a.code === old.code)?.id).toBe(old.id) // same row
      }
      const closed = await db.query<{ code: string; validTo: string }>(
        `select code, to_char(valid_to, 'YYYY-MM-DD') as "validTo" from area
          where organization_id = $1 and valid_to is not null order by code`,
        [orgId],
      )
      expect(closed).toEqual(
        [...merged, split].sort().map((code) => ({ code, validTo: '2022-01-01' })),
      )
      const [newArea] = await db.query<{ validFrom: string; parent: string }>(
        `select to_char(a.valid_from, 'YYYY-MM-DD') as "validFrom", p.code as parent
           from area a join area p on p.id = a.parent_id
          where a.organization_id = $1 and a.code = $2`,
        [orgId, `${split}.1`],
      )
      expect(newArea).toEqual({ validFrom: '2022-01-01', parent: split.slice(0, 2) })

      // The blocks of the closed Sozialräume now point at the new ones, wholly inside them.
      const expected = new Map<string, string>()
      for (const b of [...blocksOf(merged[0]), ...blocksOf(merged[1])])
        expected.set(b.code, `${merged[0]}+`)
      splitHalves[0].forEach((c) => expected.set(c, `${split}.1`))
      splitHalves[1].forEach((c) => expected.set(c, `${split}.2`))
      expect(report.reparented.map((r) => [r.code, r.parentCode]).sort()).toEqual(
        [...expected].sort(),
      )
      expect(report.reparented.every((r) => r.share > 0.999)).toBe(true)
      const blockRows = await currentAreas(orgId, 'block')
      for (const row of blockRows) {
        expect(row.parentCode).toBe(
          expected.get(row.code) ?? blocks.find((b) => b.code === row.code)!.parentCode,
        )
      }
      expect(report.overlaps).toEqual([])
      expect(report.gaps).toEqual([])
      expect(report.outside).toEqual([])
      expect(report.crosswalk).toMatchObject({
        populationPeriod: 2021,
        lowCoverage: [],
        withoutResidents: [],
      })
    })

    it('gives area weights that sum to 1 per old area', async () => {
      const weights = await crosswalkFor(db, orgId, 'sozialraum', '2021-12-31')
      expect(checkCrosswalk(weights)).toEqual([])
      expect(new Set(weights.map((w) => w.fromCode)).size).toBe(33)
      const of = (from: string) => weights.filter((w) => w.fromCode === from)
      expect(of(merged[0]).map((w) => [w.toCode, w.weight])).toEqual([[`${merged[0]}+`, 1]])
      expect(of(merged[1]).map((w) => [w.toCode, w.weight])).toEqual([[`${merged[0]}+`, 1]])
      const halves = of(split)
      expect(halves.map((w) => w.toCode)).toEqual([`${split}.1`, `${split}.2`])
      const [shares] = await db.query<{ first: number }>(
        `select ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography)
                / ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)::geography) as first`,
        [
          JSON.stringify(unionOf(splitHalves[0])),
          JSON.stringify(sozialraeume.find((s) => s.code === split)!.geometry),
        ],
      )
      expect(halves[0]!.weight).toBeCloseTo(shares!.first, 9)
      // An unchanged area maps onto itself; from today's version everything is the identity.
      const keptCode = sozialraeume.find((s) => ![...merged, split].includes(s.code))!.code
      expect(of(keptCode).map((w) => [w.toCode, w.weight])).toEqual([[keptCode, 1]])
      const today = await crosswalkFor(db, orgId, 'sozialraum', '2023-06-30')
      expect(today.every((w) => w.from === w.to && w.weight === 1)).toBe(true)
      expect(today).toHaveLength(33)
    })

    it('gives population weights from the residents of the blocks (pop_* only)', async () => {
      const weights = await crosswalkFor(db, orgId, 'sozialraum', '2021-12-31', 'population')
      expect(checkCrosswalk(weights)).toEqual([])
      const halves = weights.filter((w) => w.fromCode === split)
      const all = popOf(blocksOf(split).map((b) => b.code))
      expect(halves[0]!.weight).toBeCloseTo(popOf(splitHalves[0]) / all, 12)
      expect(halves[1]!.weight).toBeCloseTo(popOf(splitHalves[1]) / all, 12)

      // Residents of 2021 on the old boundaries, moved onto today's: exactly the blocks' sums.
      const old = new Map(
        weights
          .filter((w, i, list) => list.findIndex((x) => x.from === w.from) === i)
          .map((w) => [w.from, popOf(blocksOf(w.fromCode).map((b) => b.code))]),
      )
      const moved = applyCrosswalk(weights, old)
      const byCode = new Map(weights.map((w) => [w.toCode, w.to]))
      const mergedTotal = popOf([...blocksOf(merged[0]), ...blocksOf(merged[1])].map((b) => b.code))
      expect(moved.get(byCode.get(`${merged[0]}+`)!)).toBeCloseTo(mergedTotal, 9)
      expect(moved.get(byCode.get(`${split}.1`)!)).toBeCloseTo(popOf(splitHalves[0]), 9)
      expect(moved.get(byCode.get(`${split}.2`)!)).toBeCloseTo(popOf(splitHalves[1]), 9)
      const sum = (m: Map<number, number>) => [...m.values()].reduce((s, x) => s + x, 0)
      expect(sum(moved)).toBeCloseTo(sum(old), 6)
    })

    it('lists the versions of the layer', async () => {
      const [layer] = await db.query<{ id: number }>(
        `select id from area_layer where organization_id = $1 and key = 'sozialraum'`,
        [orgId],
      )
      expect(await layerVersions(db, orgId, layer!.id)).toEqual([
        { validFrom: '1900-01-01', validTo: '2022-01-01', areas: 33 },
        { validFrom: '2022-01-01', validTo: null, areas: 33 },
      ])
    })
  })
})

describe('planraum areas (CLI command, embedded database in a folder)', () => {
  let dir: string
  const saved = process.env.DATABASE_URL

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'planraum-cli-'))
    delete process.env.DATABASE_URL // this test drives the embedded database
    const db = await openPglite(dir, { loadDataDir: await pgliteTemplate('migrated') })
    await db.query(`insert into organization (slug, name) values ('nc', 'North Carolina')`)
    await db.close()
  })
  afterAll(() => {
    if (saved !== undefined) process.env.DATABASE_URL = saved
    rmSync(dir, { recursive: true, force: true })
  })

  async function cli(args: Record<string, string | boolean>, positionals: string[]) {
    const out: string[] = []
    const err: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
    const error = vi
      .spyOn(console, 'error')
      .mockImplementation((...a) => void err.push(a.join(' ')))
    try {
      const code = await areasCommand.run({ 'data-dir': dir, ...args }, positionals)
      return { code, stdout: out.join('\n'), stderr: err.join('\n') }
    } finally {
      log.mockRestore()
      error.mockRestore()
    }
  }

  it('imports a file, prints the report and lists the layers', async () => {
    const imported = await cli(
      {
        org: 'nc',
        layer: 'county',
        'code-field': 'FIPS',
        'name-field': 'NAME',
        'layer-name-de': 'County',
      },
      ['import', NC_FILE],
    )
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/Imported nc_sids\.geojson into layer "county" of nc/)
    expect(imported.stdout).toMatch(/first version, valid from 1900-01-01: 100 areas/)
    expect(imported.stdout).toMatch(/No overlaps, gaps or areas outside their parent/)

    const listed = await cli({ org: 'nc' }, ['list'])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/0 {2}county {2}County \/ County, 100 current areas/)
  })

  it('exits 1 with the problems when the file cannot be imported', async () => {
    const failed = await cli(
      { org: 'nc', layer: 'tract', 'code-field': 'NOPE', 'parent-layer': 'county' },
      ['import', NC_FILE],
    )
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/property "NOPE" is not an attribute of the file/)
    const usage = await cli({ org: 'nc' }, ['import'])
    expect(usage.code).toBe(2)
    const unknown = await cli({ org: 'nowhere', layer: 'x' }, ['import', NC_FILE])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/the organisation "nowhere" does not exist \(known: nc\)/)
  })
})
