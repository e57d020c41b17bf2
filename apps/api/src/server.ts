import { fileURLToPath } from 'node:url'
import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'
import { createDatabase } from './db/client'
import { createOutboxDispatcher } from './modules/outbox/outbox.dispatcher'
import { createChallengeCloser } from './modules/challenges/challenges.closer'
import { createSettableClock, testClockPlugin } from './plugins/test-clock'
import { DEMO_PASSWORD, seedDemoData } from './seed/demo-seed'

/** Starts Opgave: migrate, seed on an empty database, listen; on SIGTERM finish in-flight requests and stop. */
async function main() {
  const config = loadConfig()
  config.webDistDir ??= fileURLToPath(new URL('../../web/dist', import.meta.url))
  const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await database.migrate()

  const clock = config.testClock ? createSettableClock() : null
  const app = await buildApp({ config, db: database.db, now: clock?.now })
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
  const outbox = createOutboxDispatcher({ db: database.db, smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log })
  // Stores 'closed' at submission deadlines and emails followers; requests never depend on it having run.
  const closer = createChallengeCloser({ db: database.db, now: clock?.now ?? (() => new Date()), publicUrl: config.publicUrl, log: app.log })

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests, answering 503 to new ones')
    await outbox.stop()
    await closer.stop()
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  outbox.start()
  closer.start()
  console.log(`Opgave runs at ${config.publicUrl} (API docs: ${config.publicUrl}/api/docs)`)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message)
  else console.error(error)
  process.exit(1)
})
