import { describe, expect, it } from 'vitest'

import { downloadFileName, downloadHref, type DownloadSelection } from './downloads.js'

const selection: DownloadSelection = {
  org: 'musterstadt',
  indicator: 'child_poverty',
  layer: 'block',
  period: 2024,
  language: 'de',
}

describe('downloads', () => {
  it('links to the values API with format and locale', () => {
    expect(downloadHref(selection, 'csv')).toBe(
      '/api/orgs/musterstadt/values?indicator=child_poverty&layer=block&period=2024&format=csv&locale=de',
    )
    expect(downloadHref({ ...selection, language: 'en' }, 'xlsx')).toBe(
      '/api/orgs/musterstadt/values?indicator=child_poverty&layer=block&period=2024&format=xlsx&locale=en',
    )
  })

  it('escapes what does not belong in a path or query', () => {
    expect(downloadHref({ ...selection, org: 'a/b', layer: 'x&y' }, 'geojson')).toBe(
      '/api/orgs/a%2Fb/values?indicator=child_poverty&layer=x%26y&period=2024&format=geojson&locale=de',
    )
  })

  it('suggests a file name per format', () => {
    expect(downloadFileName(selection, 'xlsx')).toBe('musterstadt-child_poverty-block-2024.xlsx')
    expect(downloadFileName({ ...selection, org: 'a b' }, 'geojson')).toBe(
      'a_b-child_poverty-block-2024.geojson',
    )
  })
})
