import { buildApp } from '../../app.js'
import { ensureFirstAdmin } from '../../modules/accounts/index.js'
import { loadDemo } from '../../modules/demo/index.js'
import { loadConfig } from '../../platform/config.js'
import { migrate, openDatabase, type Database } from '../../platform/db/index.js'
import { createLogger } from '../../platform/log.js'
import { configOverrides, DATABASE_OPTIONS, DATABASE_USAGE, type Command } from '../command.js'

export class PortInUseError extends Error {
  override name = 'PortInUseError'
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the web server (migrates; loads Musterstadt into an empty embedded database)',
  usage: `planraum serve [options]

  --port <n>              HTTP port (default 3000, env PORT)
  --host <address>        interface (default 127.0.0.1, env HOST; 0.0.0.0 for all)
  --basemap-style-url <url>
                          MapLibre style of a basemap under the atlas: an https URL or a path on
                          this server (default none: offline; env PLANRAUM_BASEMAP_STYLE_URL)
${DATABASE_USAGE}

Environment: LOG_LEVEL (default info), PLANRAUM_DEMO=off (start empty), TRUST_PROXY (behind a TLS
reverse proxy: true or the proxy addresses), PLANRAUM_BASEMAP_HOSTS (further origins of the
basemap's tiles, glyphs and sprites, comma-separated).`,
  options: {
    ...DATABASE_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
    'basemap-style-url': { type: 'string' },
  },
  async run(values) {
    const basemapStyleUrl = values['basemap-style-url']
    const config = loadConfig(process.env, {
      ...configOverrides(values),
      ...(typeof basemapStyleUrl === 'string' ? { basemapStyleUrl } : {}),
    })
    const logger = createLogger(config.logLevel)
    const started = performance.now()
    const db = await openDatabase(config)
    let closing = false
    const shutdown = async (signal: string, app?: { close(): Promise<void> }) => {
      if (closing) {
        logger.warn({ signal }, 'second signal: exiting at once')
        process.exit(1)
      }
      closing = true
      logger.info({ signal }, 'shutting down: finishing requests, closing the database')
      try {
        await app?.close()
      } finally {
        await db.close()
        logger.info('stopped')
      }
    }
    try {
      const migrations = await migrate(db)
      logger.info({ database: db.kind, location: db.location, ...migrations }, 'database ready')
      await loadDemoIfEmpty(db, config.autoDemo, logger)
      const admin = await ensureFirstAdmin(db, logger)
      if (admin) {
        // Printed once, to the terminal only (not to the JSON log).
        process.stderr.write(
          `\nFirst administrator of ${admin.organization}: ${admin.email}\nPassword (shown only now): ${admin.password}\nChange it after signing in, or issue a reset link with "planraum users reset-link".\n\n`,
        )
      }
      const app = await buildApp({ db, config, logger })
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => void shutdown(signal, app).then(() => process.exit(0)))
      }
      try {
        await app.listen({ port: config.port, host: config.host })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new PortInUseError(
            `Port ${config.port} on ${config.host} is in use: stop the other process or choose another port with --port or PORT.`,
          )
        }
        throw error
      }
      logger.info(
        {
          url: `http://${config.host}:${config.port}/`,
          seconds: (performance.now() - started) / 1000,
        },
        'Planraum is ready',
      )
      return await new Promise<number>(() => undefined) // runs until a signal ends the process
    } catch (error) {
      await shutdown('startup error').catch(() => undefined)
      throw error
    }
  },
}

/** First start on an empty embedded database: load Musterstadt so there is something to see. */
async function loadDemoIfEmpty(
  db: Database,
  autoDemo: boolean,
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  if (!autoDemo || db.kind !== 'pglite') return
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from organization')
  if ((row?.n ?? 0) > 0) return
  logger.info('empty embedded database: loading the demo city Musterstadt')
  const result = await loadDemo(db, {
    onProgress: (step, detail) => logger.debug({ step, ...detail }, 'demo load'),
  })
  logger.info(result, 'demo loaded')
}
