/**
 * Statistics imports end to end on real databases: every format of test/fixtures/imports, every
 * validation code at its row and column, all-or-nothing, idempotency, rollback, official keys,
 * GENESIS exports with real values, the 401 districts of Germany, and profiles through the CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  formatReport,
  getImport,
  importObservations,
  listImports,
  rollbackImport,
  saveProfile,
  getProfile,
  type ImportMappingInput,
  type ImportResult,
} from '../../src/modules/monitoring/imports/index.js'
import { openPglite, type Database, type Queryable } from '../../src/platform/db/index.js'
import { ROOT, runCli } from '../helpers/cli.js'
import { pgliteTemplate, testTargets } from '../helpers/databases.js'

const FIXTURES = path.join(ROOT, 'test/fixtures/imports')
const fixture = (name: string) => ({ path: path.join(FIXTURES, name) })
const bytes = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) })

interface District {
  AGS: string | number
  name: string
  population: number
  population_male: number
  population_female: number
}
const require = createRequire(import.meta.url)
const DISTRICTS = require('landkreise-deutschland/data/districts.json') as District[]
const DESTATIS_XLSX = path.join(
  path.dirname(require.resolve('landkreise-deutschland/package.json')),
  'source/04-kreise.xlsx',
)
const kreis = (d: District) => String(d.AGS).padStart(5, '0')

/** A placeholder square for an area, ONLY for these tests: the area table requires a geometry. */
const square = (i: number) =>
  `ST_Multi(ST_MakeEnvelope(${(i % 100) * 0.01}, ${Math.floor(i / 100) * 0.01}, ${(i % 100) * 0.01 + 0.01}, ${Math.floor(i / 100) * 0.01 + 0.01}, 4326))`

