import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../paths.js'
import type { Database } from './database.js'

export interface Migration {
  version: string
  name: string
  sql: string
  checksum: string
}

export interface MigrationResult {
  applied: string[]
  alreadyApplied: number
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/

/** Reads `migrations/NNNN_name.sql` in version order; the numbers must be unique. */
export function readMigrations(dir = path.join(projectRoot(), 'migrations')): Migration[] {
  const migrations: Migration[] = []
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue
    const match = FILE_PATTERN.exec(file)
    if (!match) {
      throw new Error(
        `Migration file ${file} does not match NNNN_name.sql (four digits, underscore, lower-case name).`,
      )
    }
    const sql = readFileSync(path.join(dir, file), 'utf8')
    const version = match[1]!
    if (migrations.some((m) => m.version === version)) {
      throw new Error(`Two migration files share the number ${version}.`)
    }
    migrations.push({
      version,
      name: match[2]!,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    })
  }
  return migrations
}

/**
 * Applies the pending migrations, forward only, in one transaction, and records each in
 * `schema_migration`. A changed file that was applied before is an error: migrations are history.
 * An advisory lock keeps two servers starting at once from applying the same migration twice.
 */
export async function migrate(
  db: Database,
  migrations: Migration[] = readMigrations(),
): Promise<MigrationResult> {
  await db.exec(`create table if not exists schema_migration (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`)
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('planraum.migrate'))`)
    const done = new Map(
      (
        await tx.query<{ version: string; checksum: string }>(
          'select version, checksum from schema_migration',
        )
      ).map((row) => [row.version, row.checksum]),
    )
    const applied: string[] = []
    for (const migration of migrations) {
      const checksum = done.get(migration.version)
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.version}_${migration.name}.sql was changed after it was applied; add a new migration instead.`,
          )
        }
        continue
      }
      await tx.exec(migration.sql)
      await tx.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ])
      applied.push(`${migration.version}_${migration.name}`)
    }
    return { applied, alreadyApplied: done.size }
  })
}
