/**
 * Providers (Träger) and facilities (Einrichtungen) of Musterstadt: Kitas, schools, youth and
 * senior centres, counselling services and family centres.
 *
 * Facilities sit where their users live (Kitas where the small children are, senior centres where
 * the old are); youth centres and family centres concentrate in the disadvantaged quarters, as
 * municipal funding usually prioritises them. The new-build area deliberately has a single Kita
 * for hundreds of young children: the supply gap a needs analysis should find.
 */
import type { Position } from '../../../core/geo/geojson.js'
import type { Random } from '../../../core/random.js'
import type { DemoFacility, DemoProvider, FacilityCategory } from '../types.js'
import { type CityGeometry, randomPointInCell, round7, toLonLat } from './geometry.js'
import { type SocialAreaType, TYPE_PROFILES } from './profiles.js'
import type { CityStructure, SocialArea } from './structure.js'

const CITY = 'Stadt Musterstadt'
const AWO = 'AWO Kreisverband Musterstadt e.V.'
const CARITAS = 'Caritasverband Musterstadt e.V.'
const CATHOLIC_PARISH = 'Kath. Kirchengemeinde St. Marien Musterstadt'
const DIAKONIE = 'Diakonisches Werk Musterstadt'
const PROTESTANT_PARISH = 'Ev.-luth. Kirchengemeinde St. Johannis Musterstadt'
const DRK = 'DRK-Kreisverband Musterstadt e.V.'
const LEBENSHILFE = 'Lebenshilfe Musterstadt e.V.'
const KINDERSCHUTZBUND = 'Deutscher Kinderschutzbund Ortsverband Musterstadt e.V.'
const PARENTS = 'Elterninitiative Kinderhaus Musterstadt e.V.'
const KINDERLAND = 'Kinderland Bildungs GmbH'
const FREE_SCHOOL = 'Freie Schule Musterstadt gGmbH'
const RESIDENCE = 'Seniorenresidenz am Stadtpark GmbH'

/** The providers of the demo city: the city, free welfare associations and private providers. */
export function demoProviders(): DemoProvider[] {
  return [
    { name: CITY, kind: 'public', association: null },
    { name: AWO, kind: 'free_welfare', association: 'AWO' },
    { name: CARITAS, kind: 'free_welfare', association: 'Caritas' },
    { name: CATHOLIC_PARISH, kind: 'free_welfare', association: 'Caritas' },
    { name: DIAKONIE, kind: 'free_welfare', association: 'Diakonie' },
    { name: PROTESTANT_PARISH, kind: 'free_welfare', association: 'Diakonie' },
    { name: DRK, kind: 'free_welfare', association: 'DRK' },
    { name: LEBENSHILFE, kind: 'free_welfare', association: 'Paritätischer' },
    { name: KINDERSCHUTZBUND, kind: 'free_welfare', association: 'Paritätischer' },
    { name: PARENTS, kind: 'free_welfare', association: 'Paritätischer' },
    { name: KINDERLAND, kind: 'private', association: null },
    { name: FREE_SCHOOL, kind: 'private', association: null },
    { name: RESIDENCE, kind: 'private', association: null },
  ]
}

const KITA_NAMES = [
  'Regenbogen',
  'Pusteblume',
  'Sonnenschein',
  'Kunterbunt',
  'Löwenzahn',
  'Wirbelwind',
  'Sternschnuppe',
  'Spatzennest',
  'Zwergenland',
  'Schatzkiste',
  'Wiesenzwerge',
  'Kleine Strolche',
  'Wackelzahn',
  'Schneckenhaus',
  'Abenteuerland',
  'Sonnenblume',
  'Marienkäfer',
  'Rappelkiste',
  'Purzelbaum',
  'Kleeblatt',
  'Seepferdchen',
  'Mäuseburg',
  'Farbklecks',
  'Igelnest',
  'Eulennest',
  'Blumenwiese',
  'Wichtelhaus',
  'Bärenhöhle',
  'Glühwürmchen',
  'Sausewind',
]
const PROTESTANT_CHURCHES = [
  'St. Johannis',
  'Kreuzkirche',
  'Paul Gerhardt',
  'Martin Luther',
  'Christuskirche',
  'Matthäus',
  'Lukas',
  'Markus',
  'Dietrich Bonhoeffer',
  'Arche Noah',
  'Zachäus',
]
const CATHOLIC_CHURCHES = [
  'St. Marien',
  'St. Joseph',
  'St. Elisabeth',
  'St. Bonifatius',
  'St. Michael',
  'Heilige Familie',
  'St. Antonius',
  'St. Hedwig',
]

