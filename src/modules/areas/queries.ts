import type { FeatureCollection, MultiPolygon } from '../../core/geo/geojson.js'
import type { Queryable } from '../../platform/db/index.js'
import { notFound } from '../../platform/http/errors.js'

export interface AreaLayer {
  id: number
  key: string
  nameDe: string
  nameEn: string
  level: number
  areaCount: number
}

export interface AreaProperties {
  code: string
  name: string
  layer: string
  parentCode: string | null
  areaKm2: number
}

/** The layers of an organisation from coarse to fine, with the number of currently valid areas. */
export function listLayers(db: Queryable, organizationId: number): Promise<AreaLayer[]> {
  return db.query<AreaLayer>(
    `select l.id, l.key, l.name_de as "nameDe", l.name_en as "nameEn", l.level,
            (select count(*)::int from area a
              where a.layer_id = l.id and a.organization_id = l.organization_id
                and a.valid_to is null) as "areaCount"
       from area_layer l
      where l.organization_id = $1
      order by l.level`,
    [organizationId],
  )
}

/** The layer with this key, or NOT_FOUND naming the keys that exist. */
export async function requireLayer(
  db: Queryable,
  organizationId: number,
  key: string,
): Promise<AreaLayer> {
  const layers = await listLayers(db, organizationId)
  const layer = layers.find((l) => l.key === key)
  if (!layer) {
    const known = layers.map((l) => l.key).join(', ') || 'none'
    throw notFound(`The layer "${key}" (known layers: ${known})`)
  }
  return layer
}

/**
 * Simplification tolerance in degrees for a web-map zoom level: half a pixel of a 256-pixel tile,
 * so simplified boundaries differ from the full ones by less than the screen can show.
 */
export function toleranceForZoom(zoom: number): number {
  return 360 / (256 * 2 ** zoom) / 2
}

/**
 * The currently valid areas of a layer as GeoJSON (WGS84, 7 decimals), ordered by code;
 * with `zoom`, simplified per polygon (topology-preserving within each polygon; neighbours may
 * differ by up to the tolerance, i.e. less than half a pixel at that zoom).
 */
export async function areasAsGeoJson(
  db: Queryable,
  organizationId: number,
  layer: AreaLayer,
  options: { zoom?: number | undefined } = {},
): Promise<FeatureCollection<MultiPolygon, AreaProperties>> {
  const tolerance = options.zoom === undefined ? 0 : toleranceForZoom(options.zoom)
  const decimals =
    options.zoom === undefined ? 7 : Math.min(7, Math.max(3, Math.ceil(-Math.log10(tolerance)) + 1))
  const rows = await db.query<{ geometry: string } & Omit<AreaProperties, 'layer'>>(
    `select a.code, a.name, p.code as "parentCode",
            round((ST_Area(a.geom::geography) / 1e6)::numeric, 4)::float8 as "areaKm2",
            ST_AsGeoJSON(case when $3::float8 > 0 then ST_Multi(ST_SimplifyPreserveTopology(a.geom, $3::float8))
                              else a.geom end, $4::int) as geometry
       from area a
       left join area p on p.id = a.parent_id
      where a.organization_id = $1 and a.layer_id = $2 and a.valid_to is null
      order by a.code`,
    [organizationId, layer.id, tolerance, decimals],
  )
  return {
    type: 'FeatureCollection',
    features: rows.map(({ geometry, ...properties }) => ({
      type: 'Feature',
      id: properties.code,
      geometry: JSON.parse(geometry) as MultiPolygon,
      properties: { ...properties, layer: layer.key },
    })),
  }
}
