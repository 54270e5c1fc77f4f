import type { IndicatorDefinition } from '../../core/indicators/engine.js'
import { FormulaError, parseFormula } from '../../core/indicators/formula.js'
import type { Queryable } from '../../platform/db/index.js'
import { DEFAULT_CATALOGUE, type CatalogueIndicator } from './catalogue.js'

/**
 * An indicator of an organisation's catalogue, as stored: a catalogue entry (whose topic may be any
 * text once planners edit it) with its id, position and last change.
 */
export interface IndicatorRow extends Omit<CatalogueIndicator, 'topic'> {
  id: number
  topic: string
  sortOrder: number
  updatedAt: string
}

const COLUMNS = `id, key, name_de as "nameDe", name_en as "nameEn", definition_de as "definitionDe",
  definition_en as "definitionEn", formula, unit, decimals, polarity, topic, source,
  min_case_number as "minCaseNumber", published, sort_order as "sortOrder",
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"`

/** The indicators of an organisation in catalogue order; `publishedOnly` for the public. */
export function listIndicators(
  db: Queryable,
  organizationId: number,
  options: { publishedOnly?: boolean } = {},
): Promise<IndicatorRow[]> {
  return db.query<IndicatorRow>(
    `select ${COLUMNS} from indicator
      where organization_id = $1 and ($2::boolean is false or published)
      order by sort_order, key`,
    [organizationId, options.publishedOnly ?? false],
  )
}

/** The variable keys of an organisation, sorted. */
export async function variableKeys(db: Queryable, organizationId: number): Promise<string[]> {
  return (
    await db.query<{ key: string }>(
      'select key from variable where organization_id = $1 order by key',
      [organizationId],
    )
  ).map((r) => r.key)
}

/**
 * Adds the default catalogue's indicators whose formulas fit the organisation's variables (those
 * that exist already are left alone). Returns the keys added and the ones skipped with the reason.
 */
export async function seedDefaultCatalogue(
  db: Queryable,
  organizationId: number,
  catalogue: readonly CatalogueIndicator[] = DEFAULT_CATALOGUE,
): Promise<{ added: string[]; skipped: { key: string; reason: string }[] }> {
  const variables = await variableKeys(db, organizationId)
  const fitting: CatalogueIndicator[] = []
  const skipped: { key: string; reason: string }[] = []
  for (const entry of catalogue) {
    try {
      parseFormula(entry.formula, variables)
      fitting.push(entry)
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error
      skipped.push({ key: entry.key, reason: error.message })
    }
  }
  const rows = await db.query<{ key: string }>(
    `insert into indicator (organization_id, key, name_de, name_en, definition_de, definition_en,
                            formula, unit, decimals, polarity, topic, source, min_case_number,
                            published, sort_order)
     select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::text[], $9::int[], $10::text[], $11::text[], $12::text[],
                              $13::int[], $14::boolean[], $15::int[])
     on conflict (organization_id, key) do nothing
     returning key`,
    [
      organizationId,
      fitting.map((e) => e.key),
      fitting.map((e) => e.nameDe),
      fitting.map((e) => e.nameEn),
      fitting.map((e) => e.definitionDe),
      fitting.map((e) => e.definitionEn),
      fitting.map((e) => e.formula),
      fitting.map((e) => e.unit),
      fitting.map((e) => e.decimals),
      fitting.map((e) => e.polarity),
      fitting.map((e) => e.topic),
      fitting.map((e) => e.source),
      fitting.map((e) => e.minCaseNumber),
      fitting.map((e) => e.published),
      fitting.map((_, i) => (catalogue.indexOf(fitting[i]!) + 1) * 10),
    ],
  )
  return { added: rows.map((r) => r.key), skipped }
}

/** Engine definitions of stored indicators; an indicator whose formula no longer fits is reported. */
export function toDefinitions(
  rows: readonly IndicatorRow[],
  variables: readonly string[],
): { definitions: IndicatorDefinition[]; invalid: { key: string; reason: string }[] } {
  const definitions: IndicatorDefinition[] = []
  const invalid: { key: string; reason: string }[] = []
  for (const row of rows) {
    try {
      definitions.push({
        key: row.key,
        formula: parseFormula(row.formula, variables),
        decimals: row.decimals,
        polarity: row.polarity,
      })
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error
      invalid.push({ key: row.key, reason: error.message })
    }
  }
  return { definitions, invalid }
}
