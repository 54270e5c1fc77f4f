import { describe, expect, it } from 'vitest'

import type { Position } from '../../geo/geojson.js'
import { distanceBandWeights, knnWeights, minimumThreshold, polygonCentroid } from './distance.js'
import { neighbourLists, weightOf } from './weights.js'

describe('polygonCentroid', () => {
  it('finds the centre of mass of squares, L-shapes and polygons with holes', () => {
    const sq = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ] as Position[]
    expect(polygonCentroid({ type: 'Polygon', coordinates: [sq] })).toEqual([1, 1])
    // L of three unit squares at (0,0), (1,0), (0,1): centroid (2.5/3, 2.5/3)... by moments:
    // x = (0.5 + 1.5 + 0.5) / 3, y = (0.5 + 0.5 + 1.5) / 3.
    const l = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ] as Position[]
    const [lx, ly] = polygonCentroid({ type: 'Polygon', coordinates: [l] })
    expect(lx).toBeCloseTo(2.5 / 3, 14)
    expect(ly).toBeCloseTo(2.5 / 3, 14)
    // A 4×4 square with a 2×2 hole in its right half: mass (16·2 − 4·3) / 12 = 5/3 in x.
    const outer = [
      [0, 0],
      [4, 0],
      [4, 4],
      [0, 4],
      [0, 0],
    ] as Position[]
    const hole = [
      [2, 1],
      [2, 3],
      [4, 3],
      [4, 1],
      [2, 1],
    ] as Position[]
    const [hx, hy] = polygonCentroid({ type: 'Polygon', coordinates: [outer, hole] })
    expect(hx).toBeCloseTo(5 / 3, 14)
    expect(hy).toBeCloseTo(2, 14)
    const [mx] = polygonCentroid({ type: 'MultiPolygon', coordinates: [[sq], [outer]] })
    expect(mx).toBeCloseTo((4 * 1 + 16 * 2) / 20, 14)
  })
})

describe('knnWeights', () => {
  it('takes the k closest points and breaks ties by the lower index', () => {
    const pts: Position[] = [
      [0, 0],
      [1, 0],
      [-1, 0],
      [0, 3],
    ]
    // Points 1 and 2 are both at distance 1 from point 0.
    expect(neighbourLists(knnWeights(pts, 1))).toEqual([[1], [0], [0], [0]])
    expect(neighbourLists(knnWeights(pts, 2))).toEqual([
      [1, 2],
      [0, 2],
      [0, 1],
      [0, 1],
    ])
  })

  it('says what k may be', () => {
    expect(() =>
      knnWeights(
        [
          [0, 0],
          [1, 1],
        ],
        2,
      ),
    ).toThrow('k must be an integer from 1 to 1')
    expect(() => knnWeights([[0, Number.NaN]] as Position[], 1)).toThrow(
      'point 0 is [0,null], expected [x, y] finite numbers',
    )
  })
})

describe('distanceBandWeights', () => {
  // The point set of PySAL esda's G_Local docstring.
  const pts: Position[] = [
    [10, 10],
    [20, 10],
    [40, 10],
    [15, 20],
    [30, 20],
    [30, 30],
  ]

  it('links points within the threshold (inclusive), symmetric', () => {
    expect(neighbourLists(distanceBandWeights(pts, 15))).toEqual([
      [1, 3],
      [0, 3, 4],
      [4],
      [0, 1, 4],
      [1, 2, 3, 5],
      [4],
    ])
    expect(neighbourLists(distanceBandWeights(pts, 10))).toEqual([[1], [0], [], [], [5], [4]])
  })

  it('weights by inverse distance and honours the lower bound', () => {
    const w = distanceBandWeights(pts, 15, { inverse: true, power: 2 })
    expect(weightOf(w, 0, 1)).toBeCloseTo(1 / 100, 15)
    expect(weightOf(w, 0, 3)).toBeCloseTo(1 / 125, 15)
    expect(w.style).toBe('custom')
    expect(neighbourLists(distanceBandWeights(pts, 15, { lower: 10 }))[0]).toEqual([3])
  })

  it('finds the smallest threshold without islands', () => {
    expect(minimumThreshold(pts)).toBeCloseTo(Math.hypot(10, 10), 12)
    expect(distanceBandWeights(pts, minimumThreshold(pts)).islands).toEqual([])
  })
})
