/** Operations: startup errors in one line that say what to do, and graceful shutdown. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { openPglite } from '../../src/platform/db/index.js'
import { runCli, spawnCli, waitForOutput } from '../helpers/cli.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'planraum-startup-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The single `planraum: …` line of a failed start. */
function errorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.startsWith('planraum: '))
  expect(lines).toHaveLength(1)
  return lines[0]!
}

describe('startup errors', () => {
  it('says when the data directory is not writable', async () => {
    const file = path.join(tmp, 'a-file')
    writeFileSync(file, 'not a directory')
    const run = await runCli(['migrate', '--data-dir', path.join(file, 'data')])
    expect(run.code).toBe(1)
    expect(errorLine(run.stderr)).toMatch(
      /data directory .* is not writable .*--data-dir or PLANRAUM_DATA_DIR/,
    )
  })

  it('says when DATABASE_URL is unreachable', async () => {
    const run = await runCli(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })
    expect(run.code).toBe(1)
    expect(errorLine(run.stderr)).toMatch(
      /PostgreSQL server at postgres:\/\/nobody@127\.0\.0\.1:1\/none is unreachable .*check DATABASE_URL/,
    )
  })

  it('says when DATABASE_URL is not a PostgreSQL URL', async () => {
    const run = await runCli(['migrate'], { DATABASE_URL: 'mysql://localhost/x' })
    expect(run.code).toBe(1)
    expect(errorLine(run.stderr)).toMatch(/DATABASE_URL must start with postgres:\/\//)
  })

  it('says when the port is in use', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const run = await runCli(
        ['serve', '--data-dir', path.join(tmp, 'port'), '--port', String(port)],
        {
          PLANRAUM_DEMO: 'off',
        },
      )
      expect(run.code).toBe(1)
      expect(errorLine(run.stderr)).toBe(
        `planraum: Port ${port} on 127.0.0.1 is in use: stop the other process or choose another port with --port or PORT.`,
      )
    } finally {
      blocker.close()
    }
  })

  it('rejects unknown commands and options with usage', async () => {
    const unknown = await runCli(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"\. Commands: serve, migrate, demo/)
    const badOption = await runCli(['migrate', '--colour'])
    expect(badOption.code).toBe(2)
    expect(badOption.stderr).toMatch(/Unknown option '--colour'/)
  })
})

describe('graceful shutdown', () => {
  it('stops on SIGTERM with exit code 0 and leaves a database that opens cleanly', async () => {
    const dir = path.join(tmp, 'shutdown')
    const child = spawnCli(['serve', '--data-dir', dir, '--port', '0'], { PLANRAUM_DEMO: 'off' })
    const output = await waitForOutput(child, /Planraum is ready/)
    expect(output).toMatch(/"database":"pglite"/)
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    let log = ''
    child.stdout!.on('data', (d: Buffer) => (log += d.toString()))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(log).toMatch(/"msg":"stopped"/)
    const db = await openPglite(dir)
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from schema_migration')
    expect(row!.n).toBeGreaterThan(0)
    await db.close()
  })
})
