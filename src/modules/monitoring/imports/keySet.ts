/**
 * A compact hash set of non-negative integer keys (below 2^53) that remembers where each key was
 * first seen (row and column). Open addressing with linear probing on typed arrays: 14 bytes per slot
 * at a load of at most 0.7, about 20–30 MB for a million keys, where a `Set<string>` of composite
 * keys takes several times that and puts the garbage collector to work.
 */
export class KeySet {
  private keys: Float64Array
  private rows: Int32Array
  private columns: Uint16Array
  private mask: number
  size = 0

  constructor(expected = 1024) {
    let capacity = 1024
    while (capacity * 0.7 < expected) capacity *= 2
    this.keys = new Float64Array(capacity).fill(-1)
    this.rows = new Int32Array(capacity)
    this.columns = new Uint16Array(capacity)
    this.mask = capacity - 1
  }

  /** Bytes held by the set's arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.rows.byteLength + this.columns.byteLength
  }

  private slot(key: number): number {
    // Mix the high and low 32 bits (murmur3 finaliser constants).
    const lo = key >>> 0
    const hi = Math.floor(key / 4294967296) >>> 0
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    let i = h & this.mask
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask
    return i
  }

  /**
   * Adds a key seen at a row and column; returns null when it is new, else where it was first seen.
   *
   * @example
   * const seen = new KeySet()
   * seen.add(42, 2, 3) // null
   * seen.add(42, 9, 3) // { row: 2, column: 3 }
   */
  add(key: number, row: number, column: number): { row: number; column: number } | null {
    const i = this.slot(key)
    if (this.keys[i] === key) return { row: this.rows[i]!, column: this.columns[i]! }
    this.keys[i] = key
    this.rows[i] = row
    this.columns[i] = column
    this.size++
    if (this.size > (this.mask + 1) * 0.7) this.grow()
    return null
  }

  /** Where a key was first seen, or null. */
  get(key: number): { row: number; column: number } | null {
    const i = this.slot(key)
    return this.keys[i] === key ? { row: this.rows[i]!, column: this.columns[i]! } : null
  }

  private grow(): void {
    const { keys, rows, columns } = this
    const capacity = keys.length * 2
    this.keys = new Float64Array(capacity).fill(-1)
    this.rows = new Int32Array(capacity)
    this.columns = new Uint16Array(capacity)
    this.mask = capacity - 1
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!
      if (key === -1) continue
      const i = this.slot(key)
      this.keys[i] = key
      this.rows[i] = rows[j]!
      this.columns[i] = columns[j]!
    }
  }
}
