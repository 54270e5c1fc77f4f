import { describe, expect, it } from 'vitest'
import { PRIMARY, SECONDARY, VISIBLE, type AreaTree } from '../indicators/types.js'
import { createRandom, type Random } from '../random.js'
import { audit } from './audit.js'
import { suppress, suppressTable, suppressWithReport } from './suppress.js'

function treeOf(parent: number[]): AreaTree {
  const layer = new Int32Array(parent.length)
  for (let i = 0; i < parent.length; i++) {
    let d = 0
    for (let p = parent[i] as number; p >= 0 && d < parent.length; p = parent[p] as number) d++
    layer[i] = d
  }
  return {
    size: parent.length,
    parent: Int32Array.from(parent),
    layer,
    layerCount: Math.max(0, ...layer) + 1,
  }
}

/** City 0 → districts 1, 2 → blocks 3, 4, 5 (in 1) and 6, 7, 8 (in 2). */
const CITY = treeOf([-1, 0, 0, 1, 1, 1, 2, 2, 2])

/** Block counts → counts for all 9 areas, summed up the tree (NaN blocks count as absent). */
function cityCounts(blocks: number[]): Float64Array {
  const c = new Float64Array(9)
  c.set(blocks, 3)
  const sum = (from: number): number => {
    let s = 0
    let any = false
    for (let i = from; i < from + 3; i++) {
      if (!Number.isNaN(c[i] as number)) {
        s += c[i] as number
        any = true
      }
    }
    return any ? s : NaN
  }
  c[1] = sum(3)
  c[2] = sum(6)
  c[0] = (Number.isNaN(c[1]) ? 0 : (c[1] as number)) + (Number.isNaN(c[2]) ? 0 : (c[2] as number))
  return c
}

const publish = (counts: Float64Array, flags: Uint8Array): Float64Array =>
  counts.map((v, i) => (flags[i] === VISIBLE ? v : NaN))

/** Primary cells the rules-aware attacker pins (lower === upper). */
function pinnedPrimaries(
  tree: AreaTree,
  counts: Float64Array,
  flags: Uint8Array,
  m: number,
  options: { extraPrimary?: Uint8Array; flagsPublic?: boolean } = {},
): number[] {
  return audit(tree, publish(counts, flags), flags, m, options)
    .filter((r) => flags[r.cell] === PRIMARY && r.lower === r.upper)
    .map((r) => r.cell)
}

function interval(
  tree: AreaTree,
  counts: Float64Array,
  flags: Uint8Array,
  m: number,
  cell: number,
) {
  const r = audit(tree, publish(counts, flags), flags, m).find((x) => x.cell === cell)
  return r ? [r.lower, r.upper] : null
}

