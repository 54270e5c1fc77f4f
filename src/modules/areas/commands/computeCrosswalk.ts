/**
 * Computes the crosswalk of a layer: for every closed (historic) area, the share that lies in each
 * current area. Recomputed from scratch for the whole layer whenever it gets a new version, so an
 * area of the first version maps directly onto today's areas (no chaining of approximations).
 *
 * - `area`: share of the old area's surface, `ST_Area(ST_Intersection(old, new)::geography) /
 *   ST_Area(old::geography)` on the spheroid.
 * - `population`: share of the old area's residents, counted in the finest layer's current areas
 *   whose `ST_PointOnSurface` falls in both the old and the new area (residents = sum of the
 *   variables matching a pattern, default `^pop_[mf]_(de|nd)_`, in one period). An old area
 *   without residents gets its area weights instead (reported).
 *
 * Shares below 1e-6 (slivers from digitising) are dropped and the rest scaled to sum to 1; old
 * areas less than 99 % covered by today's areas are reported.
 */
import { RESIDENT_VARIABLE_PATTERN } from '../../../core/indicators/residents.js'
import type { Queryable } from '../../../platform/db/index.js'

/** Residents are the sex × nationality × age-group counts of Planraum's variable catalogue. */
export const DEFAULT_POPULATION_PATTERN = RESIDENT_VARIABLE_PATTERN

/** Shares below this are digitising slivers, not real parts of an area. */
const MIN_SHARE = 1e-6

export interface CrosswalkOptions {
  /** Regular expression (PostgreSQL `~`) selecting the variables summed as residents. */
  populationPattern?: string
  /** Reference year of the residents; default: the latest year ≤ the version's first year. */
  populationPeriod?: number
}

export interface CrosswalkSummary {
  /** Rows written per method. */
  areaRows: number
  populationRows: number
  /** The residents' year used, or null when no population weights were computed. */
  populationPeriod: number | null
  /** Why there are no population weights, when there are none. */
  populationNote: string | null
  /** Old areas whose surface is less than 99 % covered by today's areas. */
  lowCoverage: { code: string; validFrom: string; coverage: number }[]
  /** Old areas without residents in the finest layer: their population weights are area weights. */
  withoutResidents: string[]
}

/**
 * Replaces the crosswalk rows of the layer. `finestLayerId` is the organisation's finest layer
 * (the one observations are attached to); population weights need it to be finer than `layerId`.
 */
