import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import { infrastructureRoutes } from './http.js'

/** Stocktaking (Bestandsaufnahme): facilities and their providers. */
export const infrastructureModule = (db: Database): HttpModule => ({
  name: 'infrastructure',
  routes: infrastructureRoutes(db),
})
