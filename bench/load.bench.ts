/**
 * Load test of the public atlas API: autocannon at 50 concurrent connections against an in-process
 * server with the demo city, beside a static file served by the same process (the baseline: what
 * Fastify and the network stack cost without any Planraum work). Traffic goes to 127.0.0.1 only.
 *
 *   npx tsx bench/load.bench.ts                 # 10 s per target
 *   LOAD_SECONDS=3 LOAD_CONNECTIONS=50 npx tsx bench/load.bench.ts
 *
 * Needs the built web app (dist/web, `npx vite build`) for the static baseline.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { buildApp } from '../src/app.js'
import { loadDemo } from '../src/modules/demo/index.js'
import { migrate, openPglite } from '../src/platform/db/index.js'
import { createLogger } from '../src/platform/log.js'

interface Histogram {
  p50: number
  p99: number
  average: number
}
interface AutocannonResult {
  latency: Histogram
  requests: { average: number; total: number }
  throughput: { average: number }
  non2xx: number
  errors: number
  timeouts: number
}
type Autocannon = (options: {
  url: string
  connections: number
  duration: number
}) => Promise<AutocannonResult>

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const WEB = path.join(ROOT, 'dist', 'web')
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50)

if (!existsSync(path.join(WEB, 'index.html'))) {
  console.error('dist/web is missing: run "npx vite build" first (the static baseline needs it).')
  process.exit(1)
}
// The smallest built asset: a static file, served by @fastify/static in the same process.
const asset = readdirSync(path.join(WEB, 'assets'))
  .map((name) => ({ name, size: statSync(path.join(WEB, 'assets', name)).size }))
  .sort((a, b) => a.size - b.size)[0]!

console.log('Opening an in-memory database and loading Musterstadt …')
const db = await openPglite(undefined)
await migrate(db)
await loadDemo(db)
const app = await buildApp({
  db,
  config: { webDir: WEB, logLevel: 'silent' },
  logger: createLogger('silent'),
})
await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
if (address === null || typeof address === 'string') throw new Error('no TCP address')
const base = `http://127.0.0.1:${address.port}`

const TARGETS: { name: string; path: string; baseline?: true }[] = [
  {
    name: `static file (${asset.name}, ${asset.size} B)`,
    path: `/assets/${asset.name}`,
    baseline: true,
  },
  { name: 'layers', path: '/api/orgs/musterstadt/layers' },
  { name: 'areas (sozialraum)', path: '/api/orgs/musterstadt/areas?layer=sozialraum' },
  {
    name: 'values (child_poverty, sozialraum, 2024)',
    path: '/api/orgs/musterstadt/values?indicator=child_poverty&layer=sozialraum&period=2024',
  },
]

// Each answers 200 before it is measured (and the indicator engine has computed once).
for (const target of TARGETS) {
  const response = await fetch(base + target.path)
  if (response.status !== 200) {
    throw new Error(`${target.path} answers ${response.status}: ${await response.text()}`)
  }
  await response.arrayBuffer()
}

interface Row {
  name: string
  p50: number
  p99: number
  rps: number
  kib: number
  bad: number
}
const rows: Row[] = []
for (const target of TARGETS) {
  await autocannon({ url: base + target.path, connections: CONNECTIONS, duration: 1 }) // warm-up
  const result = await autocannon({
    url: base + target.path,
    connections: CONNECTIONS,
    duration: SECONDS,
  })
  rows.push({
    name: target.name,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    kib: result.throughput.average / Math.max(result.requests.average, 1) / 1024,
    bad: result.non2xx + result.errors + result.timeouts,
  })
  console.log(
    `  ${target.name}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s`,
  )
}

const baseline = rows[0]!
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(
  `\nautocannon, ${CONNECTIONS} connections, ${SECONDS} s per target, Node ${process.version}, one process\n`,
)
console.log(
  '| target | KiB/answer | p50 ms | p99 ms | req/s | req/s vs static | p99 vs static | errors/non-2xx |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.kib.toFixed(1)} | ${row.p50} | ${row.p99} | ${fmt(row.rps)} | ${(row.rps / baseline.rps).toFixed(2)}× | ${(row.p99 / Math.max(baseline.p99, 1)).toFixed(1)}× | ${row.bad} |`,
  )
}

await app.close()
await db.close()
