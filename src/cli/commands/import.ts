import {
  formatReport,
  getImport,
  importObservations,
  ImportStateError,
  listImports,
  listProfiles,
  parseVariablePairs,
  plural,
  requireProfile,
  rollbackImport,
  saveProfile,
  type ImportMappingInput,
  type ImportResult,
} from '../../modules/monitoring/imports/index.js'
import { requireOrganization } from '../../modules/organizations/index.js'
import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase, type Database } from '../../platform/db/index.js'
import { ApiError } from '../../platform/http/errors.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

const MAPPING_OPTIONS = {
  format: { type: 'string' },
  layout: { type: 'string' },
  'area-column': { type: 'string' },
  'area-key': { type: 'string' },
  layer: { type: 'string' },
  'period-column': { type: 'string' },
  period: { type: 'string' },
  'variable-column': { type: 'string' },
  'value-column': { type: 'string' },
  'status-column': { type: 'string' },
  variables: { type: 'string' },
  'all-columns': { type: 'boolean' },
  'ignore-columns': { type: 'string' },
  'header-row': { type: 'string' },
  'skip-rows': { type: 'string' },
  sheet: { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  'unknown-areas': { type: 'string' },
  'unknown-variables': { type: 'string' },
  'ratio-check': { type: 'string' },
  'area-dimension': { type: 'string' },
} as const

const USAGE = `planraum import <file> --org <slug> [mapping] [options]
planraum import --list --org <slug>
planraum import --show <id> --org <slug>
planraum import --rollback <id> --org <slug>
planraum import --profiles --org <slug>

Imports observations from a CSV (UTF-8 or Windows-1252; ; , or tab), XLSX or GENESIS file
(flat file CSV, also zipped as downloaded, or table CSV from GENESIS-Online / regionalstatistik.de)
in one transaction: all or nothing. The report lists every problem by row and column; exit code 1 when there are errors.

  --org <slug>              the organisation (required)
  --profile <name>          use a saved mapping (options below override parts of it)
  --save-profile <name>     save the mapping under this name once the import succeeds
  --description <text>      description of the saved profile
  --dry-run                 check everything, write nothing
  --json                    print the report as JSON

Mapping (GENESIS files need only --variables, --layer and perhaps --unknown-areas skip):
  --format auto|table|genesis-ffcsv|genesis-table   (default auto: GENESIS is recognised)
  --layout long|wide        long: one value per row; wide: one column per variable
  --area-column <col>       column of the area code (header text or letter, e.g. "Gebiet" or A)
  --area-key code|ags|ars   own codes, AGS (8 digits) or ARS (12 digits); default code, GENESIS ags
  --layer <key>             the layer the codes belong to (default: look in all layers)
  --period-column <col> | --period <year>
  --variable-column <col> --value-column <col> [--status-column <col>]   (long)
  --variables "col=key,…"   wide: columns → variable keys; long and GENESIS: names → keys
  --all-columns             wide: every other column is a variable named by its header
  --ignore-columns "a,b"    wide with --all-columns: columns that are not variables
  --header-row <n>          the row with the column names (default 1); rows above are titles
  --skip-rows <n>           rows to skip below the header (units, numbering)
  --sheet <name>            XLSX: the sheet (default the first)
  --encoding utf-8|windows-1252   (default: detected)
  --delimiter ";"|","|tab   (default: detected)
  --decimal ,|.             (default: detected from the data, German when undecided)
  --unknown-areas error|skip       skip: ignore rows of areas that are not planning areas (totals)
  --unknown-variables error|skip   skip: ignore values of variables the mapping does not name
  --ratio-check error|warning      a numerator above its denominator stops the import, or warns
  --area-dimension <code>   GENESIS flat file: the regional variable (e.g. KREISE)
${DATABASE_USAGE}

Examples:
  planraum import einwohner.csv --org musterstadt --layout wide --area-column Block \\
    --period 2024 --variables "unter 3=pop_age_00_02,3 bis 5=pop_age_03_05" --save-profile ewo
  planraum import einwohner_2025.csv --org musterstadt --profile ewo --period 2025
  planraum import 12411-01-01-4.csv --org kreis-x --layer gemeinde --unknown-areas skip \\
    --variables "Insgesamt=pop_total,männlich=pop_male,weiblich=pop_female"`

type Values = Record<string, string | boolean | undefined>

class UsageError extends Error {}

function str(values: Values, key: string): string | undefined {
  const v = values[key]
  return typeof v === 'string' ? v : undefined
}

function int(values: Values, key: string): number | undefined {
  const v = str(values, key)
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v)) throw new UsageError(`--${key} expects a whole number; got "${v}".`)
  return Number(v)
}

