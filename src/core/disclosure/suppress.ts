/**
 * Cell suppression (Geheimhaltung) for counts on an area hierarchy: primary suppression of small
 * counts and secondary suppression so that no hidden small count can be worked out from totals.
 *
 * Primary. A count of 1 … m−1 (m = the organisation's minimum case number, default 3: 1 and 2 are
 * hidden, 0 is shown) is PRIMARY, and so is every cell the caller asks to hide (`extraPrimary`,
 * e.g. the count under a rate with a tiny denominator). Rates built on a hidden count are hidden
 * with it by the caller, from these flags.
 *
 * The attacker (see `audit.ts`): knows the tree, every visible value, that counts are whole numbers
 * ≥ 0, that every parent equals the sum of its children on every layer at once, and the rules —
 * which hidden cell is PRIMARY (1 … m−1; any count ≥ 0 if requested by the caller) and which is
 * SECONDARY (never 0, so ≥ m). For a hidden cell c the attacker's feasible interval [L_c, U_c] holds
 * every value c takes in some whole-number table that fits all of this.
 *
 * Protection criterion — what "protected" means here:
 * 1. No visible cell holds 1 … m−1.
 * 2. Every PRIMARY cell c has L_c < U_c under that attacker: at least two values remain possible,
 *    so the cell's true value is not pinned — unless c is "self-pinned", i.e. pinned even if every
 *    non-zero cell of the table were hidden. Then the flags alone give it away, and no choice of
 *    secondary cells can help (m = 3: a district of 2 cases in two blocks of 1 each — district ≤ 2
 *    and two primary blocks ≥ 1 force 2 = 1 + 1; m = 2: every primary, since 1 … m−1 is just 1).
 * 3. Every PRIMARY cell, self-pinned ones included, has L_c < U_c under the weaker attacker who sees
 *    one symbol for every hidden cell (`audit(…, { flagsPublic: false })`: any hidden cell ≥ 1) —
 *    except a caller-requested 0 inside an area whose visible total is 0 (zeros are shown; there
 *    is nobody to protect; reported as `unprotectable`). Publishing the official `.` for primary
 *    and secondary cells alike therefore protects all of them; publishing which hidden cell is
 *    primary leaves the self-pinned ones exposed (`suppressWithReport` lists them).
 * The criterion asks that a value is not pinned; it does not ask for a protection interval of a
 * given width (the upper/lower protection levels of τ-ARGUS; Hundepool et al., Statistical
 * Disclosure Control, Wiley 2012, ch. 4): at m = 5 the attacker may learn that a hidden 4 is 3 or
 * 4. Under the rules-aware attacker the interval of a primary never reaches m (its own flag says it
 * is below m), so "cannot even tell it is small" is only meaningful for the one-symbol attacker and
 * is not required.
 *
 * Secondary selection: a greedy heuristic in the spirit of the hierarchical method of τ-ARGUS
 * (de Wolf, "HiTaS: a heuristic approach to cell suppression in hierarchical tables", LNCS 2316,
 * 2002), but checked by an exact audit. Repeat "audit → for every pinned primary (coarse layers
 * first, then by index) hide the cheapest cells that unpin it" until the audit finds no pinned
 * primary: first against the attacker who knows the flags (self-pinned cells skipped), then
 * against the one-symbol attacker. The attacker's interval of c is S ∩ O — S from c's own subtree,
 * O from everything outside it — and c is unpinned once both reach above its value or both reach
 * below it; each part is bought separately and the cheaper side wins. O is widened by hiding a
 * sibling of c, or a sibling of an ancestor together with the visible ancestors in between, or as
 * a last resort every visible ancestor up to the top (the city total matters most to readers);
 * hiding a non-leaf candidate also hides a chain of its cheapest children, so that it cannot
 * simply be recomputed from them. S can only be widened for caller-requested cells (a small count
 * has no visible non-zero children). Cost = the count (prefer the smallest siblings; totals are
 * dear) or the caller's `cost` (e.g. population, so that the same small areas are hidden for every
 * variable and period — consistent patterns). Ties go to the candidate nearest the primary, then
 * to the lower index, so the result is deterministic. A candidate's effect is computed exactly in
 * O(depth) (on a tree the feasible values of a subtree's top are a run of whole numbers, see
 * `audit.ts`). Hiding more cells never narrows an interval, so a protected cell stays protected as
 * the loop goes on; if the greedy ever found no candidate for a protectable cell, every non-zero
 * cell would be hidden (`fallback`; not seen in the tests). Cell suppression with a minimal
 * number of hidden cells is NP-hard (Kelly, Golden and Assad, Networks 22, 1992; Fischetti and
 * Salazar-González, Management Science 47(7), 2001); this greedy is not optimal, only safe.
 *
 * Limits: only this one table of one variable and period (see `audit.ts`); an attacker who also
 * knows this algorithm can reason about why a cell was chosen (the chosen secondary is the cheapest
 * that works); zeros are shown, so a hidden cell is known to be ≥ 1.
 */
