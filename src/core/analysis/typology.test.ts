import { describe, expect, it } from 'vitest'

import { createRandom } from '../random.js'
import { classify } from './classify.js'
import { clusterProfiles, cutTree, kmeans, silhouette, wardClustering } from './typology.js'

// SciPy's documented toy data (scipy.cluster.hierarchy.ward / fcluster docstrings): four L-shaped
// groups of three points in the corners of a 4 × 4 square.
const SCIPY_X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [0, 4],
  [0, 3],
  [1, 4],
  [4, 0],
  [3, 0],
  [4, 1],
  [4, 4],
  [3, 4],
  [4, 3],
]

/** Squared distances of every row to its cluster mean, computed directly. */
function directWithinSS(data: number[][], assignments: number[]): number {
  let total = 0
  for (const c of new Set(assignments)) {
    const rows = data.filter((_, i) => assignments[i] === c)
    const centre = rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length)
    for (const r of rows) total += r.reduce((s, v, j) => s + (v - centre[j]!) ** 2, 0)
  }
  return total
}

describe('wardClustering (SciPy ward docstring, = R hclust "ward.D2")', () => {
  const tree = wardClustering(SCIPY_X)

  it('reproduces the published merge heights and sizes', () => {
    // Z[:, 2] of the docstring: 1 ×4, 1.29099445 ×4, 5.77350269 ×2, 8.16496581.
    const expected = [1, 1, 1, 1, 1.29099445, 1.29099445, 1.29099445, 1.29099445]
    expected.push(5.77350269, 5.77350269, 8.16496581)
    tree.merges.forEach((m, i) => expect(m.height).toBeCloseTo(expected[i]!, 8))
    expect(tree.merges.map((m) => m.size)).toEqual([2, 2, 2, 2, 3, 3, 3, 3, 6, 6, 12])
  })

  it('cuts like the published fcluster results', () => {
    // fcluster(Z, 1.1, 'distance') = [1,1,2,3,3,4,5,5,6,7,7,8]: 8 clusters.
    expect(tree.cut(8)).toEqual([0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7])
    // fcluster(Z, 3, 'distance') = [1,1,1,2,2,2,3,3,3,4,4,4]: the four corners.
    expect(tree.cut(4)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3])
    expect(tree.cut(1)).toEqual(new Array(12).fill(0))
    expect(tree.cut(12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })

  it('builds a valid tree: every node used once, the root holds all rows', () => {
    const used = tree.merges.flatMap((m) => [m.left, m.right]).sort((a, b) => a - b)
    expect(used).toEqual(Array.from({ length: 22 }, (_, i) => i))
    expect(tree.merges.every((m, i) => m.left < m.right && m.right < 12 + i)).toBe(true)
  })

  it('gives the height of a merge from the Ward criterion: √(2·ΔSSE)', () => {
    // Merging {0} and {1, 2} in one dimension: ΔSSE = (1·2/3)·(0 − 1.5)² = 1.5; height √3.
    const t = wardClustering([[0], [1], [2], [100]])
    expect(t.merges[0]!.height).toBeCloseTo(1, 14)
    expect(t.merges[1]!.height).toBeCloseTo(Math.sqrt(3), 14)
    expect(cutTree(t.merges, 4, 2)).toEqual([0, 0, 0, 1])
  })

  it('explains bad input', () => {
    expect(() => wardClustering([[1, 2], [3]])).toThrow(/2 values in every row, row 1 has 1/)
    expect(() => wardClustering([[1], [NaN]])).toThrow(/row 1 column 0 is NaN/)
    expect(() => tree.cut(13)).toThrow(/from 1 to 12, got 13/)
  })
})

describe('kmeans', () => {
  it('finds the four corners of the SciPy toy data with exact centres and sums of squares', () => {
    const r = kmeans(SCIPY_X, 4, { seed: 3 })
    expect(r.assignments).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3])
    expect(r.centers[0]![0]).toBeCloseTo(1 / 3, 14)
    expect(r.centers[0]![1]).toBeCloseTo(1 / 3, 14)
    // Each L of three points lies 2/3 … from its mean: SS = 1/9 + 1/9 + 4/9 + 4/9 + 1/9 + 1/9 = 4/3.
    r.withinSS.forEach((ss) => expect(ss).toBeCloseTo(4 / 3, 12))
    expect(r.totalWithinSS).toBeCloseTo(directWithinSS(SCIPY_X, r.assignments), 12)
    expect(r.totalSS).toBeCloseTo(directWithinSS(SCIPY_X, new Array(12).fill(0)), 12)
    expect(r.betweenSS).toBeCloseTo(r.totalSS - r.totalWithinSS, 12)
    expect(r.sizes).toEqual([3, 3, 3, 3])
    expect(r.converged).toBe(true)
  })

  it('is reproducible for a seed', () => {
    const rng = createRandom(5)
    const data = Array.from({ length: 200 }, () => [rng.normal(), rng.normal(), rng.normal()])
    expect(kmeans(data, 5, { seed: 9 })).toEqual(kmeans(data, 5, { seed: 9 }))
  })

  it('reaches the exact 1-D optimum (Fisher breaks) on jenks71-like data', () => {
    // In one dimension Fisher's breaks are the global k-means optimum, so k-means with restarts
    // must reach the same within SS (R's kmeans with set.seed(1) stops at GVF 0.9253431).
    const rng = createRandom(21)
    const values = Array.from({ length: 150 }, () => Math.exp(rng.normal(3, 0.6)))
    const fisher = classify(values, 'fisher', 5)
    const r = kmeans(
      values.map((v) => [v]),
      5,
      { nstart: 25, seed: 2 },
    )
    expect(1 - r.totalWithinSS / r.totalSS).toBeCloseTo(fisher.gvf, 10)
  })

  it('explains bad input', () => {
    expect(() => kmeans([[1], [1], [2]], 3)).toThrow(/from 1 to 2 \(distinct rows\), got 3/)
    expect(() => kmeans([], 1)).toThrow(/at least one row/)
  })
})

