/** Everything the density map and table need for one layer, loaded in parallel. */
import type { Api } from '../http/client.js'
import type { AreaCollection, Layer, PopulationValues } from '../http/types.js'

export interface LayerData {
  layer: Layer
  areas: AreaCollection
  population: PopulationValues
  /** Names of the areas of the next coarser layer by code (empty for the top layer). */
  parentNames: Map<string, string>
}

/** The layer directly above `layer` (level − 1), if any. */
export function parentLayer(layers: readonly Layer[], layer: Layer): Layer | undefined {
  return layers.find((candidate) => candidate.level === layer.level - 1)
}

/**
 * Loads areas and the latest population of `layer`, and the parent layer's names. The parent
 * names are a nicety: when they fail, the table shows the parent codes alone.
 */
export async function loadLayerData(
  api: Api,
  slug: string,
  layers: readonly Layer[],
  layer: Layer,
): Promise<LayerData> {
  const parent = parentLayer(layers, layer)
  const [areas, population, parentAreas] = await Promise.all([
    api.areas(slug, layer.key),
    api.population(slug, layer.key),
    parent ? api.areas(slug, parent.key).catch(() => null) : Promise.resolve(null),
  ])
  const parentNames = new Map(
    (parentAreas?.features ?? []).map((feature) => [
      feature.properties.code,
      feature.properties.name,
    ]),
  )
  return { layer, areas, population, parentNames }
}
