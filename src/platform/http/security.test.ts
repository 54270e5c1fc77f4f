import { describe, expect, it } from 'vitest'

import { contentSecurityPolicy } from './security.js'

/** The policy as directive → sources. */
const directives = (policy: string) =>
  Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ')
      return [name!, sources]
    }),
  )

describe('contentSecurityPolicy', () => {
  it('names no other host without a basemap', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    )
    expect(contentSecurityPolicy({ mapOrigins: [] })).toBe(contentSecurityPolicy())
  })

  it("adds the basemap's origins to connect-src and img-src only", () => {
    const origins = ['https://maps.example.org', 'https://*.tile.example.org']
    const withMap = directives(contentSecurityPolicy({ mapOrigins: origins }))
    const without = directives(contentSecurityPolicy())
    expect(withMap['connect-src']).toEqual(["'self'", ...origins])
    expect(withMap['img-src']).toEqual(["'self'", 'data:', 'blob:', ...origins])
    for (const name of Object.keys(without)) {
      if (name !== 'connect-src' && name !== 'img-src') expect(withMap[name]).toEqual(without[name])
    }
    expect(Object.keys(withMap)).toEqual(Object.keys(without))
  })

  it('keeps the embed policy and the style hashes apart from the basemap', () => {
    const policy = directives(
      contentSecurityPolicy({
        frameAncestors: '*',
        styleHashes: ['sha256-abc='],
        mapOrigins: ['http://127.0.0.1:8080'],
      }),
    )
    expect(policy['frame-ancestors']).toEqual(['*'])
    expect(policy['style-src']).toEqual(["'self'", "'sha256-abc='"])
    expect(policy['connect-src']).toEqual(["'self'", 'http://127.0.0.1:8080'])
  })

  it('refuses an origin that could end the directive', () => {
    expect(() =>
      contentSecurityPolicy({ mapOrigins: ["https://a.example; script-src 'unsafe-inline'"] }),
    ).toThrow(
      'A basemap origin for the CSP must look like https://host[:port], got "https://a.example;',
    )
  })
})
