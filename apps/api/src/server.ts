import { fileURLToPath } from 'node:url'
import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'
import { createDatabase } from './db/client'
import { DataDirInUseError } from './db/data-dir-lock'
import { createJobQueue } from './jobs/queue'
import { startWorkers } from './jobs/workers'
import { createSettableClock, testClockPlugin } from './plugins/test-clock'
import { DEMO_PASSWORD, seedDemoData } from './seed/demo-seed'

/**
 * Starts Opgave: migrate (unless MIGRATE_ON_START=false), seed on an empty database, listen, run the
 * background job workers (unless RUN_JOBS=false); on SIGTERM finish in-flight requests and jobs, then stop.
 */
async function main() {
  const config = loadConfig()
  config.webDistDir ??= fileURLToPath(new URL('../../web/dist', import.meta.url))
  const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  // With several instances, migrations run once before them (`pnpm --filter @opgave/api migrate`); the
  // advisory lock in migrate() keeps instances that do migrate on start from running them at the same time.
  if (config.migrateOnStart) await database.migrate()

  const clock = config.testClock ? createSettableClock() : null
  const now = clock?.now ?? (() => new Date())
  // The app's logger is made by buildApp; the queue logs through it once the app exists.
  const log = { warn: (obj: object, msg: string) => app.log.warn(obj, msg) }
  const jobs = createJobQueue({ db: database.db, databaseUrl: config.databaseUrl, log, pollingIntervalSeconds: Math.min(2, config.jobTickSeconds) })
  const app = await buildApp({ config, db: database.db, now: clock?.now, jobs })
  if (clock) {
    console.warn('TEST_CLOCK=true: the server clock can be moved through PUT /api/test/clock. Never use this in production.')
    await app.register(testClockPlugin, { clock })
  }
  if (config.seedDemo) {
    const logins = await seedDemoData(database.db)
    if (logins) {
      const lines = logins.map((l) => `  ${l.email.padEnd(36)} ${l.role}`).join('\n')
      console.log(`\nDemo data created. Every demo account uses the password ${DEMO_PASSWORD}\n${lines}\n`)
    }
  }
  // PGlite has no autovacuum: its planner statistics are gathered at every start, after migrations and demo data.
  await database.refreshStatistics()
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests and jobs, answering 503 to new requests')
    // Keep listening and answer 503 until in-flight requests are done: closing the listener at once
    // resets connections the kernel already accepted but Fastify had not read (seen as ECONNRESET under load).
    await app.drain()
    await app.close() // also stops the job queue (waits for running jobs)
    await database.close()
    // Log lines are written asynchronously (plugins/logging.ts): the last ones go out before the process ends.
    await app.flushLogs()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  // Installs or upgrades the pg-boss schema (under its own lock) and the queues; readiness waits for it.
  await jobs.start()
  if (config.runJobs) {
    // PGlite runs no autovacuum: the workers do its work (db/maintenance.ts).
    const maintainDatabase = database.driver === 'pglite' ? database.maintain : undefined
    await startWorkers({ db: database.db, queue: jobs, now, publicUrl: config.publicUrl, smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, log: app.log, tickSeconds: config.jobTickSeconds, maintainDatabase })
  }
  console.log(`Opgave runs at ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)`)
}

main().catch((error: unknown) => {
  // A mistake in the settings, or the data folder in use by another process: the message says what to do.
  if (error instanceof ConfigError || error instanceof DataDirInUseError) console.error(error.message)
  else console.error(error)
  process.exit(1)
})
