import { describe, expect, it } from 'vitest'

import { ANONYMOUS } from '../../platform/http/auth.js'
import { areaScopeParam, inAreaScope, requireAreasInScope } from './scope.js'

describe('area scope', () => {
  const scoped = { ...ANONYMOUS, kind: 'session' as const, areaIds: [3, 5, 8, 13] }

  it('lets an unscoped actor see every area and a scoped one only its own', () => {
    expect(inAreaScope(ANONYMOUS, 42)).toBe(true)
    expect([3, 4, 5, 13, 14].map((id) => inAreaScope(scoped, id))).toEqual([
      true,
      false,
      true,
      true,
      false,
    ])
    expect(areaScopeParam(ANONYMOUS)).toBeNull()
    expect(areaScopeParam(scoped)).toEqual([3, 5, 8, 13])
  })

  it('refuses changes that reach outside the scope, naming the areas', () => {
    expect(() => requireAreasInScope(scoped, [3, 8])).not.toThrow()
    expect(() => requireAreasInScope(scoped, [3, 4, 21])).toThrow(/2 of the areas .* \(ids 4, 21\)/)
    expect(() => requireAreasInScope({ ...scoped, areaIds: [] }, [1])).toThrow(/limited/)
  })
})
