/**
 * Geometry checks of a layer's current areas in PostGIS, reported as warnings (the import goes
 * ahead): overlaps between areas of the layer, gaps (parts of a parent not covered by its
 * children, or holes inside a layer without parent), children reaching outside their parent, and
 * the derivation of parents from geometry. Areas are measured on the WGS 84 spheroid with
 * `ST_Area(geom::geography)` — no ST_Transform, which the embedded PostGIS cannot always do.
 * Every statement is scoped by organization_id.
 */
import type { Position } from '../../../core/geo/geojson.js'
import type { Queryable } from '../../../platform/db/index.js'

/** Two areas of one layer that share surface. */
export interface OverlapWarning {
  layer: string
  codes: [string, string]
  areaM2: number
  /** A point inside the overlap (lon, lat), to find it on a map. */
  at: Position
}

/** Surface of a parent not covered by its children (or a hole in a layer without parent). */
export interface GapWarning {
  layer: string
  /** The parent whose surface is not covered; null for a hole between areas of a top layer. */
  parentCode: string | null
  areaM2: number
  at: Position
}

/** A child that reaches outside its parent. */
export interface OutsideWarning {
  layer: string
  code: string
  parentCode: string
  /** Surface of the child outside its parent. */
  areaM2: number
  /** Share of the child's surface inside its parent (0–1). */
  insideShare: number
}

/** The parent chosen for a child by geometry: the current parent area it overlaps most. */
export interface DerivedParent {
  areaId: number
  code: string
  parentId: number | null
  parentCode: string | null
  /** Share of the child's surface inside the chosen parent (0–1); 0 when it touches none. */
  share: number
}

/** Most entries per list in a report; further ones are counted, not listed. */
export const MAX_LISTED = 200

/**
 * For each current area of `layerId` (or only `areaIds`), the current area of `parentLayerId`
 * with the largest overlap. Ties go to the lower parent code, so the choice is deterministic.
 */
export async function deriveParents(
  tx: Queryable,
  organizationId: number,
  layerId: number,
  parentLayerId: number,
  areaIds?: number[],
): Promise<DerivedParent[]> {
  return tx.query<DerivedParent>(
    `with child as (
       select a.id, a.code, a.geom, ST_Area(a.geom::geography) as area
         from area a
        where a.organization_id = $1 and a.layer_id = $2 and a.valid_to is null
          and ($4::int[] is null or a.id = any($4::int[]))
     ),
     candidate as (
       select distinct on (c.id) c.id, p.id as parent_id, p.code as parent_code,
              ST_Area(ST_Intersection(c.geom, p.geom)::geography) / nullif(c.area, 0) as share
         from child c
         join area p on p.organization_id = $1 and p.layer_id = $3 and p.valid_to is null
                    and ST_Intersects(c.geom, p.geom)
        order by c.id, share desc nulls last, p.code
     )
     select c.id as "areaId", c.code, k.parent_id as "parentId", k.parent_code as "parentCode",
            coalesce(least(k.share, 1), 0)::float8 as share
       from child c left join candidate k on k.id = c.id
      order by c.code`,
    [organizationId, layerId, parentLayerId, areaIds ?? null],
  )
}

/** Pairs of current areas of the layer whose overlap exceeds the tolerance (m²). */
export async function findOverlaps(
  tx: Queryable,
  organizationId: number,
  layer: { id: number; key: string },
  toleranceM2: number,
): Promise<OverlapWarning[]> {
  const rows = await tx.query<{ a: string; b: string; m2: number; lon: number; lat: number }>(
    `select a, b, m2, ST_X(p) as lon, ST_Y(p) as lat
       from (
         select a.code as a, b.code as b, ST_Area(x.g::geography) as m2, ST_PointOnSurface(x.g) as p
           from area a
           join area b on b.organization_id = a.organization_id and b.layer_id = a.layer_id
                      and b.valid_to is null and a.code < b.code
                      and ST_Intersects(a.geom, b.geom) and not ST_Touches(a.geom, b.geom)
           cross join lateral (
             select ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) as g
           ) x
          where a.organization_id = $1 and a.layer_id = $2 and a.valid_to is null
       ) o
      where m2 > $3
      order by m2 desc, a, b
      limit ${MAX_LISTED}`,
    [organizationId, layer.id, toleranceM2],
  )
  return rows.map((r) => ({
    layer: layer.key,
    codes: [r.a, r.b],
    areaM2: round(r.m2),
    at: [round7(r.lon), round7(r.lat)],
  }))
}

