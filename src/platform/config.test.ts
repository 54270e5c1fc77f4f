import { describe, expect, it } from 'vitest'

import { ConfigError, loadConfig, parseBasemap } from './config.js'

describe('loadConfig: basemap', () => {
  it('has no basemap by default: the atlas stays offline', () => {
    expect(loadConfig({}).basemap).toBeNull()
    expect(loadConfig({ PLANRAUM_BASEMAP_STYLE_URL: '', PLANRAUM_BASEMAP_HOSTS: '' }).basemap).toBe(
      null,
    )
  })

  it('reads the style URL and the extra hosts from the environment', () => {
    const config = loadConfig({
      PLANRAUM_BASEMAP_STYLE_URL:
        'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json',
      PLANRAUM_BASEMAP_HOSTS: ' https://sgx.geodatenzentrum.de , https://tiles.example.org/ ,',
    })
    expect(config.basemap).toEqual({
      styleUrl: 'https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json',
      // The style's own origin first; duplicates and a trailing slash or comma collapse.
      origins: ['https://sgx.geodatenzentrum.de', 'https://tiles.example.org'],
    })
  })

  it('lets the --basemap-style-url flag override the environment', () => {
    const config = loadConfig(
      { PLANRAUM_BASEMAP_STYLE_URL: 'https://a.example.org/style.json' },
      { basemapStyleUrl: '/basemap/style.json' },
    )
    expect(config.basemap).toEqual({ styleUrl: '/basemap/style.json', origins: [] })
  })
})

describe('parseBasemap', () => {
  it('accepts a path on this server without widening anything', () => {
    expect(parseBasemap('/basemap/style.json?v=2', undefined)).toEqual({
      styleUrl: '/basemap/style.json?v=2',
      origins: [],
    })
    expect(parseBasemap('/style.json', 'https://tiles.example.org')?.origins).toEqual([
      'https://tiles.example.org',
    ])
  })

  it('allows plain http only on this machine', () => {
    expect(parseBasemap('http://127.0.0.1:8080/style.json', undefined)?.origins).toEqual([
      'http://127.0.0.1:8080',
    ])
    expect(parseBasemap('http://localhost:9000/s.json', 'http://localhost:9001')?.origins).toEqual([
      'http://localhost:9000',
      'http://localhost:9001',
    ])
    expect(() => parseBasemap('http://tiles.example.org/style.json', undefined)).toThrow(
      ConfigError,
    )
  })

  it('normalises host names as browsers do (lower case, punycode, default port)', () => {
    expect(parseBasemap('https://Maps.Example.ORG:443/style.json', 'https://münchen.de')).toEqual({
      styleUrl: 'https://Maps.Example.ORG:443/style.json',
      origins: ['https://maps.example.org', 'https://xn--mnchen-3ya.de'],
    })
  })

  it('accepts a wildcard subdomain for the extra hosts, not for a whole top-level domain', () => {
    expect(parseBasemap('/s.json', 'https://*.tile.example.org')?.origins).toEqual([
      'https://*.tile.example.org',
    ])
    expect(() => parseBasemap('/s.json', 'https://*.org')).toThrow(/PLANRAUM_BASEMAP_HOSTS/)
    expect(() => parseBasemap('https://*.example.org/s.json', undefined)).toThrow(
      /PLANRAUM_BASEMAP_STYLE_URL/,
    )
  })

  it.each([
    ['ftp://maps.example.org/style.json'],
    ['maps.example.org/style.json'],
    ['style.json'],
    ['//evil.example/style.json'],
    ['/\\evil.example/style.json'],
    ['https://user:secret@maps.example.org/style.json'],
    ["https://a';script-src.example/style.json"],
    ['javascript:alert(1)'],
  ])(
    'rejects the style URL %j with one line naming the variable, the rule and the value',
    (url) => {
      let error: unknown
      try {
        parseBasemap(url, undefined)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ConfigError)
      const message = (error as Error).message
      expect(message).not.toContain('\n')
      expect(message).toContain(
        'PLANRAUM_BASEMAP_STYLE_URL (--basemap-style-url) must be an https:// URL',
      )
      expect(message).toContain(`got "${url}"`)
    },
  )

  it.each([
    ['https://tiles.example.org/tiles'],
    ['https://tiles.example.org?key=1'],
    ['tiles.example.org'],
    ['http://tiles.example.org'],
    ['https://tiles.example.org;script-src'],
    ["'unsafe-inline'"],
    ['*'],
  ])('rejects the extra host %j, naming the variable and the value', (host) => {
    expect(() => parseBasemap('/style.json', `https://ok.example.org,${host}`)).toThrow(
      `PLANRAUM_BASEMAP_HOSTS must be comma-separated origins such as https://tiles.example.org (https://, no path; http:// only for localhost or 127.0.0.1), got "${host}".`,
    )
  })

  it('refuses extra hosts without a style URL (they would widen the CSP for nothing)', () => {
    expect(() => parseBasemap(undefined, 'https://tiles.example.org')).toThrow(
      'PLANRAUM_BASEMAP_HOSTS names basemap origins, but PLANRAUM_BASEMAP_STYLE_URL is not set',
    )
  })

  it('shortens a long value in the message', () => {
    const long = `ftp://${'x'.repeat(200)}`
    expect(() => parseBasemap(long, undefined)).toThrow(`got "${long.slice(0, 80)}…".`)
  })
})
