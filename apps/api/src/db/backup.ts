import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { queryRows, type Database } from './client'
import { lockDataDir, lockFileOf } from './data-dir-lock'

const run = promisify(execFile)

/** A backup or restore refused for a reason the operator can fix (a missing file, a folder in use or not empty). */
export class BackupRefusedError extends Error {}

/**
 * Backups: PostgreSQL through pg_dump's custom format (restored with pg_restore); the embedded
 * PGlite database as a gzipped tarball of its data folder (refused while the server runs: PGlite is single-process).
 */
export async function backupDatabase({ databaseUrl, dataDir, file }: { databaseUrl?: string; dataDir: string; file: string }) {
  if (databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', file, databaseUrl])
    return
  }
  const dir = join(dataDir, 'pglite')
  if (!existsSync(dir)) throw new BackupRefusedError(`No embedded database at ${dir}. Set DATA_DIR to the folder the server uses.`)
  // Refused while the server runs on the folder (data-dir-lock.ts): a copy taken beside it could be torn.
  await withOwnPglite(dir, {}, async (client) => {
    const dump = await client.dumpDataDir('gzip')
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  })
}

export async function restoreDatabase({ databaseUrl, dataDir, file }: { databaseUrl?: string; dataDir: string; file: string }) {
  if (!existsSync(file)) throw new BackupRefusedError(`No backup file at ${file}.`)
  if (databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--exit-on-error', '--dbname', databaseUrl, file])
    return
  }
  const dir = join(dataDir, 'pglite')
  // Refuse to overwrite: a restore must never silently destroy a database that still holds data.
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new BackupRefusedError(`${dir} is not empty; move it away before restoring`)
  mkdirSync(dir, { recursive: true })
  await withOwnPglite(dir, { loadDataDir: new Blob([readFileSync(file)]) }, async () => undefined)
}

/** Opens the PGlite folder `dir` as its only process (data-dir-lock.ts), hands it to `use`, then closes it. */
async function withOwnPglite(dir: string, options: PGliteOptions, use: (client: PGlite) => Promise<void>): Promise<void> {
  const unlock = lockDataDir(lockFileOf(dir))
  try {
    const client = await PGlite.create(dir, options)
    try {
      await use(client)
    } finally {
      await client.close()
    }
  } finally {
    unlock()
  }
}

export interface TableFingerprint {
  table: string
  rows: number
  checksum: string
}

/** Row count and an order-independent checksum per table, to prove a restore equals its source. */
export async function tableFingerprints(db: Database): Promise<TableFingerprint[]> {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )
  const result: TableFingerprint[] = []
  for (const { table_name: table } of tables) {
    const identifier = sql.identifier(table)
    const [row] = await queryRows<{ rows: string; checksum: string | null }>(
      db,
      sql`select count(*)::text as rows, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as checksum from ${identifier} t`,
    )
    result.push({ table, rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? '' })
  }
  return result
}
