import { describe, expect, it } from 'vitest'

import { hrefFor, pageAt } from './routes.js'

describe('routes', () => {
  it('finds the page of a path', () => {
    expect(pageAt('/')).toBe('overview')
    expect(pageAt('')).toBe('overview')
    expect(pageAt('/nowhere')).toBeUndefined()
  })

  it('keeps the organisation in links', () => {
    expect(hrefFor('/', 'musterstadt')).toBe('/?org=musterstadt')
    expect(hrefFor('/', 'a b')).toBe('/?org=a+b')
    expect(hrefFor('/', null)).toBe('/')
  })
})