import { PRIMARY, SECONDARY, VISIBLE, type AreaTree } from '../indicators/types.js'
import { checkMinCaseNumber, fillPriors, propagateBounds } from './audit.js'
import {
  buildHierarchy,
  checkAdditive,
  valuedAreas,
  valuedChildCount,
  type Hierarchy,
} from './hierarchy.js'

/** Options of `suppress`. */
export interface SuppressOptions {
  /** 1 for cells the caller wants hidden as primary, whatever their count. NaN cells are ignored. */
  extraPrimary?: Uint8Array
  /**
   * Cost of hiding each area as a secondary cell (≥ 0); default: its count. Pass e.g. the
   * population so that the same small areas are chosen for every variable and period.
   */
  cost?: Float64Array
}

/** What `suppressWithReport` returns. */
export interface SuppressionReport {
  /** VISIBLE, PRIMARY or SECONDARY per area. */
  flags: Uint8Array
  /**
   * Primary cells pinned by the rules alone (criterion 2): exposed if the publication shows which
   * hidden cells are primary; protected when every hidden cell carries the same symbol.
   */
  selfPinned: Int32Array
  /**
   * Cells pinned even for the one-symbol attacker with every non-zero cell hidden: only
   * caller-requested cells whose count is 0 inside an area whose visible total is 0 (zeros are
   * shown; there is nobody to protect). A subset of `selfPinned`.
   */
  unprotectable: Int32Array
  /** Rounds of "audit → add secondaries" that added cells. */
  rounds: number
  /**
   * True if the greedy search failed and every non-zero cell was hidden as a safety net. This is
   * not expected to happen; it keeps the result protected if it does.
   */
  fallback: boolean
}

/**
 * Primary and secondary cell suppression of one count per area (one variable, one period).
 *
 * @param counts one whole-number count per area, parents equal to the sum of their children;
 *   NaN = no value (shown as such, taking part in no sum)
 * @param minCaseNumber m: counts 1 … m−1 are hidden
 * @returns VISIBLE / PRIMARY / SECONDARY per area
 *
 * @example
 * // m = 3. City 21 = blocks 1, 5, 7, 8: the 1 is primary. Hiding the smallest other block, 5,
 * // leaves 1 + x = 6 with the secondary x ≥ 3, so the 1 may be 1 or 2: protected.
 * const tree = { size: 5, parent: Int32Array.from([-1, 0, 0, 0, 0]), layer: Int32Array.from([0, 1, 1, 1, 1]), layerCount: 2 }
 * suppress(tree, Float64Array.from([21, 1, 5, 7, 8]), 3) // → [0, 1, 2, 0, 0]
 * // City 13 = blocks 1, 3, 9: hiding the 3 would give 1 + x = 4 with x ≥ 3 ⇒ the 1 is pinned,
 * // so the 9 is hidden instead.
 * const small = { size: 4, parent: Int32Array.from([-1, 0, 0, 0]), layer: Int32Array.from([0, 1, 1, 1]), layerCount: 2 }
 * suppress(small, Float64Array.from([13, 1, 3, 9]), 3) // → [0, 1, 0, 2]
 */
