import { eq } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../app'
import { createDatabase, type DatabaseHandle } from '../../db/client'
import { createTestApp, testConfig, type TestContext } from '../../../test/test-app'
import { bearer, http, registerUser, STRONG_PASSWORD } from '../../../test/http'
import { users } from '../users/users.table'
import { authSessions } from './auth.table'
import { SessionCache } from './session-cache'

const SESSION = '11111111-1111-4111-8111-111111111111'
const OTHER_SESSION = '22222222-2222-4222-8222-222222222222'
const USER = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'
const OTHER_USER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb'
const NOW = new Date('2026-11-23T10:00:00Z')
const LATER = new Date('2026-11-23T11:00:00Z')

describe('SessionCache', () => {
  const fresh = (options: ConstructorParameters<typeof SessionCache>[0] = {}) => {
    const cache = new SessionCache(options)
    cache.listenerUp()
    return cache
  }

  it('answers nothing and stores nothing while the listener is down', () => {
    const cache = new SessionCache()
    cache.store(SESSION, USER, { isPlatformAdmin: false, expiresAt: LATER }, cache.epoch)
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
    cache.listenerUp()
    cache.store(SESSION, USER, { isPlatformAdmin: true, expiresAt: LATER }, cache.epoch)
    expect(cache.lookup(SESSION, USER, NOW)).toMatchObject({ isPlatformAdmin: true })
    cache.listenerDown()
    expect(cache.size).toBe(0)
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
    // Back up: what was missed meanwhile is not in the cache.
    cache.listenerUp()
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
  })

  it('does not store a check that ran while anything was evicted', () => {
    const cache = fresh()
    const epoch = cache.epoch
    cache.forgetSession(SESSION) // the logout commits while the check is on its way
    cache.store(SESSION, USER, { isPlatformAdmin: false, expiresAt: LATER }, epoch)
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
    const bounced = cache.epoch
    cache.listenerDown()
    cache.listenerUp()
    cache.store(SESSION, USER, { isPlatformAdmin: false, expiresAt: LATER }, bounced)
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
  })

  it('evicts by session, by user and by notification payload, and checks the user of a session', () => {
    const cache = fresh()
    const fill = () => {
      cache.store(SESSION, USER, { isPlatformAdmin: false, expiresAt: LATER }, cache.epoch)
      cache.store(OTHER_SESSION, OTHER_USER, { isPlatformAdmin: false, expiresAt: LATER }, cache.epoch)
    }
    fill()
    expect(cache.lookup(SESSION, OTHER_USER, NOW)).toBeUndefined()
    cache.forgetSession(SESSION)
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
    expect(cache.lookup(OTHER_SESSION, OTHER_USER, NOW)).toBeDefined()
    fill()
    cache.forgetUser(OTHER_USER)
    expect(cache.lookup(OTHER_SESSION, OTHER_USER, NOW)).toBeUndefined()
    expect(cache.lookup(SESSION, USER, NOW)).toBeDefined()
    fill()
    cache.applyNotification(`s:${OTHER_SESSION}`)
    expect(cache.lookup(OTHER_SESSION, OTHER_USER, NOW)).toBeUndefined()
    cache.applyNotification(`u:${USER}`)
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
    fill()
    cache.applyNotification('*')
    expect(cache.size).toBe(0)
  })

  it("keeps an entry no longer than its maximum age nor beyond the session's expiry, and at most maxEntries", () => {
    let clock = 0
    const cache = fresh({ maxAgeMs: 30_000, maxEntries: 2, clock: () => clock })
    cache.store(SESSION, USER, { isPlatformAdmin: false, expiresAt: LATER }, cache.epoch)
    clock = 30_000
    expect(cache.lookup(SESSION, USER, NOW)).toBeDefined()
    clock = 30_001
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
    cache.store(SESSION, USER, { isPlatformAdmin: false, expiresAt: LATER }, cache.epoch)
    expect(cache.lookup(SESSION, USER, LATER)).toBeUndefined()
    cache.store(SESSION, USER, { isPlatformAdmin: false, expiresAt: LATER }, cache.epoch)
    cache.store(OTHER_SESSION, OTHER_USER, { isPlatformAdmin: false, expiresAt: LATER }, cache.epoch)
    cache.store('33333333-3333-4333-8333-333333333333', USER, { isPlatformAdmin: false, expiresAt: LATER }, cache.epoch)
    expect(cache.size).toBe(2)
    expect(cache.lookup(SESSION, USER, NOW)).toBeUndefined()
  })
})

