/**
 * The planning areas of Musterstadt: 7 Stadtbezirke, 30–40 Sozialräume and their blocks, with
 * codes, names and the type of each Sozialraum.
 *
 * Stadtbezirke are grown first (a central "Mitte" and six sectors around it), Sozialräume are grown
 * inside each Stadtbezirk, so every area is one connected group of blocks and nests exactly in its
 * parent. Types follow the usual geography of a German city: the old town in the centre, the
 * station quarter next to it, an old working-class quarter along the railway, a student quarter
 * near the university, a 1970s housing estate, an ageing suburb and a new-build area towards the
 * edge, incorporated villages at the edge, ordinary residential areas everywhere else.
 */
import type { Position } from '../../../core/geo/geojson.js'
import type { Random } from '../../../core/random.js'
import { type CityGeometry, normalisedRadius, pointTowardsEdge } from './geometry.js'
import type { BlockKind, SocialAreaType } from './profiles.js'
import { growRegions, partition } from './regions.js'

export interface District {
  code: string
  name: string
  /** Indices into `CityStructure.socialAreas`, in code order. */
  socialAreas: number[]
}

export interface SocialArea {
  code: string
  name: string
  district: number
  type: SocialAreaType
  /** Indices into `CityStructure.blocks`, in code order. */
  blocks: number[]
  /** Area-weighted centroid (m) and its position relative to the outline (0 centre, 1 edge). */
  centroid: Position
  radius: number
}

export interface Block {
  code: string
  name: string
  /** Index into `CityGeometry.cells`. */
  cell: number
  socialArea: number
  kind: BlockKind
}

export interface CityStructure {
  districts: District[]
  socialAreas: SocialArea[]
  blocks: Block[]
}

const DISTRICTS: { name: string; angle: number | null }[] = [
  { name: 'Mitte', angle: null },
  { name: 'Nord', angle: 90 },
  { name: 'Nordost', angle: 30 },
  { name: 'Südost', angle: -30 },
  { name: 'Süd', angle: -90 },
  { name: 'Südwest', angle: -150 },
  { name: 'Nordwest', angle: 150 },
]

const INNER_NAMES = ['Neustadt', 'Wallviertel', 'Marktviertel', 'Am Stadtgraben', 'Domhof']
const AFFLUENT_NAMES = ['Am Stadtwald', 'Rosenhöhe', 'Parkviertel']
const MIDDLE_NAMES = [
  'Am Mühlenbach',
  'Lindenhof',
  'Gartenstadt',
  'Ulmenhof',
  'Brinkfeld',
  'Sandkamp',
  'Eichengrund',
  'Wiesenviertel',
  'Kastanienhof',
  'Schützenplatz',
  'Birkenhain',
  'Ahornviertel',
  'Kiefernhain',
  'Amselgrund',
  'Am Lerchenberg',
  'Ostertor',
  'Am Bruchgraben',
  'Heisterkamp',
  'Vogelsang',
  'Am Wasserturm',
  'Tannenhof',
  'Fliederhof',
  'Am Hasselbach',
  'Steinfeld',
  'Auf der Bult',
]
const VILLAGE_NAMES = [
  'Eschenbüttel',
  'Haverloh',
  'Krummstedt',
  'Bruchhagen',
  'Wellersdorf',
  'Nienhorst',
  'Ebbensen',
  'Lohbeck',
  'Grevenhorst',
]

const deg = (d: number) => (d * Math.PI) / 180
const dist = (a: Position, b: Position) => Math.hypot(a[0] - b[0], a[1] - b[1])
const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Distance from p to the railway: a straight line through the station in direction `angle`. */
function distanceToLine(p: Position, through: Position, angle: number): number {
  const dx = p[0] - through[0]
  const dy = p[1] - through[1]
  return Math.abs(dx * Math.sin(angle) - dy * Math.cos(angle))
}

/**
 * Builds Stadtbezirke, Sozialräume and blocks over the city cells, with codes, names, Sozialraum
 * types and special-use blocks.
 */
