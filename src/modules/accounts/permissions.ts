/**
 * Who may do what — the one table of rules (DESIGN.md §2). A route declares the permission it
 * needs (`access` in its RouteSpec); an actor holds the permissions of its role in the
 * organisation (an API token: its scopes, within its creator's role). Grouped by the module that
 * owns the permission; a module that grows its own rules moves its group into its manifest.
 */

/** The roles of a membership. `public` is everyone without an account (no permissions). */
export const ROLES = ['admin', 'planner', 'specialist', 'provider', 'council'] as const
export type Role = (typeof ROLES)[number]

interface Rule {
  /** What the permission allows, in words (API docs, token scope list). */
  description: string
  roles: readonly Role[]
}

/** permission → who holds it, per owning module. */
export const PERMISSION_RULES = {
  monitoring: {
    'monitoring:read-internal': {
      description: 'exact values and unpublished indicators, without disclosure control',
      roles: ['admin', 'planner', 'specialist', 'council'],
    },
    'monitoring:import': {
      description: 'import statistics and roll imports back',
      roles: ['admin', 'planner', 'specialist'],
    },
  },
  analysis: {
    'analysis:define': {
      description: 'save versions of social index definitions and publish or withdraw them',
      roles: ['admin', 'planner'],
    },
  },
  reports: {
    'reports:create': {
      description: 'generate reports and save report templates',
      roles: ['admin', 'planner', 'specialist'],
    },
    'reports:publish': {
      description: 'publish public reports in the atlas, or withdraw them',
      roles: ['admin', 'planner'],
    },
  },
  areas: {
    'areas:import': {
      description: 'import and version area boundaries',
      roles: ['admin', 'planner'],
    },
  },
  accounts: {
    'accounts:manage': {
      description: 'users, roles, password-reset links, API tokens, organisation settings',
      roles: ['admin'],
    },
    'admin:backup': {
      description: 'download a backup of the whole embedded database (every organisation)',
      roles: ['admin'],
    },
    'audit:read': {
      description: 'read and export the audit log',
      roles: ['admin', 'planner'],
    },
  },
} as const satisfies Record<string, Record<string, Rule>>

type Groups = typeof PERMISSION_RULES
/** Every permission string, e.g. `accounts:manage`. */
export type Permission = { [G in keyof Groups]: keyof Groups[G] }[keyof Groups] & string

const RULES: ReadonlyMap<string, Rule> = new Map(
  Object.values(PERMISSION_RULES).flatMap((group) => Object.entries(group) as [string, Rule][]),
)

/** All permission strings, sorted. */
export const PERMISSIONS: readonly Permission[] = [...RULES.keys()].sort() as Permission[]

/** True when the string is a declared permission. */
export const isPermission = (value: string): value is Permission => RULES.has(value)

const BY_ROLE: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ROLES.map((role) => [
    role,
    new Set([...RULES].filter(([, rule]) => rule.roles.includes(role)).map(([p]) => p)),
  ]),
)
const NONE: ReadonlySet<string> = new Set()

/**
 * The permissions of a role (none for `public` or an unknown role).
 *
 * @example permissionsOf('planner').has('areas:import') // true
 */
export function permissionsOf(role: string): ReadonlySet<string> {
  return BY_ROLE.get(role) ?? NONE
}

/** permission → "description (roles …)", for the API documentation. */
export function permissionDescriptions(): Record<string, string> {
  return Object.fromEntries(
    [...RULES].map(([permission, rule]) => [
      permission,
      `${rule.description}; roles ${rule.roles.join(', ')}`,
    ]),
  )
}
