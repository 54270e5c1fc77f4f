/**
 * A layer's boundaries as TopoJSON (GET /api/orgs/:org/layers/:layer/topology) on real databases
 * (PGlite; the PostgreSQL server too with DATABASE_URL): decoded with the web app's loader and
 * checked with PostGIS against the stored boundaries — no overlaps, no gaps, valid polygons, the
 * simplification error below a pixel — on the Musterstadt demo blocks and the 3,231 US counties
 * of the us-atlas package (node_modules/us-atlas/counties-10m.json, US Census Bureau cartographic
 * boundaries 1:10m, see its README), plus the payload, ETag, cache and errors. The same boundaries
 * as vector tiles (GET …/tiles.json and …/tiles/z/x/y.mvt), decoded with @mapbox/vector-tile as
 * MapLibre decodes them: every area in its place, caching, errors.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import { VectorTile } from '@mapbox/vector-tile'
import type { FastifyInstance } from 'fastify'
import { PbfReader } from 'pbf'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildApp } from '../../src/app.js'
import { listLayers } from '../../src/modules/areas/index.js'
import {
  AREA_DIGITS,
  QUANTUM_PX,
  significant,
  TopologyCache,
  WORLD_PX,
} from '../../src/modules/areas/topology.js'
import { pointInMultiPolygon } from '../../src/core/geo/pointInPolygon.js'
import type { Position, Ring } from '../../src/core/geo/geojson.js'
import {
  TILE_FORMAT,
  TILE_HEADROOM_ZOOMS,
  TILE_LAYER,
  tileAt,
} from '../../src/modules/areas/tiles.js'
import type { Database } from '../../src/platform/db/index.js'
import { createLogger } from '../../src/platform/log.js'
import type { AreaCollection } from '../../src/web/http/types.js'
import {
  createGeometryLoader,
  decodeLayerTopology,
  layerBorders,
  type LayerTopology,
} from '../../src/web/lib/topology.js'
import { ROOT } from '../helpers/cli.js'
import { testTargets } from '../helpers/databases.js'

const COUNTIES = path.join(ROOT, 'node_modules/us-atlas/counties-10m.json')

/** The us-atlas counties as GeoJSON features (id = 5-digit FIPS code). */
function usCounties() {
  const us = JSON.parse(readFileSync(COUNTIES, 'utf8')) as Topology
  const counties = feature(us, us.objects.counties as GeometryCollection<{ name: string }>)
  return counties.features.filter((f) => f.geometry !== null)
}

