/**
 * Read-only analysis of one layer's indicator values in a year: map classification, global and
 * local spatial autocorrelation, hot spots, empirical Bayes smoothed rates and typologies.
 *
 * Every method works on the values the asker may see (audienceFor, as the values API): the public
 * analyses the disclosure-controlled values, so suppressed areas are left out and listed in
 * `omitted`, exactly like areas without data. Contiguity is built among the areas analysed.
 */
import { z } from 'zod'

import { CLASSIFICATION_METHODS } from '../../core/analysis/classify.js'
import type { MultiPolygon, Polygon } from '../../core/geo/geojson.js'
import type { Database } from '../../platform/db/index.js'
import type { Actor } from '../../platform/http/auth.js'
import { ApiError } from '../../platform/http/errors.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { areasAsGeoJson, LayerKey, requireLayer } from '../areas/index.js'
import {
  audienceFor,
  selectValues,
  type Audience,
  type MonitoringEngine,
  type ValueRow,
} from '../monitoring/index.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import {
  buildWeights,
  classifyAnswer,
  ebAnswer,
  gearyAnswer,
  giStarAnswer,
  lisaAnswer,
  MethodInputError,
  moranAnswer,
  parseWeightsSpec,
  typologyAnswer,
  WEIGHTS_PATTERN,
} from './methods.js'
import { Year } from './schemas.js'

const IndicatorKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected an indicator key like "sgb2_rate"')
  .describe('indicator key, e.g. sgb2_rate')

const Seed = z.coerce
  .number()
  .int('expected a whole number')
  .min(-2_147_483_648, 'expected a whole number of at most 10 digits')
  .max(2_147_483_647, 'expected a whole number of at most 10 digits')
  .default(1)
  .describe('random seed (reproducible results)')

const Base = z.object({
  layer: LayerKey,
  indicator: IndicatorKey,
  period: Year.optional().describe('year; default the latest year with data'),
})

const Spatial = Base.extend({
  weights: z
    .string()
    .regex(WEIGHTS_PATTERN, 'expected "queen", "rook" or "knn:<k>" like knn:6')
    .default('queen')
    .describe('queen or rook contiguity from the boundaries, or knn:<k> nearest centroids'),
  style: z.enum(['W', 'B']).default('W').describe('W row-standardised (default), B binary'),
  permutations: z.coerce
    .number()
    .int('expected a whole number')
    .min(0)
    .max(9999)
    .default(999)
    .describe('random permutations for pseudo p-values (0–9,999)'),
  seed: Seed,
})

const Local = Spatial.extend({
  alpha: z.coerce
    .number()
    .gt(0, 'expected a level between 0 and 1')
    .lt(1, 'expected a level between 0 and 1')
    .default(0.05)
    .describe('significance level of the cluster classes'),
})

const Omitted = z.array(
  z.object({
    code: z.string(),
    name: z.string(),
    status: z.enum(['suppressed', 'missing']),
  }),
)
const Context = {
  layer: z.string(),
  period: z.number(),
  audience: z.enum(['internal', 'public', 'scoped']),
  omitted: Omitted,
}
const TestSchema = z.object({
  variance: z.number().nullable(),
  z: z.number().nullable(),
  p: z.number().nullable(),
})
const WeightsInfo = z.object({
  kind: z.string(),
  style: z.enum(['W', 'B']),
  links: z.number(),
  minNeighbours: z.number(),
  maxNeighbours: z.number(),
  meanNeighbours: z.number(),
  islands: z.array(z.string()),
})
const Permutation = z
  .object({
    permutations: z.number(),
    seed: z.number(),
    pseudoP: z.number().nullable(),
    mean: z.number().nullable(),
    variance: z.number().nullable(),
    z: z.number().nullable(),
  })
  .nullable()
const AreaRows = z.array(z.record(z.string(), z.unknown()))
/** The answer of a local statistic (LISA, Gi*): the areas' figures and their cluster counts. */
const LocalResponse = z.object({
  ...Context,
  indicator: z.string(),
  n: z.number(),
  weights: WeightsInfo,
  alpha: z.number(),
  clusters: z.record(z.string(), z.number()),
  areas: AreaRows,
})

