import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import { Precompressed, sendPrecompressed } from '../../platform/http/compression.js'
import { ApiError } from '../../platform/http/errors.js'
import { hasPermission, type Actor } from '../../platform/http/auth.js'
import { defineRoute, PageQuery, pageOf, type DefinedRoute } from '../../platform/http/routes.js'
import { XLSX_CONTENT_TYPE } from '../../platform/io/xlsxWriter.js'
import { Lru } from '../../platform/lru.js'
import { areasAsGeoJson, LayerKey, requireLayer } from '../areas/index.js'
import { OrgParams, requireOrganization, type Organization } from '../organizations/index.js'
import type { Computation, MonitoringEngine } from './engine.js'
import { toCsv, toGeoJson, toJsonStat, toXlsx } from './formats.js'
import { selectColumns, selectValues, type Audience } from './values.js'

/** Bytes of kept map answers per organisation (their text; compressed copies add about a quarter). */
const MAP_ANSWER_BYTES = 32 * 1024 * 1024

const KeyList = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, `expected ${what} keys separated by commas`)
    .transform((s) => s.split(','))

const YearList = z
  .string()
  .regex(/^\d{4}(,\d{4})*$/, 'expected years like 2024 or 2020,2024')
  .transform((s) => s.split(',').map(Number))

const ValuesQuery = PageQuery.extend({
  indicator: KeyList('indicator')
    .optional()
    .describe('indicator keys, comma-separated; default all'),
  layer: LayerKey.optional().describe('layer key; default all layers'),
  period: YearList.optional().describe('years, comma-separated; default the latest'),
  area: z
    .string()
    .max(10_000)
    .transform((s) => s.split(','))
    .optional()
    .describe('area codes, comma-separated; default all'),
  format: z
    .enum(['json', 'columns', 'csv', 'xlsx', 'geojson', 'jsonstat'])
    .default('json')
    .describe(
      'json (paged), columns (one indicator, layer and year, unpaged: what a map needs, see ValueColumns), csv, xlsx (values and a metadata sheet), geojson (one layer, one year) or jsonstat (JSON-stat 2.0)',
    ),
  locale: z
    .enum(['de', 'en'])
    .default('de')
    .describe('CSV: de = ";" and decimal comma; XLSX: language of the sheet names and metadata'),
})

