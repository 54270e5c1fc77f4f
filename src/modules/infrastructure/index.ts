export { infrastructureModule } from './module.js'
export { facilitiesAsGeoJson, facilityCounts, type FacilityProperties } from './queries.js'
