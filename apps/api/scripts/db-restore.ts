// pnpm db:restore <file>: restore a backup into the configured database (DATABASE_URL, or an EMPTY PGlite folder in DATA_DIR).
import { restoreDatabase, tableFingerprints } from '../src/db/backup'
import { createDatabase } from '../src/db/client'
import { exitIfRefused } from './exit-if-refused'

const file = process.argv[2]
if (!file) {
  console.error('usage: pnpm db:restore <backup file>')
  process.exit(2)
}
const dataDir = process.env.DATA_DIR ?? './data'
await restoreDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, file }).catch(exitIfRefused)
const database = await createDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir })
for (const t of await tableFingerprints(database.db)) console.log(`${t.table.padEnd(32)} ${String(t.rows).padStart(8)} rows  ${t.checksum}`)
await database.close()
console.log(`Restored ${file}`)
