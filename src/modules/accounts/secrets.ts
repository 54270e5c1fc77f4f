/**
 * Secrets handed to clients (session cookies, API tokens, reset links) are 256-bit random values;
 * the database stores only their SHA-256, so a copy of the database lets nobody sign in. (A fast
 * hash is enough for random 256-bit values; slow hashing is for passwords.)
 */
import { createHash, randomBytes } from 'node:crypto'

/** A random 256-bit value, base64url (43 characters). */
export const newSecret = (): string => randomBytes(32).toString('base64url')

/** The stored form of a secret: its SHA-256 in hex. */
export const secretHash = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex')

/** API tokens start with this, so secret scanners and people recognise them. */
export const API_TOKEN_PREFIX = 'prt_'
