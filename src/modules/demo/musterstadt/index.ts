/**
 * Musterstadt, the seeded demo city: a fictional city of about 150,000 residents in Lower Saxony
 * with four nested layers of planning areas, ten years of block-level data and the social
 * infrastructure. Pure and deterministic: the same seed always gives the same city.
 *
 * Pipeline: Voronoi cells (geometry.ts) → Stadtbezirke, Sozialräume, blocks and their types
 * (structure.ts) → residents by cohort simulation (population.ts) → social data and the observation
 * cube (social.ts) → providers and facilities (facilities.ts). Each step draws from its own forked
 * random stream, so changing one step leaves the others' numbers alone.
 */
import type { Ring } from '../../../core/geo/geojson.js'
import { unionByEdgeCancellation } from '../../../core/geo/union.js'
import { createRandom } from '../../../core/random.js'
import type { DemoArea, DemoCity, DemoLayer } from '../types.js'
import { demoProviders, buildFacilities } from './facilities.js'
import { buildCityCells, type CityGeometry } from './geometry.js'
import { AGES, type BlockInput, CELLS, cellIndex, simulatePopulation, YEARS } from './population.js'
import { buildObservations } from './social.js'
import { buildStructure, type CityStructure } from './structure.js'
import { demoVariables } from './variables.js'

/** Bump when the generator's output changes for the same seed. */
export const MUSTERSTADT_VERSION = 1

/** The four layers of planning areas, coarse to fine. */
export const MUSTERSTADT_LAYERS: DemoLayer[] = [
  { key: 'gesamtstadt', nameDe: 'Gesamtstadt', nameEn: 'Whole city', level: 0 },
  { key: 'stadtbezirk', nameDe: 'Stadtbezirk', nameEn: 'City district', level: 1 },
  { key: 'sozialraum', nameDe: 'Sozialraum', nameEn: 'Social area', level: 2 },
  { key: 'block', nameDe: 'Statistischer Block', nameEn: 'Statistical block', level: 3 },
]

/**
 * Construction schedule of the new-build area: blocks nearest the existing city are built first
 * (2017–2021, three years each from ground-breaking to full occupation); one block keeps its old
 * farmsteads.
 */
function blockInputs(geo: CityGeometry, structure: CityStructure): BlockInput[] {
  const inputs: BlockInput[] = structure.blocks.map((b) => ({
    type: (structure.socialAreas[b.socialArea] as CityStructure['socialAreas'][number]).type,
    kind: b.kind,
    area: (geo.cells[b.cell] as CityGeometry['cells'][number]).area,
    constructionStart: null,
  }))
  const starts = [2017, 2017, 2018, 2019, 2020, 2021]
  for (const sa of structure.socialAreas) {
    if (sa.type !== 'new_build') continue
    const distance = (b: number) => {
      const c = (
        geo.cells[
          (structure.blocks[b] as CityStructure['blocks'][number]).cell
        ] as CityGeometry['cells'][number]
      ).centroid
      return Math.hypot(c[0], c[1])
    }
    const sorted = [...sa.blocks].sort((a, b) => distance(a) - distance(b))
    sorted.slice(0, Math.min(starts.length, sorted.length - 1)).forEach((b, k) => {
      ;(inputs[b] as BlockInput).constructionStart = starts[k] as number
    })
  }
  return inputs
}

/** Areas of all layers; parents are the exact unions of their children (edge cancellation). */
function buildAreas(geo: CityGeometry, structure: CityStructure): DemoArea[] {
  const { districts, socialAreas, blocks } = structure
  const blockPolygons: Ring[][][] = blocks.map((b) => [
    [(geo.cells[b.cell] as CityGeometry['cells'][number]).ring],
  ])
  const socialAreaPolygons = socialAreas.map((sa) =>
    unionByEdgeCancellation(sa.blocks.flatMap((b) => blockPolygons[b] as Ring[][])),
  )
  const districtPolygons = districts.map((d) =>
    unionByEdgeCancellation(d.socialAreas.flatMap((s) => socialAreaPolygons[s] as Ring[][])),
  )
  const cityPolygons = unionByEdgeCancellation(districtPolygons.flat())

  const multi = (coordinates: Ring[][]) => ({ type: 'MultiPolygon' as const, coordinates })
  const areas: DemoArea[] = [
    {
      layerKey: 'gesamtstadt',
      code: '0',
      name: 'Musterstadt',
      parentCode: null,
      geometry: multi(cityPolygons),
    },
  ]
  districts.forEach((d, i) => {
    areas.push({
      layerKey: 'stadtbezirk',
      code: d.code,
      name: d.name,
      parentCode: '0',
      geometry: multi(districtPolygons[i] as Ring[][]),
    })
  })
  socialAreas.forEach((sa, i) => {
    areas.push({
      layerKey: 'sozialraum',
      code: sa.code,
      name: sa.name,
      parentCode: (districts[sa.district] as CityStructure['districts'][number]).code,
      geometry: multi(socialAreaPolygons[i] as Ring[][]),
    })
  })
  blocks.forEach((b, i) => {
    areas.push({
      layerKey: 'block',
      code: b.code,
      name: b.name,
      parentCode: (socialAreas[b.socialArea] as CityStructure['socialAreas'][number]).code,
      geometry: multi(blockPolygons[i] as Ring[][]),
    })
  })
  return areas
}

/**
 * Generates the demo city "Musterstadt" (AGS 03999000, fictional) from a seed: layers and areas with
 * exactly nested geometry, 99 variables per statistical block for 2015–2024, providers and about
 * 170 facilities. Runs in well under a second.
 *
 * @example
 * const city = generateMusterstadt()
 * city.areas.filter((a) => a.layerKey === 'sozialraum').length // 30–40
 */
export function generateMusterstadt(seed = 2025): DemoCity {
  const rng = createRandom(seed)
  const geo = buildCityCells(rng.fork('geometry'))
  const structure = buildStructure(rng.fork('structure'), geo)
  const population = simulatePopulation(rng.fork('population'), blockInputs(geo, structure))
  const observations = buildObservations(
    rng.fork('social'),
    structure.blocks.map((b) => ({
      code: b.code,
      kind: b.kind,
      socialArea: b.socialArea,
      type: (structure.socialAreas[b.socialArea] as CityStructure['socialAreas'][number]).type,
    })),
    structure.socialAreas.length,
    population,
  )
  const last = YEARS.length - 1
  const nb = structure.blocks.length
  const facilities = buildFacilities(rng.fork('facilities'), geo, structure, {
    residents(block, fromAge, toAge) {
      let sum = 0
      const offset = (last * nb + block) * CELLS
      for (let s = 0; s < 2; s++) {
        for (let n = 0; n < 2; n++) {
          for (let a = fromAge; a <= Math.min(toAge, AGES - 1); a++) {
            sum += population.counts[offset + cellIndex(s, n, a)] as number
          }
        }
      }
      return sum
    },
  })

  return {
    organization: { slug: 'musterstadt', name: 'Musterstadt', officialKey: '03999000' },
    provenance: { generator: 'musterstadt', version: MUSTERSTADT_VERSION, seed },
    layers: MUSTERSTADT_LAYERS.map((l) => ({ ...l })),
    areas: buildAreas(geo, structure),
    variables: demoVariables(),
    observations,
    providers: demoProviders(),
    facilities,
  }
}
