/** Lookups every analysis view builds from what the page hands it: areas and indicators by key. */
import { useCallback, useMemo } from 'react'

import type { IndicatorMeta } from '../atlas/types.js'
import type { AreaCollection } from '../http/types.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { indicatorName } from './controls.js'

/** The layer's area codes in the geometry's order and their names by code (empty until loaded). */
export function useAreaLookup(geometry: AreaCollection | null) {
  const codes = useMemo(() => geometry?.features.map((f) => f.properties.code) ?? [], [geometry])
  const names = useMemo(
    () => new Map(geometry?.features.map((f) => [f.properties.code, f.properties.name]) ?? []),
    [geometry],
  )
  return { codes, names }
}

/** The indicators by key, and an indicator's name in the page language (its key if unknown). */
export function useIndicatorLookup(indicators: readonly IndicatorMeta[]) {
  const { language } = useI18n()
  const byKey = useMemo(
    () => new Map(indicators.map((indicator) => [indicator.key, indicator])),
    [indicators],
  )
  const nameOf = useCallback(
    (key: string) => {
      const indicator = byKey.get(key)
      return indicator ? indicatorName(indicator, language) : key
    },
    [byKey, language],
  )
  return { byKey, nameOf }
}
