import { describe, expect, it } from 'vitest'

import { currentPath, safeNextPath } from './next.js'

const FALLBACK = '/?org=musterstadt'

describe('safeNextPath', () => {
  it.each([
    ['/', '/'],
    ['/atlas?org=musterstadt', '/atlas?org=musterstadt'],
    ['/steckbrief?org=musterstadt&area=01#karte', '/steckbrief?org=musterstadt&area=01#karte'],
    // Dot segments are resolved but stay on the site.
    ['/atlas/../steckbrief?area=1', '/steckbrief?area=1'],
    // Encoded slashes are a path on this site, not a host.
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('follows the path %s', (next, expected) => {
    expect(safeNextPath(next, FALLBACK)).toBe(expected)
  })

  it.each([
    ['nothing', null],
    ['an empty value', ''],
    ['an absolute URL', 'https://evil.example/anmelden'],
    ['a scheme-relative URL', '//evil.example/anmelden'],
    ['a backslash the browser reads as a slash', '/\\evil.example'],
    ['backslashes only', '\\\\evil.example'],
    ['a tab the browser drops', '/\t/evil.example'],
    ['a newline the browser drops', '/\n/evil.example'],
    ['a leading space', ' /atlas'],
    ['a NUL character', '/atlas\u0000'],
    ['a DEL character', '/\u007f/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'atlas'],
    ['the sign-in page itself', '/anmelden?next=/atlas'],
    ['the sign-in page with a trailing slash', '/anmelden/'],
    ['the API', '/api/auth/logout'],
    ['a very long value', `/${'a'.repeat(2001)}`],
  ])('refuses %s', (_what, next) => {
    expect(safeNextPath(next, FALLBACK)).toBe(FALLBACK)
  })
})

describe('currentPath', () => {
  it('joins path, query and fragment', () => {
    expect(currentPath({ pathname: '/atlas', search: '?org=x&layer=block', hash: '#map' })).toBe(
      '/atlas?org=x&layer=block#map',
    )
  })
})
