export { monitoringModule } from './module.js'
export { periodRange, residentsByArea, residentsByPeriod } from './queries.js'
export { MonitoringEngine, type Computation } from './engine.js'
export { selectValues, type Audience, type ValueRow, type ValuesQuery } from './values.js'
export { audienceFor } from './http.values.js'
export { toCsv, toGeoJson, toJsonStat, VALUE_COLUMNS } from './formats.js'
export {
  listIndicators,
  seedDefaultCatalogue,
  variableKeys,
  type IndicatorRow,
} from './indicators.js'
export { loadCube, loadAreaIndex, type Cube, type AreaIndex } from './cube.js'
export * from './imports/index.js'
