import { describe, expect, it } from 'vitest'

import { checkSignIn, describeSignInFailure } from './form.js'
import { AuthError } from './session.js'

describe('checkSignIn', () => {
  it('accepts an address and a password', () => {
    expect(checkSignIn({ email: ' planerin@musterstadt.test ', password: 'x' })).toEqual([])
  })

  it('names each missing or malformed field, in the order of the form', () => {
    expect(checkSignIn({ email: '', password: '' })).toEqual([
      { field: 'email', key: 'account.error.emailMissing' },
      { field: 'password', key: 'account.error.passwordMissing' },
    ])
    expect(checkSignIn({ email: 'planerin', password: 'x' })).toEqual([
      { field: 'email', key: 'account.error.emailInvalid' },
    ])
    expect(checkSignIn({ email: 'a b@c.de', password: 'x' })).toEqual([
      { field: 'email', key: 'account.error.emailInvalid' },
    ])
  })

  it('does not trim the password (spaces may belong to it)', () => {
    expect(checkSignIn({ email: 'a@b.de', password: '   ' })).toEqual([])
  })
})

describe('describeSignInFailure', () => {
  it('says the same for every refused sign-in, naming the organisation', () => {
    expect(
      describeSignInFailure(new AuthError('LOGIN_FAILED', 'server text', 401), 'Musterstadt'),
    ).toEqual({ key: 'account.error.loginFailed', params: { org: 'Musterstadt' } })
  })

  it('turns Retry-After into whole minutes, rounded up', () => {
    expect(describeSignInFailure(new AuthError('ACCOUNT_LOCKED', '', 423, 61), 'M')).toEqual({
      key: 'account.error.locked',
      params: { minutes: 2 },
    })
    expect(describeSignInFailure(new AuthError('RATE_LIMITED', '', 429, 900), 'M')).toEqual({
      key: 'account.error.rateLimited',
      params: { minutes: 15 },
    })
  })

  it('says when the server is unreachable, and passes other server messages on', () => {
    expect(describeSignInFailure(new AuthError('NETWORK', 'x'), 'M')).toEqual({
      key: 'account.error.network',
    })
    expect(
      describeSignInFailure(new AuthError('CSRF_FAILED', 'Writes must come from …', 403), 'M'),
    ).toEqual({ key: 'account.error.other', params: { message: 'Writes must come from …' } })
  })
})
