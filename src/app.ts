/**
 * The composition root: builds the HTTP app from the platform and the domain modules.
 * Adding a module means adding its manifest to MODULES — nothing else changes.
 */
import type { FastifyInstance } from 'fastify'

import { areasModule } from './modules/areas/index.js'
import { infrastructureModule } from './modules/infrastructure/index.js'
import { monitoringModule } from './modules/monitoring/index.js'
import { organizationsModule } from './modules/organizations/index.js'
import type { Config } from './platform/config.js'
import type { Database } from './platform/db/index.js'
import { createHttpServer, type HttpModule } from './platform/http/server.js'
import { createLogger, type Logger } from './platform/log.js'
import { VERSION } from './version.js'

const MODULES: ((db: Database) => HttpModule)[] = [
  organizationsModule,
  areasModule,
  monitoringModule,
  infrastructureModule,
]

export interface AppOptions {
  db: Database
  config: Pick<Config, 'webDir' | 'logLevel'>
  logger?: Logger
}

/** Builds the Fastify app over an open, migrated database (test it with `app.inject()`). */
export function buildApp({ db, config, logger }: AppOptions): Promise<FastifyInstance> {
  return createHttpServer({
    logger: logger ?? createLogger(config.logLevel),
    webDir: config.webDir,
    modules: MODULES.map((module) => module(db)),
    version: VERSION,
    health: async () => {
      await db.query('select 1')
      return { database: db.kind, version: VERSION }
    },
  })
}