export function suppress(
  tree: AreaTree,
  counts: Float64Array,
  minCaseNumber: number,
  options: SuppressOptions = {},
): Uint8Array {
  return run(tree, counts, minCaseNumber, options, 'suppress()').flags
}

/**
 * Like `suppress`, and also reports the self-pinned primaries and how the search went.
 *
 * @example
 * const { flags, selfPinned } = suppressWithReport(tree, counts, 3)
 * if (selfPinned.length > 0) {
 *   // publish one symbol for all hidden cells, never "primary" vs "secondary"
 * }
 */
export function suppressWithReport(
  tree: AreaTree,
  counts: Float64Array,
  minCaseNumber: number,
  options: SuppressOptions = {},
): SuppressionReport {
  return run(tree, counts, minCaseNumber, options, 'suppressWithReport()')
}

/**
 * Runs `suppress` for every period of an area × period table.
 *
 * Suppression patterns of different periods are independent: each period is protected on its own.
 * A change between two periods (difference, growth rate) must be hidden when either end is hidden,
 * otherwise the hidden end can be recomputed from the visible one — the caller does that from
 * these flags.
 *
 * @param counts `counts[area * periods + p]`
 * @param options `extraPrimary` in the same layout as `counts`; `cost` one per area, for all periods
 * @returns flags in the same layout as `counts`
 *
 * @example
 * const flags = suppressTable(tree, counts, 10, 3)
 * const hidden2024 = flags[area * 10 + 9] !== VISIBLE
 */
export function suppressTable(
  tree: AreaTree,
  counts: Float64Array,
  periods: number,
  minCaseNumber: number,
  options: SuppressOptions = {},
): Uint8Array {
  const caller = 'suppressTable()'
  const n = tree.size
  if (!Number.isInteger(periods) || periods < 1) {
    throw new RangeError(`${caller}: periods must be a whole number ≥ 1, got ${periods}.`)
  }
  if (counts.length !== n * periods) {
    throw new RangeError(
      `${caller}: counts must hold areas × periods = ${n} × ${periods} = ${n * periods} values, got ${counts.length}.`,
    )
  }
  const extra = options.extraPrimary
  if (extra && extra.length !== n * periods) {
    throw new RangeError(
      `${caller}: extraPrimary must have the layout of counts (${n * periods} entries), got ${extra.length}.`,
    )
  }
  const out = new Uint8Array(n * periods)
  const slice = new Float64Array(n)
  const extraSlice = extra ? new Uint8Array(n) : undefined
  for (let p = 0; p < periods; p++) {
    for (let a = 0; a < n; a++) {
      slice[a] = counts[a * periods + p] as number
      if (extra && extraSlice) extraSlice[a] = extra[a * periods + p] as number
    }
    const opts: SuppressOptions = { extraPrimary: extraSlice }
    if (options.cost) opts.cost = options.cost
    const { flags } = run(tree, slice, minCaseNumber, opts, `${caller} period ${p}`)
    for (let a = 0; a < n; a++) out[a * periods + p] = flags[a] as number
  }
  return out
}