describe('session checks with the cache: revocation takes effect at once', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await createTestApp()
  })
  afterAll(() => ctx.close())

  /**
   * A change made in the database behind the app's back (another instance, or by hand) reaches this instance
   * through NOTIFY: PGlite delivers it before the writing query returns, PostgreSQL over the listener's
   * connection, within milliseconds. So: refused on the next request on PGlite, within a second on PostgreSQL.
   */
  const refusedAfterChange = async (request: () => Promise<{ status: number }>, status: number) => {
    if (process.env.TEST_DB_DRIVER !== 'pg') return expect((await request()).status).toBe(status)
    const started = Date.now()
    let last = 0
    while (Date.now() - started <= 1000) {
      last = (await request()).status
      if (last === status) return
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(last).toBe(status)
  }

  /** Uses the token until its session is certainly cached. */
  const warm = async (token: string) => {
    for (let i = 0; i < 2; i++) expect((await http(ctx).get('/api/v1/me').set(bearer(token))).status).toBe(200)
    expect(ctx.app.sessionCache.active).toBe(true)
    expect(ctx.app.sessionCache.size).toBeGreaterThan(0)
  }

  it('logout: the same access token is refused on the very next request', async () => {
    const user = await registerUser(ctx, 'uitloggen@example.nl')
    await warm(user.token)
    expect((await http(ctx).post('/api/v1/auth/logout').set(bearer(user.token))).status).toBe(204)
    expect((await http(ctx).get('/api/v1/me').set(bearer(user.token))).status).toBe(401)
  })

  it('logout and account deletion evict on this instance by themselves, without the database notification', async () => {
    const muted = vi.spyOn(ctx.app.sessionCache, 'applyNotification').mockImplementation(() => undefined)
    try {
      const out = await registerUser(ctx, 'stil-uit@example.nl')
      await warm(out.token)
      expect((await http(ctx).post('/api/v1/auth/logout').set(bearer(out.token))).status).toBe(204)
      expect((await http(ctx).get('/api/v1/me').set(bearer(out.token))).status).toBe(401)
      const gone = await registerUser(ctx, 'stil-weg@example.nl')
      await warm(gone.token)
      expect((await http(ctx).delete('/api/v1/me').set(bearer(gone.token)).send({ password: STRONG_PASSWORD })).status).toBe(204)
      expect((await http(ctx).get('/api/v1/me').set(bearer(gone.token))).status).toBe(401)
    } finally {
      muted.mockRestore()
    }
  })

  it('a user disabled in the database is refused at once (PGlite: next request; PostgreSQL: within a second)', async () => {
    const user = await registerUser(ctx, 'uitgezet@example.nl')
    await warm(user.token)
    await ctx.database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.user.id))
    await refusedAfterChange(() => http(ctx).get('/api/v1/me').set(bearer(user.token)), 401)
  })

  it('a session revoked in the database (another instance, or by hand) is refused at once', async () => {
    const user = await registerUser(ctx, 'elders@example.nl')
    await warm(user.token)
    await ctx.database.db.update(authSessions).set({ revokedAt: new Date(), revokedReason: 'test' }).where(eq(authSessions.userId, user.user.id))
    await refusedAfterChange(() => http(ctx).get('/api/v1/me').set(bearer(user.token)), 401)
  })

  it('a deleted account is refused at once', async () => {
    const user = await registerUser(ctx, 'weg@example.nl')
    await warm(user.token)
    expect((await http(ctx).delete('/api/v1/me').set(bearer(user.token)).send({ password: STRONG_PASSWORD })).status).toBe(204)
    expect((await http(ctx).get('/api/v1/me').set(bearer(user.token))).status).toBe(401)
  })

  it('platform-admin rights taken away in the database are gone at once', async () => {
    const admin = await registerUser(ctx, 'beheer@example.nl')
    await ctx.database.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.user.id))
    expect((await http(ctx).get('/api/v1/admin/outbox').set(bearer(admin.token))).status).toBe(200)
    expect((await http(ctx).get('/api/v1/admin/outbox').set(bearer(admin.token))).status).toBe(200)
    await ctx.database.db.update(users).set({ isPlatformAdmin: false }).where(eq(users.id, admin.user.id))
    await refusedAfterChange(() => http(ctx).get('/api/v1/admin/outbox').set(bearer(admin.token)), 403)
  })
})

