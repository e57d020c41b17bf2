import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../test/test-app'
import type { DatabaseHandle } from './db/client'
import { recordAudit } from './modules/audit/audit.service'

describe('audit log', () => {
  let database: DatabaseHandle
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database.close())

  it('is append-only: updates and deletes are refused by the database', async () => {
    await recordAudit(database.db, { actorId: null, action: 'test.happened', entityType: 'test', entityId: '1', after: { a: 1 } })
    await expect(database.db.execute(sql`update audit_events set action = 'changed'`)).rejects.toThrow()
    await expect(database.db.execute(sql`delete from audit_events`)).rejects.toThrow()
    const rows = await database.db.execute(sql`select action from audit_events`)
    expect(JSON.stringify(rows)).toContain('test.happened')
  })
})
