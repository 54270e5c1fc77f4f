import { describe, expect, it } from 'vitest'
import { expandGlob, type Formula, FormulaError, formatFormula, parseFormula } from './formula.js'

// A small slice of the Musterstadt keys, including the trap `pop_age_*` that must not count as
// residents by sex.
const AGES = ['00_04', '05_09', '10_14', '15_19']
const POP = ['m', 'f'].flatMap((s) =>
  ['de', 'nd'].flatMap((n) => AGES.map((a) => `pop_${s}_${n}_${a}`)),
)
const KEYS = [
  ...POP,
  'pop_age_00_02',
  'pop_age_03_05',
  'sgb2_u15',
  'sgb2_total',
  'moves_in',
  'moves_out',
  'a',
  'b',
  'c',
]

function error(text: string): FormulaError {
  try {
    parseFormula(text, KEYS)
  } catch (e) {
    if (e instanceof FormulaError) return e
    throw e
  }
  throw new Error(`"${text}" parsed without error`)
}

function terms(f: Formula['numerator'] | null): Record<string, number> | null {
  return f && Object.fromEntries(f.map((t) => [t.variable, t.coefficient]))
}

describe('parseFormula', () => {
  it('brings a rate into the form scale × N / D', () => {
    const f = parseFormula('100 * sgb2_u15 / sum(pop_{m,f}_{de,nd}_{00_04,05_09,10_14})', KEYS)
    expect(f.scale).toBe(100)
    expect(f.numerator).toEqual([{ variable: 'sgb2_u15', coefficient: 1 }])
    expect(f.denominator?.map((t) => t.variable).sort()).toEqual(
      POP.filter((k) => !k.endsWith('15_19')).sort(),
    )
    expect(f.variables).toHaveLength(13)
    expect(f.variables[0]).toBe('sgb2_u15')
  })

  it('expands sum(pop_{m,f}_*) to all residents and not to pop_age_*', () => {
    const f = parseFormula('sum(pop_{m,f}_*)', KEYS)
    expect(f.denominator).toBeNull()
    expect(f.scale).toBe(1)
    expect(f.variables).toEqual(POP)
    expect(f.variables).not.toContain('pop_age_00_02')
  })

  it('keeps negative coefficients and moves the common factor into the scale', () => {
    const f = parseFormula('1000 * (moves_in - moves_out) / sum(pop_{m,f}_*)', KEYS)
    expect(f.scale).toBe(1000)
    expect(terms(f.numerator)).toEqual({ moves_in: 1, moves_out: -1 })
    expect(f.denominator).toHaveLength(POP.length)
  })

  it('normalises equivalent ways of writing a formula to the same form', () => {
    const forms = ['100 * a / b', 'a * 100 / b', '100 * (a / b)', 'a / b * 100', '-100 * a / -b']
    const parsed = forms.map((t) => {
      const { text: _text, ...rest } = parseFormula(t, KEYS)
      return rest
    })
    for (const p of parsed) expect(p).toEqual(parsed[0])
    expect(parseFormula('a / 2 / b', KEYS).scale).toBe(0.5)
    expect(parseFormula('a / (2 * b)', KEYS).scale).toBe(0.5)
    expect(parseFormula('(2 * a + 2 * b) / (4 * c)', KEYS)).toMatchObject({
      scale: 0.5,
      numerator: [
        { variable: 'a', coefficient: 1 },
        { variable: 'b', coefficient: 1 },
      ],
    })
  })

  it('brings a complement and fractions over the same denominator together', () => {
    // 100 − 100·a/b = 100·(b − a)/b: the share of the rest.
    const complement = parseFormula('100 - 100 * a / b', KEYS)
    expect(complement.scale).toBe(100)
    expect(terms(complement.numerator)).toEqual({ a: -1, b: 1 })
    expect(terms(complement.denominator)).toEqual({ b: 1 })
    const both = parseFormula('a / b + c / (2 * b)', KEYS)
    expect(terms(both.numerator)).toEqual({ a: 1, c: 0.5 })
    expect(terms(both.denominator)).toEqual({ b: 1 })
  })

  it('merges repeated variables and drops those that cancel', () => {
    const f = parseFormula('(a + b + a - b) / c', KEYS)
    expect(f.scale).toBe(2)
    expect(terms(f.numerator)).toEqual({ a: 1 })
  })

  it('accepts whitespace and decimals', () => {
    const f = parseFormula('  0.5*a\n/\tsum( pop_{ m , f }_* ) ', KEYS)
    expect(f.scale).toBe(0.5)
    expect(f.denominator).toHaveLength(POP.length)
  })

  it('never evaluates code: names of globals are unknown variables', () => {
    expect(error('constructor').code).toBe('FORMULA_UNKNOWN_VARIABLE')
    expect(error('process').code).toBe('FORMULA_UNKNOWN_VARIABLE')
    expect(error('a; b').code).toBe('FORMULA_SYNTAX')
  })
})

