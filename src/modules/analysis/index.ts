/** What other modules and the CLI may use of analysis. */
export { analysisModule } from './module.js'
export { listVersions, findVersion, requireVersion, type StoredVersion } from './definitions.js'
export { saveVersion, type SaveVersionInput } from './commands/saveVersion.js'
export { publishVersion } from './commands/publishVersion.js'
export { socialIndexAnswer, sensitivityAnswer } from './socialIndex.js'
export type * from './types.js'
