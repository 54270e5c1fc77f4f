import path from 'node:path'

import { projectRoot } from './paths.js'

/** Runtime configuration, read once from the environment and command-line flags. */
export interface Config {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined
  /** Directory of the embedded database (ignored when `databaseUrl` is set). */
  dataDir: string
  host: string
  port: number
  logLevel: string
  /** Load the Musterstadt demo on the first start of an empty database. */
  autoDemo: boolean
  /** Directory of the built web app (`vite build`). */
  webDir: string
  /** Trust X-Forwarded-* headers of a reverse proxy (TLS, Secure cookies): TRUST_PROXY. */
  trustProxy: boolean | string
}

/** Environment variables Planraum reads; documented in the README. */
export const ENV_VARS = {
  DATABASE_URL: 'PostgreSQL connection string, e.g. postgres://user@host:5432/planraum',
  PLANRAUM_DATA_DIR: 'directory of the embedded database (default ./data)',
  HOST: 'interface to listen on (default 127.0.0.1)',
  PORT: 'HTTP port (default 3000)',
  LOG_LEVEL: 'pino log level: fatal, error, warn, info, debug, trace (default info)',
  PLANRAUM_DEMO: 'set to "off" to start with an empty database instead of Musterstadt',
  TRUST_PROXY:
    'behind a TLS reverse proxy: "true", or the proxy addresses (comma-separated), so cookies are Secure',
} as const

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads the configuration from environment variables, with overrides (from CLI flags) on top.
 *
 * @example loadConfig(process.env, { port: '8080' }).port // 8080
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  overrides: Partial<Record<'databaseUrl' | 'dataDir' | 'host' | 'port', string>> = {},
): Config {
  const portText = overrides.port ?? env.PORT ?? '3000'
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${portText}".`)
  }
  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined)
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl.slice(0, 40)}".`,
    )
  }
  return {
    databaseUrl,
    dataDir: path.resolve(overrides.dataDir ?? env.PLANRAUM_DATA_DIR ?? 'data'),
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    autoDemo: (env.PLANRAUM_DEMO ?? 'on') !== 'off',
    webDir: path.join(projectRoot(), 'dist', 'web'),
    trustProxy:
      env.TRUST_PROXY === undefined || env.TRUST_PROXY === '' || env.TRUST_PROXY === 'false'
        ? false
        : env.TRUST_PROXY === 'true'
          ? true
          : env.TRUST_PROXY,
  }
}