function run(
  tree: AreaTree,
  counts: Float64Array,
  m: number,
  options: SuppressOptions,
  caller: string,
): SuppressionReport {
  const h = buildHierarchy(tree, caller)
  const n = h.size
  checkMinCaseNumber(m, caller)
  const has = valuedAreas(counts, n, caller, 'counts')
  checkAdditive(h, counts, has, caller)
  const extra = new Uint8Array(n)
  if (options.extraPrimary) {
    if (options.extraPrimary.length !== n) {
      throw new RangeError(
        `${caller}: extraPrimary must have one entry per area (${n}), got ${options.extraPrimary.length}.`,
      )
    }
    for (let i = 0; i < n; i++) extra[i] = options.extraPrimary[i] && has[i] ? 1 : 0
  }
  const cost = options.cost ?? counts
  if (options.cost) {
    if (options.cost.length !== n) {
      throw new RangeError(
        `${caller}: cost must have one entry per area (${n}), got ${options.cost.length}.`,
      )
    }
    for (let i = 0; i < n; i++) {
      const c = options.cost[i] as number
      if (!(c >= 0 && c < Infinity)) {
        throw new RangeError(`${caller}: cost must be finite and ≥ 0; area ${i} has ${c}.`)
      }
    }
  }

  const flags = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    if (!has[i]) continue
    const v = counts[i] as number
    if ((v >= 1 && v <= m - 1) || extra[i]) flags[i] = PRIMARY
  }
  const valuedChildren = valuedChildCount(h, has)
  const lo = new Float64Array(n)
  const hi = new Float64Array(n)

  // Self-pinned: pinned by the rules-aware attacker even with every non-zero cell hidden (the most
  // any suppression can do, since hiding more never narrows an interval).
  const allHidden = flags.slice()
  for (let i = 0; i < n; i++) {
    if (has[i] && allHidden[i] === VISIBLE && (counts[i] as number) > 0) allHidden[i] = SECONDARY
  }
  fillPriors(counts, has, allHidden, extra, m, true, lo, hi)
  propagateBounds(h, has, valuedChildren, lo, hi, caller)
  const selfPinned = new Uint8Array(n)
  const selfPinnedList: number[] = []
  for (let i = 0; i < n; i++) {
    if (flags[i] === PRIMARY && (hi[i] as number) - (lo[i] as number) < 1) {
      selfPinned[i] = 1
      selfPinnedList.push(i)
    }
  }
  // The same for the one-symbol attacker: only a requested 0 under a visible total of 0.
  fillPriors(counts, has, allHidden, extra, m, false, lo, hi)
  propagateBounds(h, has, valuedChildren, lo, hi, caller)
  const unprotectable = new Uint8Array(n)
  const unprotectableList: number[] = []
  for (let i = 0; i < n; i++) {
    if (flags[i] === PRIMARY && (hi[i] as number) - (lo[i] as number) < 1) {
      unprotectable[i] = 1
      unprotectableList.push(i)
    }
  }

  const search = new SecondarySearch(h, has, counts, flags, extra, m, cost, valuedChildren)
  let rounds = 0
  let fallback = false
  // First against the attacker who knows the flags, then — for the self-pinned cells, the only
  // ones that can still be pinned — against the attacker who sees one symbol for all hidden cells.
  for (const flagsPublic of [true, false]) {
    search.setAttacker(flagsPublic)
    let failed = false
    for (;;) {
      search.copyPriors(lo, hi)
      propagateBounds(h, has, valuedChildren, lo, hi, caller)
      const targets: number[] = []
      for (let i = 0; i < n; i++) {
        if (flags[i] !== PRIMARY || (hi[i] as number) - (lo[i] as number) >= 1) continue
        if (flagsPublic ? selfPinned[i] : unprotectable[i]) continue
        targets.push(i)
      }
      if (targets.length === 0) break
      targets.sort((a, b) => (h.depth[a] as number) - (h.depth[b] as number) || a - b)
      search.computeSubtreeBounds()
      let added = 0
      for (const c of targets) {
        // An earlier secondary of this round may already have unpinned c.
        if (!search.isPinned(c)) continue
        if (search.protect(c)) added++
        else failed = true
      }
      if (failed || added === 0) {
        failed = true
        break
      }
      rounds++
    }
    if (failed) {
      for (let i = 0; i < n; i++) {
        if (has[i] && flags[i] === VISIBLE && (counts[i] as number) > 0) flags[i] = SECONDARY
      }
      fallback = true
      break
    }
  }
  return {
    flags,
    selfPinned: Int32Array.from(selfPinnedList),
    unprotectable: Int32Array.from(unprotectableList),
    rounds,
    fallback,
  }
}

