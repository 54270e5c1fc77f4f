/**
 * A fixed-window counter per key, in memory: enough for one server process. Several processes
 * behind a load balancer each count on their own (the limit per client grows with their number);
 * the account lockout in the database still holds across processes.
 */
export interface LimitResult {
  allowed: boolean
  /** Seconds until the window of this key ends. */
  retryAfterSeconds: number
}

/**
 * Counts hits per key and refuses more than `limit` per window.
 *
 * @example
 * const limiter = new RateLimiter(10, 15 * 60_000)
 * limiter.hit('10.0.0.1|a@b.de').allowed // true for the first 10 hits in 15 minutes
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Most keys kept; beyond it the oldest windows are forgotten (memory bound). */
    readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit of the key and says whether it is within the limit. */
  hit(key: string): LimitResult {
    const now = this.now()
    let window = this.windows.get(key)
    if (window === undefined || now - window.start >= this.windowMs) {
      this.windows.delete(key)
      window = { start: now, count: 0 }
      this.windows.set(key, window)
      this.evict(now)
    }
    window.count++
    const retryAfterSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000))
    return { allowed: window.count <= this.limit, retryAfterSeconds }
  }

  /** The current count of a key (0 when its window has ended). */
  count(key: string): number {
    const window = this.windows.get(key)
    return window === undefined || this.now() - window.start >= this.windowMs ? 0 : window.count
  }

  /** Forgets a key (e.g. after a successful sign-in). */
  reset(key: string): void {
    this.windows.delete(key)
  }

  private evict(now: number): void {
    if (this.windows.size <= this.maxKeys) return
    for (const [key, window] of this.windows) {
      if (this.windows.size <= this.maxKeys) break
      // Oldest first (Map keeps insertion order; a new window is re-inserted at the end).
      if (now - window.start >= this.windowMs || this.windows.size > this.maxKeys) {
        this.windows.delete(key)
      }
    }
  }
}
