/**
 * Area scopes: a membership may be limited to some areas — in a district (Landkreis), a member
 * town's staff see and edit only their own territory; the district's own staff see everything.
 * A scope names areas of any layer; it covers them and every finer area below them, in all
 * boundary versions with the same layer and code (a new version of a layer keeps the scope).
 */
import type { Queryable } from '../../platform/db/index.js'
import type { Actor } from '../../platform/http/auth.js'
import { forbidden } from '../../platform/http/errors.js'

/** The ids of all areas a scoped membership covers, sorted. */
export async function resolveAreaScope(
  db: Queryable,
  organizationId: number,
  membershipId: number,
): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `with recursive roots as (
       select a.id
         from membership_area ma
         join area s on s.organization_id = ma.organization_id and s.id = ma.area_id
         join area a on a.organization_id = s.organization_id and a.layer_id = s.layer_id
                    and a.code = s.code
        where ma.organization_id = $1 and ma.membership_id = $2
     ), scope(id) as (
       select id from roots
       union
       select c.id from area c join scope p on c.parent_id = p.id where c.organization_id = $1
     )
     select id from scope order by id`,
    [organizationId, membershipId],
  )
  return rows.map((r) => r.id)
}

/**
 * True when the actor may see and edit the area (always for an unscoped actor).
 *
 * @example inAreaScope(actor, area.id) || hide(area)
 */
export function inAreaScope(actor: Actor, areaId: number): boolean {
  return actor.areaIds === null || binarySearch(actor.areaIds, areaId)
}

/**
 * Throws FORBIDDEN unless every area is within the actor's scope: commands that change data of
 * areas (imports, edits) call it before writing.
 */
export function requireAreasInScope(actor: Actor, areaIds: Iterable<number>): void {
  if (actor.areaIds === null) return
  const outside = [...areaIds].filter((id) => !inAreaScope(actor, id))
  if (outside.length > 0) {
    throw forbidden(
      `Your account is limited to some areas; ${outside.length} of the areas concerned lie outside them (ids ${outside.slice(0, 5).join(', ')}${outside.length > 5 ? ', …' : ''}).`,
    )
  }
}

/**
 * A SQL parameter for filtering by scope: null (no filter) or the array of area ids. Use it as
 * `and ($n::int[] is null or a.id = any($n))`.
 */
export const areaScopeParam = (actor: Actor): number[] | null =>
  actor.areaIds === null ? null : [...actor.areaIds]

function binarySearch(sorted: readonly number[], value: number): boolean {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = sorted[mid]!
    if (v === value) return true
    if (v < value) lo = mid + 1
    else hi = mid - 1
  }
  return false
}