/**
 * The secondary-cell search. Keeps, per area, the interval its subtree allows (S: the attacker's
 * bounds from below, exact on a tree) and per parent the sums of its children's S, so that the
 * attacker's interval of a target cell can be recomputed along its path to the top in O(depth)
 * for any one tentative change.
 */
class SecondarySearch {
  /** The attacker's knowledge per cell before sums (current flags, current attacker). */
  private readonly pLo: Float64Array
  private readonly pHi: Float64Array
  /** Interval allowed by the cell's own subtree. */
  private readonly sLo: Float64Array
  private readonly sHi: Float64Array
  /** Per parent: sum of its children's sLo, of their finite sHi, and the count of infinite sHi. */
  private readonly gLo: Float64Array
  private readonly gHiFinite: Float64Array
  private readonly gHiInfinite: Int32Array
  /** Target cell and its ancestors (as far as sums reach). */
  private readonly path: Int32Array
  private readonly chain: Int32Array
  private chainLength = 0
  private chainCost = 0
  /** Lower bound the attacker knows for a secondary cell. */
  private hiddenLo = 0
  private oLo = 0
  private oHi = 0
  private hLo = 0
  private hHi = 0

  constructor(
    private readonly h: Hierarchy,
    private readonly has: Uint8Array,
    private readonly counts: Float64Array,
    private readonly flags: Uint8Array,
    private readonly extra: Uint8Array,
    private readonly m: number,
    private readonly cost: Float64Array,
    private readonly valuedChildren: Int32Array,
  ) {
    const n = h.size
    this.pLo = new Float64Array(n)
    this.pHi = new Float64Array(n)
    this.sLo = new Float64Array(n)
    this.sHi = new Float64Array(n)
    this.gLo = new Float64Array(n)
    this.gHiFinite = new Float64Array(n)
    this.gHiInfinite = new Int32Array(n)
    let maxDepth = 0
    for (let i = 0; i < n; i++) maxDepth = Math.max(maxDepth, h.depth[i] as number)
    this.path = new Int32Array(maxDepth + 1)
    this.chain = new Int32Array(maxDepth + 1)
  }

  setAttacker(flagsPublic: boolean): void {
    this.hiddenLo = flagsPublic ? this.m : 1
    fillPriors(
      this.counts,
      this.has,
      this.flags,
      this.extra,
      this.m,
      flagsPublic,
      this.pLo,
      this.pHi,
    )
  }

  copyPriors(lo: Float64Array, hi: Float64Array): void {
    lo.set(this.pLo)
    hi.set(this.pHi)
  }

  /** S of every area, bottom-up. */
  computeSubtreeBounds(): void {
    const { order, parent } = this.h
    this.gLo.fill(0)
    this.gHiFinite.fill(0)
    this.gHiInfinite.fill(0)
    for (let k = this.h.size - 1; k >= 0; k--) {
      const i = order[k] as number
      if (!this.has[i]) continue
      this.recomputeOwn(i)
      const p = parent[i] as number
      if (p < 0 || !this.has[p]) continue
      this.gLo[p]! += this.sLo[i] as number
      const u = this.sHi[i] as number
      if (u === Infinity) this.gHiInfinite[p]!++
      else this.gHiFinite[p]! += u
    }
  }

  isPinned(c: number): boolean {
    const length = this.buildPath(c)
    this.evaluateOutside(length, -1, -1, 0, 0)
    const lo = Math.max(this.sLo[c] as number, this.oLo)
    const hi = Math.min(this.sHi[c] as number, this.oHi)
    return hi - lo < 1
  }

