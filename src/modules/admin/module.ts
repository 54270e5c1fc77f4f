import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import { adminRoutes } from './http.js'

/**
 * Administration of the installation itself (not of one organisation): for now the online backup
 * of the embedded database that `planraum backup` asks a running server for.
 */
export const adminModule = (db: Database): HttpModule => ({
  name: 'admin',
  routes: adminRoutes(db),
})
