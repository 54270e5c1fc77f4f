/**
 * Indicator formulas (Kennzahl-Formeln): parsed and checked, never evaluated as code.
 *
 * A formula is text over variable keys such as `100 * sgb2_u15 / sum(pop_{m,f}_*_{00_04,05_09})`.
 * Parsing turns it into the one shape the indicator engine evaluates, `scale × N / D`, where N and
 * D are linear combinations of variables (D optional for count indicators). Keeping that shape is
 * what lets the engine recompute a rate at every layer from summed counts instead of averaging
 * rates, and lets disclosure control see the counts behind every rate.
 *
 * Grammar (whitespace is ignored between tokens):
 *
 * ```
 * formula := expr
 * expr    := term (('+' | '-') term)*
 * term    := unary (('*' | '/') unary)*
 * unary   := ('+' | '-') unary | primary
 * primary := number | variable | 'sum(' glob ')' | '(' expr ')'
 * number  := [0-9]+ ('.' [0-9]+)? ('e' [+-]? [0-9]+)?
 * variable:= [a-z][a-z0-9_]*
 * glob    := ([a-z0-9_]+ | '*' | '{' glob (',' glob)* '}')+
 * ```
 */

/** One summand of a linear combination: `coefficient × variable`. */
export interface Term {
  variable: string
  coefficient: number
}

/**
 * A parsed formula in normal form: value = `scale × Σ numerator / Σ denominator`, or
 * `scale × Σ numerator` when `denominator` is null (a count indicator).
 */
export interface Formula {
  /** The text as written. */
  text: string
  scale: number
  numerator: Term[]
  /** null for a count indicator (no division by variables). */
  denominator: Term[] | null
  /** Distinct variables used, numerator first, in order of first appearance. */
  variables: string[]
}

/** Stable codes of formula errors (the message says what was expected and what came). */
export type FormulaErrorCode =
  | 'FORMULA_SYNTAX'
  | 'FORMULA_UNKNOWN_VARIABLE'
  | 'FORMULA_EMPTY_SUM'
  | 'FORMULA_NOT_LINEAR'
  | 'FORMULA_CONSTANT'
  | 'FORMULA_DIVISION_BY_ZERO'

/** A formula that cannot be parsed or does not have the form `scale × N / D`. */
export class FormulaError extends Error {
  override readonly name = 'FormulaError'
  constructor(
    readonly code: FormulaErrorCode,
    /** 0-based character offset in the formula text. */
    readonly position: number,
    message: string,
  ) {
    super(message)
  }
}

/** A linear combination `c + Σ coefficient × variable` (Map keeps first-appearance order). */
interface Linear {
  kind: 'linear'
  constant: number
  terms: Map<string, number>
  /** Where the constant part first entered, for error messages; -1 when there is none. */
  constantAt: number
}

/** `scale × N / D`, N and D without constants. */
interface Ratio {
  kind: 'ratio'
  scale: number
  numerator: Map<string, number>
  denominator: Map<string, number>
}

type Expr = Linear | Ratio

const FORM = 'a formula must have the form scale × N / D with sums of variables N and D'

/**
 * Parses an indicator formula against the known variable keys and brings it into the normal form
 * `scale × N / D`. Common factors are moved into `scale`, so `1000 * (a - b) / c` gives
 * `{ scale: 1000, numerator: [a: 1, b: -1], denominator: [c: 1] }`.
 *
 * @throws FormulaError with the 0-based `position` of the problem.
 * @example
 * const f = parseFormula('100 * sgb2_u15 / sum(pop_{m,f}_{de,nd}_{00_04,05_09,10_14})', keys)
 * f.scale // 100
 * f.numerator // [{ variable: 'sgb2_u15', coefficient: 1 }]
 * f.denominator?.length // 12
 */
export function parseFormula(text: string, knownVariables: readonly string[]): Formula {
  const parser = new Parser(text, knownVariables)
  const expr = parser.parse()
  return normalise(text, expr)
}

/**
 * Expands a variable pattern of `sum(...)` over the known keys, in the order of `knownVariables`.
 * `*` matches any run of `[a-z0-9_]` (also an empty one), `{a,b}` either alternative.
 *
 * @throws FormulaError when the pattern is malformed (positions relative to the pattern).
 * @example
 * expandGlob('pop_{m,f}_*', ['pop_m_de_00_04', 'pop_age_00_02']) // ['pop_m_de_00_04']
 */
