/** zod schemas of the analysis API (requests and answers), shared by its routes. */
import { z } from 'zod'

import { DYNAMICS_CLASSES, STATUS_CLASSES } from '../../core/analysis/socialIndex.js'
import { LayerKey } from '../areas/index.js'
import { OrgParams } from '../organizations/index.js'

export const IndexKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected a key like "sozialindex" (a–z, 0–9, _)')
  .describe('key of the social index, e.g. sozialindex')

export const VersionParams = OrgParams.extend({
  key: IndexKey,
  version: z.coerce
    .number()
    .int('expected a version number like 1')
    .min(1, 'expected a version number ≥ 1')
    .max(2_147_483_647, 'expected a version number like 1')
    .describe('version of the definition (1, 2, …)'),
})

export const Year = z.coerce
  .number()
  .int('expected a year like 2024')
  .min(1800, 'expected a year like 2024')
  .max(2200, 'expected a year like 2024')

export const LayerPeriodQuery = z.object({
  layer: LayerKey,
  period: Year.optional().describe('reference year; default the latest year with data'),
})

const Thresholds = z.object({
  status: z
    .object({
      high: z.number().default(-1),
      low: z.number().default(1),
      veryLow: z.number().default(1.5),
    })
    .default({ high: -1, low: 1, veryLow: 1.5 })
    .describe('status classes: < high, ≤ low, ≤ veryLow, above (SDs; Berlin MSS −1, 1, 1.5)'),
  dynamics: z
    .object({ positive: z.number().default(-1), negative: z.number().default(1) })
    .default({ positive: -1, negative: 1 })
    .describe('dynamics classes: < positive, ≤ negative, above (SDs; Berlin MSS −1, 1)'),
})

const IndicatorEntry = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected an indicator key like "sgb2_rate"'),
  direction: z
    .union([z.literal(1), z.literal(-1)])
    .describe('1: a higher value means more disadvantage; -1: less'),
  weight: z.number().positive('expected a weight above 0').max(1000).default(1),
})

export const DefinitionSchema = z.object({
  indicators: z.array(IndicatorEntry).min(1, 'expected at least one indicator').max(50),
  weighting: z
    .enum(['unweighted', 'population'])
    .default('unweighted')
    .describe('population: standardise per resident instead of per area'),
  minPopulation: z
    .number()
    .min(0)
    .default(300)
    .describe('areas with fewer residents are excluded (default 300)'),
  dynamicsYears: z
    .number()
    .int('expected whole years')
    .min(1)
    .max(50)
    .default(2)
    .describe('years over which the change is measured'),
  thresholds: Thresholds.default({
    status: { high: -1, low: 1, veryLow: 1.5 },
    dynamics: { positive: -1, negative: 1 },
  }),
})

export const SaveVersionBody = z.object({
  key: IndexKey,
  nameDe: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  description: z.string().max(4000).default(''),
  definition: DefinitionSchema,
  published: z.boolean().default(false),
})

export const VersionSchema = z.object({
  key: z.string(),
  version: z.number(),
  nameDe: z.string(),
  nameEn: z.string(),
  description: z.string(),
  published: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  definition: z.object({
    indicators: z.array(z.object({ key: z.string(), direction: z.number(), weight: z.number() })),
    weighting: z.enum(['unweighted', 'population']),
    minPopulation: z.number(),
    dynamicsYears: z.number(),
    thresholds: z.object({
      status: z.object({ high: z.number(), low: z.number(), veryLow: z.number() }),
      dynamics: z.object({ positive: z.number(), negative: z.number() }),
    }),
  }),
})

const StatusClass = z.enum(STATUS_CLASSES)
const DynamicsClass = z.enum(DYNAMICS_CLASSES)
const Excluded = z.object({
  code: z.string(),
  name: z.string(),
  reason: z.enum(['population_below_minimum', 'missing_values']),
  detail: z.string(),
})
const Audience = z
  .enum(['internal', 'public', 'scoped'])
  .describe('public: classes only; internal: also index values, z-scores and standardisation')

export const SocialIndexSchema = z.object({
  key: z.string(),
  version: z.number(),
  layer: z.string(),
  period: z.number(),
  dynamicsFrom: z.number(),
  dataVersion: z.number(),
  audience: Audience,
  definition: VersionSchema.shape.definition,
  areas: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      population: z.number().nullable(),
      status: z.number().nullable(),
      statusClass: StatusClass,
      dynamics: z.number().nullable(),
      dynamicsClass: DynamicsClass.nullable(),
      combined: z.string().nullable(),
      z: z.record(z.string(), z.number()).nullable(),
      changeZ: z.record(z.string(), z.number()).nullable(),
    }),
  ),
  excluded: z.array(Excluded),
  withoutDynamics: z.array(Excluded),
  standardisation: z
    .array(
      z.object({
        key: z.string(),
        direction: z.number(),
        weight: z.number(),
        mean: z.number(),
        sd: z.number(),
        changeMean: z.number().nullable(),
        changeSd: z.number().nullable(),
      }),
    )
    .nullable(),
  dynamicsUnavailable: z.string().nullable(),
  counts: z.object({
    status: z.record(z.string(), z.number()),
    dynamics: z.record(z.string(), z.number()),
    combined: z.record(z.string(), z.number()),
  }),
})

export const SensitivitySchema = z.object({
  key: z.string(),
  version: z.number(),
  layer: z.string(),
  period: z.number(),
  dataVersion: z.number(),
  audience: Audience,
  variants: z.array(
    z.object({
      indicator: z.string(),
      change: z.enum(['dropped', 'weight_halved', 'weight_doubled']),
      problem: z.string().nullable(),
      status: z.array(
        z.object({ code: z.string(), from: StatusClass.nullable(), to: StatusClass.nullable() }),
      ),
      dynamics: z.array(
        z.object({
          code: z.string(),
          from: DynamicsClass.nullable(),
          to: DynamicsClass.nullable(),
        }),
      ),
    }),
  ),
})
