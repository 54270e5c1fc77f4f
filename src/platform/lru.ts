/**
 * A least-recently-used cache: what was read or written last stays, the longest unused goes first
 * once the entries weigh more than the capacity (each weighs 1 unless `weigh` says otherwise,
 * e.g. its bytes). An entry heavier than the whole capacity is not kept.
 *
 * @example
 * const tiles = new Lru<string, Uint8Array>(256)
 * const answers = new Lru<string, Buffer>(32 << 20, (body) => body.length) // 32 MiB
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>()
  private total = 0

  constructor(
    readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {
    if (!(capacity > 0)) throw new RangeError(`Lru: expected a capacity > 0, got ${capacity}`)
  }

  get size(): number {
    return this.entries.size
  }

  /** The sum of the kept entries' weights. */
  get weight(): number {
    return this.total
  }

  has(key: K): boolean {
    return this.entries.has(key)
  }

  /** The value, now the most recently used; undefined if not kept. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: K, value: V): this {
    this.delete(key)
    const weight = this.weigh(value)
    if (weight > this.capacity) return this
    this.entries.set(key, { value, weight })
    this.total += weight
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.capacity) break
      this.entries.delete(oldest)
      this.total -= entry.weight
    }
    return this
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key)
    if (!entry) return false
    this.entries.delete(key)
    this.total -= entry.weight
    return true
  }
}
