import { ConfigError, loadConfig } from '../src/config'
import { createDatabase } from '../src/db/client'
import { seedDemoData } from '../src/seed/demo-seed'

/**
 * Runs the database migrations once and exits: the one-shot step before app instances that start with
 * MIGRATE_ON_START=false (docker-compose's `migrate` service; on upgrade, before the new version starts).
 * Seeds the demo data only when SEED_DEMO=true is set explicitly (and the database has no users), so
 * instances starting together never race to seed.
 */
async function main() {
  const config = loadConfig()
  const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await database.migrate()
    console.log(`Migrations applied (${database.driver}).`)
    if (process.env.SEED_DEMO === 'true' && (await seedDemoData(database.db))) console.log('Demo data created.')
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
