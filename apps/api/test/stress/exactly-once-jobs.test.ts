import { describe, expect, it } from 'vitest'
import { createJobQueue, QUEUES, type JobQueue } from '../../src/jobs/queue'
import { createTestDatabase } from '../test-app'

const silent = { warn: () => undefined }
const WORKERS = 4
const JOBS = 400

/**
 * Four queue instances (standing for four API instances; on PostgreSQL each has its own connection pool)
 * work the same queue. Every job is run to success exactly once, including the one in ten that fails its
 * first attempt and is retried; and periodic ticks offered by all four every second run once per second.
 */
describe(`exactly-once jobs (${process.env.TEST_DB_DRIVER ?? 'pglite'})`, () => {
  it('runs every job to success once across four workers, with retries, and each periodic tick once', { timeout: 300_000 }, async () => {
    const database = await createTestDatabase()
    const queues: JobQueue[] = Array.from({ length: WORKERS }, () =>
      createJobQueue({ db: database.db, log: silent, emailRetry: { retryLimit: 3, retryDelaySeconds: 1, retryBackoff: false }, pollingIntervalSeconds: 0.5 }),
    )
    try {
      const successes = new Map<number, number>()
      const attempts = new Map<number, number>()
      const byWorker = Array.from({ length: WORKERS }, () => 0)
      for (const [w, queue] of queues.entries()) {
        await queue.work<{ n: number }>(QUEUES.emailSend, async (job) => {
          const n = job.data.n
          attempts.set(n, (attempts.get(n) ?? 0) + 1)
          if (n % 10 === 0 && job.retryCount === 0) throw new Error(`first attempt of ${n} fails`)
          successes.set(n, (successes.get(n) ?? 0) + 1)
          byWorker[w]!++
        })
      }
      const t0 = Date.now()
      // Sent from all four at once.
      await Promise.all(Array.from({ length: JOBS }, (_, n) => queues[n % WORKERS]!.send(QUEUES.emailSend, { n })))
      const deadline = Date.now() + 240_000
      while (successes.size < JOBS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
      const ms = Date.now() - t0
      await new Promise((r) => setTimeout(r, 2000)) // room for a duplicate to show up

      // Ticks: all four offer the same periodic job every second for about six seconds.
      let ticks = 0
      for (const queue of queues) await queue.work(QUEUES.deadlineReminders, async () => void ticks++)
      const tickStart = Date.now()
      for (const queue of queues) queue.every(QUEUES.deadlineReminders, 1)
      await new Promise((r) => setTimeout(r, 6000))
      // Offers continue until stop(): count what ran so far against the slots elapsed so far.
      const ranTicks = ticks
      const tickSeconds = (Date.now() - tickStart) / 1000

      const counts = await queues[0]!.counts()
      const email = counts.find((c) => c.queue === QUEUES.emailSend)!.counts
      console.log(
        `[exactly-once] ${JOBS} jobs over ${WORKERS} workers in ${ms} ms (${Math.round((JOBS / ms) * 1000)} jobs/s); per worker ${JSON.stringify(byWorker)}; ` +
          `attempts ${[...attempts.values()].reduce((a, b) => a + b, 0)} (${JOBS / 10} retried); successes per job ${JSON.stringify([...new Set(successes.values())])}; ` +
          `email.send states ${JSON.stringify(email)}; ticks offered by ${WORKERS} instances each second for ${tickSeconds.toFixed(1)} s: run ${ranTicks}`,
      )
      expect(successes.size).toBe(JOBS)
      expect([...successes.values()].every((n) => n === 1)).toBe(true)
      expect([...attempts.entries()].every(([n, count]) => count === (n % 10 === 0 ? 2 : 1))).toBe(true)
      expect(email.completed).toBe(JOBS)
      expect(email.failed).toBe(0)
      // One tick per one-second slot, never one per instance (that would be about 4 × 6 = 24).
      // (Each one-second slot seen by any instance, plus the slot under way, holds at most one.)
      expect(ranTicks).toBeGreaterThanOrEqual(4)
      expect(ranTicks).toBeLessThanOrEqual(Math.ceil(tickSeconds) + 1)
    } finally {
      for (const queue of queues) await queue.stop()
      await database.close()
    }
  })
})
