/**
 * Routes of the social index: saved, versioned definitions (list, save the next version, publish
 * or withdraw), the computed index of a version for a layer and year, and its sensitivity.
 */
import { z } from 'zod'

import type { Database } from '../../platform/db/index.js'
import type { Actor } from '../../platform/http/auth.js'
import { ApiError } from '../../platform/http/errors.js'
import { defineRoute, type DefinedRoute } from '../../platform/http/routes.js'
import { audienceFor, type MonitoringEngine } from '../monitoring/index.js'
import { OrgParams, requireOrganization } from '../organizations/index.js'
import { publishVersion } from './commands/publishVersion.js'
import { saveVersion } from './commands/saveVersion.js'
import { listVersions, requireVersion, type StoredVersion } from './definitions.js'
import {
  IndexKey,
  LayerPeriodQuery,
  SaveVersionBody,
  SensitivitySchema,
  SocialIndexSchema,
  VersionParams,
  VersionSchema,
} from './schemas.js'
import { isPublicVersion, sensitivityAnswer, socialIndexAnswer } from './socialIndex.js'

const present = ({ id: _id, ...version }: StoredVersion) => version

const DISCLOSURE =
  'Computed from exact values. The public sees a published version whose indicators are all published, and only its classes; ' +
  'staff with internal access also the index values, z-scores and the means and SDs used.'

export function socialIndexRoutes(db: Database, engine: MonitoringEngine): DefinedRoute[] {
  const load = (params: z.infer<typeof VersionParams>, period: number | undefined, actor: Actor) =>
    loadFor(db, engine, params, period, actor)
  return [
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/social-indexes',
        operationId: 'listSocialIndexes',
        summary: 'The saved versions of the social index definitions (Sozialindex)',
        description:
          'The public sees published versions whose indicators are all published; staff with internal access every version.',
        tags: ['analysis'],
        params: OrgParams,
        query: z.object({ key: IndexKey.optional().describe('only the versions of this index') }),
        response: z.array(VersionSchema),
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, actor }) => {
        const org = await requireOrganization(db, params.org)
        const versions = (await listVersions(db, org.id)).filter(
          (v) => query.key === undefined || v.key === query.key,
        )
        if (audienceFor(actor, org) !== 'public') return versions.map(present)
        const computation = await engine.get(org.id)
        return versions.filter((v) => isPublicVersion(computation, v)).map(present)
      },
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/orgs/:org/social-indexes',
        operationId: 'saveSocialIndex',
        summary: 'Save a social index definition as the next version of its key',
        description:
          'Saved versions never change (only whether they are published), so a computed index can be reproduced; ' +
          "an edit is saved as version n + 1. Defaults follow Berlin's Monitoring Soziale Stadtentwicklung: " +
          'minimum 300 residents, dynamics over 2 years, status thresholds −1, +1, +1.5 and dynamics thresholds −1, +1 (SDs).',
        tags: ['analysis'],
        params: OrgParams,
        body: SaveVersionBody,
        response: VersionSchema,
        errors: ['NOT_FOUND'],
        access: 'analysis:define',
        bodyLimit: 64 * 1024,
      },
      async ({ params, body, actor, request }) => {
        const org = await requireOrganization(db, params.org)
        const saved = await saveVersion(
          db,
          { actor, requestId: request.id, ip: request.ip },
          {
            organizationId: org.id,
            key: body.key,
            nameDe: body.nameDe,
            nameEn: body.nameEn,
            description: body.description,
            definition: body.definition,
            published: body.published,
          },
        )
        return present(saved)
      },
    ),
    defineRoute(
      {
        method: 'PATCH',
        path: '/orgs/:org/social-indexes/:key/versions/:version',
        operationId: 'publishSocialIndex',
        summary: 'Publish or withdraw one version of a social index (nothing else can change)',
        tags: ['analysis'],
        params: VersionParams,
        body: z.object({ published: z.boolean() }),
        response: VersionSchema,
        errors: ['NOT_FOUND'],
        access: 'analysis:define',
        bodyLimit: 16 * 1024,
      },
      async ({ params, body, actor, request }) => {
        const org = await requireOrganization(db, params.org)
        const version = await publishVersion(
          db,
          { actor, requestId: request.id, ip: request.ip },
          { organizationId: org.id, key: params.key, version: params.version, ...body },
        )
        return present(version)
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/social-indexes/:key/versions/:version/index',
        operationId: 'getSocialIndex',
        summary:
          'The social index of a version for a layer and year: status, dynamics and the 4 × 3 classes',
        description: DISCLOSURE,
        tags: ['analysis'],
        params: VersionParams,
        query: LayerPeriodQuery,
        response: SocialIndexSchema,
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, actor }) => {
        const { computation, version, audience, period } = await load(params, query.period, actor)
        return socialIndexAnswer(computation, version, query.layer, period, audience)
      },
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/orgs/:org/social-indexes/:key/versions/:version/sensitivity',
        operationId: 'getSocialIndexSensitivity',
        summary:
          'How robust the classes are: areas whose class changes when an indicator is dropped or its weight halved or doubled',
        description: DISCLOSURE,
        tags: ['analysis'],
        params: VersionParams,
        query: LayerPeriodQuery,
        response: SensitivitySchema,
        errors: ['NOT_FOUND'],
      },
      async ({ params, query, actor }) => {
        const { computation, version, audience, period } = await load(params, query.period, actor)
        return sensitivityAnswer(computation, version, query.layer, period, audience)
      },
    ),
  ]
}

/** The organisation, its computation, the version the asker may see, and the year (default latest). */
async function loadFor(
  db: Database,
  engine: MonitoringEngine,
  params: z.infer<typeof VersionParams>,
  period: number | undefined,
  actor: Actor,
) {
  const org = await requireOrganization(db, params.org)
  const audience = audienceFor(actor, org)
  const computation = await engine.get(org.id)
  const version = await requireVersion(
    db,
    org.id,
    params.key,
    params.version,
    audience === 'public' ? (v) => isPublicVersion(computation, v) : undefined,
  )
  const last = computation.internal.periods.at(-1)
  if (period === undefined && last === undefined) {
    throw new ApiError('NOT_FOUND', `The organisation "${org.slug}" has no observations yet.`)
  }
  return { computation, version, audience, period: period ?? last! }
}
