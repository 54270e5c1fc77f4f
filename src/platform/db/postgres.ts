import pg from 'pg'

import { DatabaseStartupError, type Database, type Queryable, type Row } from './database.js'

pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))

/** The server address without the password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.password = ''
    return parsed.toString()
  } catch {
    return 'postgres://…'
  }
}

/** Connects to a PostgreSQL server and checks that it can be used (version ≥ 15, PostGIS). */
export async function openPostgres(url: string): Promise<Database> {
  const where = redactUrl(url)
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 })
  pool.on('error', () => {
    // An idle client lost its connection; the next query gets a fresh one.
  })
  try {
    const [row] = (
      await pool.query<{ version: number; postgis: boolean }>(
        `select current_setting('server_version_num')::int as version,
                exists(select 1 from pg_available_extensions where name = 'postgis') as postgis`,
      )
    ).rows
    if (!row || row.version < 150000) {
      throw new DatabaseStartupError(
        `The PostgreSQL server at ${where} is version ${row ? Math.floor(row.version / 10000) : '?'}; Planraum needs PostgreSQL 15 or newer.`,
        'POSTGRES_TOO_OLD',
      )
    }
    if (!row.postgis) {
      throw new DatabaseStartupError(
        `PostGIS is not installed on the PostgreSQL server at ${where}: install it (Debian: apt-get install postgresql-${Math.floor(row.version / 10000)}-postgis-3) and start again.`,
        'POSTGIS_MISSING',
      )
    }
  } catch (error) {
    await pool.end().catch(() => undefined)
    if (error instanceof DatabaseStartupError) throw error
    throw new DatabaseStartupError(
      `The PostgreSQL server at ${where} is unreachable (${(error as Error).message}): check DATABASE_URL and that the server runs, or unset DATABASE_URL to use the embedded database.`,
      'DATABASE_UNREACHABLE',
      { cause: error },
    )
  }
  const query = async <T = Row>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params?: readonly unknown[],
  ) => (await client.query(sql, params as unknown[] | undefined)).rows as T[]

  return {
    kind: 'postgres',
    location: where,
    query: (sql, params) => query(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql)
    },
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const tx: Queryable = {
          query: (sql, params) => query(client, sql, params),
          exec: async (sql) => {
            await client.query(sql)
          },
        }
        const result = await fn(tx)
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