describe('silhouette', () => {
  it('computes Rousseeuw widths for a hand-checked example', () => {
    // Rows 0, 1, 10, 11 in two clusters. Row 0: a = 1, b = (10 + 11)/2 = 10.5, s = 9.5/10.5.
    // Row 1: a = 1, b = 9.5, s = 8.5/9.5. Symmetric for the other cluster.
    const s = silhouette([[0], [1], [10], [11]], [0, 0, 1, 1])
    expect(s.widths[0]).toBeCloseTo(9.5 / 10.5, 14)
    expect(s.widths[1]).toBeCloseTo(8.5 / 9.5, 14)
    expect(s.widths[3]).toBeCloseTo(9.5 / 10.5, 14)
    expect(s.mean).toBeCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, 14)
    expect(s.clusterMeans[0]).toBeCloseTo(s.mean, 14)
  })

  it('is 0 for singletons, negative for misplaced rows, NaN for one cluster', () => {
    const s = silhouette([[0], [1], [10], [2]], [0, 0, 1, 1])
    expect(s.widths[3]!).toBeLessThan(0)
    expect(silhouette([[0], [1], [10]], [0, 0, 1]).widths[2]).toBe(0)
    expect(silhouette([[0], [1]], [0, 0]).mean).toBeNaN()
  })

  it('rates the SciPy corners higher with 4 clusters than with 2', () => {
    const tree = wardClustering(SCIPY_X)
    expect(silhouette(SCIPY_X, tree.cut(4)).mean).toBeGreaterThan(
      silhouette(SCIPY_X, tree.cut(2)).mean,
    )
  })
})

describe('clusterProfiles', () => {
  it('reports size, mean and sample SD per variable and cluster', () => {
    const data = [
      [1, 100],
      [3, 200],
      [10, 50],
    ]
    const profiles = clusterProfiles(data, [0, 0, 1], ['age', 'income'])
    expect(profiles).toEqual([
      {
        cluster: 0,
        size: 2,
        variables: [
          { name: 'age', mean: 2, sd: Math.SQRT2 },
          { name: 'income', mean: 150, sd: Math.sqrt(5000) },
        ],
      },
      {
        cluster: 1,
        size: 1,
        variables: [
          { name: 'age', mean: 10, sd: NaN },
          { name: 'income', mean: 50, sd: NaN },
        ],
      },
    ])
    expect(() => clusterProfiles(data, [0, 0], ['a', 'b'])).toThrow(/3 assignments.*got 2/)
    expect(() => clusterProfiles(data, [0, 0, 1], ['a'])).toThrow(/2 variable names, got 1/)
  })
})
