import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { ProblemError } from '../../src/lib/problem'
import type { DatabaseHandle } from '../../src/db/client'
import { createTestDatabase, testConfig } from '../test-app'

/** The headers every API answer must carry, whatever its status (OWASP ASVS V3.4, NLGov API-Version). */
function expectSecurityHeaders(status: number, headers: Record<string, unknown>) {
  const label = `status ${status}`
  expect(headers['x-content-type-options'], label).toBe('nosniff')
  expect(headers['x-frame-options'], label).toBe('DENY')
  expect(headers['cache-control'], label).toBe('no-store')
  expect(headers['api-version'], label).toMatch(/^\d+\.\d+\.\d+$/)
  expect(headers['content-security-policy'], label).toContain("frame-ancestors 'none'")
  expect(headers['strict-transport-security'], label).toMatch(/max-age=\d+/)
  expect(headers['referrer-policy'], label).toBe('no-referrer')
  expect(headers['x-powered-by'], label).toBeUndefined()
}

describe('security headers on every status', () => {
  let database: DatabaseHandle
  let app: Awaited<ReturnType<typeof buildApp>>
  const seen = new Set<number>()

  beforeAll(async () => {
    database = await createTestDatabase()
    app = await buildApp({ config: testConfig({ rateLimitPerMinute: 30 }), db: database.db, logger: false })
    // Test-only routes, in this test-built app alone: an unexpected failure and a 405.
    app.get('/api/v1/test-only/boom', async () => {
      throw new Error('unexpected failure with internal detail')
    })
    app.get('/api/v1/test-only/method', async () => {
      throw new ProblemError(405, 'request.method_not_allowed', 'Method not allowed', 'Use POST.', undefined, { Allow: 'POST' })
    })
    await app.ready()
  })
  afterAll(async () => {
    console.log(`[headers] statuses checked: ${[...seen].sort().join(', ')}`)
    await app.close()
    await database.close()
  })

  const check = async (expected: number, request: InjectOptions) => {
    const res = await app.inject(request)
    expect(res.statusCode, JSON.stringify(request).slice(0, 120)).toBe(expected)
    if (expected >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expectSecurityHeaders(expected, res.headers as Record<string, unknown>)
    seen.add(expected)
    return res
  }

  it('200, 400, 401, 404, 405, 413, 415 and 500 all carry them', async () => {
    await check(200, { method: 'GET', url: '/api/v1/health' })
    await check(400, { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": ' })
    await check(401, { method: 'GET', url: '/api/v1/me' })
    await check(404, { method: 'GET', url: '/api/v1/nothing-here' })
    await check(405, { method: 'GET', url: '/api/v1/test-only/method' })
    await check(413, { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'x@example.nl', password: 'x'.repeat(1024 * 1024 + 1) }) })
    await check(415, { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<login/>' })
    const boom = await check(500, { method: 'GET', url: '/api/v1/test-only/boom' })
    expect(boom.body).not.toContain('internal detail')
  })

  it('429 carries them too, with Retry-After', async () => {
    // Failed logins are throttled per account and IP.
    const login = () => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'niemand@example.nl', password: 'verkeerd-wachtwoord-1' } })
    let res = await login()
    for (let i = 0; i < 40 && res.statusCode !== 429; i++) res = await login()
    expect(res.statusCode).toBe(429)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.headers['retry-after']).toBeDefined()
    expectSecurityHeaders(429, res.headers as Record<string, unknown>)
    seen.add(429)
  })
})
