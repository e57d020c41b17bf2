import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { createDatabase, queryRows, sql, type DatabaseHandle } from './api'

export { sql, queryRows }

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
export const REPO_DIR = join(BENCH_DIR, '..')

/** `--name value` and bare `--flag` arguments; pnpm passes a literal `--` through, which is skipped. */
export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--') || arg === '--') continue
    const next = argv[i + 1]
    if (next !== undefined && !next.startsWith('--')) {
      out[arg.slice(2)] = next
      i++
    } else out[arg.slice(2)] = true
  }
  return out
}

export function intArg(args: Record<string, string | true>, name: string, fallback: number): number {
  const raw = args[name]
  if (raw === undefined || raw === true) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got ${raw}`)
  return n
}

export type DriverChoice = { kind: 'pg'; url: string } | { kind: 'pglite'; dataDir: string }

/** The bench's own PGlite folder: one per size, so a quick run never overwrites full-size data. */
export const pgliteDir = (profile: string) => join(BENCH_DIR, '.data', profile)

export function chooseDriver(profile: string, env = process.env): DriverChoice {
  return env.DATABASE_URL ? { kind: 'pg', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: pgliteDir(profile) }
}

/** Opens the bench database as a starting server does: on PGlite, with its planner statistics gathered. */
export async function openDatabase(choice: DriverChoice): Promise<DatabaseHandle> {
  const handle = choice.kind === 'pg' ? await createDatabase({ databaseUrl: choice.url }) : await createDatabase({ dataDir: choice.dataDir })
  await handle.refreshStatistics()
  return handle
}

/** What the generator wrote, so a run can tell whether the data fits the sizes it wants. */
export interface DataMeta {
  proposals: number
  jurors: number
  panel: number
  criteria: number
  challenges: number
  seed: number
  /** Benchmark 2: jurors scoring at once, and the pitch round's proposals each of them scores. */
  scoringJurors: number
  scoringProposals: number
  generatedAt: string
}

export async function readMeta(handle: DatabaseHandle): Promise<DataMeta | null> {
  try {
    const rows = await queryRows<{ meta: DataMeta | string }>(handle.db, sql`select meta from bench.meta limit 1`)
    const meta = rows[0]?.meta
    return meta ? (typeof meta === 'string' ? (JSON.parse(meta) as DataMeta) : meta) : null
  } catch {
    return null
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[idx]!
}

export const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 50)

export async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}
