/*
 * The engine on real data: sudden infant death syndrome (SIDS) in the 100 counties of North
 * Carolina, 1974–78 and 1979–84 (Cressie 1991, pp. 386–389; file and provenance in
 * ../shared/data/nc-sids/README.md, from the R package sf 1.0-9). The README gives the totals
 * SID74 = 667 and BIR74 = 329,962, a state rate of 2.0214 per 1,000 live births.
 * Counties are the leaves under one state; the two periods stand at their first years, 1974 and
 * 1979, so the state's change between them is a 5-year change.
 */
// eslint-disable-next-line no-restricted-imports -- a test may read its fixture; the engine does no I/O
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { computeIndicators } from './engine.js'
import { parseFormula } from './formula.js'
import { createAreaTree } from './tree.js'

const CSV = new URL('../../../../shared/data/nc-sids/nc_sids.csv', import.meta.url)

interface County {
  id: string
  name: string
  sid74: number
  bir74: number
  sid79: number
  bir79: number
}

function readCounties(): County[] {
  const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split('\n')
  // Plain split: no field of this file contains a comma (county names are words like "New Hanover").
  const columns = (header as string).split(',').map((c) => c.replace(/"/g, ''))
  const col = (name: string) => columns.indexOf(name)
  return lines.map((line) => {
    const f = line.split(',').map((c) => c.replace(/"/g, ''))
    const num = (name: string) => Number(f[col(name)])
    return {
      id: f[col('id')] as string,
      name: f[col('NAME')] as string,
      sid74: num('SID74'),
      bir74: num('BIR74'),
      sid79: num('SID79'),
      bir79: num('BIR79'),
    }
  })
}

describe('engine on the North Carolina SIDS counties', () => {
  const counties = readCounties()
  const n = counties.length
  const size = n + 1
  const tree = createAreaTree([-1, ...counties.map(() => 0)], [0, ...counties.map(() => 1)])
  const periods = [1974, 1979]
  const variables = ['sid', 'bir']
  const observed = new Float64Array(variables.length * size * 2).fill(Number.NaN)
  counties.forEach((c, k) => {
    const area = k + 1
    observed[(0 * size + area) * 2] = c.sid74
    observed[(0 * size + area) * 2 + 1] = c.sid79
    observed[(1 * size + area) * 2] = c.bir74
    observed[(1 * size + area) * 2 + 1] = c.bir79
  })
  const result = computeIndicators({
    tree,
    periods,
    variables,
    observed,
    indicators: [
      {
        key: 'sids_rate',
        formula: parseFormula('1000 * sid / bir', variables),
        decimals: 3,
        polarity: 'higher_is_worse',
      },
    ],
  })
  const area = (id: string) => counties.findIndex((c) => c.id === id) + 1

  it('reads 100 counties', () => {
    expect(n).toBe(100)
  })

  it('gives the county rates', () => {
    // Ashe 37009: 1 death in 1,091 births → 1/1091 × 1000 = 0.916590…
    expect(result.cell('sids_rate', area('37009'), 0).value).toBeCloseTo(0.91659028, 8)
    // Anson 37007: 15/1570 × 1000 = 9.554140…, the highest rate of 1974–78
    expect(result.cell('sids_rate', area('37007'), 0)).toMatchObject({ rank: 1, rankCount: 100 })
    expect(result.cell('sids_rate', area('37007'), 0).value).toBeCloseTo(9.55414013, 8)
    // Northampton 37131: 9/1421 × 1000 = 6.333568… is second
    expect(result.cell('sids_rate', area('37131'), 0).rank).toBe(2)
    // The 13 counties without a death (README) share the lowest rank, 100 − 13 + 1 = 88.
    const zero = counties.filter((c) => c.sid74 === 0)
    expect(zero).toHaveLength(13)
    for (const c of zero) expect(result.cell('sids_rate', area(c.id), 0).rank).toBe(88)
  })

  it('gives the state rate from the summed counts, not the mean of county rates', () => {
    const state = result.cell('sids_rate', 0, 0)
    expect(state.numerator).toBe(667)
    expect(state.denominator).toBe(329_962)
    expect(state.value).toBeCloseTo(2.02144489, 8) // 667 / 329,962 × 1000
    const meanOfRates = counties.reduce((s, c) => s + (1000 * c.sid74) / c.bir74, 0) / n
    expect(meanOfRates).toBeCloseTo(2.0456, 4)
    expect(Math.abs(state.value - meanOfRates)).toBeGreaterThan(0.02)
  })

  it('gives the 5-year change of the state rate and county differences to it', () => {
    const sid79 = counties.reduce((s, c) => s + c.sid79, 0)
    const bir79 = counties.reduce((s, c) => s + c.bir79, 0)
    const rate79 = (1000 * sid79) / bir79
    const state79 = result.cell('sids_rate', 0, 1)
    expect(state79.value).toBeCloseTo(rate79, 12)
    expect(state79.change[5].from).toBe(1974)
    expect(state79.change[5].absolute).toBeCloseTo(rate79 - (1000 * 667) / 329_962, 12)
    expect(state79.change[1].absolute).toBeNaN()
    expect(state79.change[3].absolute).toBeNaN()
    const ashe = result.cell('sids_rate', area('37009'), 0)
    expect(ashe.diffParent).toBeCloseTo(1000 / 1091 - (1000 * 667) / 329_962, 12)
  })

  it('z-scores of the counties have mean 0 and population variance 1', () => {
    const z = Array.from(result.slice('sids_rate', 1, 0).z)
    const mean = z.reduce((a, b) => a + b, 0) / z.length
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length
    expect(mean).toBeCloseTo(0, 12)
    expect(variance).toBeCloseTo(1, 12)
    // Anson: (9.554140 − 2.045596) / 1.565454 (population SD of the 100 county rates)
    expect(result.cell('sids_rate', area('37007'), 0).z).toBeCloseTo(4.7964, 4)
  })
})
