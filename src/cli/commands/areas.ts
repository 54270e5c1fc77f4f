import path from 'node:path'

import {
  importBoundaries,
  layerVersions,
  listLayers,
  type BoundaryImportReport,
  type ImportBoundariesOptions,
} from '../../modules/areas/index.js'
import { listOrganizations } from '../../modules/organizations/index.js'
import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase, type Database } from '../../platform/db/index.js'
import {
  BoundaryError,
  issueLocation,
  loadBoundaryInput,
  parseCrsOption,
} from '../../platform/io/boundaries/index.js'
import { ZipError } from '../../platform/io/zip.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

type Values = Record<string, string | boolean | undefined>

const str = (values: Values, key: string): string | undefined =>
  typeof values[key] === 'string' ? (values[key] as string) : undefined

/** `planraum areas import|list`: boundaries of planning areas (Raumebenen) over time. */
export const areasCommand: Command = {
  name: 'areas',
  summary: 'import boundaries of planning areas (GeoJSON, zipped Shapefile) and list the layers',
  usage: `planraum areas import <file> --org <slug> --layer <key> [options]
planraum areas list --org <slug>

Import reads .geojson/.json, .zip (a zipped shapefile with .shp, .dbf, .prj, .cpg) or .shp (with
its .dbf, .prj, .cpg beside it), reprojects to WGS 84, repairs invalid geometry and reports
repairs, overlaps, gaps and areas outside their parent. A layer that already has areas gets a new
version from --valid-from on, with a crosswalk from the old areas to the new ones.

  --org <slug>             the organisation (required)
  --layer <key>            layer to import into, e.g. sozialraum (created if missing)
  --code-field <name>      attribute with the area code (default "code")
  --name-field <name>      attribute with the area name (default "name")
  --parent-field <name>    attribute with the parent area's code (default: derive from geometry)
  --parent-layer <key>     for a new layer: the next coarser layer
  --layer-name-de <text>   for a new layer: its German name (default: the key)
  --layer-name-en <text>   for a new layer: its English name
  --valid-from YYYY-MM-DD  date the boundaries take effect (required for a new version;
                           a first import is valid from 1900-01-01)
  --encoding <name>        text encoding of the .dbf (overrides .cpg; default without .cpg:
                           windows-1252), e.g. utf-8, windows-1252, iso-8859-1
  --crs EPSG:<code>        source coordinate system (overrides .prj / GeoJSON crs):
                           4326, 4258, 25832, 25833, 4647, 5650, 32632, 32633, 31466-31469
  --tolerance-m2 <n>       smallest overlap/gap reported, in m² (default 1)
  --population-pattern <re> variables summed as residents for population crosswalk weights
                           (default ^pop_[mf]_(de|nd)_)
  --population-period <year> residents' year for those weights (default: latest ≤ valid-from)
  --json                   print the report as JSON
${DATABASE_USAGE}`,
  options: {
    ...DATABASE_OPTIONS,
    org: { type: 'string' },
    layer: { type: 'string' },
    'code-field': { type: 'string' },
    'name-field': { type: 'string' },
    'parent-field': { type: 'string' },
    'parent-layer': { type: 'string' },
    'layer-name-de': { type: 'string' },
    'layer-name-en': { type: 'string' },
    'valid-from': { type: 'string' },
    encoding: { type: 'string' },
    crs: { type: 'string' },
    'tolerance-m2': { type: 'string' },
    'population-pattern': { type: 'string' },
    'population-period': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, positionals) {
    const [sub, ...rest] = positionals
    const org = str(values, 'org')
    if (sub !== 'import' && sub !== 'list') {
      console.error(
        `planraum areas: expected "import <file>" or "list"; got ${sub === undefined ? 'nothing' : `"${sub}"`}.\n\n${areasCommand.usage}`,
      )
      return 2
    }
    if (org === undefined) {
      console.error(`planraum areas ${sub}: --org <slug> is required.`)
      return 2
    }
    if (sub === 'import' && (rest.length !== 1 || str(values, 'layer') === undefined)) {
      console.error(
        `planraum areas import: expected one file and --layer <key>; got ${rest.length} file(s)${str(values, 'layer') === undefined ? ' and no --layer' : ''}.`,
      )
      return 2
    }
    const config = loadConfig(process.env, configOverrides(values))
    const db = await openDatabase(config)
    try {
      await migrate(db)
      const organization = (await listOrganizations(db)).find((o) => o.slug === org)
      if (!organization) {
        const known = (await listOrganizations(db)).map((o) => o.slug).join(', ') || 'none'
        console.error(`planraum areas: the organisation "${org}" does not exist (known: ${known}).`)
        return 1
      }
      return sub === 'list'
        ? await list(db, organization.id, organization.slug)
        : await runImport(db, organization.id, organization.slug, rest[0]!, values)
    } finally {
      await db.close()
    }
  },
}

