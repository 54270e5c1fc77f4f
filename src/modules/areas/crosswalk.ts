/**
 * Reads of the crosswalks between versions of a layer (written by the boundary import, see
 * commands/computeCrosswalk.ts), for the indicator engine: which weights carry counts observed on
 * the boundaries valid at some date onto today's boundaries.
 */
import type { CrosswalkWeight } from '../../core/geo/crosswalk.js'
import type { Queryable } from '../../platform/db/index.js'
import { notFound } from '../../platform/http/errors.js'

/** One weight with the areas' codes, for display and for `applyCrosswalk` (by area id). */
export interface CrosswalkRow extends CrosswalkWeight<number> {
  fromCode: string
  toCode: string
}

/**
 * The crosswalk from the areas of `layerKey` valid on `fromVersionDate` (YYYY-MM-DD) to the
 * current areas: stored weights for areas that were closed since, weight 1 onto itself for areas
 * that are still current. Ordered by codes. `method` 'population' falls back to nothing: when
 * no population weights were computed (no residents in a finer layer) the old areas are missing —
 * check `crosswalkMethods` first or use 'area'.
 *
 * @example
 * const weights = await crosswalkFor(db, org.id, 'sozialraum', '2020-12-31')
 * applyCrosswalk(weights, residents2020ByAreaId) // → residents 2020 on today's Sozialräume
 */
export async function crosswalkFor(
  db: Queryable,
  organizationId: number,
  layerKey: string,
  fromVersionDate: string,
  method: 'area' | 'population' = 'area',
): Promise<CrosswalkRow[]> {
  const [layer] = await db.query<{ id: number }>(
    'select id from area_layer where organization_id = $1 and key = $2',
    [organizationId, layerKey],
  )
  if (!layer) throw notFound(`The layer "${layerKey}"`)
  return db.query<CrosswalkRow>(
    `with old as (
       select a.id, a.code, a.valid_to from area a
        where a.organization_id = $1 and a.layer_id = $2
          and a.valid_from <= $3::date and (a.valid_to is null or a.valid_to > $3::date)
     )
     select o.id as "from", o.code as "fromCode", n.id as "to", n.code as "toCode", c.weight
       from old o
       join area_crosswalk c on c.organization_id = $1 and c.from_area_id = o.id and c.method = $4
       join area n on n.organization_id = $1 and n.id = c.to_area_id
      where o.valid_to is not null
     union all
     select o.id, o.code, o.id, o.code, 1::float8 from old o where o.valid_to is null
     order by "fromCode", "toCode"`,
    [organizationId, layer.id, fromVersionDate, method],
  )
}

/** One version of a layer: the day its boundaries took effect and how many areas it has. */
export interface LayerVersion {
  validFrom: string
  /** The day the next version replaced it; null for the current version. */
  validTo: string | null
  areas: number
}

/**
 * The versions of a layer, oldest first. Areas kept unchanged across versions count in each
 * version they belong to.
 */
export async function layerVersions(
  db: Queryable,
  organizationId: number,
  layerId: number,
): Promise<LayerVersion[]> {
  return db.query<LayerVersion>(
    `with starts as (
       select valid_from as d from area where organization_id = $1 and layer_id = $2
       union
       select valid_to from area
        where organization_id = $1 and layer_id = $2 and valid_to is not null
     ),
     span as (
       select d, lead(d) over (order by d) as next from starts
     )
     select to_char(s.d, 'YYYY-MM-DD') as "validFrom", to_char(s.next, 'YYYY-MM-DD') as "validTo",
            (select count(*)::int from area a
              where a.organization_id = $1 and a.layer_id = $2
                and a.valid_from <= s.d and (a.valid_to is null or a.valid_to > s.d)) as areas
       from span s
      order by s.d`,
    [organizationId, layerId],
  )
}
