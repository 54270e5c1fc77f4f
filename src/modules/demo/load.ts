import { createHash } from 'node:crypto'

import type { Database, Queryable } from '../../platform/db/index.js'
import { systemActor } from '../../platform/http/auth.js'
import { saveVersion } from '../analysis/index.js'
import { seedDefaultCatalogue } from '../monitoring/index.js'
import { generateMusterstadt } from './musterstadt/index.js'
import type { DemoCity } from './types.js'

export interface DemoLoadResult {
  status: 'loaded' | 'present'
  organization: string
  areas: number
  observations: number
  facilities: number
  milliseconds: number
}

export type DemoProgress = (step: string, detail?: Record<string, number>) => void

/** Rows per INSERT … SELECT FROM unnest(…): large enough to be fast, small enough to stay lean. */
const CHUNK = 50_000

/**
 * Loads the demo city into the database in ONE transaction, so an interrupted load (even SIGKILL)
 * leaves either the complete demo or none of it; then its social index (`socialIndex: false`
 * leaves it out). Loading again when it is present does nothing.
 */
export async function loadDemo(
  db: Database,
  options: { city?: DemoCity; onProgress?: DemoProgress; socialIndex?: boolean } = {},
): Promise<DemoLoadResult> {
  const result = await loadCity(db, options)
  if (result.status === 'loaded' && options.socialIndex !== false) {
    await saveDemoSocialIndex(db, result.organization)
  }
  return result
}

/**
 * The demo's published social index: the four indicators of Berlin's Monitoring Soziale
 * Stadtentwicklung (all "higher is worse"), with the module's defaults (z-scores over the areas
 * with at least 300 residents, MSS class thresholds, dynamics over 2 years). Saved after the city,
 * through the analysis module's own command, so it is versioned and audited like any other.
 */
async function saveDemoSocialIndex(db: Database, slug: string): Promise<void> {
  const [org] = await db.query<{ id: number }>('select id from organization where slug = $1', [
    slug,
  ])
  await saveVersion(
    db,
    { actor: systemActor('demo') },
    {
      organizationId: org!.id,
      key: 'sozialindex',
      nameDe: 'Sozialindex nach MSS',
      nameEn: 'Social index (MSS)',
      description:
        'Status und Dynamik aus Arbeitslosigkeit, Langzeitarbeitslosigkeit, SGB-II-Bezug und Kinderarmut, wie im Berliner Monitoring Soziale Stadtentwicklung.',
      published: true,
      definition: {
        indicators: [
          { key: 'unemployment_share', direction: 1, weight: 1 },
          { key: 'longterm_unemployment_share', direction: 1, weight: 1 },
          { key: 'sgb2_rate', direction: 1, weight: 1 },
          { key: 'child_poverty', direction: 1, weight: 1 },
        ],
      },
    },
  )
}

