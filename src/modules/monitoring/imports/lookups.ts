/** What an import checks file contents against: the organisation's current areas and variables. */
import type { Queryable } from '../../../platform/db/index.js'
import type { ImportMapping } from './mapping.js'
import { isCountUnit } from './rules.js'

export interface AreaRow {
  id: number
  code: string
  layer: string
  level: number
}

export interface VariableInfo {
  id: number
  index: number
  key: string
  unit: string
  count: boolean
}

export type AreaMatch = { id: number; index: number } | { ambiguous: string[] }

export interface Lookups {
  areas: Map<string, AreaMatch>
  areaIndex: Map<number, number>
  areaCode: Map<number, string>
  variables: Map<string, VariableInfo>
  variableById: Map<number, VariableInfo>
  layers: string[]
  root: { id: number; index: number } | null
  officialKey: string | null
}

export async function loadLookups(
  tx: Queryable,
  organizationId: number,
  mapping: ImportMapping,
  normalise: (code: string) => string | null,
): Promise<Lookups> {
  const [org] = await tx.query<{ officialKey: string | null }>(
    'select official_key as "officialKey" from organization where id = $1',
    [organizationId],
  )
  const layers = await tx.query<{ key: string; level: number }>(
    'select key, level from area_layer where organization_id = $1 order by level',
    [organizationId],
  )
  const areaRows = await tx.query<AreaRow>(
    `select a.id, a.code, l.key as layer, l.level
       from area a join area_layer l on l.id = a.layer_id and l.organization_id = a.organization_id
      where a.organization_id = $1 and a.valid_to is null
      order by l.level, a.code`,
    [organizationId],
  )
  const variableRows = await tx.query<{ id: number; key: string; unit: string }>(
    'select id, key, unit from variable where organization_id = $1 order by key',
    [organizationId],
  )
  const areas = new Map<string, AreaMatch>()
  const areaIndex = new Map<number, number>()
  const areaCode = new Map<number, string>()
  const layerOf = new Map<number, string>()
  areaRows.forEach((a, index) => {
    areaIndex.set(a.id, index)
    areaCode.set(a.id, a.code)
    layerOf.set(a.id, a.layer)
    if (mapping.layer !== undefined && a.layer !== mapping.layer) return
    const key = normalise(a.code)
    if (key === null) return
    const found = areas.get(key)
    if (found === undefined) areas.set(key, { id: a.id, index })
    else if ('id' in found) areas.set(key, { ambiguous: [layerOf.get(found.id)!, a.layer] })
    else found.ambiguous.push(a.layer)
  })
  const coarsest = areaRows.filter((a) => a.level === layers[0]?.level)
  const root =
    coarsest.length === 1 && (mapping.layer === undefined || coarsest[0]!.layer === mapping.layer)
      ? { id: coarsest[0]!.id, index: areaIndex.get(coarsest[0]!.id)! }
      : null
  const variables = new Map<string, VariableInfo>()
  const variableById = new Map<number, VariableInfo>()
  variableRows.forEach((v, index) => {
    const info = { id: v.id, index, key: v.key, unit: v.unit, count: isCountUnit(v.unit) }
    variables.set(v.key, info)
    variableById.set(v.id, info)
  })
  return {
    areas,
    areaIndex,
    areaCode,
    variables,
    variableById,
    layers: layers.map((l) => l.key),
    root,
    officialKey: org?.officialKey ?? null,
  }
}
