/**
 * Coded errors of the HTTP API. The codes are stable (clients may branch on them); the message says
 * what was expected and what came instead. Documented in docs/api-errors.md.
 */
export const ERROR_CODES = {
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }

  get statusCode(): number {
    return ERROR_CODES[this.code]
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} does not exist.`)
