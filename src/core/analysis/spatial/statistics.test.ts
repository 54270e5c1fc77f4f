/**
 * Behaviour of the statistics on small inputs: published PySAL esda docstring values, determinism
 * of the seeded permutations, islands and error messages. The reference values on real data are in
 * test/integration/analysis-spatial-reference.test.ts.
 */
import { describe, expect, it } from 'vitest'

import type { Position } from '../../geo/geojson.js'
import { distanceBandWeights } from './distance.js'
import { empiricalBayesGlobal, empiricalBayesLocal } from './empiricalBayes.js'
import { gearyTest } from './geary.js'
import { localG } from './getisOrd.js'
import { localMoran } from './localMoran.js'
import { moranTest } from './moran.js'
import { transformWeights, weightsFromNeighbours } from './weights.js'

/** `actual` rounds to the published value: within half a unit of its last printed digit. */
function expectPrinted(actual: number, printed: string) {
  const decimals = printed.split('.')[1]?.length ?? 0
  expect(Math.abs(actual - Number(printed))).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-15)
}

// PySAL esda `G_Local` docstring (esda/getisord.py): points, DistanceBand(threshold=15), y.
const POINTS: Position[] = [
  [10, 10],
  [20, 10],
  [40, 10],
  [15, 20],
  [30, 20],
  [30, 30],
]
const Y = [2, 3, 3.2, 5, 8, 7]

describe('Getis-Ord against the PySAL esda G_Local docstring', () => {
  const w = distanceBandWeights(POINTS, 15)

  it('reproduces Gi z-values for binary weights (transform="B")', () => {
    const expected = [
      '-1.0136729',
      '-0.04361589',
      '1.31558703',
      '-0.31412676',
      '1.15373986',
      '1.77833941',
    ]
    const g = localG(Y, w, { star: false })
    expected.forEach((z, i) => expectPrinted(g.z[i]!, z))
  })

  it('reproduces Gi* z-values for binary weights (transform="B", star=True)', () => {
    const expected = [
      '-1.39727626',
      '-0.28917762',
      '0.65064964',
      '-0.28917762',
      '1.23452088',
      '2.02424331',
    ]
    const g = localG(Y, w)
    expected.forEach((z, i) => expectPrinted(g.z[i]!, z))
  })

  it('gives the same Gi* z for row-standardised weights (spdep localG)', () => {
    const b = localG(Y, w).z
    const r = localG(Y, transformWeights(w, 'W')).z
    b.forEach((z, i) => expect(r[i]).toBeCloseTo(z, 12))
  })

  it('is reproducible for a seed and differs between seeds', () => {
    const a = localG(Y, w, { permutations: 199, seed: 5 }).pseudoP!
    const b = localG(Y, w, { permutations: 199, seed: 5 }).pseudoP!
    const c = localG(Y, w, { permutations: 199, seed: 6 }).pseudoP!
    expect(Array.from(a)).toEqual(Array.from(b))
    expect(Array.from(a)).not.toEqual(Array.from(c))
    for (const p of a) expect(p).toBeGreaterThanOrEqual(1 / 200)
  })
})

describe('global tests on a ring of eight areas', () => {
  // A cycle: i neighbours i ± 1; smooth values give strong positive autocorrelation.
  const ring = weightsFromNeighbours(
    Array.from({ length: 8 }, (_, i) => [(i + 1) % 8, (i + 7) % 8]),
  )
  const x = [1, 2, 3, 4, 5, 4, 3, 2]

  it('computes Moran I = (n/S0) Σ wij zi zj / Σ z² by hand', () => {
    // mean 3, z = [-2,-1,0,1,2,1,0,-1], Σz² = 12; Σ_i z_i (z_{i-1} + z_{i+1}) = 16 → I = (8/16)(16/12).
    const r = moranTest(x, ring)
    expect(r.I).toBeCloseTo(2 / 3, 15)
    expect(r.expectation).toBeCloseTo(-1 / 7, 15)
    expect(r.randomisation.z).toBeGreaterThan(2)
  })

  it('computes Geary C = (n−1)/(2 S0) Σ wij (xi − xj)² / Σ z² by hand', () => {
    // Every neighbouring pair differs by 1: Σ wij (xi − xj)² = 16 → C = (7/32)(16/12).
    expect(gearyTest(x, ring).C).toBeCloseTo(7 / 24, 15)
  })

  it('gives reproducible permutation p-values for a seed', () => {
    const a = moranTest(x, ring, { permutations: 99, seed: 11 }).permutation!
    const b = moranTest(x, ring, { permutations: 99, seed: 11 }).permutation!
    expect(a).toEqual(b)
    expect(a.pseudoP).toBeLessThan(0.05)
    const g = gearyTest(x, ring, { permutations: 99, seed: 11 }).permutation!
    expect(g.pseudoP).toBeLessThan(0.05)
  })

  it('says what is wrong with the input', () => {
    expect(() => moranTest([1, 2], ring)).toThrow('expected one value per area (8), got 2 values')
    expect(() => moranTest([1, 1, 1, 1, 1, 1, 1, 1], ring)).toThrow('all values are equal')
    expect(() => moranTest(x, ring, { permutations: -1 })).toThrow('permutations must be')
    expect(() => moranTest(x, ring, { alternative: 'bigger' as unknown as 'greater' })).toThrow(
      "alternative must be one of greater, less, two-sided, got 'bigger'",
    )
  })
})

