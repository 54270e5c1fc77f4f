export { areasModule } from './module.js'
export { LayerKey } from './http.js'
export {
  listLayers,
  requireLayer,
  areasAsGeoJson,
  type AreaLayer,
  type AreaProperties,
} from './queries.js'
