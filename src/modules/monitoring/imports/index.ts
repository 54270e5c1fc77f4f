/** Statistics imports: files → observations, with reports, profiles and rollback. */
export {
  importObservations,
  parseMapping,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from './importObservations.js'
export { rollbackImport, ImportStateError, type RollbackResult } from './rollbackImport.js'
export {
  saveProfile,
  listProfiles,
  getProfile,
  requireProfile,
  deleteProfile,
  ProfileName,
  type ImportProfile,
} from './profiles.js'
export { listImports, getImport, type ImportSummary, type ImportDetail } from './queries.js'
export {
  ImportMapping,
  parseVariablePairs,
  type ImportMappingInput,
  type RawRecord,
} from './mapping.js'
export {
  formatReport,
  plural,
  MAX_REPORTED_PROBLEMS,
  type ImportProblem,
  type ImportReport,
  type ProblemCode,
} from './report.js'
export { RATIO_RULES, isCountUnit, type RatioRule } from './rules.js'
