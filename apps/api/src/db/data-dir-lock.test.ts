import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupDatabase } from './backup'
import { createDatabase } from './client'
import { DataDirInUseError, lockDataDir, lockFileOf, lockStands, processRuns } from './data-dir-lock'

/** The pid of a process that has ended. */
const endedPid = () => spawnSync(process.execPath, ['-e', '']).pid!

describe('lockStands', () => {
  const runs = (pid: number) => pid === 4242
  it('stands while its process runs and is not this one; a gone, own or unreadable holder does not', () => {
    expect(lockStands({ pid: 4242 }, 1, runs)).toBe(true)
    expect(lockStands({ pid: 4343 }, 1, runs)).toBe(false)
    expect(lockStands({ pid: 4242 }, 4242, runs)).toBe(false)
    expect(lockStands(null, 1, runs)).toBe(false)
  })
})

describe('lockDataDir', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opgave-lock-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses the folder while another process holding it runs, and a second open in this process', () => {
    const file = join(dir, 'pglite.lock')
    // pid 1 runs on every machine: a lock it holds stands.
    writeFileSync(file, JSON.stringify({ pid: 1 }))
    expect(() => lockDataDir(file)).toThrow(DataDirInUseError)
    expect(() => lockDataDir(file)).toThrow('in use by another process (pid 1)')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pid: 1 })
    rmSync(file)

    const release = lockDataDir(file)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid })
    expect(() => lockDataDir(file)).toThrow(DataDirInUseError)
    release()
    expect(existsSync(file)).toBe(false)
    lockDataDir(file)()
  })

  it('replaces a lock whose process has ended, and one left half-written', () => {
    const file = join(dir, 'pglite.lock')
    const gone = endedPid()
    expect(processRuns(gone)).toBe(false)
    writeFileSync(file, JSON.stringify({ pid: gone }))
    const release = lockDataDir(file)
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid)
    release()
    writeFileSync(file, '{"pi')
    lockDataDir(file)()
    expect(existsSync(file)).toBe(false)
  })

  it('leaves no temporary files behind, refused or taken', () => {
    const file = join(dir, 'pglite.lock')
    writeFileSync(file, JSON.stringify({ pid: 1 }))
    expect(() => lockDataDir(file)).toThrow(DataDirInUseError)
    expect(readdirSync(dir)).toEqual(['pglite.lock'])
    rmSync(file)
    const release = lockDataDir(file)
    expect(readdirSync(dir)).toEqual(['pglite.lock'])
    release()
  })
})

describe('the embedded database on disk', () => {
  let dataDir: string
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'opgave-data-'))
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  it('opens once at a time: a second open and a backup are refused while it is open, and work after it closed', async () => {
    const first = await createDatabase({ dataDir })
    expect(existsSync(lockFileOf(join(dataDir, 'pglite')))).toBe(true)
    await expect(createDatabase({ dataDir })).rejects.toThrow(DataDirInUseError)
    await expect(backupDatabase({ dataDir, file: join(dataDir, 'backup.tar.gz') })).rejects.toThrow(DataDirInUseError)
    await first.close()
    expect(existsSync(lockFileOf(join(dataDir, 'pglite')))).toBe(false)
    await backupDatabase({ dataDir, file: join(dataDir, 'backup.tar.gz') })
    const second = await createDatabase({ dataDir })
    await second.close()
  })
})