/**
 * Two instances (two apps, two pools, two listeners) on one PostgreSQL database: defined only in the
 * api-postgres project (PGlite is one process), so it is neither run nor reported as skipped on PGlite.
 */
if (process.env.TEST_DB_DRIVER === 'pg') describe('two instances on PostgreSQL', () => {
  let a: TestContext
  let second: DatabaseHandle
  let b: Awaited<ReturnType<typeof buildApp>>
  let admin: pg.Client

  const sharedSecret = 'x'.repeat(64)
  beforeAll(async () => {
    // The same signing secret on both, as instances behind one load balancer have.
    a = await createTestApp({ jwtSecret: sharedSecret })
    const url = (a.database.db as unknown as { $client: pg.Pool & { options: { connectionString: string } } }).$client.options.connectionString
    second = await createDatabase({ databaseUrl: url, poolSize: 3 })
    b = await buildApp({ config: testConfig({ jwtSecret: sharedSecret }), db: second.db, logger: false })
    await b.ready()
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
  }, 60_000)
  afterAll(async () => {
    await admin?.end()
    await b?.close()
    await second?.close()
    await a?.close()
  })

  const onB = () => http({ app: b } as unknown as TestContext)
  const waitUntil = async (what: string, condition: () => Promise<boolean>, withinMs = 1000) => {
    const started = Date.now()
    while (Date.now() - started <= withinMs) {
      if (await condition()) return Date.now() - started
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error(`${what}: not within ${withinMs} ms`)
  }

  it('logout on A: B refuses the token within a second', async () => {
    // Register on B, use the token on B so that B caches it, log out on A.
    const reg = await onB().post('/api/v1/auth/register').send({ email: 'twee@example.nl', password: STRONG_PASSWORD, name: 'Twee' })
    expect(reg.status).toBe(201)
    const access = reg.body.accessToken as string
    for (let i = 0; i < 3; i++) expect((await onB().get('/api/v1/me').set(bearer(access))).status).toBe(200)
    expect(b.sessionCache.active).toBe(true)
    expect(b.sessionCache.size).toBeGreaterThan(0)
    expect((await http(a).post('/api/v1/auth/logout').set(bearer(access))).status).toBe(204)
    await waitUntil('B refuses the logged-out token', async () => (await onB().get('/api/v1/me').set(bearer(access))).status === 401)
  })

  it('listener down: B bypasses (and empties) its cache, so even a change it never hears of is refused', async () => {
    const reg = await onB().post('/api/v1/auth/register').send({ email: 'stil@example.nl', password: STRONG_PASSWORD, name: 'Stil' })
    const access = reg.body.accessToken as string
    const userId = reg.body.user.id as string
    for (let i = 0; i < 3; i++) expect((await onB().get('/api/v1/me').set(bearer(access))).status).toBe(200)
    expect(b.sessionCache.size).toBeGreaterThan(0)
    // Cut the listeners' connections (both instances'), as a network fault or a server restart would.
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where query = 'LISTEN opgave_auth' and datname = current_database()`)
    await waitUntil('B notices its listener is gone', async () => !b.sessionCache.active, 2000)
    expect(b.sessionCache.size).toBe(0)
    // A revocation no trigger announces (replica mode skips triggers): only a database check can see it.
    await admin.query('begin')
    await admin.query(`set local session_replication_role = replica`)
    await admin.query(`update auth_sessions set revoked_at = now(), revoked_reason = 'test' where user_id = $1`, [userId])
    await admin.query('commit')
    expect((await onB().get('/api/v1/me').set(bearer(access))).status).toBe(401)
    // And it comes back by itself.
    await waitUntil('B listens again', async () => b.sessionCache.active, 5000)
  })
})
