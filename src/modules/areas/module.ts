import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import { areaRoutes } from './http.js'

/** Planning areas (Planungsräume) in layers (Raumebenen), with boundaries over time. */
export const areasModule = (db: Database): HttpModule => ({ name: 'areas', routes: areaRoutes(db) })
