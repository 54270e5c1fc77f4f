/**
 * The analysis view in the address (`/analyse?org=…&view=lisa&indicator=…`), so every result can be
 * bookmarked, shared and embedded like an atlas view. Pure (works on query strings), tested
 * without a browser. Invalid parameters are ignored (the default applies) and reported.
 *
 * Parameters: `view` (index | lisa | hotspots | smoothed | typology), `layer`, `period` (year),
 * `indicator`; social index: `index` (key), `version`, `show` (combined | status | dynamics);
 * spatial statistics: `weights` (queen | rook | knn:<k>), `permutations`, `alpha`, `seed`;
 * smoothing: `kind` (global | local), `display` (smoothed | raw); typology: `method`
 * (kmeans | ward), `k`, `indicators` (comma-separated); `area` (selected code), `labels=0`.
 * Other parameters (`org`, `embed`) are kept as they are.
 */

export const ANALYSIS_VIEWS = ['index', 'lisa', 'hotspots', 'smoothed', 'typology'] as const
export type AnalysisView = (typeof ANALYSIS_VIEWS)[number]

export const INDEX_SHOWS = ['combined', 'status', 'dynamics'] as const
export type IndexShow = (typeof INDEX_SHOWS)[number]

export const ALPHAS = [0.1, 0.05, 0.01, 0.001] as const
export const PERMUTATIONS = [0, 99, 499, 999, 9999] as const
/** The typology's k: the categorical palette holds 7 colours (Okabe & Ito, see colours.ts). */
export const MIN_CLUSTERS = 2
export const MAX_CLUSTERS = 7
export const MAX_KNN = 20

export interface AnalysisState {
  view: AnalysisView
  layer: string | null
  period: number | null
  indicator: string | null
  /** Social index key and version; null: the page picks the latest published version. */
  index: string | null
  version: number | null
  show: IndexShow
  /** `queen`, `rook` or `knn:<k>`. */
  weights: string
  /** Random permutations; null: the method's default (999 for LISA, 0 for Gi*). */
  permutations: number | null
  alpha: number
  seed: number
  kind: 'global' | 'local'
  display: 'smoothed' | 'raw'
  method: 'kmeans' | 'ward'
  k: number
  /** Typology variables; empty: the page picks defaults. */
  indicators: string[]
  area: string | null
  labels: boolean
}

export const DEFAULT_ANALYSIS_STATE: AnalysisState = {
  view: 'index',
  layer: null,
  period: null,
  indicator: null,
  index: null,
  version: null,
  show: 'combined',
  weights: 'queen',
  permutations: null,
  alpha: 0.05,
  seed: 1,
  kind: 'global',
  display: 'smoothed',
  method: 'kmeans',
  k: 4,
  indicators: [],
  area: null,
  labels: true,
}

/** What a parameter should have held; the page names it in the UI language. */
export type AnalysisExpectation =
  | 'view'
  | 'key'
  | 'year'
  | 'version'
  | 'show'
  | 'weights'
  | 'permutations'
  | 'alpha'
  | 'seed'
  | 'kind'
  | 'display'
  | 'method'
  | 'clusters'
  | 'keys'
  | 'boolean'

export interface AnalysisStateProblem {
  param: string
  value: string
  expected: AnalysisExpectation
}

const KEY = /^[A-Za-z0-9_.\-:]{1,100}$/
const WEIGHTS = /^(queen|rook|knn:([1-9]\d?))$/

/** Whether `text` names weights the API accepts (knn with k from 1 to 20). */
export function isWeights(text: string): boolean {
  const match = WEIGHTS.exec(text)
  return match !== null && (match[2] === undefined || Number(match[2]) <= MAX_KNN)
}

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: string) =>
    (values as readonly string[]).includes(v)

/**
 * The analysis state of a query string, with the parameters that were ignored.
 *
 * @example parseAnalysisState('?view=lisa&weights=knn:6').state.weights // 'knn:6'
 */