export function expandGlob(glob: string, knownVariables: readonly string[]): string[] {
  const parser = new Parser(`sum(${glob})`, knownVariables)
  try {
    const { regex, end } = parser.globAt(4)
    if (end !== glob.length + 5) throw parser.expectedAt(end, 'the end of the pattern')
    return knownVariables.filter((v) => regex.test(v))
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e
    // Report positions relative to the pattern, not to the `sum(` wrapped around it.
    const at = Math.max(0, e.position - 4)
    throw new FormulaError(e.code, at, e.message.replace(` at ${e.position}`, ` at ${at}`))
  }
}

/**
 * Writes a formula in its normal form, e.g. `100 * (a - b) / (c + d)`. The default output parses
 * again to the same formula; `typographic` uses `×` and `−` for display.
 *
 * @example
 * formatFormula(parseFormula('1000*(moves_in-moves_out)/pop', keys)) // '1000 * (moves_in - moves_out) / pop'
 */
export function formatFormula(formula: Formula, options: { typographic?: boolean } = {}): string {
  const times = options.typographic ? ' × ' : ' * '
  const minus = options.typographic ? '−' : '-'
  const sum = (terms: Term[], wrap: boolean): string => {
    const parts = terms.map((t, i) => {
      const abs = Math.abs(t.coefficient)
      const body = abs === 1 ? t.variable : `${abs}${times}${t.variable}`
      if (i === 0) return t.coefficient < 0 ? `${minus}${body}` : body
      return `${t.coefficient < 0 ? ` ${minus} ` : ' + '}${body}`
    })
    const s = parts.join('')
    return wrap && (terms.length > 1 || terms[0]?.coefficient !== 1) ? `(${s})` : s
  }
  const withScale = formula.scale !== 1
  const num = sum(formula.numerator, withScale || formula.denominator !== null)
  let out = withScale ? `${formatNumber(formula.scale, minus)}${times}${num}` : num
  if (formula.denominator) out += ` / ${sum(formula.denominator, true)}`
  return out
}

function formatNumber(n: number, minus: string): string {
  return n < 0 ? `${minus}${-n}` : String(n)
}

class Parser {
  private pos = 0

  constructor(
    private readonly text: string,
    private readonly known: readonly string[],
  ) {}

  parse(): Expr {
    this.skipSpace()
    if (this.pos >= this.text.length) {
      throw new FormulaError('FORMULA_SYNTAX', 0, 'Expected a formula at 0, got end of formula')
    }
    const expr = this.expr()
    this.skipSpace()
    if (this.pos < this.text.length) {
      throw this.expected('an operator (+ - * /) or the end of the formula')
    }
    return expr
  }

  private expr(): Expr {
    let left = this.term()
    for (;;) {
      this.skipSpace()
      const c = this.text[this.pos]
      if (c !== '+' && c !== '-') return left
      const at = this.pos++
      const right = this.term()
      left = add(left, right, c === '+' ? 1 : -1, at)
    }
  }

  private term(): Expr {
    let left = this.unary()
    for (;;) {
      this.skipSpace()
      const c = this.text[this.pos]
      if (c !== '*' && c !== '/') return left
      const at = this.pos++
      const right = this.unary()
      left = c === '*' ? multiply(left, right, at) : divide(left, right, at)
    }
  }

  private unary(): Expr {
    this.skipSpace()
    const c = this.text[this.pos]
    if (c === '-' || c === '+') {
      this.pos++
      const inner = this.unary()
      return c === '-' ? scaleExpr(inner, -1) : inner
    }
    return this.primary()
  }

