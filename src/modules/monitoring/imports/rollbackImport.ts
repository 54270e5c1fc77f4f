import type { Database, Queryable } from '../../../platform/db/index.js'
import { notFound } from '../../../platform/http/errors.js'

/** Why an import cannot be rolled back (map to HTTP 409 Conflict). */
export class ImportStateError extends Error {
  override name = 'ImportStateError'
  constructor(
    readonly code: 'NOT_ROLLBACKABLE' | 'ALREADY_ROLLED_BACK' | 'ROLLBACK_BLOCKED',
    message: string,
  ) {
    super(message)
  }
}

export interface RollbackResult {
  importId: number
  /** Observations of the import that were deleted. */
  deleted: number
  /** Values the import had replaced that are back. */
  restored: number
}

/**
 * Rolls an import back in one transaction: its observations are deleted, the values it replaced are
 * restored (with the import that wrote them), the import is marked `rolled_back` and the
 * organisation's data version goes up. Imports that replaced values of this one must be rolled back
 * first, newest first, so a restored value is never one that was itself rolled back.
 *
 * @example
 * await rollbackImport(db, org.id, 17) // { importId: 17, deleted: 1200, restored: 300 }
 */
export async function rollbackImport(
  db: Database,
  organizationId: number,
  importId: number,
  options: { beforeCommit?: (tx: Queryable, result: RollbackResult) => Promise<void> } = {},
): Promise<RollbackResult> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('planraum.import'), $1)`, [
      organizationId,
    ])
    const [found] = await tx.query<{ kind: string; status: string }>(
      `select kind, status from data_import where organization_id = $1 and id = $2 for update`,
      [organizationId, importId],
    )
    if (!found) throw notFound(`The import #${importId}`)
    if (found.kind !== 'observations') {
      throw new ImportStateError(
        'NOT_ROLLBACKABLE',
        `Import #${importId} is a ${found.kind} import; only observation imports can be rolled back here.`,
      )
    }
    if (found.status === 'rolled_back') {
      throw new ImportStateError(
        'ALREADY_ROLLED_BACK',
        `Import #${importId} was already rolled back.`,
      )
    }
    if (found.status !== 'completed') {
      throw new ImportStateError(
        'NOT_ROLLBACKABLE',
        `Import #${importId} failed and wrote nothing; there is nothing to roll back.`,
      )
    }
    const blockers = await tx.query<{ importId: number; values: number }>(
      `select r.import_id as "importId", count(*)::int as values
         from observation_replaced r
         join data_import d on d.id = r.import_id and d.organization_id = r.organization_id
        where r.organization_id = $1 and r.previous_import_id = $2 and d.status = 'completed'
        group by r.import_id order by r.import_id desc`,
      [organizationId, importId],
    )
    if (blockers.length > 0) {
      throw new ImportStateError(
        'ROLLBACK_BLOCKED',
        `Later imports replaced values of import #${importId}: ${blockers
          .map((b) => `#${b.importId} (${b.values} values)`)
          .join(', ')}. Roll ${blockers.length > 1 ? 'them' : 'it'} back first, newest first.`,
      )
    }
    const deleted = await tx.query(
      `delete from observation where organization_id = $1 and import_id = $2 returning 1`,
      [organizationId, importId],
    )
    const restored = await tx.query(
      `insert into observation (organization_id, variable_id, area_id, period, value, status, import_id)
       select organization_id, variable_id, area_id, period, value, status, previous_import_id
         from observation_replaced
        where organization_id = $1 and import_id = $2
       returning 1`,
      [organizationId, importId],
    )
    await tx.query(
      `update data_import set status = 'rolled_back', rolled_back_at = now()
        where organization_id = $1 and id = $2`,
      [organizationId, importId],
    )
    const result = { importId, deleted: deleted.length, restored: restored.length }
    await options.beforeCommit?.(tx, result)
    await tx.query('update organization set data_version = data_version + 1 where id = $1', [
      organizationId,
    ])
    return result
  })
}
