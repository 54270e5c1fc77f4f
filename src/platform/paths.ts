import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project's root folder (holding package.json and migrations/), found from this file's place,
 * so it is the same whether the code runs from src/ (tests) or from dist/server/ (build). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) {
      return dir
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('Cannot find the Planraum project root (package.json).')
    dir = parent
  }
}
