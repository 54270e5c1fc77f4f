/**
 * The real Planraum server for the atlas benchmark: in-memory PGlite, migrations, the benchmark
 * datasets written as the demo loader writes its city (support/atlasData.ts), the default
 * catalogue's indicators that fit, and `buildApp` listening on 127.0.0.1 (a free port).
 */
import type { AddressInfo } from 'node:net'

import type { FastifyInstance } from 'fastify'

import { buildApp } from '../../src/app.js'
import { seedDefaultCatalogue } from '../../src/modules/monitoring/index.js'
import { migrate, openPglite, type Database } from '../../src/platform/db/index.js'
import { createLogger } from '../../src/platform/log.js'
import type { AtlasDataset } from './atlasData.js'

/** Areas per INSERT: a few MB of GeoJSON text per statement. */
const AREA_CHUNK = 1000
const ROW_CHUNK = 50_000

/** Writes a dataset as one organisation (in one transaction). */
export async function loadAtlasDataset(db: Database, data: AtlasDataset): Promise<void> {
  await db.transaction(async (tx) => {
    const [org] = await tx.query<{ id: number }>(
      `insert into organization (slug, name) values ($1, $2) returning id`,
      [data.slug, data.name],
    )
    const orgId = org!.id
    const layerIds = new Map<string, number>()
    let parentLayer: number | null = null
    for (const [level, layer] of data.layers.entries()) {
      const [row]: { id: number }[] = await tx.query<{ id: number }>(
        `insert into area_layer (organization_id, key, name_de, name_en, level, parent_layer_id)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [orgId, layer.key, layer.nameDe, layer.nameEn, level, parentLayer],
      )
      layerIds.set(layer.key, row!.id)
      parentLayer = row!.id
    }
    const areaIds = new Map<string, number>() // `${layer} ${code}` → id
    for (const [level, layer] of data.layers.entries()) {
      const parentKey = data.layers[level - 1]?.key
      const areas = data.areas.filter((a) => a.layerKey === layer.key)
      for (let start = 0; start < areas.length; start += AREA_CHUNK) {
        const chunk = areas.slice(start, start + AREA_CHUNK)
        const rows = await tx.query<{ id: number; code: string }>(
          `insert into area (organization_id, layer_id, code, name, parent_id, geom)
           select $1, $2, code, name, parent_id, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326))
             from unnest($3::text[], $4::text[], $5::int[], $6::text[]) as t (code, name, parent_id, geometry)
           returning id, code`,
          [
            orgId,
            layerIds.get(layer.key),
            chunk.map((a) => a.code),
            chunk.map((a) => a.name),
            chunk.map((a) =>
              a.parentCode === null ? null : areaIds.get(`${parentKey} ${a.parentCode}`)!,
            ),
            chunk.map((a) => JSON.stringify(a.geometry)),
          ],
        )
        for (const row of rows) areaIds.set(`${layer.key} ${row.code}`, row.id)
      }
    }
    const variableRows = await tx.query<{ id: number; key: string }>(
      `insert into variable (organization_id, key, name_de, name_en, unit, topic, source)
       select $1, key, key, key, 'Anzahl', 'benchmark', 'seeded synthetic counts'
         from unnest($2::text[]) as t (key) returning id, key`,
      [orgId, data.variables],
    )
    const variableIds = new Map(variableRows.map((r) => [r.key, r.id]))
    const finest = data.layers[data.layers.length - 1]!.key
    const finestIds = data.areas
      .filter((a) => a.layerKey === finest)
      .map((a) => areaIds.get(`${finest} ${a.code}`)!)
    const P = data.periods.length
    let batch = { v: [] as number[], a: [] as number[], p: [] as number[], x: [] as number[] }
    const flush = async () => {
      if (batch.v.length === 0) return
      await tx.query(
        `insert into observation (organization_id, variable_id, area_id, period, value)
         select $1, v, a, p, x from unnest($2::int[], $3::int[], $4::int[], $5::float8[]) as t (v, a, p, x)`,
        [orgId, batch.v, batch.a, batch.p, batch.x],
      )
      batch = { v: [], a: [], p: [], x: [] }
    }
    for (const [v, key] of data.variables.entries()) {
      const values = data.values[v]!
      for (let a = 0; a < finestIds.length; a++) {
        for (let p = 0; p < P; p++) {
          const value = values[a * P + p]!
          if (Number.isNaN(value)) continue
          batch.v.push(variableIds.get(key)!)
          batch.a.push(finestIds[a]!)
          batch.p.push(data.periods[p]!)
          batch.x.push(value)
          if (batch.v.length >= ROW_CHUNK) await flush()
        }
      }
    }
    await flush()
    const catalogue = await seedDefaultCatalogue(tx, orgId, data.indicators)
    if (catalogue.skipped.length > 0) {
      throw new Error(`Benchmark indicators do not fit: ${JSON.stringify(catalogue.skipped)}`)
    }
  })
}

export interface AtlasServer {
  url: string
  db: Database
  app: FastifyInstance
  close(): Promise<void>
}

/** Opens PGlite, loads the datasets and starts the app serving `webDir`. */
export async function startAtlasServer(
  datasets: AtlasDataset[],
  webDir: string,
  onStep: (step: string) => void = () => undefined,
): Promise<AtlasServer> {
  onStep('opening an in-memory PGlite and migrating')
  const db = await openPglite(undefined)
  try {
    await migrate(db)
    for (const data of datasets) {
      onStep(`loading ${data.slug} (${data.areas.length} areas)`)
      await loadAtlasDataset(db, data)
    }
    const app = await buildApp({
      db,
      config: { webDir, logLevel: 'silent' },
      logger: createLogger('silent'),
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${port}`,
      db,
      app,
      close: async () => {
        await app.close()
        await db.close()
      },
    }
  } catch (error) {
    await db.close()
    throw error
  }
}