export function parseAnalysisState(search: string): {
  state: AnalysisState
  problems: AnalysisStateProblem[]
} {
  const params = new URLSearchParams(search)
  const state: AnalysisState = { ...DEFAULT_ANALYSIS_STATE, indicators: [] }
  const problems: AnalysisStateProblem[] = []
  const read = (param: string, expected: AnalysisExpectation, accept: (v: string) => boolean) => {
    const value = params.get(param)
    if (value === null || value === '') return null
    if (accept(value)) return value
    problems.push({ param, value, expected })
    return null
  }
  const integer = (min: number, max: number) => (v: string) =>
    /^-?\d{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max

  const view = read('view', 'view', oneOf(ANALYSIS_VIEWS))
  if (view) state.view = view as AnalysisView
  state.layer = read('layer', 'key', (v) => KEY.test(v))
  state.indicator = read('indicator', 'key', (v) => KEY.test(v))
  state.index = read('index', 'key', (v) => KEY.test(v))
  state.area = read('area', 'key', (v) => KEY.test(v))
  const period = read('period', 'year', (v) => /^\d{4}$/.test(v))
  if (period) state.period = Number(period)
  const version = read('version', 'version', integer(1, 1_000_000))
  if (version) state.version = Number(version)
  const show = read('show', 'show', oneOf(INDEX_SHOWS))
  if (show) state.show = show as IndexShow
  const weights = read('weights', 'weights', isWeights)
  if (weights) state.weights = weights
  const permutations = read('permutations', 'permutations', integer(0, 9999))
  if (permutations) state.permutations = Number(permutations)
  const alpha = read('alpha', 'alpha', (v) => /^0?\.\d+$/.test(v) && Number(v) > 0 && Number(v) < 1)
  if (alpha) state.alpha = Number(alpha)
  const seed = read('seed', 'seed', integer(-2_147_483_648, 2_147_483_647))
  if (seed) state.seed = Number(seed)
  const kind = read('kind', 'kind', oneOf(['global', 'local']))
  if (kind) state.kind = kind as AnalysisState['kind']
  const display = read('display', 'display', oneOf(['smoothed', 'raw']))
  if (display) state.display = display as AnalysisState['display']
  const method = read('method', 'method', oneOf(['kmeans', 'ward']))
  if (method) state.method = method as AnalysisState['method']
  const k = read('k', 'clusters', integer(MIN_CLUSTERS, MAX_CLUSTERS))
  if (k) state.k = Number(k)
  const indicators = read('indicators', 'keys', (v) => v.split(',').every((key) => KEY.test(key)))
  if (indicators) state.indicators = [...new Set(indicators.split(','))]
  const labels = read('labels', 'boolean', oneOf(['0', '1']))
  if (labels) state.labels = labels === '1'
  return { state, problems }
}

/** The parameters each view uses; the others are left out of its address. */
const VIEW_PARAMS: Record<AnalysisView, readonly string[]> = {
  index: ['index', 'version', 'show'],
  lisa: ['indicator', 'weights', 'permutations', 'alpha', 'seed'],
  hotspots: ['indicator', 'weights', 'permutations', 'alpha', 'seed'],
  smoothed: ['indicator', 'kind', 'weights', 'display'],
  typology: ['method', 'k', 'indicators', 'seed'],
}

/**
 * The query string for `state`, keeping the parameters of `base` that are not the analysis's own
 * (org, embed, …). Defaults are left out, except view, layer and period.
 *
 * @example writeAnalysisState({ ...DEFAULT_ANALYSIS_STATE, view: 'lisa', indicator: 'sgb2_rate' }, '?org=musterstadt') // '?org=musterstadt&view=lisa&indicator=sgb2_rate'
 */
export function writeAnalysisState(state: AnalysisState, base: string): string {
  const params = new URLSearchParams(base)
  const own = new Set(Object.values(VIEW_PARAMS).flat())
  for (const name of [...own, 'view', 'layer', 'period', 'area', 'labels']) params.delete(name)
  const used = new Set(VIEW_PARAMS[state.view])
  if (state.view === 'smoothed' && state.kind === 'global') used.delete('weights')
  const d = DEFAULT_ANALYSIS_STATE
  const set = (name: string, value: string | number | null, omit?: string | number | null) => {
    if (value !== null && value !== omit && (used.has(name) || !own.has(name))) {
      params.set(name, String(value))
    }
  }
  set('view', state.view)
  set('layer', state.layer)
  set('period', state.period)
  set('indicator', state.indicator)
  set('index', state.index)
  set('version', state.version)
  set('show', state.show, d.show)
  set('weights', state.weights, d.weights)
  set('permutations', state.permutations)
  set('alpha', state.alpha, d.alpha)
  set('seed', state.seed, d.seed)
  set('kind', state.kind, d.kind)
  set('display', state.display, d.display)
  set('method', state.method, d.method)
  set('k', state.k, d.k)
  set('indicators', state.indicators.length > 0 ? state.indicators.join(',') : null)
  set('area', state.area)
  set('labels', state.labels ? null : '0')
  const text = params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')
  return text ? `?${text}` : ''
}

/** Another view or layer gets its own history entry (Back returns to it); the rest replaces it. */
export function isNewAnalysisView(before: AnalysisState, after: AnalysisState): boolean {
  return before.view !== after.view || before.layer !== after.layer
}
