/**
 * The databases every integration test runs against: embedded PGlite always, and the PostgreSQL
 * server whenever DATABASE_URL is set (CI sets it). Each test file gets a fresh database.
 */
import { randomBytes } from 'node:crypto'

import pg from 'pg'

import { migrate, openPglite, openPostgres, type Database } from '../../src/platform/db/index.js'

export interface TestTarget {
  name: 'pglite' | 'postgres'
  /** A fresh, migrated database and a function that removes it. */
  create(): Promise<{ db: Database; dispose: () => Promise<void> }>
}

const pgliteTarget: TestTarget = {
  name: 'pglite',
  async create() {
    const db = await openPglite(undefined)
    await migrate(db)
    return { db, dispose: () => db.close() }
  },
}

function postgresTarget(adminUrl: string): TestTarget {
  return {
    name: 'postgres',
    async create() {
      const name = `planraum_test_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: adminUrl })
      await admin.connect()
      await admin.query(`create database ${name}`)
      await admin.end()
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      const db = await openPostgres(url.toString())
      await migrate(db)
      return {
        db,
        async dispose() {
          await db.close()
          const cleanup = new pg.Client({ connectionString: adminUrl })
          await cleanup.connect()
          await cleanup.query(`drop database if exists ${name} with (force)`)
          await cleanup.end()
        },
      }
    },
  }
}

/** PGlite, plus the PostgreSQL server when DATABASE_URL is set. */
export function testTargets(): TestTarget[] {
  const url = process.env.DATABASE_URL
  return url ? [pgliteTarget, postgresTarget(url)] : [pgliteTarget]
}