async function loadCity(
  db: Database,
  options: { city?: DemoCity; onProgress?: DemoProgress },
): Promise<DemoLoadResult> {
  const started = performance.now()
  const progress = options.onProgress ?? (() => undefined)
  progress('generating')
  const city: DemoCity = options.city ?? generateMusterstadt()
  const { observations } = city

  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ id: number; isDemo: boolean }>(
      'select id, is_demo as "isDemo" from organization where slug = $1 for update',
      [city.organization.slug],
    )
    if (existing) {
      if (!existing.isDemo) {
        throw new Error(
          `An organisation "${city.organization.slug}" exists and is not the demo; the demo is not loaded over it.`,
        )
      }
      return {
        status: 'present',
        organization: city.organization.slug,
        ...(await counts(tx, existing.id)),
        milliseconds: Math.round(performance.now() - started),
      }
    }

    progress('organisation')
    const [org] = await tx.query<{ id: number }>(
      `insert into organization (slug, name, official_key, is_demo) values ($1, $2, $3, true)
       returning id`,
      [city.organization.slug, city.organization.name, city.organization.officialKey],
    )
    const orgId = org!.id
    const sha = createHash('sha256')
      .update(JSON.stringify({ ...city.provenance, areas: city.areas.length }))
      .digest('hex')
    const [imp] = await tx.query<{ id: number }>(
      `insert into data_import (organization_id, kind, source_name, source_sha256, row_count, report)
       values ($1, 'demo', $2, $3, $4, $5) returning id`,
      [
        orgId,
        `${city.provenance.generator} v${city.provenance.version}, seed ${city.provenance.seed}`,
        sha,
        observations.values.length,
        JSON.stringify({ provenance: city.provenance }),
      ],
    )
    const importId = imp!.id

    progress('areas')
    const layerIds = new Map<string, number>()
    let parentLayerId: number | null = null
    for (const layer of [...city.layers].sort((a, b) => a.level - b.level)) {
      const [row]: { id: number }[] = await tx.query<{ id: number }>(
        `insert into area_layer (organization_id, key, name_de, name_en, level, parent_layer_id)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [orgId, layer.key, layer.nameDe, layer.nameEn, layer.level, parentLayerId],
      )
      layerIds.set(layer.key, row!.id)
      parentLayerId = row!.id
    }
    const areaIds = new Map<string, number>() // `${layerKey} ${code}` → id
    const parentLayerKey = new Map<string, string>()
    const sortedLayers = [...city.layers].sort((a, b) => a.level - b.level)
    sortedLayers.forEach((layer, i) => {
      if (i > 0) parentLayerKey.set(layer.key, sortedLayers[i - 1]!.key)
    })
    for (const layer of sortedLayers) {
      const areas = city.areas.filter((a) => a.layerKey === layer.key)
      const parentIds = areas.map((a) => {
        if (a.parentCode === null) return null
        const id = areaIds.get(`${parentLayerKey.get(layer.key)} ${a.parentCode}`)
        if (id === undefined) {
          throw new Error(`Demo area ${a.code} names the unknown parent ${a.parentCode}.`)
        }
        return id
      })
      const rows = await tx.query<{ id: number; code: string }>(
        `insert into area (organization_id, layer_id, code, name, parent_id, geom, import_id)
         select $1, $2, code, name, parent_id,
                ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)), $3
           from unnest($4::text[], $5::text[], $6::int[], $7::text[])
                as t (code, name, parent_id, geometry)
         returning id, code`,
        [
          orgId,
          layerIds.get(layer.key),
          importId,
          areas.map((a) => a.code),
          areas.map((a) => a.name),
          parentIds,
          areas.map((a) => JSON.stringify(a.geometry)),
        ],
      )
      for (const row of rows) areaIds.set(`${layer.key} ${row.code}`, row.id)
    }

    progress('variables')
    const variableRows = await tx.query<{ id: number; key: string }>(
      `insert into variable (organization_id, key, name_de, name_en, unit, topic, source)
       select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       returning id, key`,
      [
        orgId,
        city.variables.map((v) => v.key),
        city.variables.map((v) => v.nameDe),
        city.variables.map((v) => v.nameEn),
        city.variables.map((v) => v.unit),
        city.variables.map((v) => v.topic),
        city.variables.map((v) => v.source),
      ],
    )
    const variableIds = new Map(variableRows.map((r) => [r.key, r.id]))

    // Observations belong to the finest layer; coarser layers are aggregated by the engine.
    const finest = sortedLayers[sortedLayers.length - 1]!.key
    const nA = observations.areaCodes.length
    const nP = observations.periods.length
    const vIds = observations.variableKeys.map((key) => {
      const id = variableIds.get(key)
      if (id === undefined) throw new Error(`Demo observations name the unknown variable ${key}.`)
      return id
    })
    const aIds = observations.areaCodes.map((code) => {
      const id = areaIds.get(`${finest} ${code}`)
      if (id === undefined) throw new Error(`Demo observations name the unknown area ${code}.`)
      return id
    })
    let written = 0
    let batch = { v: [] as number[], a: [] as number[], p: [] as number[], x: [] as number[] }
    const flush = async () => {
      if (batch.v.length === 0) return
      await tx.query(
        `insert into observation (organization_id, variable_id, area_id, period, value, import_id)
         select $1, v, a, p, x, $2 from unnest($3::int[], $4::int[], $5::int[], $6::float8[]) as t (v, a, p, x)`,
        [orgId, importId, batch.v, batch.a, batch.p, batch.x],
      )
      written += batch.v.length
      batch = { v: [], a: [], p: [], x: [] }
      progress('observations', { written, total: observations.values.length })
    }
    for (let v = 0; v < vIds.length; v++) {
      for (let a = 0; a < nA; a++) {
        for (let p = 0; p < nP; p++) {
          const value = observations.values[(v * nA + a) * nP + p]!
          if (Number.isNaN(value)) continue
          batch.v.push(vIds[v]!)
          batch.a.push(aIds[a]!)
          batch.p.push(observations.periods[p]!)
          batch.x.push(value)
          if (batch.v.length >= CHUNK) await flush()
        }
      }
    }
    await flush()
    await tx.query('update data_import set row_count = $1 where id = $2', [written, importId])

    progress('indicators')
    const catalogue = await seedDefaultCatalogue(tx, orgId)
    if (catalogue.skipped.length > 0) {
      throw new Error(
        `Demo indicators do not fit the demo variables: ${catalogue.skipped.map((s) => `${s.key} (${s.reason})`).join('; ')}`,
      )
    }

    progress('facilities')
    const providerRows = await tx.query<{ id: number; name: string }>(
      `insert into provider (organization_id, name, kind, association)
       select $1, * from unnest($2::text[], $3::text[], $4::text[]) returning id, name`,
      [
        orgId,
        city.providers.map((p) => p.name),
        city.providers.map((p) => p.kind),
        city.providers.map((p) => p.association),
      ],
    )
    const providerIds = new Map(providerRows.map((r) => [r.name, r.id]))
    const f = city.facilities
    await tx.query(
      `insert into facility (organization_id, provider_id, category, name, street, postcode,
                             capacity, capacity_unit, target_group, opened, geom, import_id)
       select $1, provider_id, category, name, street, postcode, capacity, capacity_unit,
              target_group, opened, ST_SetSRID(ST_MakePoint(lon, lat), 4326), $2
         from unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[],
                     $9::text[], $10::text[], $11::int[], $12::float8[], $13::float8[])
              as t (provider_id, category, name, street, postcode, capacity, capacity_unit,
                    target_group, opened, lon, lat)`,
      [
        orgId,
        importId,
        f.map((x) => {
          const id = providerIds.get(x.providerName)
          if (id === undefined)
            throw new Error(`Demo facility ${x.name} names the unknown provider.`)
          return id
        }),
        f.map((x) => x.category),
        f.map((x) => x.name),
        f.map((x) => x.street),
        f.map((x) => x.postcode),
        f.map((x) => x.capacity),
        f.map((x) => x.capacityUnit),
        f.map((x) => x.targetGroup),
        f.map((x) => x.opened),
        f.map((x) => x.lon),
        f.map((x) => x.lat),
      ],
    )
    progress('committing')
    return {
      status: 'loaded',
      organization: city.organization.slug,
      ...(await counts(tx, orgId)),
      milliseconds: Math.round(performance.now() - started),
    }
  })
}

async function counts(tx: Queryable, orgId: number) {
  const [row] = await tx.query<{ areas: number; observations: number; facilities: number }>(
    `select (select count(*)::int from area where organization_id = $1) as areas,
            (select count(*)::int from observation where organization_id = $1) as observations,
            (select count(*)::int from facility where organization_id = $1) as facilities`,
    [orgId],
  )
  return row!
}

/** Removes the demo organisation and everything that belongs to it (cascades). */
export async function removeDemo(db: Database, slug = 'musterstadt'): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      'delete from organization where slug = $1 and is_demo returning id',
      [slug],
    )
    return rows.length > 0
  })
}
