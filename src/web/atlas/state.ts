/**
 * The atlas view in the address: parsing `?indicator=…&layer=…&period=…&mode=…` into an
 * AtlasState and writing it back. Pure (works on query strings), so it is tested without a browser.
 *
 * Parameters: `indicator`, `layer`, `period` (year), `mode` (value | change | deviation), `from`
 * (year, change maps), `method` (fisher | jenks | quantile | equal | stddev | pretty | manual),
 * `k` (3–9), `breaks` (manual inner breaks, comma-separated, `.` as decimal point), `area` (code),
 * `facilities` (categories, comma-separated), `labels=0` (hide area names). Other parameters
 * (`org`, `embed`, `basemap`, …) are kept as they are.
 */
import { CLASSIFICATION_METHODS, type ClassificationMethod } from '../../core/analysis/classify.js'
import { DEFAULT_MAP_CLASSES, DEFAULT_MAP_METHOD } from '../../core/maps/choropleth.js'
import { MAX_CLASSES, MIN_CLASSES } from '../../core/maps/palettes.js'
import { KEY, year } from './keys.js'
import { type AtlasState, MAP_MODES, type MapMode } from './types.js'

export const DEFAULT_METHOD: ClassificationMethod = DEFAULT_MAP_METHOD
export const DEFAULT_CLASSES = DEFAULT_MAP_CLASSES

export const DEFAULT_STATE: AtlasState = {
  indicator: null,
  layer: null,
  period: null,
  mode: 'value',
  from: null,
  method: DEFAULT_METHOD,
  k: DEFAULT_CLASSES,
  breaks: null,
  area: null,
  facilities: [],
  labels: true,
}

/** What a parameter of the address should have held; the UI names it in its language. */
export type Expectation = 'key' | 'year' | 'mode' | 'method' | 'classes' | 'breaks' | 'boolean'

/** A parameter of the address that was ignored, with what was expected instead. */
export interface StateProblem {
  param: string
  value: string
  expected: Expectation
}

/**
 * Parses manual breaks: ascending finite numbers separated by commas, semicolons or spaces.
 * Returns null when the text is not such a list.
 *
 * @example parseBreaks('10,20.5,30') // [10, 20.5, 30]
 */
export function parseBreaks(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean)
  if (parts.length === 0 || parts.length > MAX_CLASSES + 1) return null
  const numbers = parts.map((part) =>
    /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(part) ? Number(part) : NaN,
  )
  if (!numbers.every(Number.isFinite)) return null
  for (let i = 1; i < numbers.length; i++) if (numbers[i]! <= numbers[i - 1]!) return null
  return numbers
}

/**
 * The atlas state of a query string; invalid parameters are ignored (the default applies) and
 * reported, so the page can say what was wrong with a shared link.
 *
 * @example parseAtlasState('?indicator=sgb2_rate&period=2024').state.period // 2024
 */
export function parseAtlasState(search: string): { state: AtlasState; problems: StateProblem[] } {
  const params = new URLSearchParams(search)
  const state: AtlasState = { ...DEFAULT_STATE, facilities: [] }
  const problems: StateProblem[] = []
  const read = (
    param: string,
    expected: Expectation,
    accept: (value: string) => boolean,
  ): string | null => {
    const value = params.get(param)
    if (value === null || value === '') return null
    if (accept(value)) return value
    problems.push({ param, value, expected })
    return null
  }

  state.indicator = read('indicator', 'key', (v) => KEY.test(v))
  state.layer = read('layer', 'key', (v) => KEY.test(v))
  state.area = read('area', 'key', (v) => KEY.test(v))
  const period = read('period', 'year', (v) => year(v) !== null)
  state.period = period === null ? null : Number(period)
  const from = read('from', 'year', (v) => year(v) !== null)
  state.from = from === null ? null : Number(from)
  const mode = read('mode', 'mode', (v) => (MAP_MODES as readonly string[]).includes(v))
  if (mode) state.mode = mode as MapMode
  const method = read('method', 'method', (v) =>
    (CLASSIFICATION_METHODS as readonly string[]).includes(v),
  )
  if (method) state.method = method as ClassificationMethod
  const k = read('k', 'classes', (v) => /^\d$/.test(v) && +v >= MIN_CLASSES && +v <= MAX_CLASSES)
  if (k) state.k = Number(k)
  const breaks = read('breaks', 'breaks', (v) => parseBreaks(v) !== null)
  if (breaks) state.breaks = parseBreaks(breaks)
  const facilities = read('facilities', 'key', (v) => v.split(',').every((c) => KEY.test(c)))
  if (facilities) state.facilities = facilities.split(',')
  const labels = read('labels', 'boolean', (v) => v === '0' || v === '1')
  if (labels) state.labels = labels === '1'

  if (state.method === 'manual' && !state.breaks) {
    problems.push({ param: 'method', value: 'manual', expected: 'breaks' })
    state.method = DEFAULT_METHOD
  }
  return { state, problems }
}

/**
 * The query string for `state`, keeping every other parameter of `base` (org, embed, …). Defaults
 * are left out, except indicator, layer and period, which make a link self-explanatory.
 *
 * @example writeAtlasState({ ...DEFAULT_STATE, indicator: 'sgb2_rate' }, '?org=musterstadt') // '?org=musterstadt&indicator=sgb2_rate'
 */
export function writeAtlasState(state: AtlasState, base: string): string {
  const params = new URLSearchParams(base)
  const set = (param: string, value: string | number | null, omit?: string | number | null) => {
    if (value === null || value === omit) params.delete(param)
    else params.set(param, String(value))
  }
  set('indicator', state.indicator)
  set('layer', state.layer)
  set('period', state.period)
  set('mode', state.mode, 'value')
  set('from', state.mode === 'change' ? state.from : null)
  set('method', state.method, DEFAULT_METHOD)
  set('k', state.method === 'manual' ? null : state.k, DEFAULT_CLASSES)
  set('breaks', state.method === 'manual' && state.breaks ? state.breaks.join(',') : null)
  set('area', state.area)
  set('facilities', state.facilities.length > 0 ? state.facilities.join(',') : null)
  set('labels', state.labels ? null : '0')
  const text = params.toString().replace(/%2C/g, ',')
  return text ? `?${text}` : ''
}

/**
 * Whether going from `before` to `after` is a new view worth its own history entry (Back returns
 * to it): another indicator, layer or mode. Years, classes and the selected area replace the entry.
 */
export function isNewView(before: AtlasState, after: AtlasState): boolean {
  return (
    before.indicator !== after.indicator ||
    before.layer !== after.layer ||
    before.mode !== after.mode
  )
}
