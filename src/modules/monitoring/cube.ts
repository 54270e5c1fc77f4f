import type { AreaTree } from '../../core/indicators/types.js'
import type { Queryable } from '../../platform/db/index.js'

/** Official status symbols of German statistics, in the order of their codes in `Cube.status`. */
export const STATUS_SYMBOLS = ['-', '.', 'x', '/', '...', 'p', 'r', 's'] as const
export type StatusSymbol = (typeof STATUS_SYMBOLS)[number]

/** The current areas of an organisation, flattened coarse-to-fine, with their identities. */
export interface AreaIndex {
  tree: AreaTree
  ids: Int32Array
  codes: string[]
  names: string[]
  /** Layer keys, coarse to fine; `tree.layer[i]` indexes this. */
  layerKeys: string[]
  layerNames: { de: string; en: string }[]
  /** Index of an area by `${layerKey} ${code}`. */
  byKey: Map<string, number>
}

/**
 * The observations of an organisation as a dense cube (variable × area × period), the input of the
 * indicator engine (DESIGN.md §4.5). `values[(v * tree.size + a) * periods.length + p]`, NaN = none;
 * `status` holds 1 + the index in STATUS_SYMBOLS, 0 = no symbol.
 */
export interface Cube {
  areas: AreaIndex
  variables: string[]
  periods: number[]
  values: Float64Array
  status: Uint8Array
  dataVersion: number
}

/** Reads the area hierarchy (current versions) of an organisation. */
export async function loadAreaIndex(db: Queryable, organizationId: number): Promise<AreaIndex> {
  const layers = await db.query<{ id: number; key: string; nameDe: string; nameEn: string }>(
    `select id, key, name_de as "nameDe", name_en as "nameEn" from area_layer
      where organization_id = $1 order by level`,
    [organizationId],
  )
  const rows = await db.query<{
    id: number
    code: string
    name: string
    layerId: number
    parentId: number | null
  }>(
    `select a.id, a.code, a.name, a.layer_id as "layerId", a.parent_id as "parentId"
       from area a join area_layer l on l.id = a.layer_id
      where a.organization_id = $1 and a.valid_to is null
      order by l.level, a.code`,
    [organizationId],
  )
  const layerIndex = new Map(layers.map((l, i) => [l.id, i]))
  const size = rows.length
  const ids = new Int32Array(size)
  const parent = new Int32Array(size).fill(-1)
  const layer = new Int32Array(size)
  const position = new Map<number, number>()
  rows.forEach((row, i) => {
    ids[i] = row.id
    layer[i] = layerIndex.get(row.layerId)!
    position.set(row.id, i)
  })
  rows.forEach((row, i) => {
    if (row.parentId !== null) parent[i] = position.get(row.parentId) ?? -1
  })
  const layerKeys = layers.map((l) => l.key)
  return {
    tree: { size, parent, layer, layerCount: layers.length },
    ids,
    codes: rows.map((r) => r.code),
    names: rows.map((r) => r.name),
    layerKeys,
    layerNames: layers.map((l) => ({ de: l.nameDe, en: l.nameEn })),
    byKey: new Map(rows.map((r, i) => [`${layerKeys[layer[i]!]} ${r.code}`, i])),
  }
}

/**
 * Loads all observations of an organisation into a Cube. Rows come grouped per variable as arrays
 * (few row objects even for millions of observations).
 */
