/**
 * Real public data through the whole chain — boundary import, statistics import, indicator engine:
 * - North Carolina SIDS (../shared/data/nc-sids; Cressie 1991, R package sf): births and SIDS deaths
 *   of 100 counties for 1974–78 and 1979–84; rates checked against values computed by hand.
 * - German districts (npm package landkreise-deutschland, Destatis 2018, CC-BY-4.0): population
 *   and area of 401 districts; density compared with the package's own density column.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { importBoundaries } from '../../src/modules/areas/index.js'
import {
  importObservations,
  MonitoringEngine,
  selectValues,
} from '../../src/modules/monitoring/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { testTargets } from '../helpers/databases.js'
import { sharedData } from '../helpers/shared.js'

const require = createRequire(import.meta.url)
interface District {
  AGS: string | number
  name: string
  area_km2: number
  population: number
  population_per_km2: number
}
const DISTRICTS = require('landkreise-deutschland/data/districts.json') as District[]

async function organization(db: Database, slug: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'insert into organization (slug, name) values ($1, $1) returning id',
    [slug],
  )
  return row!.id
}

async function variables(db: Database, orgId: number, keys: Record<string, string>) {
  for (const [key, unit] of Object.entries(keys)) {
    await db.query(
      `insert into variable (organization_id, key, name_de, name_en, unit, topic, source)
       values ($1, $2, $2, $2, $3, 'test', 'test')`,
      [orgId, key, unit],
    )
  }
}

async function indicator(
  db: Database,
  orgId: number,
  key: string,
  formula: string,
  decimals: number,
) {
  await db.query(
    `insert into indicator (organization_id, key, name_de, name_en, definition_de, definition_en,
                            formula, unit, decimals, polarity, topic, source)
     values ($1, $2, $2, $2, '-', '-', $3, '-', $4, 'neutral', 'test', 'test')`,
    [orgId, key, formula, decimals],
  )
}

const completed = (result: { status: string; report: unknown }) => {
  expect(result.status, JSON.stringify(result.report).slice(0, 2000)).toBe('completed')
}

describe.each(testTargets())('real data end to end on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  beforeAll(async () => {
    ;({ db, dispose } = await target.create())
  })
  afterAll(() => dispose())

  it('computes the North Carolina SIDS rates per 1,000 births', async () => {
    const geojson = readFileSync(sharedData('nc-sids', 'nc_sids.geojson'))
    // The state is the union of the counties (the dataset has no state polygon).
    const scratch = await organization(db, 'nc-scratch')
    await importBoundaries(
      db,
      scratch,
      { name: 'nc_sids.geojson', bytes: geojson },
      {
        layer: 'county',
        codeField: 'id',
        nameField: 'NAME',
      },
    )
    const [union] = await db.query<{ geometry: string }>(
      'select ST_AsGeoJSON(ST_Union(geom)) as geometry from area where organization_id = $1',
      [scratch],
    )
    const nc = await organization(db, 'north-carolina')
    const state = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '37', name: 'North Carolina' },
          geometry: JSON.parse(union!.geometry),
        },
      ],
    }
    await importBoundaries(
      db,
      nc,
      { name: 'state.geojson', bytes: new TextEncoder().encode(JSON.stringify(state)) },
      {
        layer: 'state',
        layerNameDe: 'Bundesstaat',
        layerNameEn: 'State',
      },
    )
    await importBoundaries(
      db,
      nc,
      { name: 'nc_sids.geojson', bytes: geojson },
      {
        layer: 'county',
        parentLayer: 'state',
        codeField: 'id',
        nameField: 'NAME',
      },
    )
    await variables(db, nc, { births: 'Geburten', sids: 'Fälle', births_nonwhite: 'Geburten' })
    const csv = { path: sharedData('nc-sids', 'nc_sids.csv') }
    // The periods 1 July 1974 – 30 June 1978 and 1979–84 are stored by their last year.
    for (const [suffix, period] of [
      ['74', 1978],
      ['79', 1984],
    ] as const) {
      completed(
        await importObservations(db, {
          organizationId: nc,
          input: csv,
          mapping: {
            layout: 'wide',
            areaColumn: 'id',
            areaKey: 'code',
            layer: 'county',
            period,
            variables: {
              [`BIR${suffix}`]: 'births',
              [`SID${suffix}`]: 'sids',
              [`NWBIR${suffix}`]: 'births_nonwhite',
            },
          },
        }),
      )
    }
    await indicator(db, nc, 'sids_rate', '1000 * sids / births', 2)
    const c = await new MonitoringEngine(db).get(nc)
    const value = (layer: string, code: string, period: number) =>
      selectValues(c, 'internal', {
        indicators: ['sids_rate'],
        layer,
        periods: [period],
        areas: [code],
      }).rows[0]!
    // Ashe (37009): 1 SIDS death in 1,091 births (1974–78) → 0.916590…; 0 in 1,364 (1979–84).
    expect(value('county', '37009', 1978).value).toBeCloseTo(1000 / 1091, 12)
    expect(value('county', '37009', 1984).value).toBe(0)
    // Mecklenburg (37119): 44 SIDS deaths in 21,588 births (1974–78), 35 in 30,757 (1979–84).
    expect(value('county', '37119', 1978).value).toBeCloseTo((1000 * 44) / 21588, 12)
    expect(value('county', '37119', 1984).value).toBeCloseTo((1000 * 35) / 30757, 12)
    // The state, summed from the counties (dataset README: SID74 667, BIR74 329,962 → 2.0214).
    const stateRow = value('state', '37', 1978)
    expect(stateRow.numerator).toBe(667)
    expect(stateRow.denominator).toBe(329_962)
    expect(stateRow.value).toBeCloseTo(2.021445, 6)
    // 13 counties without any SIDS death in 1974–78: rate 0, not missing.
    const zeros = selectValues(c, 'internal', {
      indicators: ['sids_rate'],
      layer: 'county',
      periods: [1978],
      areas: [],
    }).rows.filter((r) => r.value === 0)
    expect(zeros).toHaveLength(13)
  })

  it('computes the population density of the 401 German districts like Destatis', async () => {
    const de = await organization(db, 'deutschland')
    // Placeholder geometry: small squares (the package has no boundaries); only codes matter here.
    const features = DISTRICTS.map((d, i) => {
      const x = 6 + (i % 20) * 0.05
      const y = 47 + Math.floor(i / 20) * 0.05
      return {
        type: 'Feature',
        properties: { code: String(d.AGS).padStart(5, '0'), name: d.name },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 0.04, y],
              [x + 0.04, y + 0.04],
              [x, y + 0.04],
              [x, y],
            ],
          ],
        },
      }
    })
    await importBoundaries(
      db,
      de,
      {
        name: 'kreise-placeholder.geojson',
        bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })),
      },
      { layer: 'kreis', layerNameDe: 'Kreis', layerNameEn: 'District' },
    )
    await variables(db, de, { pop_total: 'Personen', area_km2: 'km²' })
    // The package's own CSV, AGS partly without the leading zero, as the user would bring it.
    const csv = [
      'AGS;Name;Fläche;Einwohner',
      ...DISTRICTS.map(
        (d) => `${d.AGS};"${d.name}";${String(d.area_km2).replace('.', ',')};${d.population}`,
      ),
    ].join('\n')
    completed(
      await importObservations(db, {
        organizationId: de,
        input: { name: 'districts.csv', bytes: new TextEncoder().encode(csv) },
        mapping: {
          layout: 'wide',
          areaColumn: 'AGS',
          areaKey: 'ags',
          period: 2018,
          variables: { Fläche: 'area_km2', Einwohner: 'pop_total' },
        },
      }),
    )
    await indicator(db, de, 'density', 'pop_total / area_km2', 0)
    const c = await new MonitoringEngine(db).get(de)
    const rows = selectValues(c, 'internal', {
      indicators: ['density'],
      layer: 'kreis',
      periods: [2018],
      areas: [],
    }).rows
    expect(rows).toHaveLength(401)
    const byCode = new Map(rows.map((r) => [r.areaCode, r.value!]))
    let worst = 0
    for (const d of DISTRICTS) {
      const computed = byCode.get(String(d.AGS).padStart(5, '0'))!
      // The package rounds density to whole residents per km².
      worst = Math.max(worst, Math.abs(computed - d.population_per_km2))
    }
    expect(worst).toBeLessThanOrEqual(0.5 + 1e-9)
    expect(byCode.get('09162')).toBeCloseTo(1_471_508 / 310.7, 6) // München, Landeshauptstadt
  })
})
