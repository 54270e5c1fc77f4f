/**
 * Time series on today's boundaries: observations of areas of an earlier boundary version are
 * carried onto today's areas through the crosswalk, and the engine computes them (issue 3, item 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { importBoundaries } from '../../src/modules/areas/index.js'
import { MonitoringEngine, selectValues } from '../../src/modules/monitoring/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { testTargets } from '../helpers/databases.js'

const square = (x: number, y: number, w: number, h: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
      [x, y],
    ],
  ],
})
const file = (name: string, features: { code: string; name: string; geometry: object }[]) => ({
  name,
  bytes: new TextEncoder().encode(
    JSON.stringify({
      type: 'FeatureCollection',
      features: features.map((f) => ({
        type: 'Feature',
        properties: { code: f.code, name: f.name },
        geometry: f.geometry,
      })),
    }),
  ),
})

describe.each(testTargets())('time series across a boundary change on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let orgId: number

  beforeAll(async () => {
    ;({ db, dispose } = await target.create())
    const [org] = await db.query<{ id: number }>(
      `insert into organization (slug, name) values ('wandelstadt', 'Wandelstadt') returning id`,
    )
    orgId = org!.id
    // Version 1 (since 1900): two districts A and B side by side.
    await importBoundaries(
      db,
      orgId,
      file('v1.geojson', [
        { code: 'A', name: 'Altbezirk A', geometry: square(9.0, 52.0, 0.01, 0.01) },
        { code: 'B', name: 'Altbezirk B', geometry: square(9.01, 52.0, 0.01, 0.01) },
      ]),
      { layer: 'bezirk', layerNameDe: 'Bezirk', layerNameEn: 'District' },
    )
    const [variable] = await db.query<{ id: number }>(
      `insert into variable (organization_id, key, name_de, name_en, unit, topic, source)
       values ($1, 'residents', 'Einwohner', 'Residents', 'Personen', 'demography', 'Test') returning id`,
      [orgId],
    )
    await db.query(
      `insert into observation (organization_id, variable_id, area_id, period, value)
       select $1, $2, a.id, y, case a.code when 'A' then 100 + y - 2019 else 50 end
         from area a, generate_series(2019, 2021) y
        where a.organization_id = $1`,
      [orgId, variable!.id],
    )
    await db.query(
      `insert into indicator (organization_id, key, name_de, name_en, definition_de, definition_en,
                              formula, unit, decimals, polarity, topic, source)
       values ($1, 'residents', 'Einwohner', 'Residents', '-', '-', 'residents', 'Personen', 0,
               'neutral', 'demography', 'Test')`,
      [orgId],
    )
    // Version 2 (since 2022): A and B merged into C; data from 2022 on belong to C.
    await importBoundaries(
      db,
      orgId,
      file('v2.geojson', [
        { code: 'C', name: 'Neubezirk C', geometry: square(9.0, 52.0, 0.02, 0.01) },
      ]),
      { layer: 'bezirk', validFrom: '2022-01-01' },
    )
    await db.query(
      `insert into observation (organization_id, variable_id, area_id, period, value)
       select $1, $2, a.id, 2022, 160 from area a
        where a.organization_id = $1 and a.code = 'C'`,
      [orgId, variable!.id],
    )
    await db.query('update organization set data_version = data_version + 1 where id = $1', [orgId])
  })
  afterAll(() => dispose())

  it("shows the whole series on today's area, earlier years carried by the crosswalk", async () => {
    const c = await new MonitoringEngine(db).get(orgId)
    expect(c.cube.areas.codes).toEqual(['C'])
    const rows = selectValues(c, 'internal', {
      indicators: ['residents'],
      layer: 'bezirk',
      periods: [2019, 2020, 2021, 2022],
      areas: [],
    }).rows
    expect(rows.map((r) => [r.period, r.value])).toEqual([
      [2019, 150],
      [2020, 151],
      [2021, 152],
      [2022, 160],
    ])
    expect(rows.find((r) => r.period === 2022)!.change1).toBe(8)
    const v = c.cube.variables.indexOf('residents')
    const statusOf = (p: number) =>
      c.cube.status[(v * c.cube.areas.tree.size + 0) * c.cube.periods.length + p]
    expect(statusOf(0)).toBe(8) // 's' (estimated) is the 8th status symbol
    expect(statusOf(3)).toBe(0)
  })
})
