import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import { monitoringRoutes } from './http.js'

/** Social monitoring: variables, observations and (issue 3) the indicator engine. */
export const monitoringModule = (db: Database): HttpModule => ({
  name: 'monitoring',
  routes: monitoringRoutes(db),
})
