import { describe, expect, it } from 'vitest'

import { Lru } from './lru.js'

describe('Lru', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const lru = new Lru<string, number>(2)
    lru.set('a', 1).set('b', 2)
    expect(lru.get('a')).toBe(1) // a is now newer than b
    lru.set('c', 3)
    expect([lru.has('a'), lru.has('b'), lru.has('c')]).toEqual([true, false, true])
    expect(lru.size).toBe(2)
  })

  it('counts a replaced entry once and renews it', () => {
    const lru = new Lru<string, number>(2)
    lru.set('a', 1).set('b', 2).set('a', 10).set('c', 3)
    expect(lru.get('a')).toBe(10)
    expect(lru.has('b')).toBe(false)
    expect(lru.weight).toBe(2)
  })

  it('bounds the sum of weights, and keeps nothing heavier than the capacity', () => {
    const lru = new Lru<string, string>(10, (text) => text.length)
    lru.set('a', 'xxxx').set('b', 'yyyy')
    expect(lru.weight).toBe(8)
    lru.set('c', 'zzzz') // 12 > 10: a goes
    expect([lru.has('a'), lru.has('b'), lru.has('c')]).toEqual([false, true, true])
    expect(lru.weight).toBe(8)
    lru.set('big', 'x'.repeat(11))
    expect(lru.has('big')).toBe(false)
    expect(lru.weight).toBe(8)
    expect(lru.delete('b')).toBe(true)
    expect(lru.delete('b')).toBe(false)
    expect(lru.weight).toBe(4)
  })

  it('needs a positive capacity', () => {
    expect(() => new Lru(0)).toThrow(/capacity > 0, got 0/)
  })
})
