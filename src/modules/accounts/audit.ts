/**
 * The audit log: who changed what, when, from which state to which. Every command writes its row
 * with `recordAudit` in the transaction of the change, so a change without its audit row cannot
 * exist (and a rolled-back change leaves none).
 */
import type { Queryable } from '../../platform/db/index.js'
import type { Actor } from '../../platform/http/auth.js'

/** Who acts, and the request it came with (absent for the CLI). */
export interface CommandContext {
  actor: Actor
  requestId?: string | null
  ip?: string | null
}

export interface AuditEntry {
  organizationId: number
  /** What happened, `<entity>.<verb>`: `user.create`, `token.revoke`, `auth.login` … */
  action: string
  entityType: string
  entityId?: string | number | null
  /** The state before the change (null for a creation); never secrets or hashes. */
  before?: unknown
  /** The state after the change (null for a deletion); never secrets or hashes. */
  after?: unknown
}

const json = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(value)

/**
 * Writes one audit row in the caller's transaction.
 *
 * @example
 * await db.transaction(async (tx) => {
 *   await tx.query('update indicator set published = true where …')
 *   await recordAudit(tx, context, { organizationId, action: 'indicator.publish',
 *     entityType: 'indicator', entityId: key, before: { published: false }, after: { published: true } })
 * })
 */
export async function recordAudit(
  tx: Queryable,
  context: CommandContext,
  entry: AuditEntry,
): Promise<void> {
  await tx.query(
    `insert into audit_log (organization_id, actor_user_id, actor_token_id, actor_label, action,
       entity_type, entity_id, before, after, request_id, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`,
    [
      entry.organizationId,
      context.actor.userId,
      context.actor.tokenId,
      context.actor.label,
      entry.action,
      entry.entityType,
      entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      json(entry.before),
      json(entry.after),
      context.requestId ?? null,
      context.ip ?? null,
    ],
  )
}

export interface AuditRow {
  id: number
  at: string
  actor: string
  actorUserId: number | null
  actorTokenId: number | null
  action: string
  entityType: string
  entityId: string | null
  before: unknown
  after: unknown
  requestId: string | null
  ip: string | null
}

export interface AuditFilter {
  limit: number
  offset: number
  action?: string | undefined
  entityType?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

const iso = (value: unknown) =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()

/** One page of an organisation's audit log, newest first, with the number of matching rows. */
export async function listAudit(
  db: Queryable,
  organizationId: number,
  filter: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = `organization_id = $1
    and ($2::text is null or action = $2 or action like $2 || '.%')
    and ($3::text is null or entity_type = $3)
    and ($4::timestamptz is null or at >= $4)
    and ($5::timestamptz is null or at < $5)`
  const params = [
    organizationId,
    filter.action ?? null,
    filter.entityType ?? null,
    filter.from ?? null,
    filter.to ?? null,
  ]
  const [count] = await db.query<{ n: number }>(
    `select count(*)::int as n from audit_log where ${where}`,
    params,
  )
  const rows = await db.query<AuditRow & { at: unknown }>(
    `select id, at, actor_label as actor, actor_user_id as "actorUserId",
            actor_token_id as "actorTokenId", action, entity_type as "entityType",
            entity_id as "entityId", before, after, request_id as "requestId", ip
       from audit_log where ${where}
      order by at desc, id desc limit $6 offset $7`,
    [...params, filter.limit, filter.offset],
  )
  return { rows: rows.map((r) => ({ ...r, id: Number(r.id), at: iso(r.at) })), total: count!.n }
}

const CSV_COLUMNS: (keyof AuditRow)[] = [
  'id',
  'at',
  'actor',
  'actorUserId',
  'actorTokenId',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'requestId',
  'ip',
]

/**
 * The rows as CSV (RFC 4180 quoting; `de`: semicolons for German Excel). Cells that a spreadsheet
 * would run as a formula (=, +, -, @ first) get a leading apostrophe (OWASP CSV injection).
 */
export function auditCsv(rows: AuditRow[], locale: 'de' | 'en' = 'de'): string {
  const separator = locale === 'de' ? ';' : ','
  const cell = (value: unknown) => {
    let text =
      value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /["\n\r;,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const lines = [CSV_COLUMNS.join(separator)]
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => cell(row[c])).join(separator))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
