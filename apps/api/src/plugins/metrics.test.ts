import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../test/test-app'
import { http } from '../../test/http'
import { emailOutbox } from '../modules/outbox/outbox.table'

const TOKEN = 'metrics-token-for-tests-0123456789'

describe('observability', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp({ metricsToken: TOKEN })
  })
  afterAll(() => ctx.close())

  it('serves Prometheus metrics only with the token, labelled by route pattern', async () => {
    await http(ctx).get('/api/v1/health')
    await http(ctx).get('/api/v1/invitations/secret-token-that-must-not-appear-123')
    expect((await http(ctx).get('/metrics')).status).toBe(401)
    expect((await http(ctx).get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token-00')).status).toBe(401)
    const res = await http(ctx).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)
    expect(res.status).toBe(200)
    expect(res.text).toMatch(/opgave_http_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} 1/)
    expect(res.text).toContain('# TYPE opgave_http_requests_total counter')
    expect(res.text).toContain('# TYPE opgave_http_request_duration_seconds histogram')
    expect(res.text).toMatch(/opgave_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/v1\/health"\} 1\n/)
    expect(res.text).toMatch(/opgave_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health"\} 1\n/)
    expect(res.text).toContain('opgave_email_outbox_pending 0')
    expect(res.text).toContain('opgave_job_queue_depth{queue="email.send"} 0')
    expect(res.text).toContain('opgave_jobs_failed{queue="deadlines.remind"} 0')
    expect(res.text).toContain('route="/api/v1/invitations/:token"')
    expect(res.text).not.toContain('secret-token-that-must-not-appear')
  })

  it('reports readiness with the queue state', async () => {
    const res = await http(ctx).get('/api/v1/health/ready')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: 'ready',
      database: 'up',
      queue: { pendingEmails: 0, oldestPendingSeconds: null, scheduledEmails: 0, failedEmails: 0 },
      jobs: { status: 'up', waiting: 0, failed: 0 },
    })
  })

  it('counts a mail that waits by design as scheduled, and as due only from its time, not its making', async () => {
    const now = ctx.clock.now.getTime()
    const ago = (s: number) => new Date(now - s * 1000)
    await ctx.database.db.insert(emailOutbox).values([
      { to: 'a@mail.nl', subject: 'Due for long', text: 'x', createdAt: ago(90) },
      { to: 'b@mail.nl', subject: 'Made long ago, due since 30 s', text: 'x', createdAt: ago(600), notBefore: ago(30) },
      { to: 'c@mail.nl', subject: 'Waiting to gather changes', text: 'x', createdAt: ago(900), notBefore: ago(-300) },
      { to: 'd@mail.nl', subject: 'Sent', text: 'x', createdAt: ago(900), status: 'sent' },
    ])
    try {
      const ready = await http(ctx).get('/api/v1/health/ready')
      expect(ready.body.queue).toEqual({ pendingEmails: 2, oldestPendingSeconds: 90, scheduledEmails: 1, failedEmails: 0 })
      const metrics = await http(ctx).get('/metrics').set('Authorization', `Bearer ${TOKEN}`)
      expect(metrics.text).toContain('opgave_email_outbox_pending 2')
      expect(metrics.text).toContain('opgave_email_outbox_scheduled 1')
    } finally {
      await ctx.database.db.delete(emailOutbox)
    }
  })
})

describe('without METRICS_TOKEN', () => {
  it('has no metrics endpoint', async () => {
    const ctx = await createTestApp()
    try {
      expect((await http(ctx).get('/metrics')).status).toBe(404)
    } finally {
      await ctx.close()
    }
  })
})
