import { lazy, Suspense, useCallback, useMemo, useState } from 'react'

import type { FeatureCollection, MultiPolygon } from '../../core/geo/geojson.js'
import { api } from '../http/client.js'
import type { FacilityCollection, FacilityProperties, Summary } from '../http/types.js'
import { FACILITY_CATEGORIES } from '../http/types.js'
import { type AsyncResult, useAsync } from '../hooks/useAsync.js'
import { useI18n } from '../i18n/I18nProvider.js'
import { areaRows } from '../lib/areaRows.js'
import { buildChoropleth, colourOf } from '../lib/choropleth.js'
import { densityDigits } from '../lib/format.js'
import { bbox } from '../lib/geo.js'
import { ErrorMessage, Loading } from '../shell/Status.js'
import { AreaTable } from './AreaTable.js'
import { DensityLegend } from './DensityLegend.js'
import { FacilityFilter } from './FacilityFilter.js'
import { categoryLabel, layerName } from './labels.js'
import { LayerChoice } from './LayerChoice.js'
import { loadLayerData } from './layerData.js'
import { MapBoundary } from './MapBoundary.js'
import type { MapAreaProperties } from './mapTypes.js'

const AreaMap = lazy(() => import('./AreaMap.js'))

export const DEFAULT_LAYER = 'sozialraum'

/** The layer named in `?layer=`, else Sozialraum, else the finest layer. */
function initialLayer(keys: readonly string[]): string {
  const requested = new URLSearchParams(window.location.search).get('layer')
  if (requested && keys.includes(requested)) return requested
  return keys.includes(DEFAULT_LAYER) ? DEFAULT_LAYER : (keys.at(-1) ?? '')
}

/** Keeps the chosen layer in the address, so a link or reload shows the same view. */
function rememberLayer(key: string) {
  const url = new URL(window.location.href)
  url.searchParams.set('layer', key)
  window.history.replaceState(window.history.state, '', url)
}

/**
 * Population density of the areas of one layer: layer choice, map with legend and facility
 * filter, and the same values as a sortable table.
 */
export function DensitySection({
  slug,
  summary,
  facilities,
}: {
  slug: string
  summary: Summary
  facilities: AsyncResult<FacilityCollection>
}) {
  const { t, format, language } = useI18n()
  const layers = useMemo(() => [...summary.layers].sort((a, b) => a.level - b.level), [summary])
  const [layerKey, setLayerKey] = useState(() => initialLayer(layers.map((layer) => layer.key)))
  const layer = layers.find((candidate) => candidate.key === layerKey) ?? layers[0]
  const selectLayer = useCallback((key: string) => {
    setLayerKey(key)
    rememberLayer(key)
  }, [])

  const data = useAsync(
    () =>
      layer ? loadLayerData(api, slug, layers, layer) : Promise.reject(new Error('No layers.')),
    `${slug}/${layer?.key ?? ''}`,
  )
  const shown = data.status === 'ready' ? data.data : data.previous

  const rows = useMemo(
    () => (shown ? areaRows(shown.areas, shown.population, shown.parentNames) : []),
    [shown],
  )
  const choropleth = useMemo(() => buildChoropleth(rows.map((row) => row.density)), [rows])
  const byCode = useMemo(() => new Map(rows.map((row) => [row.code, row])), [rows])
  const mapAreas = useMemo<FeatureCollection<MultiPolygon, MapAreaProperties> | null>(() => {
    if (!shown) return null
    return {
      type: 'FeatureCollection',
      features: shown.areas.features.map((feature) => ({
        type: 'Feature',
        id: feature.properties.code,
        geometry: feature.geometry,
        properties: {
          code: feature.properties.code,
          name: feature.properties.name,
          fill: colourOf(byCode.get(feature.properties.code)?.density ?? null, choropleth),
        },
      })),
    }
  }, [shown, byCode, choropleth])
  const bounds = useMemo(() => (shown ? bbox(shown.areas) : null), [shown])

  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const categories = useMemo(() => {
    const order = (category: string) => {
      const index = (FACILITY_CATEGORIES as readonly string[]).indexOf(category)
      return index < 0 ? FACILITY_CATEGORIES.length : index
    }
    return [...summary.facilities].sort((a, b) => order(a.category) - order(b.category))
  }, [summary])
  const visibleCategories = useMemo(
    () => categories.map((entry) => entry.category).filter((category) => !hidden.has(category)),
    [categories, hidden],
  )
  const toggleCategory = useCallback((category: string, visible: boolean) => {
    setHidden((current) => {
      const next = new Set(current)
      if (visible) next.delete(category)
      else next.add(category)
      return next
    })
  }, [])

  const describeArea = useCallback(
    (code: string) => {
      const row = byCode.get(code)
      if (!row) return code
      const value =
        row.density === null
          ? t('density.noData')
          : `${format.decimal(row.density, densityDigits(row.density))} ${t('density.unit')}`
      return `${row.name}: ${value}`
    },
    [byCode, format, t],
  )
  const describeFacility = useCallback(
    (facility: FacilityProperties) => {
      const parts = [facility.name, categoryLabel(facility.category, t)]
      if (facility.providerName) parts.push(facility.providerName)
      if (typeof facility.capacity === 'number') {
        parts.push(
          t('facilities.capacity', {
            capacity: format.integer(facility.capacity),
            unit: facility.capacityUnit ?? '',
          }).trim(),
        )
      }
      return parts.join(' · ')
    },
    [format, t],
  )

  if (!layer) return null
  const name = layerName(layer, language)
  const year = shown?.population.period ?? summary.periods.last
  const shownName = shown ? layerName(shown.layer, language) : name

  return (
    <section className="section" aria-labelledby="density-title">
      <h2 id="density-title">{t('density.title', { year })}</h2>
      <p className="section__intro">{t('density.intro')}</p>
      <div className="atlas">
        <div className="atlas__controls">
          <LayerChoice layers={layers} selected={layer.key} onSelect={selectLayer} />
          {data.status === 'loading' && (
            <Loading label={t('density.loadingLayer', { layer: name })} />
          )}
          {data.status === 'error' && (
            <ErrorMessage
              title={t('error.layer', { layer: name })}
              error={data.error}
              onRetry={data.retry}
            />
          )}
          {shown && <DensityLegend choropleth={choropleth} />}
          <FacilityFilter categories={categories} hidden={hidden} onToggle={toggleCategory} />
          {facilities.status === 'error' && (
            <ErrorMessage
              title={t('error.facilities')}
              error={facilities.error}
              onRetry={facilities.retry}
            />
          )}
        </div>
        <div className="atlas__map">
          <MapBoundary
            fallback={(error) => (
              <div className="alert alert--error" role="alert">
                <p className="alert__title">{t('error.map', { reason: error.message })}</p>
                <p className="alert__detail">{t('error.mapHint')}</p>
              </div>
            )}
          >
            <Suspense fallback={<Loading label={t('map.loading')} />}>
              {mapAreas ? (
                <AreaMap
                  layerKey={shown?.layer.key ?? layer.key}
                  areas={mapAreas}
                  bounds={bounds}
                  facilities={facilities.status === 'ready' ? facilities.data : null}
                  visibleCategories={visibleCategories}
                  label={t('map.label', { layer: shownName })}
                  describeArea={describeArea}
                  describeFacility={describeFacility}
                />
              ) : (
                <div className="map map--placeholder" />
              )}
            </Suspense>
          </MapBoundary>
          <p className="hint">{t('map.hint')}</p>
        </div>
      </div>
      {shown && <AreaTable rows={rows} layerName={shownName} year={year} />}
    </section>
  )
}
