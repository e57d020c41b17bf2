import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { buildApp } from '../src/app'
import type { Config } from '../src/config'
import { createDatabase, type DatabaseHandle } from '../src/db/client'

export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  port: 0,
  host: '127.0.0.1',
  dataDir: '/nonexistent',
  publicUrl: 'http://localhost:3000',
  jwtSecret: randomBytes(32).toString('hex'),
  mailFrom: 'Opgave <test@opgave.localhost>',
  corsOrigins: [],
  seedDemo: false,
  logLevel: 'silent',
  rateLimitPerMinute: 10_000,
  authRateLimitPerMinute: 10_000,
  rateLimitSyncMs: 100,
  trustProxy: false,
  testClock: false,
  migrateOnStart: true,
  runJobs: false,
  jobTickSeconds: 30,
  participatiewetAnnualBenefitCents: 1_614_540,
  juryBackgroundScorecards: 2000,
  juryBackgroundPairs: 50_000,
  ...overrides,
})

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; with TEST_DB_DRIVER=pg
 * a new database on the TEST_DATABASE_URL server, dropped afterwards.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.TEST_DB_DRIVER !== 'pg') {
    const handle = await createDatabase({ inMemory: true })
    await handle.migrate()
    return handle
  }
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) throw new Error('TEST_DB_DRIVER=pg needs TEST_DATABASE_URL')
  const name = `opgave_test_${randomUUID().replaceAll('-', '')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await createDatabase({ databaseUrl: url.toString(), poolSize: 5 })
  await handle.migrate()
  return {
    ...handle,
    async close() {
      await handle.close()
      const cleanup = new pg.Client({ connectionString: serverUrl })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await cleanup.end()
    },
  }
}

export interface TestContext {
  app: Awaited<ReturnType<typeof buildApp>>
  database: DatabaseHandle
  clock: { now: Date }
  close(): Promise<void>
}

/** The app on a fresh database with a settable clock. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const database = await createTestDatabase()
  const clock = { now: new Date() }
  const app = await buildApp({ config: testConfig(overrides), db: database.db, now: () => clock.now, logger: false })
  await app.ready()
  return {
    app,
    database,
    clock,
    async close() {
      await app.close()
      await database.close()
    },
  }
}
