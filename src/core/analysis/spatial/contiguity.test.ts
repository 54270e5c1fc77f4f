import { describe, expect, it } from 'vitest'

import type { MultiPolygon, Polygon, Position } from '../../geo/geojson.js'
import { contiguityWeights } from './contiguity.js'
import { neighbourLists, summariseWeights } from './weights.js'

/** Unit square with lower-left corner (x, y), each side split into `parts` edges. */
function square(x: number, y: number, parts = 1, size = 1): Polygon {
  const ring: Position[] = []
  const corners: Position[] = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
  ]
  for (let c = 0; c < 4; c++) {
    const a = corners[c]!
    const b = corners[(c + 1) % 4]!
    for (let k = 0; k < parts; k++) {
      ring.push([a[0] + ((b[0] - a[0]) * k) / parts, a[1] + ((b[1] - a[1]) * k) / parts])
    }
  }
  ring.push([x, y])
  return { type: 'Polygon', coordinates: [ring] }
}

function grid(cols: number, rows: number, parts = 1): Polygon[] {
  const out: Polygon[] = []
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push(square(c, r, parts))
  return out
}

describe('contiguityWeights', () => {
  it('distinguishes queen (corner) from rook (edge) on a 3×3 grid', () => {
    const queen = contiguityWeights(grid(3, 3))
    const rook = contiguityWeights(grid(3, 3), { rule: 'rook' })
    expect(neighbourLists(queen)[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8])
    expect(neighbourLists(rook)[4]).toEqual([1, 3, 5, 7])
    expect(neighbourLists(queen)[0]).toEqual([1, 3, 4])
    expect(neighbourLists(rook)[0]).toEqual([1, 3])
    expect(summariseWeights(queen).links).toBe(40)
    expect(summariseWeights(rook).links).toBe(24)
  })

  it('treats vertices within the tolerance as shared, and only those', () => {
    const a = square(0, 0)
    const shifted = (d: number) => square(1 + d, 0)
    // 1e-10 is below the default tolerance √ε ≈ 1.5e-8.
    expect(summariseWeights(contiguityWeights([a, shifted(1e-10)])).links).toBe(2)
    expect(summariseWeights(contiguityWeights([a, shifted(1e-10)], { tolerance: 0 })).links).toBe(0)
    expect(summariseWeights(contiguityWeights([a, shifted(1e-6)])).links).toBe(0)
    expect(
      summariseWeights(contiguityWeights([a, shifted(1e-6)], { rule: 'rook', tolerance: 1e-5 }))
        .links,
    ).toBe(2)
  })

  it('handles MultiPolygons, holes and missing geometries (islands)', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0).coordinates, square(5, 0).coordinates],
    }
    const w = contiguityWeights([multi, square(6, 0), null, square(-1, 0)], { rule: 'rook' })
    expect(neighbourLists(w)).toEqual([[1, 3], [0], [], [0]])
    expect(w.islands).toEqual([2])
  })

  it('needs a shared stretch of boundary for rook, not one touching point', () => {
    const w = contiguityWeights([square(0, 0), square(1, 1)], { rule: 'rook' })
    expect(w.islands).toEqual([0, 1])
  })

  it('rejects other geometry types and bad tolerances with a clear message', () => {
    expect(() =>
      contiguityWeights([{ type: 'Point', coordinates: [0, 0] } as unknown as Polygon]),
    ).toThrow('area 0 has geometry type Point, expected Polygon or MultiPolygon')
    expect(() => contiguityWeights([square(0, 0)], { tolerance: -1 })).toThrow(
      'tolerance must be a finite number ≥ 0',
    )
  })

  it('builds queen weights for 11,025 polygons with 20 vertices each', () => {
    const w = contiguityWeights(grid(105, 105, 5))
    // Interior cells have 8 neighbours, edge cells 5, corners 3.
    const expected = 103 * 103 * 8 + 4 * 103 * 5 + 4 * 3
    expect(summariseWeights(w).links).toBe(expected)
    const rook = contiguityWeights(grid(105, 105, 5), { rule: 'rook' })
    expect(summariseWeights(rook).links).toBe(103 * 103 * 4 + 4 * 103 * 3 + 4 * 2)
  })
})