  /**
   * Hides the cheapest cells that unpin cell c, or returns false if no single choice does.
   *
   * The attacker's interval of c is T = S ∩ O: S from c's own subtree, O from everything outside
   * it, and the two are changed by disjoint sets of cells. T holds a second value besides the true
   * v either above (S.hi > v and O.hi > v) or below (S.lo < v and O.lo < v). For each side the
   * cheapest way to get S there (hide a child of c, with a chain below it — only possible for
   * caller-requested cells: a small count has no visible non-zero children) and the cheapest way
   * to get O there (hide a sibling of c or of an ancestor, with the visible ancestors in between
   * and a chain below) are found separately; the cheaper side wins, ties go upwards.
   */
  protect(c: number): boolean {
    const { childStart, childIndex } = this.h
    const { flags, has, counts, cost, path } = this
    const v = counts[c] as number
    const length = this.buildPath(c)

    // Own subtree: cost and cells per side (0 = up, 1 = down).
    const sCost = [Infinity, Infinity]
    const sCells: number[][] = [[], []]
    const curSLo = this.sLo[c] as number
    const curSHi = this.sHi[c] as number
    if (curSHi > v) sCost[0] = 0
    if (curSLo < v) sCost[1] = 0
    if ((sCost[0] as number) > 0 || (sCost[1] as number) > 0) {
      for (let k = childStart[c] as number, end = childStart[c + 1] as number; k < end; k++) {
        const y = childIndex[k] as number
        if (!has[y] || flags[y] !== VISIBLE || (counts[y] as number) <= 0) continue
        this.hiddenSubtreeBounds(y)
        const total = (cost[y] as number) + this.chainCost
        let lo = (this.gLo[c] as number) - (this.sLo[y] as number) + this.hLo
        let infinite = this.gHiInfinite[c] as number
        let finite = this.gHiFinite[c] as number
        const yHi = this.sHi[y] as number
        if (yHi === Infinity) infinite--
        else finite -= yHi
        if (this.hHi === Infinity) infinite++
        else finite += this.hHi
        lo = Math.max(this.pLo[c] as number, lo)
        const hi = Math.min(this.pHi[c] as number, infinite > 0 ? Infinity : finite)
        if (hi > v && total < (sCost[0] as number)) {
          sCost[0] = total
          sCells[0] = Array.from(this.chain.subarray(0, this.chainLength))
        }
        if (lo < v && total < (sCost[1] as number)) {
          sCost[1] = total
          sCells[1] = Array.from(this.chain.subarray(0, this.chainLength))
        }
      }
    }

    // Outside: cost and cells per side.
    const oCost = [Infinity, Infinity]
    const oCells: number[][] = [[], []]
    this.evaluateOutside(length, -1, -1, 0, 0)
    if (this.oHi > v) oCost[0] = 0
    if (this.oLo < v) oCost[1] = 0
    const needUp = (oCost[0] as number) > 0 && (sCost[0] as number) < Infinity
    const needDown = (oCost[1] as number) > 0 && (sCost[1] as number) < Infinity
    const record = (side: number, total: number, level: number, chain: boolean): void => {
      oCost[side] = total
      const cells = chain ? Array.from(this.chain.subarray(0, this.chainLength)) : []
      for (let j = 1; j <= level; j++) {
        const a = path[j] as number
        if (flags[a] === VISIBLE) cells.push(a)
      }
      oCells[side] = cells
    }
    if (needUp || needDown) {
      const top = length - 1
      let ancestorsCost = 0
      for (let j = 0; j <= top; j++) {
        if (j >= 1) {
          const a = path[j] as number
          if (flags[a] === VISIBLE) {
            // A zero is never hidden (only a caller-requested zero cell can have zero ancestors).
            if ((counts[a] as number) <= 0) break
            ancestorsCost += cost[a] as number
          }
        }
        const bound = Math.max(
          needUp ? (oCost[0] as number) : -Infinity,
          needDown ? (oCost[1] as number) : -Infinity,
        )
        if (j === top) {
          // Last resort, as the top total (the whole city) matters most to readers: hide every
          // visible ancestor up to the top, the top included.
          const upOpen = needUp && oCost[0] === Infinity
          const downOpen = needDown && oCost[1] === Infinity
          if (!upOpen && !downOpen) break
          this.evaluateOutside(length, top, -1, 0, 0)
          if (upOpen && this.oHi > v) record(0, ancestorsCost, top, false)
          if (downOpen && this.oLo < v) record(1, ancestorsCost, top, false)
          break
        }
        if (ancestorsCost >= bound) continue
        const q = path[j + 1] as number
        const a = path[j] as number
        for (let k = childStart[q] as number, end = childStart[q + 1] as number; k < end; k++) {
          const d = childIndex[k] as number
          if (d === a || !has[d] || flags[d] !== VISIBLE || (counts[d] as number) <= 0) continue
          let total = ancestorsCost + (cost[d] as number)
          if (total >= bound) continue
          this.hiddenSubtreeBounds(d)
          total += this.chainCost
          if (total >= bound) continue
          this.evaluateOutside(length, j, d, this.hLo, this.hHi)
          if (needUp && this.oHi > v && total < (oCost[0] as number)) record(0, total, j, true)
          if (needDown && this.oLo < v && total < (oCost[1] as number)) record(1, total, j, true)
        }
      }
    }

    const up = (sCost[0] as number) + (oCost[0] as number)
    const down = (sCost[1] as number) + (oCost[1] as number)
    if (up === Infinity && down === Infinity) return false
    const side = up <= down ? 0 : 1
    this.hide([...(sCells[side] as number[]), ...(oCells[side] as number[])])
    return true
  }

