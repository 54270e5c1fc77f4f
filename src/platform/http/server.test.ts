import { describe, expect, it } from 'vitest'

import { notModified } from './server.js'

describe('notModified', () => {
  it('compares entity tags weakly, as RFC 9110 asks for GET', () => {
    expect(notModified('W/"abc"', 'W/"abc"')).toBe(true)
    expect(notModified('"abc"', 'W/"abc"')).toBe(true)
    expect(notModified('"x", W/"abc"', 'W/"abc"')).toBe(true)
    expect(notModified('*', 'W/"abc"')).toBe(true)
    expect(notModified('W/"abd"', 'W/"abc"')).toBe(false)
    expect(notModified('', 'W/"abc"')).toBe(false)
    expect(notModified(undefined, 'W/"abc"')).toBe(false)
  })
})
