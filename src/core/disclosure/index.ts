/**
 * Disclosure control (Geheimhaltung): primary and secondary cell suppression of counts on the area
 * hierarchy, and the attacker that checks it. Pure and browser-safe.
 *
 * @example
 * import { audit, suppress } from '../core/disclosure/index.js'
 * const flags = suppress(tree, counts, 3)
 * const published = counts.map((v, i) => (flags[i] === VISIBLE ? v : NaN))
 * audit(tree, published, flags, 3) // no primary with lower === upper
 */
export { audit, type AuditOptions, type FeasibleInterval } from './audit.js'
export {
  suppress,
  suppressTable,
  suppressWithReport,
  type SuppressOptions,
  type SuppressionReport,
} from './suppress.js'
