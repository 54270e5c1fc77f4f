import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrate, readMigrations, type Database } from '../../src/platform/db/index.js'
import { testTargets } from '../helpers/databases.js'

describe.each(testTargets())('migrations on $name', (target) => {
  let db: Database
  let dispose: () => Promise<void>
  beforeAll(async () => {
    ;({ db, dispose } = await target.create())
  })
  afterAll(() => dispose())

  it('records every migration file and applies nothing twice', async () => {
    const files = readMigrations()
    const rows = await db.query<{ version: string }>(
      'select version from schema_migration order by 1',
    )
    expect(rows.map((r) => r.version)).toEqual(files.map((m) => m.version))
    const again = await migrate(db)
    expect(again).toEqual({ applied: [], alreadyApplied: files.length })
  })

  it('refuses a migration that was changed after it was applied', async () => {
    const changed = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'tampered' } : m))
    await expect(migrate(db, changed)).rejects.toThrow(/was changed after it was applied/)
  })

  it('applies a new migration forward, and rolls back all of it when one statement fails', async () => {
    const base = readMigrations()
    await expect(
      migrate(db, [
        ...base,
        { version: '9998', name: 'ok', sql: 'create table zz_ok (x int)', checksum: 'a' },
        {
          version: '9999',
          name: 'broken',
          sql: 'create table zz_broken (x nonsense)',
          checksum: 'b',
        },
      ]),
    ).rejects.toThrow(/nonsense/)
    const [row] = await db.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_name = 'zz_ok'",
    )
    expect(row!.n).toBe(0)
  })

  it('has PostGIS', async () => {
    const [row] = await db.query<{ v: string }>('select postgis_lib_version() as v')
    expect(row!.v).toMatch(/^3\./)
  })

  it('gives every domain table an organization_id (tenancy)', async () => {
    const rows = await db.query<{ table_name: string; has_org: boolean }>(
      `select t.table_name,
              exists(select 1 from information_schema.columns c
                      where c.table_schema = t.table_schema and c.table_name = t.table_name
                        and c.column_name = 'organization_id') as has_org
         from information_schema.tables t
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
          -- user_account: a person is platform-wide (one login for a district and its towns);
          -- memberships, sessions, tokens, reset links and audit rows carry organization_id.
          and t.table_name not in ('organization', 'schema_migration', 'spatial_ref_sys', 'user_account')`,
    )
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.filter((r) => !r.has_org).map((r) => r.table_name)).toEqual([])
  })
})
