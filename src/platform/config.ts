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
  /** The operator's basemap; null (the default): none, the atlas fetches nothing from elsewhere. */
  basemap: BasemapConfig | null
}

/** A basemap under the atlas: PLANRAUM_BASEMAP_STYLE_URL and PLANRAUM_BASEMAP_HOSTS. */
export interface BasemapConfig {
  /** The MapLibre style: an absolute https URL (http on localhost) or a path on this server. */
  styleUrl: string
  /**
   * The other origins the browser may fetch the basemap from (the style's own, when absolute, and
   * the extra hosts of its tiles, glyphs and sprites), for the Content-Security-Policy.
   */
  origins: string[]
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
  PLANRAUM_BASEMAP_STYLE_URL:
    'MapLibre style of a basemap under the atlas: an https URL or a path on this server (default none: offline)',
  PLANRAUM_BASEMAP_HOSTS:
    "further origins of the basemap's tiles, glyphs and sprites (comma-separated, e.g. https://tiles.example.org)",
} as const

/** The config values a CLI flag may override. */
export type ConfigOverrides = Partial<
  Record<'databaseUrl' | 'dataDir' | 'host' | 'port' | 'basemapStyleUrl', string>
>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads the configuration from environment variables, with overrides (from CLI flags) on top.
 *
 * @example loadConfig(process.env, { port: '8080' }).port // 8080
 */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): Config {
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
    basemap: parseBasemap(
      overrides.basemapStyleUrl ?? (env.PLANRAUM_BASEMAP_STYLE_URL || undefined),
      env.PLANRAUM_BASEMAP_HOSTS,
    ),
  }
}

/** Plain http only where nobody else can read or change it: this machine. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
/**
 * DNS names (a leading `*.` is allowed for the extra hosts: tile servers spread over subdomains).
 * Anything else, even what the URL parser lets through (`;`, `'`), could break out of the CSP.
 */
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/

/** A URL's origin when its scheme and host are fit for the CSP, else null. */
function safeOrigin(url: URL, wildcard: boolean): string | null {
  const host = wildcard ? url.hostname.replace(/^\*\./, '') : url.hostname
  const schemeOk =
    url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))
  // `*.org` would open a whole top-level domain: a wildcard needs a domain below it.
  const hostOk =
    (HOST_NAME.test(host) && (host === url.hostname || host.includes('.'))) ||
    url.hostname === '[::1]'
  if (!schemeOk || !hostOk || url.username !== '' || url.password !== '') return null
  return url.origin
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** A path that stays on this server (`//host` and `/\\host` would leave it). */
function isSameOriginPath(text: string): boolean {
  const base = 'http://same-origin.invalid'
  try {
    return text.startsWith('/') && new URL(text, base).origin === base
  } catch {
    return false
  }
}

const shown = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text)

/**
 * The basemap from PLANRAUM_BASEMAP_STYLE_URL (or --basemap-style-url) and PLANRAUM_BASEMAP_HOSTS;
 * null when no style URL is set. Throws ConfigError naming the variable, what it expects and what
 * came.
 *
 * @example parseBasemap('https://maps.example.org/style.json', 'https://tiles.example.org')
 * // { styleUrl: 'https://maps.example.org/style.json',
 * //   origins: ['https://maps.example.org', 'https://tiles.example.org'] }
 */
export function parseBasemap(
  styleUrl: string | undefined,
  hostsText: string | undefined,
): BasemapConfig | null {
  const hosts = (hostsText ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (styleUrl === undefined || styleUrl.trim() === '') {
    if (hosts.length > 0) {
      throw new ConfigError(
        'PLANRAUM_BASEMAP_HOSTS names basemap origins, but PLANRAUM_BASEMAP_STYLE_URL is not set: set the style URL too, or remove PLANRAUM_BASEMAP_HOSTS.',
      )
    }
    return null
  }
  const text = styleUrl.trim()
  const origins: string[] = []
  if (!isSameOriginPath(text)) {
    const url = parseUrl(text)
    const origin = url && safeOrigin(url, false)
    if (!origin) {
      throw new ConfigError(
        `PLANRAUM_BASEMAP_STYLE_URL (--basemap-style-url) must be an https:// URL (http:// only for localhost or 127.0.0.1) or a path on this server starting with "/", got "${shown(text)}".`,
      )
    }
    origins.push(origin)
  }
  for (const entry of hosts) {
    const url = parseUrl(entry)
    const origin = url && url.pathname === '/' && !url.search && !url.hash && safeOrigin(url, true)
    if (!origin) {
      throw new ConfigError(
        `PLANRAUM_BASEMAP_HOSTS must be comma-separated origins such as https://tiles.example.org (https://, no path; http:// only for localhost or 127.0.0.1), got "${shown(entry)}".`,
      )
    }
    if (!origins.includes(origin)) origins.push(origin)
  }
  return { styleUrl: text, origins }
}
