/**
 * Runs the real `planraum` CLI as a child process: the compiled one when `npm run build` is newer
 * than every source file (as in `npm test`, which builds first), else the source through tsx.
 * Compiled, a process starts about a second sooner; the suite starts a few dozen.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { newest } from '../../scripts/newest.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

let entry: string[] | undefined

/** Node's arguments that start the CLI: the compiled entry if it is up to date, else tsx. */
export function cliEntry(): string[] {
  if (!entry) {
    const compiled = path.join(ROOT, 'dist/server/cli/bin.js')
    const fresh =
      existsSync(compiled) && statSync(compiled).mtimeMs >= newest(path.join(ROOT, 'src'))
    entry = fresh ? [compiled] : ['--import', 'tsx', path.join(ROOT, 'src/cli/bin.ts')]
  }
  return entry
}

export function spawnCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): ChildProcess {
  return spawn(process.execPath, [...cliEntry(), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: undefined, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs the CLI to its end (or until `timeoutMs`, then SIGKILL). */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 120_000,
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawnCli(args, env)
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

/** Resolves when `pattern` appears in the child's output (stdout or stderr). */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 120_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${seen}`)),
      timeoutMs,
    )
    const onData = (d: Buffer) => {
      seen += d.toString()
      if (pattern.test(seen)) {
        clearTimeout(timer)
        resolve(seen)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', () => {
      clearTimeout(timer)
      if (!pattern.test(seen))
        reject(new Error(`process exited before ${pattern}; output:\n${seen}`))
    })
  })
}
