/**
 * What a report is built from, read once per report: the organisation's indicators and values for
 * one audience (the public sees published indicators after disclosure control, DESIGN.md §5), the
 * areas of the report's layer and the layers above it, their boundaries for maps, the social index
 * and the data state the report records.
 */
import { createHash } from 'node:crypto'

import type { FeatureCollection, MultiPolygon } from '../../core/geo/geojson.js'
import type { Database } from '../../platform/db/index.js'
import { ApiError } from '../../platform/http/errors.js'
import {
  listVersions,
  socialIndexAnswer,
  type SocialIndexAnswer,
  type StoredVersion,
} from '../analysis/index.js'
import { areasAsGeoJson, requireLayer } from '../areas/index.js'
import {
  selectValues,
  type IndicatorRow,
  type MonitoringEngine,
  type ValueRow,
} from '../monitoring/index.js'
import type { Organization } from '../organizations/index.js'

export type ReportAudience = 'public' | 'internal'

/** An area of a layer the report covers. */
export interface DataArea {
  layer: string
  code: string
  name: string
  /** Code of the area one layer up (null for the whole city). */
  parentCode: string | null
}

/** What the report was built from, recorded with it so it can be rebuilt and checked. */
export interface DataState {
  /** The organisation's data version (raised by every import and rollback). */
  dataVersion: number
  /** Fingerprint of the indicator definitions (formulas, units, publication, minimum case numbers). */
  catalogueVersion: string
  /** The imports in effect, oldest first. */
  imports: { id: number; kind: string; source: string; sha256: string | null; at: string }[]
  /** The social index version used, if any. */
  socialIndex: { key: string; version: number } | null
  /** Hash over everything above: equal hashes, equal inputs. */
  fingerprint: string
}

export interface ReportData {
  organization: Pick<Organization, 'id' | 'slug' | 'name'>
  audience: ReportAudience
  /** The layer whose areas the report describes, and the layers above it (coarse to fine). */
  layer: { key: string; nameDe: string; nameEn: string }
  layers: string[]
  period: number
  /** Years with data, ascending. */
  periods: number[]
  /** The indicators the audience may see, in catalogue order. */
  indicators: IndicatorRow[]
  /** The areas of the report's layers. */
  areas: DataArea[]
  /** The whole city: the one area of the coarsest layer. */
  city: DataArea
  /** A value row, or undefined when there is none. */
  row(indicator: string, layer: string, code: string, period: number): ValueRow | undefined
  /** Boundaries of the report's layer (simplified for print) — read on first use. */
  geometry(): Promise<FeatureCollection<MultiPolygon, { code: string; name: string }>>
  socialIndex: SocialIndexAnswer | null
  socialIndexName: { de: string; en: string } | null
  state: DataState
}

/** The zoom whose simplification suits a printed map of a city (≈ 0.3 mm on paper). */
const PRINT_ZOOM = 13

export interface LoadOptions {
  audience: ReportAudience
  /** Layer key; default the template's. */
  layer: string
  /** Year; default the latest with data. */
  period?: number | undefined
  /** Social index key; default the first published (public) or latest (internal) one. */
  socialIndexKey?: string | undefined
}

