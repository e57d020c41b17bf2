import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { count, eq } from 'drizzle-orm'
import { Counter, Histogram, Gauge, Registry, collectDefaultMetrics } from 'prom-client'
import type { Database } from '../db/client'
import { commonProblems } from '../lib/problem'
import { emailOutbox } from '../modules/outbox/outbox.table'

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Prometheus metrics at /metrics, only when METRICS_TOKEN is set and only with `Authorization: Bearer <token>`.
 * Routes are labelled by their pattern (/api/v1/challenges/:challengeId), never the raw URL, so labels stay few
 * and carry no ids or tokens. Each app has its own registry (tests build many apps in one process).
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { token?: string; db: Database }) => {
    const register = new Registry()
    collectDefaultMetrics({ register })
    const requests = new Counter({ name: 'opgave_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [register] })
    const duration = new Histogram({
      name: 'opgave_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [register],
    })
    const queueDepth = new Gauge({ name: 'opgave_email_outbox_pending', help: 'Emails waiting to be sent', registers: [register] })
    const failedJobs = new Gauge({ name: 'opgave_email_outbox_failed', help: 'Emails that failed after all retries', registers: [register] })
    const jobQueueDepth = new Gauge({ name: 'opgave_job_queue_depth', help: 'Background jobs waiting (new or waiting for a retry), per queue', labelNames: ['queue'], registers: [register] })
    const jobsActive = new Gauge({ name: 'opgave_jobs_active', help: 'Background jobs running now, per queue', labelNames: ['queue'], registers: [register] })
    const jobsFailed = new Gauge({ name: 'opgave_jobs_failed', help: 'Background jobs failed after all retries (kept 14 days), per queue', labelNames: ['queue'], registers: [register] })

    // The labelled series, looked up once per (method, route, status) instead of hashing the labels on every
    // request; routes are patterns, so there are few. A callback hook: no promise per request.
    const series = new Map<string, { count: { inc(): void }; time: { observe(seconds: number): void } }>()
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched'
      const key = `${request.method} ${reply.statusCode} ${route}`
      let labelled = series.get(key)
      if (!labelled) {
        labelled = { count: requests.labels(request.method, route, String(reply.statusCode)), time: duration.labels(request.method, route) }
        series.set(key, labelled)
      }
      labelled.count.inc()
      labelled.time.observe(reply.elapsedTime / 1000)
      done()
    })

    if (!opts.token) return
    const token = opts.token
    app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (request, reply) => {
      const given = request.headers.authorization?.replace(/^Bearer /, '') ?? ''
      if (!sameToken(given, token)) throw commonProblems.unauthenticated('A metrics token is required.')
      const [pending] = await opts.db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, 'pending'))
      const [failed] = await opts.db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, 'failed'))
      queueDepth.set(pending?.n ?? 0)
      failedJobs.set(failed?.n ?? 0)
      for (const { queue, counts } of await app.jobs.counts()) {
        jobQueueDepth.set({ queue }, counts.created + counts.retry)
        jobsActive.set({ queue }, counts.active)
        jobsFailed.set({ queue }, counts.failed)
      }
      return reply.type(register.contentType).send(await register.metrics())
    })
  },
  { name: 'metrics' },
)
