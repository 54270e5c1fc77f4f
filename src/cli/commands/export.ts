import { writeFileSync } from 'node:fs'

import { areasAsGeoJson, requireLayer } from '../../modules/areas/index.js'
import {
  MonitoringEngine,
  selectValues,
  toCsv,
  toGeoJson,
  toJsonStat,
} from '../../modules/monitoring/index.js'
import { requireOrganization } from '../../modules/organizations/index.js'
import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase } from '../../platform/db/index.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

const list = (value: unknown) =>
  typeof value === 'string' && value.length > 0 ? value.split(',').map((s) => s.trim()) : []

export const exportCommand: Command = {
  name: 'export',
  summary: 'export indicator values as CSV, GeoJSON or JSON-stat (public: disclosure-controlled)',
  usage: `planraum export --org <slug> [options]

  --org <slug>            the organisation (default: musterstadt)
  --indicator <keys>      indicator keys, comma-separated (default: all published)
  --layer <key>           layer (default: all; geojson needs one)
  --period <years>        years, comma-separated (default: the latest)
  --format <f>            csv (default), geojson, jsonstat
  --locale de|en          CSV: de = ";" and decimal comma (default de)
  --internal              exact values of all indicators, WITHOUT disclosure control — for
                          internal use only; never publish such a file
  --out <file>            write to a file instead of standard output
${DATABASE_USAGE}`,
  options: {
    ...DATABASE_OPTIONS,
    org: { type: 'string' },
    indicator: { type: 'string' },
    layer: { type: 'string' },
    period: { type: 'string' },
    format: { type: 'string' },
    locale: { type: 'string' },
    internal: { type: 'boolean' },
    out: { type: 'string' },
  },
  async run(values) {
    const format = (values.format as string | undefined) ?? 'csv'
    if (!['csv', 'geojson', 'jsonstat'].includes(format)) {
      console.error(`planraum export: --format must be csv, geojson or jsonstat, got "${format}".`)
      return 2
    }
    const locale = (values.locale as string | undefined) ?? 'de'
    if (locale !== 'de' && locale !== 'en') {
      console.error(`planraum export: --locale must be de or en, got "${locale}".`)
      return 2
    }
    const periods = list(values.period).map(Number)
    if (periods.some((p) => !Number.isInteger(p))) {
      console.error(`planraum export: --period expects years like 2024 or 2020,2024.`)
      return 2
    }
    const config = loadConfig(process.env, configOverrides(values))
    const db = await openDatabase(config)
    try {
      await migrate(db)
      const org = await requireOrganization(db, (values.org as string | undefined) ?? 'musterstadt')
      const computation = await new MonitoringEngine(db).get(org.id)
      const audience = values.internal === true ? 'internal' : 'public'
      const selection = selectValues(computation, audience, {
        indicators: list(values.indicator),
        layer: values.layer as string | undefined,
        periods,
        areas: [],
      })
      let output: string
      if (format === 'csv') {
        output = toCsv(selection.rows, { locale })
      } else if (format === 'jsonstat') {
        output = JSON.stringify(
          toJsonStat(selection.rows, {
            label: `${org.name}: Kennzahlen ${selection.periods.join(', ')}${audience === 'internal' ? ' (INTERN)' : ''}`,
            source: org.name,
            updated: computation.computedAt.toISOString(),
            indicators: computation.indicators,
            language: org.defaultLanguage,
          }),
        )
      } else {
        if (selection.layers.length !== 1 || selection.periods.length !== 1) {
          console.error('planraum export: --format geojson needs one --layer and one --period.')
          return 2
        }
        const layer = await requireLayer(db, org.id, selection.layers[0]!)
        output = JSON.stringify(toGeoJson(selection.rows, await areasAsGeoJson(db, org.id, layer)))
      }
      if (typeof values.out === 'string') {
        writeFileSync(values.out, output)
        console.error(
          `Wrote ${selection.rows.length} values (${audience === 'internal' ? 'INTERNAL, exact' : 'public, disclosure-controlled'}) to ${values.out}.`,
        )
      } else {
        process.stdout.write(output)
      }
      return 0
    } finally {
      await db.close()
    }
  },
}
