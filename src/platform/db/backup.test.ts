import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import { afterAll, describe, expect, it } from 'vitest'

import { BackupError, readBackup, readTar, restoreDataDir, safeEntryName } from './backup.js'

const temp = mkdtempSync(path.join(tmpdir(), 'planraum-backup-unit-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** A ustar header with a correct checksum. */
function tarHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512)
  h.write(name, 0)
  h.write('0000644\0', 100)
  h.write(size.toString(8).padStart(11, '0') + '\0', 124)
  h.write('00000000000\0', 136)
  h.write('        ', 148)
  h.write(type, 156)
  h.write('ustar\0', 257)
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148)
  return h
}
const entry = (name: string, text: string, type = '0') => {
  const data = Buffer.from(text)
  return Buffer.concat([
    tarHeader(name, data.length, type),
    data,
    Buffer.alloc((512 - (data.length % 512)) % 512),
  ])
}
const tar = (...entries: Buffer[]) => Buffer.concat([...entries, Buffer.alloc(1024)])

const code = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof BackupError ? error.code : String(error)),
  )

describe('backup archives', () => {
  it('accepts only relative paths inside the target', () => {
    expect(safeEntryName('base/1/1259')).toBe('base/1/1259')
    expect(safeEntryName('./global/pg_control')).toBe('global/pg_control')
    expect(safeEntryName('pg_wal/')).toBe('pg_wal')
    for (const bad of [
      '../x',
      'a/../../x',
      '/etc/passwd',
      'C:/x',
      'a\\..\\x',
      'a\0b',
      '',
      '.',
      '..',
    ]) {
      expect(safeEntryName(bad), bad).toBeNull()
    }
  })

  it('reads files and folders and rejects links, bad checksums and cut-off entries', () => {
    const entries = readTar(tar(entry('global/', '', '5'), entry('global/x', 'hello')))
    expect(entries.map((e) => [e.name, e.type, e.data.toString()])).toEqual([
      ['global', 'dir', ''],
      ['global/x', 'file', 'hello'],
    ])
    expect(() => readTar(tar(entry('link', '', '2')))).toThrow(/neither a file nor a directory/)
    const damaged = tar(entry('x', 'hello'))
    damaged[0] = 'y'.charCodeAt(0)
    expect(() => readTar(damaged)).toThrow(/checksum/)
    expect(() => readTar(entry('x', 'hello').subarray(0, 600))).toThrow(/cut off|ends early/)
    expect(() => readTar(tar(entry('../../x', 'hello')))).toThrow(/unsafe path/)
  })

  it('wants gzip, a size limit and a PostgreSQL data directory (also inside one top folder)', async () => {
    expect(await code(readBackup(Buffer.from('plain text, no gzip')))).toBe('ARCHIVE_INVALID')
    expect(await code(readBackup(gzipSync(Buffer.alloc(4 * 1024 ** 2)), 1024 ** 2))).toBe(
      'ARCHIVE_INVALID',
    )
    expect(await code(readBackup(gzipSync(tar(entry('x', 'y')))))).toBe('ARCHIVE_INVALID')
    const nested = await readBackup(
      gzipSync(tar(entry('pgdata/', '', '5'), entry('pgdata/PG_VERSION', '18'))),
    )
    expect(nested.map((e) => e.name)).toEqual(['PG_VERSION'])
  })

  it('refuses a non-empty target without force, and a target in use even with force', async () => {
    const archive = gzipSync(tar(entry('PG_VERSION', '18\n')))
    const target = path.join(temp, 'busy')
    mkdirSync(target)
    writeFileSync(path.join(target, 'keep'), 'x')
    expect(await code(restoreDataDir(archive, target, { verify: false }))).toBe('TARGET_NOT_EMPTY')
    writeFileSync(path.join(target, 'postmaster.pid'), '-42')
    expect(await code(restoreDataDir(archive, target, { force: true, verify: false }))).toBe(
      'DATA_DIR_IN_USE',
    )
    expect(readFileSync(path.join(target, 'keep'), 'utf8')).toBe('x')
  })

  it('writes into a new directory in one rename', async () => {
    const target = path.join(temp, 'fresh', 'data')
    const result = await restoreDataDir(
      gzipSync(tar(entry('PG_VERSION', '18\n'), entry('base/1/1', 'abc'))),
      target,
      { verify: false },
    )
    expect(result).toMatchObject({ files: 2, bytes: 6 })
    expect(readFileSync(path.join(target, 'base/1/1'), 'utf8')).toBe('abc')
  })
})
