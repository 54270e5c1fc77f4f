/**
 * Backup and restore of the embedded database: the demo in a temporary data directory is backed up
 * while it is open and being written to (as the server does it), offline, and through a running
 * `planraum serve` child; each backup is restored into another directory and every table is
 * compared by row count and an md5 over all its rows.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { backupCommand, restoreCommand } from '../../src/cli/commands/backup.js'
import {
  accountsModule,
  createApiToken,
  createUser,
  permissionsOf,
} from '../../src/modules/accounts/index.js'
import { adminModule } from '../../src/modules/admin/index.js'
import {
  BackupError,
  backupDataDir,
  backupLiveDataDir,
  restoreDataDir,
} from '../../src/platform/db/backup.js'
import { openPglite, type Database } from '../../src/platform/db/index.js'
import { systemActor } from '../../src/platform/http/auth.js'
import { createHttpServer } from '../../src/platform/http/server.js'
import { createLogger } from '../../src/platform/log.js'
import { ROOT, spawnCli, waitForOutput } from '../helpers/cli.js'
import { pgliteTemplate } from '../helpers/databases.js'

process.env.PLANRAUM_ARGON2_PROFILE = 'test'

type Fingerprint = Record<string, { rows: number; md5: string }>

/** Row count and md5 over every row (as text, sorted) of every table in the public schema. */
async function fingerprint(db: Database): Promise<Fingerprint> {
  const tables = await db.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by 1`,
  )
  const result: Fingerprint = {}
  for (const { name } of tables) {
    const [row] = await db.query<{ rows: number; md5: string }>(
      `select count(*)::int as rows,
              md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
         from public."${name}" t`,
    )
    result[name] = row!
  }
  return result
}

async function fingerprintOf(dir: string): Promise<Fingerprint> {
  const db = await openPglite(dir)
  try {
    return await fingerprint(db)
  } finally {
    await db.close()
  }
}

const temp = mkdtempSync(path.join(tmpdir(), 'planraum-backup-'))
const source = path.join(temp, 'source')
let token = ''

const errorCode = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    return error instanceof BackupError ? error.code : `unexpected: ${String(error)}`
  }
  return 'resolved'
}

describe('backup and restore of the embedded database', () => {
  let db: Database
  let expected: Fingerprint
  // The commands run in this process read DATABASE_URL (CI sets it for the server suite); these
  // tests are about the embedded store, so they run without it.
  const serverUrl = process.env.DATABASE_URL
  afterAll(() => {
    if (serverUrl !== undefined) process.env.DATABASE_URL = serverUrl
  })

  beforeAll(async () => {
    delete process.env.DATABASE_URL
    db = await openPglite(source, { loadDataDir: await pgliteTemplate('demo') })
    const [org] = await db.query<{ id: number }>(
      `select id from organization where slug = 'musterstadt'`,
    )
    const { user } = await createUser(
      db,
      { actor: systemActor('test') },
      {
        organizationId: org!.id,
        email: 'backup-admin@musterstadt.test',
        displayName: 'Backup admin',
        role: 'admin',
        password: null,
      },
    )
    const admin = systemActor('test')
    ;({ token } = await createApiToken(
      db,
      {
        actor: {
          ...admin,
          kind: 'session',
          role: 'admin',
          userId: user.id,
          organization: { id: org!.id, slug: 'musterstadt' },
          permissions: permissionsOf('admin'),
        },
      },
      { organizationId: org!.id, name: 'backup', scopes: ['admin:backup'] },
    ))
    await db.exec('create table backup_probe (batch int not null, half int not null)')
  }, 900_000)

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true })
  })

  it('backs up the open database while it is written to; the restore is consistent', async () => {
    let stop = false
    let batch = 0
    const writer = (async () => {
      while (!stop) {
        batch++
        await db.transaction(async (tx) => {
          await tx.query('insert into backup_probe values ($1, 1)', [batch])
          await tx.query('insert into backup_probe values ($1, 2)', [batch])
        })
        // PGlite answers in microtasks: yield so that the backup (and timers) get their turn.
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const archive = await backupLiveDataDir(db)
    stop = true
    await writer
    const target = path.join(temp, 'during-writes')
    await restoreDataDir(archive, target)
    const restored = await openPglite(target)
    try {
      const [probe] = await restored.query<{ rows: number; batches: number; max: number }>(
        'select count(*)::int as rows, count(distinct batch)::int as batches, max(batch) as max from backup_probe',
      )
      // Every transaction whole or not at all, and the backup saw some of them.
      expect(probe!.rows).toBe(probe!.batches * 2)
      expect(probe!.batches).toBeGreaterThan(0)
      expect(probe!.max).toBeLessThanOrEqual(batch)
    } finally {
      await restored.close()
    }
  }, 120_000)

  it('restores every row of a backup taken from the open database', async () => {
    await db.exec('truncate backup_probe')
    // Through the route the CLI calls (the server's modules: accounts for the token, admin).
    const server = await createHttpServer({
      logger: createLogger('silent'),
      webDir: '/nonexistent',
      modules: [accountsModule(db), adminModule(db)],
      health: async () => ({}),
      version: 'test',
    })
    const denied = await server.inject({ method: 'POST', url: '/api/admin/backup' })
    expect(denied.statusCode).toBe(401)
    const response = await server.inject({
      method: 'POST',
      url: '/api/admin/backup',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    expect(response.headers['content-type']).toBe('application/gzip')
    // (after the request: authenticating it stamped the token's last use, which is in the backup)
    expected = await fingerprint(db)
    expect(expected.observation!.rows).toBeGreaterThan(1000)
    expect(expected.area!.rows).toBeGreaterThan(10)
    const viaProxy = await server.inject({
      method: 'POST',
      url: '/api/admin/backup',
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' },
    })
    expect(viaProxy.statusCode).toBe(403)
    await server.close()
    const archive = response.rawPayload
    // Writes after the backup are not in it.
    await db.query('insert into backup_probe values (1, 1)')
    const target = path.join(temp, 'live')
    const result = await restoreDataDir(archive, target)
    expect(result.migrations).toBeGreaterThan(0)
    expect(existsSync(path.join(target, 'postmaster.pid'))).toBe(false)
    expect(await fingerprintOf(target)).toEqual(expected)
    await db.exec('truncate backup_probe')
  }, 120_000)

  it('refuses an offline backup of a directory in use', async () => {
    expect(await errorCode(backupDataDir(source))).toBe('DATA_DIR_IN_USE')
  })

  it('backs up a stopped data directory with the CLI and restores it with the CLI', async () => {
    await db.close()
    expected = await fingerprintOf(source)
    const out = path.join(temp, 'offline.tar.gz')
    expect(await backupCommand.run({ 'data-dir': source, out }, [])).toBe(0)
    const target = path.join(temp, 'offline')
    expect(await restoreCommand.run({ in: out, 'data-dir': target }, [])).toBe(0)
    expect(await fingerprintOf(target)).toEqual(expected)
    // Not over a non-empty directory without --force; with it, atomically replaced.
    expect(await restoreCommand.run({ in: out, 'data-dir': target }, [])).toBe(1)
    writeFileSync(path.join(target, 'stray'), 'x')
    expect(await restoreCommand.run({ in: out, 'data-dir': target, force: true }, [])).toBe(0)
    expect(existsSync(path.join(target, 'stray'))).toBe(false)
    expect(await fingerprintOf(target)).toEqual(expected)
    expect(readdirSync(temp).filter((n) => n.includes('.restore-') || n.includes('.old-'))).toEqual(
      [],
    )
  }, 180_000)

  it('rejects damaged and malicious archives and leaves the target alone', async () => {
    const good = readFileSync(path.join(temp, 'offline.tar.gz'))
    const target = path.join(temp, 'never')
    expect(await errorCode(restoreDataDir(Buffer.from('not gzip at all'), target))).toBe(
      'ARCHIVE_INVALID',
    )
    expect(await errorCode(restoreDataDir(good.subarray(0, good.length / 2), target))).toBe(
      'ARCHIVE_INVALID',
    )
    // A tar entry escaping the target ("../evil"), with a valid checksum.
    const header = Buffer.alloc(512)
    header.write('../evil', 0)
    header.write('0000644\0', 100)
    header.write('0000000\0', 108)
    header.write('0000000\0', 116)
    header.write('00000000004\0', 124)
    header.write('00000000000\0', 136)
    header.write('        ', 148)
    header.write('0', 156)
    header.write('ustar\0', 257)
    let sum = 0
    for (const b of header) sum += b
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148)
    const evil = gzipSync(Buffer.concat([header, Buffer.from('evil'), Buffer.alloc(508 + 1024)]))
    expect(await errorCode(restoreDataDir(evil, target))).toBe('ARCHIVE_INVALID')
    expect(existsSync(path.join(temp, 'evil'))).toBe(false)
    // A gzip bomb beyond the limit.
    expect(
      await errorCode(
        restoreDataDir(gzipSync(Buffer.alloc(20 * 1024 ** 2)), target, { maxBytes: 1024 ** 2 }),
      ),
    ).toBe('ARCHIVE_INVALID')
    expect(existsSync(target)).toBe(false)
  })

  /**
   * A server in another process: `planraum serve` once the admin module is registered in app.ts;
   * until then a minimal server of the same modules (accounts for the token, admin for the route).
   */
  const adminRegistered = readFileSync(path.join(ROOT, 'src/app.ts'), 'utf8').includes(
    'adminModule',
  )
  function startServer(port: string) {
    if (adminRegistered) {
      return spawnCli(['serve', '--data-dir', source, '--port', port], {
        PLANRAUM_ARGON2_PROFILE: 'test',
      })
    }
    const script = path.join(temp, 'server.mts')
    const src = (p: string) => JSON.stringify(path.join(ROOT, 'src', p))
    writeFileSync(
      script,
      `import { accountsModule } from ${src('modules/accounts/index.ts')}
import { adminModule } from ${src('modules/admin/index.ts')}
import { openPglite } from ${src('platform/db/index.ts')}
import { createHttpServer } from ${src('platform/http/server.ts')}
import { createLogger } from ${src('platform/log.ts')}
const db = await openPglite(${JSON.stringify(source)})
const app = await createHttpServer({ logger: createLogger('silent'), webDir: '/nonexistent',
  modules: [accountsModule(db), adminModule(db)], health: async () => ({}), version: 'test' })
await app.listen({ host: '127.0.0.1', port: ${port} })
process.once('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)))
console.log('Planraum is ready')
`,
    )
    return spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...process.env, PLANRAUM_ARGON2_PROFILE: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  }

  it('backs up through a server running in another process and restores every row', async () => {
    const port = String(20_000 + Math.floor(Math.random() * 20_000))
    const server = startServer(port)
    try {
      await waitForOutput(server, /Planraum is ready/)
      const out = path.join(temp, 'online.tar.gz')
      // Without a token the CLI refuses to open the directory the server holds.
      expect(await backupCommand.run({ 'data-dir': source, out, port }, [])).toBe(1)
      expect(
        await backupCommand.run(
          { 'data-dir': source, out, token, url: `http://127.0.0.1:${port}` },
          [],
        ),
      ).toBe(0)
      const target = path.join(temp, 'online')
      expect(await restoreCommand.run({ in: out, 'data-dir': target }, [])).toBe(0)
      await new Promise<void>((resolve) => {
        server.once('exit', () => resolve())
        server.kill('SIGTERM')
      })
      expect(await fingerprintOf(target)).toEqual(await fingerprintOf(source))
    } finally {
      server.kill('SIGKILL')
    }
  }, 240_000)
})
