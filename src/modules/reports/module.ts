import type { Database } from '../../platform/db/index.js'
import type { HttpModule } from '../../platform/http/server.js'
import type { MonitoringEngine } from '../monitoring/index.js'
import { reportRoutes } from './http.js'
import type { ReportJobs } from './jobs.js'

/**
 * Reports: the Sozialbericht and the Sozialraumprofile as HTML, PDF and DOCX, generated from live
 * data in the background, versioned, reproducible and publishable (docs/reports.md).
 */
export function reportsModule(
  db: Database,
  engine: MonitoringEngine,
  jobs: ReportJobs,
): HttpModule {
  return { name: 'reports', routes: reportRoutes(db, engine, jobs) }
}
