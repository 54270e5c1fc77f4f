/** What other modules and the CLI may use of admin. */
export { adminModule } from './module.js'
export { BACKUP_PATH } from './http.js'
