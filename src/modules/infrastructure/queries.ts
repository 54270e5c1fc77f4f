import type { FeatureCollection, Point } from '../../core/geo/geojson.js'
import type { Queryable } from '../../platform/db/index.js'

export interface FacilityProperties {
  id: number
  name: string
  category: string
  providerName: string
  providerKind: 'public' | 'free_welfare' | 'private'
  association: string | null
  capacity: number | null
  capacityUnit: string | null
  targetGroup: string | null
  street: string | null
  postcode: string | null
}

/** The open facilities of an organisation as GeoJSON points, ordered by category and name. */
export async function facilitiesAsGeoJson(
  db: Queryable,
  organizationId: number,
): Promise<FeatureCollection<Point, FacilityProperties>> {
  const rows = await db.query<FacilityProperties & { lon: number; lat: number }>(
    `select f.id, f.name, f.category, p.name as "providerName", p.kind as "providerKind",
            p.association, f.capacity, f.capacity_unit as "capacityUnit",
            f.target_group as "targetGroup", f.street, f.postcode,
            ST_X(f.geom) as lon, ST_Y(f.geom) as lat
       from facility f
       join provider p on p.id = f.provider_id and p.organization_id = f.organization_id
      where f.organization_id = $1 and f.closed is null
      order by f.category, f.name, f.id`,
    [organizationId],
  )
  return {
    type: 'FeatureCollection',
    features: rows.map(({ lon, lat, ...properties }) => ({
      type: 'Feature',
      id: properties.id,
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties,
    })),
  }
}

/** Number and total capacity of open facilities per category. */
export function facilityCounts(
  db: Queryable,
  organizationId: number,
): Promise<{ category: string; count: number; capacity: number }[]> {
  return db.query(
    `select category, count(*)::int as count, coalesce(sum(capacity), 0)::int as capacity
       from facility where organization_id = $1 and closed is null
      group by category order by category`,
    [organizationId],
  )
}
