import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * PGlite is one process's database: two processes on one data folder each keep their own buffers and
 * transaction ids and overwrite each other's files (seen: the bench ran two app instances on one folder,
 * and afterwards ANALYZE failed there with "tuple concurrently updated" or hung). A lock file beside the
 * folder, naming the process that holds it, makes the second one stop with a clear message instead:
 * a second `pnpm start`, a backup or restore while the server runs.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database is in use by another process (pid ${pid}); PGlite allows one process per data folder. ` +
        `Stop that process, or use another DATA_DIR. If no such process runs, remove ${lockFile}.`,
    )
    this.name = 'DataDirInUseError'
  }
}

interface LockHolder {
  pid: number
}

/** The lock of the PGlite folder `dir` (`DATA_DIR/pglite`): beside it, so no dump or restore of the folder carries it. */
export const lockFileOf = (dir: string) => `${resolve(dir)}.lock`

/** Whether a process runs with this pid (one owned by another user counts: it runs). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether a lock found on the folder still stands: its process runs and is not this one. A lock
 * naming this process's own pid is a previous life's (a container's server is always pid 1); an
 * unreadable one was left half-written by a crash.
 */
export function lockStands(holder: LockHolder | null, ownPid: number, runs: (pid: number) => boolean): holder is LockHolder {
  return holder !== null && holder.pid !== ownPid && runs(holder.pid)
}

function readHolder(lockFile: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<LockHolder>
    return Number.isInteger(parsed.pid) && parsed.pid! > 0 ? { pid: parsed.pid! } : null
  } catch {
    return null
  }
}

/** The locks this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>()

/**
 * Takes the lock or throws DataDirInUseError; returns the release. The lock file is written whole under
 * a temporary name and then linked into place, so another process never reads a half-written one.
 * A stale lock (its process gone) is replaced. Not guarded: two processes replacing the same stale lock
 * in the same instant.
 */
export function lockDataDir(file: string, { pid = process.pid, runs = processRuns }: { pid?: number; runs?: (pid: number) => boolean } = {}): () => void {
  const lockFile = resolve(file)
  if (heldHere.has(lockFile)) throw new DataDirInUseError(lockFile, process.pid)
  const draft = `${lockFile}.${pid}.${Date.now()}`
  writeFileSync(draft, JSON.stringify({ pid, since: new Date().toISOString() }))
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        linkSync(draft, lockFile)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        const holder = readHolder(lockFile)
        if (lockStands(holder, pid, runs) || attempt >= 3) throw new DataDirInUseError(lockFile, holder?.pid ?? 0)
        rmSync(lockFile, { force: true })
      }
    }
  } finally {
    rmSync(draft, { force: true })
  }
  heldHere.add(lockFile)
  return () => {
    if (!heldHere.delete(lockFile)) return
    if (readHolder(lockFile)?.pid === pid) rmSync(lockFile, { force: true })
  }
}