interface LayerValues {
  org: { id: number; slug: string }
  layer: string
  period: number
  audience: 'internal' | 'public' | 'scoped'
  /** Per indicator, the rows of the areas in the layer (one row per area). */
  rows: Map<string, ValueRow[]>
  /** Codes with a visible value for every indicator asked for, in code order. */
  codes: string[]
  omitted: z.infer<typeof Omitted>
}

const audienceKind = (a: Audience) => (typeof a === 'object' ? 'scoped' : a)

/** Wraps a method's input problems as VALIDATION_FAILED. */
function run<T>(f: () => T): T {
  try {
    return f()
  } catch (error) {
    if (error instanceof MethodInputError) throw new ApiError('VALIDATION_FAILED', error.message)
    throw error
  }
}

export function analysisRoutes(db: Database, engine: MonitoringEngine): DefinedRoute[] {
  /** The visible values of the indicators for the layer and year, as the asker may see them. */
  async function load(
    actor: Actor,
    orgSlug: string,
    query: { layer: string; period?: number | undefined },
    indicators: string[],
  ): Promise<LayerValues> {
    const org = await requireOrganization(db, orgSlug)
    const audience = audienceFor(actor, org)
    const computation = await engine.get(org.id)
    const selection = selectValues(computation, audience, {
      indicators,
      layer: query.layer,
      periods: query.period === undefined ? [] : [query.period],
      areas: [],
    })
    const rows = new Map<string, ValueRow[]>(indicators.map((k) => [k, []]))
    for (const row of selection.rows) rows.get(row.indicator)!.push(row)
    const byCode = new Map<string, ValueRow[]>()
    for (const list of rows.values()) {
      for (const row of list) byCode.set(row.areaCode, [...(byCode.get(row.areaCode) ?? []), row])
    }
    const codes: string[] = []
    const omitted: z.infer<typeof Omitted> = []
    for (const [code, list] of [...byCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const bad = list.find((r) => r.status !== 'ok' || r.value === null)
      if (bad || list.length < indicators.length) {
        omitted.push({
          code,
          name: list[0]!.areaName,
          status: bad?.status === 'suppressed' ? 'suppressed' : 'missing',
        })
      } else codes.push(code)
    }
    return {
      org,
      layer: query.layer,
      period: selection.periods[0]!,
      audience: audienceKind(audience),
      rows,
      codes,
      omitted,
    }
  }

  /** One figure per analysed area (NaN where null). */
  const valuesOf = (
    data: LayerValues,
    indicator: string,
    field: 'value' | 'numerator' | 'denominator',
  ): number[] => {
    const byCode = new Map(data.rows.get(indicator)!.map((r) => [r.areaCode, r[field]]))
    return data.codes.map((c) => byCode.get(c) ?? Number.NaN)
  }

  /** Boundaries of the analysed areas, in the order of `data.codes`. */
  async function polygons(data: LayerValues): Promise<(Polygon | MultiPolygon | null)[]> {
    const layer = await requireLayer(db, data.org.id, data.layer)
    const areas = await areasAsGeoJson(db, data.org.id, layer)
    const byCode = new Map(areas.features.map((f) => [f.properties.code, f.geometry]))
    return data.codes.map((c) => byCode.get(c) ?? null)
  }

  async function weightsFor(data: LayerValues, query: z.infer<typeof Spatial>) {
    const spec = run(() => parseWeightsSpec(query.weights))
    const geometry = { polygons: await polygons(data), lonLat: true }
    return run(() => buildWeights(spec, geometry, query.style, data.codes))
  }

  const context = (data: LayerValues) => ({
    layer: data.layer,
    period: data.period,
    audience: data.audience,
    omitted: data.omitted,
  })

  /** A local statistic (`lisaAnswer`, `giStarAnswer`) of the indicator over the weights asked for. */
  async function localStatistic(
    actor: Actor,
    orgSlug: string,
    query: z.infer<typeof Local>,
    answer: typeof lisaAnswer | typeof giStarAnswer,
  ) {
    const data = await load(actor, orgSlug, query, [query.indicator])
    const x = valuesOf(data, query.indicator, 'value')
    const built = await weightsFor(data, query)
    const { permutations, seed, alpha } = query
    return {
      ...context(data),
      indicator: query.indicator,
      ...run(() => answer(data.codes, x, built, { permutations, seed, alpha })),
    }
  }

  return [
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/analysis/classification',
        operationId: 'getClassification',
        summary:
          'Class breaks of an indicator over a layer (map classification) with the goodness of variance fit',
        description:
          'Methods: fisher (exact optimal natural breaks), jenks, quantile, equal, stddev, pretty, manual (breaks=…). Computed on the values the asker may see.',
        tags: ['analysis'],
        params: OrgParams,
        query: Base.extend({
          method: z.enum(CLASSIFICATION_METHODS).default('fisher'),
          k: z.coerce.number().int('expected a whole number').min(2).max(12).default(5),
          breaks: z
            .string()
            .regex(
              /^-?\d+(\.\d+)?(e-?\d+)?(,-?\d+(\.\d+)?(e-?\d+)?)*$/,
              'expected numbers separated by commas, e.g. 5,10,20',
            )
            .transform((s) => s.split(',').map(Number))
            .optional()
            .describe('for method=manual: the inner breaks or all bounds, comma-separated'),
        }),
        response: z.object({
          ...Context,
          indicator: z.string(),
          method: z.string(),
          k: z.number(),
          classes: z.number(),
          breaks: z.array(z.number()),
          counts: z.array(z.number()),
          gvf: z.number().nullable(),
          areas: AreaRows,
        }),
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, actor }) => {
        const data = await load(actor, params.org, query, [query.indicator])
        if (query.method === 'manual' && !query.breaks) {
          throw new ApiError('VALIDATION_FAILED', 'query.breaks: method=manual needs breaks=….')
        }
        const x = valuesOf(data, query.indicator, 'value')
        return {
          ...context(data),
          indicator: query.indicator,
          ...run(() => classifyAnswer(data.codes, x, query.method, query.k, query.breaks)),
        }
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/analysis/autocorrelation',
        operationId: 'getAutocorrelation',
        summary: "Global spatial autocorrelation of an indicator: Moran's I and Geary's C",
        description:
          'Expectation, variance, z and p under normality and under randomisation (Cliff & Ord 1981), and permutation pseudo p-values.',
        tags: ['analysis'],
        params: OrgParams,
        query: Spatial,
        response: z.object({
          ...Context,
          indicator: z.string(),
          n: z.number(),
          weights: WeightsInfo,
          moran: z.object({
            I: z.number(),
            expectation: z.number(),
            normality: TestSchema,
            randomisation: TestSchema,
            permutation: Permutation,
          }),
          geary: z.object({
            C: z.number(),
            expectation: z.number(),
            normality: TestSchema,
            randomisation: TestSchema,
            permutation: Permutation,
          }),
        }),
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, actor }) => {
        const data = await load(actor, params.org, query, [query.indicator])
        const x = valuesOf(data, query.indicator, 'value')
        const built = await weightsFor(data, query)
        const options = { permutations: query.permutations, seed: query.seed }
        const { method: _m, n, weights, ...moran } = run(() => moranAnswer(x, built, options))
        const {
          method: _g,
          n: _n,
          weights: _w,
          ...geary
        } = run(() => gearyAnswer(x, built, options))
        return { ...context(data), indicator: query.indicator, n, weights, moran, geary }
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/analysis/lisa',
        operationId: 'getLisa',
        summary:
          "Local Moran's I (LISA) with the cluster map: high-high, low-low, high-low, low-high, not significant",
        tags: ['analysis'],
        params: OrgParams,
        query: Local,
        response: LocalResponse,
        errors: ['NOT_FOUND'],
      },
      ({ params, query, actor }) => localStatistic(actor, params.org, query, lisaAnswer),
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/analysis/hotspots',
        operationId: 'getHotSpots',
        summary: 'Getis-Ord Gi* hot and cold spots of an indicator',
        tags: ['analysis'],
        params: OrgParams,
        query: Local.extend({
          permutations: Spatial.shape.permutations.default(0),
        }),
        response: LocalResponse,
        errors: ['NOT_FOUND'],
      },
      ({ params, query, actor }) => localStatistic(actor, params.org, query, giStarAnswer),
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/analysis/smoothed-rates',
        operationId: 'getSmoothedRates',
        summary:
          'Empirical Bayes smoothed rates of an indicator (numerator / denominator), global or local (Marshall 1991)',
        description:
          "Rates are on the indicator's own scale (e.g. percent). Areas whose numerator or denominator the asker may not see, or whose denominator is 0, are omitted.",
        tags: ['analysis'],
        params: OrgParams,
        query: Spatial.extend({
          kind: z
            .enum(['global', 'local'])
            .default('global')
            .describe(
              'global: towards the overall rate; local: towards the rate of the area and its neighbours',
            ),
        }),
        response: z.object({
          ...Context,
          indicator: z.string(),
          kind: z.enum(['global', 'local']),
          n: z.number(),
          scale: z.number(),
          weights: WeightsInfo.nullable(),
          mean: z.number().nullable(),
          variance: z.number().nullable(),
          areas: AreaRows,
        }),
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, actor }) => {
        const data = await load(actor, params.org, query, [query.indicator])
        const computation = await engine.get(data.org.id)
        const { formula } = computation.internal.indicator(query.indicator).definition
        if (formula.denominator === null) {
          throw new ApiError(
            'VALIDATION_FAILED',
            `query.indicator: "${query.indicator}" is a count without a denominator; smoothing needs a rate such as sgb2_rate.`,
          )
        }
        const events = valuesOf(data, query.indicator, 'numerator')
        const population = valuesOf(data, query.indicator, 'denominator')
        // Areas without a usable denominator cannot carry a rate.
        const keep = data.codes.flatMap((_, i) =>
          population[i]! > 0 && Number.isFinite(events[i]!) ? [i] : [],
        )
        for (const [i, code] of data.codes.entries()) {
          if (!keep.includes(i)) {
            const row = data.rows.get(query.indicator)!.find((r) => r.areaCode === code)!
            data.omitted.push({ code, name: row.areaName, status: 'missing' })
          }
        }
        const scale = formula.scale
        const subset = { ...data, codes: keep.map((i) => data.codes[i]!) }
        const built = query.kind === 'local' ? await weightsFor(subset, query) : null
        return {
          ...context(subset),
          indicator: query.indicator,
          ...run(() =>
            ebAnswer(
              subset.codes,
              keep.map((i) => events[i]!),
              keep.map((i) => population[i]!),
              query.kind,
              built,
              scale,
            ),
          ),
        }
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/analysis/typology',
        operationId: 'getTypology',
        summary:
          'A typology of areas: k-means (k-means++, seeded) or Ward clusters on standardised indicators, silhouettes and cluster profiles',
        tags: ['analysis'],
        params: OrgParams,
        query: z.object({
          layer: LayerKey,
          indicators: z
            .string()
            .regex(
              /^[a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)+$/,
              'expected at least two indicator keys separated by commas',
            )
            .transform((s) => s.split(','))
            .describe('indicator keys, comma-separated (at least two)'),
          period: Year.optional().describe('year; default the latest year with data'),
          method: z.enum(['kmeans', 'ward']).default('kmeans'),
          k: z.coerce.number().int('expected a whole number').min(2).max(20).default(4),
          seed: Seed,
        }),
        response: z.object({
          ...Context,
          method: z.enum(['kmeans', 'ward']),
          k: z.number(),
          variables: z.array(z.string()),
          n: z.number(),
          silhouette: z.object({
            mean: z.number().nullable(),
            clusterMeans: z.array(z.number().nullable()),
          }),
          silhouetteByK: z.array(z.object({ k: z.number(), silhouette: z.number().nullable() })),
          profiles: z.array(z.record(z.string(), z.unknown())),
          areas: AreaRows,
        }),
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, actor }) => {
        const indicators = [...new Set(query.indicators)]
        const data = await load(actor, params.org, query, indicators)
        const columns = indicators.map((k) => valuesOf(data, k, 'value'))
        return {
          ...context(data),
          ...run(() =>
            typologyAnswer(data.codes, indicators, columns, {
              method: query.method,
              k: query.k,
              seed: query.seed,
            }),
          ),
        }
      },
    ),
  ]
}
