import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase } from '../../platform/db/index.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations (serve does this on start, too)',
  usage: `planraum migrate [options]\n\n${DATABASE_USAGE}`,
  options: { ...DATABASE_OPTIONS },
  async run(values) {
    const config = loadConfig(process.env, configOverrides(values))
    const db = await openDatabase(config)
    try {
      const result = await migrate(db)
      console.log(
        result.applied.length === 0
          ? `Database ${db.location} is up to date (${result.alreadyApplied} migrations).`
          : `Applied ${result.applied.length} migration(s) to ${db.location}: ${result.applied.join(', ')}`,
      )
      return 0
    } finally {
      await db.close()
    }
  },
}
