/**
 * Coded errors of the HTTP API. The codes are stable (clients may branch on them); the message says
 * what was expected and what came instead. Documented in docs/api-errors.md.
 */
export const ERROR_CODES = {
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  /** No (valid) session cookie or API token, but the operation needs one. */
  UNAUTHENTICATED: 401,
  /** Signed in, but the role, token scope, organisation or area scope does not allow it. */
  FORBIDDEN: 403,
  /** A cookie-authenticated write without a matching X-CSRF-Token header, or from another site. */
  CSRF_FAILED: 403,
  /** Sign-in with a wrong email address or password (deliberately not saying which). */
  LOGIN_FAILED: 401,
  /** Too many failed sign-ins: the account is locked for a while. */
  ACCOUNT_LOCKED: 423,
  /** Too many requests of one kind from one client; retry after the Retry-After header. */
  RATE_LIMITED: 429,
  /** A password-reset link that is unknown, already used or expired. */
  RESET_LINK_INVALID: 400,
  /** The change conflicts with the current state (e.g. an email address already in use). */
  CONFLICT: 409,
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
    /** Extra response headers, e.g. Retry-After for RATE_LIMITED. */
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }

  get statusCode(): number {
    return ERROR_CODES[this.code]
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} does not exist.`)

/** 401: the operation needs a session or an API token. */
export const unauthenticated = (
  message = 'Sign in (session cookie) or send an API token (Authorization: Bearer …).',
) => new ApiError('UNAUTHENTICATED', message)

/** 403: signed in, but not allowed; the message says what would be needed. */
export const forbidden = (message: string) => new ApiError('FORBIDDEN', message)
