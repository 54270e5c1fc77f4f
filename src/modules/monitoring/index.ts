export { monitoringModule } from './module.js'
export { periodRange, residentsByArea, residentsByPeriod } from './queries.js'
