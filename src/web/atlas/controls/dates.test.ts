import { describe, expect, it } from 'vitest'

import { formatDate } from './dates.js'

describe('formatDate', () => {
  it('formats a timestamp as a long date in Berlin time, in the UI locale', () => {
    // 23:30 UTC on 5 March is already 6 March in Berlin (CET, UTC+1).
    expect(formatDate('2024-03-05T23:30:00Z', 'de-DE')).toBe('6. März 2024')
    expect(formatDate('2024-03-05T23:30:00Z', 'en-GB')).toBe('6 March 2024')
  })

  it('gives null for text that is no timestamp', () => {
    expect(formatDate('gestern', 'de-DE')).toBeNull()
  })
})
