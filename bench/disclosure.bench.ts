/**
 * Benchmark of cell suppression on a national-size hierarchy: 1 country → 16 states → 400
 * districts → 11,000 municipalities (11,417 areas), one variable and period, seeded counts.
 *
 * Run: npx tsx bench/disclosure.bench.ts
 *
 * There is no suppression peer that runs in this process (τ-ARGUS and sdcTable need their own
 * runtimes and an LP solver), so the yardstick is the pass the indicator engine makes anyway:
 * summing the municipal counts up the tree. The ratio says what disclosure control adds to it.
 */
import type { AreaTree } from '../src/core/indicators/types.js'
import { createRandom, type Random } from '../src/core/random.js'
import { audit } from '../src/core/disclosure/audit.js'
import { suppressWithReport } from '../src/core/disclosure/suppress.js'

function poisson(rng: Random, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(rng.normal(lambda, Math.sqrt(lambda))))
  let k = 0
  for (let t = Math.exp(-lambda), p = rng.next(); p > t; p *= rng.next()) k++
  return k
}

function nationalTree(seed: number): { tree: AreaTree; leaves: Int32Array } {
  const rng = createRandom(seed)
  const parent: number[] = [-1]
  const layer: number[] = [0]
  const states: number[] = []
  for (let s = 0; s < 16; s++) {
    states.push(parent.length)
    parent.push(0)
    layer.push(1)
  }
  const districts: number[] = []
  for (let d = 0; d < 400; d++) {
    districts.push(parent.length)
    parent.push(states[d % 16] as number)
    layer.push(2)
  }
  const leaves: number[] = []
  for (let g = 0; g < 11_000; g++) {
    leaves.push(parent.length)
    parent.push(g < 400 ? (districts[g] as number) : rng.pick(districts))
    layer.push(3)
  }
  const tree: AreaTree = {
    size: parent.length,
    parent: Int32Array.from(parent),
    layer: Int32Array.from(layer),
    layerCount: 4,
  }
  return { tree, leaves: Int32Array.from(leaves) }
}

function sumUp(tree: AreaTree, counts: Float64Array): void {
  for (let i = tree.size - 1; i >= 0; i--) {
    const p = tree.parent[i] as number
    if (p >= 0) counts[p] = (counts[p] as number) + (counts[i] as number)
  }
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

const { tree, leaves } = nationalTree(11_400)
const m = 3
for (const [label, meanLog] of [
  ['moderate counts (median 8)', Math.log(8)],
  ['many small counts (median 2)', Math.log(2)],
] as const) {
  const rng = createRandom(42)
  const base = new Float64Array(tree.size)
  for (const leaf of leaves) base[leaf] = poisson(rng, Math.exp(rng.normal(meanLog, 1)))

  const sumTimes: number[] = []
  const suppressTimes: number[] = []
  const auditTimes: number[] = []
  const warm = base.slice()
  sumUp(tree, warm)
  let report = suppressWithReport(tree, warm, m)
  for (let run = 0; run < 25; run++) {
    const counts = new Float64Array(tree.size)
    for (const leaf of leaves) counts[leaf] = base[leaf] as number
    let t = performance.now()
    sumUp(tree, counts)
    sumTimes.push(performance.now() - t)
    t = performance.now()
    report = suppressWithReport(tree, counts, m)
    suppressTimes.push(performance.now() - t)
    const published = counts.map((v, i) => (report.flags[i] === 0 ? v : NaN))
    t = performance.now()
    audit(tree, published, report.flags, m)
    auditTimes.push(performance.now() - t)
  }
  const finalCounts = base.slice()
  sumUp(tree, finalCounts)
  const finalPublished = finalCounts.map((v, i) => (report.flags[i] === 0 ? v : NaN))
  const self = new Set(report.selfPinned)
  const pinned = audit(tree, finalPublished, report.flags, m).filter(
    (r) => report.flags[r.cell] === 1 && r.lower === r.upper && !self.has(r.cell),
  ).length
  let primary = 0
  let secondary = 0
  for (const f of report.flags) {
    if (f === 1) primary++
    else if (f === 2) secondary++
  }
  const sum = median(sumTimes)
  const sup = median(suppressTimes)
  console.log(
    `${label}: ${tree.size} areas, ${primary} primary, ${secondary} secondary, ` +
      `${report.rounds} rounds, ${report.selfPinned.length} self-pinned, ${pinned} pinned otherwise | suppress ${sup.toFixed(2)} ms, audit ${median(auditTimes).toFixed(2)} ms, ` +
      `sum-up pass ${sum.toFixed(3)} ms (suppress = ${(sup / sum).toFixed(0)}× the sum-up) — medians of 25`,
  )
}
