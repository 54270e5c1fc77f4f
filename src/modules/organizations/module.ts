import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import { organizationRoutes } from './http.js'

/** Organisations (tenants): every other module's data belongs to one. */
export const organizationsModule = (db: Database): HttpModule => ({
  name: 'organizations',
  routes: organizationRoutes(db),
})
