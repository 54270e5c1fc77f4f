/**
 * Internal helpers of disclosure control: the area tree as child lists in top-down order, checked
 * once, and the checks on the counts that the attacker model relies on (whole numbers ≥ 0, every
 * parent equal to the sum of its children).
 */
import type { AreaTree } from '../indicators/types.js'

/** The area tree with child lists and a top-down order (every parent before its children). */
export interface Hierarchy {
  size: number
  parent: Int32Array
  /** Children of area i are `childIndex[childStart[i]]` … `childIndex[childStart[i + 1] - 1]`, by index. */
  childStart: Int32Array
  childIndex: Int32Array
  /** Breadth-first order from the top areas: parents before children. */
  order: Int32Array
  /** 0 for a top area, 1 for its children, … */
  depth: Int32Array
}

/**
 * Builds the child lists of a tree and checks it: every parent index must be -1 or another area,
 * and following parents must end at a top area (no cycles).
 */
export function buildHierarchy(tree: AreaTree, caller: string): Hierarchy {
  const n = tree.size
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`${caller}: tree.size must be a whole number ≥ 0, got ${n}.`)
  }
  if (tree.parent.length !== n) {
    throw new RangeError(
      `${caller}: tree.parent must have one entry per area (${n}), got ${tree.parent.length}.`,
    )
  }
  const parent = tree.parent
  const childCount = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number
    if (p === -1) continue
    if (p < 0 || p >= n || p === i) {
      throw new RangeError(
        `${caller}: tree.parent[${i}] must be -1 or the index of another area (0…${n - 1}), got ${p}.`,
      )
    }
    childCount[p + 1]!++
  }
  const childStart = new Int32Array(n + 1)
  for (let i = 0; i < n; i++)
    childStart[i + 1] = (childStart[i] as number) + (childCount[i + 1] as number)
  const fill = childStart.slice(0, n)
  const childIndex = new Int32Array(Math.max(0, childStart[n] as number))
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number
    if (p >= 0) childIndex[fill[p]!++] = i
  }

  const order = new Int32Array(n)
  const depth = new Int32Array(n)
  let tail = 0
  for (let i = 0; i < n; i++) if (parent[i] === -1) order[tail++] = i
  for (let head = 0; head < tail; head++) {
    const p = order[head] as number
    for (let k = childStart[p] as number, end = childStart[p + 1] as number; k < end; k++) {
      const c = childIndex[k] as number
      depth[c] = (depth[p] as number) + 1
      order[tail++] = c
    }
  }
  if (tail !== n) {
    throw new RangeError(
      `${caller}: tree.parent must lead every area to a top area (-1), but ${n - tail} areas lie on a cycle.`,
    )
  }
  return { size: n, parent, childStart, childIndex, order, depth }
}

/**
 * Checks that every value is NaN (no value) or a whole number ≥ 0 and returns 1 for areas with a
 * value, 0 for NaN.
 */
export function valuedAreas(
  values: Float64Array,
  n: number,
  caller: string,
  what: string,
): Uint8Array {
  if (values.length !== n) {
    throw new RangeError(
      `${caller}: ${what} must have one value per area (${n}), got ${values.length}.`,
    )
  }
  const has = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    if (Number.isNaN(v)) continue
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(
        `${caller}: ${what} must be whole numbers ≥ 0 (or NaN for no value); area ${i} has ${v}.`,
      )
    }
    has[i] = 1
  }
  return has
}

/**
 * Checks additivity: a parent with a value equals the sum of its children that have a value
 * (children without a value count as absent; a parent whose children all lack a value is not
 * constrained by them).
 */
export function checkAdditive(
  h: Hierarchy,
  values: Float64Array,
  has: Uint8Array,
  caller: string,
): void {
  for (let p = 0; p < h.size; p++) {
    if (!has[p]) continue
    let sum = 0
    let valued = 0
    for (let k = h.childStart[p] as number, end = h.childStart[p + 1] as number; k < end; k++) {
      const c = h.childIndex[k] as number
      if (!has[c]) continue
      sum += values[c] as number
      valued++
    }
    if (valued > 0 && sum !== values[p]) {
      throw new RangeError(
        `${caller}: counts must add up (every parent equals the sum of its children); ` +
          `area ${p} has ${values[p]}, its children sum to ${sum}.`,
      )
    }
  }
}

/** Number of children with a value, per area. */
export function valuedChildCount(h: Hierarchy, has: Uint8Array): Int32Array {
  const count = new Int32Array(h.size)
  for (let i = 0; i < h.size; i++) {
    const p = h.parent[i] as number
    if (p >= 0 && has[i] && has[p]) count[p]!++
  }
  return count
}
