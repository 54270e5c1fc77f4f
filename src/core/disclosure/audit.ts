/**
 * The attacker of cell suppression: what can someone who sees a published table and knows the rules
 * work out about each hidden cell?
 *
 * Attacker model: the "intruder" of Hundepool et al., Statistical Disclosure Control, Wiley 2012,
 * ch. 4 (secondary cell suppression) and ch. 5 (frequency tables), who computes a feasibility
 * interval per hidden cell — what the audit of τ-ARGUS (τ-ARGUS user's manual, CBS / Statistics
 * Netherlands) and `attack()` of the R package sdcTable compute by linear programming; the protection
 * problem as an integer programme: Fischetti and Salazar-González, Management Science 47(7), 2001.
 * The attacker knows
 * - the area tree and every published value;
 * - that counts are whole numbers ≥ 0 and that every parent with a value equals the sum of its
 *   children with a value, on every layer at once (a hidden district recovered from the city total
 *   is then used against its own blocks);
 * - the rules, cell by cell ("flags public", the default): a PRIMARY cell holds 1 … m−1 (or, if the
 *   caller asked to hide it — `extraPrimary` — any count ≥ 0); a SECONDARY cell was not primary and
 *   is never chosen when 0, so it holds ≥ m. With `flagsPublic: false` the attacker sees only that a
 *   cell is hidden (one symbol `.` for every hidden cell, as in German official statistics): every
 *   hidden cell holds ≥ 1 (≥ 0 if requested by the caller).
 *
 * For each hidden cell the attacker's feasible interval [lower, upper] is found by interval
 * propagation over all sum constraints: upwards (a parent lies between the sums of its children's
 * bounds), downwards (a child lies between its parent's bounds minus the other children's bounds),
 * repeated until no bound moves (a fixpoint).
 *
 * Exactness and its limit. In general, interval propagation is a relaxation of the exact integer
 * linear programme the attacker could solve (min and max of x_c over all whole-number tables that
 * fit): it may report a wider interval than the true one, i.e. call a cell protected that an ILP
 * attacker could pin. On ONE hierarchy with interval knowledge per cell, as here, it is exact: the
 * sum constraints form a tree, the values a subtree's top can take are a run of consecutive whole
 * numbers, and sums and intersections of such runs are again runs; so one upward and one downward
 * pass give exactly the ILP's minimum and maximum (a second round confirms the fixpoint; a test
 * checks this against brute-force enumeration). The relaxation bites as soon as the attacker has
 * more than this one table: other variables of the same areas (men + women = total, SGB II under
 * 15 ≤ SGB II total), other periods and published changes, rates with visible denominators, or
 * overlapping hierarchies — none of which is modelled here.
 */
import { PRIMARY, VISIBLE, type AreaTree } from '../indicators/types.js'
import { buildHierarchy, valuedAreas, valuedChildCount, type Hierarchy } from './hierarchy.js'

/** The attacker's feasible interval for one hidden cell. */
export interface FeasibleInterval {
  /** Index of the area. */
  cell: number
  /** Smallest value the cell can take in a whole-number table that fits everything published. */
  lower: number
  /** Largest such value (Infinity when unbounded). */
  upper: number
}

/** What the attacker is assumed to know besides the published values. */
export interface AuditOptions {
  /** The cells the caller asked `suppress` to hide (same array as passed there). */
  extraPrimary?: Uint8Array
  /**
   * Whether the attacker can tell PRIMARY from SECONDARY cells (default true: the stronger
   * attacker). False models a publication with one symbol for every hidden cell.
   */
  flagsPublic?: boolean
}

/**
 * Fills the attacker's knowledge per cell before any sum is used: a point for a visible value, the
 * range the rules allow for a hidden one, NaN for an area without a value (not part of any sum).
 */
export function fillPriors(
  values: Float64Array,
  has: Uint8Array,
  flags: Uint8Array,
  extra: Uint8Array | undefined,
  m: number,
  flagsPublic: boolean,
  lo: Float64Array,
  hi: Float64Array,
): void {
  for (let i = 0; i < values.length; i++) {
    if (!has[i]) {
      lo[i] = NaN
      hi[i] = NaN
      continue
    }
    const f = flags[i] as number
    if (f === VISIBLE) {
      lo[i] = values[i] as number
      hi[i] = values[i] as number
    } else if (extra && extra[i]) {
      lo[i] = 0
      hi[i] = Infinity
    } else if (f === PRIMARY) {
      lo[i] = 1
      hi[i] = flagsPublic ? m - 1 : Infinity
    } else {
      lo[i] = flagsPublic ? m : 1
      hi[i] = Infinity
    }
  }
}

/**
 * Tightens the bounds `lo`/`hi` in place with every sum constraint until nothing changes and
 * returns the number of rounds (an upward and a downward sweep each). Areas without a value
 * (`has` 0) take no part. Throws if the bounds contradict each other.
 */
