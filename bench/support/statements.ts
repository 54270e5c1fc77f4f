/**
 * Wraps a Database so that every statement is timed by kind (the start of its SQL): shows where an
 * import spends its time on the server.
 */
import type { Database, Queryable } from '../../src/platform/db/index.js'
import { count, ms } from './measure.js'

/** Times the importer's statements by kind (the start of their SQL), to see where the time goes. */
export class StatementLog {
  private readonly times = new Map<string, { calls: number; ms: number }>()

  wrap(db: Database): Database {
    return {
      ...db,
      ...this.queryable(db),
      transaction: (fn) => db.transaction((tx) => fn(this.queryable(tx))),
    }
  }

  report(runs: number): string {
    return [...this.times.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 6)
      .map(
        ([sql, t]) =>
          `    ${ms(t.ms / runs).padStart(10)} per run in ${count(t.calls / runs)} × ${sql}`,
      )
      .join('\n')
  }

  private queryable(q: Queryable): Queryable {
    const time = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      const started = performance.now()
      try {
        return await run()
      } finally {
        const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70)
        const entry = this.times.get(key) ?? { calls: 0, ms: 0 }
        entry.calls++
        entry.ms += performance.now() - started
        this.times.set(key, entry)
      }
    }
    return {
      query: (sql, params) => time(sql, () => q.query(sql, params)),
      exec: (sql) => time(sql, () => q.exec(sql)),
    }
  }
}
