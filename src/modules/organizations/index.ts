export {
  listOrganizations,
  requireOrganization,
  requireOrganizationById,
  type Organization,
} from './queries.js'
export { OrgParams } from './http.js'
export { organizationsModule } from './module.js'
