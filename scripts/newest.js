// The newest modification time under a path, shared by build-if-stale.js and the tests' CLI
// helper (test/helpers/cli.ts), which both ask whether a build is older than its sources.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * The newest modification time (ms) of `file` or of anything under it. Directories count too: a
 * deleted source file changes its directory's time.
 */
export function newest(file) {
  const stats = statSync(file)
  if (!stats.isDirectory()) return stats.mtimeMs
  let latest = stats.mtimeMs
  for (const entry of readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)))
  return latest
}
