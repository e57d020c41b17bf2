import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { sql, type SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { lockDataDir, lockFileOf } from './data-dir-lock'
import { maintainTables, type MaintenanceReport } from './maintenance'
import { StatementCachingPGlite } from './pglite-statements'
import * as schema from './schema'

/** Both drivers share this type: services never know which one runs. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
/** A transaction handle is a Database too; services take `tx` where they must join a transaction. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]
export type DbOrTx = Database | Tx

export interface DatabaseHandle {
  db: Database
  driver: 'pg' | 'pglite'
  migrate(): Promise<void>
  /**
   * Gathers the query planner's statistics where nothing else does. PGlite runs no autovacuum, so without
   * this its planner never learns how rows are distributed (bench round 12: it guessed 13 budget lines per
   * challenge where there are 1.4). On PostgreSQL autovacuum does it: a no-op there.
   */
  refreshStatistics(): Promise<void>
  /**
   * One autovacuum pass where none runs (db/maintenance.ts): PGlite's tables with enough dead or changed
   * rows are vacuumed and analysed. `null` on PostgreSQL, whose autovacuum does it.
   */
  maintain(): Promise<MaintenanceReport | null>
  close(): Promise<void>
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))
// Any fixed number: serialises migrations when several instances start at once.
const MIGRATION_LOCK_ID = 7_402_201

/** DATABASE_URL set → node-postgres pool; otherwise embedded PGlite on disk (or in memory for tests). */
export async function createDatabase(options: { databaseUrl?: string; dataDir?: string; inMemory?: boolean; poolSize?: number }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    // A request waits at most 10 s for a connection (the server unreachable, or every connection busy):
    // then it gets a 503 to retry instead of hanging (plugins/errors.ts, db/unavailable.ts).
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 })
    // An idle connection the server drops (restart, failover, a forced DROP DATABASE in tests) must not
    // crash the process: the pool replaces it on the next query.
    pool.on('error', () => undefined)
    const db: Database = drizzlePg({ client: pool, schema })
    return {
      db,
      driver: 'pg',
      async migrate() {
        const client = await pool.connect()
        try {
          await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID])
          await migratePg(drizzlePg({ client, schema }), { migrationsFolder })
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined)
          client.release()
        }
      },
      refreshStatistics: async () => undefined,
      maintain: async () => null,
      close: () => pool.end(),
    }
  }
  let dir: string | undefined
  let unlock = () => {}
  if (!options.inMemory) {
    dir = join(options.dataDir ?? './data', 'pglite')
    mkdirSync(dir, { recursive: true })
    // One process per folder: a second one would corrupt it (db/data-dir-lock.ts).
    unlock = lockDataDir(lockFileOf(dir))
  }
  // Top-level queries as named prepared statements, parsed and planned once (db/pglite-statements.ts).
  let client: PGlite
  try {
    client = new StatementCachingPGlite(dir)
    await client.waitReady
  } catch (error) {
    unlock()
    throw error
  }
  const db: Database = drizzlePglite({ client, schema })
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    // ANALYZE samples at most 30,000 rows a table: ~0.5 s on the bench's 200,000 scorecards, milliseconds on a new database.
    refreshStatistics: async () => void (await client.exec('ANALYZE')),
    maintain: () => maintainTables(client),
    close: async () => {
      try {
        await client.close()
      } finally {
        unlock()
      }
    },
  }
}

export async function isDatabaseReachable(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`)
    return true
  } catch {
    return false
  }
}

/**
 * Raw SQL on the driver's own client under a drizzle handle (the pool, the transaction's connection, or
 * PGlite), for the few hot paths drizzle's `execute` cannot serve: rows as arrays (`rowMode: 'array'`,
 * no object per row; benchmark 3) and named prepared statements on PostgreSQL (parsed and planned once
 * per connection; benchmark 2). Values come through the driver's default parsers (timestamptz → Date,
 * json → object, float8 → number, int8 → string), unlike drizzle's raw execute (timestamps as text).
 */
export async function queryDriver<T>(db: DbOrTx, query: SQL, options: { rowMode: 'array' | 'object'; name?: string }): Promise<T[]> {
  const { session, dialect } = db as unknown as { session: { client: DriverClient }; dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
  const { sql: text, params } = dialect.sqlToQuery(query)
  const client = session.client
  if ('exec' in client) return (await client.query<T>(text, params, { rowMode: options.rowMode })).rows
  const config: pg.QueryConfig & { rowMode?: 'array' } = { text, values: params, ...(options.rowMode === 'array' ? { rowMode: 'array' } : {}), ...(options.name ? { name: options.name } : {}) }
  return (await client.query(config)).rows as T[]
}

type DriverClient = { exec: unknown; query<T>(text: string, params: unknown[], options: { rowMode: 'array' | 'object' }): Promise<{ rows: T[] }> } | { query(config: pg.QueryConfig & { rowMode?: 'array' }): Promise<{ rows: unknown[] }> }

/** Raw SQL rows, whichever driver runs (both return `{ rows }`; the shared type cannot say so). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows?: T[] } | T[]
  return Array.isArray(result) ? result : (result.rows ?? [])
}
