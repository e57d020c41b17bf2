import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../../../test/test-app'
import { bearer, http, refreshCookie, registerUser, STRONG_PASSWORD } from '../../../test/http'
import { users } from '../users/users.table'

// Attacks (forged, expired and misaddressed tokens, refresh-token replay, logout, disabled users, identical
// answers for unknown accounts, distributed brute force) are in test/security/token-attacks.test.ts.
describe('accounts and sessions', () => {
  let ctx: TestContext
  beforeAll(async () => {
    // Behind a trusted proxy each test can speak from its own IP, so the per-IP throttle stays per test.
    ctx = await createTestApp({ trustProxy: true })
  })
  afterAll(() => ctx.close())

  it('registers, returns the user and a refresh cookie that is httpOnly, Secure and SameSite=Strict', async () => {
    const res = await http(ctx).post('/api/v1/auth/register').send({ email: 'Anna@Example.NL', password: STRONG_PASSWORD, name: 'Anna', locale: 'en' })
    expect(res.status).toBe(201)
    expect(res.body.user).toMatchObject({ email: 'anna@example.nl', name: 'Anna', locale: 'en', isPlatformAdmin: false, memberships: [] })
    expect(res.body.expiresIn).toBe(900)
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('opgave_refresh='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/Secure/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/)
    const me = await http(ctx).get('/api/v1/me').set(bearer(res.body.accessToken))
    expect(me.status).toBe(200)
    expect(me.body.email).toBe('anna@example.nl')
    const [stored] = await ctx.database.db.select().from(users).where(eq(users.email, 'anna@example.nl'))
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/)
  })

  it('refuses short and common passwords and a taken email, naming the field', async () => {
    const short = await http(ctx).post('/api/v1/auth/register').send({ email: 'b@example.nl', password: 'kort', name: 'B' })
    expect(short.status).toBe(400)
    expect(short.body.errors[0].field).toBe('/password')
    const common = await http(ctx).post('/api/v1/auth/register').send({ email: 'b@example.nl', password: 'password123', name: 'B' })
    expect(common.status).toBe(400)
    expect(common.body.errors[0]).toMatchObject({ field: '/password', code: 'password.too_common' })
    const taken = await http(ctx).post('/api/v1/auth/register').send({ email: 'ANNA@example.nl', password: STRONG_PASSWORD, name: 'Other' })
    expect(taken.status).toBe(400)
    expect(taken.body.errors[0]).toMatchObject({ field: '/email', code: 'auth.email_unavailable' })
  })

  it('answers the 6th failed login for an account within a minute with 429 and Retry-After, then lets it in after the window', async () => {
    await registerUser(ctx, 'dirk@example.nl')
    const attempt = () => http(ctx).post('/api/v1/auth/login').set('x-forwarded-for', '10.0.1.1').send({ email: 'dirk@example.nl', password: 'not-his-password' })
    for (let i = 1; i <= 5; i++) expect((await attempt()).status).toBe(401)
    const sixth = await attempt()
    expect(sixth.status).toBe(429)
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(sixth.body.code).toBe('auth.too_many_attempts')
    // Even the right password waits until the window has passed.
    const right = () => http(ctx).post('/api/v1/auth/login').set('x-forwarded-for', '10.0.1.2').send({ email: 'dirk@example.nl', password: STRONG_PASSWORD })
    expect((await right()).status).toBe(429)
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 61_000)
    expect((await right()).status).toBe(200)
  })

  it('answers the 6th failed login from one IP within a minute with 429, whatever the account', async () => {
    const attempt = (n: number) => http(ctx).post('/api/v1/auth/login').set('x-forwarded-for', '10.0.3.1').send({ email: `guess${n}@example.nl`, password: 'some-password-1' })
    for (let i = 1; i <= 5; i++) expect((await attempt(i)).status).toBe(401)
    const sixth = await attempt(6)
    expect(sixth.status).toBe(429)
    expect(sixth.headers['retry-after']).toBeDefined()
  })

  it('rotates the refresh token on every use', async () => {
    const { cookie } = await registerUser(ctx, 'eva@example.nl')
    const first = await http(ctx).post('/api/v1/auth/refresh').set('Cookie', cookie)
    expect(first.status).toBe(200)
    const next = refreshCookie(first.headers['set-cookie'])
    expect(next).not.toBe(cookie)
    const second = await http(ctx).post('/api/v1/auth/refresh').set('Cookie', next)
    expect(second.status).toBe(200)
  })

  it('stores the language per user', async () => {
    const { token } = await registerUser(ctx, 'jet@example.nl')
    const res = await http(ctx).patch('/api/v1/me').set(bearer(token)).send({ locale: 'en' })
    expect(res.status).toBe(200)
    expect(res.body.locale).toBe('en')
    const bad = await http(ctx).patch('/api/v1/me').set(bearer(token)).send({ locale: 'de' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.some((e: { field: string }) => e.field === '/locale')).toBe(true)
  })
})
