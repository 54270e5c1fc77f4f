/**
 * The one database interface of Planraum. Two drivers implement it: embedded PGlite (default) and a
 * PostgreSQL server (`DATABASE_URL`). Both speak the same SQL, so modules never branch on the driver.
 */
export type Row = Record<string, unknown>

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Runs a script of statements without parameters (migrations). */
  exec(sql: string): Promise<void>
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /** A human-readable location: the data directory or the server without password. */
  readonly location: string
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** A startup problem with a message a person can act on (printed as one line by the CLI). */
export class DatabaseStartupError extends Error {
  override name = 'DatabaseStartupError'
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
