/**
 * Contiguous regions on a graph of cells: the building block for Sozialräume (groups of blocks)
 * and Stadtbezirke (groups of Sozialräume).
 *
 * Regions grow from seed cells; a cell joins the region whose seed is nearest (Euclidean distance
 * divided by a region weight) among the regions it already touches. A cell can only join a
 * neighbouring region, so every region is one connected piece by construction. Weights are tuned
 * over a few rounds so region sizes approach their targets.
 */
import type { Position } from '../../../core/geo/geojson.js'
import type { Random } from '../../../core/random.js'

export interface CellGraph {
  /** The nodes to partition. */
  nodes: readonly number[]
  position(node: number): Position
  /** Weight used for centroids (e.g. area). */
  weight(node: number): number
  /** Neighbours of a node (may include nodes outside `nodes`; they are ignored). */
  neighbours(node: number): readonly number[]
}

/** Binary min-heap of [priority, node, region] triples, ties broken by node then region. */
class Heap {
  private items: [number, number, number][] = []
  get size(): number {
    return this.items.length
  }
  private less(a: [number, number, number], b: [number, number, number]): boolean {
    return a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))
  }
  push(item: [number, number, number]): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(items[i]!, items[parent]!)) break
      ;[items[i], items[parent]] = [items[parent]!, items[i]!]
      i = parent
    }
  }
  pop(): [number, number, number] | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length > 0 && last) {
      items[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < items.length && this.less(items[l]!, items[m]!)) m = l
        if (r < items.length && this.less(items[r]!, items[m]!)) m = r
        if (m === i) break
        ;[items[i], items[m]] = [items[m]!, items[i]!]
        i = m
      }
    }
    return top
  }
}

function growOnce(
  graph: CellGraph,
  seeds: readonly number[],
  weights: readonly number[],
): Map<number, number> {
  const member = new Set(graph.nodes)
  const region = new Map<number, number>()
  const heap = new Heap()
  const seedPos = seeds.map((s) => graph.position(s))
  const push = (node: number, k: number) => {
    const p = graph.position(node)
    const s = seedPos[k] as Position
    heap.push([Math.hypot(p[0] - s[0], p[1] - s[1]) / (weights[k] as number), node, k])
  }
  seeds.forEach((s, k) => region.set(s, k))
  seeds.forEach((s, k) => {
    for (const nb of graph.neighbours(s)) if (member.has(nb) && !region.has(nb)) push(nb, k)
  })
  while (heap.size > 0) {
    const [, node, k] = heap.pop() as [number, number, number]
    if (region.has(node)) continue
    region.set(node, k)
    for (const nb of graph.neighbours(node)) if (member.has(nb) && !region.has(nb)) push(nb, k)
  }
  // Nodes not reachable from any seed (disconnected input) are left out on purpose.
  return region
}

/**
 * Grows one connected region per seed so that region sizes (node counts) approach `targets`.
 * Returns node → region index.
 */
export function growRegions(
  graph: CellGraph,
  seeds: readonly number[],
  targets: readonly number[],
  rounds = 14,
): Map<number, number> {
  const weights = seeds.map(() => 1)
  let best: Map<number, number> | null = null
  let bestError = Infinity
  for (let round = 0; round < rounds; round++) {
    const region = growOnce(graph, seeds, weights)
    const sizes = seeds.map(() => 0)
    for (const k of region.values()) sizes[k] = (sizes[k] as number) + 1
    let error = 0
    sizes.forEach((size, k) => {
      error = Math.max(error, Math.abs(size - (targets[k] as number)) / (targets[k] as number))
    })
    if (error < bestError) {
      bestError = error
      best = region
    }
    // Region extent grows with the square root of its node count.
    sizes.forEach((size, k) => {
      weights[k] = (weights[k] as number) * Math.sqrt((targets[k] as number) / Math.max(size, 0.5))
    })
  }
  return best as Map<number, number>
}

/**
 * Partitions the graph into `targets.length` compact connected regions: seeds by farthest-point
 * sampling, a few Lloyd rounds on the graph (seed := node nearest its region's centroid), then
 * size-balanced growth.
 */
export function partition(
  rng: Random,
  graph: CellGraph,
  targets: readonly number[],
): Map<number, number> {
  const k = targets.length
  const nodes = graph.nodes
  const dist = (a: Position, b: Position) => Math.hypot(a[0] - b[0], a[1] - b[1])
  const seeds: number[] = [rng.pick(nodes)]
  while (seeds.length < k) {
    let bestNode = nodes[0] as number
    let bestDist = -1
    for (const node of nodes) {
      const p = graph.position(node)
      let d = Infinity
      for (const s of seeds) d = Math.min(d, dist(p, graph.position(s)))
      if (d > bestDist) {
        bestDist = d
        bestNode = node
      }
    }
    seeds.push(bestNode)
  }
  for (let round = 0; round < 4; round++) {
    const region = growRegions(graph, seeds, targets, 6)
    const sums = seeds.map(() => ({ x: 0, y: 0, w: 0 }))
    for (const [node, r] of region) {
      const p = graph.position(node)
      const w = graph.weight(node)
      const s = sums[r] as { x: number; y: number; w: number }
      s.x += p[0] * w
      s.y += p[1] * w
      s.w += w
    }
    sums.forEach((s, r) => {
      if (s.w <= 0) return
      const c: Position = [s.x / s.w, s.y / s.w]
      let bestNode = seeds[r] as number
      let bestDist = Infinity
      for (const [node, rr] of region) {
        if (rr !== r) continue
        const d = dist(graph.position(node), c)
        if (d < bestDist) {
          bestDist = d
          bestNode = node
        }
      }
      seeds[r] = bestNode
    })
  }
  return growRegions(graph, seeds, targets)
}
