/** Paths of the real public datasets in the project's shared folder (../shared/data). */
import path from 'node:path'

import { ROOT } from './cli.js'

export const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data')

/** e.g. sharedData('nc-sids', 'nc_sids.csv') */
export const sharedData = (...parts: string[]) => path.join(SHARED_DATA, ...parts)
