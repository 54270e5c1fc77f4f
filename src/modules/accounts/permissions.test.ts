import { describe, expect, it } from 'vitest'

import { PERMISSION_RULES, PERMISSIONS, isPermission, permissionsOf, ROLES } from './permissions.js'

describe('permission rules', () => {
  it('give each role exactly the permissions of the design (DESIGN.md §2, issue 7)', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, [...permissionsOf(role)].sort()]))
    expect(table).toEqual({
      admin: [
        'accounts:manage',
        'admin:backup',
        'analysis:define',
        'areas:import',
        'audit:read',
        'monitoring:import',
        'monitoring:read-internal',
        'reports:create',
        'reports:publish',
      ],
      planner: [
        'analysis:define',
        'areas:import',
        'audit:read',
        'monitoring:import',
        'monitoring:read-internal',
        'reports:create',
        'reports:publish',
      ],
      specialist: ['monitoring:import', 'monitoring:read-internal', 'reports:create'],
      provider: [],
      council: ['monitoring:read-internal'],
    })
  })

  it('give the public and unknown roles nothing', () => {
    expect(permissionsOf('public').size).toBe(0)
    expect(permissionsOf('root').size).toBe(0)
  })

  it('name every permission module:action, owned by the module it starts with', () => {
    for (const [module, group] of Object.entries(PERMISSION_RULES)) {
      for (const permission of Object.keys(group)) {
        expect(permission).toMatch(/^[a-z]+:[a-z-]+$/)
        if (module !== 'accounts') expect(permission.startsWith(`${module}:`)).toBe(true)
      }
    }
    expect(PERMISSIONS).toHaveLength(9)
    expect(isPermission('audit:read')).toBe(true)
    expect(isPermission('audit:write')).toBe(false)
  })
})
