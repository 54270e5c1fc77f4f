#!/usr/bin/env node
// Entry point of the `planraum` command: runs the compiled CLI (`npm run build` creates it).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const compiled = new URL('../dist/server/cli/bin.js', import.meta.url)
if (!existsSync(fileURLToPath(compiled))) {
  console.error(
    'planraum: the server is not built yet. Run `npm run build` first (or `npm start`).',
  )
  process.exit(1)
}
await import(compiled.href)
