import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { createTestApp, createTestDatabase, testConfig, type TestContext } from '../test/test-app'
import { assertNoInternals, http, STRONG_PASSWORD } from '../test/http'

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'api-version': '1.0.0',
}

function expectSecurityHeaders(headers: Record<string, unknown>) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name], name).toBe(value)
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+/)
  expect(headers['x-powered-by']).toBeUndefined()
}

describe('the API shell', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  it('reports database reachability at /health', async () => {
    const res = await http(ctx).get('/api/v1/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', database: 'up' })
    expectSecurityHeaders(res.headers)
  })

  it('answers unknown routes with 404 problem+json and the security headers', async () => {
    const res = await http(ctx).get('/api/v1/does-not-exist')
    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body).toMatchObject({ status: 404, title: 'Not found', code: 'resource.not_found' })
    expectSecurityHeaders(res.headers)
  })

  it('rejects an unknown body field with 400 naming the field, instead of dropping it', async () => {
    const res = await http(ctx).post('/api/v1/auth/register').send({ email: 'a@example.nl', password: STRONG_PASSWORD, name: 'A', isPlatformAdmin: true })
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: '/isPlatformAdmin', code: 'unknown_field' }))
    expect(res.body.detail).toContain('isPlatformAdmin')
  })

  it('names missing and malformed fields, without coercing types in bodies', async () => {
    const res = await http(ctx).post('/api/v1/auth/register').send({ email: 'not-an-email', password: 12345678901 })
    expect(res.status).toBe(400)
    const fields = res.body.errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['/email', '/password', '/name']))
  })

  it('names invalid path parameters', async () => {
    const res = await http(ctx).get('/api/v1/invitations/short')
    expect(res.status).toBe(400)
    expect(res.body.errors[0].field).toBe('params/token')
  })

  it('answers malformed JSON with 400, an oversized body with 413 and a wrong content type with 415', async () => {
    const bad = await http(ctx).post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email": ')
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('request.invalid_json')
    assertNoInternals(bad.body)

    const huge = await http(ctx)
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'x@example.nl', password: 'x'.repeat(1024 * 1024 + 10) }))
    expect(huge.status).toBe(413)
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/)
    expectSecurityHeaders(huge.headers)

    const xml = await http(ctx).post('/api/v1/auth/login').set('content-type', 'application/xml').send('<login/>')
    expect(xml.status).toBe(415)
    expect(xml.body.code).toBe('request.unsupported_media_type')
    expectSecurityHeaders(xml.headers)
  })

  it('serves the OpenAPI document and the browsable docs', async () => {
    const doc = await http(ctx).get('/api/v1/openapi.json')
    expect(doc.status).toBe(200)
    expect(doc.body.openapi).toBe('3.1.0')
    expect(doc.body.servers[0].url).toMatch(/\/api\/v1$/)
    const docs = await http(ctx).get('/api/docs/')
    expect(docs.status).toBe(200)
    expect(docs.text).toContain('swagger')
  })
})

describe('unexpected failures', () => {
  it('answers 500 problem+json without stack trace, SQL or the internal message', async () => {
    const database = await createTestDatabase()
    const app = await buildApp({ config: testConfig(), db: database.db, logger: false })
    app.get('/api/v1/boom', async () => {
      throw new Error('duplicate key value violates unique constraint "users_email_key" at Object.<anonymous> (/src/secret.ts:12:3)')
    })
    await app.ready()
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/boom' })
      expect(res.statusCode).toBe(500)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      const body = res.json()
      expect(body).toMatchObject({ status: 500, code: 'server.error', title: 'Internal server error' })
      expect(res.body).not.toMatch(/constraint|secret\.ts|users_email_key/)
      assertNoInternals(res.body)
      expectSecurityHeaders(res.headers)
    } finally {
      await app.close()
      await database.close()
    }
  })
})
