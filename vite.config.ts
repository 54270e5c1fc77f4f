// The browser app (src/web) built into dist/web, which the Fastify server serves.
// Fully offline: no external fonts, CDNs or map tiles; MapLibre and its worker are bundled.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const root = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: path.join(root, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist/web'),
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
