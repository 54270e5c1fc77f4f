/**
 * Empirical Bayes smoothing of rates for areas with small populations (Marshall 1991, method of
 * moments, Poisson model): raw rates of small areas are pulled towards a reference rate in
 * proportion to their unreliability. Global reference = the overall rate (spdep's `EBest`, GeoDa's
 * "Empirical Bayes", PySAL's `Empirical_Bayes`); local reference = the rate of the area and its
 * neighbours (spdep's `EBlocal`, GeoDa's "Spatial Empirical Bayes"). Pure and browser-safe.
 */
import { includeSelf, transformWeights, type SpatialWeights } from './weights.js'

export interface EmpiricalBayesResult {
  /** Raw rates eᵢ / pᵢ (per person: multiply by 1,000 for per-mille). */
  raw: Float64Array
  /** Smoothed rates. */
  smoothed: Float64Array
  /** Shrinkage weight of the raw rate, Cᵢ = a / (a + m / pᵢ), in [0, 1]. */
  shrinkage: Float64Array
}

export interface GlobalEmpiricalBayesResult extends EmpiricalBayesResult {
  /** Prior mean m = Σe / Σp (the overall rate). */
  mean: number
  /** Prior variance a = s² − m / p̄, truncated at 0. */
  variance: number
}

export interface LocalEmpiricalBayesResult extends EmpiricalBayesResult {
  /** Local prior means mᵢ (rate of the area with its neighbours). */
  mean: Float64Array
  /** Local prior variances aᵢ, truncated at 0. */
  variance: Float64Array
}

function checkCounts(events: ArrayLike<number>, population: ArrayLike<number>, where: string) {
  if (events.length !== population.length) {
    throw new Error(
      `${where}: expected as many populations as event counts (${events.length}), got ${population.length}`,
    )
  }
  if (events.length === 0) throw new Error(`${where}: expected at least one area, got none`)
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    const p = population[i]!
    if (!Number.isFinite(e) || e < 0) {
      throw new Error(`${where}: events of area ${i} is ${e}, expected a finite number ≥ 0`)
    }
    if (!Number.isFinite(p) || !(p > 0)) {
      throw new Error(`${where}: population of area ${i} is ${p}, expected a finite number > 0`)
    }
  }
}

/**
 * Global empirical Bayes rates (Marshall 1991): m = Σe/Σp, s² = Σ pᵢ (rᵢ − m)² / Σp,
 * a = max(0, s² − m / p̄), smoothed = m + (rᵢ − m) · a / (a + m / pᵢ).
 *
 * @example
 * empiricalBayesGlobal(sid74, bir74).smoothed // per birth
 */
export function empiricalBayesGlobal(
  events: ArrayLike<number>,
  population: ArrayLike<number>,
): GlobalEmpiricalBayesResult {
  checkCounts(events, population, 'empiricalBayesGlobal')
  const n = events.length
  let eSum = 0
  let pSum = 0
  for (let i = 0; i < n; i++) {
    eSum += events[i]!
    pSum += population[i]!
  }
  const m = eSum / pSum
  const raw = new Float64Array(n)
  let s2 = 0
  for (let i = 0; i < n; i++) {
    raw[i] = events[i]! / population[i]!
    s2 += population[i]! * (raw[i]! - m) ** 2
  }
  s2 /= pSum
  const a = Math.max(0, s2 - m / (pSum / n))
  const smoothed = new Float64Array(n)
  const shrinkage = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    // With a = 0 and m = 0 (no events at all) every rate is 0 and no shrinkage is defined.
    shrinkage[i] = a > 0 ? a / (a + m / population[i]!) : 0
    smoothed[i] = m + (raw[i]! - m) * shrinkage[i]!
  }
  return { raw, smoothed, shrinkage, mean: m, variance: a }
}

export interface LocalEmpiricalBayesOptions {
  /**
   * How the local variance sums the squared deviations. `geoda` (default, Marshall 1991 and GeoDa;
   * spdep `EBlocal(geoda = TRUE)`): every member j of area i's neighbourhood deviates from the
   * neighbourhood's rate mᵢ. `spdep` (spdep's default `geoda = FALSE`): each member deviates from
   * its own neighbourhood's rate mⱼ.
   */
  method?: 'geoda' | 'spdep'
}

/**
 * Local empirical Bayes rates (Marshall 1991, local version): for each area, the reference rate mᵢ
 * and variance aᵢ come from the area together with its neighbours (binary weights; the weight
 * values of `w` are ignored): mᵢ = Σe / Σp, aᵢ = max(0, Σ pⱼ (rⱼ − mᵢ)² / Σp − mᵢ / p̄ᵢ), p̄ᵢ the
 * mean population of the group, smoothed = mᵢ + (rᵢ − mᵢ) · aᵢ / (aᵢ + mᵢ / pᵢ). An island is its
 * own neighbourhood and keeps its raw rate.
 *
 * @example
 * empiricalBayesLocal(sid74, bir74, queen).smoothed
 */
export function empiricalBayesLocal(
  events: ArrayLike<number>,
  population: ArrayLike<number>,
  w: SpatialWeights,
  options: LocalEmpiricalBayesOptions = {},
): LocalEmpiricalBayesResult {
  const where = 'empiricalBayesLocal'
  checkCounts(events, population, where)
  if (w.n !== events.length) {
    throw new Error(`${where}: expected weights for ${events.length} areas, got ${w.n}`)
  }
  const method = options.method ?? 'geoda'
  if (method !== 'geoda' && method !== 'spdep') {
    throw new Error(`${where}: method must be 'geoda' or 'spdep', got '${String(method)}'`)
  }
  const ws = includeSelf(transformWeights(w, 'B'))
  const n = w.n
  const raw = new Float64Array(n)
  for (let i = 0; i < n; i++) raw[i] = events[i]! / population[i]!
  const mean = new Float64Array(n)
  const pSums = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let eSum = 0
    let pSum = 0
    for (let k = ws.offsets[i]!; k < ws.offsets[i + 1]!; k++) {
      eSum += events[ws.neighbours[k]!]!
      pSum += population[ws.neighbours[k]!]!
    }
    mean[i] = eSum / pSum
    pSums[i] = pSum
  }
  const variance = new Float64Array(n)
  const smoothed = new Float64Array(n)
  const shrinkage = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const a0 = ws.offsets[i]!
    const b0 = ws.offsets[i + 1]!
    const m = mean[i]!
    let c = 0
    for (let k = a0; k < b0; k++) {
      const j = ws.neighbours[k]!
      c += population[j]! * (raw[j]! - (method === 'geoda' ? m : mean[j]!)) ** 2
    }
    const pBar = pSums[i]! / (b0 - a0)
    const a = Math.max(0, c / pSums[i]! - m / pBar)
    variance[i] = a
    shrinkage[i] = a > 0 ? a / (a + m / population[i]!) : 0
    smoothed[i] = m + (raw[i]! - m) * shrinkage[i]!
  }
  return { raw, smoothed, shrinkage, mean, variance }
}