/** The mapping options given on the command line (only those given). */
function mappingFromOptions(values: Values): Record<string, unknown> {
  const m: Record<string, unknown> = {}
  const set = (key: string, value: unknown) => {
    if (value !== undefined) m[key] = value
  }
  set('format', str(values, 'format'))
  set('layout', str(values, 'layout'))
  set('areaColumn', str(values, 'area-column'))
  set('areaKey', str(values, 'area-key'))
  set('layer', str(values, 'layer'))
  set('periodColumn', str(values, 'period-column'))
  set('period', int(values, 'period'))
  set('variableColumn', str(values, 'variable-column'))
  set('valueColumn', str(values, 'value-column'))
  set('statusColumn', str(values, 'status-column'))
  const variables = str(values, 'variables')
  if (variables !== undefined) {
    try {
      m.variables = parseVariablePairs(variables)
    } catch (error) {
      throw new UsageError(`--variables: ${(error as Error).message}`)
    }
  }
  if (values['all-columns'] === true) m.variableColumns = 'rest'
  const ignore = str(values, 'ignore-columns')
  if (ignore !== undefined) m.ignoreColumns = ignore.split(',').map((c) => c.trim())
  set('headerRow', int(values, 'header-row'))
  set('skipRows', int(values, 'skip-rows'))
  set('sheet', str(values, 'sheet'))
  set('encoding', str(values, 'encoding'))
  const delimiter = str(values, 'delimiter')
  if (delimiter !== undefined)
    m.delimiter = delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter
  set('decimal', str(values, 'decimal'))
  set('unknownAreas', str(values, 'unknown-areas'))
  set('unknownVariables', str(values, 'unknown-variables'))
  set('ratioCheck', str(values, 'ratio-check'))
  set('areaDimension', str(values, 'area-dimension'))
  // A period column given on the command line replaces a fixed period of the profile and back.
  if (m.period !== undefined) m.periodColumn = undefined
  if (m.periodColumn !== undefined) m.period = undefined
  return m
}

function progressPrinter(file: string) {
  let nextRows = 100_000
  let lastPercent = -1
  return (p: { phase: string; rows: number; bytesRead: number; totalBytes: number }) => {
    if (p.phase !== 'reading') return
    const percent = p.totalBytes > 0 ? Math.floor((p.bytesRead / p.totalBytes) * 10) * 10 : 0
    if (p.rows >= nextRows || percent > lastPercent) {
      if (p.rows >= nextRows) nextRows = (Math.floor(p.rows / 100_000) + 1) * 100_000
      lastPercent = percent
      console.error(
        `import: ${file}: ${p.rows.toLocaleString('en-GB')} rows read (${Math.min(100, Math.round((p.bytesRead / Math.max(1, p.totalBytes)) * 100))} %)`,
      )
    }
  }
}

function outcome(result: ImportResult): string {
  const r = result.report
  switch (result.status) {
    case 'completed':
      return `Imported ${r.observations.toLocaleString('en-GB')} observations as import #${result.importId} (${r.replaced.toLocaleString('en-GB')} replaced existing values; roll back with: planraum import --rollback ${result.importId}).`
    case 'unchanged':
      return `Nothing to do: this file was imported with the same mapping as import #${result.importId}.`
    case 'dry_run':
      return r.errors > 0
        ? `Dry run: the import would fail with ${plural(r.errors, 'error')}. Nothing was written.`
        : `Dry run: ${r.observations.toLocaleString('en-GB')} observations would be imported. Nothing was written.`
    case 'failed':
      return `The import failed with ${plural(r.errors, 'error')}; nothing was changed. The attempt is on record as import #${result.importId}.`
  }
}

