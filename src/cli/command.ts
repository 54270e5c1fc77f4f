import type { ParseArgsConfig } from 'node:util'

/** One `planraum <name>` subcommand. Register it in cli/main.ts. */
export interface Command {
  name: string
  summary: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>
}

/** Options every command that touches the database accepts. */
export const DATABASE_OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const satisfies Command['options']

export const DATABASE_USAGE = `  --data-dir <dir>        embedded database directory (default ./data, env PLANRAUM_DATA_DIR)
  --database-url <url>    use a PostgreSQL server instead (env DATABASE_URL)`

/** Turns CLI flags into config overrides. */
export function configOverrides(values: Record<string, string | boolean | undefined>) {
  const pick = (key: string) =>
    typeof values[key] === 'string' ? (values[key] as string) : undefined
  const overrides: Partial<Record<'databaseUrl' | 'dataDir' | 'host' | 'port', string>> = {}
  const dataDir = pick('data-dir')
  const databaseUrl = pick('database-url')
  const host = pick('host')
  const port = pick('port')
  if (dataDir !== undefined) overrides.dataDir = dataDir
  if (databaseUrl !== undefined) overrides.databaseUrl = databaseUrl
  if (host !== undefined) overrides.host = host
  if (port !== undefined) overrides.port = port
  return overrides
}