describe('formula errors', () => {
  it('suggests the closest known variable', () => {
    const e = error('100 * sgb2_u16 / a')
    expect(e.code).toBe('FORMULA_UNKNOWN_VARIABLE')
    expect(e.position).toBe(6)
    expect(e.message).toBe('Unknown variable "sgb2_u16" at 6; did you mean "sgb2_u15"?')
    expect(error('totally_unrelated_name').message).not.toContain('did you mean')
  })

  it('says what was expected and what came', () => {
    expect(error('100 * (a + b').message).toBe('Expected ")" at 12, got end of formula')
    expect(error('100 * (sgb2_u15 ').position).toBe(16)
    expect(error('a # b')).toMatchObject({ code: 'FORMULA_SYNTAX', position: 2 })
    expect(error('a +')).toMatchObject({ position: 3 })
    expect(error('')).toMatchObject({ position: 0 })
    expect(error('1. * a')).toMatchObject({ position: 2 })
    expect(error('Sgb2_u15').message).toContain('lower-case')
  })

  it('reports a pattern that matches nothing, and malformed patterns', () => {
    expect(error('sum(pop_x*)').message).toBe('sum(pop_x*) at 0 matches no variable')
    expect(error('100 * a / sum(pop_x*)')).toMatchObject({
      code: 'FORMULA_EMPTY_SUM',
      position: 10,
    })
    expect(error('sum()')).toMatchObject({ code: 'FORMULA_SYNTAX', position: 4 })
    expect(error('sum(pop_{m,}_*)')).toMatchObject({ position: 11 })
    expect(error('sum(pop_{m,f_*)')).toMatchObject({ position: 14 })
    expect(error('sum(a + b)')).toMatchObject({ position: 6 })
  })

  it('rejects what is not scale × N / D', () => {
    const cases: [string, number][] = [
      ['a * b', 2], // variable × variable
      ['100 * a / (b / c)', 8], // variable in a nested denominator
      ['a / b / c', 6], // a second division by variables
      ['a / (b + 100)', 9], // a constant in the denominator's sum
      ['(a + 1) / b', 5], // a constant in the numerator's sum
      ['a / b + c', 6], // a variable added to a fraction
      ['a / b + c / a', 6], // fractions with different denominators
      ['(a / b) * (c / b)', 8],
      ['a + 5', 4], // a count with a constant
      ['100', 0], // no variable
      ['(a - a) / b', 0], // numerator cancels
    ]
    for (const [text, position] of cases) {
      const e = error(text)
      expect(e, text).toBeInstanceOf(FormulaError)
      expect(e.position, text).toBe(position)
      expect(e.message, text).toMatch(/^Expected /)
    }
    expect(error('a / (b - b)').code).toBe('FORMULA_DIVISION_BY_ZERO')
    expect(error('a / 0').code).toBe('FORMULA_DIVISION_BY_ZERO')
  })
})

describe('expandGlob', () => {
  it('expands * and {…} in the order of the known keys', () => {
    expect(expandGlob('pop_{m,f}_nd_00_04', KEYS)).toEqual(['pop_m_nd_00_04', 'pop_f_nd_00_04'])
    expect(expandGlob('pop_*_00_0{2,4}', KEYS)).toEqual([
      'pop_m_de_00_04',
      'pop_m_nd_00_04',
      'pop_f_de_00_04',
      'pop_f_nd_00_04',
      'pop_age_00_02',
    ])
    expect(expandGlob('moves_{in,out}', KEYS)).toEqual(['moves_in', 'moves_out'])
    expect(expandGlob('nothing*', KEYS)).toEqual([])
  })

  it('reports positions relative to the pattern', () => {
    expect(() => expandGlob('pop_{m', KEYS)).toThrow('at 6')
    expect(() => expandGlob('a)b', KEYS)).toThrow(FormulaError)
  })
})

describe('formatFormula', () => {
  it('writes the normal form, which parses back to the same formula', () => {
    const texts = [
      '100 * sgb2_u15 / sum(pop_{m,f}_*_{00_04,05_09,10_14})',
      '1000 * (moves_in - moves_out) / sum(pop_{m,f}_*)',
      'sum(pop_{m,f}_*)',
      '100 - 100 * a / b',
      'a / b + c / (2 * b)',
      '-a / b',
      'a / 3 / b',
    ]
    for (const text of texts) {
      const f = parseFormula(text, KEYS)
      const again = parseFormula(formatFormula(f), KEYS)
      expect({ ...again, text }, text).toEqual(f)
    }
    expect(formatFormula(parseFormula('1000*(moves_in-moves_out)/c', KEYS))).toBe(
      '1000 * (moves_in - moves_out) / c',
    )
    expect(formatFormula(parseFormula('100*a/b', KEYS), { typographic: true })).toBe('100 × a / b')
    expect(formatFormula(parseFormula('a - b', KEYS), { typographic: true })).toBe('a − b')
  })
})