/**
 * Gaps larger than the tolerance: for a layer with a parent layer, each current parent's surface
 * not covered by its current children (a parent without children is one gap); for a top layer,
 * holes enclosed by the union of its areas.
 */
export async function findGaps(
  tx: Queryable,
  organizationId: number,
  layer: { id: number; key: string },
  parentLayerId: number | null,
  toleranceM2: number,
): Promise<GapWarning[]> {
  const rows =
    parentLayerId === null
      ? await tx.query<{ parentCode: null; m2: number; lon: number; lat: number }>(
          `with u as (
             select ST_Union(geom) as g from area
              where organization_id = $1 and layer_id = $2 and valid_to is null
           ),
           part as (select (ST_Dump(g)).geom as p from u),
           hole as (
             select (ST_Dump(ST_Difference(ST_MakePolygon(ST_ExteriorRing(p)), (select g from u)))).geom as h
               from part
           )
           select null as "parentCode", ST_Area(h::geography) as m2,
                  ST_X(ST_PointOnSurface(h)) as lon, ST_Y(ST_PointOnSurface(h)) as lat
             from hole
            where ST_Area(h::geography) > $3
            order by m2 desc
            limit ${MAX_LISTED}`,
          [organizationId, layer.id, toleranceM2],
        )
      : await tx.query<{ parentCode: string; m2: number; lon: number; lat: number }>(
          `with parent as (
             select p.id, p.code, p.geom from area p
              where p.organization_id = $1 and p.layer_id = $3 and p.valid_to is null
           ),
           covered as (
             select c.parent_id, ST_Union(c.geom) as g from area c
              where c.organization_id = $1 and c.layer_id = $2 and c.valid_to is null
                and c.parent_id is not null
              group by c.parent_id
           ),
           gap as (
             select p.code,
                    (ST_Dump(case when v.g is null then p.geom else ST_Difference(p.geom, v.g) end)).geom as h
               from parent p left join covered v on v.parent_id = p.id
           )
           select code as "parentCode", ST_Area(h::geography) as m2,
                  ST_X(ST_PointOnSurface(h)) as lon, ST_Y(ST_PointOnSurface(h)) as lat
             from gap
            where ST_Dimension(h) = 2 and ST_Area(h::geography) > $4
            order by m2 desc, code
            limit ${MAX_LISTED}`,
          [organizationId, layer.id, parentLayerId, toleranceM2],
        )
  return rows.map((r) => ({
    layer: layer.key,
    parentCode: r.parentCode,
    areaM2: round(r.m2),
    at: [round7(r.lon), round7(r.lat)],
  }))
}

/** Current children of the layer whose surface outside their parent exceeds the tolerance. */
export async function findOutside(
  tx: Queryable,
  organizationId: number,
  layer: { id: number; key: string },
  toleranceM2: number,
): Promise<OutsideWarning[]> {
  const rows = await tx.query<{ code: string; parentCode: string; m2: number; total: number }>(
    `select code, "parentCode", m2, total from (
       select c.code, p.code as "parentCode",
              ST_Area(ST_Difference(c.geom, p.geom)::geography) as m2,
              ST_Area(c.geom::geography) as total
         from area c
         join area p on p.id = c.parent_id and p.organization_id = c.organization_id
        where c.organization_id = $1 and c.layer_id = $2 and c.valid_to is null
     ) o
     where m2 > $3
     order by m2 desc, code
     limit ${MAX_LISTED}`,
    [organizationId, layer.id, toleranceM2],
  )
  return rows.map((r) => ({
    layer: layer.key,
    code: r.code,
    parentCode: r.parentCode,
    areaM2: round(r.m2),
    insideShare: r.total > 0 ? Math.round((1 - r.m2 / r.total) * 1e6) / 1e6 : 0,
  }))
}

const round = (m2: number) => Math.round(m2 * 100) / 100
const round7 = (v: number) => Math.round(v * 1e7) / 1e7