describe('local Moran', () => {
  const ring = transformWeights(
    weightsFromNeighbours([...Array.from({ length: 8 }, (_, i) => [(i + 1) % 8, (i + 7) % 8]), []]),
    'W',
  )
  const x = [1, 2, 3, 4, 5, 4, 3, 2, 3]

  it('classifies quadrants (zero counts as low) and reports islands as neighbourless', () => {
    const l = localMoran(x, ring, { permutations: 99, seed: 3, alpha: 0.5 })
    expect(l.quadrant.slice(0, 8)).toEqual([
      'low-low',
      'low-low',
      'low-low',
      'high-high',
      'high-high',
      'high-high',
      'low-low',
      'low-low',
    ])
    expect(l.cluster[8]).toBe('neighbourless')
    expect(l.z[8]).toBeNaN()
    expect(l.Ii[8]).toBe(0)
  })

  it('sums Ii to n · I for row-standardised weights (Anselin 1995)', () => {
    const w = transformWeights(
      weightsFromNeighbours(Array.from({ length: 8 }, (_, i) => [(i + 1) % 8, (i + 7) % 8])),
      'W',
    )
    const y = x.slice(0, 8)
    const l = localMoran(y, w, { permutations: 0 })
    const total = l.Ii.reduce((s, v) => s + v, 0)
    expect(total / 8).toBeCloseTo(moranTest(y, w).I, 14)
    expect(l.significance).toBe('analytic')
  })

  it('is reproducible for a seed', () => {
    const a = localMoran(x, ring, { permutations: 99, seed: 9 })
    const b = localMoran(x, ring, { permutations: 99, seed: 9 })
    expect(Array.from(a.pseudoP!)).toEqual(Array.from(b.pseudoP!))
    expect(a.cluster).toEqual(b.cluster)
  })
})

describe('empirical Bayes', () => {
  it('keeps large populations near their raw rate and pulls small ones to the mean', () => {
    const r = empiricalBayesGlobal([10, 1, 50, 0], [1000, 50, 5000, 40])
    expect(r.mean).toBeCloseTo(61 / 6090, 15)
    expect(Math.abs(r.smoothed[2]! - r.raw[2]!)).toBeLessThan(Math.abs(r.smoothed[1]! - r.raw[1]!))
    expect(r.smoothed[3]).toBeGreaterThan(0)
    for (const c of r.shrinkage) expect(c).toBeGreaterThanOrEqual(0)
  })

  it('keeps the raw rate of an island in the local version', () => {
    const w = weightsFromNeighbours([[1], [0], []])
    const r = empiricalBayesLocal([1, 3, 7], [100, 120, 300], w)
    expect(r.smoothed[2]).toBeCloseTo(7 / 300, 15)
    expect(r.mean[0]).toBeCloseTo(4 / 220, 15)
  })

  it('says what is wrong with the counts', () => {
    expect(() => empiricalBayesGlobal([1, 2], [10])).toThrow(
      'expected as many populations as event counts (2), got 1',
    )
    expect(() => empiricalBayesGlobal([1, -2], [10, 10])).toThrow(
      'events of area 1 is -2, expected a finite number ≥ 0',
    )
    expect(() => empiricalBayesGlobal([1, 2], [10, 0])).toThrow(
      'population of area 1 is 0, expected a finite number > 0',
    )
  })
})
