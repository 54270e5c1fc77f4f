/**
 * Command: import the boundaries of one layer (Raumebene) from a GeoJSON or Shapefile, as its first
 * version or as a new version valid from a date. One transaction: a failed import changes nothing.
 *
 * 1. Read and reproject to WGS 84 (platform/io/boundaries); validate codes, names, geometry types.
 * 2. Repair invalid geometry in PostGIS (ST_MakeValid, polygonal parts, ST_Multi) and report it.
 * 3. Versions: a layer with current areas gets a new version. An area whose code and boundary
 *    (within 1e-6°, ~0.1 m, Hausdorff) are unchanged keeps its row — so its observations and
 *    children stay attached — and only its name is updated; every other current area is closed
 *    (`valid_to = validFrom`) and the file's areas start on `validFrom`.
 * 4. Parents: by the parent-code attribute among the parent layer's current areas, or derived from
 *    geometry (largest overlap). Current areas of the next finer layer whose parent was closed are
 *    re-derived from geometry; closed areas keep pointing at the parents of their time. Hence
 *    `parent_id` of a current area always names a current parent.
 * 5. Checks (warnings): overlaps, gaps, children outside their parent; crosswalk from every closed
 *    area of the layer onto today's areas (by area and, with residents in a finer layer, by
 *    population).
 * 6. Record the import (data_import with sha256 and report), bump organization.data_version.
 * Importing the same bytes with the same options again when they are the layer's latest import
 * changes nothing and returns the stored report with status "unchanged".
 */
import { createHash } from 'node:crypto'

import type { Position } from '../../../core/geo/geojson.js'
import type { Database, Queryable } from '../../../platform/db/index.js'
import {
  BoundaryError,
  describeCrs,
  issueLocation,
  readBoundaryFile,
  type BoundaryInput,
  type BoundaryIssue,
  type SupportedEpsg,
} from '../../../platform/io/boundaries/index.js'
import type { ZipLimits } from '../../../platform/io/zip.js'
import {
  deriveParents,
  findGaps,
  findOutside,
  findOverlaps,
  type GapWarning,
  type OutsideWarning,
  type OverlapWarning,
} from './boundaryChecks.js'
import { prepareAreas, type GeometryRepair } from './boundaryFeatures.js'
import {
  computeCrosswalk,
  type CrosswalkOptions,
  type CrosswalkSummary,
} from './computeCrosswalk.js'

export interface ImportBoundariesOptions {
  /** Key of the layer, e.g. "sozialraum"; created when missing. */
  layer: string
  /** Attribute with the area code (default "code"). Codes are unique per layer and version. */
  codeField?: string
  /** Attribute with the area name (default "name"). */
  nameField?: string
  /** Attribute with the parent area's code; without it parents are derived from geometry. */
  parentField?: string
  /** For a new layer: the next coarser layer (its level + 1 becomes the new layer's level). */
  parentLayer?: string
  /** For a new layer: its German and English names (default: the key). */
  layerNameDe?: string
  layerNameEn?: string
  /**
   * YYYY-MM-DD. The first import of a layer defaults to 1900-01-01 ("always"); a new version of a
   * layer with areas requires it — a default of "today" would make imports irreproducible.
   */
  validFrom?: string
  /** DBF (or GeoJSON) text encoding; overrides the .cpg file. */
  encoding?: string
  /** Source CRS; overrides the .prj file or GeoJSON crs member. */
  crs?: SupportedEpsg
  /** Overlaps, gaps and outside parts up to this size (m²) are digitising noise: not reported. */
  toleranceM2?: number
  crosswalk?: CrosswalkOptions
  zipLimits?: Partial<ZipLimits>
}

/** Overlaps, gaps and outside parts up to 1 m² are not reported: digitising and rounding noise. */
export const DEFAULT_TOLERANCE_M2 = 1

/** Children whose best parent covers less than this share are reported as uncertain. */
export const PARENT_SHARE_THRESHOLD = 0.99