describe.each(testTargets())('layer topology on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let app: FastifyInstance
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers })

  beforeAll(async () => {
    ;({ db, dispose } = await target.create('demo'))
    // The counties as one layer of a second organisation, written as the demo loader writes areas.
    const counties = usCounties()
    const [org] = await db.query<{ id: number }>(
      `insert into organization (slug, name) values ('us-counties', 'US counties') returning id`,
    )
    const [layer] = await db.query<{ id: number }>(
      `insert into area_layer (organization_id, key, name_de, name_en, level)
       values ($1, 'county', 'County', 'County', 0) returning id`,
      [org!.id],
    )
    await db.query(
      `insert into area (organization_id, layer_id, code, name, geom)
       select $1, $2, code, name, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326))
         from unnest($3::text[], $4::text[], $5::text[]) as t (code, name, geometry)`,
      [
        org!.id,
        layer!.id,
        counties.map((f) => String(f.id)),
        counties.map((f) => f.properties.name),
        counties.map((f) => JSON.stringify(f.geometry)),
      ],
    )
    app = await buildApp({
      db,
      config: { webDir: '/nonexistent', logLevel: 'silent' },
      logger: createLogger('silent'),
    })
    // Opening PGlite alone takes over a minute on a busy 2-core machine.
  }, 600_000)
  afterAll(async () => {
    await app?.close()
    await dispose()
  })

  /** The layer's topology through the web app's loader (fetch answered by the real server). */
  async function loadThroughWebLoader(org: string, layer: string) {
    const loader = createGeometryLoader(async (url) => {
      const response = await get(url)
      return new Response(response.body, {
        status: response.statusCode,
        headers: { 'content-type': String(response.headers['content-type']) },
      })
    })
    const [areas, topology] = await Promise.all([
      loader.geometry(org, layer),
      loader.topology(org, layer),
    ])
    return { areas, topology }
  }

  /**
   * PostGIS checks of the decoded areas against the stored ones: overlapping pairs, holes and
   * parts of the union, invalid polygons, and the largest Hausdorff distance (degrees).
   */
  async function checkWithPostgis(
    org: string,
    layer: string,
    areas: AreaCollection,
    pixelDegrees: number,
  ) {
    await db.query('drop table if exists decoded')
    await db.query('create temporary table decoded (code text primary key, geom geometry)')
    await db.query(
      `insert into decoded
       select code, ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)
         from unnest($1::text[], $2::text[]) as t (code, geometry)`,
      [
        areas.features.map((f) => f.properties.code),
        areas.features.map((f) => JSON.stringify(f.geometry)),
      ],
    )
    await db.query(
      `create temporary table stored as
       select a.code, a.geom from area a
         join organization o on o.id = a.organization_id and o.slug = $1
         join area_layer l on l.id = a.layer_id and l.key = $2
        where a.valid_to is null`,
      [org, layer],
    )
    // The us-atlas counties include invalid rings (self-touching after its quantization):
    // ST_MakeValid before the union; overlaps are tested between valid polygons only (GEOS of
    // PostGIS 3.3 throws "side location conflict" on the invalid ones, and PGlite's GEOS gives up
    // on ST_MakeValid of some), the invalid ones are compared as their own set.
    const measure = async (table: 'decoded' | 'stored') => {
      const [sets] = await db.query<{ overlaps: string[]; invalid: string[] }>(
        `select coalesce((select array_agg(a.code || '/' || b.code order by a.code, b.code)
                   from ${table} a join ${table} b
                     on a.code < b.code and a.geom && b.geom
                    and ST_IsValid(a.geom) and ST_IsValid(b.geom)
                    and ST_Relate(a.geom, b.geom, '2********')), '{}')
                  as overlaps,
                coalesce((select array_agg(code order by code) from ${table}
                   where not ST_IsValid(geom)), '{}') as invalid`,
      )
      // PGlite answers no row when GEOS gives up on a union (the 3,231 counties): null then.
      const [union] = await db.query<{
        parts: number
        holes: number
        sumArea: number
        unionArea: number
      }>(
        `with u as (select ST_Union(ST_MakeValid(geom)) as geom from ${table}),
              parts as (select (ST_Dump(geom)).geom from u)
         select (select count(*)::int from parts) as parts,
                (select sum(ST_NumInteriorRings(geom))::int from parts) as holes,
                (select sum(ST_Area(ST_MakeValid(geom))) from ${table}) as "sumArea",
                (select ST_Area(geom) from u) as "unionArea"`,
      )
      if (!sets) throw new Error(`PostGIS could not compare the ${table} areas.`)
      return { ...sets, union: union ?? null }
    }
    const decoded = await measure('decoded')
    const stored = await measure('stored')
    // Gaps, locally: every border of at least 2 px between two stored neighbours is shared by the
    // decoded pair too (simplified: at least half its length). Shorter borders may shrink to a
    // point: then the two areas meet at a corner, still without a gap.
    const [borders] = await db.query<{ pairs: number; broken: string[] }>(
      `with pairs as (
         select a.code as a, b.code as b from stored a join stored b
           on a.code < b.code and a.geom && b.geom
          and ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))) > $1)
       select count(*)::int as pairs,
              coalesce(array_agg(p.a || '/' || p.b) filter (where
                ST_Length(ST_Intersection(ST_Boundary(da.geom), ST_Boundary(db.geom))) <
                0.5 * ST_Length(ST_Intersection(ST_Boundary(sa.geom), ST_Boundary(sb.geom)))), '{}')
                as broken
         from pairs p
         join decoded da on da.code = p.a join decoded db on db.code = p.b
         join stored sa on sa.code = p.a join stored sb on sb.code = p.b`,
      [2 * pixelDegrees],
    )
    const [distance] = await db.query<{ max: number; missing: number }>(
      `select max(ST_HausdorffDistance(s.geom, d.geom)) as max,
              count(*) filter (where d.code is null)::int as missing
         from stored s left join decoded d on d.code = s.code`,
    )
    await db.query('drop table stored')
    return {
      decoded,
      stored,
      borders: borders!,
      hausdorff: distance!.max,
      missing: distance!.missing,
    }
  }

  /** A distance in degrees as pixels at `zoom`, taking the shorter latitude pixel (an upper bound). */
  const pixels = (degrees: number, zoom: number, maxLat: number) =>
    degrees / ((360 / (WORLD_PX * 2 ** zoom)) * Math.cos((maxLat * Math.PI) / 180))

  it('answers the Musterstadt blocks as TopoJSON that decodes to the areas of GET /areas', async () => {
    const response = await get('/api/orgs/musterstadt/layers/block/topology')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    const topology = response.json<LayerTopology>()
    expect(topology.type).toBe('Topology')
    expect(topology.layer).toBe('block')
    const raw = await get('/api/orgs/musterstadt/areas?layer=block')
    const geojson = raw.json<AreaCollection>()

    const { areas } = await loadThroughWebLoader('musterstadt', 'block')
    // The same properties as /areas, the area rounded to three significant digits.
    expect(areas.features.map((f) => f.properties)).toEqual(
      geojson.features.map((f) => ({
        ...f.properties,
        areaKm2: significant(f.properties.areaKm2, AREA_DIGITS),
      })),
    )
    expect(areas.features.map((f) => f.id)).toEqual(geojson.features.map((f) => f.id))
    for (const area of areas.features) {
      expect(area.geometry.type).toBe('MultiPolygon')
      expect(area.geometry.coordinates.length).toBeGreaterThan(0)
    }

    // The payload: measured, and printed for the record (see the report on the 20 % target).
    const ratio = response.rawPayload.length / raw.rawPayload.length
    console.log(
      `Musterstadt blocks: TopoJSON ${response.rawPayload.length} B, GeoJSON ${raw.rawPayload.length} B, ${(100 * ratio).toFixed(1)} %`,
    )
    // 250 Voronoi blocks of ~7 vertices leave nothing to simplify; what remains is the shared
    // borders stored once, quantization, and the per-area properties (as columns, rounded).
    // Measured: 48 % (62 % with a properties object per geometry); the 20 % of issue 4 holds
    // only for detailed boundaries (see bench/README.md, atlas section).
    expect(ratio).toBeLessThan(0.5)
  })

  it('keeps the Musterstadt blocks free of gaps and overlaps, valid, and within a pixel', async () => {
    const response = await get('/api/orgs/musterstadt/layers/block/topology')
    const zoom = Number(response.headers['x-topology-zoom'])
    const areas = decodeLayerTopology(response.json<LayerTopology>())
    const { decoded, stored, borders, hausdorff, missing } = await checkWithPostgis(
      'musterstadt',
      'block',
      areas,
      360 / (WORLD_PX * 2 ** zoom),
    )
    expect(missing).toBe(0)
    expect(stored.overlaps).toEqual([])
    expect(decoded.overlaps).toEqual([])
    expect(decoded.invalid).toEqual([])
    expect(decoded.union!.parts).toBe(stored.union!.parts)
    expect(decoded.union!.holes).toBe(stored.union!.holes)
    expect(decoded.union!.sumArea).toBeCloseTo(decoded.union!.unionArea, 9)
    expect(borders.pairs).toBeGreaterThan(600)
    expect(borders.broken).toEqual([])
    // The error at the zoom the layer fits a 1000 px map (one below the topology's zoom).
    const error = pixels(hausdorff, zoom - 1, 52.33)
    console.log(
      `Musterstadt blocks: largest boundary shift ${error.toFixed(3)} px at zoom ${(zoom - 1).toFixed(2)}`,
    )
    expect(error).toBeLessThan(0.5)
  }, 300_000)

  it('keeps the 3,231 US counties close, with few new gaps or overlaps (known weakness)', async () => {
    const { areas, topology } = await loadThroughWebLoader('us-counties', 'county')
    expect(areas.features).toHaveLength(3231)
    const zoom = Math.log2(360 / ((WORLD_PX * topology.transform!.scale[0]) / QUANTUM_PX))
    const { decoded, stored, borders, hausdorff, missing } = await checkWithPostgis(
      'us-counties',
      'county',
      areas,
      360 / (WORLD_PX * 2 ** zoom),
    )
    const added = decoded.overlaps.filter((pair) => !stored.overlaps.includes(pair))
    console.log(
      `US counties: overlapping pairs stored ${stored.overlaps.length}, decoded ${decoded.overlaps.length}; ` +
        `invalid stored ${stored.invalid.length}, decoded ${decoded.invalid.length}; ` +
        `neighbour pairs ${borders.pairs}, broken ${borders.broken.length}; ` +
        `new overlaps ${added.length} (${added.join(', ')})`,
    )
    expect(missing).toBe(0)
    // KNOWN WEAKNESS: simplifying and quantizing arcs keeps shared borders shared, but does not
    // stop two different arcs from crossing where areas are only a few pixels wide (Virginia's
    // independent cities, Denver, Puerto Rico at zoom ≈ 2, where a pixel is ~0.35°). Measured:
    // 3 new overlapping pairs among valid polygons, 6 newly invalid counties and 7 of 3,654
    // longer borders broken.
    // Bounded here so that it cannot grow unnoticed; the fix is a crossing repair after
    // simplification.
    expect(borders.pairs).toBeGreaterThan(3000)
    expect(added.length).toBeLessThanOrEqual(3)
    expect(
      decoded.invalid.filter((code) => !stored.invalid.includes(code)).length,
    ).toBeLessThanOrEqual(6)
    expect(borders.broken.length).toBeLessThanOrEqual(7)
    const error = pixels(hausdorff, zoom - 1, 71.4)
    console.log(
      `US counties: largest boundary shift ${error.toFixed(3)} px at zoom ${(zoom - 1).toFixed(2)}`,
    )
    // KNOWN WEAKNESS, not yet explained: measured 2.42 px (converted with the latitude pixel at
    // 71.4° N, which overstates shifts further south up to threefold). Candidates: islands below
    // a pixel that quantization folds and the decoder drops, or the crossings above.
    expect(error).toBeLessThan(3)
    // The borders as lines: every inner border once.
    const lines = layerBorders(topology)
    // mesh stitches arcs into lines: fewer lines than arcs, each an inner border run.
    expect(lines.inner.coordinates.length).toBeGreaterThan(1000)
    expect(lines.inner.coordinates.length).toBeLessThanOrEqual(topology.arcs.length)
    expect(lines.outer.coordinates.length).toBeGreaterThan(0)
  }, 600_000)

  it('answers a repeat from the cache, with the same ETag, and 304 to If-None-Match', async () => {
    const url = '/api/orgs/musterstadt/layers/sozialraum/topology'
    const first = await get(url)
    const second = await get(url)
    expect(second.body).toBe(first.body)
    const etag = first.headers.etag as string
    expect(second.headers.etag).toBe(etag)
    const third = await get(url, { 'if-none-match': etag })
    expect(third.statusCode).toBe(304)
    expect(third.body).toBe('')
    // Compressed for a browser (from the cache too), with the same ETag.
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const packed = await get(url, { 'accept-encoding': `${encoding}, identity` })
      expect(packed.headers['content-encoding']).toBe(encoding)
      expect(packed.headers.vary).toMatch(/accept-encoding/i)
      expect(packed.headers.etag).toBe(etag)
      expect(decode(packed.rawPayload).toString()).toBe(first.body)
      expect(packed.rawPayload.length).toBeLessThan(first.rawPayload.length / 2)
    }
    const unchanged = await get(url, { 'accept-encoding': 'br', 'if-none-match': etag })
    expect(unchanged.statusCode).toBe(304)
  })

  it('builds once per data version and again when the boundaries change', async () => {
    const cache = new TopologyCache(db)
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    const layer = (await listLayers(db, org!.id)).find((l) => l.key === 'stadtbezirk')!
    const a = await cache.get(org!.id, layer)
    expect(await cache.get(org!.id, layer)).toBe(a)
    const zoomed = await cache.get(org!.id, layer, { zoom: 14 })
    expect(zoomed).not.toBe(a)
    // Only the default detail keeps the topology object (the tiles are cut from it).
    expect(a.topology).not.toBeNull()
    expect(zoomed.topology).toBeNull()
    // The tiles the server answers with, before the change: the version, and the tile at the
    // topology's detail that holds the area about to move.
    const [moved] = await db.query<{ point: Position }>(
      `select array[ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom))] as point
         from area where organization_id = $1 and layer_id = $2
        order by code limit 1`,
      [org!.id, layer.id],
    )
    const tileSet = async () => {
      const tileJson = (
        await get('/api/orgs/musterstadt/layers/stadtbezirk/tiles.json')
      ).json<TileJson>()
      const z = tileJson.maxzoom - TILE_HEADROOM_ZOOMS
      const [x, y] = tileAt(moved!.point, z)
      const tile = await get(
        tileJson.tiles[0]!.replace('{z}', String(z))
          .replace('{x}', String(x))
          .replace('{y}', String(y)),
      )
      expect(tile.statusCode).toBe(200)
      return { version: tileJson.version, bytes: tile.rawPayload }
    }
    const tilesBefore = await tileSet()
    expect(tilesBefore.version).toMatch(new RegExp(`^${TILE_FORMAT}-`))

    // A boundary change as importBoundaries makes it: new geometry, data_version + 1.
    await db.query(
      `update area set geom = ST_Multi(ST_Translate(geom, 0.001, 0))
        where organization_id = $1 and layer_id = $2 and code = (
          select min(code) from area where organization_id = $1 and layer_id = $2)`,
      [org!.id, layer.id],
    )
    await db.query('update organization set data_version = data_version + 1 where id = $1', [
      org!.id,
    ])
    const b = await cache.get(org!.id, layer)
    expect(b).not.toBe(a)
    expect(b.answer.body.equals(a.answer.body)).toBe(false)
    expect(b.answer.etag).not.toBe(a.answer.etag)
    // The server's own cache follows: a new version, and tiles cut from the new boundaries.
    const tilesAfter = await tileSet()
    expect(tilesAfter.version).not.toBe(tilesBefore.version)
    expect(tilesAfter.bytes.equals(tilesBefore.bytes)).toBe(false)
  })

  it('says what was wrong with a request', async () => {
    const unknownLayer = await get('/api/orgs/musterstadt/layers/county/topology')
    expect(unknownLayer.statusCode).toBe(404)
    expect(unknownLayer.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(unknownLayer.json<{ error: { message: string } }>().error.message).toContain(
      'known layers: gesamtstadt, stadtbezirk, sozialraum, block',
    )
    const unknownOrg = await get('/api/orgs/nowhere/layers/block/topology')
    expect(unknownOrg.statusCode).toBe(404)
    const badKey = await get('/api/orgs/musterstadt/layers/Block!/topology')
    expect(badKey.statusCode).toBe(400)
    expect(badKey.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
    const badZoom = await get('/api/orgs/musterstadt/layers/block/topology?zoom=23')
    expect(badZoom.statusCode).toBe(400)
    expect(badZoom.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
  })

  it('is documented in the OpenAPI document', async () => {
    const document = (await get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { operationId: string }>>
    }>()
    const operations = Object.values(document.paths).flatMap((p) => Object.values(p))
    expect(operations.map((o) => o.operationId)).toContain('getLayerTopology')
  })

  interface TileJson {
    tilejson: string
    tiles: string[]
    minzoom: number
    maxzoom: number
    bounds: [number, number, number, number]
    version: string
    vector_layers: { id: string }[]
  }

  /** Every tile at `z` that the layer's bounds touch, decoded: the pieces of areas by code. */
  async function decodeTiles(tileJson: TileJson, z: number) {
    const [west, south, east, north] = tileJson.bounds
    const [x0, y0] = tileAt([west, north], z)
    const [x1, y1] = tileAt([east, south], z)
    const pieces = new Map<string, { name: string; polygons: Ring[][] }>()
    let tiles = 0
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const url = tileJson.tiles[0]!.replace('{z}', String(z))
          .replace('{x}', String(x))
          .replace('{y}', String(y))
        const answer = await get(url)
        if (answer.statusCode === 204) continue
        expect(answer.statusCode).toBe(200)
        expect(answer.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
        tiles++
        const layer = new VectorTile(new PbfReader(answer.rawPayload)).layers[TILE_LAYER]!
        expect(layer.extent).toBe(4096)
        for (let i = 0; i < layer.length; i++) {
          const feature = layer.feature(i)
          const code = String(feature.properties.code)
          const geometry = feature.toGeoJSON(x, y, z).geometry as
            | { type: 'Polygon'; coordinates: Ring[] }
            | { type: 'MultiPolygon'; coordinates: Ring[][] }
          const entry = pieces.get(code) ?? { name: String(feature.properties.name), polygons: [] }
          if (geometry.type === 'Polygon') entry.polygons.push(geometry.coordinates)
          else entry.polygons.push(...geometry.coordinates)
          pieces.set(code, entry)
        }
      }
    }
    return { pieces, tiles }
  }

  it('serves the Musterstadt blocks as vector tiles with every area where it is stored', async () => {
    const tileJson = (await get('/api/orgs/musterstadt/layers/block/tiles.json')).json<TileJson>()
    expect(tileJson).toMatchObject({
      tilejson: '3.0.0',
      minzoom: 0,
      vector_layers: [{ id: TILE_LAYER }],
    })
    expect(tileJson.tiles[0]).toBe(
      `/api/orgs/musterstadt/layers/block/tiles/{z}/{x}/{y}.mvt?v=${tileJson.version}`,
    )
    const topology = await get('/api/orgs/musterstadt/layers/block/topology')
    const detailZoom = Number(topology.headers['x-topology-zoom'])
    expect(tileJson.maxzoom).toBe(Math.ceil(detailZoom) + TILE_HEADROOM_ZOOMS)
    const [extent] = await db.query<{ box: number[] }>(
      `select array[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)] as box
         from (select ST_Extent(a.geom)::geometry as e from area a
                 join organization o on o.id = a.organization_id and o.slug = 'musterstadt'
                 join area_layer l on l.id = a.layer_id and l.key = 'block'
                where a.valid_to is null) as x`,
    )
    tileJson.bounds.forEach((value, i) => expect(value).toBeCloseTo(extent!.box[i]!, 3))

    // At the topology's detail zoom, every area is drawn, and where PostGIS says it is.
    const { pieces, tiles } = await decodeTiles(tileJson, Math.ceil(detailZoom))
    expect(tiles).toBeGreaterThan(1)
    const stored = await db.query<{ code: string; name: string; point: Position }>(
      `select a.code, a.name,
              array[ST_X(ST_PointOnSurface(a.geom)), ST_Y(ST_PointOnSurface(a.geom))] as point
         from area a
         join organization o on o.id = a.organization_id and o.slug = 'musterstadt'
         join area_layer l on l.id = a.layer_id and l.key = 'block'
        where a.valid_to is null`,
    )
    expect(stored.length).toBe(250)
    expect([...pieces.keys()].sort()).toEqual(stored.map((a) => a.code).sort())
    const misplaced = stored.filter(
      (area) => !pointInMultiPolygon(area.point, pieces.get(area.code)!.polygons),
    )
    expect(misplaced.map((a) => a.code)).toEqual([])
    expect(stored.every((area) => pieces.get(area.code)!.name === area.name)).toBe(true)
  })

  it('keeps a tile for a year under its version; 204 for an empty one, 304, compressed', async () => {
    const tileJson = (await get('/api/orgs/musterstadt/layers/block/tiles.json')).json<TileJson>()
    const z = tileJson.maxzoom - TILE_HEADROOM_ZOOMS
    const [x, y] = tileAt(
      [
        (tileJson.bounds[0] + tileJson.bounds[2]) / 2,
        (tileJson.bounds[1] + tileJson.bounds[3]) / 2,
      ],
      z,
    )
    const versioned = `/api/orgs/musterstadt/layers/block/tiles/${z}/${x}/${y}.mvt?v=${tileJson.version}`
    const first = await get(versioned)
    expect(first.statusCode).toBe(200)
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const etag = first.headers.etag as string
    expect((await get(versioned, { 'if-none-match': etag })).statusCode).toBe(304)
    // Without the current version the tile may change: a browser asks again.
    const unversioned = await get(versioned.replace(/\?v=.*/, '?v=old'))
    expect(unversioned.headers['cache-control']).toBe('public, no-cache')
    expect(unversioned.rawPayload.equals(first.rawPayload)).toBe(true)
    const packed = await get(versioned, { 'accept-encoding': 'br' })
    expect(packed.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(packed.rawPayload).equals(first.rawPayload)).toBe(true)
    expect(packed.rawPayload.length).toBeLessThan(0.7 * first.rawPayload.length)
    // A tile of the same zoom on the other side of the world holds nothing.
    const empty = await get(`/api/orgs/musterstadt/layers/block/tiles/${z}/0/0.mvt`)
    expect(empty.statusCode).toBe(204)
    expect(empty.rawPayload.length).toBe(0)
  })

  it('says what was wrong with a tile request', async () => {
    const tileJson = (await get('/api/orgs/musterstadt/layers/block/tiles.json')).json<TileJson>()
    const base = '/api/orgs/musterstadt/layers/block/tiles'
    const tooDeep = await get(`${base}/${tileJson.maxzoom + 1}/0/0.mvt`)
    expect(tooDeep.statusCode).toBe(404)
    expect(tooDeep.json<{ error: { message: string } }>().error.message).toContain(
      `zoom 0–${tileJson.maxzoom}`,
    )
    expect((await get(`${base}/2/4/0.mvt`)).statusCode).toBe(404)
    const notANumber = await get(`${base}/two/0/0.mvt`)
    expect(notANumber.statusCode).toBe(400)
    expect(notANumber.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
    expect((await get(`${base}/2/1.5/0.mvt`)).statusCode).toBe(400)
    const unknownLayer = await get('/api/orgs/musterstadt/layers/county/tiles.json')
    expect(unknownLayer.statusCode).toBe(404)
    expect((await get('/api/orgs/musterstadt/layers/county/tiles/0/0/0.mvt')).statusCode).toBe(404)
  })

  it('documents the tiles in the OpenAPI document', async () => {
    const document = (await get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { operationId: string }>>
    }>()
    expect(
      document.paths['/api/orgs/{org}/layers/{layer}/tiles/{z}/{x}/{y}.mvt']?.get?.operationId,
    ).toBe('getLayerTile')
    expect(document.paths['/api/orgs/{org}/layers/{layer}/tiles.json']?.get?.operationId).toBe(
      'getLayerTileJson',
    )
  })
})