  private primary(): Expr {
    this.skipSpace()
    const start = this.pos
    const c = this.text[this.pos]
    if (c === undefined) throw this.expected('a number, a variable, "sum(" or "("')
    if (c === '(') {
      this.pos++
      const inner = this.expr()
      this.skipSpace()
      if (this.text[this.pos] !== ')') throw this.expected('")"')
      this.pos++
      return inner
    }
    if (isDigit(c)) return this.number()
    if (isLower(c)) {
      const name = this.word()
      const afterName = this.pos
      this.skipSpace()
      if (name === 'sum' && this.text[this.pos] === '(') return this.sum(start)
      this.pos = afterName
      if (!this.known.includes(name)) throw this.unknownVariable(name, start)
      return { kind: 'linear', constant: 0, terms: new Map([[name, 1]]), constantAt: -1 }
    }
    if (c >= 'A' && c <= 'Z') {
      throw new FormulaError(
        'FORMULA_SYNTAX',
        start,
        `Expected a lower-case variable key at ${start}, got "${c}" (keys are written [a-z][a-z0-9_]*)`,
      )
    }
    throw this.expected('a number, a variable, "sum(" or "("')
  }

  private number(): Linear {
    const start = this.pos
    while (isDigit(this.text[this.pos])) this.pos++
    if (this.text[this.pos] === '.') {
      this.pos++
      if (!isDigit(this.text[this.pos])) throw this.expected('a digit after "."')
      while (isDigit(this.text[this.pos])) this.pos++
    }
    // An exponent (`1e-7`) only so that every number formatFormula writes parses again.
    if (
      this.text[this.pos] === 'e' &&
      /^e[+-]?[0-9]/.test(this.text.slice(this.pos, this.pos + 3))
    ) {
      this.pos += this.text[this.pos + 1] === '+' || this.text[this.pos + 1] === '-' ? 2 : 1
      while (isDigit(this.text[this.pos])) this.pos++
    }
    const value = Number(this.text.slice(start, this.pos))
    return { kind: 'linear', constant: value, terms: new Map(), constantAt: start }
  }

  private word(): string {
    const start = this.pos
    while (isWordChar(this.text[this.pos])) this.pos++
    return this.text.slice(start, this.pos)
  }

  /** `sum(` has been read up to the `(` at `this.pos`; `start` is where `sum` began. */
  private sum(start: number): Linear {
    const { regex, end } = this.globAt(this.pos + 1)
    this.pos = end
    const terms = new Map<string, number>()
    for (const v of this.known) if (regex.test(v)) terms.set(v, 1)
    if (terms.size === 0) {
      throw new FormulaError(
        'FORMULA_EMPTY_SUM',
        start,
        `${this.text.slice(start, end).replace(/\s+/g, '')} at ${start} matches no variable`,
      )
    }
    return { kind: 'linear', constant: 0, terms, constantAt: -1 }
  }

  /** Reads a glob from `from` up to and including the closing `)`; returns its anchored regex. */
  globAt(from: number): { regex: RegExp; end: number } {
    this.pos = from
    this.skipSpace()
    if (this.text[this.pos] === ')') throw this.expected('a variable pattern')
    const source = this.globSequence(0)
    this.skipSpace()
    if (this.text[this.pos] !== ')') {
      throw this.expected('")" or a variable pattern of a-z, 0-9, _, * and {…,…}')
    }
    // The source consists only of [a-z0-9_], `(?:`, `|`, `)` and `[a-z0-9_]*`: safe to compile.
    return { regex: new RegExp(`^${source}$`), end: this.pos + 1 }
  }

  private globSequence(depth: number): string {
    let source = ''
    const start = this.pos
    for (;;) {
      const c = this.text[this.pos]
      if (c !== undefined && isWordChar(c)) {
        source += c
        this.pos++
      } else if (c === '*') {
        source += '[a-z0-9_]*'
        this.pos++
      } else if (c === '{') {
        this.pos++
        const alternatives: string[] = []
        for (;;) {
          this.skipSpace()
          alternatives.push(this.globSequence(depth + 1))
          this.skipSpace()
          if (this.text[this.pos] === ',') {
            this.pos++
            continue
          }
          if (this.text[this.pos] === '}') break
          throw this.expected('"," or "}"')
        }
        this.pos++
        source += `(?:${alternatives.join('|')})`
      } else {
        break
      }
    }
    if (this.pos === start) {
      throw this.expected(depth > 0 ? 'an alternative' : 'a variable pattern')
    }
    return source
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++
  }

  private expected(what: string): FormulaError {
    return this.expectedAt(this.pos, what)
  }

