/**
 * The composition root: builds the HTTP app from the platform and the domain modules.
 * Adding a module means adding its manifest to MODULES — nothing else changes.
 */
import type { FastifyInstance } from 'fastify'

import { accountsModule } from './modules/accounts/index.js'
import { adminModule } from './modules/admin/index.js'
import { analysisModule } from './modules/analysis/index.js'
import { areasModule } from './modules/areas/index.js'
import { infrastructureModule } from './modules/infrastructure/index.js'
import { MonitoringEngine, monitoringModule } from './modules/monitoring/index.js'
import { organizationsModule } from './modules/organizations/index.js'
import { ReportJobs, reportsModule } from './modules/reports/index.js'
import type { Config } from './platform/config.js'
import type { Database } from './platform/db/index.js'
import { createHttpServer, type HttpModule } from './platform/http/server.js'
import { webConfigModule } from './platform/http/webConfig.js'
import { createLogger, type Logger } from './platform/log.js'
import { VERSION } from './version.js'

/** Services shared by the modules of one app instance. */
export interface Services {
  db: Database
  engine: MonitoringEngine
  /** Background generation of reports (one at a time). */
  reportJobs: ReportJobs
}

const MODULES: ((services: Services) => HttpModule)[] = [
  ({ db }) => organizationsModule(db),
  ({ db }) => accountsModule(db),
  ({ db }) => adminModule(db),
  ({ db }) => areasModule(db),
  ({ db, engine }) => monitoringModule(db, engine),
  ({ db }) => infrastructureModule(db),
  ({ db, engine }) => analysisModule(db, engine),
  ({ db, engine, reportJobs }) => reportsModule(db, engine, reportJobs),
]

export interface AppOptions {
  db: Database
  /** Shared indicator engine (one per process); created when absent. */
  engine?: MonitoringEngine
  config: Pick<Config, 'webDir' | 'logLevel'> & Partial<Pick<Config, 'trustProxy' | 'basemap'>>
  logger?: Logger
}

/** Builds the Fastify app over an open, migrated database (test it with `app.inject()`). */
export async function buildApp({
  db,
  config,
  logger,
  engine,
}: AppOptions): Promise<FastifyInstance> {
  const shared = engine ?? new MonitoringEngine(db)
  const services: Services = { db, engine: shared, reportJobs: new ReportJobs(db, shared) }
  const app = await createHttpServer({
    logger: logger ?? createLogger(config.logLevel),
    webDir: config.webDir,
    trustProxy: config.trustProxy ?? false,
    modules: [
      ...MODULES.map((module) => module(services)),
      webConfigModule(config.basemap ?? null),
    ],
    mapOrigins: config.basemap?.origins ?? [],
    version: VERSION,
    health: async () => {
      await db.query('select 1')
      return { database: db.kind, version: VERSION }
    },
  })
  // Reports queued before a restart are generated now; closing waits for the one in progress.
  app.addHook('onClose', () => services.reportJobs.stop())
  await services.reportJobs.start()
  return app
}
