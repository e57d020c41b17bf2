import { createHmac, createSign, generateKeyPairSync, randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestApp, type TestContext } from '../test-app'
import { assertNoInternals, bearer, http, refreshCookie, registerUser, STRONG_PASSWORD } from '../http'
import { users } from '../../src/modules/users/users.table'
import { auditEvents } from '../../src/modules/audit/audit.table'

/**
 * Attacks on access tokens, refresh tokens and the login. Every refused request must be a 401 in
 * problem+json that leaks nothing. (The happy paths, registration rules and the per-account and
 * per-IP throttles are in src/modules/auth/auth.test.ts.)
 */

// Count which password hashes the login verifies, to prove unknown accounts take the dummy-hash path.
const argon = vi.hoisted(() => ({ verified: [] as string[] }))
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>()
  return {
    ...real,
    verify: (hashed: string | Uint8Array, password: string | Uint8Array, ...rest: unknown[]) => {
      argon.verified.push(String(hashed))
      return (real.verify as (...args: unknown[]) => Promise<boolean>)(hashed, password, ...rest)
    },
  }
})

const JWT_SECRET = randomBytes(32).toString('hex')
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
const hmac = (alg: 'sha256' | 'sha512', data: string, key: string | Buffer) => createHmac(alg, key).update(data).digest('base64url')
function sign(claims: object, { key = JWT_SECRET, header = { alg: 'HS256', typ: 'JWT' } as Record<string, unknown>, alg = 'sha256' as 'sha256' | 'sha512' } = {}) {
  const unsigned = `${b64(header)}.${b64(claims)}`
  return `${unsigned}.${hmac(alg, unsigned, key)}`
}
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown> & { iat: number; exp: number; sub: string; sid: string }

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString()

