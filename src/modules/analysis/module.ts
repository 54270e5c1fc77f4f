import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import type { MonitoringEngine } from '../monitoring/index.js'
import { analysisRoutes } from './http.analysis.js'
import { socialIndexRoutes } from './http.js'

/**
 * Analysis: the social index (versioned definitions, status and dynamics, sensitivity), map
 * classification, spatial statistics, rate smoothing and typologies over the monitoring values.
 */
export const analysisModule = (db: Database, engine: MonitoringEngine): HttpModule => ({
  name: 'analysis',
  routes: [...socialIndexRoutes(db, engine), ...analysisRoutes(db, engine)],
})
