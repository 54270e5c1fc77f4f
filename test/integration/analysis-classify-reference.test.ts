/**
 * Classification and typology methods on the shared real datasets: Columbus CRIME (Anselin 1988,
 * R spData) and NC SIDS rates 1974–78 (Cressie 1991, R sf). No published breaks exist for these
 * columns in our sources, so the checks are the methods' defining properties: Fisher's breaks are
 * the exact minimum of the within-class sum of squares (checked against exhaustive search), the
 * classic Jenks algorithm reaches the same minimum, and k-means in one dimension cannot beat it.
 * The published reference values (classInt on jenks71) are in src/core/analysis/classify.test.ts.
 */
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { classIndex, classify } from '../../src/core/analysis/classify.js'
import { kmeans } from '../../src/core/analysis/typology.js'
import { sharedData } from '../helpers/shared.js'

/** One numeric column of a simple CSV (no quoted commas in these files). */
function column(file: string, name: string): number[] {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n')
  const index = header!.split(',').findIndex((h) => h.replaceAll('"', '') === name)
  if (index < 0) throw new Error(`column ${name} not found in ${file}`)
  return rows.map((r) => Number(r.split(',')[index]))
}

const CRIME = column(sharedData('columbus', 'columbus.csv'), 'CRIME')
const SIDS74 = column(sharedData('nc-sids', 'nc_sids.csv'), 'SID74')
const BIR74 = column(sharedData('nc-sids', 'nc_sids.csv'), 'BIR74')
// SIDS per 1,000 live births 1974–78, the usual mapped rate.
const SIDS_RATE = SIDS74.map((s, i) => (1000 * s) / BIR74[i]!)

function withinSS(values: readonly number[], breaks: readonly number[]): number {
  const groups = new Map<number, number[]>()
  for (const v of values) {
    const c = classIndex(v, breaks)
    groups.set(c, [...(groups.get(c) ?? []), v])
  }
  let total = 0
  for (const g of groups.values()) {
    const m = g.reduce((a, b) => a + b) / g.length
    for (const v of g) total += (v - m) ** 2
  }
  return total
}

/** Exhaustive minimum over all cuts of the sorted values into 3 contiguous classes. */
function bruteForceThreeClasses(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const ss = (from: number, to: number) => {
    const g = s.slice(from, to)
    const m = g.reduce((a, b) => a + b) / g.length
    return g.reduce((a, v) => a + (v - m) ** 2, 0)
  }
  let best = Infinity
  for (let i = 1; i < s.length - 1; i++) {
    for (let j = i + 1; j < s.length; j++)
      best = Math.min(best, ss(0, i) + ss(i, j) + ss(j, s.length))
  }
  return best
}

describe('classification on the shared datasets', () => {
  it('reads the datasets completely', () => {
    expect(CRIME).toHaveLength(49)
    expect(SIDS_RATE).toHaveLength(100)
    expect(CRIME.every(Number.isFinite) && SIDS_RATE.every(Number.isFinite)).toBe(true)
  })

  it.each([
    ['Columbus CRIME', CRIME],
    ['NC SIDS rate 1974', SIDS_RATE],
  ])('Fisher reaches the exhaustive optimum for 3 classes (%s)', (_, values) => {
    const c = classify(values, 'fisher', 3)
    expect(withinSS(values, c.breaks)).toBeCloseTo(bruteForceThreeClasses(values), 9)
  })

  it.each([
    ['Columbus CRIME', CRIME],
    ['NC SIDS rate 1974', SIDS_RATE],
  ])('Jenks and Fisher agree on the optimal fit for 2–7 classes (%s)', (_, values) => {
    for (let k = 2; k <= 7; k++) {
      const fisher = classify(values, 'fisher', k)
      const jenks = classify(values, 'jenks', k)
      expect(jenks.gvf, `k = ${k}`).toBeCloseTo(fisher.gvf, 10)
      // Other methods may yield another number of classes (pretty, stddev): compare like with like.
      for (const method of ['quantile', 'equal', 'stddev', 'pretty'] as const) {
        const other = classify(values, method, k)
        const optimum = classify(values, 'fisher', other.breaks.length - 1)
        expect(other.gvf, `${method}, k = ${k}`).toBeLessThanOrEqual(optimum.gvf + 1e-12)
      }
    }
  })

  it('k-means on one variable cannot beat the Fisher optimum (Columbus CRIME, k = 5)', () => {
    const fisher = classify(CRIME, 'fisher', 5)
    const km = kmeans(
      CRIME.map((v) => [v]),
      5,
      { nstart: 20, seed: 7 },
    )
    expect(1 - km.totalWithinSS / km.totalSS).toBeLessThanOrEqual(fisher.gvf + 1e-12)
    expect(1 - km.totalWithinSS / km.totalSS).toBeCloseTo(fisher.gvf, 8)
  })

  it('classifies 11,000 values with Fisher breaks quickly', () => {
    // About the number of statistical blocks of a large city: 11,000 SIDS-like rates, resampled.
    const values = Array.from({ length: 11_000 }, (_, i) => SIDS_RATE[i % 100]! * (1 + i / 1e5))
    const started = performance.now()
    const c = classify(values, 'fisher', 9)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(c.counts.reduce((a, b) => a + b)).toBe(11_000)
    expect(c.breaks).toHaveLength(10)
  })
})