describe('suppress on a hand-made city (city → 2 districts → 6 blocks)', () => {
  it('hides nothing when there are no small counts', () => {
    const counts = cityCounts([10, 11, 12, 13, 14, 15])
    expect(Array.from(suppress(CITY, counts, 3))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0])
  })

  it('shows zeros', () => {
    const counts = cityCounts([0, 10, 10, 0, 15, 15])
    expect(Array.from(suppress(CITY, counts, 3))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0])
  })

  it('hides one small block together with its smallest sibling that protects it', () => {
    const counts = cityCounts([1, 6, 9, 8, 8, 8])
    const flags = suppress(CITY, counts, 3)
    expect(Array.from(flags)).toEqual([0, 0, 0, PRIMARY, SECONDARY, 0, 0, 0, 0])
    // 1 + x = 7 with x ≥ 3: the block may be 1 or 2.
    expect(interval(CITY, counts, flags, 3, 3)).toEqual([1, 2])
  })

  it('skips a sibling too small to help: a hidden 3 next to a 1 would pin it', () => {
    const counts = cityCounts([1, 3, 9, 8, 8, 8])
    const flags = suppress(CITY, counts, 3)
    expect(Array.from(flags)).toEqual([0, 0, 0, PRIMARY, 0, SECONDARY, 0, 0, 0])
    expect(interval(CITY, counts, flags, 3, 3)).toEqual([1, 2])
  })

  it('escapes the 1 + 1 trap: two hidden ones under a visible total need a third cell', () => {
    const counts = cityCounts([1, 1, 10, 8, 10, 10])
    // Primary suppression alone leaves both pinned (the naive "two hidden per group" pattern).
    const primaryOnly = Uint8Array.from([0, 0, 0, PRIMARY, PRIMARY, 0, 0, 0, 0])
    expect(pinnedPrimaries(CITY, counts, primaryOnly, 3)).toEqual([3, 4])
    const flags = suppress(CITY, counts, 3)
    expect(Array.from(flags)).toEqual([0, 0, 0, PRIMARY, PRIMARY, SECONDARY, 0, 0, 0])
    expect(pinnedPrimaries(CITY, counts, flags, 3)).toEqual([])
  })

  it('does not let a hidden district be recovered through the city total and used on its blocks', () => {
    // District 1 = 2 (primary) with blocks 2, 0, 0. Hiding district 1 and its block is not
    // enough: city − district 2 gives it back. District 2 must go too, and with it one of its
    // blocks — else district 2 = sum of its visible blocks, and the chain is closed again.
    const counts = cityCounts([2, 0, 0, 4, 10, 12])
    const flags = suppress(CITY, counts, 3)
    expect(flags[1]).toBe(PRIMARY)
    expect(flags[3]).toBe(PRIMARY)
    expect(flags[2]).toBe(SECONDARY)
    expect([flags[6], flags[7], flags[8]].filter((f) => f !== VISIBLE)).toHaveLength(1)
    expect(flags[6]).toBe(SECONDARY) // the smallest block of district 2
    expect(pinnedPrimaries(CITY, counts, flags, 3)).toEqual([])
    expect(interval(CITY, counts, flags, 3, 1)).toEqual([1, 2])
  })

  it('honours m = 5: hides 1 … 4, and 3 + 4 needs no third cell but 4 + 4 does', () => {
    const a = cityCounts([3, 4, 17, 12, 12, 12])
    const flagsA = suppress(CITY, a, 5)
    expect(Array.from(flagsA)).toEqual([0, 0, 0, PRIMARY, PRIMARY, 0, 0, 0, 0])
    // 3 + 4 = 7 with both in 1 … 4: each is 3 or 4 — not pinned.
    expect(interval(CITY, a, flagsA, 5, 3)).toEqual([3, 4])
    const b = cityCounts([4, 4, 17, 12, 12, 12])
    const flagsB = suppress(CITY, b, 5)
    expect(Array.from(flagsB)).toEqual([0, 0, 0, PRIMARY, PRIMARY, SECONDARY, 0, 0, 0])
    expect(pinnedPrimaries(CITY, b, flagsB, 5)).toEqual([])
    // With m = 3 the same counts need no suppression at all.
    expect(Array.from(suppress(CITY, b, 3))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0])
  })

  it('leaves cells without a value visible, out of every sum, and never picks them', () => {
    const counts = cityCounts([1, NaN, 10, 8, NaN, 10])
    const flags = suppress(CITY, counts, 3)
    expect(flags[4]).toBe(VISIBLE)
    expect(flags[7]).toBe(VISIBLE)
    expect(Array.from(flags)).toEqual([0, 0, 0, PRIMARY, 0, SECONDARY, 0, 0, 0])
    expect(pinnedPrimaries(CITY, counts, flags, 3)).toEqual([])
    // A district whose blocks all lack a value is not tied to them.
    const allMissing = cityCounts([NaN, NaN, NaN, 5, 5, 5])
    allMissing[1] = 7
    allMissing[0] = 22
    expect(Array.from(suppress(CITY, allMissing, 3))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0])
  })

  it('hides cells the caller asks for and protects them like primaries', () => {
    const counts = cityCounts([20, 6, 9, 8, 8, 8])
    const extraPrimary = Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 0, 0])
    const flags = suppress(CITY, counts, 3, { extraPrimary })
    expect(flags[3]).toBe(PRIMARY)
    expect(flags.filter((f) => f === SECONDARY)).toHaveLength(1)
    expect(pinnedPrimaries(CITY, counts, flags, 3, { extraPrimary })).toEqual([])
  })

  it('chooses secondaries by the caller’s cost, e.g. population, for consistent patterns', () => {
    const counts = cityCounts([1, 6, 9, 8, 8, 8])
    const cost = Float64Array.from([1200, 640, 560, 30, 400, 210, 180, 190, 190])
    const flags = suppress(CITY, counts, 3, { cost })
    expect(Array.from(flags)).toEqual([0, 0, 0, PRIMARY, 0, SECONDARY, 0, 0, 0])
  })

  it('is deterministic: ties go to the lower index', () => {
    const counts = cityCounts([1, 6, 6, 8, 8, 8])
    const first = suppress(CITY, counts, 3)
    expect(Array.from(first)).toEqual([0, 0, 0, PRIMARY, SECONDARY, 0, 0, 0, 0])
    expect(Array.from(suppress(CITY, counts, 3))).toEqual(Array.from(first))
  })

  it('reports primaries the flags alone give away, and protects them against the one-symbol attacker', () => {
    // District 1 = 2 = 1 + 1 (m = 3): district ≤ 2 and two primary blocks ≥ 1 force 1 and 1.
    const counts = cityCounts([1, 1, 0, 8, 10, 10])
    const report = suppressWithReport(CITY, counts, 3)
    expect(Array.from(report.selfPinned)).toEqual([1, 3, 4])
    expect(report.fallback).toBe(false)
    expect(pinnedPrimaries(CITY, counts, report.flags, 3)).toEqual([1, 3, 4])
    expect(pinnedPrimaries(CITY, counts, report.flags, 3, { flagsPublic: false })).toEqual([])
    // … which takes hiding district 2 and one of its blocks.
    expect(report.flags[2]).toBe(SECONDARY)
  })

  it('with m = 2 every primary is self-pinned; one symbol for all hidden cells protects them', () => {
    const counts = cityCounts([1, 5, 9, 1, 10, 10])
    const report = suppressWithReport(CITY, counts, 2)
    expect(Array.from(report.selfPinned)).toEqual([3, 6])
    expect(pinnedPrimaries(CITY, counts, report.flags, 2, { flagsPublic: false })).toEqual([])
  })

  it('says what was expected for malformed input', () => {
    const counts = cityCounts([1, 6, 9, 8, 8, 8])
    const broken = counts.slice()
    broken[1] = 17
    expect(() => suppress(CITY, broken, 3)).toThrow(/area 0 has 40, its children sum to 41/)
    const negative = cityCounts([-1, 6, 9, 8, 8, 8])
    expect(() => suppress(CITY, negative, 3)).toThrow(/whole numbers ≥ 0.*area 3 has -1/)
    expect(() => suppress(CITY, cityCounts([1.5, 6, 9, 8, 8, 8]), 3)).toThrow(
      /whole numbers ≥ 0.*has 40.5/,
    )
    expect(() => suppress(CITY, counts, 2.5)).toThrow(/minCaseNumber/)
    expect(() => suppress(CITY, new Float64Array(4), 3)).toThrow(/one value per area \(9\), got 4/)
    expect(() => suppress(CITY, counts, 3, { cost: new Float64Array(9).fill(-1) })).toThrow(
      /cost must be finite and ≥ 0/,
    )
    expect(() => suppress(treeOf([-1, 5]), new Float64Array(2), 3)).toThrow(/tree.parent\[1\]/)
  })
})

