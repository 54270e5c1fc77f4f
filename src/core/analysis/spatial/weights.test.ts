import { describe, expect, it } from 'vitest'

import {
  includeSelf,
  neighbourLists,
  spatialLag,
  summariseWeights,
  transformWeights,
  weightOf,
  weightsConstants,
  weightsFromNeighbours,
} from './weights.js'

// A chain 0 – 1 – 2 and an island 3.
const chain = () => weightsFromNeighbours([[1], [2, 0], [1], []])

describe('weightsFromNeighbours', () => {
  it('stores sorted rows in CSR form and reports islands', () => {
    const w = chain()
    expect(Array.from(w.offsets)).toEqual([0, 1, 3, 4, 4])
    expect(Array.from(w.neighbours)).toEqual([1, 0, 2, 1])
    expect(w.islands).toEqual([3])
    expect(w.style).toBe('B')
    expect(neighbourLists(w)).toEqual([[1], [0, 2], [1], []])
  })

  it('rejects self-links, indices out of range and mismatched weights', () => {
    expect(() => weightsFromNeighbours([[0]])).toThrow('area 0 lists itself')
    expect(() => weightsFromNeighbours([[5], []])).toThrow('expected an index 0…1')
    expect(() => weightsFromNeighbours([[1], [0]], { weights: [[1, 2], [1]] })).toThrow(
      'area 0 has 1 neighbours but 2 weights',
    )
  })
})

describe('weight styles', () => {
  it('row-standardises (W) and back to binary (B), leaving islands empty', () => {
    const w = transformWeights(chain(), 'W')
    expect(weightOf(w, 1, 0)).toBe(0.5)
    expect(weightOf(w, 0, 1)).toBe(1)
    expect(weightOf(w, 0, 2)).toBe(0)
    expect(Array.from(transformWeights(w, 'B').weights)).toEqual([1, 1, 1, 1])
  })

  it('includes each area in its own neighbourhood, re-standardising W rows', () => {
    const b = includeSelf(chain())
    expect(neighbourLists(b)).toEqual([[0, 1], [0, 1, 2], [1, 2], [3]])
    expect(Array.from(b.weights)).toEqual([1, 1, 1, 1, 1, 1, 1, 1])
    const w = includeSelf(transformWeights(chain(), 'W'))
    expect(weightOf(w, 1, 1)).toBeCloseTo(1 / 3, 15)
    expect(weightOf(w, 1, 2)).toBeCloseTo(1 / 3, 15)
    expect(weightOf(w, 0, 0)).toBe(0.5)
  })

  it('computes the spatial lag', () => {
    expect(Array.from(spatialLag(transformWeights(chain(), 'W'), [1, 2, 4, 8]))).toEqual([
      2, 2.5, 2, 0,
    ])
    expect(() => spatialLag(chain(), [1, 2])).toThrow('expected one value per area (4), got 2')
  })
})

describe('weights constants', () => {
  it('gives S0, S1, S2 of a binary chain by hand: 4, 8, 24', () => {
    // S0 = 4 links; S1 = ½ Σ (wij + wji)² = ½ · 4 · 2² = 8; S2 = Σ (row + column sums)² = 2² + 4² + 2².
    const c = weightsConstants(chain())
    expect(c).toEqual({ n: 3, S0: 4, S1: 8, S2: 24 })
    expect(weightsConstants(chain(), false).n).toBe(4)
  })

  it('summarises links, neighbour counts and symmetry', () => {
    expect(summariseWeights(chain())).toEqual({
      n: 4,
      links: 4,
      minNeighbours: 0,
      maxNeighbours: 2,
      meanNeighbours: 1,
      islands: [3],
      symmetric: true,
    })
    expect(summariseWeights(weightsFromNeighbours([[1], []])).symmetric).toBe(false)
  })
})
