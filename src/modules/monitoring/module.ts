import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import type { MonitoringEngine } from './engine.js'
import { importRoutes } from './http.imports.js'
import { monitoringRoutes } from './http.js'
import { pyramidRoutes } from './http.pyramid.js'
import { valueRoutes } from './http.values.js'

/** Social monitoring: variables, observations, indicators and the engine that computes them. */
export const monitoringModule = (db: Database, engine: MonitoringEngine): HttpModule => ({
  name: 'monitoring',
  routes: [
    ...monitoringRoutes(db),
    ...valueRoutes(db, engine),
    ...pyramidRoutes(db, engine),
    ...importRoutes(db),
  ],
})
