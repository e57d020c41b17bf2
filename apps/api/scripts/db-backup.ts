// pnpm db:backup [file]: back up the configured database (DATABASE_URL, or the PGlite folder in DATA_DIR).
import { backupDatabase } from '../src/db/backup'
import { DataDirInUseError } from '../src/db/data-dir-lock'

const file = process.argv[2] ?? `opgave-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.${process.env.DATABASE_URL ? 'dump' : 'tar.gz'}`
try {
  await backupDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data', file })
} catch (error) {
  // The server still runs on the embedded database: say so, without a stack trace.
  if (!(error instanceof DataDirInUseError)) throw error
  console.error(error.message)
  process.exit(1)
}
console.log(`Backup written to ${file}`)
