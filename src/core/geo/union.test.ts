import { describe, expect, it } from 'vitest'
import type { Position, Ring } from './geojson.js'
import { isClosedRing, multiPolygonArea, polygonArea, signedRingArea } from './ring.js'
import { unionByEdgeCancellation } from './union.js'

/** Unit square with lower-left corner (x, y), counter-clockwise and closed. */
const square = (x: number, y: number): Ring[] => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
]

/** Canonical form of a ring: vertex keys rotated to start at the smallest one. */
function canonical(ring: Ring): string[] {
  const keys = ring.slice(0, -1).map((p) => `${p[0]},${p[1]}`)
  const min = keys.reduce((m, k, i) => (k < (keys[m] as string) ? i : m), 0)
  return [...keys.slice(min), ...keys.slice(0, min)]
}

function expectValid(polygons: Ring[][]): void {
  for (const polygon of polygons) {
    polygon.forEach((ring, i) => {
      expect(isClosedRing(ring)).toBe(true)
      if (i === 0) expect(signedRingArea(ring)).toBeGreaterThan(0)
      else expect(signedRingArea(ring)).toBeLessThan(0)
    })
  }
}

describe('unionByEdgeCancellation', () => {
  it('merges a 3×3 grid of squares into one 3×3 square with all shared corners kept', () => {
    const cells: Ring[][] = []
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) cells.push(square(x, y))
    const union = unionByEdgeCancellation(cells)
    expectValid(union)
    expect(union).toHaveLength(1)
    expect(union[0]).toHaveLength(1)
    expect(multiPolygonArea(union)).toBe(9)
    // 12 boundary edges of length 1 → 12 distinct vertices + closing vertex.
    expect(union[0]![0]).toHaveLength(13)
  })

  it('builds an L shape and accepts clockwise and open input rings', () => {
    const a = square(0, 0)
    const b: Ring[] = [square(1, 0)[0]!.slice().reverse()] // clockwise
    const c: Ring[] = [square(0, 1)[0]!.slice(0, -1)] // open
    const union = unionByEdgeCancellation([a, b, c])
    expectValid(union)
    expect(union).toHaveLength(1)
    expect(polygonArea(union[0]!)).toBe(3)
    expect(canonical(union[0]![0]!)).toEqual(
      canonical([
        [0, 0],
        [1, 0],
        [2, 0],
        [2, 1],
        [1, 1],
        [1, 2],
        [0, 2],
        [0, 1],
        [0, 0],
      ]),
    )
  })

  it('returns a ring with a hole when eight squares surround an empty middle', () => {
    const cells: Ring[][] = []
    for (let x = 0; x < 3; x++)
      for (let y = 0; y < 3; y++) if (x !== 1 || y !== 1) cells.push(square(x, y))
    const union = unionByEdgeCancellation(cells)
    expectValid(union)
    expect(union).toHaveLength(1)
    expect(union[0]).toHaveLength(2)
    expect(polygonArea(union[0]!)).toBe(8)
    expect(canonical(union[0]![1]!).sort()).toEqual(['1,1', '1,2', '2,1', '2,2'])
  })

  it('keeps disjoint pieces and pieces touching at one corner as separate polygons', () => {
    const union = unionByEdgeCancellation([square(0, 0), square(1, 1), square(5, 5)])
    expectValid(union)
    expect(union).toHaveLength(3)
    for (const polygon of union) expect(polygonArea(polygon)).toBe(1)
  })

  it('unions polygons that already have holes and fills a hole with its island', () => {
    // The vertex (3, 1) lets the frame share the square's edge exactly.
    const frame: Ring[] = [
      [
        [0, 0],
        [3, 0],
        [3, 1],
        [3, 3],
        [0, 3],
        [0, 0],
      ],
      [
        [1, 1],
        [2, 1],
        [2, 2],
        [1, 2],
        [1, 1],
      ],
    ]
    const withHole = unionByEdgeCancellation([frame, square(3, 0)])
    expectValid(withHole)
    expect(withHole).toHaveLength(1)
    expect(withHole[0]).toHaveLength(2)
    expect(polygonArea(withHole[0]!)).toBe(9)
    const filled = unionByEdgeCancellation([frame, square(1, 1)])
    expectValid(filled)
    expect(filled).toEqual([
      [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [3, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    ])
  })

  it('is exact on irregular coordinates: the union area equals the sum of the parts', () => {
    // A fan of triangles around a centre with irregular float coordinates.
    const centre: Position = [9.4000123, 52.2800456]
    const rim: Position[] = []
    for (let i = 0; i < 17; i++) {
      const angle = (2 * Math.PI * i) / 17
      const r = 0.01 * (1 + 0.3 * Math.sin(3 * angle))
      rim.push([
        Math.round((centre[0] + r * Math.cos(angle)) * 1e7) / 1e7,
        Math.round((centre[1] + r * Math.sin(angle)) * 1e7) / 1e7,
      ])
    }
    const triangles: Ring[][] = rim.map((p, i) => [[centre, p, rim[(i + 1) % rim.length]!, centre]])
    const parts = triangles.reduce((s, t) => s + polygonArea(t), 0)
    const union = unionByEdgeCancellation(triangles)
    expectValid(union)
    expect(union).toHaveLength(1)
    expect(union[0]![0]).toHaveLength(18)
    expect(Math.abs(multiPolygonArea(union) - parts) / parts).toBeLessThan(1e-12)
  })

  it('does not merge edges that only partly overlap (T-junction without a shared vertex)', () => {
    const tall: Ring[] = [
      [
        [0, 0],
        [1, 0],
        [1, 2],
        [0, 2],
        [0, 0],
      ],
    ]
    expect(unionByEdgeCancellation([tall, square(1, 0)])).toHaveLength(2)
  })

  it('returns nothing for no input', () => {
    expect(unionByEdgeCancellation([])).toEqual([])
  })
})