export function buildStructure(rng: Random, geo: CityGeometry): CityStructure {
  const { cells, outline } = geo
  const allNodes = cells.map((_, i) => i)
  const graphOf = (nodes: number[]) => ({
    nodes,
    position: (n: number) => (cells[n] as (typeof cells)[number]).centroid,
    weight: (n: number) => (cells[n] as (typeof cells)[number]).area,
    neighbours: (n: number) => (cells[n] as (typeof cells)[number]).neighbours,
  })
  const nearestCell = (p: Position, among: readonly number[] = allNodes): number => {
    let best = among[0] as number
    let bestD = Infinity
    for (const i of among) {
      const d = dist((cells[i] as (typeof cells)[number]).centroid, p)
      if (d < bestD) {
        bestD = d
        best = i
      }
    }
    return best
  }

  // --- Stadtbezirke: Mitte around the centre, six sectors around it ---------------------------
  const districtSeeds = DISTRICTS.map((d) =>
    nearestCell(
      d.angle === null
        ? [0, 0]
        : pointTowardsEdge(outline, deg(d.angle + rng.uniform(-8, 8)), rng.uniform(0.55, 0.62)),
    ),
  )
  const nCells = cells.length
  const mitteTarget = Math.round(nCells * 0.16)
  const outerTarget = (nCells - mitteTarget) / 6
  const districtTargets = DISTRICTS.map((d) => (d.angle === null ? mitteTarget : outerTarget))
  // Grown directly from seeds placed by direction, so the sectors keep their compass names.
  const districtOf = growRegions(graphOf(allNodes), districtSeeds, districtTargets)

  // --- Sozialräume inside each Stadtbezirk -----------------------------------------------------
  const srCounts = DISTRICTS.map((d) => (d.angle === null ? 5 : rng.pick([4, 5, 5, 6])))
  while (srCounts.reduce((a, b) => a + b, 0) < 33) {
    const i = rng.int(1, 6)
    srCounts[i] = (srCounts[i] as number) + 1
  }
  while (srCounts.reduce((a, b) => a + b, 0) > 38) {
    const i = rng.int(1, 6)
    if ((srCounts[i] as number) > 4) srCounts[i] = (srCounts[i] as number) - 1
  }

  interface RawArea {
    district: number
    cells: number[]
    centroid: Position
    radius: number
    type?: SocialAreaType
    name?: string
  }
  const raw: RawArea[] = []
  DISTRICTS.forEach((_, d) => {
    const nodes = allNodes.filter((i) => districtOf.get(i) === d)
    const k = Math.min(srCounts[d] as number, Math.floor(nodes.length / 4))
    const targets = Array.from({ length: k }, () => rng.uniform(0.75, 1.25))
    const sum = targets.reduce((a, b) => a + b, 0)
    const region = partition(
      rng,
      graphOf(nodes),
      targets.map((t) => (t / sum) * nodes.length),
    )
    for (let r = 0; r < k; r++) {
      const members = nodes.filter((i) => region.get(i) === r)
      let sx = 0
      let sy = 0
      let sw = 0
      for (const i of members) {
        const c = cells[i] as (typeof cells)[number]
        sx += c.centroid[0] * c.area
        sy += c.centroid[1] * c.area
        sw += c.area
      }
      const centroid: Position = [sx / sw, sy / sw]
      raw.push({
        district: d,
        cells: members,
        centroid,
        radius: normalisedRadius(outline, centroid),
      })
    }
  })

  // --- Types by location -----------------------------------------------------------------------
  const railAngle = deg(15 + rng.uniform(-12, 12))
  const station: Position = [rng.uniform(-300, 400), rng.uniform(-900, -500)]
  const side = rng.chance(0.5) ? 1 : -1 // which side of the centre the railway quarter lies on
  const rail: Position = [side * Math.cos(railAngle), side * Math.sin(railAngle)]
  const railAt = (d: number): Position => [station[0] + rail[0] * d, station[1] + rail[1] * d]
  const baseAngle = Math.atan2(rail[1], rail[0])

  const untyped = () => raw.filter((a) => !a.type)
  const choose = (
    type: SocialAreaType,
    target: Position,
    ok: (a: RawArea) => boolean,
  ): RawArea | undefined => {
    let best: RawArea | undefined
    for (const a of untyped()) {
      if (!ok(a)) continue
      if (!best || dist(a.centroid, target) < dist(best.centroid, target)) best = a
    }
    if (best) best.type = type
    return best
  }
  const inMitte = (a: RawArea) => a.district === 0
  choose('old_town', [0, 0], inMitte)
  choose('station_quarter', station, inMitte)
  choose('working_class', railAt(2600), (a) => a.radius > 0.2 && a.radius < 0.65)
  choose(
    'student_quarter',
    pointTowardsEdge(outline, baseAngle + deg(115), 0.38),
    (a) => a.radius < 0.6,
  )
  choose(
    'housing_estate',
    pointTowardsEdge(outline, baseAngle - deg(115), 0.62),
    (a) => a.radius > 0.4 && a.radius < 0.85,
  )
  choose(
    'ageing_suburb',
    pointTowardsEdge(outline, baseAngle + deg(180), 0.58),
    (a) => a.radius > 0.35 && !inMitte(a),
  )
  choose(
    'new_build',
    pointTowardsEdge(outline, baseAngle - deg(45), 0.82),
    (a) => a.radius > 0.55 && !inMitte(a),
  )
  const villages = untyped()
    .filter((a) => a.radius > 0.68 && !inMitte(a))
    .sort((a, b) => b.radius - a.radius)
    .slice(0, 6)
  for (const v of villages) v.type = 'village'
  choose('affluent', pointTowardsEdge(outline, baseAngle + deg(70), 0.45), (a) => a.radius > 0.3)
  choose('affluent', pointTowardsEdge(outline, baseAngle + deg(235), 0.5), (a) => a.radius > 0.3)
  for (const a of untyped()) a.type = inMitte(a) ? 'inner_city' : 'middle_class'

  // --- Names -----------------------------------------------------------------------------------
  const pools = {
    inner: rng.shuffle(INNER_NAMES),
    affluent: rng.shuffle(AFFLUENT_NAMES),
    middle: rng.shuffle(MIDDLE_NAMES),
    village: rng.shuffle(VILLAGE_NAMES),
  }
  const take = (pool: string[]): string => {
    const name = pool.shift()
    if (!name) throw new Error('Ran out of Sozialraum names; expected enough names in the pools.')
    return name
  }
  for (const a of raw) {
    switch (a.type) {
      case 'old_town':
        a.name = 'Altstadt'
        break
      case 'station_quarter':
        a.name = 'Bahnhofsviertel'
        break
      case 'working_class': {
        const angle = Math.atan2(a.centroid[1], a.centroid[0]) / (Math.PI / 2)
        const q = ((Math.round(angle) % 4) + 4) % 4
        a.name = ['Oststadt', 'Nordstadt', 'Weststadt', 'Südstadt'][q] as string
        break
      }
      case 'student_quarter':
        a.name = 'Hochschulviertel'
        break
      case 'housing_estate':
        a.name = 'Am Sonnenkamp'
        break
      case 'ageing_suburb':
        a.name = 'Hohe Heide'
        break
      case 'new_build':
        a.name = 'Weidenfeld'
        break
      case 'affluent':
        a.name = take(pools.affluent)
        break
      case 'village':
        a.name = take(pools.village)
        break
      case 'inner_city':
        a.name = take(pools.inner)
        break
      default:
        a.name = take(pools.middle)
    }
  }

  // --- Codes: Sozialräume from the centre outwards, blocks north to south ----------------------
  const districts: District[] = []
  const socialAreas: SocialArea[] = []
  const blocks: Block[] = []
  DISTRICTS.forEach((d, di) => {
    const district: District = { code: pad(di + 1, 2), name: d.name, socialAreas: [] }
    districts.push(district)
    const members = raw
      .filter((a) => a.district === di)
      .sort((a, b) => a.radius - b.radius || a.centroid[0] - b.centroid[0])
    members.forEach((a, si) => {
      const sa: SocialArea = {
        code: `${district.code}.${pad(si + 1, 2)}`,
        name: a.name as string,
        district: di,
        type: a.type as SocialAreaType,
        blocks: [],
        centroid: a.centroid,
        radius: a.radius,
      }
      district.socialAreas.push(socialAreas.length)
      socialAreas.push(sa)
      const sorted = [...a.cells].sort((x, y) => {
        const cx = (cells[x] as (typeof cells)[number]).centroid
        const cy = (cells[y] as (typeof cells)[number]).centroid
        return Math.round(cy[1] / 300) - Math.round(cx[1] / 300) || cx[0] - cy[0]
      })
      sorted.forEach((cell, bi) => {
        sa.blocks.push(blocks.length)
        blocks.push({
          code: `${sa.code}.${pad(bi + 1, 3)}`,
          name: `${sa.name} ${bi + 1}`,
          cell,
          socialArea: socialAreas.length - 1,
          kind: 'residential',
        })
      })
    })
  })

  markSpecialBlocks(rng, geo, { districts, socialAreas, blocks }, station, railAngle)
  return { districts, socialAreas, blocks }
}

