/**
 * Map classification (shared by the atlas, the analysis module and reports): class breaks for a
 * set of values by one of the usual methods, the count of values per class and the goodness of
 * variance fit. Pure and browser-safe.
 *
 * CONTRACT (being implemented): the signatures below are what the atlas codes against.
 */

export const CLASSIFICATION_METHODS = [
  'fisher',
  'jenks',
  'quantile',
  'equal',
  'stddev',
  'pretty',
  'manual',
] as const
export type ClassificationMethod = (typeof CLASSIFICATION_METHODS)[number]

export interface ClassificationOptions {
  /** For `manual`: the inner breaks (k − 1 ascending values) or all k + 1 bounds. */
  breaks?: readonly number[]
}

export interface Classification {
  method: ClassificationMethod
  /**
   * Class bounds, ascending, `k + 1` values: class i holds `breaks[i] < v ≤ breaks[i + 1]`, the
   * first class also its lower bound (`breaks[0] ≤ v`). May hold fewer classes than asked for
   * when there are fewer distinct values.
   */
  breaks: number[]
  /** Number of values per class (length `breaks.length − 1`). */
  counts: number[]
  /** Goodness of variance fit: 1 − SDCM / SDAM (1 = perfect). NaN for fewer than 2 values. */
  gvf: number
}

/**
 * Classifies `values` (NaN and non-finite values are ignored) into `k` classes (2–9 in the UI).
 *
 * @example classify([1, 2, 3, 10, 11, 12], 'fisher', 2).breaks // [1, 3, 12]
 */
export function classify(
  values: readonly number[],
  method: ClassificationMethod,
  k: number,
  options: ClassificationOptions = {},
): Classification {
  void values
  void method
  void k
  void options
  throw new Error('classify: not implemented yet')
}

/** The class index of `value` under `breaks` (see Classification.breaks); -1 for NaN or outside. */
export function classIndex(value: number, breaks: readonly number[]): number {
  if (!Number.isFinite(value) || breaks.length < 2) return -1
  if (value < breaks[0]! || value > breaks[breaks.length - 1]!) return -1
  for (let i = 1; i < breaks.length; i++) if (value <= breaks[i]!) return i - 1
  return -1
}