const TREES = ['Linden', 'Birken', 'Eichen', 'Buchen', 'Ahorn', 'Ulmen', 'Eschen', 'Kastanien']
const PLANTS = ['Erlen', 'Weiden', 'Pappel', 'Tannen', 'Kiefern', 'Holunder', 'Flieder', 'Rosen']
const FLOWERS = ['Tulpen', 'Nelken', 'Astern', 'Veilchen', 'Akazien', 'Platanen', 'Ginster']
const BIRDS = ['Amsel', 'Drossel', 'Finken', 'Lerchen', 'Meisen', 'Schwalben', 'Kiebitz', 'Kranich']
const FIELDS = ['Heide', 'Moor', 'Bruch', 'Wiesen', 'Feld', 'Acker', 'Garten', 'Hecken', 'Mühlen']
const TOWN = ['Kirch', 'Schul', 'Berg', 'Brunnen', 'Post', 'Burg', 'Hof', 'Kamp', 'Brink', 'Anger']
const PEOPLE = [
  'Goethe',
  'Schiller',
  'Lessing',
  'Heine',
  'Eichendorff',
  'Fontane',
  'Storm',
  'Raabe',
  'Wilhelm-Busch',
  'Kant',
  'Leibniz',
  'Gauß',
  'Röntgen',
  'Humboldt',
  'Bach',
  'Händel',
  'Brahms',
  'Käthe-Kollwitz',
  'Bertha-von-Suttner',
  'Geschwister-Scholl',
  'Friedrich-Ebert',
  'Stresemann',
  'Albert-Schweitzer',
  'Robert-Koch',
  'Lise-Meitner',
  'Marie-Juchacz',
  'Hedwig-Dohm',
  'Elisabeth-Selbert',
  'Hermann-Löns',
  'Theodor-Heuss',
  'Willy-Brandt',
  'Kurt-Schumacher',
  'Fritz-Reuter',
  'Matthias-Claudius',
  'Hoffmann-von-Fallersleben',
  'Gerhart-Hauptmann',
  'Thomas-Mann',
  'Otto-Hahn',
  'Max-Planck',
  'Ricarda-Huch',
]
const PHRASES = [
  'Am Anger',
  'Am Bach',
  'Am Teich',
  'Am Sportplatz',
  'Am Friedhof',
  'An der Kirche',
  'Im Winkel',
  'Hinter den Höfen',
  'Auf dem Kamp',
  'Am Hang',
  'Im Grund',
  'Zum Feldkamp',
  'Neue Straße',
  'Hohe Straße',
  'Alte Poststraße',
  'Am Wasserwerk',
]
const OLD_TOWN_STREETS = ['Marktplatz', 'Lange Straße', 'Kirchplatz', 'Wallstraße', 'Am Rathaus']
const STATION_STREETS = ['Bahnhofstraße', 'Bahnhofsplatz', 'Güterstraße', 'Am Lokschuppen']

/** A pool of plausible German street names, deterministic before shuffling. */
function streetPool(): string[] {
  const pool: string[] = []
  for (const t of [...TREES, ...PLANTS]) pool.push(`${t}straße`, `${t}weg`, `${t}allee`, `${t}ring`)
  for (const f of [...FLOWERS, ...BIRDS]) pool.push(`${f}weg`, `${f}straße`)
  for (const f of [...FIELDS, ...TOWN]) pool.push(`${f}straße`, `${f}weg`)
  for (const f of FIELDS) pool.push(`${f}kamp`)
  for (const p of PEOPLE) pool.push(p.includes('-') ? `${p}-Straße` : `${p}straße`)
  pool.push(...PHRASES)
  const reserved = new Set([...OLD_TOWN_STREETS, ...STATION_STREETS])
  return [...new Set(pool)].filter((s) => !reserved.has(s))
}

/** What facility placement needs to know about residents (2024). */
export interface ResidentsLookup {
  /** Residents of a block aged fromAge to toAge (inclusive) at the end of 2024. */
  residents(block: number, fromAge: number, toAge: number): number
}

interface Site {
  block: number
  socialArea: SocialArea
  street: string
  postcode: string
  lon: number
  lat: number
}

