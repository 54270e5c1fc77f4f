/**
 * The checks a boundary file must pass before anything touches the database: every feature has a
 * code (unique in the file), a name and a polygonal geometry. Rings that are not closed are closed
 * and rings too short to enclose anything are dropped; both count as repairs, not errors
 * (DESIGN.md §6: invalid rings are repaired, not rejected). Pure: no database, no file system.
 */
import type { Position, Ring } from '../../../core/geo/geojson.js'
import type {
  BoundaryFile,
  BoundaryIssue,
  RawGeometry,
} from '../../../platform/io/boundaries/index.js'

/** A feature that passed: code, name, optional parent code and a MultiPolygon (lon/lat). */
export interface PreparedArea {
  featureIndex: number
  code: string
  name: string
  parentCode: string | null
  /** MultiPolygon coordinates, rings closed. */
  polygons: Ring[][]
}

/** A change made to a feature's geometry so it can be stored; reported, never silent. */
export interface GeometryRepair {
  featureIndex: number
  code: string
  reason: string
  /** Where, when known (lon, lat). */
  at?: Position
}

export interface FieldChoice {
  codeField: string
  nameField: string
  parentField?: string
}

/**
 * Validates the features and turns them into MultiPolygons. Returns the areas and the ring repairs,
 * or the issues (every problem of every feature, so the user fixes the file once).
 *
 * @example
 * const { areas, issues } = prepareAreas(file, { codeField: 'FIPS', nameField: 'NAME' })
 */
export function prepareAreas(
  file: BoundaryFile,
  fields: FieldChoice,
): { areas: PreparedArea[]; repairs: GeometryRepair[]; issues: BoundaryIssue[] } {
  const issues: BoundaryIssue[] = [...file.issues]
  const wanted: [string, string][] = [
    ['code', fields.codeField],
    ['name', fields.nameField],
  ]
  if (fields.parentField !== undefined) wanted.push(['parent code', fields.parentField])
  for (const [role, field] of wanted) {
    if (file.features.length > 0 && !file.fields.includes(field)) {
      issues.push({
        property: field,
        message: `is not an attribute of the file, so it cannot be the ${role} field; the features have: ${file.fields.join(', ') || 'no attributes'}`,
      })
    }
  }
  if (file.features.length === 0) {
    issues.push({ message: 'holds no features; expected at least one area' })
  }
  if (issues.some((i) => i.featureIndex === undefined)) return { areas: [], repairs: [], issues }

  const areas: PreparedArea[] = []
  const repairs: GeometryRepair[] = []
  const firstIndexOfCode = new Map<string, number>()
  for (const feature of file.features) {
    const { index } = feature
    const code = text(feature.properties[fields.codeField])
    const name = text(feature.properties[fields.nameField])
    let ok = true
    if (code === null) {
      issues.push({
        featureIndex: index,
        property: fields.codeField,
        message: `is empty; expected an area code`,
      })
      ok = false
    } else if (firstIndexOfCode.has(code)) {
      issues.push({
        featureIndex: index,
        property: fields.codeField,
        message: `repeats the code "${code}" of feature ${firstIndexOfCode.get(code)}; expected codes unique in the file`,
      })
      ok = false
    } else {
      firstIndexOfCode.set(code, index)
    }
    if (name === null) {
      issues.push({
        featureIndex: index,
        property: fields.nameField,
        message: `is empty; expected the area's name`,
      })
      ok = false
    }
    let parentCode: string | null = null
    if (fields.parentField !== undefined) {
      parentCode = text(feature.properties[fields.parentField])
      if (parentCode === null) {
        issues.push({
          featureIndex: index,
          property: fields.parentField,
          message: `is empty; expected the code of the parent area`,
        })
        ok = false
      }
    }
    const polygons = toPolygons(feature.geometry, index, code ?? '', issues, repairs)
    if (ok && polygons) {
      areas.push({ featureIndex: index, code: code!, name: name!, parentCode, polygons })
    }
  }
  return { areas, repairs, issues }
}

/** A trimmed string for strings and finite numbers; null for empty, missing or other values. */
function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** Polygon or MultiPolygon → closed rings as MultiPolygon; null (with an issue) otherwise. */
function toPolygons(
  geometry: RawGeometry | null,
  featureIndex: number,
  code: string,
  issues: BoundaryIssue[],
  repairs: GeometryRepair[],
): Ring[][] | null {
  if (geometry === null) {
    if (!issues.some((i) => i.featureIndex === featureIndex && i.property === 'geometry')) {
      issues.push({
        featureIndex,
        property: 'geometry',
        message: 'is empty (null shape); expected a Polygon or MultiPolygon',
      })
    }
    return null
  }
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    issues.push({
      featureIndex,
      property: 'geometry',
      message: `is a ${geometry.type}; expected a Polygon or MultiPolygon (planning areas are areas)`,
    })
    return null
  }
  const raw = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as Position[][][]
  if (!Array.isArray(raw)) {
    issues.push({ featureIndex, property: 'geometry', message: 'has no coordinates' })
    return null
  }
  const polygons: Ring[][] = []
  raw.forEach((polygon, p) => {
    if (!Array.isArray(polygon)) return
    const rings: Ring[] = []
    polygon.forEach((ring, r) => {
      if (!Array.isArray(ring)) return
      const closed: Ring = ring.map((pos) => [pos[0], pos[1]])
      const first = closed[0]
      const last = closed[closed.length - 1]
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
        closed.push([first[0], first[1]])
        repairs.push({
          featureIndex,
          code,
          reason: `Ring not closed (polygon ${p}, ring ${r}): closed it`,
          at: first,
        })
      }
      if (new Set(closed.map((q) => `${q[0]} ${q[1]}`)).size < 3) {
        repairs.push({
          featureIndex,
          code,
          reason: `Degenerate ring (polygon ${p}, ring ${r}, fewer than 3 distinct points): dropped it`,
          ...(first ? { at: first } : {}),
        })
        if (r === 0) rings.length = 0
        return
      }
      if (r > 0 && rings.length === 0) return // holes of a dropped exterior
      rings.push(closed)
    })
    if (rings.length > 0) polygons.push(rings)
  })
  if (polygons.length === 0) {
    issues.push({
      featureIndex,
      property: 'geometry',
      message:
        'has no ring that encloses an area; expected a Polygon or MultiPolygon with at least three distinct corners',
    })
    return null
  }
  return polygons
}
