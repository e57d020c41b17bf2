import type { PGlite } from '@electric-sql/pglite'
import PgBoss from 'pg-boss'
import type pg from 'pg'
import type { Database } from '../db/client'

/** Every queue Opgave uses. Job data holds ids only, never personal data: the admin screen shows it. */
export const QUEUES = {
  /** One email from the outbox; retried with exponential backoff, then the outbox row is marked failed. */
  emailSend: 'email.send',
  /** Periodic: hands pending outbox rows to email.send. */
  outboxRelay: 'outbox.relay',
  /** Periodic: stores 'closed' for challenges past their submission deadline and tells followers. */
  closeChallenges: 'challenges.close-due',
  /** Periodic: reminders 48 hours before the questions and submission deadlines. */
  deadlineReminders: 'deadlines.remind',
  /** A large round's results (calibration, alpha, rank stability): computed here, not in the chair's request. */
  juryResults: 'jury.compute-results',
  /** A large written round's optimal assignment (min-cost flow over every juror × proposal pair). */
  juryAssignment: 'jury.assign',
  /** Periodic, embedded database only: autovacuum's work, which PGlite does not do itself (db/maintenance.ts). */
  databaseMaintenance: 'database.maintain',
} as const
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]
export const QUEUE_NAMES = Object.values(QUEUES) as QueueName[]

/** Job states as pg-boss names them; 'created' and 'retry' are the waiting ones. */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const
export type JobState = (typeof JOB_STATES)[number]

export interface RetryPolicy {
  retryLimit: number
  retryDelaySeconds: number
  retryBackoff: boolean
}

/** Email: 5 retries starting at 30 s, doubling (about 15 minutes in all) before the row is marked failed. */
export const DEFAULT_EMAIL_RETRY: RetryPolicy = { retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true }
/** Periodic ticks are not retried: the next tick does the same work. */
const TICK_RETRY: RetryPolicy = { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false }

export interface Job<T> {
  id: string
  data: T
  retryCount: number
  retryLimit: number
}

export interface QueueCounts {
  queue: string
  counts: Record<JobState, number>
}

export interface JobSummary {
  id: string
  queue: string
  state: JobState
  data: unknown
  retryCount: number
  retryLimit: number
  createdAt: Date
  startedAt: Date | null
  finishedAt: Date | null
  /** The error message of the last failed attempt (never the stack). */
  error: string | null
}

/** The one job interface, on PostgreSQL (pg-boss with its own small pool) and on PGlite (pg-boss through an in-process adapter). */
export interface JobQueue {
  start(): Promise<void>
  stop(): Promise<void>
  send<T extends object>(queue: QueueName, data: T, options?: { id?: string; singletonKey?: string; singletonSeconds?: number }): Promise<string | null>
  work<T>(queue: QueueName, handler: (job: Job<T>) => Promise<void>): Promise<void>
  /**
   * Every `seconds`, each instance offers one tick job for `queue` keyed by the time slot: pg-boss's
   * singleton index keeps one per slot across all instances, and one worker anywhere runs it.
   */
  every(queue: QueueName, seconds: number): void
  counts(): Promise<QueueCounts[]>
  list(options: { queue?: QueueName; states: JobState[]; limit: number }): Promise<JobSummary[]>
  ping(): Promise<boolean>
}

/** Waiting, retrying or running: a job that will still do its work. */
export const OPEN_JOB_STATES: JobState[] = ['created', 'retry', 'active']

/**
 * A job of `name` in one of `states` about one object: jobs that work on one object carry its id as
 * `data[key]` (e.g. `roundId`), so a second request for the same work finds the job already there.
 */
export async function findJobAbout(queue: JobQueue, name: QueueName, states: JobState[], key: string, subjectId: string): Promise<JobSummary | undefined> {
  const jobs = await queue.list({ queue: name, states, limit: 200 })
  return jobs.find((job) => (job.data as Record<string, unknown> | null)?.[key] === subjectId)
}

export interface JobQueueOptions {
  db: Database
  /** Set on PostgreSQL in production: pg-boss gets its own small pool so polling never waits behind requests. */
  databaseUrl?: string
  log: { warn(obj: object, msg: string): void }
  emailRetry?: RetryPolicy
  /** How often idle workers look for jobs. */
  pollingIntervalSeconds?: number
}

type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }

/** pg-boss speaks to PGlite through this: statements without parameters may be several (its schema scripts). */
export function pgliteExecutor(client: PGlite): Executor {
  return {
    async executeSql(text, values = []) {
      if (values.length === 0) {
        const results = await client.exec(text)
        return { rows: results.at(-1)?.rows ?? [] }
      }
      const result = await client.query(text, values)
      return { rows: result.rows }
    },
  }
}

/** Without a URL of its own, pg-boss shares the app's client: PGlite in one process, or the app's pool (tests). */
function clientExecutor(client: PGlite | pg.Pool): Executor {
  if ('exec' in client) return pgliteExecutor(client)
  return {
    async executeSql(text, values = []) {
      const result = (await client.query(text, values)) as unknown as pg.QueryResult | pg.QueryResult[]
      return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows }
    },
  }
}

/**
 * Counts the statements pg-boss runs on a client it shares with the app. pg-boss completes a batch right
 * after its handler returns, possibly after `boss.stop()` has resolved; closing the shared client at that
 * moment would fail that statement as an unhandled rejection. `settled()` waits until nothing has run for
 * `quietMs` (at most `maxMs`), so the owner closes the client only after the last completion.
 */
