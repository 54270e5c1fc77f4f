import { removeDemo, loadDemo } from '../../modules/demo/index.js'
import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase } from '../../platform/db/index.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

export const demoCommand: Command = {
  name: 'demo',
  summary: 'load the demo city Musterstadt (does nothing when it is already there)',
  usage: `planraum demo [options]

  --reset                 remove the demo organisation and load it again
${DATABASE_USAGE}`,
  options: { ...DATABASE_OPTIONS, reset: { type: 'boolean' } },
  async run(values) {
    const config = loadConfig(process.env, configOverrides(values))
    const db = await openDatabase(config)
    try {
      await migrate(db)
      if (values.reset === true && (await removeDemo(db))) {
        console.error('Removed the demo organisation "musterstadt".')
      }
      const result = await loadDemo(db, {
        onProgress: (step, detail) =>
          console.error(
            `demo: ${step}${detail ? ` ${detail.written ?? ''}/${detail.total ?? ''}` : ''}`,
          ),
      })
      console.log(
        result.status === 'present'
          ? `Musterstadt is already loaded in ${db.location} (${result.areas} areas, ${result.observations} observations, ${result.facilities} facilities).`
          : `Loaded Musterstadt into ${db.location}: ${result.areas} areas, ${result.observations} observations, ${result.facilities} facilities in ${(result.milliseconds / 1000).toFixed(1)} s.`,
      )
      return 0
    } finally {
      await db.close()
    }
  },
}