  expectedAt(at: number, what: string): FormulaError {
    const c = this.text[at]
    const got = c === undefined ? 'end of formula' : `"${c}"`
    return new FormulaError('FORMULA_SYNTAX', at, `Expected ${what} at ${at}, got ${got}`)
  }

  private unknownVariable(name: string, at: number): FormulaError {
    const near = nearest(name, this.known)
    const hint = near ? `; did you mean "${near}"?` : ''
    return new FormulaError(
      'FORMULA_UNKNOWN_VARIABLE',
      at,
      `Unknown variable "${name}" at ${at}${hint}`,
    )
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}
function isLower(c: string | undefined): boolean {
  return c !== undefined && c >= 'a' && c <= 'z'
}
function isWordChar(c: string | undefined): boolean {
  return isLower(c) || isDigit(c) || c === '_'
}

/** The known key closest by edit distance, if it is close enough to be a plausible typo. */
function nearest(name: string, known: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = Infinity
  for (const k of known) {
    const d = levenshtein(name, k)
    if (d < bestDistance) {
      bestDistance = d
      best = k
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null
}

// Wagner–Fischer edit distance with two rows.
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      )
    }
    prev = row
  }
  return prev[b.length] as number
}

// --- Symbolic algebra on the normal forms -------------------------------------------------------

/** The value of an expression without variables, else null. */
function constantOf(e: Expr): number | null {
  return e.kind === 'linear' && e.terms.size === 0 ? e.constant : null
}

function addInto(target: Map<string, number>, source: Map<string, number>, factor: number): void {
  for (const [v, c] of source) {
    const next = (target.get(v) ?? 0) + factor * c
    if (next === 0) target.delete(v)
    else target.set(v, next)
  }
}

function scaled(m: Map<string, number>, factor: number): Map<string, number> {
  const out = new Map<string, number>()
  addInto(out, m, factor)
  return out
}

function scaleExpr(e: Expr, factor: number): Expr {
  if (e.kind === 'ratio') return { ...e, scale: e.scale * factor }
  return {
    kind: 'linear',
    constant: e.constant * factor,
    terms: scaled(e.terms, factor),
    constantAt: e.constantAt,
  }
}

/** The factor k with b = k × a when the two sums are proportional, else null. */
function proportion(a: Map<string, number>, b: Map<string, number>): number | null {
  if (a.size !== b.size) return null
  let k: number | null = null
  for (const [v, c] of a) {
    const other = b.get(v)
    if (other === undefined) return null
    const r = other / c
    if (k === null) k = r
    else if (Math.abs(r - k) > 1e-12 * Math.abs(k)) return null
  }
  return k
}

function add(left: Expr, right: Expr, sign: 1 | -1, at: number): Expr {
  if (left.kind === 'linear' && right.kind === 'linear') {
    const terms = new Map(left.terms)
    addInto(terms, right.terms, sign)
    const constant = left.constant + sign * right.constant
    const constantAt = left.constantAt >= 0 ? left.constantAt : right.constantAt
    return { kind: 'linear', constant, terms, constantAt: constant === 0 ? -1 : constantAt }
  }
  if (left.kind === 'ratio' && right.kind === 'ratio') {
    const k = proportion(left.denominator, right.denominator)
    if (k === null) {
      throw new FormulaError(
        'FORMULA_NOT_LINEAR',
        at,
        `Expected fractions with the same denominator on both sides of "${sign > 0 ? '+' : '-'}" at ${at}, got different denominators (${FORM})`,
      )
    }
    // s1·N1/D + s2·N2/(k·D) = (s1·N1 + (s2/k)·N2) / D
    const numerator = scaled(left.numerator, left.scale)
    addInto(numerator, right.numerator, (sign * right.scale) / k)
    return { kind: 'ratio', scale: 1, numerator, denominator: left.denominator }
  }
  // A fraction and a linear part: only a constant can be brought over the common denominator.
  const ratio = (left.kind === 'ratio' ? left : right) as Ratio
  const linear = (left.kind === 'linear' ? left : right) as Linear
  if (linear.terms.size > 0) {
    throw new FormulaError(
      'FORMULA_NOT_LINEAR',
      at,
      `Expected a constant or a fraction with the same denominator beside "${sign > 0 ? '+' : '-'}" at ${at}, got variables added to a fraction (${FORM})`,
    )
  }
  const ratioSign = ratio === left ? 1 : sign
  const constantSign = ratio === left ? sign : 1
  // c + s·N/D = (c·D + s·N) / D
  const numerator = scaled(ratio.numerator, ratioSign * ratio.scale)
  addInto(numerator, ratio.denominator, constantSign * linear.constant)
  return { kind: 'ratio', scale: 1, numerator, denominator: ratio.denominator }
}

