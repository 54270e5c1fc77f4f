import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../core/random.js'
import { type CellGraph, growRegions, partition } from './regions.js'

/** A w × h grid graph with 4-neighbourhood; node = y * w + x. */
function grid(w: number, h: number): CellGraph {
  return {
    nodes: Array.from({ length: w * h }, (_, i) => i),
    position: (n) => [n % w, Math.floor(n / w)],
    weight: () => 1,
    neighbours: (n) => {
      const x = n % w
      const y = Math.floor(n / w)
      const out: number[] = []
      if (x > 0) out.push(n - 1)
      if (x < w - 1) out.push(n + 1)
      if (y > 0) out.push(n - w)
      if (y < h - 1) out.push(n + w)
      return out
    },
  }
}

function isConnected(graph: CellGraph, members: number[]): boolean {
  const set = new Set(members)
  const seen = new Set([members[0]])
  const todo = [members[0]!]
  while (todo.length > 0) {
    const n = todo.pop()!
    for (const nb of graph.neighbours(n)) {
      if (set.has(nb) && !seen.has(nb)) {
        seen.add(nb)
        todo.push(nb)
      }
    }
  }
  return seen.size === set.size
}

describe('region growing', () => {
  it('assigns every node to one connected region of about the target size', () => {
    const graph = grid(20, 15)
    const region = partition(createRandom(1), graph, [60, 60, 60, 60, 60])
    expect(region.size).toBe(300)
    for (let k = 0; k < 5; k++) {
      const members = graph.nodes.filter((n) => region.get(n) === k)
      expect(isConnected(graph, members)).toBe(true)
      expect(members.length).toBeGreaterThan(40)
      expect(members.length).toBeLessThan(80)
    }
  })

  it('grows from fixed seeds and honours unequal targets', () => {
    const graph = grid(30, 10)
    const region = growRegions(graph, [0, 299], [60, 240])
    const sizes = [0, 1].map((k) => graph.nodes.filter((n) => region.get(n) === k).length)
    expect(sizes[0]! + sizes[1]!).toBe(300)
    expect(sizes[0]).toBeLessThan(sizes[1]!)
    expect(region.get(0)).toBe(0)
    expect(region.get(299)).toBe(1)
  })
})