export async function loadReportData(
  db: Database,
  engine: MonitoringEngine,
  organization: Organization,
  options: LoadOptions,
): Promise<ReportData> {
  const computation = await engine.get(organization.id)
  const layerRow = await requireLayer(db, organization.id, options.layer)
  const { areas: index } = computation.cube
  const layerIndex = index.layerKeys.indexOf(layerRow.key)
  if (layerIndex < 0) {
    throw new ApiError('NOT_FOUND', `The layer "${layerRow.key}" has no areas.`)
  }
  const layers = index.layerKeys.slice(0, layerIndex + 1)
  const result = options.audience === 'public' ? computation.public : computation.internal
  const periods = [...result.periods]
  if (periods.length === 0) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `${organization.name} has no values yet: import statistics first.`,
    )
  }
  const period = options.period ?? periods[periods.length - 1]!
  if (!periods.includes(period)) {
    throw new ApiError(
      'NOT_FOUND',
      `No data for ${period}; years with data: ${periods.join(', ')}.`,
    )
  }
  const byKey = new Map<string, ValueRow>()
  const areas: DataArea[] = []
  for (const layer of layers) {
    const { rows } = selectValues(computation, options.audience, {
      indicators: [],
      layer,
      periods,
      areas: [],
    })
    const seen = new Set<string>()
    for (const row of rows) {
      byKey.set(`${row.indicator}\t${layer}\t${row.areaCode}\t${row.period}`, row)
      if (!seen.has(row.areaCode)) {
        seen.add(row.areaCode)
        areas.push({ layer, code: row.areaCode, name: row.areaName, parentCode: row.parentCode })
      }
    }
  }
  areas.sort((a, b) =>
    a.layer === b.layer
      ? a.code.localeCompare(b.code, 'de')
      : layers.indexOf(a.layer) - layers.indexOf(b.layer),
  )
  const city = areas.find((a) => a.layer === layers[0])
  if (!city) throw new ApiError('VALIDATION_FAILED', `The layer "${layers[0]}" has no areas.`)
  const publishedKeys = new Set(computation.public.indicators.map((r) => r.definition.key))
  const indicators = computation.indicators.filter(
    (i) => options.audience === 'internal' || publishedKeys.has(i.key),
  )

  const index_ = await socialIndexFor(
    db,
    computation,
    organization.id,
    options,
    layerRow.key,
    period,
  )

  const imports = await db.query<DataState['imports'][number]>(
    `select id, kind, source_name as source, source_sha256 as sha256,
            to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
       from data_import where organization_id = $1 and status = 'completed' order by id`,
    [organization.id],
  )
  const stateCore = {
    dataVersion: computation.dataVersion,
    catalogueVersion: computation.catalogueVersion,
    imports,
    socialIndex: index_ ? { key: index_.answer.key, version: index_.answer.version } : null,
  }
  const fingerprint = createHash('sha256').update(JSON.stringify(stateCore)).digest('hex')

  let geometry: Promise<FeatureCollection<MultiPolygon, { code: string; name: string }>> | undefined
  return {
    organization: { id: organization.id, slug: organization.slug, name: organization.name },
    audience: options.audience,
    layer: { key: layerRow.key, nameDe: layerRow.nameDe, nameEn: layerRow.nameEn },
    layers,
    period,
    periods,
    indicators,
    areas,
    city,
    row: (indicator, layer, code, year) => byKey.get(`${indicator}\t${layer}\t${code}\t${year}`),
    geometry: () =>
      (geometry ??= areasAsGeoJson(db, organization.id, layerRow, { zoom: PRINT_ZOOM })),
    socialIndex: index_?.answer ?? null,
    socialIndexName: index_ ? { de: index_.version.nameDe, en: index_.version.nameEn } : null,
    state: { ...stateCore, fingerprint },
  }
}

async function socialIndexFor(
  db: Database,
  computation: Awaited<ReturnType<MonitoringEngine['get']>>,
  organizationId: number,
  options: LoadOptions,
  layer: string,
  period: number,
): Promise<{ answer: SocialIndexAnswer; version: StoredVersion } | null> {
  const versions = await listVersions(db, organizationId)
  const candidates = versions
    .filter((v) => options.socialIndexKey === undefined || v.key === options.socialIndexKey)
    .filter((v) => options.audience === 'internal' || v.published)
    .sort((a, b) => a.key.localeCompare(b.key) || b.version - a.version)
  if (options.socialIndexKey !== undefined && candidates.length === 0) {
    throw new ApiError(
      'NOT_FOUND',
      `The social index "${options.socialIndexKey}" does not exist${options.audience === 'public' ? ' or has no published version' : ''}.`,
    )
  }
  for (const version of candidates) {
    try {
      return {
        answer: socialIndexAnswer(computation, version, layer, period, options.audience),
        version,
      }
    } catch (error) {
      // A version the audience may not see, or one that cannot be computed for this layer/year:
      // the report goes without it (and says so).
      if (options.socialIndexKey !== undefined) throw error
    }
  }
  return null
}