async function createOrganization(
  db: Queryable,
  org: { slug: string; officialKey?: string },
  layers: { key: string; codes: string[] }[],
  variables: [key: string, unit: string][],
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into organization (slug, name, official_key) values ($1, $1, $2) returning id`,
    [org.slug, org.officialKey ?? null],
  )
  const id = row!.id
  let parent: number | null = null
  let i = 0
  for (const [level, layer] of layers.entries()) {
    const [l]: { id: number }[] = await db.query<{ id: number }>(
      `insert into area_layer (organization_id, key, name_de, name_en, level, parent_layer_id)
       values ($1, $2, $2, $2, $3, $4) returning id`,
      [id, layer.key, level, parent],
    )
    parent = l!.id
    const values = layer.codes.map((_c, k) => `($1, $2, $${k + 3}, $${k + 3}, ${square(i++)})`)
    await db.query(
      `insert into area (organization_id, layer_id, code, name, geom) values ${values.join(', ')}`,
      [id, l!.id, ...layer.codes],
    )
  }
  await db.query(
    `insert into variable (organization_id, key, name_de, name_en, unit, topic, source)
     select $1, key, key, key, unit, 'test', 'test' from unnest($2::text[], $3::text[]) as t (key, unit)`,
    [id, variables.map((v) => v[0]), variables.map((v) => v[1])],
  )
  return id
}

async function observations(db: Queryable, orgId: number) {
  return db.query<{
    code: string
    key: string
    period: number
    value: number | null
    status: string | null
    importId: number | null
  }>(
    `select a.code, v.key, o.period, o.value, o.status, o.import_id as "importId"
       from observation o join area a on a.id = o.area_id join variable v on v.id = o.variable_id
      where o.organization_id = $1 order by a.code, v.key, o.period`,
    [orgId],
  )
}

async function state(db: Queryable, orgId: number) {
  const [row] = await db.query<{ observations: number; replaced: number; version: number }>(
    `select (select count(*)::int from observation where organization_id = $1) as observations,
            (select count(*)::int from observation_replaced where organization_id = $1) as replaced,
            (select data_version from organization where id = $1) as version`,
    [orgId],
  )
  return row!
}

function value(
  rows: Awaited<ReturnType<typeof observations>>,
  code: string,
  key: string,
  period: number,
) {
  const row = rows.find((r) => r.code === code && r.key === key && r.period === period)
  return row ? { value: row.value, status: row.status } : undefined
}

function expectCompleted(result: ImportResult) {
  if (result.status !== 'completed') throw new Error(formatReport(result.report))
}

const TESTSTADT_VARIABLES: [string, string][] = [
  ['pop_total', 'Personen'],
  ['pop_age_00_02', 'Personen'],
  ['kita_u3', 'Personen'],
  ['households', 'Haushalte'],
  ['households_single_parent', 'Haushalte'],
  ['net_migration', 'Personen (Saldo)'],
]
const TESTSTADT_LAYERS = [
  { key: 'stadt', codes: ['S'] },
  { key: 'bezirk', codes: ['1', '2'] },
  { key: 'sozialraum', codes: ['101', '102', '201', '202'] },
]
const LONG: ImportMappingInput = {
  areaColumn: 'Sozialraum',
  periodColumn: 'Jahr',
  variableColumn: 'Merkmal',
  valueColumn: 'Wert',
  layer: 'sozialraum',
}

describe.each(testTargets())('statistics imports on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  let stadt: number
  let deutschland: number

  beforeAll(async () => {
    ;({ db, dispose } = await target.create())
    stadt = await createOrganization(
      db,
      { slug: 'teststadt', officialKey: '09564000' },
      TESTSTADT_LAYERS,
      TESTSTADT_VARIABLES,
    )
    deutschland = await createOrganization(
      db,
      { slug: 'deutschland' },
      [{ key: 'kreis', codes: DISTRICTS.map(kreis) }],
      [
        ['pop_total', 'Personen'],
        ['pop_male', 'Personen'],
        ['pop_female', 'Personen'],
      ],
    )
  }, 180_000)

  afterAll(async () => {
    await dispose?.()
  })

  it('imports a UTF-8 long file with German numbers and keeps the status symbols', async () => {
    const result = await importObservations(db, {
      organizationId: stadt,
      input: fixture('teststadt_long_utf8.csv'),
      mapping: LONG,
    })
    expectCompleted(result)
    expect(result.report).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      decimal: { separator: ',', decidedBy: 'data' },
      rows: 13,
      observations: 13,
      errors: 0,
    })
    const rows = await observations(db, stadt)
    expect(value(rows, '101', 'pop_total', 2023)).toEqual({ value: 1234, status: null })
    expect(value(rows, '102', 'pop_total', 2023)).toEqual({ value: 2345, status: null })
    expect(value(rows, '201', 'pop_total', 2023)).toEqual({ value: 0, status: '-' })
    expect(value(rows, '202', 'pop_total', 2023)).toEqual({ value: null, status: '.' })
    expect(value(rows, '102', 'pop_age_00_02', 2023)).toEqual({ value: null, status: 'x' })
    expect(value(rows, '201', 'pop_age_00_02', 2023)).toEqual({ value: null, status: '/' })
    expect(value(rows, '202', 'pop_age_00_02', 2023)).toEqual({ value: null, status: '...' })
    expect(value(rows, '101', 'pop_total', 2024)).toEqual({ value: 1250, status: 'p' })
    expect(value(rows, '102', 'pop_total', 2024)).toEqual({ value: 2360, status: 'r' })
    expect(value(rows, '201', 'pop_total', 2024)).toEqual({ value: 12, status: 's' })
    expect(value(rows, '101', 'net_migration', 2024)).toEqual({ value: -12, status: null })
    expect(rows.every((r) => r.importId === result.importId)).toBe(true)
  })

  it('reads Windows-1252 with umlauts in the header, in the wide layout', async () => {
    const result = await importObservations(db, {
      organizationId: stadt,
      input: fixture('teststadt_wide_cp1252.csv'),
      mapping: {
        layout: 'wide',
        areaColumn: 'Sozialraum',
        periodColumn: 'Jahr',
        layer: 'sozialraum',
        variables: {
          'Einwohner insgesamt': 'pop_total',
          'Kinder unter 3 Jahren': 'pop_age_00_02',
          Haushalte: 'households',
          'Haushalte Alleinerziehender': 'households_single_parent',
        },
      },
    })
    expectCompleted(result)
    expect(result.report).toMatchObject({ encoding: 'windows-1252', observations: 16 })
    // 2024 pop_total of all four areas existed from the long file: they are replaced.
    expect(result.report.replaced).toBe(4)
    const rows = await observations(db, stadt)
    expect(value(rows, '102', 'households', 2024)).toEqual({ value: 1402, status: null })
    expect(value(rows, '102', 'pop_total', 2024)).toEqual({ value: 2360, status: null })
  })

  it('reads comma- and tab-separated files with English and German numbers', async () => {
    const comma = await importObservations(db, {
      organizationId: stadt,
      input: fixture('teststadt_comma.csv'),
      mapping: {
        layout: 'wide',
        areaColumn: 'area',
        periodColumn: 'year',
        variableColumns: 'rest',
        ignoreColumns: ['name'],
      },
    })
    expectCompleted(comma)
    expect(comma.report).toMatchObject({
      delimiter: ',',
      decimal: { separator: '.', decidedBy: 'data' },
    })
    const tab = await importObservations(db, {
      organizationId: stadt,
      input: fixture('teststadt_tab.tsv'),
      mapping: { ...LONG, areaColumn: 'Gebiet' },
    })
    expectCompleted(tab)
    expect(tab.report.delimiter).toBe('\t')
    const rows = await observations(db, stadt)
    expect(value(rows, '101', 'pop_total', 2022)).toEqual({ value: 1210, status: null })
    expect(value(rows, '102', 'pop_total', 2022)).toEqual({ value: 2300.5, status: null })
    expect(value(rows, '102', 'households', 2022)).toEqual({ value: 1390, status: null })
    expect(value(rows, '102', 'pop_total', 2021)).toEqual({ value: 2280, status: null })
  })

  it('reads an XLSX written by another tool (openpyxl), with title rows above the header', async () => {
    const result = await importObservations(db, {
      organizationId: stadt,
      input: fixture('teststadt_wide.xlsx'),
      mapping: {
        layout: 'wide',
        areaColumn: 'Sozialraum',
        period: 2020,
        headerRow: 3,
        layer: 'sozialraum',
        variables: { Einwohner: 'pop_total', 'unter 3 Jahre': 'pop_age_00_02', E: 'households' },
      },
    })
    expectCompleted(result)
    expect(result.report).toMatchObject({
      format: 'xlsx',
      sheet: 'Bevölkerung 2024',
      rows: 4,
      observations: 12,
    })
    const rows = await observations(db, stadt)
    expect(value(rows, '102', 'pop_total', 2020)).toEqual({ value: 2360, status: null })
    expect(value(rows, '102', 'pop_age_00_02', 2020)).toEqual({ value: null, status: '.' })
    expect(value(rows, '201', 'households', 2020)).toEqual({ value: 455, status: null })
    expect(value(rows, '202', 'pop_total', 2020)).toEqual({ value: 980, status: null })
  })

  it('reports every problem by row and column and changes nothing', async () => {
    const before = await state(db, stadt)
    const result = await importObservations(db, {
      organizationId: stadt,
      input: fixture('teststadt_errors.csv'),
      mapping: LONG,
    })
    expect(result.status).toBe('failed')
    const at = (code: string) =>
      result.report.problems
        .filter((p) => p.code === code)
        .map((p) => `${p.row}:${p.column?.letter}:${p.column?.name}`)
    expect(at('UNKNOWN_AREA')).toEqual(['3:A:Sozialraum'])
    expect(at('UNKNOWN_VARIABLE')).toEqual(['4:C:Merkmal'])
    expect(at('NOT_A_NUMBER')).toEqual(['5:D:Wert'])
    expect(at('NEGATIVE_COUNT')).toEqual(['6:D:Wert'])
    expect(at('DUPLICATE_ROW')).toEqual(['7:D:Wert'])
    expect(at('PERIOD_OUT_OF_RANGE')).toEqual(['8:B:Jahr'])
    expect(at('INVALID_PERIOD')).toEqual(['9:B:Jahr'])
    const problem = result.report.problems.find((p) => p.code === 'NOT_A_NUMBER')!
    expect(problem).toMatchObject({ file: 'teststadt_errors.csv', found: '"zwölf"' })
    expect(problem.expected).toMatch(/German format/)
    expect(result.report.problems.find((p) => p.code === 'DUPLICATE_ROW')!.found).toMatch(/row 2/)
    expect(result.report.errors).toBe(7)
    expect(formatReport(result.report)).toMatch(/5\s+D \(Wert\)\s+NOT_A_NUMBER/)

    expect(await state(db, stadt)).toEqual(before)
    const failed = await getImport(db, stadt, result.importId!)
    expect(failed).toMatchObject({ status: 'failed', rowCount: 0, errors: 7 })
  })

  it('reports problems of the whole file and of the mapping, and records the attempt', async () => {
    const before = await state(db, stadt)
    const run = async (
      input: { name: string; bytes: Uint8Array },
      mapping: ImportMappingInput = LONG,
      limits = {},
    ) => {
      const result = await importObservations(db, { organizationId: stadt, input, mapping, limits })
      expect(result.status).toBe('failed')
      return result.report.problems.map(
        (p) => `${p.code} ${p.row ?? '-'} ${p.column?.letter ?? '-'}`,
      )
    }
    const good = 'Sozialraum;Jahr;Merkmal;Wert\n101;2024;pop_total;1\n102;2024;pop_total;2\n'
    expect(await run(bytes('big.csv', good), LONG, { maxBytes: 10 })).toEqual([
      'FILE_TOO_LARGE - -',
    ])
    expect(await run(bytes('long.csv', good), LONG, { maxRows: 1 })).toEqual(['TOO_MANY_ROWS 3 -'])
    expect(await run(bytes('empty.csv', ''))).toEqual(['EMPTY_FILE - -'])
    expect(await run(bytes('cols.csv', good), { ...LONG, valueColumn: 'Anzahl' })).toEqual([
      'MISSING_COLUMN 1 -',
    ])
    expect(await run(bytes('layer.csv', good), { ...LONG, layer: 'block' })).toEqual([
      'UNKNOWN_LAYER - -',
    ])
    expect(
      await run(bytes('skip.csv', good), {
        ...LONG,
        variables: { x: 'pop_total' },
        unknownVariables: 'skip',
      }),
    ).toEqual(['UNKNOWN_VARIABLE 2 C', 'NO_OBSERVATIONS - -'])
    expect(
      await run({ name: 'broken.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) }),
    ).toEqual(['INVALID_FILE - -'])
    // Without a layer, code 1 names a Bezirk and nothing else; S names the city.
    expect(
      await run(
        bytes(
          'nolayer.csv',
          'Sozialraum;Jahr;Merkmal;Wert\n1;2024;pop_total;1\nS;2024;pop_total;x1\n',
        ),
        {
          ...LONG,
          layer: undefined,
        },
      ),
    ).toEqual(['NOT_A_NUMBER 3 D'])
    expect(await state(db, stadt)).toEqual(before)
  })

  it('names ambiguous and missing areas and missing periods', async () => {
    const doppelt = await createOrganization(
      db,
      { slug: 'doppelt' },
      [
        { key: 'bezirk', codes: ['1', '2'] },
        { key: 'sozialraum', codes: ['1', '3'] },
      ],
      [['pop_total', 'Personen']],
    )
    const areas = await importObservations(db, {
      organizationId: doppelt,
      input: bytes(
        'a.csv',
        'Gebiet;Jahr;Merkmal;Wert\n1;2024;pop_total;5\n;2024;pop_total;6\n3;2024;pop_total;7\n',
      ),
      mapping: { ...LONG, areaColumn: 'Gebiet', layer: undefined },
    })
    expect(areas.report.problems.map((p) => `${p.code} ${p.row} ${p.column?.letter}`)).toEqual([
      'AMBIGUOUS_AREA 2 A',
      'MISSING_AREA 3 A',
    ])
    expect(areas.report.problems[0]!.expected).toMatch(/layers bezirk, sozialraum: set the layer/)
    const period = await importObservations(db, {
      organizationId: doppelt,
      input: bytes('t.csv', 'GENESIS-Tabelle: 99999-01\n;;Insgesamt\n1;Eins;5\n'),
      mapping: { layer: 'bezirk', areaKey: 'code', variables: { Insgesamt: 'pop_total' } },
    })
    expect(period.report.problems.map((p) => `${p.code} ${p.row} ${p.column?.letter}`)).toEqual([
      'MISSING_PERIOD 3 C',
    ])
    const fixed = await importObservations(db, {
      organizationId: doppelt,
      input: bytes('t.csv', 'GENESIS-Tabelle: 99999-01\n;;Insgesamt\n1;Eins;5\n'),
      mapping: {
        layer: 'bezirk',
        areaKey: 'code',
        period: 2024,
        variables: { Insgesamt: 'pop_total' },
      },
    })
    expectCompleted(fixed)
  })

  it('checks numerators against denominators in the file and in existing data', async () => {
    const before = await state(db, stadt)
    const inFile = await importObservations(db, {
      organizationId: stadt,
      input: fixture('teststadt_ratio.csv'),
      mapping: {
        layout: 'wide',
        areaColumn: 'Sozialraum',
        periodColumn: 'Jahr',
        variableColumns: 'rest',
        layer: 'sozialraum',
      },
    })
    expect(inFile.status).toBe('failed')
    expect(inFile.report.problems).toMatchObject([
      { code: 'NUMERATOR_ABOVE_DENOMINATOR', row: 3, column: { letter: 'D', name: 'kita_u3' } },
    ])
    expect(inFile.report.problems[0]!.found).toMatch(/kita_u3 = 75 for area 102 in 2024/)
    // pop_age_00_02 of 102 in 2024 is 61 from the Windows-1252 file: 75 children in day care cannot be.
    const existing = await importObservations(db, {
      organizationId: stadt,
      input: bytes(
        'kita.csv',
        'Sozialraum;Jahr;Merkmal;Wert\n101;2024;kita_u3;30\n102;2024;kita_u3;75\n',
      ),
      mapping: LONG,
    })
    expect(existing.report.problems).toMatchObject([
      { code: 'NUMERATOR_ABOVE_DENOMINATOR', row: 3, column: { letter: 'D' } },
    ])
    expect(await state(db, stadt)).toEqual(before)
    const warned = await importObservations(db, {
      organizationId: stadt,
      input: bytes(
        'kita.csv',
        'Sozialraum;Jahr;Merkmal;Wert\n101;2024;kita_u3;30\n102;2024;kita_u3;75\n',
      ),
      mapping: { ...LONG, ratioCheck: 'warning' },
    })
    expectCompleted(warned)
    expect(warned.report.warnings).toBe(1)
    await rollbackImport(db, stadt, warned.importId!)
  })

  it('imports the same file twice only once', async () => {
    const first = await importObservations(db, {
      organizationId: stadt,
      input: bytes('twice.csv', 'Sozialraum;Jahr;Merkmal;Wert\n101;2019;pop_total;1.100\n'),
      mapping: LONG,
    })
    expectCompleted(first)
    const before = await state(db, stadt)
    const imports = (await listImports(db, stadt, { limit: 1000 })).length
    const second = await importObservations(db, {
      organizationId: stadt,
      input: bytes('twice-renamed.csv', 'Sozialraum;Jahr;Merkmal;Wert\n101;2019;pop_total;1.100\n'),
      mapping: LONG,
    })
    expect(second).toMatchObject({ status: 'unchanged', importId: first.importId })
    expect(await state(db, stadt)).toEqual(before)
    expect((await listImports(db, stadt, { limit: 1000 })).length).toBe(imports)
  })

  it('rolls an import back, restoring the values it replaced, newest first', async () => {
    const file = (v: string) =>
      bytes(
        'rollback.csv',
        `Sozialraum;Jahr;Merkmal;Wert\n101;2018;pop_total;${v}\n102;2018;pop_total;7\n`,
      )
    const a = await importObservations(db, {
      organizationId: stadt,
      input: file('1.000'),
      mapping: LONG,
    })
    expectCompleted(a)
    const b = await importObservations(db, {
      organizationId: stadt,
      input: file('1.300'),
      mapping: LONG,
    })
    expectCompleted(b)
    expect(b.report.replaced).toBe(2)
    expect(value(await observations(db, stadt), '101', 'pop_total', 2018)).toEqual({
      value: 1300,
      status: null,
    })

    await expect(rollbackImport(db, stadt, a.importId!)).rejects.toThrow(/Roll it back first/)
    const version = (await state(db, stadt)).version
    expect(await rollbackImport(db, stadt, b.importId!)).toEqual({
      importId: b.importId,
      deleted: 2,
      restored: 2,
    })
    const rows = await observations(db, stadt)
    expect(value(rows, '101', 'pop_total', 2018)).toEqual({ value: 1000, status: null })
    expect(rows.find((r) => r.code === '101' && r.period === 2018)!.importId).toBe(a.importId)
    expect((await state(db, stadt)).version).toBe(version + 1)
    await expect(rollbackImport(db, stadt, b.importId!)).rejects.toThrow(/already rolled back/)

    await rollbackImport(db, stadt, a.importId!)
    expect(value(await observations(db, stadt), '101', 'pop_total', 2018)).toBeUndefined()
    expect((await getImport(db, stadt, a.importId!))!.status).toBe('rolled_back')
  })

  it('matches areas by AGS and ARS, including the organisation’s own key', async () => {
    const ags = await importObservations(db, {
      organizationId: deutschland,
      input: bytes(
        'ags.csv',
        'AGS;Jahr;Merkmal;Wert\n1001;2017;pop_total;88.000\n09564;2017;pop_total;515.000\n',
      ),
      mapping: { ...LONG, areaColumn: 'AGS', layer: 'kreis', areaKey: 'ags' },
    })
    expectCompleted(ags)
    const ars = await importObservations(db, {
      organizationId: deutschland,
      input: bytes(
        'ars.csv',
        'ARS;Jahr;Merkmal;Wert\n1002;2017;pop_total;246.000\n09564000;2017;pop_total;1\n',
      ),
      mapping: { ...LONG, areaColumn: 'ARS', layer: 'kreis', areaKey: 'ars' },
    })
    expect(ars.status).toBe('failed')
    expect(ars.report.problems).toMatchObject([
      { code: 'INVALID_AREA_KEY', row: 3, column: { letter: 'A' } },
    ])
    expect(ars.report.problems[0]!.expected).toMatch(/an ARS/)
    // Teststadt's official key (AGS 09564000, as ARS 095640000000) names its whole territory.
    const own = await importObservations(db, {
      organizationId: stadt,
      input: bytes('own.csv', 'Gebiet;Jahr;Merkmal;Wert\n095640000000;2017;pop_total;5.000\n'),
      mapping: { ...LONG, areaColumn: 'Gebiet', layer: undefined, areaKey: 'ags' },
    })
    expectCompleted(own)
    expect(value(await observations(db, stadt), 'S', 'pop_total', 2017)).toEqual({
      value: 5000,
      status: null,
    })
    const rows = await observations(db, deutschland)
    expect(value(rows, '01001', 'pop_total', 2017)).toEqual({ value: 88000, status: null })
    await rollbackImport(db, deutschland, ags.importId!)
  })

  it('imports a GENESIS table CSV and flat file of Regionalstatistik 12411-01-01-4 alike', async () => {
    const mapping: ImportMappingInput = {
      layer: 'kreis',
      unknownAreas: 'skip',
      variables: { Insgesamt: 'pop_total', männlich: 'pop_male', weiblich: 'pop_female' },
    }
    const table = await importObservations(db, {
      organizationId: deutschland,
      input: fixture('12411-01-01-4_2018.csv'),
      mapping,
    })
    expectCompleted(table)
    expect(table.report).toMatchObject({
      format: 'genesis-table',
      encoding: 'windows-1252',
      genesis: { table: '12411-01-01-4' },
      observations: 18 * 3,
      skipped: { unknownAreas: 4 * 3 },
      periods: { first: 2018, last: 2018 },
    })
    expect(table.report.problems.map((p) => p.found)).toEqual(
      ['"DG"', '"01"', '"09"', '"11"'].slice(0, 4),
    )
    expect(table.report.genesis!.footer.at(-1)).toMatch(/^Stand: /)
    const fromTable = await observations(db, deutschland)
    await rollbackImport(db, deutschland, table.importId!)
    const flatMapping: ImportMappingInput = {
      ...mapping,
      variables: { BEVSTD: 'pop_total', 'BEVSTD.GESM': 'pop_male', 'BEVSTD.GESW': 'pop_female' },
    }

    const flat = await importObservations(db, {
      organizationId: deutschland,
      input: fixture('12411-01-01-4_2018_flat.csv'),
      mapping: flatMapping,
    })
    expectCompleted(flat)
    expect(flat.report).toMatchObject({ format: 'genesis-ffcsv', observations: 18 * 3 })
    const fromFlat = await observations(db, deutschland)
    const strip = (rows: typeof fromFlat) => rows.map(({ importId: _i, ...r }) => r)
    expect(strip(fromFlat)).toEqual(strip(fromTable))
    await rollbackImport(db, deutschland, flat.importId!)

    // GENESIS delivers flat files zipped, one CSV per archive.
    const zipped = await importObservations(db, {
      organizationId: deutschland,
      input: {
        name: '12411-01-01-4_de_flat.zip',
        bytes: zipSync({
          '12411-01-01-4_de_flat.csv': readFileSync(
            path.join(FIXTURES, '12411-01-01-4_2018_flat.csv'),
          ),
        }),
      },
      mapping: flatMapping,
    })
    expectCompleted(zipped)
    expect(zipped.report).toMatchObject({
      entry: '12411-01-01-4_de_flat.csv',
      encoding: 'utf-8',
      observations: 18 * 3,
    })
    expect(strip(await observations(db, deutschland))).toEqual(strip(fromTable))
    const nuernberg = DISTRICTS.find((d) => kreis(d) === '09564')!
    expect(value(fromFlat, '09564', 'pop_female', 2018)).toEqual({
      value: nuernberg.population_female,
      status: null,
    })
    await rollbackImport(db, deutschland, zipped.importId!)
  })

  it('imports all 401 districts from landkreise-deutschland and from the Destatis workbook alike', async () => {
    // The package's JSON has some keys as numbers without the leading zero (10041, 11000).
    expect(DISTRICTS.some((d) => typeof d.AGS === 'number')).toBe(true)
    const csv = [
      'Kreis;Name;Einwohner;männlich;weiblich',
      ...DISTRICTS.map((d) =>
        [d.AGS, `"${d.name}"`, d.population, d.population_male, d.population_female].join(';'),
      ),
    ].join('\n')
    const json = await importObservations(db, {
      organizationId: deutschland,
      input: bytes('districts.csv', csv),
      mapping: {
        layout: 'wide',
        areaColumn: 'Kreis',
        areaKey: 'ags',
        period: 2018,
        variables: { Einwohner: 'pop_total', männlich: 'pop_male', weiblich: 'pop_female' },
      },
    })
    expectCompleted(json)
    expect(json.report).toMatchObject({ rows: 401, observations: 1203, areas: 401 })
    const fromJson = await observations(db, deutschland)
    const total = fromJson.filter((r) => r.key === 'pop_total').reduce((s, r) => s + r.value!, 0)
    expect(total).toBe(83_019_213)
    await rollbackImport(db, deutschland, json.importId!)

    // The Destatis original (written by Excel): header in row 4, numbering rows below, Länder rows
    // without values, totals without a key, a source line at the end.
    const xlsx = await importObservations(db, {
      organizationId: deutschland,
      input: { path: DESTATIS_XLSX },
      mapping: {
        layout: 'wide',
        sheet: 'Kreisfreie Städte u. Landkreise',
        headerRow: 4,
        skipRows: 3,
        areaColumn: 'A',
        areaKey: 'ags',
        layer: 'kreis',
        period: 2018,
        unknownAreas: 'skip',
        variables: { F: 'pop_total', G: 'pop_male', H: 'pop_female' },
      },
    })
    expectCompleted(xlsx)
    expect(xlsx.report.observations).toBe(1203)
    const strip = (rows: typeof fromJson) => rows.map(({ importId: _i, ...r }) => r)
    expect(strip(await observations(db, deutschland))).toEqual(strip(fromJson))
    await rollbackImport(db, deutschland, xlsx.importId!)
  })

  it('saves a profile and reuses it (API)', async () => {
    const profile = await saveProfile(db, stadt, {
      name: 'kita-jahresabzug',
      description: 'Kita-Platzvergabe',
      mapping: { ...LONG, ratioCheck: 'warning' },
    })
    expect(profile.mapping).toMatchObject({ layout: 'long', ratioCheck: 'warning' })
    expect((await getProfile(db, stadt, 'kita-jahresabzug'))!.description).toBe('Kita-Platzvergabe')
    await expect(saveProfile(db, stadt, { name: 'Bad Name', mapping: LONG })).rejects.toThrow()
    await expect(
      saveProfile(db, stadt, { name: 'broken', mapping: { format: 'table', layout: 'long' } }),
    ).rejects.toThrow(/areaColumn/)
  })

  it.runIf(target.name === 'pglite')(
    'saves a profile and reuses it through the CLI',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'planraum-import-cli-'))
      try {
        const setup = await openPglite(dir, { loadDataDir: await pgliteTemplate('migrated') })
        await createOrganization(
          setup,
          { slug: 'cli-stadt' },
          TESTSTADT_LAYERS,
          TESTSTADT_VARIABLES,
        )
        await setup.close()
        const cli = (args: string[]) =>
          runImportCli([...args, '--org', 'cli-stadt', '--data-dir', dir])

        const first = await cli([
          path.join(FIXTURES, 'teststadt_wide_cp1252.csv'),
          '--layout',
          'wide',
          '--area-column',
          'Sozialraum',
          '--period-column',
          'Jahr',
          '--layer',
          'sozialraum',
          '--variables',
          'Einwohner insgesamt=pop_total,Kinder unter 3 Jahren=pop_age_00_02,Haushalte=households',
          '--unknown-variables',
          'skip',
          '--save-profile',
          'ewo',
        ])
        expect(first.stderr).toMatch(/Saved the mapping as profile "ewo"/)
        expect(first.stdout).toMatch(/Imported 12 observations as import #1/)
        expect(first.code).toBe(0)

        const again = await cli([
          path.join(FIXTURES, 'teststadt_wide_cp1252.csv'),
          '--profile',
          'ewo',
        ])
        expect(again.stdout).toMatch(/Nothing to do: .* import #1/)
        expect(again.code).toBe(0)

        const cp1252 = readFileSync(path.join(FIXTURES, 'teststadt_wide_cp1252.csv'), 'latin1')
        const next = path.join(dir, 'einwohner_2025.csv')
        writeFileSync(
          next,
          cp1252.replaceAll(';2024;', ';2025;').replace('2.360', 'k.A.'),
          'latin1',
        )
        const failed = await cli([next, '--profile', 'ewo'])
        expect(failed.code).toBe(1)
        expect(failed.stdout).toMatch(/3\s+D \(Einwohner insgesamt\)\s+NOT_A_NUMBER .* "k\.A\."/)
        expect(failed.stdout).toMatch(/failed with 1 error; nothing was changed. .* import #\d+/)

        writeFileSync(next, cp1252.replaceAll(';2024;', ';2025;'), 'latin1')
        const dry = await cli([next, '--profile', 'ewo', '--dry-run'])
        expect(dry.stdout).toMatch(/Dry run: 12 observations would be imported/)
        expect(dry.code).toBe(0)

        const list = await cli(['--list'])
        expect(list.stdout).toMatch(/#1 .* completed/)
        expect(list.stdout).toMatch(/#\d+ .* failed .* einwohner_2025\.csv/)
        const rollback = await cli(['--rollback', '1'])
        expect(rollback.stdout).toMatch(/Rolled back import #1: 12 observations deleted/)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    240_000,
  )
})

/**
 * Runs `planraum import …` as a child process: through the real CLI entry when cli/main.ts lists the
 * command, else through the command object alone (until the lead registers it).
 */
async function runImportCli(args: string[]) {
  const main = readFileSync(path.join(ROOT, 'src/cli/main.ts'), 'utf8')
  if (main.includes('importCommand')) return runCli(['import', ...args])
  const script = `
    import { parseArgs } from 'node:util'
    import { importCommand } from './src/cli/commands/import.ts'
    const { values, positionals } = parseArgs({ args: JSON.parse(process.env.ARGS), options: importCommand.options, allowPositionals: true, strict: true })
    process.exitCode = await importCommand.run(values, positionals)`
  return runNode(script, JSON.stringify(args))
}

async function runNode(script: string, args: string) {
  const { spawn } = await import('node:child_process')
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: undefined, ARGS: args },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}
