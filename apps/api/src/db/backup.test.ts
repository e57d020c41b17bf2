import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../seed/demo-seed'
import { BackupRefusedError, backupDatabase, restoreDatabase, tableFingerprints } from './backup'
import { createDatabase } from './client'

const temp = mkdtempSync(join(tmpdir(), 'opgave-backup-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

// Each API project runs the variant of its own driver: PGlite's folder tarball, or pg_dump/pg_restore.
const driver = process.env.TEST_DB_DRIVER === 'pg' ? 'pg' : 'pglite'

describe(`backup and restore (${driver})`, () => {
  it('restores a backup into a fresh database with equal row counts and checksums per table', { timeout: 120_000 }, async () => {
    if (driver === 'pg') await roundTripPostgres()
    else await roundTripPglite()
  })
})

async function roundTripPglite() {
  {
    const source = await createDatabase({ dataDir: join(temp, 'source') })
    await source.migrate()
    await seedDemoData(source.db)
    const before = await tableFingerprints(source.db)
    await source.close()

    const file = join(temp, 'backup.tar.gz')
    await backupDatabase({ dataDir: join(temp, 'source'), file })
    await restoreDatabase({ dataDir: join(temp, 'target'), file })
    await expect(restoreDatabase({ dataDir: join(temp, 'target'), file })).rejects.toThrow(/not empty/)
    // Refusals the operator can fix are BackupRefusedError: the scripts print them without a stack trace.
    await expect(restoreDatabase({ dataDir: join(temp, 'target'), file })).rejects.toBeInstanceOf(BackupRefusedError)
    await expect(restoreDatabase({ dataDir: join(temp, 'elsewhere'), file: join(temp, 'missing.tar.gz') })).rejects.toThrow(new BackupRefusedError(`No backup file at ${join(temp, 'missing.tar.gz')}.`))
    await expect(backupDatabase({ dataDir: join(temp, 'nothing-here'), file: join(temp, 'x.tar.gz') })).rejects.toBeInstanceOf(BackupRefusedError)

    const target = await createDatabase({ dataDir: join(temp, 'target') })
    const after = await tableFingerprints(target.db)
    await target.close()
    expect(before.find((t) => t.table === 'users')!.rows).toBeGreaterThan(5)
    expect(after).toEqual(before)
  }
}

async function roundTripPostgres() {
  {
    const server = process.env.TEST_DATABASE_URL!
    const names = [`opgave_bk_${randomUUID().slice(0, 8)}`, `opgave_rs_${randomUUID().slice(0, 8)}`]
    const admin = new pg.Client({ connectionString: server })
    await admin.connect()
    for (const name of names) await admin.query(`CREATE DATABASE ${name}`)
    const urlOf = (name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString()
    try {
      const source = await createDatabase({ databaseUrl: urlOf(names[0]!) })
      await source.migrate()
      await seedDemoData(source.db)
      const before = await tableFingerprints(source.db)
      await source.close()
      const file = join(temp, 'backup.dump')
      await backupDatabase({ databaseUrl: urlOf(names[0]!), dataDir: temp, file })
      await restoreDatabase({ databaseUrl: urlOf(names[1]!), dataDir: temp, file })
      const target = await createDatabase({ databaseUrl: urlOf(names[1]!) })
      const after = await tableFingerprints(target.db)
      await target.close()
      expect(after).toEqual(before)
    } finally {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  }
}