export async function computeCrosswalk(
  tx: Queryable,
  organizationId: number,
  layerId: number,
  finestLayerId: number | null,
  importId: number,
  validFrom: string,
  options: CrosswalkOptions = {},
): Promise<CrosswalkSummary> {
  await tx.query(
    `delete from area_crosswalk c
      using area a
      where c.organization_id = $1 and a.organization_id = $1
        and a.id = c.from_area_id and a.layer_id = $2`,
    [organizationId, layerId],
  )
  const areaRows = await tx.query<{ code: string; validFrom: string; coverage: number }>(
    `with pair as (
       select o.id as from_id, n.id as to_id, o.code, o.valid_from,
              ST_Area(o.geom::geography) as total,
              ST_Area(ST_Intersection(o.geom, n.geom)::geography) as shared
         from area o
         join area n on n.organization_id = o.organization_id and n.layer_id = o.layer_id
                    and n.valid_to is null and ST_Intersects(o.geom, n.geom)
        where o.organization_id = $1 and o.layer_id = $2 and o.valid_to is not null
     ),
     kept as (select * from pair where total > 0 and shared / total >= $4),
     ins as (
       insert into area_crosswalk (organization_id, from_area_id, to_area_id, method, weight, import_id)
       select $1, from_id, to_id, 'area', least(1, shared / sum(shared) over (partition by from_id)), $3
         from kept
       returning from_area_id
     )
     select o.code, to_char(o.valid_from, 'YYYY-MM-DD') as "validFrom",
            coalesce((select sum(k.shared) / max(k.total) from kept k where k.from_id = o.id), 0)::float8 as coverage
       from area o
      where o.organization_id = $1 and o.layer_id = $2 and o.valid_to is not null
      order by o.valid_from, o.code`,
    [organizationId, layerId, importId, MIN_SHARE],
  )
  const summary: CrosswalkSummary = {
    areaRows: await countRows(tx, organizationId, layerId, 'area'),
    populationRows: 0,
    populationPeriod: null,
    populationNote: null,
    lowCoverage: areaRows
      .filter((r) => r.coverage < 0.99)
      .map((r) => ({ ...r, coverage: Math.round(r.coverage * 1e4) / 1e4 })),
    withoutResidents: [],
  }

  if (finestLayerId === null || finestLayerId === layerId) {
    summary.populationNote =
      'the layer is the finest layer; population weights need residents in a finer layer'
    return summary
  }
  const pattern = options.populationPattern ?? DEFAULT_POPULATION_PATTERN
  const year = Number(validFrom.slice(0, 4))
  const [periodRow] = await tx.query<{ period: number | null }>(
    `select coalesce(max(o.period) filter (where o.period <= $4), min(o.period)) as period
       from observation o
       join variable v on v.organization_id = o.organization_id and v.id = o.variable_id
       join area u on u.organization_id = o.organization_id and u.id = o.area_id
      where o.organization_id = $1 and u.layer_id = $2 and u.valid_to is null and v.key ~ $3
        and o.value is not null`,
    [organizationId, finestLayerId, pattern, year],
  )
  const period = options.populationPeriod ?? periodRow?.period ?? null
  if (period === null) {
    summary.populationNote = `no observations of variables matching ${pattern} in the finest layer`
    return summary
  }
  summary.populationPeriod = period
  const empty = await tx.query<{ code: string }>(
    `with unit as (
       select u.id, ST_PointOnSurface(u.geom) as p, coalesce(r.residents, 0) as residents
         from area u
         left join (
           select o.area_id, sum(o.value) as residents
             from observation o
             join variable v on v.organization_id = o.organization_id and v.id = o.variable_id
            where o.organization_id = $1 and o.period = $5 and v.key ~ $4
            group by o.area_id
         ) r on r.area_id = u.id
        where u.organization_id = $1 and u.layer_id = $3 and u.valid_to is null
     ),
     pair as (
       select o.id as from_id, n.id as to_id, sum(unit.residents) as residents
         from area o
         join unit on ST_Intersects(o.geom, unit.p)
         join area n on n.organization_id = o.organization_id and n.layer_id = o.layer_id
                    and n.valid_to is null and ST_Intersects(n.geom, unit.p)
        where o.organization_id = $1 and o.layer_id = $2 and o.valid_to is not null
        group by o.id, n.id
     ),
     share as (
       select from_id, to_id,
              coalesce(residents / nullif(sum(residents) over (partition by from_id), 0), 0) as w
         from pair
     ),
     inhabited as (
       insert into area_crosswalk (organization_id, from_area_id, to_area_id, method, weight, period, import_id)
       select $1, from_id, to_id, 'population', least(1, w), $5, $6
         from share where w > 0
       returning from_area_id
     ),
     fallback as (
       insert into area_crosswalk (organization_id, from_area_id, to_area_id, method, weight, period, import_id)
       select $1, c.from_area_id, c.to_area_id, 'population', c.weight, $5, $6
         from area_crosswalk c
         join area o on o.organization_id = c.organization_id and o.id = c.from_area_id
        where c.organization_id = $1 and c.method = 'area' and o.layer_id = $2
          and not exists (select 1 from share s where s.from_id = c.from_area_id and s.w > 0)
       returning from_area_id
     )
     select distinct o.code
       from fallback f join area o on o.organization_id = $1 and o.id = f.from_area_id
      order by o.code`,
    [organizationId, layerId, finestLayerId, pattern, period, importId],
  )
  summary.withoutResidents = empty.map((r) => r.code)
  summary.populationRows = await countRows(tx, organizationId, layerId, 'population')
  return summary
}

async function countRows(
  tx: Queryable,
  organizationId: number,
  layerId: number,
  method: 'area' | 'population',
): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `select count(*)::int as n
       from area_crosswalk c join area a on a.organization_id = c.organization_id and a.id = c.from_area_id
      where c.organization_id = $1 and a.layer_id = $2 and c.method = $3`,
    [organizationId, layerId, method],
  )
  return rows[0]?.n ?? 0
}