/** What an import did and found; stored with the import (data_import.report). */
export interface BoundaryImportReport {
  status: 'imported' | 'unchanged'
  importId: number
  layer: { key: string; created: boolean; parentLayer: string | null }
  file: {
    name: string
    sha256: string
    format: 'geojson' | 'shapefile'
    /** e.g. "EPSG:25832 (ETRS89 / UTM zone 32N)" */
    crs: string
    crsDeclaredBy: string
    encoding: string
    encodingSource: string
    features: number
  }
  version: {
    validFrom: string
    /** true when the layer had current areas, which this import replaced or kept. */
    newVersion: boolean
    created: number
    kept: number
    closed: number
    /** Codes of kept areas whose name changed. */
    renamed: string[]
  }
  repairs: GeometryRepair[]
  parents: {
    method: 'field' | 'geometry' | 'none'
    /** Children whose largest overlap with a parent is below 99 %. */
    uncertain: { code: string; parentCode: string | null; share: number }[]
  }
  /** Current areas of the next finer layer given a new parent because theirs was closed. */
  reparented: { layer: string; code: string; parentCode: string | null; share: number }[]
  overlaps: OverlapWarning[]
  gaps: GapWarning[]
  outside: OutsideWarning[]
  crosswalk: CrosswalkSummary | null
  toleranceM2: number
}

interface LayerRow {
  id: number
  key: string
  level: number
  parentLayerId: number | null
  parentLayerKey: string | null
}

const LAYER_KEY = /^[a-z][a-z0-9_]{0,62}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const FIRST_VALID_FROM = '1900-01-01'
/** Largest Hausdorff distance (degrees, ~0.1 m) at which a boundary counts as unchanged. */
const UNCHANGED_DEGREES = 1e-6

/**
 * Imports a boundary file as the (next version of the) layer `options.layer` of an organisation.
 * Throws a BoundaryError (nothing written) when the file or options cannot be imported.
 *
 * @example
 * const report = await importBoundaries(db, org.id, { name: 'sr.zip', bytes }, {
 *   layer: 'sozialraum', codeField: 'SR_NR', nameField: 'SR_NAME', validFrom: '2022-01-01',
 * })
 */
