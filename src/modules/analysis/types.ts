/**
 * Types of the analysis API, shared with the web app (browser-safe: types only).
 */
import type {
  CombinedClass,
  DynamicsClass,
  ExclusionReason,
  SocialIndexDefinition,
  SocialIndexStandardisation,
  StatusClass,
} from '../../core/analysis/socialIndex.js'

export type { CombinedClass, DynamicsClass, SocialIndexDefinition, StatusClass }

/** One saved, immutable version of a social index definition. */
export interface SocialIndexVersion {
  /** Stable name of the index, e.g. `sozialindex`; versions share it. */
  key: string
  /** 1, 2, …: every edit saves the next version. */
  version: number
  nameDe: string
  nameEn: string
  description: string
  /** The public sees the classes of a published version whose indicators are all published. */
  published: boolean
  /** Display name of who saved it (null once the account is deleted). */
  createdBy: string | null
  createdAt: string
  definition: SocialIndexDefinition
}

/**
 * Who the answer was shaped for: `internal` (index values, z-scores, standardisation), `public`
 * (classes only), `scoped` (internal detail for the asker's areas, classes elsewhere).
 */
export type AnalysisAudience = 'internal' | 'public' | 'scoped'

export interface SocialIndexAreaRow {
  code: string
  name: string
  /** The figures are null where the audience sees classes only. */
  population: number | null
  status: number | null
  statusClass: StatusClass
  dynamics: number | null
  dynamicsClass: DynamicsClass | null
  combined: CombinedClass | null
  z: Record<string, number> | null
  changeZ: Record<string, number> | null
}

export interface SocialIndexExcludedRow {
  code: string
  name: string
  reason: ExclusionReason
  detail: string
}

/** A computed social index: reproducible from (key, version, layer, period) and the data state. */
export interface SocialIndexAnswer {
  key: string
  version: number
  layer: string
  period: number
  /** The earlier year of the dynamics index (period − dynamicsYears). */
  dynamicsFrom: number
  /** The organisation's data version the index was computed from. */
  dataVersion: number
  audience: AnalysisAudience
  definition: SocialIndexDefinition
  areas: SocialIndexAreaRow[]
  excluded: SocialIndexExcludedRow[]
  withoutDynamics: SocialIndexExcludedRow[]
  /** Means and SDs used; null for the public. */
  standardisation: SocialIndexStandardisation[] | null
  dynamicsUnavailable: string | null
  counts: {
    status: Record<StatusClass, number>
    dynamics: Record<DynamicsClass, number>
    combined: Partial<Record<CombinedClass, number>>
  }
}

export interface SensitivityAnswer {
  key: string
  version: number
  layer: string
  period: number
  dataVersion: number
  audience: AnalysisAudience
  variants: {
    indicator: string
    change: 'dropped' | 'weight_halved' | 'weight_doubled'
    problem: string | null
    status: { code: string; from: StatusClass | null; to: StatusClass | null }[]
    dynamics: { code: string; from: DynamicsClass | null; to: DynamicsClass | null }[]
  }[]
}
