import { describe, expect, it } from 'vitest'
import type { Ring } from './geojson.js'
import {
  closeRing,
  isClosedRing,
  multiPolygonArea,
  polygonArea,
  rewindPolygon,
  signedRingArea,
} from './ring.js'

const ccw: Ring = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
]
const hole: Ring = [
  [1, 1],
  [2, 1],
  [2, 2],
  [1, 2],
  [1, 1],
]

describe('ring measures', () => {
  it('gives a positive signed area for counter-clockwise rings and a negative one otherwise', () => {
    expect(signedRingArea(ccw)).toBe(16)
    expect(signedRingArea(ccw.slice().reverse())).toBe(-16)
    expect(signedRingArea(ccw.slice(0, -1))).toBe(16)
  })

  it('subtracts holes whatever their orientation', () => {
    expect(polygonArea([ccw, hole])).toBe(15)
    expect(polygonArea([ccw, hole.slice().reverse()])).toBe(15)
    expect(multiPolygonArea([[ccw, hole], [hole]])).toBe(16)
  })

  it('closes open rings and recognises closed ones', () => {
    expect(isClosedRing(ccw)).toBe(true)
    expect(isClosedRing(ccw.slice(0, -1))).toBe(false)
    expect(closeRing(ccw.slice(0, -1))).toEqual(ccw)
    expect(closeRing(ccw)).toEqual(ccw)
  })

  it('rewinds to RFC 7946 orientation', () => {
    const rewound = rewindPolygon([ccw.slice().reverse(), hole])
    expect(signedRingArea(rewound[0]!)).toBeGreaterThan(0)
    expect(signedRingArea(rewound[1]!)).toBeLessThan(0)
  })
})