/**
 * Marks blocks with special land use and few residents: an industrial estate along the railway,
 * parks, allotments and open fields around villages. They give the data the small counts (1, 2)
 * that disclosure control has to suppress.
 */
function markSpecialBlocks(
  rng: Random,
  geo: CityGeometry,
  structure: CityStructure,
  station: Position,
  railAngle: number,
): void {
  const { cells } = geo
  const { socialAreas, blocks } = structure
  const cellOf = (b: number) => cells[(blocks[b] as Block).cell] as (typeof cells)[number]
  const setKind = (b: number, kind: BlockKind, name: string) => {
    const block = blocks[b] as Block
    block.kind = kind
    block.name = name
  }
  const residentialBlocks = (sa: SocialArea) =>
    sa.blocks.filter((b) => (blocks[b] as Block).kind === 'residential')

  // Industrial estate: the working-class quarter's block nearest the railway, and the outer
  // middle-class block nearest the railway ("Gewerbegebiet").
  const used = new Set<string>()
  const industrial = (sa: SocialArea, name: string) => {
    const candidates = residentialBlocks(sa)
    if (candidates.length < 3) return
    const best = candidates.reduce((a, b) =>
      distanceToLine(cellOf(a).centroid, station, railAngle) <=
      distanceToLine(cellOf(b).centroid, station, railAngle)
        ? a
        : b,
    )
    setKind(best, 'industrial', name)
  }
  for (const sa of socialAreas) {
    if (sa.type === 'working_class') industrial(sa, `Gewerbegebiet ${sa.name}`)
  }
  const outer = socialAreas
    .filter((sa) => sa.type === 'middle_class' && sa.radius > 0.5)
    .sort(
      (a, b) =>
        distanceToLine(a.centroid, station, railAngle) -
        distanceToLine(b.centroid, station, railAngle),
    )
  for (const sa of outer.slice(0, 2)) {
    industrial(sa, `Gewerbegebiet ${sa.name}`)
    used.add(sa.code)
  }

  // Parks: one in the inner city, the town forest in an affluent quarter (its largest block).
  const inner = socialAreas.filter(
    (sa) => sa.type === 'inner_city' && residentialBlocks(sa).length >= 3,
  )
  if (inner.length > 0) {
    const sa = rng.pick(inner)
    setKind(rng.pick(residentialBlocks(sa)), 'park', 'Stadtpark')
  }
  const affluent = socialAreas.find(
    (sa) => sa.type === 'affluent' && residentialBlocks(sa).length >= 3,
  )
  if (affluent) {
    const largest = residentialBlocks(affluent).reduce((a, b) =>
      cellOf(a).area >= cellOf(b).area ? a : b,
    )
    setKind(largest, 'park', 'Stadtwald')
  }

  // Allotments in three ordinary residential areas.
  const middle = rng.shuffle(
    socialAreas.filter(
      (sa) => sa.type === 'middle_class' && !used.has(sa.code) && residentialBlocks(sa).length >= 3,
    ),
  )
  for (const sa of middle.slice(0, 3)) {
    setKind(rng.pick(residentialBlocks(sa)), 'allotments', `Kleingartenanlage ${sa.name}`)
  }

  // Open fields: the largest block of each village with at least three blocks.
  for (const sa of socialAreas) {
    if (sa.type !== 'village' || residentialBlocks(sa).length < 3) continue
    const largest = residentialBlocks(sa).reduce((a, b) =>
      cellOf(a).area >= cellOf(b).area ? a : b,
    )
    setKind(largest, 'fields', `Feldmark ${sa.name}`)
  }
}
