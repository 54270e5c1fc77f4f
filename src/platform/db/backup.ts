/**
 * Backup and restore of the embedded database (a PGlite data directory) as a `.tar.gz`.
 *
 * Why a snapshot of the files is consistent: PGlite runs PostgreSQL (WebAssembly) on the main
 * JavaScript thread and writes straight to the files of the data directory. Reading every file in
 * one synchronous run therefore sees the directory at one instant at which PostgreSQL is not
 * executing — the equivalent of an atomic file-system snapshot, which PostgreSQL recovers from
 * like from a crash (WAL replay). A CHECKPOINT just before keeps the replay short. So the server
 * can take its own backup while it serves (`backupLiveDataDir`, used by `POST /api/admin/backup`);
 * a stopped data directory is opened, checkpointed and closed cleanly first (`backupDataDir`).
 *
 * PGlite does not lock its data directory: a second process opening it while the server runs
 * would corrupt it. `postmaster.pid` exists while a PGlite instance holds the directory (or after a
 * crash), so it is the sign used here to refuse offline backups and restores into a live directory.
 */
import { randomBytes } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'

import type { Database } from './database.js'
import { openPglite } from './pglite.js'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** The file PostgreSQL keeps while a data directory is open (and leaves behind after a crash). */
export const PID_FILE = 'postmaster.pid'

/** Largest archive content accepted by restore (uncompressed; against gzip bombs; held in memory). */
export const MAX_RESTORE_BYTES = 4 * 1024 ** 3

export type BackupErrorCode =
  | 'NOT_EMBEDDED'
  | 'DATA_DIR_MISSING'
  | 'DATA_DIR_IN_USE'
  | 'ARCHIVE_INVALID'
  | 'TARGET_NOT_EMPTY'
  | 'RESTORED_DB_UNUSABLE'

/** An expected backup/restore problem with a message a person can act on. */
export class BackupError extends Error {
  override name = 'BackupError'
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** True when a PGlite instance holds the directory (or one crashed without closing it). */
export const isDataDirInUse = (dir: string): boolean => existsSync(path.join(dir, PID_FILE))

interface TarEntry {
  name: string
  type: 'file' | 'dir'
  data: Buffer
  mode: number
}

/** Reads the data directory synchronously (one instant, see above); skips postmaster.pid. */
function snapshot(dir: string): TarEntry[] {
  const entries: TarEntry[] = []
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const relName = rel === '' ? name : `${rel}/${name}`
      if (relName === PID_FILE) continue
      const full = path.join(dir, relName)
      const stat = lstatSync(full)
      if (stat.isDirectory()) {
        entries.push({ name: relName, type: 'dir', data: Buffer.alloc(0), mode: stat.mode & 0o777 })
        walk(relName)
      } else if (stat.isFile()) {
        entries.push({
          name: relName,
          type: 'file',
          data: readFileSync(full),
          mode: stat.mode & 0o777,
        })
      }
      // symlinks, sockets and the like: a PGlite data directory has none
    }
  }
  walk('')
  return entries
}

// --- ustar ------------------------------------------------------------------------------------

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

function header(entry: TarEntry): Buffer {
  const h = Buffer.alloc(512)
  let name = entry.type === 'dir' ? `${entry.name}/` : entry.name
  let prefix = ''
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2)
    prefix = name.slice(0, cut)
    name = name.slice(cut + 1)
    if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) {
      throw new Error(`path too long for a tar archive: ${entry.name}`)
    }
  }
  h.write(name, 0, 100, 'utf8')
  h.write(octal(entry.mode, 8), 100, 'ascii')
  h.write(octal(0, 8), 108, 'ascii')
  h.write(octal(0, 8), 116, 'ascii')
  h.write(octal(entry.data.length, 12), 124, 'ascii')
  h.write(octal(Math.floor(Date.now() / 1000), 12), 136, 'ascii')
  h.write('        ', 148, 'ascii')
  h.write(entry.type === 'dir' ? '5' : '0', 156, 'ascii')
  h.write('ustar\0', 257, 'ascii')
  h.write('00', 263, 'ascii')
  h.write(prefix, 345, 155, 'utf8')
  let sum = 0
  for (const byte of h) sum += byte
  h.write(octal(sum, 7) + ' ', 148, 'ascii')
  return h
}

function writeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = []
  for (const entry of entries) {
    parts.push(header(entry), entry.data)
    const pad = (512 - (entry.data.length % 512)) % 512
    if (pad > 0) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(1024))
  return Buffer.concat(parts)
}

const invalid = (message: string) =>
  new BackupError('ARCHIVE_INVALID', `Not a Planraum backup: ${message}`)

