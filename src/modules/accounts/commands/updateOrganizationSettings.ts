import type { Database, Queryable } from '../../../platform/db/index.js'
import { ApiError, notFound } from '../../../platform/http/errors.js'
import { recordAudit, type CommandContext } from '../audit.js'

/** The settings of an organisation an administrator may change. */
export interface OrganizationSettings {
  name: string
  /** A small image as a data URL (png, jpeg, webp or svg+xml, base64, at most 256 KiB) or null. */
  logo: string | null
  minCaseNumber: number
  defaultLanguage: 'de' | 'en'
  /** Slug of the district (Landkreis) this municipality belongs to, or null. */
  parent: string | null
}

/** The current settings of an organisation. */
export async function organizationSettings(
  db: Queryable,
  organizationId: number,
): Promise<OrganizationSettings> {
  const [row] = await db.query<OrganizationSettings>(
    `select o.name, o.logo, o.min_case_number as "minCaseNumber",
            o.default_language as "defaultLanguage", p.slug as parent
       from organization o left join organization p on p.id = o.parent_organization_id
      where o.id = $1`,
    [organizationId],
  )
  if (!row) throw notFound(`The organisation ${organizationId}`)
  return row
}

const LOGO = /^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/

/**
 * Changes organisation settings. A new minimum case number changes what the public sees, so it
 * counts as a data change (data_version). Audited as `organization.update`.
 */
export async function updateOrganizationSettings(
  db: Database,
  context: CommandContext,
  organizationId: number,
  changes: Partial<OrganizationSettings>,
): Promise<OrganizationSettings> {
  if (changes.logo != null && (changes.logo.length > 262_144 || !LOGO.test(changes.logo))) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'logo: expected a data URL "data:image/png;base64,…" (png, jpeg, webp or svg+xml) of at most 256 KiB.',
    )
  }
  return db.transaction(async (tx) => {
    const before = await organizationSettings(tx, organizationId)
    let parentId: number | null | undefined
    if (changes.parent !== undefined) {
      parentId =
        changes.parent === null ? null : await parentFor(tx, organizationId, changes.parent)
    }
    await tx.query(
      `update organization set
         name = coalesce($2, name),
         logo = case when $3::boolean then $4 else logo end,
         min_case_number = coalesce($5, min_case_number),
         default_language = coalesce($6, default_language),
         parent_organization_id = case when $7::boolean then $8 else parent_organization_id end,
         data_version = data_version + case when $5::int is not null and $5 <> min_case_number
                                            then 1 else 0 end,
         updated_at = now()
       where id = $1`,
      [
        organizationId,
        changes.name?.trim() || null,
        changes.logo !== undefined,
        changes.logo ?? null,
        changes.minCaseNumber ?? null,
        changes.defaultLanguage ?? null,
        parentId !== undefined,
        parentId ?? null,
      ],
    )
    const after = await organizationSettings(tx, organizationId)
    const summary = (s: OrganizationSettings) => ({
      ...s,
      logo: s.logo === null ? null : `${s.logo.slice(0, 30)}… (${s.logo.length} characters)`,
    })
    await recordAudit(tx, context, {
      organizationId,
      action: 'organization.update',
      entityType: 'organization',
      entityId: organizationId,
      before: summary(before),
      after: summary(after),
    })
    return after
  })
}

/** The id of the parent organisation, refusing itself and cycles. */
async function parentFor(tx: Queryable, organizationId: number, slug: string): Promise<number> {
  const [parent] = await tx.query<{ id: number }>('select id from organization where slug = $1', [
    slug,
  ])
  if (!parent) throw notFound(`The organisation "${slug}"`)
  const [cycle] = await tx.query<{ found: boolean }>(
    `with recursive up(id) as (
       select $1::int
       union
       select o.parent_organization_id from organization o join up on o.id = up.id
        where o.parent_organization_id is not null
     )
     select exists (select 1 from up where id = $2) as found`,
    [parent.id, organizationId],
  )
  if (cycle?.found) {
    throw new ApiError(
      'VALIDATION_FAILED',
      `parent: "${slug}" is this organisation or belongs to it; a district cannot belong to its own member.`,
    )
  }
  return parent.id
}