describe('suppressTable', () => {
  it('suppresses each period on its own, in the [area * periods + p] layout', () => {
    const periods = 3
    const byPeriod = [
      cityCounts([10, 11, 12, 13, 14, 15]),
      cityCounts([1, 6, 9, 8, 8, 8]),
      cityCounts([1, 1, 10, 8, 10, 10]),
    ]
    const counts = new Float64Array(9 * periods)
    for (let p = 0; p < periods; p++) {
      for (let a = 0; a < 9; a++) counts[a * periods + p] = byPeriod[p]![a] as number
    }
    const flags = suppressTable(CITY, counts, periods, 3)
    for (let p = 0; p < periods; p++) {
      const expected = suppress(CITY, byPeriod[p]!, 3)
      for (let a = 0; a < 9; a++) expect(flags[a * periods + p]).toBe(expected[a])
    }
    expect(() => suppressTable(CITY, counts, 2, 3)).toThrow(/9 × 2 = 18 values, got 27/)
    const bad = counts.slice()
    bad[1 * periods + 2] = 99
    expect(() => suppressTable(CITY, bad, periods, 3)).toThrow(/period 2/)
  })
})

/** A random hierarchy: 1 top → 1–6 districts → (sometimes) 1–5 social areas → 1–8 blocks. */
function randomTable(rng: Random): { tree: AreaTree; counts: Float64Array; m: number } {
  const parent: number[] = [-1]
  const districts = rng.int(1, 6)
  const withSocialAreas = rng.chance(0.6)
  const leafParents: number[] = []
  for (let d = 0; d < districts; d++) {
    const di = parent.length
    parent.push(0)
    if (withSocialAreas) {
      const areas = rng.int(1, 5)
      for (let s = 0; s < areas; s++) {
        leafParents.push(parent.length)
        parent.push(di)
      }
    } else leafParents.push(di)
  }
  const blocks: number[] = []
  for (const lp of leafParents) {
    const count = rng.int(1, 8)
    for (let b = 0; b < count; b++) {
      blocks.push(parent.length)
      parent.push(lp)
    }
  }
  const tree = treeOf(parent)
  const n = parent.length
  const counts = new Float64Array(n)
  // Poisson-ish small counts: a rate per table, with over-dispersion per block.
  const mean = rng.pick([0.3, 0.8, 1.5, 3, 6, 15])
  for (const b of blocks) {
    if (rng.chance(0.04)) {
      counts[b] = NaN
      continue
    }
    const lambda = mean * Math.exp(rng.normal(0, 0.7))
    let k = 0
    for (let t = Math.exp(-lambda), p = rng.next(); p > t; p *= rng.next()) k++
    counts[b] = k
  }
  // Sum up: areas are stored parents-first, so go backwards.
  const has = new Uint8Array(n)
  for (let i = n - 1; i > 0; i--) {
    if (Number.isNaN(counts[i] as number)) continue
    const p = parent[i] as number
    counts[p] = (has[p] ? (counts[p] as number) : 0) + (counts[i] as number)
    has[p] = 1
  }
  for (let i = 0; i < n; i++) if (!has[i] && !blocks.includes(i)) counts[i] = NaN
  const m = rng.pick([2, 3, 3, 3, 3, 4, 5])
  return { tree, counts, m }
}