function field(h: Buffer, start: number, length: number): string {
  const raw = h.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end === -1 ? length : end).toString('utf8')
}

function parseOctal(h: Buffer, start: number, length: number, what: string): number {
  const text = field(h, start, length).trim()
  if (!/^[0-7]+$/.test(text)) throw invalid(`bad ${what} in a tar header`)
  return parseInt(text, 8)
}

/** A relative path without `..`, absolute parts, backslashes or control characters; else null. */
export function safeEntryName(name: string): string | null {
  const trimmed = name.replace(/\/+$/, '')
  if (trimmed === '' || trimmed.startsWith('/') || trimmed.includes('\\')) return null
  if ([...trimmed].some((c) => c.charCodeAt(0) < 0x20)) return null
  if (/^[A-Za-z]:/.test(trimmed)) return null
  const parts = trimmed.split('/').filter((p) => p !== '' && p !== '.')
  if (parts.length === 0 || parts.some((p) => p === '..')) return null
  return parts.join('/')
}

/** Parses and checks a tar archive: checksums, regular files and directories only, safe names. */
export function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = []
  let offset = 0
  for (;;) {
    if (offset + 512 > tar.length) throw invalid('the tar archive ends early')
    const h = tar.subarray(offset, offset + 512)
    if (h.every((b) => b === 0)) break
    const stored = parseOctal(h, 148, 8, 'checksum')
    let sum = 0
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!
    if (sum !== stored) throw invalid(`tar header checksum mismatch at byte ${offset}`)
    const size = parseOctal(h, 124, 12, 'size')
    const mode = parseOctal(h, 100, 8, 'mode') & 0o777
    const flag = String.fromCharCode(h[156]!)
    const prefix = field(h, 345, 155)
    const rawName = (prefix ? `${prefix}/` : '') + field(h, 0, 100)
    const name = safeEntryName(rawName)
    if (name === null) throw invalid(`unsafe path in the archive: ${JSON.stringify(rawName)}`)
    const start = offset + 512
    if (start + size > tar.length) throw invalid(`entry ${name} is cut off`)
    if (flag === '5') entries.push({ name, type: 'dir', data: Buffer.alloc(0), mode })
    else if (flag === '0' || flag === '\0') {
      entries.push({ name, type: 'file', data: tar.subarray(start, start + size), mode })
    } else throw invalid(`entry ${name} is neither a file nor a directory (type ${flag})`)
    offset = start + Math.ceil(size / 512) * 512
  }
  return entries
}

/** The entries of a data directory: ours are relative; PGlite's dumpDataDir adds one top folder. */
function dataDirEntries(entries: TarEntry[]): TarEntry[] {
  const has = (list: TarEntry[], name: string) =>
    list.some((e) => e.name === name && e.type === 'file')
  if (has(entries, 'PG_VERSION')) return entries
  const tops = new Set(entries.map((e) => e.name.split('/')[0]))
  if (tops.size === 1) {
    const top = [...tops][0]!
    const inner = entries
      .filter((e) => e.name !== top)
      .map((e) => ({ ...e, name: e.name.slice(top.length + 1) }))
    if (has(inner, 'PG_VERSION')) return inner
  }
  throw invalid('it holds no PostgreSQL data directory (PG_VERSION is missing)')
}

// --- backup -----------------------------------------------------------------------------------

async function pack(dir: string): Promise<Buffer> {
  return gzipAsync(writeTar(snapshot(dir)))
}

/**
 * Backup of the embedded database this process has open (the running server): CHECKPOINT, then
 * a synchronous snapshot of the files (see the top of this file), gzip'd tar.
 */
export async function backupLiveDataDir(db: Database): Promise<Buffer> {
  if (db.kind !== 'pglite' || db.location === 'memory') {
    throw new BackupError(
      'NOT_EMBEDDED',
      db.kind === 'postgres'
        ? 'The database is a PostgreSQL server: back it up with pg_dump -Fc (see README, "Backup and restore").'
        : 'The database lives in memory: there is no data directory to back up.',
    )
  }
  await db.query('checkpoint')
  return pack(db.location)
}

/**
 * Backup of a data directory no process holds: opens it (PostgreSQL recovers it if it was not
 * closed cleanly), checkpoints, closes it cleanly and packs the files.
 */
