import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-app'
import { queryRows, type DatabaseHandle } from './client'

describe('refreshStatistics', () => {
  let database: DatabaseHandle
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database.close())

  const statistics = async () => {
    const [table] = await queryRows<{ reltuples: number }>(database.db, sql`select reltuples::float8 as reltuples from pg_class where relname = 'stats_probe'`)
    const columns = await queryRows<{ attname: string }>(database.db, sql`select attname from pg_stats where tablename = 'stats_probe'`)
    return { rows: Number(table!.reltuples), columns: columns.map((c) => c.attname) }
  }

  it('gives the planner statistics of what was written (PGlite, which has no autovacuum), and is harmless on PostgreSQL', async () => {
    await database.db.execute(sql`create table stats_probe (n integer not null)`)
    await database.db.execute(sql`insert into stats_probe (n) select g % 7 from generate_series(1, 1000) g`)
    await database.refreshStatistics()
    if (database.driver === 'pglite') {
      expect(await statistics()).toEqual({ rows: 1000, columns: ['n'] })
    } else {
      // PostgreSQL's autovacuum gathers them in its own time; the call must only not fail.
      expect((await statistics()).rows).toBeGreaterThanOrEqual(-1)
    }
  })
})
