/**
 * The sign-in form's rules, pure so they are tested without a browser: field checks before asking
 * the server, and what to say when the server refuses.
 */
import type { MessageKey, MessageParams } from '../i18n/index.js'
import { AuthError } from './session.js'

export type SignInField = 'email' | 'password'

/** A message for the user, optionally tied to a field (the error summary links to it). */
export interface FormProblem {
  field?: SignInField
  key: MessageKey
  params?: MessageParams
}

// The server's own rule (modules/accounts: body.email), so the form never sends what it refuses.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * The problems of the entered values, in the order of the fields; empty when they may be sent.
 *
 * @example checkSignIn({ email: 'a@b.de', password: '' }) // [{ field: 'password', key: 'account.error.passwordMissing' }]
 */
export function checkSignIn(values: { email: string; password: string }): FormProblem[] {
  const problems: FormProblem[] = []
  const email = values.email.trim()
  if (email === '') problems.push({ field: 'email', key: 'account.error.emailMissing' })
  else if (email.length > 254 || !EMAIL.test(email)) {
    problems.push({ field: 'email', key: 'account.error.emailInvalid' })
  }
  if (values.password === '') {
    problems.push({ field: 'password', key: 'account.error.passwordMissing' })
  }
  return problems
}

const minutes = (seconds: number | undefined) => Math.max(1, Math.ceil((seconds ?? 60) / 60))

/**
 * What to tell the user when the sign-in failed. Unknown address, wrong password and missing
 * membership give one message, as the server does (no hint which accounts exist).
 */
export function describeSignInFailure(error: unknown, organisationName: string): FormProblem {
  if (!(error instanceof AuthError)) {
    return {
      key: 'account.error.other',
      params: { message: error instanceof Error ? error.message : String(error) },
    }
  }
  switch (error.code) {
    case 'NETWORK':
      return { key: 'account.error.network' }
    case 'LOGIN_FAILED':
      return { key: 'account.error.loginFailed', params: { org: organisationName } }
    case 'ACCOUNT_LOCKED':
      return { key: 'account.error.locked', params: { minutes: minutes(error.retryAfterSeconds) } }
    case 'RATE_LIMITED':
      return {
        key: 'account.error.rateLimited',
        params: { minutes: minutes(error.retryAfterSeconds) },
      }
    default:
      return { key: 'account.error.other', params: { message: error.message } }
  }
}