  /** Flags the cells SECONDARY and updates the subtree bounds. */
  private hide(cells: number[]): void {
    for (const x of cells) {
      this.flags[x] = SECONDARY
      this.pLo[x] = this.hiddenLo
      this.pHi[x] = Infinity
    }
    const depth = this.h.depth
    cells.sort((x, y) => (depth[y] as number) - (depth[x] as number) || x - y)
    for (const x of cells) this.updateUpwards(x)
  }

  /** The target and its ancestors up to the first one without a value; returns the length. */
  private buildPath(c: number): number {
    const { parent } = this.h
    let length = 0
    let x = c
    this.path[length++] = x
    for (;;) {
      const p = parent[x] as number
      if (p < 0 || !this.has[p]) break
      this.path[length++] = p
      x = p
    }
    return length
  }

  /**
   * What everything outside path[0]'s subtree allows for it (into oLo/oHi) if, tentatively, the
   * visible ancestors path[1 … level] were hidden and the sibling d of path[level] (none if d < 0)
   * had subtree bounds [dLo, dHi]. Top-down along the path: W = what the rest of the table allows
   * for a path cell = its own knowledge ∩ (its parent's W minus its siblings' subtree bounds).
   * Exact on a tree.
   */
  private evaluateOutside(
    length: number,
    level: number,
    d: number,
    dLo: number,
    dHi: number,
  ): void {
    const { path, sLo, sHi, pLo, pHi, gLo, gHiFinite, gHiInfinite, flags } = this
    const top = length - 1
    if (top === 0) {
      this.oLo = -Infinity
      this.oHi = Infinity
      return
    }
    const t = path[top] as number
    const hideTop = top <= level && flags[t] === VISIBLE
    let wLo = hideTop ? this.hiddenLo : (pLo[t] as number)
    let wHi = hideTop ? Infinity : (pHi[t] as number)
    for (let i = top - 1; i >= 0; i--) {
      const q = path[i + 1] as number
      const a = path[i] as number
      let othersLo = (gLo[q] as number) - (sLo[a] as number)
      let infinite = gHiInfinite[q] as number
      let finite = gHiFinite[q] as number
      const aHi = sHi[a] as number
      if (aHi === Infinity) infinite--
      else finite -= aHi
      if (i === level && d >= 0) {
        othersLo += dLo - (sLo[d] as number)
        const oldHi = sHi[d] as number
        if (oldHi === Infinity) infinite--
        else finite -= oldHi
        if (dHi === Infinity) infinite++
        else finite += dHi
      }
      const oLo = infinite > 0 ? -Infinity : wLo - finite
      const oHi = wHi - othersLo
      if (i === 0) {
        this.oLo = oLo
        this.oHi = oHi
        return
      }
      const hide = i <= level && flags[a] === VISIBLE
      wLo = Math.max(oLo, hide ? this.hiddenLo : (pLo[a] as number))
      wHi = Math.min(oHi, hide ? Infinity : (pHi[a] as number))
    }
  }

