import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { BACKUP_PATH } from '../../modules/admin/index.js'
import { loadConfig } from '../../platform/config.js'
import {
  BackupError,
  backupCrashedDataDir,
  backupDataDir,
  isDataDirInUse,
  restoreDataDir,
} from '../../platform/db/backup.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

const str = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined)

/** Writes beside the destination, then renames: a reader never sees half a backup. */
function writeAtomically(file: string, data: Buffer): void {
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(4).toString('hex')}`,
  )
  try {
    writeFileSync(temp, data, { mode: 0o600 })
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`

async function fetchBackup(url: string, token: string): Promise<Buffer> {
  const endpoint = new URL(`/api${BACKUP_PATH}`, url)
  let response: Response
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
  } catch (error) {
    throw new BackupError(
      'DATA_DIR_IN_USE',
      `No server answers at ${endpoint.origin} (${(error as Error).cause ?? (error as Error).message}): pass --url, or stop using --token if no server runs.`,
    )
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`
    try {
      const body = (await response.json()) as { error?: { message?: string } }
      if (body.error?.message) message = `${message}: ${body.error.message}`
    } catch {
      // not JSON
    }
    throw new BackupError('DATA_DIR_IN_USE', `The server refused the backup (${message}).`)
  }
  return Buffer.from(await response.arrayBuffer())
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'back up the embedded database to a .tar.gz (while the server runs, too)',
  usage: `planraum backup --out <file.tar.gz> [options]

  --out <file>            where to write the backup (gzip-compressed tar of the data directory)
  --token <token>         API token with the scope admin:backup (env PLANRAUM_TOKEN): needed
                          while the server runs
  --url <url>             the running server (default http://127.0.0.1:<PORT>, env PORT)
  --offline               back up a directory left locked by a crashed server (no server runs!)
${DATABASE_USAGE}

How: PGlite does not lock its data directory, and a second process opening it while the server
runs would corrupt it. So while the server runs (postmaster.pid exists in the data directory),
this command asks the server for the backup: POST /api/admin/backup, from the server host only,
with an API token of an administrator without area scope. The server checkpoints and copies its
data directory at one instant between two database operations — a crash-consistent snapshot that
PostgreSQL recovers on restore; requests keep being served. When no server runs, the command
opens the directory itself, checkpoints, closes it cleanly and packs it.

A PostgreSQL server (--database-url / DATABASE_URL) is backed up with pg_dump -Fc; see README.`,
  options: {
    ...DATABASE_OPTIONS,
    out: { type: 'string' },
    token: { type: 'string' },
    url: { type: 'string' },
    offline: { type: 'boolean' },
  },
  async run(values) {
    const out = str(values.out)
    if (!out) {
      console.error('planraum backup: --out <file.tar.gz> is required.')
      return 2
    }
    const config = loadConfig(process.env, configOverrides(values))
    if (config.databaseUrl) {
      console.error(
        'planraum backup: the database is a PostgreSQL server; back it up with\n  pg_dump -Fc --dbname "$DATABASE_URL" --file planraum.dump\n(see README, "Backup and restore").',
      )
      return 1
    }
    const dataDir = path.resolve(config.dataDir)
    const token = str(values.token) ?? process.env.PLANRAUM_TOKEN
    const url =
      str(values.url) ??
      `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${config.port}`
    let archive: Buffer
    let how: string
    try {
      if (values.offline === true) {
        archive = await backupCrashedDataDir(dataDir)
        how = `from ${dataDir} (offline)`
      } else if (
        token !== undefined &&
        (str(values.url) !== undefined || isDataDirInUse(dataDir))
      ) {
        archive = await fetchBackup(url, token)
        how = `from the server at ${url}`
      } else {
        archive = await backupDataDir(dataDir)
        how = `from ${dataDir}`
      }
    } catch (error) {
      if (error instanceof BackupError) {
        console.error(`planraum backup: ${error.message}`)
        return 1
      }
      throw error
    }
    writeAtomically(path.resolve(out), archive)
    console.log(`Backup ${how} written to ${out} (${mb(archive.length)}).`)
    return 0
  },
}

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore the embedded database from a backup made by "planraum backup"',
  usage: `planraum restore --in <file.tar.gz> [options]

  --in <file>             the backup to restore
  --force                 replace a non-empty data directory (never one a server holds)
  --data-dir <dir>        where to restore (default ./data, env PLANRAUM_DATA_DIR)

Checks the archive first (gzip, tar headers and checksums, only files and folders, no absolute
paths or ".."), unpacks it into a temporary directory beside the target, opens the database once
(PostgreSQL finishes recovery of an online backup), then renames it into place. Stop the server
before restoring into its directory. A PostgreSQL server is restored with pg_restore; see README.`,
  options: {
    'data-dir': DATABASE_OPTIONS['data-dir'],
    in: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(values) {
    const input = str(values.in)
    if (!input) {
      console.error('planraum restore: --in <file.tar.gz> is required.')
      return 2
    }
    if (!existsSync(input)) {
      console.error(`planraum restore: ${input} does not exist.`)
      return 1
    }
    const config = loadConfig(process.env, configOverrides(values))
    const target = path.resolve(config.dataDir)
    try {
      const result = await restoreDataDir(readFileSync(input), target, {
        force: values.force === true,
      })
      console.log(
        `Restored ${input} into ${target}: ${result.files} files, ${mb(result.bytes)}, ${result.migrations} migrations.`,
      )
      return 0
    } catch (error) {
      if (error instanceof BackupError) {
        console.error(`planraum restore: ${error.message}`)
        return 1
      }
      throw error
    }
  },
}
