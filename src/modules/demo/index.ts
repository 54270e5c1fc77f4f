export { loadDemo, removeDemo, type DemoLoadResult, type DemoProgress } from './load.js'
export { generateMusterstadt } from './musterstadt/index.js'
export type { DemoCity } from './types.js'
