// pnpm db:backup [file]: back up the configured database (DATABASE_URL, or the PGlite folder in DATA_DIR).
import { backupDatabase } from '../src/db/backup'
import { exitIfRefused } from './exit-if-refused'

const file = process.argv[2] ?? `opgave-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.${process.env.DATABASE_URL ? 'dump' : 'tar.gz'}`
await backupDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? './data', file }).catch(exitIfRefused)
console.log(`Backup written to ${file}`)
