import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-app'
import { queryRows, type DatabaseHandle } from './client'
import { maintainTables, maintenanceStatement, planMaintenance, type TableActivity } from './maintenance'

const activity = (over: Partial<TableActivity>): TableActivity => ({
  schema: 'public',
  table: 'scorecards',
  estimatedRows: 1000,
  deadRows: 0,
  modifiedSinceAnalyze: 0,
  insertedSinceVacuum: 0,
  ...over,
})

describe('planMaintenance (autovacuum’s rules and default thresholds)', () => {
  it('leaves a table alone until its dead or changed rows pass the threshold plus a fraction of the table', () => {
    // 1,000 rows: vacuum past 50 + 0.2 × 1,000 = 250 dead rows, analyze past 50 + 0.1 × 1,000 = 150 changed rows.
    expect(planMaintenance([activity({ deadRows: 250, modifiedSinceAnalyze: 150, insertedSinceVacuum: 1200 })])).toEqual([])
    expect(planMaintenance([activity({ deadRows: 251 })])).toEqual([{ schema: 'public', table: 'scorecards', vacuum: true, analyze: false }])
    expect(planMaintenance([activity({ modifiedSinceAnalyze: 151 })])).toEqual([{ schema: 'public', table: 'scorecards', vacuum: false, analyze: true }])
  })

  it('vacuums a table that only grew (the visibility map must learn of the new rows), from 1,000 + 0.2 × its rows', () => {
    expect(planMaintenance([activity({ insertedSinceVacuum: 1201 })])).toEqual([{ schema: 'public', table: 'scorecards', vacuum: true, analyze: false }])
  })

  it('counts a never analysed table (estimate -1) as empty, so its first changes trigger both', () => {
    expect(planMaintenance([activity({ estimatedRows: -1, deadRows: 51, modifiedSinceAnalyze: 51 })])).toEqual([{ schema: 'public', table: 'scorecards', vacuum: true, analyze: true }])
  })

  it('plans each table on its own numbers', () => {
    const plan = planMaintenance([activity({ table: 'quiet' }), activity({ schema: 'pgboss', table: 'job', estimatedRows: 100, deadRows: 80 })])
    expect(plan).toEqual([{ schema: 'pgboss', table: 'job', vacuum: true, analyze: false }])
  })
})

describe('maintenanceStatement', () => {
  it('names the table with quoted identifiers and runs one statement for both', () => {
    expect(maintenanceStatement({ schema: 'public', table: 'scorecards', vacuum: true, analyze: true })).toBe('VACUUM (ANALYZE) "public"."scorecards"')
    expect(maintenanceStatement({ schema: 'pgboss', table: 'job', vacuum: true, analyze: false })).toBe('VACUUM "pgboss"."job"')
    expect(maintenanceStatement({ schema: 'public', table: 'odd"name', vacuum: false, analyze: true })).toBe('ANALYZE "public"."odd""name"')
  })
})

describe('maintainTables', () => {
  it('forces the statistics flush before reading them, and reports what it ran', async () => {
    const ran: string[] = []
    const client = {
      async query<T>(text: string) {
        ran.push(text.split(/\s+/).slice(0, 2).join(' '))
        return { rows: (text.includes('pg_stat_user_tables') ? [activity({ deadRows: 300, modifiedSinceAnalyze: 300 }), activity({ table: 'quiet' })] : []) as T[] }
      },
      async exec(text: string) {
        ran.push(text)
      },
    }
    let t = 0
    const report = await maintainTables(client, () => (t += 12))
    expect(ran).toEqual(['SELECT pg_stat_force_next_flush()', 'SELECT s.schemaname', 'VACUUM (ANALYZE) "public"."scorecards"'])
    expect(report).toEqual({ vacuumed: ['public.scorecards'], analyzed: ['public.scorecards'], ms: 12 })
  })
})

describe('DatabaseHandle.maintain', () => {
  let database: DatabaseHandle
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(() => database.close())

  const stats = async () => {
    const [row] = await queryRows<{ dead: number; vacuumed: boolean; analyzed: boolean }>(
      database.db,
      sql`select n_dead_tup::int as dead, last_vacuum is not null as vacuumed, last_analyze is not null as analyzed from pg_stat_user_tables where relname = 'maintenance_probe'`,
    )
    return row
  }

  it('vacuums and analyses the embedded database’s changed tables, then finds nothing more to do; on PostgreSQL leaves it to autovacuum', async () => {
    await database.db.execute(sql`create table maintenance_probe (id integer primary key, v integer not null)`)
    await database.db.execute(sql`insert into maintenance_probe select g, g from generate_series(1, 2000) g`)
    // Updates and deletes leave dead row versions, as autosaves and finished jobs do.
    await database.db.execute(sql`update maintenance_probe set v = v + 1 where id <= 800`)
    await database.db.execute(sql`delete from maintenance_probe where id > 1500`)

    const report = await database.maintain()
    if (database.driver === 'pg') {
      expect(report).toBeNull()
      return
    }
    expect(report!.vacuumed).toContain('public.maintenance_probe')
    expect(report!.analyzed).toContain('public.maintenance_probe')
    await database.db.execute(sql`select pg_stat_force_next_flush()`)
    expect(await stats()).toEqual({ dead: 0, vacuumed: true, analyzed: true })
    const [estimate] = await queryRows<{ rows: number }>(database.db, sql`select reltuples::int as rows from pg_class where relname = 'maintenance_probe'`)
    expect(estimate!.rows).toBe(1500)

    const again = await database.maintain()
    expect(again!.vacuumed).not.toContain('public.maintenance_probe')
    expect(again!.analyzed).not.toContain('public.maintenance_probe')
  })
})
