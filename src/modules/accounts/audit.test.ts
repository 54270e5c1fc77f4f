import { describe, expect, it } from 'vitest'

import { auditCsv, type AuditRow } from './audit.js'

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 1,
  at: '2026-11-21T10:00:00.000Z',
  actor: 'anna@example.org',
  actorUserId: 7,
  actorTokenId: null,
  action: 'user.update',
  entityType: 'user',
  entityId: '9',
  before: { role: 'planner' },
  after: { role: 'specialist' },
  requestId: 'r-1',
  ip: '127.0.0.1',
  ...over,
})

describe('audit CSV', () => {
  it('writes a header and one quoted line per row, semicolons for German Excel', () => {
    const csv = auditCsv([row({})])
    const [header, line] = csv.replace('\uFEFF', '').split('\r\n')
    expect(header).toBe(
      'id;at;actor;actorUserId;actorTokenId;action;entityType;entityId;before;after;requestId;ip',
    )
    expect(line).toBe(
      '1;2026-11-21T10:00:00.000Z;anna@example.org;7;;user.update;user;9;"{""role"":""planner""}";"{""role"":""specialist""}";r-1;127.0.0.1',
    )
    expect(auditCsv([row({})], 'en').split('\r\n')[1]).toContain(
      '"{""role"":""planner""}","{""role"":""specialist""}"',
    )
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    const csv = auditCsv([row({ actor: '=HYPERLINK("http://evil")', entityId: '-1+1' })])
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(csv).toContain(";'-1+1;")
  })
})