describe('token and login attacks', () => {
  let ctx: TestContext
  let ip = 0
  /** Each request from its own address (behind the trusted proxy), so only the per-account throttle applies. */
  const api = () => ({
    get: (url: string) => http(ctx).get(url).set('x-forwarded-for', `10.9.${Math.floor(++ip / 250)}.${ip % 250}`),
    post: (url: string) => http(ctx).post(url).set('x-forwarded-for', `10.9.${Math.floor(++ip / 250)}.${ip % 250}`),
  })
  let attacks = 0
  async function expectRefused(name: string, res: { status: number; headers: Record<string, unknown>; body: unknown }) {
    attacks++
    expect(res.status, name).toBe(401)
    expect(String(res.headers['content-type']), name).toMatch(/^application\/problem\+json/)
    expect(res.body, name).toMatchObject({ status: 401, type: expect.any(String), title: expect.any(String) })
    assertNoInternals(res.body)
  }

  beforeAll(async () => {
    ctx = await createTestApp({ jwtSecret: JWT_SECRET, trustProxy: true })
  })
  afterAll(() => {
    console.log(`token and login attacks: ${attacks} attacks tried, all answered 401 problem+json`)
    return ctx.close()
  })
  beforeEach(() => {
    argon.verified.length = 0
  })

  it('refuses forged, misaddressed and mistimed access tokens', async () => {
    const victim = await registerUser(ctx, 'slachtoffer@example.nl')
    const other = await registerUser(ctx, 'ander@example.nl')
    // The genuine token works: every forgery below differs from it in one respect only.
    expect((await api().get('/api/v1/me').set(bearer(victim.token))).status).toBe(200)
    const claims = claimsOf(victim.token)
    const now = Math.floor(ctx.clock.now.getTime() / 1000)
    const [head, , signature] = victim.token.split('.')
    const rsaHeader = b64({ alg: 'RS256', typ: 'JWT' })
    const rsaSigned = `${rsaHeader}.${b64(claims)}`
    const cases: Record<string, string> = {
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      'alg none, upper case': `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(claims)}.`,
      'wrong key': sign(claims, { key: randomBytes(32).toString('hex') }),
      'empty key': sign(claims, { key: '' }),
      'alg confusion: HS256 keyed with a public key': sign(claims, { key: PUBLIC_PEM }),
      'alg confusion: RS256 header, RSA signature': `${rsaSigned}.${createSign('RSA-SHA256').update(rsaSigned).sign(privateKey).toString('base64url')}`,
      'alg confusion: RS256 header, HMAC with the real key': `${rsaSigned}.${hmac('sha256', rsaSigned, JWT_SECRET)}`,
      'another HMAC algorithm with the real key (HS512)': sign(claims, { header: { alg: 'HS512', typ: 'JWT' }, alg: 'sha512' }),
      'embedded jwk header': sign(claims, { header: { alg: 'HS256', typ: 'JWT', jwk: { kty: 'oct', k: Buffer.from('x').toString('base64url') } }, key: 'x' }),
      expired: sign({ ...claims, iat: now - 3600, exp: now - 60 }),
      'not yet valid (nbf)': sign({ ...claims, nbf: now + 3600 }),
      'wrong issuer': sign({ ...claims, iss: 'someone-else' }),
      'wrong audience': sign({ ...claims, aud: 'another-api' }),
      'no audience': sign({ ...claims, aud: undefined }),
      'no session id': sign({ ...claims, sid: undefined }),
      'session of another user': sign({ ...claims, sid: claimsOf(other.token).sid }),
      'unknown user': sign({ ...claims, sub: '00000000-0000-4000-8000-000000000001' }),
      'sub not a uuid': sign({ ...claims, sub: "' or 1=1 --" }),
      'tampered payload (sub), original signature': `${head}.${b64({ ...claims, sub: other.user.id })}.${signature}`,
      'tampered payload (exp), original signature': `${head}.${b64({ ...claims, exp: now + 86_400 * 365 })}.${signature}`,
      'signature stripped': `${head}.${b64(claims)}.`,
      garbage: 'not-a-jwt',
      'two segments': `${head}.${b64(claims)}`,
    }
    for (const [name, token] of Object.entries(cases)) await expectRefused(name, await api().get('/api/v1/me').set(bearer(token)))
    for (const header of ['Bearer', 'Bearer ', `Basic ${Buffer.from('a:b').toString('base64')}`, `bearer${victim.token}`]) {
      await expectRefused(`Authorization: ${header.slice(0, 12)}`, await api().get('/api/v1/me').set('Authorization', header))
    }
    // A token that runs out while in use: valid at 14 minutes, refused at 16 (verified tokens are
    // remembered, so this one is used first: the remembered copy must run out too).
    const fresh = await registerUser(ctx, 'verloopt@example.nl')
    vi.useFakeTimers({ now: Date.now() + 14 * 60_000, toFake: ['Date'] })
    try {
      expect((await api().get('/api/v1/me').set(bearer(fresh.token))).status).toBe(200)
    } finally {
      vi.useRealTimers()
    }
    vi.useFakeTimers({ now: Date.now() + 16 * 60_000, toFake: ['Date'] })
    try {
      await expectRefused('expired genuine token', await api().get('/api/v1/me').set(bearer(fresh.token)))
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuses every token of a disabled user at once, and the login too', async () => {
    const user = await registerUser(ctx, 'uitgeschakeld@example.nl')
    await ctx.database.db.update(users).set({ disabledAt: ctx.clock.now }).where(eq(users.id, user.user.id))
    await expectRefused('disabled: access token', await api().get('/api/v1/me').set(bearer(user.token)))
    await expectRefused('disabled: refresh token', await api().post('/api/v1/auth/refresh').set('Cookie', user.cookie))
    await expectRefused('disabled: login with the right password', await api().post('/api/v1/auth/login').send({ email: 'uitgeschakeld@example.nl', password: STRONG_PASSWORD }))
  })

  it('revokes the whole family when a refresh token is replayed', async () => {
    const { cookie } = await registerUser(ctx, 'familie@example.nl')
    const rotated = await api().post('/api/v1/auth/refresh').set('Cookie', cookie)
    expect(rotated.status).toBe(200)
    const legitimate = refreshCookie(rotated.headers['set-cookie'])
    await expectRefused('replayed refresh token', await api().post('/api/v1/auth/refresh').set('Cookie', cookie))
    await expectRefused('refresh token of the revoked family', await api().post('/api/v1/auth/refresh').set('Cookie', legitimate))
    await expectRefused('access token of the revoked family', await api().get('/api/v1/me').set(bearer(rotated.body.accessToken as string)))
    const revoked = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'session.revoked'))
    expect(revoked.some((e) => (e.after as { reason: string }).reason === 'refresh_token_reuse')).toBe(true)
    // Forged refresh tokens: a guessed secret for a real token id, and garbage.
    const id = legitimate.split('=')[1]!.split('.')[0]!
    await expectRefused('refresh: right id, guessed secret', await api().post('/api/v1/auth/refresh').set('Cookie', `opgave_refresh=${id}.${randomBytes(32).toString('base64url')}`))
    await expectRefused('refresh: garbage', await api().post('/api/v1/auth/refresh').set('Cookie', 'opgave_refresh=abc'))
  })

  it('makes access and refresh tokens useless after logout', async () => {
    const { cookie, token } = await registerUser(ctx, 'uitloggen@example.nl')
    expect((await api().post('/api/v1/auth/logout').set('Cookie', cookie).set(bearer(token))).status).toBe(204)
    await expectRefused('access token after logout', await api().get('/api/v1/me').set(bearer(token)))
    await expectRefused('refresh token after logout', await api().post('/api/v1/auth/refresh').set('Cookie', cookie))
    // Logging out with only the refresh cookie ends the session just the same.
    const second = await registerUser(ctx, 'uitloggen2@example.nl')
    const login = await api().post('/api/v1/auth/login').send({ email: 'uitloggen2@example.nl', password: STRONG_PASSWORD })
    expect((await api().post('/api/v1/auth/logout').set('Cookie', refreshCookie(login.headers['set-cookie']))).status).toBe(204)
    await expectRefused('access token after cookie-only logout', await api().get('/api/v1/me').set(bearer(login.body.accessToken as string)))
    expect((await api().get('/api/v1/me').set(bearer(second.token))).status, 'the other session lives on').toBe(200)
  })

  it('answers an unknown account exactly like a wrong password, through the same hash verification', async () => {
    const known = await registerUser(ctx, 'bestaat@example.nl')
    const [stored] = await ctx.database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, known.user.id))
    const attempt = async (email: string) => {
      argon.verified.length = 0
      const res = await api().post('/api/v1/auth/login').send({ email, password: 'niet-het-wachtwoord-9' })
      return { res, verified: [...argon.verified] }
    }
    const wrong = await attempt('bestaat@example.nl')
    const unknown = await attempt('bestaat-niet@example.nl')
    await expectRefused('login: wrong password', wrong.res)
    await expectRefused('login: unknown account', unknown.res)
    // Same status, same body (apart from the request-specific instance), same headers.
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined })
    expect(strip(unknown.res.body)).toEqual(strip(wrong.res.body))
    const headerNames = (h: Record<string, unknown>) => Object.keys(h).filter((k) => !['date', 'x-request-id', 'content-length', 'etag'].includes(k)).sort()
    expect(headerNames(unknown.res.headers)).toEqual(headerNames(wrong.res.headers))
    // Both verify exactly one argon2id hash: the user's, or the dummy — never a shortcut.
    expect(wrong.verified).toEqual([stored!.hash])
    expect(unknown.verified).toHaveLength(1)
    expect(unknown.verified[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(unknown.verified[0]).not.toBe(stored!.hash)
  })

  it('throttles a distributed brute force on one account with 429 and Retry-After, known or unknown alike', async () => {
    await registerUser(ctx, 'doelwit@example.nl')
    const answers: Record<string, { status: number; retryAfter: number; body: Record<string, unknown> }> = {}
    for (const email of ['doelwit@example.nl', 'spook@example.nl']) {
      // Every guess from another address: the account throttle still holds.
      for (let i = 1; i <= 5; i++) await expectRefused(`guess ${i} for ${email}`, await api().post('/api/v1/auth/login').send({ email, password: `raden-${i}-wachtwoord` }))
      const sixth = await api().post('/api/v1/auth/login').send({ email, password: STRONG_PASSWORD })
      expect(String(sixth.headers['content-type'])).toMatch(/^application\/problem\+json/)
      answers[email] = { status: sixth.status, retryAfter: Number(sixth.headers['retry-after']), body: { ...sixth.body, instance: undefined } }
    }
    const known = answers['doelwit@example.nl']!
    expect(known.status).toBe(429)
    expect(known.retryAfter).toBeGreaterThan(0)
    expect(known.retryAfter).toBeLessThanOrEqual(60)
    expect(known.body.code).toBe('auth.too_many_attempts')
    // An attacker cannot tell from the throttle whether the account exists.
    expect(answers['spook@example.nl']).toEqual(known)
    console.log('brute force: 5 guesses per account from 5 addresses, 6th answered 429 with Retry-After for a known and an unknown account alike')
  })
})
