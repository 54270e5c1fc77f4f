import { describe, expect, it } from 'vitest'
import { createRandom } from './random.js'

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    const c = createRandom(43)
    const seqA = Array.from({ length: 20 }, () => a.next())
    const seqB = Array.from({ length: 20 }, () => b.next())
    const seqC = Array.from({ length: 20 }, () => c.next())
    expect(seqA).toEqual(seqB)
    expect(seqA).not.toEqual(seqC)
  })

  it('draws uniform numbers in [0, 1) with mean about 0.5', () => {
    const rng = createRandom(1)
    let sum = 0
    let min = Infinity
    let max = -Infinity
    const n = 100_000
    for (let i = 0; i < n; i++) {
      const x = rng.next()
      min = Math.min(min, x)
      max = Math.max(max, x)
      sum += x
    }
    expect(min).toBeGreaterThanOrEqual(0)
    expect(max).toBeLessThan(1)
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01)
  })

  it('draws normal numbers with the requested mean and standard deviation', () => {
    const rng = createRandom(7)
    const n = 100_000
    let sum = 0
    let sq = 0
    for (let i = 0; i < n; i++) {
      const x = rng.normal(10, 2)
      sum += x
      sq += x * x
    }
    const mean = sum / n
    const sd = Math.sqrt(sq / n - mean * mean)
    expect(Math.abs(mean - 10)).toBeLessThan(0.03)
    expect(Math.abs(sd - 2)).toBeLessThan(0.03)
  })

  it('keeps integers in range and rounds stochastically without bias', () => {
    const rng = createRandom(3)
    const seen = new Set<number>()
    for (let i = 0; i < 1000; i++) seen.add(rng.int(1, 6))
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6])
    let sum = 0
    for (let i = 0; i < 50_000; i++) sum += rng.round(2.3)
    expect(Math.abs(sum / 50_000 - 2.3)).toBeLessThan(0.01)
  })

  it('picks weighted indices in proportion to the weights and never a zero weight', () => {
    const rng = createRandom(5)
    const counts = [0, 0, 0]
    for (let i = 0; i < 30_000; i++) counts[rng.weightedIndex([1, 0, 3])]! += 1
    expect(counts[1]).toBe(0)
    expect(Math.abs(counts[2]! / counts[0]! - 3)).toBeLessThan(0.2)
    expect(() => rng.weightedIndex([0, 0])).toThrow(/positive weight sum/)
  })

  it('forks independent, reproducible streams', () => {
    const a = createRandom(9).fork('population')
    const b = createRandom(9).fork('population')
    const c = createRandom(9).fork('facilities')
    expect(a.next()).toBe(b.next())
    expect(createRandom(9).fork('x').fork('x').next()).not.toBe(createRandom(9).next())
    expect(a.next()).not.toBe(c.next())
  })

  it('shuffles to a permutation of the input', () => {
    const rng = createRandom(11)
    const items = [1, 2, 3, 4, 5, 6, 7, 8]
    const out = rng.shuffle(items)
    expect([...out].sort()).toEqual(items)
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })
})
