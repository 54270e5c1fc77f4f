/**
 * Password hashing with argon2id (@node-rs/argon2, a prebuilt native module) and the password
 * rules. Parameters follow the OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
 * PLANRAUM_ARGON2_PROFILE=test selects a cheap setting for tests; never set it in production
 * (`ensureFirstAdmin`, run by `serve` on start, logs a warning when it is set).
 */
import { randomInt } from 'node:crypto'

import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2'

import { ApiError } from '../../platform/http/errors.js'

const ARGON2ID = 2 as Algorithm

const PROFILES = {
  // OWASP: argon2id, 19 MiB, 2 iterations, 1 degree of parallelism (~100 ms on one core)
  owasp: { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  test: { algorithm: ARGON2ID, memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const satisfies Record<string, Options>

/** The active hashing profile: `owasp`, or `test` when PLANRAUM_ARGON2_PROFILE=test. */
export const argon2Profile = (): keyof typeof PROFILES =>
  process.env.PLANRAUM_ARGON2_PROFILE === 'test' ? 'test' : 'owasp'

/** Shortest and longest accepted password (long ones only cost hashing time). */
export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 1024

/**
 * The argon2id hash (PHC string) of a password.
 *
 * @example await hashPassword('correct horse battery') // '$argon2id$v=19$m=19456,t=2,p=1$…'
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PROFILES[argon2Profile()])
}

/** True when the password matches the hash; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** True when a stored hash uses other parameters than the active profile (rehash on sign-in). */
export function needsRehash(passwordHash: string): boolean {
  const p = PROFILES[argon2Profile()]
  return !passwordHash.startsWith(
    `$argon2id$v=19$m=${p.memoryCost},t=${p.timeCost},p=${p.parallelism}$`,
  )
}

// A valid hash of a random password: sign-in for an unknown email verifies against it, so the
// answer takes as long as for a known one (no account enumeration by timing).
let dummy: Promise<string> | undefined
/** Spends the time of one verification, for accounts that do not exist. */
export async function verifyNothing(password: string): Promise<void> {
  dummy ??= hashPassword(generatePassword())
  await verifyPassword(await dummy, password)
}

/**
 * Checks the password rules; throws VALIDATION_FAILED saying which one failed.
 * Length over composition rules (NIST SP 800-63B): 12 to 1024 characters, not only blanks, not
 * the email address.
 */
export function checkPasswordRules(password: string, email?: string): void {
  const fail = (message: string) => {
    throw new ApiError('VALIDATION_FAILED', `password: ${message}`, [
      { path: 'body.password', message },
    ])
  }
  const length = [...password].length
  if (length < PASSWORD_MIN) fail(`expected at least ${PASSWORD_MIN} characters; got ${length}`)
  if (length > PASSWORD_MAX) fail(`expected at most ${PASSWORD_MAX} characters; got ${length}`)
  if (password.trim() === '') fail('expected more than blanks')
  if (email !== undefined && password.trim().toLowerCase() === email.toLowerCase()) {
    fail('must not be the email address')
  }
}

// No look-alikes (0/O, 1/l/I), so a printed password can be typed.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/**
 * A random password of 20 characters (~115 bits), for new accounts and the first admin.
 *
 * @example generatePassword() // 'q7RkVb3mZt9xWc2hJp4n'
 */
export function generatePassword(length = 20): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)]
  return out
}
