import { describe, expect, it } from 'vitest'
import type { Ring } from './geojson.js'
import {
  locatePointInMultiPolygon,
  locatePointInPolygon,
  pointInMultiPolygon,
} from './pointInPolygon.js'

const outer: Ring = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
]
const hole: Ring = [
  [1, 1],
  [1, 2],
  [2, 2],
  [2, 1],
  [1, 1],
]

describe('point in polygon', () => {
  it('distinguishes inside, boundary and outside, holes included', () => {
    expect(locatePointInPolygon([3, 3], [outer, hole])).toBe('inside')
    expect(locatePointInPolygon([1.5, 1.5], [outer, hole])).toBe('outside')
    expect(locatePointInPolygon([5, 1], [outer, hole])).toBe('outside')
    expect(locatePointInPolygon([4, 2], [outer, hole])).toBe('boundary')
    expect(locatePointInPolygon([0, 0], [outer, hole])).toBe('boundary')
    expect(locatePointInPolygon([1, 1.5], [outer, hole])).toBe('boundary')
  })

  it('handles rays through vertices of a concave ring', () => {
    const zigzag: Ring = [
      [0, 0],
      [2, 1],
      [4, 0],
      [4, 2],
      [2, 1.5],
      [0, 2],
      [0, 0],
    ]
    expect(locatePointInPolygon([1, 1], [zigzag])).toBe('inside')
    expect(locatePointInPolygon([-1, 1], [zigzag])).toBe('outside')
    expect(locatePointInPolygon([2, 0.5], [zigzag])).toBe('outside')
    expect(locatePointInPolygon([2, 1.2], [zigzag])).toBe('inside')
  })

  it('checks every polygon of a multipolygon', () => {
    const far: Ring[] = [
      [
        [10, 10],
        [11, 10],
        [11, 11],
        [10, 10],
      ],
    ]
    expect(locatePointInMultiPolygon([10.8, 10.5], [[outer], far])).toBe('inside')
    expect(pointInMultiPolygon([4, 4], [[outer], far])).toBe(true)
    expect(pointInMultiPolygon([7, 7], [[outer], far])).toBe(false)
  })
})
