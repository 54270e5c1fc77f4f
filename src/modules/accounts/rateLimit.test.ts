import { describe, expect, it } from 'vitest'

import { RateLimiter } from './rateLimit.js'

describe('RateLimiter', () => {
  it('allows `limit` hits per window and says when to retry', () => {
    let now = 0
    const limiter = new RateLimiter(3, 60_000, 100, () => now)
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true])
    now = 15_000
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 })
    expect(limiter.hit('b').allowed).toBe(true)
    now = 60_000
    expect(limiter.hit('a').allowed).toBe(true)
    expect(limiter.count('a')).toBe(1)
    limiter.reset('a')
    expect(limiter.count('a')).toBe(0)
  })

  it('keeps at most maxKeys windows, forgetting the oldest', () => {
    let now = 0
    const limiter = new RateLimiter(1, 60_000, 10, () => now)
    for (let i = 0; i < 100; i++) {
      now = i
      limiter.hit(`k${i}`)
    }
    expect(limiter.count('k99')).toBe(1)
    expect(limiter.count('k0')).toBe(0)
  })
})