export function propagateBounds(
  h: Hierarchy,
  has: Uint8Array,
  valuedChildren: Int32Array,
  lo: Float64Array,
  hi: Float64Array,
  caller: string,
): number {
  const { order, childStart, childIndex } = h
  const n = h.size
  // On a tree the fixpoint is reached after one round and confirmed by the second.
  const maxRounds = 64
  for (let round = 1; round <= maxRounds; round++) {
    let changed = false
    for (let k = n - 1; k >= 0; k--) {
      const p = order[k] as number
      if (!has[p] || valuedChildren[p] === 0) continue
      let sumLo = 0
      let sumHi = 0
      let infinite = 0
      for (let j = childStart[p] as number, end = childStart[p + 1] as number; j < end; j++) {
        const c = childIndex[j] as number
        if (!has[c]) continue
        sumLo += lo[c] as number
        const u = hi[c] as number
        if (u === Infinity) infinite++
        else sumHi += u
      }
      if (sumLo > (lo[p] as number)) {
        lo[p] = sumLo
        changed = true
      }
      if (infinite === 0 && sumHi < (hi[p] as number)) {
        hi[p] = sumHi
        changed = true
      }
    }
    for (let k = 0; k < n; k++) {
      const p = order[k] as number
      if (!has[p] || valuedChildren[p] === 0) continue
      let sumLo = 0
      let sumHi = 0
      let infinite = 0
      const start = childStart[p] as number
      const end = childStart[p + 1] as number
      for (let j = start; j < end; j++) {
        const c = childIndex[j] as number
        if (!has[c]) continue
        sumLo += lo[c] as number
        const u = hi[c] as number
        if (u === Infinity) infinite++
        else sumHi += u
      }
      const pLo = lo[p] as number
      const pHi = hi[p] as number
      // Jacobi step: every child against the sums taken before this group moved (sound, and the
      // next round picks up what a Gauss–Seidel step would have found now).
      for (let j = start; j < end; j++) {
        const c = childIndex[j] as number
        if (!has[c]) continue
        const cLo = lo[c] as number
        const cHi = hi[c] as number
        const othersLo = sumLo - cLo
        const othersInfinite = infinite - (cHi === Infinity ? 1 : 0)
        const othersHi = othersInfinite > 0 ? Infinity : sumHi - (cHi === Infinity ? 0 : cHi)
        const newLo = pLo - othersHi
        const newHi = pHi - othersLo
        if (newLo > cLo) {
          lo[c] = newLo
          changed = true
        }
        if (newHi < cHi) {
          hi[c] = newHi
          changed = true
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (has[i] && (lo[i] as number) > (hi[i] as number)) {
        throw new RangeError(
          `${caller}: no whole-number table fits the published values, flags and sums ` +
            `(area ${i} would need a value in [${lo[i]}, ${hi[i]}]). Check that values and flags ` +
            'belong together and that the same extraPrimary is passed.',
        )
      }
    }
    if (!changed) return round
  }
  throw new Error(`${caller}: interval propagation did not settle within ${maxRounds} rounds.`)
}

/** Checks `flags` and `minCaseNumber`, shared by the public functions. */
export function checkFlagsAndM(flags: Uint8Array, n: number, m: number, caller: string): void {
  if (flags.length !== n) {
    throw new RangeError(
      `${caller}: flags must have one entry per area (${n}), got ${flags.length}.`,
    )
  }
  for (let i = 0; i < n; i++) {
    if ((flags[i] as number) > 2) {
      throw new RangeError(
        `${caller}: flags must be VISIBLE (0), PRIMARY (1) or SECONDARY (2); area ${i} has ${flags[i]}.`,
      )
    }
  }
  checkMinCaseNumber(m, caller)
}

/** The minimum case number must be a whole number ≥ 1. */
export function checkMinCaseNumber(m: number, caller: string): void {
  if (!Number.isInteger(m) || m < 1) {
    throw new RangeError(`${caller}: minCaseNumber must be a whole number ≥ 1, got ${m}.`)
  }
}

/**
 * The attacker: for every hidden cell, the interval of values that fit the published table, the
 * rules and all sums on all layers at once (see the file header for the model and its limits).
 * A primary cell is pinned — recovered — when `lower === upper`.
 *
 * @param published one value per area: the count where visible, NaN where hidden or without value
 * @param flags VISIBLE / PRIMARY / SECONDARY per area, as returned by `suppress`
 * @returns one interval per hidden cell, by area index
 *
 * @example
 * // The 1 + 1 trap: city 12 = blocks 1 (hidden) + 1 (hidden) + 10.
 * const tree = { size: 4, parent: Int32Array.from([-1, 0, 0, 0]), layer: Int32Array.from([0, 1, 1, 1]), layerCount: 2 }
 * audit(tree, Float64Array.from([12, NaN, NaN, 10]), Uint8Array.from([0, 1, 1, 0]), 3)
 * // → [{ cell: 1, lower: 1, upper: 1 }, { cell: 2, lower: 1, upper: 1 }]: both recovered
 */
export function audit(
  tree: AreaTree,
  published: Float64Array,
  flags: Uint8Array,
  minCaseNumber: number,
  options: AuditOptions = {},
): FeasibleInterval[] {
  const caller = 'audit()'
  const h = buildHierarchy(tree, caller)
  const n = h.size
  checkFlagsAndM(flags, n, minCaseNumber, caller)
  valuedAreas(published, n, caller, 'published')
  const extra = options.extraPrimary
  if (extra && extra.length !== n) {
    throw new RangeError(
      `${caller}: extraPrimary must have one entry per area (${n}), got ${extra.length}.`,
    )
  }
  // A flagged cell whose value was published anyway is visible to the attacker.
  const effective = new Uint8Array(n)
  const has = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const hidden = flags[i] !== VISIBLE && Number.isNaN(published[i] as number)
    effective[i] = hidden ? (flags[i] as number) : VISIBLE
    has[i] = hidden || !Number.isNaN(published[i] as number) ? 1 : 0
  }
  const lo = new Float64Array(n)
  const hi = new Float64Array(n)
  fillPriors(published, has, effective, extra, minCaseNumber, options.flagsPublic ?? true, lo, hi)
  propagateBounds(h, has, valuedChildCount(h, has), lo, hi, caller)
  const out: FeasibleInterval[] = []
  for (let i = 0; i < n; i++) {
    if (flags[i] !== VISIBLE) out.push({ cell: i, lower: lo[i] as number, upper: hi[i] as number })
  }
  return out
}