function multiply(left: Expr, right: Expr, at: number): Expr {
  const leftConstant = constantOf(left)
  if (leftConstant !== null) return scaleExpr(right, leftConstant)
  const rightConstant = constantOf(right)
  if (rightConstant !== null) return scaleExpr(left, rightConstant)
  throw new FormulaError(
    'FORMULA_NOT_LINEAR',
    at,
    `Expected a number on one side of "*" at ${at}, got variables on both sides (${FORM})`,
  )
}

function divide(left: Expr, right: Expr, at: number): Expr {
  const divisor = constantOf(right)
  if (divisor !== null) {
    if (divisor === 0) {
      throw new FormulaError(
        'FORMULA_DIVISION_BY_ZERO',
        at,
        `Expected a divisor other than 0 at ${at}, got 0`,
      )
    }
    return scaleExpr(left, 1 / divisor)
  }
  if (right.kind === 'ratio' || left.kind === 'ratio') {
    throw new FormulaError(
      'FORMULA_NOT_LINEAR',
      at,
      `Expected at most one division by variables at ${at}, got a second or nested one (${FORM})`,
    )
  }
  if (right.constant !== 0) {
    throw new FormulaError(
      'FORMULA_NOT_LINEAR',
      right.constantAt,
      `Expected only variables in the denominator at ${right.constantAt}, got the constant ${right.constant} in the sum (${FORM})`,
    )
  }
  if (left.constant !== 0) {
    throw new FormulaError(
      'FORMULA_NOT_LINEAR',
      left.constantAt,
      `Expected only variables in the numerator at ${left.constantAt}, got the constant ${left.constant} in the sum (${FORM})`,
    )
  }
  return { kind: 'ratio', scale: 1, numerator: left.terms, denominator: right.terms }
}

/** Moves a common factor of all coefficients into the scale: `100·a + 100·b` → `100 × (a + b)`. */
function factorOut(m: Map<string, number>): { factor: number; terms: Term[] } {
  const coefficients = [...m.values()]
  const first = coefficients[0] as number
  let factor = 1
  if (coefficients.every((c) => c === first)) factor = first
  else if (coefficients.every((c) => Math.abs(c) === Math.abs(first))) factor = Math.abs(first)
  const terms = [...m].map(([variable, c]) => ({ variable, coefficient: c / factor }))
  return { factor, terms }
}

function normalise(text: string, expr: Expr): Formula {
  if (expr.kind === 'linear') {
    if (expr.terms.size === 0) {
      throw new FormulaError(
        'FORMULA_CONSTANT',
        0,
        `Expected at least one variable at 0, got a constant formula (${FORM})`,
      )
    }
    if (expr.constant !== 0) {
      throw new FormulaError(
        'FORMULA_CONSTANT',
        expr.constantAt,
        `Expected only variables in the sum at ${expr.constantAt}, got the constant ${expr.constant} (${FORM})`,
      )
    }
    const n = factorOut(expr.terms)
    return {
      text,
      scale: n.factor,
      numerator: n.terms,
      denominator: null,
      variables: n.terms.map((t) => t.variable),
    }
  }
  if (expr.numerator.size === 0) {
    throw new FormulaError(
      'FORMULA_CONSTANT',
      0,
      `Expected a numerator with variables at 0, got one that cancels to 0 (${FORM})`,
    )
  }
  const n = factorOut(expr.numerator)
  const d = factorOut(expr.denominator)
  const variables = [...n.terms.map((t) => t.variable)]
  for (const t of d.terms) if (!variables.includes(t.variable)) variables.push(t.variable)
  return {
    text,
    scale: (expr.scale * n.factor) / d.factor,
    numerator: n.terms,
    denominator: d.terms,
    variables,
  }
}