export async function loadCube(db: Queryable, organizationId: number): Promise<Cube> {
  const [version] = await db.query<{ v: number }>(
    'select data_version as v from organization where id = $1',
    [organizationId],
  )
  const areas = await loadAreaIndex(db, organizationId)
  const variables = await db.query<{ id: number; key: string }>(
    'select id, key from variable where organization_id = $1 order by key',
    [organizationId],
  )
  const periods = (
    await db.query<{ period: number }>(
      'select distinct period from observation where organization_id = $1 order by period',
      [organizationId],
    )
  ).map((r) => r.period)
  const nA = areas.tree.size
  const nP = periods.length
  const values = new Float64Array(variables.length * nA * nP).fill(NaN)
  const status = new Uint8Array(variables.length * nA * nP)
  const variableIndex = new Map(variables.map((v, i) => [v.id, i]))
  const areaPosition = new Map<number, number>()
  areas.ids.forEach((id, i) => areaPosition.set(id, i))
  const periodIndex = new Map(periods.map((p, i) => [p, i]))
  const statusCode = new Map<string, number>(STATUS_SYMBOLS.map((s, i) => [s, i + 1]))

  const groups = await db.query<{
    variableId: number
    areaIds: number[]
    periods: number[]
    values: (number | null)[]
    statuses: (string | null)[]
  }>(
    `select variable_id as "variableId", array_agg(area_id) as "areaIds",
            array_agg(period) as periods, array_agg(value) as values, array_agg(status) as statuses
       from observation where organization_id = $1
      group by variable_id`,
    [organizationId],
  )
  const crosswalk = await loadCrosswalk(db, organizationId, areaPosition)
  // Observations of areas of earlier boundary versions, carried onto today's areas (below).
  const carried = new Float64Array(crosswalk.size > 0 ? values.length : 0)
  const received = new Uint16Array(crosswalk.size > 0 ? values.length : 0)
  for (const group of groups) {
    const v = variableIndex.get(group.variableId)
    if (v === undefined) continue
    for (let i = 0; i < group.areaIds.length; i++) {
      const p = periodIndex.get(group.periods[i]!)!
      const value = group.values[i]
      const a = areaPosition.get(group.areaIds[i]!)
      if (a === undefined) {
        for (const { target, weight } of crosswalk.get(group.areaIds[i]!) ?? []) {
          const cell = (v * nA + target) * nP + p
          if (value !== null && value !== undefined) carried[cell]! += value * weight
          received[cell]!++
        }
        continue
      }
      const cell = (v * nA + a) * nP + p
      values[cell] = value === null || value === undefined ? NaN : value
      const symbol = group.statuses[i]
      if (symbol) status[cell] = statusCode.get(symbol) ?? 0
    }
  }
  // A today's area gets a carried value only where it has no own observation and every earlier
  // area that overlaps it had a value: the time series on today's boundaries is then complete,
  // marked as estimated (status "s"); counts are redistributed, rates recomputed by the engine.
  if (crosswalk.size > 0) {
    const expected = new Uint16Array(nA)
    for (const targets of crosswalk.values()) for (const { target } of targets) expected[target]!++
    const estimated = statusCode.get('s')!
    for (let v = 0; v < variables.length; v++) {
      for (let a = 0; a < nA; a++) {
        if (expected[a] === 0) continue
        for (let p = 0; p < nP; p++) {
          const cell = (v * nA + a) * nP + p
          if (received[cell] === expected[a] && Number.isNaN(values[cell]!)) {
            values[cell] = Math.round(carried[cell]! * 1e6) / 1e6
            status[cell] = estimated
          }
        }
      }
    }
  }
  return {
    areas,
    variables: variables.map((v) => v.key),
    periods,
    values,
    status,
    dataVersion: version?.v ?? 0,
  }
}

/**
 * Crosswalk weights from areas of earlier boundary versions to today's areas: population-weighted
 * where the boundary import could compute them, else by surface share.
 */
async function loadCrosswalk(
  db: Queryable,
  organizationId: number,
  areaPosition: Map<number, number>,
): Promise<Map<number, { target: number; weight: number }[]>> {
  const rows = await db.query<{ from: number; to: number; weight: number }>(
    `select c.from_area_id as "from", c.to_area_id as "to", c.weight
       from area_crosswalk c
      where c.organization_id = $1
        and c.method = case when exists (select 1 from area_crosswalk p
                                           where p.organization_id = c.organization_id
                                             and p.from_area_id = c.from_area_id
                                             and p.method = 'population')
                            then 'population' else 'area' end`,
    [organizationId],
  )
  const map = new Map<number, { target: number; weight: number }[]>()
  for (const row of rows) {
    const target = areaPosition.get(row.to)
    if (target === undefined) continue
    const list = map.get(row.from) ?? []
    list.push({ target, weight: row.weight })
    map.set(row.from, list)
  }
  return map
}