export async function backupDataDir(dir: string): Promise<Buffer> {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new BackupError(
      'DATA_DIR_MISSING',
      `${dir} holds no embedded database: check --data-dir or PLANRAUM_DATA_DIR.`,
    )
  }
  if (isDataDirInUse(dir)) {
    throw new BackupError(
      'DATA_DIR_IN_USE',
      `${dir} is in use (${PID_FILE} exists): a running server makes the backup itself — pass --token (an API token with the scope admin:backup) and, if needed, --url; if no server runs (after a crash), pass --offline.`,
    )
  }
  const db = await openPglite(dir)
  try {
    await db.query('checkpoint')
  } finally {
    await db.close()
  }
  return pack(dir)
}

/** Same as backupDataDir, for a directory whose postmaster.pid is left over from a crash. */
export async function backupCrashedDataDir(dir: string): Promise<Buffer> {
  rmSync(path.join(dir, PID_FILE), { force: true })
  return backupDataDir(dir)
}

// --- restore ----------------------------------------------------------------------------------

export interface RestoreOptions {
  /** Replace a non-empty target directory. */
  force?: boolean
  /** Largest uncompressed size (default MAX_RESTORE_BYTES). */
  maxBytes?: number
  /** Open the restored database before it replaces the target (default true). */
  verify?: boolean
}

export interface RestoreResult {
  files: number
  bytes: number
  migrations: number
}

/** Decompresses and checks an archive; returns the data directory entries. */
export async function readBackup(
  archive: Buffer,
  maxBytes = MAX_RESTORE_BYTES,
): Promise<TarEntry[]> {
  if (archive.length < 18 || archive[0] !== 0x1f || archive[1] !== 0x8b) {
    throw invalid('not a gzip file')
  }
  let tar: Buffer
  try {
    tar = await gunzipAsync(archive, { maxOutputLength: maxBytes })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw invalid(
      code === 'ERR_BUFFER_TOO_LARGE'
        ? `it unpacks to more than ${maxBytes} bytes`
        : `the gzip stream is damaged (${(error as Error).message})`,
    )
  }
  return dataDirEntries(readTar(tar))
}

/**
 * Restores a backup into `target`: checks the archive, writes it to a temporary directory beside
 * the target, opens it once (recovery, sanity check), then renames it into place. A non-empty
 * target is refused unless `force`; a target in use is always refused.
 */
export async function restoreDataDir(
  archive: Buffer,
  target: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const entries = await readBackup(archive, options.maxBytes)
  const resolved = path.resolve(target)
  const exists = existsSync(resolved)
  if (exists && readdirSync(resolved).length > 0) {
    if (isDataDirInUse(resolved)) {
      throw new BackupError(
        'DATA_DIR_IN_USE',
        `${target} is in use (${PID_FILE} exists): stop the server first (or, after a crash, delete ${PID_FILE}).`,
      )
    }
    if (!options.force) {
      throw new BackupError(
        'TARGET_NOT_EMPTY',
        `${target} is not empty: restore into a new directory, or pass --force to replace it.`,
      )
    }
  }
  const parent = path.dirname(resolved)
  mkdirSync(parent, { recursive: true })
  const suffix = randomBytes(6).toString('hex')
  const temp = path.join(parent, `.${path.basename(resolved)}.restore-${suffix}`)
  mkdirSync(temp, { mode: 0o700 })
  let bytes = 0
  let files = 0
  let migrations = 0
  try {
    for (const entry of entries) {
      const full = path.join(temp, entry.name)
      if (!full.startsWith(temp + path.sep)) throw invalid(`unsafe path ${entry.name}`)
      if (entry.type === 'dir') mkdirSync(full, { recursive: true, mode: 0o700 })
      else {
        mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 })
        writeFileSync(full, entry.data, { mode: 0o600 })
        bytes += entry.data.length
        files++
      }
    }
    if (options.verify !== false) {
      let db: Database
      try {
        db = await openPglite(temp)
      } catch (error) {
        throw new BackupError(
          'RESTORED_DB_UNUSABLE',
          `The restored database does not open (${(error as Error).message}); ${target} is unchanged.`,
          { cause: error },
        )
      }
      try {
        const [row] = await db.query<{ n: number }>(
          'select count(*)::int as n from schema_migration',
        )
        migrations = row?.n ?? 0
      } catch {
        // a database without Planraum migrations is still a valid PostgreSQL directory
      } finally {
        await db.close()
      }
    }
    // Into place: one rename when the target is absent; otherwise move the old one aside first.
    const old = path.join(parent, `.${path.basename(resolved)}.old-${suffix}`)
    if (exists) renameSync(resolved, old)
    try {
      renameSync(temp, resolved)
    } catch (error) {
      if (exists) renameSync(old, resolved)
      throw error
    }
    if (exists) rmSync(old, { recursive: true, force: true })
  } catch (error) {
    rmSync(temp, { recursive: true, force: true })
    throw error
  }
  return { files, bytes, migrations }
}
