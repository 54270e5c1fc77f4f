import { describe, expect, it } from 'vitest'

import { hrefFor, isEmbed, pageAt } from './routes.js'

describe('routes', () => {
  it('finds the page of a path', () => {
    expect(pageAt('/')).toBe('overview')
    expect(pageAt('')).toBe('overview')
    expect(pageAt('/atlas/')).toBe('atlas')
    expect(pageAt('/berichte')).toBe('reports')
    expect(pageAt('/analyse')).toBe('analysis')
    expect(pageAt('/steckbrief')).toBe('profile')
    expect(pageAt('/anmelden')).toBe('signin')
    expect(pageAt('/nowhere')).toBeUndefined()
  })

  it('keeps the organisation in links', () => {
    expect(hrefFor('/', 'musterstadt')).toBe('/?org=musterstadt')
    expect(hrefFor('/', 'a b')).toBe('/?org=a+b')
    expect(hrefFor('/', null)).toBe('/')
  })

  it('adds further parameters and leaves out empty ones', () => {
    expect(hrefFor('/steckbrief', 'musterstadt', { area: '01', period: 2024, x: undefined })).toBe(
      '/steckbrief?org=musterstadt&area=01&period=2024',
    )
    expect(hrefFor('/atlas', null, { layer: '' })).toBe('/atlas')
  })

  it('recognises embed mode', () => {
    expect(isEmbed('?embed=1')).toBe(true)
    expect(isEmbed('?org=x&embed=true')).toBe(true)
    expect(isEmbed('?embed=0')).toBe(false)
    expect(isEmbed('')).toBe(false)
  })
})