  /**
   * Subtree bounds of d (into hLo/hHi) if d were hidden as a secondary, with a chain of cheapest
   * visible non-zero children hidden below it as long as its children would otherwise give it
   * away. The chain (d first) goes to `chain`, its cost beyond d to `chainCost`.
   */
  private hiddenSubtreeBounds(d: number): void {
    const { childStart, childIndex } = this.h
    const { has, flags, counts, cost, gLo, gHiFinite, gHiInfinite, sLo, sHi, chain } = this
    let length = 0
    chain[length++] = d
    let x = d
    while (
      (this.valuedChildren[x] as number) > 0 &&
      gHiInfinite[x] === 0 &&
      gLo[x] === gHiFinite[x]
    ) {
      let pick = -1
      for (let k = childStart[x] as number, end = childStart[x + 1] as number; k < end; k++) {
        const y = childIndex[k] as number
        if (!has[y] || flags[y] !== VISIBLE || (counts[y] as number) <= 0) continue
        if (pick < 0 || (cost[y] as number) < (cost[pick] as number)) pick = y
      }
      if (pick < 0) break
      chain[length++] = pick
      x = pick
    }
    let curLo = this.hiddenLo
    let curHi = Infinity
    const deepest = chain[length - 1] as number
    if ((this.valuedChildren[deepest] as number) > 0) {
      curLo = Math.max(curLo, gLo[deepest] as number)
      if (gHiInfinite[deepest] === 0) curHi = Math.min(curHi, gHiFinite[deepest] as number)
    }
    let chainCost = 0
    for (let t = length - 2; t >= 0; t--) {
      const up = chain[t] as number
      const y = chain[t + 1] as number
      chainCost += cost[y] as number
      const sumLo = (gLo[up] as number) - (sLo[y] as number) + curLo
      let infinite = gHiInfinite[up] as number
      let finite = gHiFinite[up] as number
      const yHi = sHi[y] as number
      if (yHi === Infinity) infinite--
      else finite -= yHi
      if (curHi === Infinity) infinite++
      else finite += curHi
      curLo = Math.max(this.hiddenLo, sumLo)
      curHi = infinite > 0 ? Infinity : finite
    }
    this.hLo = curLo
    this.hHi = curHi
    this.chainLength = length
    this.chainCost = chainCost
  }

  /** S of cell i from its own knowledge and its children's sums. */
  private recomputeOwn(i: number): void {
    let lo = this.pLo[i] as number
    let hi = this.pHi[i] as number
    if ((this.valuedChildren[i] as number) > 0) {
      lo = Math.max(lo, this.gLo[i] as number)
      if (this.gHiInfinite[i] === 0) hi = Math.min(hi, this.gHiFinite[i] as number)
    }
    this.sLo[i] = lo
    this.sHi[i] = hi
  }

  /** After the knowledge of cell x changed: its S and the sums and S of its ancestors. */
  private updateUpwards(x: number): void {
    const { parent } = this.h
    let i = x
    for (;;) {
      const oldLo = this.sLo[i] as number
      const oldHi = this.sHi[i] as number
      this.recomputeOwn(i)
      const newLo = this.sLo[i] as number
      const newHi = this.sHi[i] as number
      if (newLo === oldLo && newHi === oldHi) return
      const p = parent[i] as number
      if (p < 0 || !this.has[p]) return
      this.gLo[p]! += newLo - oldLo
      if (oldHi === Infinity) this.gHiInfinite[p]!--
      else this.gHiFinite[p]! -= oldHi
      if (newHi === Infinity) this.gHiInfinite[p]!++
      else this.gHiFinite[p]! += newHi
      i = p
    }
  }
}
