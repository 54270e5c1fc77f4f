import { constants, mkdirSync, accessSync } from 'node:fs'

import { PGlite, types } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'

import { DatabaseStartupError, type Database, type Queryable, type Row } from './database.js'

// int8 and numeric as JavaScript numbers, as in the PostgreSQL driver (see postgres.ts); counts and
// ids in Planraum stay far below 2^53.
const parsers = {
  [types.INT8]: (value: string) => Number(value),
  [types.NUMERIC]: (value: string) => Number(value),
}

/** The embedded database, which can also write its whole data directory as one tar archive. */
export interface PgliteDatabase extends Database {
  /** The data directory as an uncompressed tar archive (for `openPglite`'s `loadDataDir`). */
  dumpDataDir(): Promise<Blob>
}

/**
 * Opens (or creates) the embedded PostgreSQL database with PostGIS in `dataDir`;
 * `undefined` gives an in-memory database (tests). `loadDataDir` starts a new database from an
 * archive written by `dumpDataDir` instead of creating an empty cluster (the test suite's
 * templates: seconds instead of a fresh cluster, migrations and the demo city).
 */
export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<PgliteDatabase> {
  if (dataDir !== undefined) {
    try {
      mkdirSync(dataDir, { recursive: true })
      accessSync(dataDir, constants.W_OK)
    } catch (error) {
      throw new DatabaseStartupError(
        `The data directory ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'}): choose another with --data-dir or PLANRAUM_DATA_DIR, or fix its permissions.`,
        'DATA_DIR_NOT_WRITABLE',
        { cause: error },
      )
    }
  }
  let pg: PGlite
  try {
    pg = await PGlite.create(dataDir === undefined ? undefined : `file://${dataDir}`, {
      extensions: { postgis },
      parsers,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    })
  } catch (error) {
    throw new DatabaseStartupError(
      `The embedded database in ${dataDir ?? 'memory'} could not be opened (${(error as Error).message}): is another Planraum process using it? Stop it, or restore the directory from a backup.`,
      'EMBEDDED_DB_OPEN_FAILED',
      { cause: error },
    )
  }
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T = Row>(sql: string, params?: readonly unknown[]) {
      const result = await q.query<T>(sql, params as unknown[] | undefined)
      return result.rows
    },
    async exec(sql: string) {
      await q.exec(sql)
    },
  })
  const base = wrap(pg)
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
    dumpDataDir: () => pg.dumpDataDir('none'),
  }
}
