/**
 * Hardening limits of the file readers, so that a hostile or broken upload cannot exhaust memory or
 * time: the size of a file, the rows and columns of a table and the length of one cell. Each reader
 * fails with a {@link FileReadError} that says which limit was hit, where, and what to do.
 */

export interface ReadLimits {
  /** Bytes of the file as uploaded (default 64 MiB). */
  maxBytes: number
  /** Data rows of a table (default 1,000,000; title, header and footer lines come on top). */
  maxRows: number
  /** Columns of a row (default 10,000). */
  maxColumns: number
  /** Characters of one cell (default 32,768). */
  maxCellLength: number
  /** Bytes an XLSX part may inflate to (default 1 GiB; zip bombs stop here). */
  maxInflatedBytes: number
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxRows: 1_000_000,
  maxColumns: 10_000,
  maxCellLength: 32_768,
  maxInflatedBytes: 1024 * 1024 * 1024,
}

/** Rows a reader may see beyond `maxRows`: title, header and footer lines of a table. */
export const NON_DATA_ROW_ALLOWANCE = 1_000

export type FileReadErrorCode =
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'CELL_TOO_LONG'
  | 'INVALID_FILE'
  | 'SHEET_NOT_FOUND'

/** A file that cannot be read: too large, malformed or not what it claims to be. */
export class FileReadError extends Error {
  override name = 'FileReadError'
  constructor(
    readonly code: FileReadErrorCode,
    message: string,
    readonly where: { row?: number; column?: number } = {},
  ) {
    super(message)
  }
}

/** The limits with the caller's overrides. */
export function resolveLimits(overrides: Partial<ReadLimits> = {}): ReadLimits {
  return { ...DEFAULT_LIMITS, ...overrides }
}

/** `1234567` → `1,234,567` for messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB')
}

/** `67108864` → `64 MiB` for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`
  return `${n} bytes`
}
