/** The monitoring commands of the CLI, run as a new user would: demo, compute, export. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCli } from '../helpers/cli.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'planraum-cli-'))
const dataDir = path.join(dir, 'data')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('planraum compute and export', () => {
  beforeAll(async () => {
    const demo = await runCli(['demo', '--data-dir', dataDir])
    expect(demo.code, demo.stderr).toBe(0)
  })

  it('computes every indicator and reports what disclosure control hides', async () => {
    const run = await runCli(['compute', '--org', 'musterstadt', '--data-dir', dataDir])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      /Musterstadt: \d+ indicators × \d+ areas in 4 layers × 10 years \(2015–2024\)/,
    )
    expect(run.stdout).toMatch(
      /Disclosure control \(minimum case number 3\): \d+ of \d+ values with data hidden/,
    )
  })

  it('exports public CSV with suppressed values as "." and internal CSV with exact values', async () => {
    const publicFile = path.join(dir, 'public.csv')
    const internalFile = path.join(dir, 'internal.csv')
    const args = [
      '--org',
      'musterstadt',
      '--indicator',
      'child_poverty',
      '--layer',
      'block',
      '--period',
      '2024',
    ]
    const pub = await runCli(['export', ...args, '--out', publicFile, '--data-dir', dataDir])
    expect(pub.code, pub.stderr).toBe(0)
    expect(pub.stderr).toMatch(/public, disclosure-controlled/)
    const internal = await runCli([
      'export',
      ...args,
      '--internal',
      '--out',
      internalFile,
      '--data-dir',
      dataDir,
    ])
    expect(internal.stderr).toMatch(/INTERNAL, exact/)
    const rows = (file: string) =>
      readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(';'))
    const open = rows(publicFile)
    const exact = rows(internalFile)
    expect(open).toHaveLength(exact.length)
    const hidden = open.filter((r) => r[6] === '.')
    expect(hidden.length).toBeGreaterThan(0)
    expect(exact.filter((r) => r[6] === '.')).toEqual([])
    expect(hidden.every((r) => r.at(-1) === 'suppressed')).toBe(true)
  })

  it('says which indicators exist when asked for an unknown one', async () => {
    const run = await runCli([
      'export',
      '--org',
      'musterstadt',
      '--indicator',
      'nope',
      '--data-dir',
      dataDir,
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^planraum: The indicator\(s\) "nope" do not exist or are not published; available: /m,
    )
  })
})