/**
 * Places the facilities of the demo city.
 *
 * @example
 * const facilities = buildFacilities(rng.fork('facilities'), geo, structure, lookup)
 */
export function buildFacilities(
  rng: Random,
  geo: CityGeometry,
  structure: CityStructure,
  lookup: ResidentsLookup,
): DemoFacility[] {
  const { socialAreas, blocks } = structure

  // Streets and postcodes per Sozialraum.
  const pool = rng.shuffle(streetPool())
  const streets = socialAreas.map((sa) => {
    const own =
      sa.type === 'old_town'
        ? OLD_TOWN_STREETS
        : sa.type === 'station_quarter'
          ? STATION_STREETS
          : []
    const list = [...own]
    while (list.length < 4) {
      const s = pool.shift()
      if (!s)
        throw new Error('Ran out of street names; expected the pool to cover every Sozialraum.')
      list.push(s)
    }
    return list
  })
  let villagePostcode = 31131
  const postcodes = socialAreas.map((sa, i) => {
    // Fictional postcodes: two per Stadtbezirk, one for each incorporated village.
    if (sa.type === 'village') return String(villagePostcode++)
    return String(31101 + sa.district * 4 + (i % 2))
  })

  const siteIn = (block: number): Site => {
    const blk = blocks[block]
    if (!blk) throw new Error(`Unknown block index ${block}.`)
    const sa = socialAreas[blk.socialArea] as SocialArea
    const cell = geo.cells[blk.cell]
    if (!cell) throw new Error(`Unknown cell index ${blk.cell}.`)
    const p: Position = toLonLat(randomPointInCell(rng, cell))
    const street = rng.pick(streets[blk.socialArea] as string[])
    const number = rng.int(1, 140)
    return {
      block,
      socialArea: sa,
      street: `${street} ${number}${rng.chance(0.08) ? rng.pick(['a', 'b']) : ''}`,
      postcode: postcodes[blk.socialArea] as string,
      lon: round7(p[0]),
      lat: round7(p[1]),
    }
  }
  const blocksOf = (sa: SocialArea) => sa.blocks
  const residentsIn = (sa: SocialArea, from: number, to: number) =>
    sa.blocks.reduce((s, b) => s + lookup.residents(b, from, to), 0)
  /** A block of the Sozialraum, drawn in proportion to the residents of the age band. */
  const blockByResidents = (sa: SocialArea, from: number, to: number): number => {
    const list = blocksOf(sa)
    const w = list.map((b) => lookup.residents(b, from, to) + 1)
    return list[rng.weightedIndex(w)] as number
  }
  const streetName = (site: Site) => site.street.replace(/ \d+[ab]?$/, '')

  const names = new Set<string>()
  /**
   * Facility names are unique: a second "Städtische Kita Lindenhof" is named after its street, a
   * second "Ev. Kita Lukas" gets its quarter ("Ev. Kita Lukas – Lindenhof").
   */
  const unique = (name: string, site: Site): string => {
    const quarter = site.socialArea.name
    const street = streetName(site)
    const base = name.endsWith(` ${quarter}`) ? name.slice(0, -quarter.length - 1) : null
    const candidates = [
      name,
      base ? `${base} ${street}` : `${name} – ${quarter}`,
      `${name} – ${street}`,
    ]
    let n = candidates.find((c) => !names.has(c))
    for (let k = 2; !n; k++) if (!names.has(`${name} ${k}`)) n = `${name} ${k}`
    names.add(n)
    return n
  }

  const facilities: DemoFacility[] = []
  const add = (
    site: Site,
    f: Omit<DemoFacility, 'street' | 'postcode' | 'lon' | 'lat' | 'name'> & { name: string },
  ) => {
    facilities.push({
      ...f,
      name: unique(f.name, site),
      street: site.street,
      postcode: site.postcode,
      lon: site.lon,
      lat: site.lat,
    })
  }
  const byType = (...types: SocialAreaType[]) => socialAreas.filter((sa) => types.includes(sa.type))

  // --- Kitas -------------------------------------------------------------------------------------
  const kitaCount = rng.int(92, 98)
  const kitaProviders: [string, number][] = [
    [CITY, 0.3],
    [PROTESTANT_PARISH, 0.15],
    [CATHOLIC_PARISH, 0.12],
    [AWO, 0.1],
    [DRK, 0.08],
    [LEBENSHILFE, 0.05],
    [PARENTS, 0.06],
    [KINDERLAND, 0.08],
    [CARITAS, 0.03],
    [DIAKONIE, 0.03],
  ]
  /** Draws names from a shuffled pool, reshuffling when it is used up (then names repeat and
   * unique() tells them apart by quarter). */
  const drawFrom = (names: readonly string[]) => {
    let pool: string[] = []
    return () => {
      if (pool.length === 0) pool = rng.shuffle(names)
      return pool.shift() as string
    }
  }
  const nickname = drawFrom(KITA_NAMES)
  const protestantChurch = drawFrom(PROTESTANT_CHURCHES)
  const catholicChurch = drawFrom(CATHOLIC_CHURCHES)
  const addKita = (site: Site, opened: number, forced?: { kr: number; kg: number }) => {
    const provider = (
      kitaProviders[rng.weightedIndex(kitaProviders.map((p) => p[1]))] as [string, number]
    )[0]
    const roll = rng.next()
    // Groups: Krippe (under 3) 15 places, Kindergarten (3–6) 25 places.
    const { kr, kg } =
      forced ??
      (roll < 0.1
        ? { kr: rng.int(3, 4), kg: 0 }
        : roll < 0.35
          ? { kr: 0, kg: rng.int(2, 5) }
          : { kr: rng.int(1, 3), kg: rng.int(2, 4) })
    const capacity = 15 * kr + 25 * kg
    const targetGroup =
      kg === 0 ? 'Kinder 1–3 Jahre' : kr === 0 ? 'Kinder 3–6 Jahre' : 'Kinder 1–6 Jahre'
    const name =
      provider === CITY
        ? `Städtische Kita ${site.socialArea.name}`
        : provider === PROTESTANT_PARISH || provider === DIAKONIE
          ? `Ev. Kita ${protestantChurch()}`
          : provider === CATHOLIC_PARISH || provider === CARITAS
            ? `Kath. Kita ${catholicChurch()}`
            : provider === AWO
              ? `AWO-Kita ${nickname()}`
              : provider === DRK
                ? `DRK-Kita ${nickname()}`
                : provider === LEBENSHILFE
                  ? `Integrative Kita ${nickname()}`
                  : provider === PARENTS
                    ? `Kinderladen ${nickname()}`
                    : `Kinderland ${site.socialArea.name}`
    add(site, {
      providerName: provider,
      category: 'kita',
      name,
      capacity,
      capacityUnit: 'Plätze',
      targetGroup,
      opened,
    })
  }
  // The new-build area got one Kita when the first families had moved in.
  const newBuild = byType('new_build')
  for (const sa of newBuild) addKita(siteIn(blockByResidents(sa, 0, 5)), 2021, { kr: 2, kg: 2 })
  const kitaWeights = blocks.map((b, i) =>
    (socialAreas[b.socialArea] as SocialArea).type === 'new_build' ? 0 : lookup.residents(i, 0, 5),
  )
  while (facilities.length < kitaCount) {
    const block = rng.weightedIndex(kitaWeights)
    // Fewer Kitas again in the same block: supply spreads out.
    kitaWeights[block] = (kitaWeights[block] as number) * 0.4
    addKita(siteIn(block), rng.int(1962, 2023))
  }

  // --- Schools -----------------------------------------------------------------------------------
  const primaryCount = rng.int(19, 22)
  const primaries: Position[] = []
  const schoolWeights = blocks.map((_, b) => lookup.residents(b, 6, 9))
  let minDistance = 1100
  for (let tries = 0; primaries.length < primaryCount && tries < 5000; tries++) {
    if (tries > 0 && tries % 400 === 0) minDistance *= 0.8
    const block = rng.weightedIndex(schoolWeights)
    const cell = geo.cells[(blocks[block] as (typeof blocks)[number]).cell]
    if (!cell) continue
    const c = cell.centroid
    if (primaries.some((p) => Math.hypot(p[0] - c[0], p[1] - c[1]) < minDistance)) continue
    primaries.push(c)
    const site = siteIn(block)
    const village = site.socialArea.type === 'village'
    const streams = village ? 1 : rng.int(2, 4)
    const opened = site.socialArea.type === 'new_build' ? 2022 : rng.int(1880, 1975)
    add(site, {
      providerName: CITY,
      category: 'school',
      name: `Grundschule ${site.socialArea.name}`,
      capacity: streams * 4 * rng.int(20, 25),
      capacityUnit: 'Schülerinnen und Schüler',
      targetGroup: 'Kinder 6–10 Jahre (Klassen 1–4)',
      opened,
    })
  }
  const secondary: {
    name: string
    /** The name is completed with the Sozialraum's name ("Oberschule Lindenhof"). */
    withArea?: boolean
    types: SocialAreaType[]
    provider: string
    capacity: [number, number]
    target: string
    opened: [number, number]
  }[] = [
    {
      name: 'Ratsgymnasium',
      types: ['old_town'],
      provider: CITY,
      capacity: [900, 1200],
      target: 'Jugendliche 10–19 Jahre (Klassen 5–13)',
      opened: [1590, 1600],
    },
    {
      name: 'Gymnasium am Wall',
      types: ['inner_city', 'old_town'],
      provider: CITY,
      capacity: [800, 1100],
      target: 'Jugendliche 10–19 Jahre (Klassen 5–13)',
      opened: [1890, 1910],
    },
    {
      name: 'Humboldt-Gymnasium',
      types: ['affluent', 'middle_class'],
      provider: CITY,
      capacity: [700, 1000],
      target: 'Jugendliche 10–19 Jahre (Klassen 5–13)',
      opened: [1955, 1970],
    },
    {
      name: 'Lessing-Gymnasium',
      types: ['middle_class', 'student_quarter'],
      provider: CITY,
      capacity: [700, 1000],
      target: 'Jugendliche 10–19 Jahre (Klassen 5–13)',
      opened: [1960, 1975],
    },
    {
      name: 'Integrierte Gesamtschule',
      withArea: true,
      types: ['housing_estate', 'working_class'],
      provider: CITY,
      capacity: [1000, 1400],
      target: 'Jugendliche 10–19 Jahre (Klassen 5–13)',
      opened: [1972, 1978],
    },
    {
      name: 'Integrierte Gesamtschule',
      withArea: true,
      types: ['middle_class', 'village'],
      provider: CITY,
      capacity: [800, 1200],
      target: 'Jugendliche 10–19 Jahre (Klassen 5–13)',
      opened: [2009, 2014],
    },
    {
      name: 'Oberschule',
      withArea: true,
      types: ['working_class', 'station_quarter', 'middle_class'],
      provider: CITY,
      capacity: [450, 700],
      target: 'Jugendliche 10–16 Jahre (Klassen 5–10)',
      opened: [2011, 2013],
    },
    {
      name: 'Oberschule',
      withArea: true,
      types: ['village', 'middle_class'],
      provider: CITY,
      capacity: [400, 600],
      target: 'Jugendliche 10–16 Jahre (Klassen 5–10)',
      opened: [2011, 2014],
    },
    {
      name: 'Realschule',
      withArea: true,
      types: ['middle_class', 'ageing_suburb'],
      provider: CITY,
      capacity: [400, 650],
      target: 'Jugendliche 10–16 Jahre (Klassen 5–10)',
      opened: [1962, 1972],
    },
    {
      name: 'Freie Schule Musterstadt',
      types: ['middle_class', 'affluent', 'inner_city'],
      provider: FREE_SCHOOL,
      capacity: [250, 450],
      target: 'Kinder und Jugendliche 6–19 Jahre (Klassen 1–13)',
      opened: [1994, 2002],
    },
  ]
  const usedForSecondary = new Set<SocialArea>()
  for (const s of secondary) {
    let candidates = byType(...s.types).filter((sa) => !usedForSecondary.has(sa))
    if (candidates.length === 0) candidates = socialAreas.filter((sa) => !usedForSecondary.has(sa))
    const sa = candidates[
      rng.weightedIndex(candidates.map((c) => residentsIn(c, 10, 18) + 1))
    ] as SocialArea
    usedForSecondary.add(sa)
    const site = siteIn(blockByResidents(sa, 10, 18))
    add(site, {
      providerName: s.provider,
      category: 'school',
      name: s.withArea ? `${s.name} ${sa.name}` : s.name,
      capacity: rng.int(s.capacity[0], s.capacity[1]),
      capacityUnit: 'Schülerinnen und Schüler',
      targetGroup: s.target,
      opened: rng.int(s.opened[0], s.opened[1]),
    })
  }

  // --- Youth centres: first in the disadvantaged quarters and the old town -------------------------
  const need = (sa: SocialArea) => TYPE_PROFILES[sa.type].sgb2Child
  const pickAreas = (
    mandatory: SocialArea[],
    count: number,
    weight: (sa: SocialArea) => number,
  ) => {
    const chosen = [...mandatory]
    while (chosen.length < count) {
      const rest = socialAreas.filter((sa) => !chosen.includes(sa))
      if (rest.length === 0) break
      chosen.push(rest[rng.weightedIndex(rest.map((sa) => weight(sa) + 1e-9))] as SocialArea)
    }
    return chosen.slice(0, count)
  }
  const youthCount = rng.int(9, 11)
  const youthProviders: [string, number][] = [
    [CITY, 0.45],
    [AWO, 0.15],
    [DIAKONIE, 0.15],
    [DRK, 0.1],
    [CARITAS, 0.1],
    [PROTESTANT_PARISH, 0.05],
  ]
  const youthAreas = pickAreas(
    byType('housing_estate', 'working_class', 'station_quarter', 'old_town'),
    youthCount,
    (sa) => residentsIn(sa, 12, 21) * need(sa),
  )
  for (const sa of youthAreas) {
    const site = siteIn(blockByResidents(sa, 12, 21))
    const provider = (
      youthProviders[rng.weightedIndex(youthProviders.map((p) => p[1]))] as [string, number]
    )[0]
    const kind = rng.pick(['Jugendzentrum', 'Jugendtreff', 'Kinder- und Jugendhaus', 'Jugendhaus'])
    add(site, {
      providerName: provider,
      category: 'youth_centre',
      name: `${kind} ${sa.name}`,
      capacity: rng.int(6, 24) * 5,
      capacityUnit: 'Besucherinnen und Besucher pro Tag',
      targetGroup:
        kind === 'Kinder- und Jugendhaus'
          ? 'Kinder und Jugendliche 6–21 Jahre'
          : 'Jugendliche 12–21 Jahre',
      opened: rng.int(1968, 2016),
    })
  }

  // --- Senior centres: where the old live --------------------------------------------------------
  const seniorCount = rng.int(9, 11)
  const seniorProviders: [string, number][] = [
    [CITY, 0.3],
    [AWO, 0.2],
    [DRK, 0.15],
    [DIAKONIE, 0.15],
    [CARITAS, 0.1],
    [RESIDENCE, 0.1],
  ]
  const seniorAreas = pickAreas(byType('ageing_suburb'), seniorCount, (sa) =>
    residentsIn(sa, 65, 100),
  )
  seniorAreas.forEach((sa, i) => {
    const site = siteIn(blockByResidents(sa, 65, 100))
    const provider = (
      seniorProviders[rng.weightedIndex(seniorProviders.map((p) => p[1]))] as [string, number]
    )[0]
    const kind =
      provider === RESIDENCE
        ? 'Begegnungscafé der Seniorenresidenz'
        : i === 1
          ? 'Mehrgenerationenhaus'
          : rng.pick(['Seniorenbegegnungsstätte', 'Seniorentreff', 'Begegnungszentrum'])
    add(site, {
      providerName: provider,
      category: 'senior_centre',
      name: `${kind} ${sa.name}`,
      capacity: rng.int(6, 30) * 5,
      capacityUnit: 'Plätze',
      targetGroup: 'Menschen ab 60 Jahren',
      opened: rng.int(1975, 2019),
    })
  })

  // --- Counselling services ---------------------------------------------------------------------
  const central = byType('old_town', 'inner_city', 'station_quarter')
  const deprived = byType('housing_estate', 'working_class', 'station_quarter')
  const station = byType('station_quarter')
  const services: {
    name: string
    provider: string
    target: string
    areas: SocialArea[]
    capacity: [number, number]
    opened: [number, number]
  }[] = [
    {
      name: 'Schuldner- und Insolvenzberatung',
      provider: DIAKONIE,
      target: 'Überschuldete Privatpersonen und Familien',
      areas: central,
      capacity: [300, 600],
      opened: [1988, 1995],
    },
    {
      name: 'Psychologische Beratungsstelle für Eltern, Kinder und Jugendliche',
      provider: CARITAS,
      target: 'Familien mit Kindern und Jugendlichen 0–27 Jahre',
      areas: central,
      capacity: [400, 800],
      opened: [1965, 1980],
    },
    {
      name: 'Migrationsberatung für erwachsene Zugewanderte',
      provider: CARITAS,
      target: 'Zugewanderte ab 27 Jahren',
      areas: station,
      capacity: [250, 500],
      opened: [2005, 2005],
    },
    {
      name: 'Städtische Erziehungsberatungsstelle',
      provider: CITY,
      target: 'Familien mit Kindern und Jugendlichen 0–27 Jahre',
      areas: deprived,
      capacity: [300, 600],
      opened: [1975, 1990],
    },
    {
      name: 'Jugendmigrationsdienst',
      provider: DIAKONIE,
      target: 'Junge Zugewanderte 12–27 Jahre',
      areas: deprived,
      capacity: [150, 350],
      opened: [2005, 2005],
    },
    {
      name: 'DRK-Migrationsberatung',
      provider: DRK,
      target: 'Zugewanderte ab 27 Jahren',
      areas: deprived,
      capacity: [200, 400],
      opened: [2006, 2016],
    },
    {
      name: 'AWO-Schuldnerberatung',
      provider: AWO,
      target: 'Überschuldete Privatpersonen',
      areas: deprived,
      capacity: [200, 450],
      opened: [1990, 2005],
    },
    {
      name: 'Fachstelle für Sucht und Suchtprävention',
      provider: DIAKONIE,
      target: 'Menschen mit Suchtproblemen und Angehörige',
      areas: central,
      capacity: [300, 700],
      opened: [1978, 1990],
    },
    {
      name: 'Schwangerschafts- und Schwangerschaftskonfliktberatung',
      provider: AWO,
      target: 'Schwangere, Paare und Familien',
      areas: central,
      capacity: [300, 600],
      opened: [1976, 1995],
    },
    {
      name: 'Pflegestützpunkt Musterstadt',
      provider: CITY,
      target: 'Pflegebedürftige Menschen und Angehörige',
      areas: central,
      capacity: [600, 1200],
      opened: [2010, 2010],
    },
    {
      name: 'Beratungsstelle für Menschen mit Behinderung',
      provider: LEBENSHILFE,
      target: 'Menschen mit Behinderung und Angehörige',
      areas: socialAreas,
      capacity: [150, 400],
      opened: [1980, 2000],
    },
    {
      name: 'Fachberatungsstelle Wohnungsnotfallhilfe',
      provider: DIAKONIE,
      target: 'Wohnungslose und von Wohnungslosigkeit bedrohte Menschen',
      areas: station,
      capacity: [200, 500],
      opened: [1985, 1998],
    },
    {
      name: 'Kinderschutz-Zentrum',
      provider: KINDERSCHUTZBUND,
      target: 'Kinder, Jugendliche und Eltern',
      areas: central,
      capacity: [150, 350],
      opened: [1992, 2004],
    },
    {
      name: 'Allgemeine Sozialberatung',
      provider: CARITAS,
      target: 'Menschen in sozialen Notlagen',
      areas: deprived,
      capacity: [300, 700],
      opened: [1970, 1990],
    },
  ]
  const counsellingCount = rng.int(11, 14)
  for (const s of services.slice(0, counsellingCount)) {
    const areas = s.areas.length > 0 ? s.areas : socialAreas
    const sa = rng.pick(areas)
    add(siteIn(blockByResidents(sa, 18, 100)), {
      providerName: s.provider,
      category: 'counselling',
      name: s.name,
      capacity: rng.int(s.capacity[0] / 10, s.capacity[1] / 10) * 10,
      capacityUnit: 'Beratungsfälle pro Jahr',
      targetGroup: s.target,
      opened: rng.int(s.opened[0], s.opened[1]),
    })
  }

  // --- Family centres: in the quarters with many poor families first ----------------------------
  const familyCount = rng.int(6, 8)
  const familyProviders = rng.shuffle([
    CITY,
    AWO,
    PROTESTANT_PARISH,
    CARITAS,
    DRK,
    DIAKONIE,
    CITY,
    AWO,
  ])
  const familyAreas = pickAreas(
    byType('housing_estate', 'working_class', 'station_quarter'),
    familyCount,
    (sa) => residentsIn(sa, 0, 10) * need(sa),
  )
  familyAreas.forEach((sa, i) => {
    add(siteIn(blockByResidents(sa, 0, 10)), {
      providerName: familyProviders[i % familyProviders.length] as string,
      category: 'family_centre' as FacilityCategory,
      name: `Familienzentrum ${sa.name}`,
      capacity: rng.int(10, 40) * 10,
      capacityUnit: 'Familien pro Jahr',
      targetGroup: 'Familien mit Kindern 0–10 Jahre',
      opened: rng.int(2008, 2021),
    })
  })

  return facilities
}
