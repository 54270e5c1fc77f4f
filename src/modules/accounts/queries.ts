/** Reads of the accounts module. Every query of tenant data is scoped by organization_id. */
import type { Queryable } from '../../platform/db/index.js'
import type { Role } from './permissions.js'

/** A timestamptz column as an ISO 8601 string in UTC (the same text on both drivers). */
export const isoSql = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** An area named by layer key and code (how scopes are shown and set). */
export interface AreaRef {
  layer: string
  code: string
}

/** A member of an organisation as the user list shows it (no hashes, no secrets). */
export interface MemberSummary {
  id: number
  email: string
  displayName: string
  role: Role
  /** null: all areas; otherwise the areas (and their finer areas) the member is limited to. */
  areas: (AreaRef & { name: string })[] | null
  /** Membership disabled in this organisation. */
  disabled: boolean
  /** Account disabled platform-wide (CLI). */
  accountDisabled: boolean
  hasPassword: boolean
  lockedUntil: string | null
  lastLoginAt: string | null
  createdAt: string
  /** How many other organisations the person is a member of (their account is shared). */
  otherOrganizations: number
}

const MEMBER_SQL = `
  select u.id, u.email, u.display_name as "displayName", m.role, m.area_scoped as "areaScoped",
         m.id as "membershipId", m.disabled, u.disabled as "accountDisabled",
         u.password_hash is not null as "hasPassword",
         case when u.locked_until > now() then ${isoSql('u.locked_until')} end as "lockedUntil",
         ${isoSql('u.last_login_at')} as "lastLoginAt", ${isoSql('m.created_at')} as "createdAt",
         (select count(*)::int from membership o
           where o.user_id = u.id and o.organization_id <> m.organization_id) as "otherOrganizations"
    from membership m join user_account u on u.id = m.user_id
   where m.organization_id = $1`

type MemberRow = Omit<MemberSummary, 'areas'> & { areaScoped: boolean; membershipId: number }

async function withAreas(db: Queryable, organizationId: number, rows: MemberRow[]) {
  const scoped = rows.filter((r) => r.areaScoped).map((r) => r.membershipId)
  const areas = scoped.length
    ? await db.query<AreaRef & { name: string; membershipId: number }>(
        `select ma.membership_id as "membershipId", l.key as layer, a.code, a.name
           from membership_area ma
           join area a on a.organization_id = ma.organization_id and a.id = ma.area_id
           join area_layer l on l.organization_id = a.organization_id and l.id = a.layer_id
          where ma.organization_id = $1 and ma.membership_id = any($2::int[])
          order by l.level, a.code`,
        [organizationId, scoped],
      )
    : []
  return rows.map(({ areaScoped, membershipId, ...member }) => ({
    ...member,
    areas: areaScoped
      ? areas
          .filter((a) => a.membershipId === membershipId)
          .map(({ layer, code, name }) => ({ layer, code, name }))
      : null,
  }))
}

/** The members of an organisation, ordered by email. */
export async function listMembers(db: Queryable, organizationId: number): Promise<MemberSummary[]> {
  const rows = await db.query<MemberRow>(`${MEMBER_SQL} order by u.email`, [organizationId])
  return withAreas(db, organizationId, rows)
}

/** One member of an organisation, or undefined when the user is not a member there. */
export async function findMember(
  db: Queryable,
  organizationId: number,
  userId: number,
): Promise<MemberSummary | undefined> {
  const rows = await db.query<MemberRow>(`${MEMBER_SQL} and u.id = $2`, [organizationId, userId])
  return (await withAreas(db, organizationId, rows))[0]
}

/** A user account with what sign-in needs. */
export interface AccountRow {
  id: number
  email: string
  displayName: string
  passwordHash: string | null
  disabled: boolean
  failedLogins: number
  lockedUntil: string | null
  locked: boolean
}

/** The account with this email address (compared in lower case), or undefined. */
export async function findAccountByEmail(
  db: Queryable,
  email: string,
): Promise<AccountRow | undefined> {
  const [row] = await db.query<AccountRow>(
    `select id, email, display_name as "displayName", password_hash as "passwordHash", disabled,
            failed_logins as "failedLogins", ${isoSql('locked_until')} as "lockedUntil",
            coalesce(locked_until > now(), false) as locked
       from user_account where email = $1`,
    [email.trim().toLowerCase()],
  )
  return row
}

/** An API token as lists show it: never the token or its hash. */
export interface TokenSummary {
  id: number
  name: string
  /** The first characters of the token, to recognise it. */
  prefix: string
  scopes: string[]
  createdBy: string | null
  createdAt: string
  expiresAt: string
  revokedAt: string | null
  lastUsedAt: string | null
}

const TOKEN_SQL = `
  select t.id, t.name, t.prefix, t.scopes, u.email as "createdBy",
         ${isoSql('t.created_at')} as "createdAt", ${isoSql('t.expires_at')} as "expiresAt",
         ${isoSql('t.revoked_at')} as "revokedAt", ${isoSql('t.last_used_at')} as "lastUsedAt"
    from api_token t left join user_account u on u.id = t.created_by
   where t.organization_id = $1`

/** The API tokens of an organisation, newest first. */
export function listTokens(db: Queryable, organizationId: number): Promise<TokenSummary[]> {
  return db.query<TokenSummary>(`${TOKEN_SQL} order by t.created_at desc, t.id desc`, [
    organizationId,
  ])
}

/** One API token of an organisation, or undefined. */
export async function findToken(
  db: Queryable,
  organizationId: number,
  tokenId: number,
): Promise<TokenSummary | undefined> {
  const [row] = await db.query<TokenSummary>(`${TOKEN_SQL} and t.id = $2`, [
    organizationId,
    tokenId,
  ])
  return row
}

/** The ids of the current areas with these layer keys and codes, and the refs that matched none. */
export async function resolveAreaRefs(
  db: Queryable,
  organizationId: number,
  refs: AreaRef[],
): Promise<{ ids: number[]; missing: AreaRef[] }> {
  if (refs.length === 0) return { ids: [], missing: [] }
  const rows = await db.query<{ id: number; layer: string; code: string }>(
    `select a.id, l.key as layer, a.code
       from area a join area_layer l on l.organization_id = a.organization_id and l.id = a.layer_id
      where a.organization_id = $1 and a.valid_to is null
        and (l.key, a.code) in (select * from unnest($2::text[], $3::text[]))`,
    [organizationId, refs.map((r) => r.layer), refs.map((r) => r.code)],
  )
  const key = (r: AreaRef) => `${r.layer}\u0000${r.code}`
  const found = new Map(rows.map((r) => [key(r), r.id]))
  return {
    ids: refs.map((r) => found.get(key(r))).filter((id): id is number => id !== undefined),
    missing: refs.filter((r) => !found.has(key(r))),
  }
}
