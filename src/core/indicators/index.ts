/**
 * Indicators (Kennzahlen): formulas over variables and the engine that computes them for every
 * area and period. Pure and browser-safe.
 */
export {
  expandGlob,
  type Formula,
  FormulaError,
  type FormulaErrorCode,
  formatFormula,
  parseFormula,
  type Term,
} from './formula.js'
export {
  aggregateVariables,
  attachFlags,
  computeIndicators,
  type EngineInput,
  type EngineResult,
  type EngineUpdate,
  type IndicatorDefinition,
  type IndicatorResult,
  maskForPublic,
  NOT_CHECKED,
  periodColumn,
  publicCell,
  publicSlice,
  updateIndicators,
} from './engine.js'
export { createAreaTree, EngineError, indexTree, type TreeIndex } from './tree.js'
export * from './types.js'
export { RESIDENT_VARIABLE_PATTERN } from './residents.js'