export async function importBoundaries(
  db: Database,
  organizationId: number,
  input: BoundaryInput,
  options: ImportBoundariesOptions,
): Promise<BoundaryImportReport> {
  checkOptions(options)
  const sha256 = hashInput(input)
  const file = await readBoundaryFile(input, {
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.crs !== undefined ? { crs: options.crs } : {}),
    ...(options.zipLimits ? { zipLimits: options.zipLimits } : {}),
  })
  const fields = {
    codeField: options.codeField ?? 'code',
    nameField: options.nameField ?? 'name',
    ...(options.parentField !== undefined ? { parentField: options.parentField } : {}),
  }
  const prepared = prepareAreas(file, fields)
  if (prepared.issues.length > 0) throw featuresInvalid(file.fileName, prepared.issues)
  const toleranceM2 = options.toleranceM2 ?? DEFAULT_TOLERANCE_M2
  const profile = {
    layer: options.layer,
    codeField: fields.codeField,
    nameField: fields.nameField,
    parentField: options.parentField ?? null,
    encoding: options.encoding ?? null,
    crs: options.crs ?? null,
  }

  return db.transaction(async (tx) => {
    const [org] = await tx.query<{ id: number }>(
      'select id from organization where id = $1 for update',
      [organizationId],
    )
    if (!org) {
      throw new BoundaryError(
        'OPTION_INVALID',
        `The organisation ${organizationId} does not exist.`,
      )
    }
    const { layer, created } = await ensureLayer(tx, organizationId, options)
    if (options.parentField !== undefined && layer.parentLayerId === null) {
      throw new BoundaryError(
        'LAYER_INVALID',
        `The layer "${layer.key}" has no parent layer, so the parent codes in "${options.parentField}" cannot be resolved; name the parent layer with --parent-layer (for a new layer) or leave out --parent-field.`,
      )
    }

    const [previous] = await tx.query<{
      id: number
      sha: string
      profile: unknown
      report: BoundaryImportReport
    }>(
      `select id, source_sha256 as sha, profile, report from data_import
        where organization_id = $1 and kind = 'boundaries' and status = 'completed'
          and profile->>'layer' = $2
        order by id desc limit 1`,
      [organizationId, layer.key],
    )
    // `!created`: a layer deleted and made again has no areas, whatever old imports say.
    if (!created && previous?.sha === sha256 && sameProfile(previous.profile, profile)) {
      return { ...previous.report, status: 'unchanged' as const, importId: previous.id }
    }

    const [state] = await tx.query<{ current: number; lastFrom: string | null }>(
      `select count(*)::int as current, to_char(max(valid_from), 'YYYY-MM-DD') as "lastFrom"
         from area where organization_id = $1 and layer_id = $2 and valid_to is null`,
      [organizationId, layer.id],
    )
    const newVersion = state!.current > 0
    const validFrom = options.validFrom ?? (newVersion ? undefined : FIRST_VALID_FROM)
    if (validFrom === undefined) {
      throw new BoundaryError(
        'VERSION_INVALID',
        `The layer "${layer.key}" already has ${state!.current} current areas, so ${file.fileName} would be a new version of it; give the date its boundaries take effect (--valid-from YYYY-MM-DD, after ${state!.lastFrom}).`,
      )
    }
    if (newVersion && validFrom <= state!.lastFrom!) {
      throw new BoundaryError(
        'VERSION_INVALID',
        `The new version of layer "${layer.key}" must start after its current version (valid from ${state!.lastFrom}); got --valid-from ${validFrom}.`,
      )
    }

    const [imp] = await tx.query<{ id: number }>(
      `insert into data_import (organization_id, kind, source_name, file_name, source_sha256,
                                row_count, profile)
       values ($1, 'boundaries', $2, $2, $3, $4, $5) returning id`,
      [organizationId, file.fileName, sha256, prepared.areas.length, JSON.stringify(profile)],
    )
    const importId = imp!.id

    // Stage the file's areas, check and repair them.
    await tx.query(
      `create temp table boundary_stage (
         idx integer primary key, code text not null, name text not null, parent_code text,
         raw geometry not null, geom geometry, reason text, at geometry
       ) on commit drop`,
    )
    const areas = prepared.areas
    await tx.query(
      `insert into boundary_stage (idx, code, name, parent_code, raw)
       select idx, code, name, parent_code,
              ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)
         from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[])
              as t (idx, code, name, parent_code, geometry)`,
      [
        areas.map((a) => a.featureIndex),
        areas.map((a) => a.code),
        areas.map((a) => a.name),
        areas.map((a) => a.parentCode),
        areas.map((a) => JSON.stringify({ type: 'MultiPolygon', coordinates: a.polygons })),
      ],
    )
    await tx.query(
      `update boundary_stage s set reason = d.reason, at = d.location
         from (select idx, (ST_IsValidDetail(raw)).* from boundary_stage) d
        where d.idx = s.idx and not d.valid`,
    )
    // Repaired shapes are snapped back to the 7-decimal grid (ST_MakeValid adds intersection
    // points with full precision); ST_ReducePrecision keeps them valid.
    await tx.query(
      `update boundary_stage set geom = ST_ForcePolygonCCW(case
          when reason is null then ST_Multi(raw)
          else ST_Multi(ST_CollectionExtract(ST_ReducePrecision(ST_MakeValid(raw), 1e-7), 3))
        end)`,
    )
    const stageRows = await tx.query<{
      idx: number
      code: string
      reason: string | null
      lon: number | null
      lat: number | null
      empty: boolean
    }>(
      `select idx, code, reason, ST_X(at) as lon, ST_Y(at) as lat, ST_IsEmpty(geom) as empty
         from boundary_stage where reason is not null order by idx`,
    )
    const collapsed = stageRows.filter((r) => r.empty)
    if (collapsed.length > 0) {
      throw featuresInvalid(
        file.fileName,
        collapsed.map((r) => ({
          featureIndex: r.idx,
          property: 'geometry',
          message: `is invalid (${r.reason}) and nothing polygonal is left after repairing it; expected a polygon that encloses an area`,
        })),
      )
    }
    const repairs: GeometryRepair[] = [
      ...prepared.repairs,
      ...stageRows.map((r) => ({
        featureIndex: r.idx,
        code: r.code,
        reason: `${r.reason}: repaired with ST_MakeValid`,
        ...(r.lon !== null && r.lat !== null ? { at: [r.lon, r.lat] as Position } : {}),
      })),
    ].sort((a, b) => a.featureIndex - b.featureIndex)

    // Versions: keep unchanged areas, close the others, insert the file's new areas.
    const kept = newVersion
      ? await tx.query<{ idx: number; id: number; code: string; renamed: boolean }>(
          `select s.idx, a.id, a.code, a.name <> s.name as renamed
             from boundary_stage s
             join area a on a.organization_id = $1 and a.layer_id = $2 and a.valid_to is null
                        and a.code = s.code
            where ST_HausdorffDistance(a.geom, s.geom) <= $3`,
          [organizationId, layer.id, UNCHANGED_DEGREES],
        )
      : []
    const renamed = kept
      .filter((k) => k.renamed)
      .map((k) => k.code)
      .sort()
    if (renamed.length > 0) {
      await tx.query(
        `update area a set name = s.name
           from boundary_stage s
          where a.organization_id = $1 and a.id = any($2::int[]) and s.code = a.code
            and s.idx = any($3::int[])`,
        [organizationId, kept.map((k) => k.id), kept.map((k) => k.idx)],
      )
    }
    const closed = newVersion
      ? await tx.query<{ id: number }>(
          `update area set valid_to = $3
            where organization_id = $1 and layer_id = $2 and valid_to is null
              and not (id = any($4::int[]))
            returning id`,
          [organizationId, layer.id, validFrom, kept.map((k) => k.id)],
        )
      : []
    const inserted = await tx.query<{ id: number }>(
      `insert into area (organization_id, layer_id, code, name, valid_from, geom, import_id)
       select $1, $2, code, name, $3, geom, $4
         from boundary_stage
        where not (idx = any($5::int[]))
        order by idx
       returning id`,
      [organizationId, layer.id, validFrom, importId, kept.map((k) => k.idx)],
    )

    // Parents of this layer's current areas.
    const parents: BoundaryImportReport['parents'] = { method: 'none', uncertain: [] }
    if (layer.parentLayerId !== null && options.parentField !== undefined) {
      parents.method = 'field'
      const missing = await tx.query<{ idx: number; parentCode: string }>(
        `select s.idx, s.parent_code as "parentCode" from boundary_stage s
          where not exists (select 1 from area p
                             where p.organization_id = $1 and p.layer_id = $2
                               and p.valid_to is null and p.code = s.parent_code)
          order by s.idx`,
        [organizationId, layer.parentLayerId],
      )
      if (missing.length > 0) {
        throw featuresInvalid(
          file.fileName,
          missing.map((m) => ({
            featureIndex: m.idx,
            property: options.parentField!,
            message: `names the parent "${m.parentCode}", which is not a current area of layer "${layer.parentLayerKey}"; expected one of its codes`,
          })),
        )
      }
      await tx.query(
        `update area a set parent_id = p.id
           from boundary_stage s, area p
          where a.organization_id = $1 and a.layer_id = $2 and a.valid_to is null
            and a.code = s.code
            and p.organization_id = $1 and p.layer_id = $3 and p.valid_to is null
            and p.code = s.parent_code`,
        [organizationId, layer.id, layer.parentLayerId],
      )
    } else if (layer.parentLayerId !== null) {
      parents.method = 'geometry'
      const derived = await deriveParents(tx, organizationId, layer.id, layer.parentLayerId)
      await setParents(tx, organizationId, derived)
      parents.uncertain = derived
        .filter((d) => d.share < PARENT_SHARE_THRESHOLD)
        .map((d) => ({ code: d.code, parentCode: d.parentCode, share: round4(d.share) }))
    }

    // Children in the next finer layer whose parent this version closed.
    const reparented: BoundaryImportReport['reparented'] = []
    const [childLayer] = await tx.query<{ id: number; key: string }>(
      'select id, key from area_layer where organization_id = $1 and parent_layer_id = $2',
      [organizationId, layer.id],
    )
    if (childLayer && closed.length > 0) {
      const orphans = await tx.query<{ id: number }>(
        `select c.id from area c
           join area p on p.organization_id = c.organization_id and p.id = c.parent_id
          where c.organization_id = $1 and c.layer_id = $2 and c.valid_to is null
            and p.valid_to is not null`,
        [organizationId, childLayer.id],
      )
      if (orphans.length > 0) {
        const derived = await deriveParents(
          tx,
          organizationId,
          childLayer.id,
          layer.id,
          orphans.map((o) => o.id),
        )
        await setParents(tx, organizationId, derived)
        for (const d of derived) {
          reparented.push({
            layer: childLayer.key,
            code: d.code,
            parentCode: d.parentCode,
            share: round4(d.share),
          })
        }
      }
    }

    // Checks.
    const overlaps = await findOverlaps(tx, organizationId, layer, toleranceM2)
    const gaps = await findGaps(tx, organizationId, layer, layer.parentLayerId, toleranceM2)
    const outside =
      layer.parentLayerId !== null ? await findOutside(tx, organizationId, layer, toleranceM2) : []
    if (childLayer) {
      gaps.push(...(await findGaps(tx, organizationId, childLayer, layer.id, toleranceM2)))
      outside.push(...(await findOutside(tx, organizationId, childLayer, toleranceM2)))
    }

    // Crosswalk from every closed area of the layer onto today's areas.
    let crosswalk: CrosswalkSummary | null = null
    if (closed.length > 0 || (newVersion && inserted.length > 0)) {
      const [finest] = await tx.query<{ id: number }>(
        'select id from area_layer where organization_id = $1 order by level desc limit 1',
        [organizationId],
      )
      crosswalk = await computeCrosswalk(
        tx,
        organizationId,
        layer.id,
        finest?.id ?? null,
        importId,
        validFrom,
        options.crosswalk,
      )
    }

    const report: BoundaryImportReport = {
      status: 'imported',
      importId,
      layer: { key: layer.key, created, parentLayer: layer.parentLayerKey },
      file: {
        name: file.fileName,
        sha256,
        format: file.format,
        crs: describeCrs(file.crs.epsg),
        crsDeclaredBy: file.crs.declaredBy,
        encoding: file.encoding.name,
        encodingSource: file.encoding.source,
        features: file.features.length,
      },
      version: {
        validFrom,
        newVersion,
        created: inserted.length,
        kept: kept.length,
        closed: closed.length,
        renamed,
      },
      repairs,
      parents,
      reparented,
      overlaps,
      gaps,
      outside,
      crosswalk,
      toleranceM2,
    }
    await tx.query(
      `update data_import set report = $2, finished_at = now() where id = $1 and organization_id = $3`,
      [importId, JSON.stringify(report), organizationId],
    )
    await tx.query('update organization set data_version = data_version + 1 where id = $1', [
      organizationId,
    ])
    return report
  })
}

