import { RESIDENT_VARIABLE_PATTERN } from '../../core/indicators/residents.js'
import type { Queryable } from '../../platform/db/index.js'

/** First and last period with observations, or null when there are none. */
export async function periodRange(
  db: Queryable,
  organizationId: number,
): Promise<{ first: number; last: number } | null> {
  const [row] = await db.query<{ first: number | null; last: number | null }>(
    `select min(period) as first, max(period) as last from observation where organization_id = $1`,
    [organizationId],
  )
  return row && row.first !== null && row.last !== null
    ? { first: row.first, last: row.last }
    : null
}

/**
 * Residents per area of a layer in a period, summed from the observations of the finest layer up
 * the area hierarchy (counts are summed, never averaged). An interim query until the indicator
 * engine (issue 3) computes all key figures.
 */
export function residentsByArea(
  db: Queryable,
  organizationId: number,
  layerId: number,
  period: number,
): Promise<{ code: string; population: number }[]> {
  return db.query(
    `with recursive leaf as materialized (
       select o.area_id, sum(o.value) as value
         from observation o
        where o.organization_id = $1 and o.period = $3
          and o.variable_id in (select id from variable where organization_id = $1 and key ~ $4)
        group by o.area_id
     ),
     up (leaf_id, ancestor_id) as materialized (
       select leaf.area_id, leaf.area_id from leaf
       union all
       select up.leaf_id, c.parent_id from up join area c on c.id = up.ancestor_id
        where c.parent_id is not null
     )
     select anc.code, coalesce(sum(leaf.value), 0)::float8 as population
       from area anc
       left join up on up.ancestor_id = anc.id
       left join leaf on leaf.area_id = up.leaf_id
      where anc.organization_id = $1 and anc.layer_id = $2 and anc.valid_to is null
      group by anc.code
      order by anc.code`,
    [organizationId, layerId, period, RESIDENT_VARIABLE_PATTERN],
  )
}

/** Residents of the whole organisation per period. */
export function residentsByPeriod(
  db: Queryable,
  organizationId: number,
): Promise<{ period: number; value: number }[]> {
  return db.query(
    `select o.period, sum(o.value)::float8 as value
       from observation o
       join variable v on v.id = o.variable_id and v.organization_id = o.organization_id
       join area a on a.id = o.area_id
      where o.organization_id = $1 and v.key ~ $2
        and a.layer_id = (select id from area_layer where organization_id = $1
                           order by level desc limit 1)
      group by o.period order by o.period`,
    [organizationId, RESIDENT_VARIABLE_PATTERN],
  )
}
