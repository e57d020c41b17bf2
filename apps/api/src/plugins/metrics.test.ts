import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../test/test-app'
import { http } from '../../test/http'

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
      queue: { pendingEmails: 0, oldestPendingSeconds: null, failedEmails: 0 },
      jobs: { status: 'up', waiting: 0, failed: 0 },
    })
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
