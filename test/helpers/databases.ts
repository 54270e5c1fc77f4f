/**
 * The databases every integration test runs against: embedded PGlite always, and the PostgreSQL
 * server whenever DATABASE_URL is set (CI sets it). Each test file gets a fresh database of its own.
 *
 * Fresh databases are copied from templates instead of being built in every file: a PGlite data
 * directory archive, or a server database used as `CREATE DATABASE … TEMPLATE`. A template is built
 * on first use by whichever test needs it and kept for later runs under a key that hashes the
 * sources it depends on (everything in src/ that is not a test, the migrations and
 * package-lock.json), so a changed
 * migration or demo loader builds a new one. Building the migrated demo city takes about 25 s on
 * PGlite; a copy takes about 2 s.
 *
 * The seeds:
 * - 'migrated': every migration applied, nothing else;
 * - 'demo': the demo city as `loadDemo(db)` leaves it (Musterstadt with its published social index);
 * - 'demo-without-index': the demo city without the social index (`socialIndex: false`).
 *
 * The demo loader itself stays tested where it matters (api.test.ts loads it from scratch and
 * checks a second load changes nothing; the CLI and startup tests load it through the product).
 */
import { createHash, randomBytes } from 'node:crypto'
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { openAsBlob } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { loadDemo } from '../../src/modules/demo/load.js'
import { migrate, openPglite, openPostgres, type Database } from '../../src/platform/db/index.js'
import type { PgliteDatabase } from '../../src/platform/db/pglite.js'

import { ROOT } from './cli.js'

export type Seed = 'migrated' | 'demo' | 'demo-without-index'

export interface TestTarget {
  name: 'pglite' | 'postgres'
  /** A fresh database with the seed ('migrated' unless given) and a function that removes it. */
  create(seed?: Seed): Promise<{ db: Database; dispose: () => Promise<void> }>
}

async function seed(db: Database, kind: Seed): Promise<void> {
  await migrate(db)
  if (kind === 'demo') await loadDemo(db)
  if (kind === 'demo-without-index') await loadDemo(db, { socialIndex: false })
}

let cachedKey: string | undefined
/** A short hash of everything a template's contents depend on. */
export function templateKey(): string {
  if (cachedKey) return cachedKey
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (!/\.test\.tsx?$/.test(entry.name)) {
        hash.update(path.relative(ROOT, full)).update('\0').update(readFileSync(full)).update('\0')
      }
    }
  }
  walk(path.join(ROOT, 'src'))
  walk(path.join(ROOT, 'migrations'))
  hash.update(readFileSync(path.join(ROOT, 'package-lock.json')))
  cachedKey = hash.digest('hex').slice(0, 12)
  return cachedKey
}

// ---------------------------------------------------------------------------------------------
// PGlite: data directory archives in the system's temporary directory.

const pgliteTemplateDir = path.join(tmpdir(), 'planraum-test-templates')

/**
 * The archive of a seeded PGlite database, built if missing. Written to a temporary name and
 * renamed, so a worker never reads a half-written archive; two workers building at once waste
 * time, nothing else. Archives of other keys are removed after a day unused.
 */
export async function pgliteTemplate(kind: Seed): Promise<Blob> {
  const key = templateKey()
  const file = path.join(pgliteTemplateDir, `${key}-${kind}.tar`)
  try {
    return await openAsBlob(file)
  } catch {
    // not built yet
  }
  mkdirSync(pgliteTemplateDir, { recursive: true })
  const db = await openPglite(undefined)
  try {
    await seed(db, kind)
    const archive = await db.dumpDataDir()
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`
    writeFileSync(partial, new Uint8Array(await archive.arrayBuffer()))
    renameSync(partial, file)
  } finally {
    await db.close()
  }
  // Other keys' archives go after a day unused (other checkouts on this machine may still use theirs).
  const dayAgo = Date.now() - 24 * 3600 * 1000
  for (const name of readdirSync(pgliteTemplateDir)) {
    const full = path.join(pgliteTemplateDir, name)
    if (
      !name.startsWith(`${key}-`) &&
      statSync(full).atimeMs < dayAgo &&
      statSync(full).mtimeMs < dayAgo
    ) {
      rmSync(full, { force: true })
    }
  }
  return openAsBlob(file)
}

/** A new in-memory PGlite database copied from the template of `kind`. */
export async function openSeededPglite(kind: Seed): Promise<PgliteDatabase> {
  return openPglite(undefined, { loadDataDir: await pgliteTemplate(kind) })
}

const pgliteTarget: TestTarget = {
  name: 'pglite',
  async create(kind = 'migrated') {
    const db = await openSeededPglite(kind)
    return { db, dispose: () => db.close() }
  },
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL server: template databases.

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * The name of the server's template database of `kind`, built if missing. Built under a temporary
 * name and renamed when complete, so a half-built template is never copied; only the newest
 * eight templates are kept.
 */
async function postgresTemplate(adminUrl: string, kind: Seed): Promise<string> {
  const prefix = 'planraum_tpl_'
  const name = `${prefix}${kind.replace(/-/g, '_')}_${templateKey()}`
  const exists = async () =>
    withAdmin(adminUrl, async (c) => {
      const { rows } = await c.query('select 1 from pg_database where datname = $1', [name])
      return rows.length > 0
    })
  if (await exists()) return name
  const building = `planraum_build_${randomBytes(6).toString('hex')}`
  await withAdmin(adminUrl, (c) => c.query(`create database ${building}`))
  try {
    const db = await openPostgres(databaseUrl(adminUrl, building))
    try {
      await seed(db, kind)
    } finally {
      await db.close()
    }
    await withAdmin(adminUrl, async (c) => {
      if (!(await exists())) await c.query(`alter database ${building} rename to ${name}`)
    })
  } finally {
    await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${building} with (force)`))
  }
  // Keep the newest templates of a few source states (other checkouts on this machine may use
  // theirs); older ones are dropped.
  await withAdmin(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 order by oid desc offset 8`,
      [`${prefix}%`],
    )
    for (const { datname } of rows) await c.query(`drop database if exists ${datname} with (force)`)
  })
  return name
}

function postgresTarget(adminUrl: string): TestTarget {
  return {
    name: 'postgres',
    async create(kind = 'migrated') {
      const template = await postgresTemplate(adminUrl, kind)
      const name = `planraum_test_${randomBytes(6).toString('hex')}`
      await withAdmin(adminUrl, (c) => c.query(`create database ${name} template ${template}`))
      const db = await openPostgres(databaseUrl(adminUrl, name))
      return {
        db,
        async dispose() {
          await db.close()
          await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`))
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