export const ValueRowSchema = z.object({
  indicator: z.string(),
  layer: z.string(),
  areaCode: z.string(),
  areaName: z.string(),
  parentCode: z.string().nullable(),
  period: z.number(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  change1: z.number().nullable(),
  change1Percent: z.number().nullable(),
  change3: z.number().nullable(),
  change3Percent: z.number().nullable(),
  change5: z.number().nullable(),
  change5Percent: z.number().nullable(),
  diffParent: z.number().nullable(),
  diffCity: z.number().nullable(),
  rank: z.number().nullable(),
  rankCount: z.number(),
  z: z.number().nullable(),
  status: z.enum(['ok', 'suppressed', 'missing']),
})

/** format=columns: one indicator × layer × year in the order of the JSON rows (formats.ts). */
export const ValueColumnsSchema = z
  .object({
    indicator: z.string(),
    layer: z.string(),
    period: z.number(),
    areaCodes: z.array(z.string()),
    value: z.array(z.number().nullable()),
    diffCity: z.array(z.number().nullable()).describe("value minus the top area's value"),
    status: z
      .string()
      .regex(/^[osm]*$/)
      .describe('one letter per area: o = ok, s = suppressed (disclosure control), m = missing'),
  })
  .describe('format=columns')

const IndicatorSchema = z.object({
  key: z.string(),
  nameDe: z.string(),
  nameEn: z.string(),
  definitionDe: z.string(),
  definitionEn: z.string(),
  formula: z.string(),
  unit: z.string(),
  decimals: z.number(),
  polarity: z.enum(['higher_is_better', 'higher_is_worse', 'neutral']),
  topic: z.string(),
  source: z.string(),
  minCaseNumber: z.number().nullable(),
  published: z
    .boolean()
    .optional()
    .describe('only for staff with internal access, who also see unpublished indicators'),
  updatedAt: z.string(),
})

const VariableSchema = z.object({
  key: z.string(),
  nameDe: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  topic: z.string(),
  source: z.string(),
})

/**
 * Who sees what: members of the organisation with `monitoring:read-internal` get exact values and
 * unpublished indicators (within their area scope, if they have one); everyone else the public,
 * disclosure-controlled view.
 */
export function audienceFor(actor: Actor, org: Organization): Audience {
  if (actor.kind === 'system') return 'internal'
  if (actor.organization?.id !== org.id || !hasPermission(actor, 'monitoring:read-internal')) {
    return 'public'
  }
  return actor.areaIds === null ? 'internal' : { internalAreaIds: new Set(actor.areaIds) }
}

/**
 * Routes of social monitoring: catalogues and indicator values, for the public or, for signed-in
 * staff, internally (see audienceFor).
 */
export function valueRoutes(db: Database, engine: MonitoringEngine): DefinedRoute[] {
  // format=columns answers (what the atlas map draws), kept with the computation they come from
  // and so dropped with it when the data change: readers of the public atlas ask for the same
  // maps again and again, and an answer for ~11,000 areas takes ~25 ms to make and compress, ~5 ms
  // to send again.
  const mapAnswers = new WeakMap<Computation, Lru<string, Precompressed>>()
  return [
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/variables',
        operationId: 'listVariables',
        summary: 'The catalogue of raw variables (Merkmale)',
        tags: ['monitoring'],
        params: OrgParams,
        query: PageQuery,
        response: pageOf(VariableSchema),
        errors: ['NOT_FOUND'],
      },
      async ({ params, query }) => {
        const org = await requireOrganization(db, params.org)
        const [count] = await db.query<{ n: number }>(
          'select count(*)::int as n from variable where organization_id = $1',
          [org.id],
        )
        const data = await db.query(
          `select key, name_de as "nameDe", name_en as "nameEn", unit, topic, source
           from variable where organization_id = $1 order by key limit $2 offset $3`,
          [org.id, query.limit, query.offset],
        )
        return { data, page: { limit: query.limit, offset: query.offset, total: count!.n } }
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/indicators',
        operationId: 'listIndicators',
        summary: 'The indicators (Kennzahlen) with definitions, formulas and units',
        description:
          'The public sees the published indicators; staff with internal access also the unpublished ones.',
        tags: ['monitoring'],
        params: OrgParams,
        query: PageQuery,
        response: pageOf(IndicatorSchema),
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, actor }) => {
        const org = await requireOrganization(db, params.org)
        const computation = await engine.get(org.id)
        // The same rule as /values: whoever gets internal values (even for some areas only) also
        // sees the unpublished indicators, and learns which ones are published.
        const internal = audienceFor(actor, org) !== 'public'
        const visible = internal
          ? computation.indicators
          : computation.indicators.filter((i) => i.published)
        const data = visible
          .slice(query.offset, query.offset + query.limit)
          .map(({ id: _id, published, sortOrder: _s, ...indicator }) =>
            internal ? { ...indicator, published } : indicator,
          )
        return { data, page: { limit: query.limit, offset: query.offset, total: visible.length } }
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/values',
        operationId: 'getValues',
        summary: 'Indicator values per area and year, with changes, differences, rank and z-score',
        description:
          'For the public, disclosure control applies: suppressed values are null with status "suppressed" (symbol "." in CSV and JSON-stat). ' +
          'format=json answers a page; csv, xlsx, geojson and jsonstat answer the whole selection (at most 200,000 values). ' +
          'format=columns answers one indicator, layer and year unpaged as columns (area codes, value, diffCity, status letters): ' +
          'the web atlas map, ~8 times smaller than the rows. It is made once per data version and kept ' +
          '(not for staff limited to some areas); its ETag answers a repeat with 304.',
        tags: ['monitoring'],
        params: OrgParams,
        query: ValuesQuery,
        response: z.union([pageOf(ValueRowSchema), ValueColumnsSchema]),
        produces: [
          'text/csv',
          XLSX_CONTENT_TYPE,
          'application/geo+json',
          'application/json; profile=jsonstat',
        ],
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, reply, actor, request }) => {
        const org = await requireOrganization(db, params.org)
        const computation = await engine.get(org.id)
        const audience = audienceFor(actor, org)
        const valuesQuery = {
          indicators: query.indicator ?? [],
          layer: query.layer,
          periods: query.period ?? [],
          areas: query.area ?? [],
        }
        if (query.format === 'columns') {
          // Area-scoped staff see a mix of views, and a list of areas is rare: made each time.
          if (typeof audience === 'object' || query.area) {
            return selectColumns(computation, audience, valuesQuery)
          }
          const key = [audience, query.indicator, query.layer, query.period].join('|')
          let kept = mapAnswers.get(computation)
          if (!kept) {
            kept = new Lru(MAP_ANSWER_BYTES, (answer) => answer.body.length)
            mapAnswers.set(computation, kept)
          }
          let answer = kept.get(key)
          if (!answer) {
            answer = new Precompressed(
              JSON.stringify(selectColumns(computation, audience, valuesQuery)),
            )
            kept.set(key, answer)
          }
          return sendPrecompressed(request, reply, answer)
        }
        const selection = selectValues(computation, audience, valuesQuery)
        const { rows } = selection
        if (query.format === 'json') {
          return {
            data: rows.slice(query.offset, query.offset + query.limit),
            page: { limit: query.limit, offset: query.offset, total: rows.length },
          }
        }
        if (rows.length > 200_000) {
          throw new ApiError(
            'VALIDATION_FAILED',
            `The selection has ${rows.length} values; downloads hold at most 200,000: choose fewer indicators, layers or years.`,
          )
        }
        const name = `${org.slug}-values-${selection.periods.join('_')}${audience === 'public' ? '' : '-intern'}`
        if (query.format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(toCsv(rows, { locale: query.locale }))
        }
        if (query.format === 'xlsx') {
          const workbook = toXlsx(rows, {
            title: `${org.name}: ${query.locale === 'de' ? 'Kennzahlen' : 'Indicators'} ${selection.periods.join(', ')}${audience === 'public' ? '' : query.locale === 'de' ? ' (INTERN)' : ' (INTERNAL)'}`,
            source: org.name,
            computedAt: computation.computedAt.toISOString(),
            exportedAt: new Date(),
            indicators: computation.indicators,
            minCaseNumber: org.minCaseNumber,
            internal: audience !== 'public',
            language: query.locale,
          })
          return reply
            .type(XLSX_CONTENT_TYPE)
            .header('content-disposition', `attachment; filename="${name}.xlsx"`)
            .send(Buffer.from(workbook.buffer, workbook.byteOffset, workbook.byteLength))
        }
        if (query.format === 'jsonstat') {
          return reply.type('application/json; charset=utf-8').send(
            toJsonStat(rows, {
              label: `${org.name}: Kennzahlen ${selection.periods.join(', ')}${audience === 'public' ? '' : ' (INTERN)'}`,
              source: org.name,
              updated: computation.computedAt.toISOString(),
              indicators: computation.indicators,
              language: org.defaultLanguage,
            }),
          )
        }
        if (selection.layers.length !== 1 || selection.periods.length !== 1) {
          throw new ApiError(
            'VALIDATION_FAILED',
            'format=geojson needs exactly one layer and one year: add layer=… and period=….',
          )
        }
        const layer = await requireLayer(db, org.id, selection.layers[0]!)
        const areas = await areasAsGeoJson(db, org.id, layer)
        return reply.type('application/geo+json').send(toGeoJson(rows, areas))
      },
    ),
  ]
}
