import { describe, expect, it } from 'vitest'
// Test only: realistic counts from the seeded demo city. The core itself never imports modules.
import { generateMusterstadt } from '../../src/modules/demo/index.js'
import { PRIMARY, VISIBLE, type AreaTree } from '../../src/core/indicators/types.js'
import { audit } from '../../src/core/disclosure/audit.js'
import { suppressWithReport } from '../../src/core/disclosure/suppress.js'

/** The demo city as an AreaTree (coarse layers first) with block counts of one variable summed up. */
function musterstadtTable(variable: string, year: number) {
  const city = generateMusterstadt()
  const level = new Map(city.layers.map((l) => [l.key, l.level]))
  const layerKeyAt = new Map(city.layers.map((l) => [l.level, l.key]))
  const areas = city.areas
    .map((a, i) => ({ a, i }))
    .sort((x, y) => level.get(x.a.layerKey)! - level.get(y.a.layerKey)! || x.i - y.i)
    .map((x) => x.a)
  const index = new Map(areas.map((a, i) => [`${a.layerKey}:${a.code}`, i]))
  const n = areas.length
  const parent = new Int32Array(n)
  const layer = new Int32Array(n)
  areas.forEach((a, i) => {
    const l = level.get(a.layerKey)!
    layer[i] = l
    parent[i] = a.parentCode === null ? -1 : index.get(`${layerKeyAt.get(l - 1)}:${a.parentCode}`)!
  })
  const tree: AreaTree = { size: n, parent, layer, layerCount: city.layers.length }

  const obs = city.observations
  const v = obs.variableKeys.indexOf(variable)
  const p = obs.periods.indexOf(year)
  expect(v).toBeGreaterThanOrEqual(0)
  expect(p).toBeGreaterThanOrEqual(0)
  const blockLayer = city.layers.length - 1
  const counts = new Float64Array(n)
  obs.areaCodes.forEach((code, a) => {
    const value = obs.values[(v * obs.areaCodes.length + a) * obs.periods.length + p] as number
    counts[index.get(`${layerKeyAt.get(blockLayer)}:${code}`)!] = value
  })
  // Parents come before children, so summing from the end adds every block exactly once per level.
  for (let i = n - 1; i >= 0; i--) if ((parent[i] as number) >= 0) counts[parent[i]!]! += counts[i]!
  return { tree, counts, layer, blockLayer }
}

describe('suppress on Musterstadt (children under 15 in SGB II households, 2024)', () => {
  it('hides the small blocks, a few more, and the audit recovers nothing', () => {
    const { tree, counts, layer, blockLayer } = musterstadtTable('sgb2_u15', 2024)
    const m = 3
    const report = suppressWithReport(tree, counts, m)
    const { flags } = report
    const published = counts.map((v, i) => (flags[i] === VISIBLE ? v : NaN))

    let primaries = 0
    let secondaries = 0
    let blocks = 0
    let hiddenBlocks = 0
    for (let i = 0; i < tree.size; i++) {
      if (flags[i] === PRIMARY) primaries++
      else if (flags[i] !== VISIBLE) secondaries++
      if (layer[i] === blockLayer) {
        blocks++
        if (flags[i] !== VISIBLE) hiddenBlocks++
      }
    }
    const share = hiddenBlocks / blocks
    console.info(
      `Musterstadt sgb2_u15 2024, m = ${m}: ${primaries} primary + ${secondaries} secondary of ` +
        `${tree.size} cells; ${hiddenBlocks} of ${blocks} blocks hidden (${(100 * share).toFixed(1)} %); ` +
        `${report.selfPinned.length} self-pinned`,
    )
    expect(primaries).toBeGreaterThan(0)
    expect(secondaries).toBeGreaterThan(0)
    expect(report.fallback).toBe(false)
    expect(share).toBeLessThan(0.25)

    const self = new Set(report.selfPinned)
    const result = audit(tree, published, flags, m)
    const pinned = result.filter((r) => flags[r.cell] === PRIMARY && r.lower === r.upper)
    expect(pinned.filter((r) => !self.has(r.cell))).toEqual([])
    const blind = audit(tree, published, flags, m, { flagsPublic: false })
    expect(blind.filter((r) => flags[r.cell] === PRIMARY && r.lower === r.upper)).toEqual([])
    for (let i = 0; i < tree.size; i++) {
      if (flags[i] === VISIBLE) expect(counts[i]! >= 1 && counts[i]! < m).toBe(false)
    }
  })
})
