import { MonitoringEngine } from '../../modules/monitoring/index.js'
import { requireOrganization } from '../../modules/organizations/index.js'
import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase } from '../../platform/db/index.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

export const computeCommand: Command = {
  name: 'compute',
  summary:
    'compute every indicator for every area and year, and report what disclosure control hides',
  usage: `planraum compute --org <slug> [options]

  --org <slug>            the organisation (default: musterstadt)
${DATABASE_USAGE}`,
  options: { ...DATABASE_OPTIONS, org: { type: 'string' } },
  async run(values) {
    const config = loadConfig(process.env, configOverrides(values))
    const db = await openDatabase(config)
    try {
      await migrate(db)
      const org = await requireOrganization(db, (values.org as string | undefined) ?? 'musterstadt')
      const engine = new MonitoringEngine(db)
      const c = await engine.get(org.id)
      const P = c.cube.periods.length
      let cells = 0
      let hidden = 0
      for (const r of c.internal.indicators) {
        if (!r.flags) continue
        for (let i = 0; i < r.flags.length; i++) {
          if (Number.isNaN(r.value[i]!)) continue
          cells++
          if (r.flags[i] !== 0) hidden++
        }
      }
      console.log(
        `${org.name}: ${c.internal.indicators.length} indicators × ${c.cube.areas.tree.size} areas in ${c.cube.areas.layerKeys.length} layers × ${P} years (${c.cube.periods[0] ?? '–'}–${c.cube.periods[P - 1] ?? '–'}) computed in ${(c.stats.milliseconds / 1000).toFixed(2)} s.`,
      )
      console.log(
        `Disclosure control (minimum case number ${org.minCaseNumber}): ${hidden} of ${cells} values with data hidden from the public (${((100 * hidden) / Math.max(cells, 1)).toFixed(1)} %).`,
      )
      for (const problem of c.invalid) {
        console.log(`Indicator ${problem.key} cannot be computed: ${problem.reason}`)
      }
      return c.invalid.length > 0 ? 1 : 0
    } finally {
      await db.close()
    }
  },
}
