import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client'
import type { Database } from '../db/client'
import { commonProblems } from '../lib/problem'
import { outboxBacklog } from '../modules/outbox/outbox.service'
import { HttpRequestMetrics, type MetricValue } from './http-request-metrics'

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A metric whose values are computed when /metrics is read; prom-client's Registry prints it like its own. */
function computedMetric(name: string, help: string, type: 'counter' | 'histogram', values: () => MetricValue[]): Metric {
  return { name, help, type, get: async () => ({ name, help, type, values: values(), aggregator: 'sum' }) } as unknown as Metric
}

/**
 * Prometheus metrics at /metrics, only when METRICS_TOKEN is set and only with `Authorization: Bearer <token>`.
 * Routes are labelled by their pattern (/api/v1/challenges/:challengeId), never the raw URL, so labels stay few
 * and carry no ids or tokens. Each app has its own registry (tests build many apps in one process).
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { token?: string; db: Database; now: () => Date }) => {
    // Without a token nobody can read them: nothing is collected (no hook on every request, no sampling timers).
    if (!opts.token) return
    const register = new Registry()
    collectDefaultMetrics({ register })
    const http = new HttpRequestMetrics()
    register.registerMetric(computedMetric('opgave_http_requests_total', 'HTTP requests', 'counter', () => http.counterValues()))
    register.registerMetric(computedMetric('opgave_http_request_duration_seconds', 'HTTP request latency', 'histogram', () => http.histogramValues('opgave_http_request_duration_seconds')))
    const queueDepth = new Gauge({ name: 'opgave_email_outbox_pending', help: 'Emails due and waiting to be sent', registers: [register] })
    const scheduledMails = new Gauge({ name: 'opgave_email_outbox_scheduled', help: 'Emails waiting by design until a set time (a mail gathering changes)', registers: [register] })
    const failedJobs = new Gauge({ name: 'opgave_email_outbox_failed', help: 'Emails that failed after all retries', registers: [register] })
    const jobQueueDepth = new Gauge({ name: 'opgave_job_queue_depth', help: 'Background jobs waiting (new or waiting for a retry), per queue', labelNames: ['queue'], registers: [register] })
    const jobsActive = new Gauge({ name: 'opgave_jobs_active', help: 'Background jobs running now, per queue', labelNames: ['queue'], registers: [register] })
    const jobsFailed = new Gauge({ name: 'opgave_jobs_failed', help: 'Background jobs failed after all retries (kept 14 days), per queue', labelNames: ['queue'], registers: [register] })

    // A callback hook: no promise per request.
    app.addHook('onResponse', (request, reply, done) => {
      http.record(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000)
      done()
    })

    const token = opts.token
    app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false } }, async (request, reply) => {
      const given = request.headers.authorization?.replace(/^Bearer /, '') ?? ''
      if (!sameToken(given, token)) throw commonProblems.unauthenticated('A metrics token is required.')
      const backlog = await outboxBacklog(opts.db, opts.now())
      queueDepth.set(backlog.due)
      scheduledMails.set(backlog.scheduled)
      failedJobs.set(backlog.failed)
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
