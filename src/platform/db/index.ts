import type { Config } from '../config.js'
import type { Database } from './database.js'
import { openPglite } from './pglite.js'
import { openPostgres } from './postgres.js'

export { DatabaseStartupError, type Database, type Queryable, type Row } from './database.js'
export { migrate, readMigrations, type Migration, type MigrationResult } from './migrate.js'

/** Opens the database the configuration names: the PostgreSQL server or the embedded one. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir)
}

export { openPglite, openPostgres }
