export { areasModule } from './module.js'
export { LayerKey } from './http.js'
export {
  listLayers,
  requireLayer,
  areasAsGeoJson,
  type AreaLayer,
  type AreaProperties,
} from './queries.js'
export {
  importBoundaries,
  DEFAULT_TOLERANCE_M2,
  type BoundaryImportReport,
  type ImportBoundariesOptions,
} from './commands/importBoundaries.js'
export { DEFAULT_POPULATION_PATTERN, type CrosswalkOptions } from './commands/computeCrosswalk.js'
export { crosswalkFor, layerVersions, type CrosswalkRow, type LayerVersion } from './crosswalk.js'
