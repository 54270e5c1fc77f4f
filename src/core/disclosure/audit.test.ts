import { describe, expect, it } from 'vitest'
import { PRIMARY, SECONDARY, VISIBLE, type AreaTree } from '../indicators/types.js'
import { createRandom } from '../random.js'
import { audit, type FeasibleInterval } from './audit.js'

/** A tree from a parent list (layer = depth). */
function treeOf(parent: number[]): AreaTree {
  const layer = new Int32Array(parent.length)
  for (let i = 0; i < parent.length; i++) {
    let d = 0
    // (bounded, so that a deliberately cyclic parent list still makes a tree object)
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

const publish = (counts: number[], flags: number[]): Float64Array =>
  Float64Array.from(counts.map((v, i) => (flags[i] === VISIBLE ? v : NaN)))

const intervalOf = (result: FeasibleInterval[], cell: number): [number, number] => {
  const r = result.find((x) => x.cell === cell)
  if (!r) throw new Error(`cell ${cell} is not hidden`)
  return [r.lower, r.upper]
}

describe('audit', () => {
  it('recovers the 1 + 1 trap: two hidden primaries whose visible total leaves 2', () => {
    const counts = [40, 12, 28, 1, 1, 10, 8, 10, 10]
    const flags = [0, 0, 0, PRIMARY, PRIMARY, 0, 0, 0, 0]
    const result = audit(CITY, publish(counts, flags), Uint8Array.from(flags), 3)
    expect(intervalOf(result, 3)).toEqual([1, 1])
    expect(intervalOf(result, 4)).toEqual([1, 1])
  })

  it('leaves 1 + 2 unresolved: the attacker knows only that the sum is 3', () => {
    const counts = [40, 13, 27, 1, 2, 10, 7, 10, 10]
    const flags = [0, 0, 0, PRIMARY, PRIMARY, 0, 0, 0, 0]
    const result = audit(CITY, publish(counts, flags), Uint8Array.from(flags), 3)
    expect(intervalOf(result, 3)).toEqual([1, 2])
    expect(intervalOf(result, 4)).toEqual([1, 2])
  })

  it('uses that a secondary cell is ≥ m: hiding a 3 next to a 1 pins the 1', () => {
    const counts = [40, 13, 27, 1, 3, 9, 7, 10, 10]
    const flags = [0, 0, 0, PRIMARY, SECONDARY, 0, 0, 0, 0]
    const result = audit(CITY, publish(counts, flags), Uint8Array.from(flags), 3)
    expect(intervalOf(result, 3)).toEqual([1, 1])
    expect(intervalOf(result, 4)).toEqual([3, 3])
  })

  it('recovers a hidden district from the city total and uses it against its blocks', () => {
    // District 1 = 13 hidden, its blocks 1 and 3 hidden: alone 1 + x = 13 − 9 leaves nothing to
    // learn about district 1's blocks, but the city gives 13 = 40 − 27, so 1 + x = 4, x ≥ 3.
    const counts = [40, 13, 27, 1, 3, 9, 7, 10, 10]
    const flags = [0, SECONDARY, 0, PRIMARY, SECONDARY, 0, 0, 0, 0]
    const result = audit(CITY, publish(counts, flags), Uint8Array.from(flags), 3)
    expect(intervalOf(result, 1)).toEqual([13, 13])
    expect(intervalOf(result, 3)).toEqual([1, 1])
    // With the other district hidden too (and one of its blocks), the chain breaks.
    const safer = [0, SECONDARY, SECONDARY, PRIMARY, SECONDARY, 0, 0, SECONDARY, 0]
    const result2 = audit(CITY, publish(counts, safer), Uint8Array.from(safer), 3)
    expect(intervalOf(result2, 3)).toEqual([1, 2])
  })

  it('models the attacker who sees one symbol for all hidden cells', () => {
    const counts = [40, 12, 28, 1, 1, 10, 8, 10, 10]
    const flags = [0, 0, 0, PRIMARY, PRIMARY, 0, 0, 0, 0]
    const blind = audit(CITY, publish(counts, flags), Uint8Array.from(flags), 3, {
      flagsPublic: false,
    })
    // Still 1 + 1: both hidden cells are ≥ 1 and sum to 2.
    expect(intervalOf(blind, 3)).toEqual([1, 1])
    const counts2 = [40, 13, 27, 1, 3, 9, 7, 10, 10]
    const flags2 = [0, 0, 0, PRIMARY, SECONDARY, 0, 0, 0, 0]
    const blind2 = audit(CITY, publish(counts2, flags2), Uint8Array.from(flags2), 3, {
      flagsPublic: false,
    })
    expect(intervalOf(blind2, 3)).toEqual([1, 3])
  })

  it('treats cells without a value as absent from every sum', () => {
    const counts = [40, 13, 27, 1, 12, NaN, 7, 10, 10]
    const flags = [0, 0, 0, PRIMARY, SECONDARY, 0, 0, 0, 0]
    const result = audit(CITY, publish(counts, flags), Uint8Array.from(flags), 3)
    expect(intervalOf(result, 3)).toEqual([1, 2])
    expect(result.map((r) => r.cell)).toEqual([3, 4])
  })

  it('counts a flagged cell whose value was published anyway as visible', () => {
    const counts = [40, 13, 27, 1, 3, 9, 7, 10, 10]
    const flags = Uint8Array.from([0, 0, 0, PRIMARY, 0, 0, 0, 0, 0])
    const result = audit(CITY, Float64Array.from(counts), flags, 3)
    expect(result).toEqual([{ cell: 3, lower: 1, upper: 1 }])
  })

  it('throws when the published table contradicts its flags', () => {
    // District 1 is flagged primary (≤ 2) but the city says it is 13.
    const counts = [40, 13, 27, 1, 3, 9, 7, 10, 10]
    const flags = [0, PRIMARY, 0, 0, 0, 0, 0, 0, 0]
    const published = publish(counts, flags)
    expect(() => audit(CITY, published, Uint8Array.from(flags), 3)).toThrow(/no whole-number table/)
  })

  it('says what was expected for malformed input', () => {
    const ok = new Float64Array(9)
    const flags = new Uint8Array(9)
    expect(() => audit(CITY, new Float64Array(3), flags, 3)).toThrow(/one value per area \(9\)/)
    expect(() => audit(CITY, ok, flags, 0)).toThrow(/minCaseNumber must be a whole number ≥ 1/)
    expect(() => audit(CITY, ok, Uint8Array.from([0, 0, 0, 0, 7, 0, 0, 0, 0]), 3)).toThrow(
      /area 4 has 7/,
    )
    expect(() => audit(treeOf([1, 0]), new Float64Array(2), new Uint8Array(2), 3)).toThrow(/cycle/)
  })

  it('equals the exact integer programme (brute-force enumeration) on random small trees', () => {
    const rng = createRandom(7)
    let pinnedSeen = 0
    let compared = 0
    for (let trial = 0; trial < 150; trial++) {
      const m = rng.pick([2, 3, 4])
      // Top → 1–3 middle areas → 1–3 leaves each; the top stays visible so everything is bounded.
      const parent = [-1]
      const middles = rng.int(1, 3)
      for (let k = 0; k < middles; k++) parent.push(0)
      for (let k = 0; k < middles; k++) {
        const leaves = rng.int(1, 3)
        for (let l = 0; l < leaves; l++) parent.push(1 + k)
      }
      const tree = treeOf(parent)
      const n = parent.length
      const counts = new Array<number>(n).fill(0)
      for (let i = 1 + middles; i < n; i++) counts[i] = rng.int(0, 5)
      for (let i = n - 1; i > 0; i--) counts[parent[i] as number]! += counts[i] as number
      const flags = new Array<number>(n).fill(VISIBLE)
      for (let i = 1; i < n; i++) {
        const v = counts[i] as number
        if (v >= 1 && v < m) flags[i] = PRIMARY
        else if (v >= m && rng.chance(0.4)) flags[i] = SECONDARY
      }
      const hiddenLeaves: number[] = []
      for (let i = 1 + middles; i < n; i++) if (flags[i] !== VISIBLE) hiddenLeaves.push(i)
      if (hiddenLeaves.length > 6) continue
      const result = audit(tree, publish(counts, flags), Uint8Array.from(flags), m)

      // Enumerate every split of what the visible leaves leave of the top over the hidden leaves,
      // derive the middles, keep the tables that fit the published values and the rules.
      const top = counts[0] as number
      let budget = top
      for (let i = 1 + middles; i < n; i++) if (flags[i] === VISIBLE) budget -= counts[i] as number
      const lower = new Array<number>(n).fill(Infinity)
      const upper = new Array<number>(n).fill(-Infinity)
      const x = counts.slice()
      const fits = (i: number): boolean => {
        const v = x[i] as number
        if (flags[i] === VISIBLE) return v === counts[i]
        if (flags[i] === PRIMARY) return v >= 1 && v <= m - 1
        return v >= m
      }
      const visit = (k: number, left: number): void => {
        const leaf = hiddenLeaves[k] as number
        if (k === hiddenLeaves.length - 1) x[leaf] = left
        else {
          for (let v = 0; v <= left; v++) {
            x[leaf] = v
            visit(k + 1, left - v)
          }
          return
        }
        for (let j = 1; j <= middles; j++) {
          let s = 0
          for (let i = 1 + middles; i < n; i++) if (parent[i] === j) s += x[i] as number
          x[j] = s
        }
        for (let i = 1; i < n; i++) if (!fits(i)) return
        for (let i = 1; i < n; i++) {
          lower[i] = Math.min(lower[i] as number, x[i] as number)
          upper[i] = Math.max(upper[i] as number, x[i] as number)
        }
      }
      if (hiddenLeaves.length === 0) continue
      visit(0, budget)
      for (const r of result) {
        expect([r.cell, r.lower, r.upper]).toEqual([r.cell, lower[r.cell], upper[r.cell]])
        if (flags[r.cell] === PRIMARY && r.lower === r.upper) pinnedSeen++
        compared++
      }
    }
    // The comparison must have covered real cases, pinned ones among them.
    expect(compared).toBeGreaterThan(200)
    expect(pinnedSeen).toBeGreaterThan(10)
  })
})