describe('suppress against the attacker on random hierarchies', () => {
  it('never lets the audit pin a primary and never shows 1 … m−1 (500 seeded tables)', () => {
    const rng = createRandom(20250)
    let primaries = 0
    let secondaries = 0
    let selfPinned = 0
    let unprotectable = 0
    for (let trial = 0; trial < 500; trial++) {
      const { tree, counts, m } = randomTable(rng)
      const n = tree.size
      const extraPrimary = new Uint8Array(n)
      for (let i = 0; i < n; i++) if (rng.chance(0.02)) extraPrimary[i] = 1
      const report = suppressWithReport(tree, counts, m, { extraPrimary })
      const { flags } = report
      const context = `trial ${trial}, m = ${m}`
      expect(report.fallback, context).toBe(false)
      const self = new Set(report.selfPinned)
      for (let i = 0; i < n; i++) {
        const v = counts[i] as number
        if (Number.isNaN(v)) {
          expect(flags[i], context).toBe(VISIBLE)
          continue
        }
        if (flags[i] === VISIBLE) expect(v >= 1 && v <= m - 1, `${context}, area ${i}`).toBe(false)
        if (v >= 1 && v <= m - 1) expect(flags[i], context).toBe(PRIMARY)
        if (flags[i] === SECONDARY) expect(v, context).toBeGreaterThanOrEqual(m)
        if (flags[i] === PRIMARY) primaries++
        if (flags[i] === SECONDARY) secondaries++
      }
      // The rules-aware attacker pins nothing but the self-pinned cells …
      const pinned = pinnedPrimaries(tree, counts, flags, m, { extraPrimary })
      expect(
        pinned.filter((c) => !self.has(c)),
        context,
      ).toEqual([])
      // … which really are pinned by the rules alone: even with every non-zero cell hidden.
      if (self.size > 0) {
        const everything = flags.map((f, i) =>
          f === VISIBLE && (counts[i] as number) > 0 ? SECONDARY : f,
        )
        const worst = pinnedPrimaries(tree, counts, everything, m, { extraPrimary })
        expect(worst, context).toEqual(Array.from(report.selfPinned))
        selfPinned += self.size
      }
      // The attacker who sees one symbol for all hidden cells pins nothing — except requested
      // zeros inside a visible zero total, which nothing can hide.
      const blind = pinnedPrimaries(tree, counts, flags, m, { extraPrimary, flagsPublic: false })
      expect(blind, context).toEqual(Array.from(report.unprotectable))
      for (const c of report.unprotectable) {
        expect([extraPrimary[c], counts[c]], context).toEqual([1, 0])
        unprotectable++
      }
    }
    // The tables must have exercised the algorithm.
    expect(primaries).toBeGreaterThan(2000)
    expect(secondaries).toBeGreaterThan(300)
    expect(selfPinned).toBeGreaterThan(10)
    expect(unprotectable).toBeLessThan(selfPinned)
  })
})