function checkOptions(options: ImportBoundariesOptions): void {
  if (!LAYER_KEY.test(options.layer)) {
    throw new BoundaryError(
      'LAYER_INVALID',
      `The layer key "${options.layer}" is not valid; expected lower-case letters, digits and "_", starting with a letter (e.g. "sozialraum").`,
    )
  }
  if (options.parentLayer !== undefined && !LAYER_KEY.test(options.parentLayer)) {
    throw new BoundaryError(
      'LAYER_INVALID',
      `The parent layer key "${options.parentLayer}" is not valid; expected e.g. "stadtbezirk".`,
    )
  }
  if (options.validFrom !== undefined) {
    const d = new Date(`${options.validFrom}T00:00:00Z`)
    if (
      !DATE.test(options.validFrom) ||
      Number.isNaN(d.getTime()) ||
      d.toISOString().slice(0, 10) !== options.validFrom
    ) {
      throw new BoundaryError(
        'VERSION_INVALID',
        `The date "${options.validFrom}" is not valid; expected YYYY-MM-DD, e.g. 2022-01-01.`,
      )
    }
  }
  if (options.toleranceM2 !== undefined && !(options.toleranceM2 >= 0)) {
    throw new BoundaryError(
      'OPTION_INVALID',
      `The tolerance must be ≥ 0 m²; got ${options.toleranceM2}.`,
    )
  }
}

