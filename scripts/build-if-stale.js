#!/usr/bin/env node
// Builds server and web app only when a source file is newer than the last build, so that a
// second `npm start` starts in seconds. `npm run build` always builds.
import { spawn } from 'node:child_process'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { newest } from './newest.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stamp = path.join(root, 'dist', '.build-stamp')
const inputs = [
  'src',
  'migrations',
  'package.json',
  'package-lock.json',
  'vite.config.ts',
  'scripts/precompress.js',
  'scripts/newest.js',
  'tsconfig.json',
  'tsconfig.build.json',
]

const sources = Math.max(
  ...inputs
    .map((p) => path.join(root, p))
    .filter(existsSync)
    .map(newest),
)
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
if (built >= sources) {
  console.log('planraum: build is up to date')
} else {
  // Server (tsc) and web app (vite) build side by side: the first start is what a new user waits for.
  const run = (script) =>
    new Promise((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' })
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`npm run ${script} failed (exit ${code})`)),
      )
    })
  try {
    await Promise.all([run('build:server'), run('build:web')])
  } catch (error) {
    console.error(`planraum: ${error.message}`)
    process.exit(1)
  }
  writeFileSync(stamp, new Date().toISOString())
}
