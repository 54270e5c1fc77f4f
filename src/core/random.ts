/**
 * Small seeded pseudo-random number generator for reproducible demo data, benchmarks and tests.
 *
 * sfc32 (Chris Doty-Humphrey's "Small Fast Counting" generator, from PractRand) seeded through
 * splitmix32: 128 bits of state, passes PractRand/BigCrush, and is fast in JavaScript because it
 * only uses 32-bit integer operations. Not for cryptography.
 */

/** A seeded stream of random numbers. Every method advances the same stream. */
export interface Random {
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number
  /** Uniform float in [min, max). */
  uniform(min: number, max: number): number
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number
  /** Normally distributed value (Box–Muller transform). */
  normal(mean?: number, sd?: number): number
  /** True with probability p. */
  chance(p: number): boolean
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T
  /** Index drawn with probability proportional to the (non-negative) weights. */
  weightedIndex(weights: ArrayLike<number>): number
  /** A new array with the items in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[]
  /**
   * Rounds x to a neighbouring integer so that the expected value equals x
   * (stochastic rounding): 2.3 becomes 3 with probability 0.3, otherwise 2.
   */
  round(x: number): number
  /**
   * An independent stream derived from this stream's seed and a label, so that adding draws in one
   * part of a program does not shift the numbers of another part.
   */
  fork(label: string): Random
}

/** splitmix32: spreads a 32-bit seed over well-mixed state words. */
function splitmix32(state: number): () => number {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** FNV-1a 32-bit hash of a string, to turn fork labels into seeds. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/**
 * Creates a seeded random stream.
 *
 * @example
 * const rng = createRandom(2025)
 * rng.next() // always the same first number for seed 2025
 * rng.normal(0, 1)
 */
export function createRandom(seed: number): Random {
  const init = splitmix32(seed >>> 0)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const seedWord = seed >>> 0
  const u32 = (): number => {
    // sfc32 step
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  // Discard the first outputs: sfc32 mixes its state over the first few rounds.
  for (let i = 0; i < 12; i++) u32()

  let spare: number | null = null
  const next = (): number => u32() / 4294967296

  const rng: Random = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: (mean = 0, sd = 1) => {
      if (spare !== null) {
        const z = spare
        spare = null
        return mean + sd * z
      }
      // Box–Muller; 1 - next() lies in (0, 1], so the logarithm is finite.
      const u = 1 - next()
      const v = next()
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return mean + sd * r * Math.cos(2 * Math.PI * v)
    },
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick() needs a non-empty array, got 0 items.')
      return items[Math.floor(next() * items.length)] as T
    },
    weightedIndex: (weights) => {
      let total = 0
      for (let i = 0; i < weights.length; i++) total += Math.max(0, weights[i] ?? 0)
      if (!(total > 0)) {
        throw new Error(`weightedIndex() needs a positive weight sum, got ${total}.`)
      }
      let x = next() * total
      let last = -1
      for (let i = 0; i < weights.length; i++) {
        const w = Math.max(0, weights[i] ?? 0)
        if (w <= 0) continue
        last = i
        x -= w
        if (x < 0) return i
      }
      return last
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = items.slice()
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        const tmp = out[i] as T
        out[i] = out[j] as T
        out[j] = tmp
      }
      return out
    },
    round: (x) => {
      const f = Math.floor(x)
      return next() < x - f ? f + 1 : f
    },
    fork: (label) => createRandom(fnv1a(`${seedWord}/${label}`)),
  }
  return rng
}