export function trackedExecutor(executor: Executor, clock: () => number = Date.now) {
  let inFlight = 0
  let lastActivity = 0
  return {
    executor: {
      async executeSql(text: string, values?: unknown[]) {
        inFlight++
        lastActivity = clock()
        try {
          return await executor.executeSql(text, values)
        } finally {
          inFlight--
          lastActivity = clock()
        }
      },
    } satisfies Executor,
    async settled(quietMs = 100, maxMs = 5_000) {
      const deadline = clock() + maxMs
      while (clock() < deadline && (inFlight > 0 || clock() - lastActivity < quietMs)) await new Promise((r) => setTimeout(r, 20))
    },
  }
}

const SCHEMA = 'pgboss'
const BATCH_SIZE = 20

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const emailRetry = options.emailRetry ?? DEFAULT_EMAIL_RETRY
  const polling = Math.max(0.5, options.pollingIntervalSeconds ?? 2)
  const common = {
    schema: SCHEMA,
    // Failed jobs stay in the job table (visible to platform admins) for two weeks; completed ones for a day.
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 14 * 24 * 3600,
  }
  const shared = options.databaseUrl ? undefined : trackedExecutor(clientExecutor((options.db as unknown as { $client: PGlite | pg.Pool }).$client))
  const boss = shared
    ? new PgBoss({ ...common, db: shared.executor as PgBoss.Db })
    : new PgBoss({ ...common, connectionString: options.databaseUrl, max: 3, application_name: 'opgave-jobs' })
  const sql: Executor = { executeSql: (text, values) => boss.getDb().executeSql(text, values ?? []) }
  boss.on('error', (error) => options.log.warn({ err: error }, 'job queue error'))

  const timers: NodeJS.Timeout[] = []
  let started: Promise<void> | undefined
  let stopped = false
  let stopping: Promise<void> | undefined

  async function install() {
    await boss.start()
    for (const name of QUEUE_NAMES) {
      const retry = name === QUEUES.emailSend ? emailRetry : TICK_RETRY
      const queue = { name, policy: 'standard' as const, retryLimit: retry.retryLimit, retryDelay: retry.retryDelaySeconds, retryBackoff: retry.retryBackoff }
      // Instances starting together create the same queues at once; PostgreSQL may then pick one as a
      // deadlock victim. Try again after a short random pause: by then the other has created it.
      for (let attempt = 1; ; attempt++) {
        try {
          if (await boss.getQueue(name)) await boss.updateQueue(name, queue)
          else await boss.createQueue(name, queue)
          break
        } catch (error) {
          if (attempt >= 5) throw error
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 250 * attempt))
        }
      }
    }
  }

  const queue: JobQueue = {
    start() {
      started ??= install()
      return started
    },
    stop() {
      stopping ??= (async () => {
        stopped = true
        for (const t of timers) clearInterval(t)
        if (!started) return
        await started.catch(() => undefined)
        await boss.stop({ graceful: true, wait: true, close: true, timeout: 10_000 })
        // On the app's own client: let the last batch's completion finish before the app closes the client.
        await shared?.settled()
      })()
      return stopping
    },
    async send(name, data, sendOptions = {}) {
      await queue.start()
      return boss.send(name, data, sendOptions)
    },
    async work<T>(name: QueueName, handler: (job: Job<T>) => Promise<void>) {
      await queue.start()
      // A worker sleeps the polling interval after each fetch, so it fetches a batch; each job in it
      // succeeds or fails on its own (pg-boss completes the rest of the batch when this returns).
      await boss.work<T>(name, { pollingIntervalSeconds: polling, batchSize: BATCH_SIZE, includeMetadata: true }, async (batch) => {
        for (const job of batch) {
          try {
            await handler({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit })
          } catch (error) {
            await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) })
          }
        }
      })
    },
    every(name, seconds) {
      const offer = () => {
        if (stopped) return
        queue.send(name, {}, { singletonKey: name, singletonSeconds: seconds }).catch((error: unknown) => options.log.warn({ err: error, queue: name }, 'could not offer a periodic job'))
      }
      offer()
      const timer = setInterval(offer, seconds * 1000)
      timer.unref()
      timers.push(timer)
    },
    async counts() {
      await queue.start()
      const { rows } = await sql.executeSql(`SELECT name, state, count(*)::int AS n FROM ${SCHEMA}.job WHERE name = ANY($1::text[]) GROUP BY name, state`, [QUEUE_NAMES])
      return QUEUE_NAMES.map((name) => {
        const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>
        for (const row of rows as { name: string; state: JobState; n: number }[]) if (row.name === name) counts[row.state] = Number(row.n)
        return { queue: name, counts }
      })
    },
    async list({ queue: name, states, limit }) {
      await queue.start()
      const { rows } = await sql.executeSql(
        `SELECT id, name, state, data, retry_count, retry_limit, created_on, started_on, completed_on, output->>'message' AS error
           FROM ${SCHEMA}.job
          WHERE name = ANY($1::text[]) AND state::text = ANY($2::text[])
          ORDER BY created_on DESC LIMIT $3`,
        [name ? [name] : QUEUE_NAMES, states, limit],
      )
      return (rows as Record<string, unknown>[]).map((r) => ({
        id: String(r.id),
        queue: String(r.name),
        state: r.state as JobState,
        data: r.data ?? null,
        retryCount: Number(r.retry_count),
        retryLimit: Number(r.retry_limit),
        createdAt: new Date(r.created_on as string),
        startedAt: r.started_on ? new Date(r.started_on as string) : null,
        finishedAt: r.completed_on ? new Date(r.completed_on as string) : null,
        error: typeof r.error === 'string' ? r.error.slice(0, 500) : null,
      }))
    },
    async ping() {
      try {
        await queue.start()
        await sql.executeSql(`SELECT 1 FROM ${SCHEMA}.version LIMIT 1`, [])
        return true
      } catch {
        return false
      }
    },
  }
  return queue
}
