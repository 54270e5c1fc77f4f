/** Joins area geometry properties with population values into the rows of the overview table. */
import type { AreaCollection, PopulationValues } from '../http/types.js'

export interface AreaRow {
  code: string
  name: string
  parentCode: string | null
  /** Name of the parent area when the parent layer is known. */
  parentName: string | null
  population: number | null
  areaKm2: number | null
  /** Residents per km²; null without population or area. */
  density: number | null
}

/**
 * One row per area, in the order of the collection, with the population density.
 *
 * @example areaRows(areas, { layer: 'stadtbezirk', period: 2024, values: [{ code: '01', population: 5000 }] })
 */
export function areaRows(
  areas: AreaCollection,
  population: PopulationValues,
  parentNames: ReadonlyMap<string, string> = new Map(),
): AreaRow[] {
  const residents = new Map(population.values.map((value) => [value.code, value.population]))
  return areas.features.map(({ properties }) => {
    const count = residents.get(properties.code)
    const value = typeof count === 'number' && Number.isFinite(count) ? count : null
    const areaKm2 =
      typeof properties.areaKm2 === 'number' && Number.isFinite(properties.areaKm2)
        ? properties.areaKm2
        : null
    return {
      code: properties.code,
      name: properties.name,
      parentCode: properties.parentCode,
      parentName:
        properties.parentCode === null ? null : (parentNames.get(properties.parentCode) ?? null),
      population: value,
      areaKm2,
      density: value !== null && areaKm2 !== null && areaKm2 > 0 ? value / areaKm2 : null,
    }
  })
}

/** Totals over rows: residents and area of the rows that have them, and the overall density. */
export function totals(
  rows: readonly AreaRow[],
): Pick<AreaRow, 'population' | 'areaKm2' | 'density'> {
  let population = 0
  let areaKm2 = 0
  let withPopulation = 0
  let withArea = 0
  let areaWithPopulation = 0
  for (const row of rows) {
    if (row.population !== null) {
      population += row.population
      withPopulation++
      if (row.areaKm2 !== null) areaWithPopulation += row.areaKm2
    }
    if (row.areaKm2 !== null) {
      areaKm2 += row.areaKm2
      withArea++
    }
  }
  return {
    population: withPopulation > 0 ? population : null,
    areaKm2: withArea > 0 ? areaKm2 : null,
    density: areaWithPopulation > 0 ? population / areaWithPopulation : null,
  }
}
