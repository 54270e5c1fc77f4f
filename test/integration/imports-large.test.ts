/**
 * A large import streams: the file is generated here (long layout, German numbers), imported in one
 * transaction, and the JavaScript heap stays bounded while progress is reported. 200,000 rows by
 * default; PLANRAUM_LARGE=1 runs the full 1,000,000 rows (the most one import takes) and prints the
 * throughput, e.g. `PLANRAUM_LARGE=1 npx vitest run test/integration/imports-large.test.ts`.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { once } from 'node:events'
import v8 from 'node:v8'
import vm from 'node:vm'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  formatReport,
  importObservations,
  type ImportProgress,
} from '../../src/modules/monitoring/imports/index.js'
import type { Database } from '../../src/platform/db/index.js'
import { testTargets } from '../helpers/databases.js'

const LARGE = process.env.PLANRAUM_LARGE === '1'
const AREAS = 2_000
const VARIABLES = LARGE ? 50 : 20
const PERIODS = LARGE ? 10 : 5
const ROWS = AREAS * VARIABLES * PERIODS

// A full garbage collection before each heap reading, so the test measures what the import keeps
// alive rather than garbage the collector has not reached yet.
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

async function writeFile(file: string): Promise<void> {
  const out = createWriteStream(file)
  out.write('Gebiet;Jahr;Merkmal;Wert\n')
  let lines: string[] = []
  for (let p = 0; p < PERIODS; p++) {
    for (let v = 0; v < VARIABLES; v++) {
      for (let a = 0; a < AREAS; a++) {
        const value = ((a * 7919 + v * 104729 + p * 1299709) % 250_000) / 10
        lines.push(`b${a};${2015 + p};v${v};${value.toLocaleString('de-DE')}`)
        if (lines.length === 10_000) {
          if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain')
          lines = []
        }
      }
    }
  }
  out.end(lines.length > 0 ? `${lines.join('\n')}\n` : '')
  await once(out, 'finish')
}

describe.each(testTargets())('a large import on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let orgId: number
  let dir: string
  let file: string

  beforeAll(async () => {
    ;({ db, dispose } = await target.create())
    const [org] = await db.query<{ id: number }>(
      `insert into organization (slug, name) values ('grossstadt', 'Großstadt') returning id`,
    )
    orgId = org!.id
    const [layer] = await db.query<{ id: number }>(
      `insert into area_layer (organization_id, key, name_de, name_en, level)
       values ($1, 'block', 'Block', 'Block', 0) returning id`,
      [orgId],
    )
    // Placeholder squares, only for this test: the area table requires a geometry.
    await db.query(
      `insert into area (organization_id, layer_id, code, name, geom)
       select $1, $2, 'b' || i, 'Block ' || i,
              ST_Multi(ST_MakeEnvelope((i % 100) * 0.001, (i / 100) * 0.001,
                                       (i % 100) * 0.001 + 0.001, (i / 100) * 0.001 + 0.001, 4326))
         from generate_series(0, $3 - 1) as i`,
      [orgId, layer!.id, AREAS],
    )
    await db.query(
      `insert into variable (organization_id, key, name_de, name_en, unit, topic, source)
       select $1, 'v' || i, 'v' || i, 'v' || i, 'Personen', 'test', 'test'
         from generate_series(0, $2 - 1) as i`,
      [orgId, VARIABLES],
    )
    dir = mkdtempSync(path.join(tmpdir(), 'planraum-large-'))
    file = path.join(dir, `large_${ROWS}.csv`)
    await writeFile(file)
  }, 300_000)

  afterAll(async () => {
    await dispose?.()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it(
    `streams ${ROWS.toLocaleString('en-GB')} rows with bounded memory and reports progress`,
    async () => {
      const progress: ImportProgress[] = []
      gc()
      const heapBefore = process.memoryUsage().heapUsed
      const rssBefore = process.memoryUsage().rss
      let heapPeak = heapBefore
      let rssPeak = rssBefore
      const started = performance.now()
      const result = await importObservations(db, {
        organizationId: orgId,
        input: { path: file },
        mapping: {
          areaColumn: 'Gebiet',
          periodColumn: 'Jahr',
          variableColumn: 'Merkmal',
          valueColumn: 'Wert',
        },
        onProgress: (p) => {
          progress.push(p)
          if (p.rows % 50_000 !== 0) return
          gc()
          const memory = process.memoryUsage()
          heapPeak = Math.max(heapPeak, memory.heapUsed)
          rssPeak = Math.max(rssPeak, memory.rss)
        },
      })
      const seconds = (performance.now() - started) / 1000
      if (result.status !== 'completed') throw new Error(formatReport(result.report))
      expect(result.report.observations).toBe(ROWS)
      const [count] = await db.query<{ n: number }>(
        'select count(*)::int as n from observation where organization_id = $1 and import_id = $2',
        [orgId, result.importId],
      )
      expect(count!.n).toBe(ROWS)

      const reading = progress.filter((p) => p.phase === 'reading')
      expect(reading.length).toBeGreaterThanOrEqual(ROWS / 5_000 - 1)
      expect(reading.every((p, i) => i === 0 || p.rows > reading[i - 1]!.rows)).toBe(true)
      expect(reading.at(-1)!.bytesRead).toBeGreaterThan(0.9 * statSync(file).size)

      const mib = (n: number) => Math.round(n / 1024 / 1024)
      const heapGrowth = heapPeak - heapBefore
      console.log(
        `[${target.name}] ${ROWS.toLocaleString('en-GB')} rows (${mib(statSync(file).size)} MiB) in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds).toLocaleString('en-GB')} rows/s; live JS heap +${mib(heapGrowth)} MiB at most, RSS +${mib(rssPeak - rssBefore)} MiB (includes the database when embedded)`,
      )
      // The file is never held: the heap grows by the key set (~14 bytes a slot), a chunk and caches.
      expect(heapGrowth).toBeLessThan((LARGE ? 100 : 60) * 1024 * 1024)
    },
    LARGE ? 1_800_000 : 600_000,
  )
})
