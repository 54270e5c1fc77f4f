import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  checkPasswordRules,
  generatePassword,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './password.js'

describe('passwords', () => {
  const previous = process.env.PLANRAUM_ARGON2_PROFILE
  beforeAll(() => {
    delete process.env.PLANRAUM_ARGON2_PROFILE
  })
  afterAll(() => {
    if (previous === undefined) delete process.env.PLANRAUM_ARGON2_PROFILE
    else process.env.PLANRAUM_ARGON2_PROFILE = previous
  })

  it('hash with argon2id at the OWASP parameters (19 MiB, t=2, p=1) and verify', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true)
    expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false)
    expect(await verifyPassword('not a hash', 'x')).toBe(false)
    expect(needsRehash(hash)).toBe(false)
  })

  it('use a cheap profile only when PLANRAUM_ARGON2_PROFILE=test, and flag its hashes for rehash', async () => {
    process.env.PLANRAUM_ARGON2_PROFILE = 'test'
    const cheap = await hashPassword('correct horse battery staple')
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/)
    delete process.env.PLANRAUM_ARGON2_PROFILE
    expect(needsRehash(cheap)).toBe(true)
    expect(await verifyPassword(cheap, 'correct horse battery staple')).toBe(true)
  })

  it('check length rules and say which one failed', () => {
    expect(() => checkPasswordRules('short')).toThrow(/at least 12 characters; got 5/)
    expect(() => checkPasswordRules(' '.repeat(20))).toThrow(/more than blanks/)
    expect(() => checkPasswordRules('x'.repeat(1025))).toThrow(/at most 1024/)
    expect(() => checkPasswordRules('Anna@Example.org', 'anna@example.org')).toThrow(/email/)
    expect(() => checkPasswordRules('ein langer Satz als Passwort')).not.toThrow()
  })

  it('generate 20-character passwords without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => generatePassword()))
    expect(passwords.size).toBe(200)
    for (const p of passwords) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/)
  })
})
