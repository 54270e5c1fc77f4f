// The browser app (src/web) built into dist/web, which the Fastify server serves.
// Fully offline: no external fonts, CDNs or map tiles; MapLibre and its worker are bundled.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

import { precompress } from './scripts/precompress.js'

const root = path.dirname(fileURLToPath(import.meta.url))
const outDir = path.join(root, 'dist/web')

/** .br and .gz beside every script and style sheet, served as they lie (platform/http/server.ts). */
function precompressPlugin(): Plugin {
  let dir = outDir
  return {
    name: 'planraum-precompress',
    apply: 'build',
    configResolved(config) {
      dir = path.resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      const { files, before, after } = await precompress(dir)
      this.info(`precompressed ${files} files in ${dir}: ${before} B, ${after} B in Brotli`)
    },
  }
}

export default defineConfig({
  root: path.join(root, 'src/web'),
  base: '/',
  plugins: [react(), precompressPlugin()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // MapLibre alone is ~1 MB minified; it lives in its own lazily loaded chunk (see
    // overview/AreaMap.tsx). The limit is set just above it so any other large chunk still warns.
    chunkSizeWarningLimit: 1100,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
})