async function runImport(db: Database, values: Values, positionals: string[]): Promise<number> {
  const org = await requireOrganization(db, str(values, 'org')!)
  if (positionals.length !== 1) {
    throw new UsageError(`expected one file to import; got ${positionals.length}.`)
  }
  const file = positionals[0]!
  const profileName = str(values, 'profile')
  const base = profileName ? (await requireProfile(db, org.id, profileName)).mapping : {}
  const mapping = { ...base, ...mappingFromOptions(values) } as ImportMappingInput
  for (const key of Object.keys(mapping) as (keyof typeof mapping)[]) {
    if (mapping[key] === undefined) delete mapping[key]
  }
  const result = await importObservations(db, {
    organizationId: org.id,
    input: { path: file },
    mapping,
    profileName: profileName ?? str(values, 'save-profile') ?? null,
    dryRun: values['dry-run'] === true,
    onProgress: progressPrinter(file),
  })
  if (values.json === true)
    console.log(
      JSON.stringify(
        { status: result.status, importId: result.importId, report: result.report },
        null,
        2,
      ),
    )
  else console.log(`${formatReport(result.report)}\n\n${outcome(result)}`)
  const saveAs = str(values, 'save-profile')
  if (
    saveAs !== undefined &&
    (result.status === 'completed' ||
      result.status === 'unchanged' ||
      (result.status === 'dry_run' && result.report.errors === 0))
  ) {
    await saveProfile(db, org.id, {
      name: saveAs,
      description: str(values, 'description') ?? `saved from ${result.report.file}`,
      mapping,
    })
    console.error(`Saved the mapping as profile "${saveAs}".`)
  }
  return result.report.errors > 0 ? 1 : 0
}

export const importCommand: Command = {
  name: 'import',
  summary:
    'import statistics (CSV, XLSX, GENESIS) as observations; list, show or roll back imports',
  usage: `${USAGE}`,
  options: {
    ...DATABASE_OPTIONS,
    ...MAPPING_OPTIONS,
    org: { type: 'string' },
    profile: { type: 'string' },
    'save-profile': { type: 'string' },
    description: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    list: { type: 'boolean' },
    show: { type: 'string' },
    rollback: { type: 'string' },
    profiles: { type: 'boolean' },
  },
  async run(values, positionals) {
    if (str(values, 'org') === undefined) {
      console.error(`planraum import: --org <slug> is required.\n\n${USAGE}`)
      return 2
    }
    const config = loadConfig(process.env, configOverrides(values))
    const db = await openDatabase(config)
    try {
      await migrate(db)
      const org = await requireOrganization(db, str(values, 'org')!)
      if (values.list === true) {
        const imports = await listImports(db, org.id, { limit: 100 })
        if (imports.length === 0) console.log(`No imports in ${org.slug} yet.`)
        for (const i of imports) {
          console.log(
            `#${i.id}  ${String(i.createdAt).slice(0, 19)}  ${i.kind.padEnd(12)}  ${i.status.padEnd(11)}  ${String(i.rowCount).padStart(9)} rows  ${i.errors} errors  ${i.fileName ?? i.sourceName}`,
          )
        }
        return 0
      }
      if (values.profiles === true) {
        const profiles = await listProfiles(db, org.id)
        if (profiles.length === 0) console.log(`No import profiles in ${org.slug} yet.`)
        for (const p of profiles)
          console.log(`${p.name}  ${p.description}\n  ${JSON.stringify(p.mapping)}`)
        return 0
      }
      const show = int(values, 'show')
      if (show !== undefined) {
        const detail = await getImport(db, org.id, show)
        if (!detail)
          throw new ApiError('NOT_FOUND', `The import #${show} does not exist in ${org.slug}.`)
        if (values.json === true) console.log(JSON.stringify(detail, null, 2))
        else if ('problems' in detail.report) console.log(formatReport(detail.report as never))
        else console.log(JSON.stringify(detail, null, 2))
        return 0
      }
      const rollback = int(values, 'rollback')
      if (rollback !== undefined) {
        const result = await rollbackImport(db, org.id, rollback)
        console.log(
          `Rolled back import #${result.importId}: ${result.deleted} observations deleted, ${result.restored} earlier values restored.`,
        )
        return 0
      }
      return await runImport(db, values, positionals)
    } catch (error) {
      if (error instanceof UsageError) {
        console.error(`planraum import: ${error.message}`)
        return 2
      }
      if (error instanceof ApiError || error instanceof ImportStateError) {
        console.error(`planraum import: ${error.message}`)
        return 1
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        console.error(
          `planraum import: the file ${(error as NodeJS.ErrnoException).path} does not exist.`,
        )
        return 1
      }
      throw error
    } finally {
      await db.close()
    }
  },
}