async function runImport(
  db: Database,
  organizationId: number,
  slug: string,
  file: string,
  values: Values,
): Promise<number> {
  try {
    const options: ImportBoundariesOptions = { layer: str(values, 'layer')! }
    const text = (key: string, set: (v: string) => void) => {
      const v = str(values, key)
      if (v !== undefined) set(v)
    }
    text('code-field', (v) => (options.codeField = v))
    text('name-field', (v) => (options.nameField = v))
    text('parent-field', (v) => (options.parentField = v))
    text('parent-layer', (v) => (options.parentLayer = v))
    text('layer-name-de', (v) => (options.layerNameDe = v))
    text('layer-name-en', (v) => (options.layerNameEn = v))
    text('valid-from', (v) => (options.validFrom = v))
    text('encoding', (v) => (options.encoding = v))
    text('crs', (v) => (options.crs = parseCrsOption(v)))
    text('tolerance-m2', (v) => (options.toleranceM2 = number(v, '--tolerance-m2')))
    text(
      'population-pattern',
      (v) => (options.crosswalk = { ...options.crosswalk, populationPattern: v }),
    )
    text(
      'population-period',
      (v) =>
        (options.crosswalk = {
          ...options.crosswalk,
          populationPeriod: number(v, '--population-period'),
        }),
    )

    let input
    try {
      input = await loadBoundaryInput(file)
    } catch (error) {
      console.error(
        `planraum areas import: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      )
      return 1
    }
    const report = await importBoundaries(db, organizationId, input, options)
    console.log(values.json === true ? JSON.stringify(report, null, 2) : formatReport(report, slug))
    return 0
  } catch (error) {
    if (error instanceof BoundaryError) {
      console.error(`planraum areas import: ${error.message}`)
      if (error.issues.length > 10) {
        for (const issue of error.issues.slice(10)) {
          console.error(`${issueLocation(path.basename(file), issue)} ${issue.message}`)
        }
      }
      return 1
    }
    if (error instanceof ZipError) {
      console.error(`planraum areas import: ${error.message}`)
      return 1
    }
    throw error
  }
}

function number(value: string, option: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new BoundaryError('OPTION_INVALID', `${option} expects a number; got "${value}".`)
  }
  return n
}

async function list(db: Database, organizationId: number, slug: string): Promise<number> {
  const layers = await listLayers(db, organizationId)
  if (layers.length === 0) {
    console.log(`${slug} has no layers yet: import boundaries with "planraum areas import".`)
    return 0
  }
  const width = Math.max(...layers.map((l) => l.key.length))
  console.log(`Layers of ${slug}, coarse to fine:`)
  for (const layer of layers) {
    const versions = await layerVersions(db, organizationId, layer.id)
    const history = versions
      .map((v) => `${v.validFrom}${v.validTo ? `–${v.validTo}` : ' on'}: ${v.areas}`)
      .join('; ')
    console.log(
      `  ${layer.level}  ${layer.key.padEnd(width)}  ${layer.nameDe} / ${layer.nameEn}, ${plural(layer.areaCount, 'current area')}${versions.length > 1 ? ` (versions ${history})` : ''}`,
    )
  }
  return 0
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`
const m2 = (n: number) => `${n.toLocaleString('en', { maximumFractionDigits: n < 100 ? 1 : 0 })} m²`
const pct = (share: number) => `${(share * 100).toFixed(1)} %`

/**
 * The report as lines a planner can read: what was imported, then every repair and warning.
 *
 * @example
 * formatReport(report, 'musterstadt') // 'Imported sr.zip into layer "sozialraum" …'
 */
export function formatReport(report: BoundaryImportReport, slug: string): string {
  const lines: string[] = []
  const { file, version, layer } = report
  if (report.status === 'unchanged') {
    lines.push(
      `${file.name} was already imported into layer "${layer.key}" of ${slug} (import ${report.importId}); nothing changed.`,
    )
    return lines.join('\n')
  }
  lines.push(
    `Imported ${file.name} into layer "${layer.key}" of ${slug} (import ${report.importId}${layer.created ? ', new layer' : ''}):`,
    `  file: ${file.format}, ${plural(file.features, 'feature')}, ${file.crs} from ${file.crsDeclaredBy}, text ${file.encoding} (${file.encodingSource})`,
    version.newVersion
      ? `  version from ${version.validFrom}: ${version.created} new, ${version.kept} unchanged${version.renamed.length ? ` (renamed: ${version.renamed.join(', ')})` : ''}, ${version.closed} closed`
      : `  first version, valid from ${version.validFrom}: ${plural(version.created, 'area')}`,
    `  parents: ${
      report.parents.method === 'none'
        ? 'none (top layer)'
        : report.parents.method === 'field'
          ? `by code from layer "${layer.parentLayer}"`
          : `derived from geometry in layer "${layer.parentLayer}"`
    }`,
  )
  const section = <T>(title: string, items: T[], line: (item: T) => string) => {
    if (items.length === 0) return
    lines.push(`${title} (${items.length}):`)
    for (const item of items) lines.push(`  ${line(item)}`)
  }
  section('Repairs', report.repairs, (r) => {
    const at = r.at ? ` at ${r.at[0]}, ${r.at[1]}` : ''
    return `feature ${r.featureIndex} (code ${r.code}): ${r.reason}${at}`
  })
  section(
    'Uncertain parents (largest overlap below 99 %)',
    report.parents.uncertain,
    (u) =>
      `${u.code} → ${u.parentCode ?? 'none'} (${pct(u.share)} inside${u.parentCode ? '' : ': touches no parent'})`,
  )
  section(
    'Re-parented areas of the finer layer',
    report.reparented,
    (r) => `${r.layer} ${r.code} → ${r.parentCode ?? 'none'} (${pct(r.share)} inside)`,
  )
  section(
    'Overlaps',
    report.overlaps,
    (o) =>
      `${o.layer} ${o.codes[0]} and ${o.codes[1]} overlap by ${m2(o.areaM2)} at ${o.at[0]}, ${o.at[1]}`,
  )
  section('Gaps', report.gaps, (g) =>
    g.parentCode === null
      ? `hole of ${m2(g.areaM2)} between areas of ${g.layer} at ${g.at[0]}, ${g.at[1]}`
      : `${m2(g.areaM2)} of parent ${g.parentCode} not covered by its ${g.layer} areas at ${g.at[0]}, ${g.at[1]}`,
  )
  section(
    'Outside their parent',
    report.outside,
    (o) =>
      `${o.layer} ${o.code} reaches ${m2(o.areaM2)} outside ${o.parentCode} (${pct(o.insideShare)} inside)`,
  )
  const cw = report.crosswalk
  if (cw) {
    lines.push(
      `Crosswalk onto today's areas: ${plural(cw.areaRows, 'area weight')}, ${
        cw.populationPeriod !== null
          ? `${plural(cw.populationRows, 'population weight')} (residents ${cw.populationPeriod})`
          : `no population weights (${cw.populationNote})`
      }`,
    )
    for (const c of cw.lowCoverage) {
      lines.push(
        `  old area ${c.code} (from ${c.validFrom}) is only ${pct(c.coverage)} covered by today's areas`,
      )
    }
    if (cw.withoutResidents.length > 0) {
      lines.push(
        `  old areas without residents use area weights: ${cw.withoutResidents.join(', ')}`,
      )
    }
  }
  const warnings =
    report.parents.uncertain.length +
    report.overlaps.length +
    report.gaps.length +
    report.outside.length
  lines.push(
    warnings === 0
      ? `No overlaps, gaps or areas outside their parent larger than ${m2(report.toleranceM2)}.`
      : `${plural(warnings, 'warning')} (tolerance ${m2(report.toleranceM2)}); the import is complete.`,
  )
  return lines.join('\n')
}