/** The layer to import into: existing (its parent layer must match) or created. */
async function ensureLayer(
  tx: Queryable,
  organizationId: number,
  options: ImportBoundariesOptions,
): Promise<{ layer: LayerRow; created: boolean }> {
  const layers = await tx.query<LayerRow>(
    `select l.id, l.key, l.level, l.parent_layer_id as "parentLayerId", p.key as "parentLayerKey"
       from area_layer l
       left join area_layer p on p.organization_id = l.organization_id and p.id = l.parent_layer_id
      where l.organization_id = $1
      order by l.level`,
    [organizationId],
  )
  const known = layers.map((l) => `${l.key} (level ${l.level})`).join(', ') || 'none'
  const existing = layers.find((l) => l.key === options.layer)
  if (existing) {
    if (options.parentLayer !== undefined && options.parentLayer !== existing.parentLayerKey) {
      throw new BoundaryError(
        'LAYER_INVALID',
        `The layer "${existing.key}" exists with parent layer ${existing.parentLayerKey ? `"${existing.parentLayerKey}"` : 'none'}; got --parent-layer ${options.parentLayer}.`,
      )
    }
    return { layer: existing, created: false }
  }
  let level = 0
  let parent: LayerRow | undefined
  if (options.parentLayer !== undefined) {
    parent = layers.find((l) => l.key === options.parentLayer)
    if (!parent) {
      throw new BoundaryError(
        'LAYER_INVALID',
        `The parent layer "${options.parentLayer}" does not exist; known layers: ${known}.`,
      )
    }
    level = parent.level + 1
    const taken = layers.find((l) => l.level === level)
    if (taken) {
      throw new BoundaryError(
        'LAYER_INVALID',
        `The layer "${taken.key}" already sits below "${parent.key}" (level ${level}); layers form one chain from coarse to fine, so import into "${taken.key}" or below it.`,
      )
    }
  } else if (layers.length > 0) {
    throw new BoundaryError(
      'LAYER_INVALID',
      `The layer "${options.layer}" does not exist; to create it, name its coarser layer with --parent-layer (known layers: ${known}).`,
    )
  }
  const [row] = await tx.query<{ id: number }>(
    `insert into area_layer (organization_id, key, name_de, name_en, level, parent_layer_id)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      organizationId,
      options.layer,
      options.layerNameDe ?? options.layer,
      options.layerNameEn ?? options.layerNameDe ?? options.layer,
      level,
      parent?.id ?? null,
    ],
  )
  return {
    layer: {
      id: row!.id,
      key: options.layer,
      level,
      parentLayerId: parent?.id ?? null,
      parentLayerKey: parent?.key ?? null,
    },
    created: true,
  }
}

async function setParents(
  tx: Queryable,
  organizationId: number,
  derived: { areaId: number; parentId: number | null }[],
): Promise<void> {
  if (derived.length === 0) return
  await tx.query(
    `update area a set parent_id = t.parent_id
       from unnest($2::int[], $3::int[]) as t (id, parent_id)
      where a.organization_id = $1 and a.id = t.id
        and a.parent_id is distinct from t.parent_id`,
    [organizationId, derived.map((d) => d.areaId), derived.map((d) => d.parentId)],
  )
}

/** sha256 over the file and its sidecars (in a fixed order), so the same upload is recognised. */
function hashInput(input: BoundaryInput): string {
  const hash = createHash('sha256').update(input.bytes)
  for (const ext of ['dbf', 'prj', 'cpg'] as const) {
    const data = input.sidecars?.[ext]
    if (data) hash.update(`\0${ext}\0`).update(data)
  }
  return hash.digest('hex')
}

function sameProfile(a: unknown, b: Record<string, unknown>): boolean {
  if (!a || typeof a !== 'object') return false
  const stored = a as Record<string, unknown>
  return Object.keys(b).every((k) => (stored[k] ?? null) === b[k])
}

/** FEATURES_INVALID listing the first problems in the message and all of them in `issues`. */
function featuresInvalid(file: string, issues: BoundaryIssue[]): BoundaryError {
  const shown = issues.slice(0, 10).map((i) => `${issueLocation(file, i)} ${i.message}`)
  const more = issues.length > 10 ? `\n… and ${issues.length - 10} more problems` : ''
  return new BoundaryError(
    'FEATURES_INVALID',
    `${file} cannot be imported (${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was written):\n${shown.join('\n')}${more}`,
    issues,
  )
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4
