import { randomInt } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { createTestDatabase, testConfig } from '../test-app'
import type { DatabaseHandle } from '../../src/db/client'
import { RATE_LIMIT_NAMESPACE } from '../../src/plugins/rate-limits'
import { redisCounterBackend, SyncedWindowCounter, windowEnd } from '../../src/plugins/rate-limit-store'
import { awayFromMinuteEdge } from '../support/rate-limit-window'

/**
 * The rate limits two instances share through Redis (REDIS_URL; CI sets it when Redis answers). Each test
 * uses its own client address, so the runs against PGlite and PostgreSQL, side by side, do not meet.
 */
const redisUrl = process.env.REDIS_URL
const LIMIT = 20
const SYNC_MS = 50
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.runIf(redisUrl)('rate limits shared through Redis', () => {
  let redis: Redis
  let database: DatabaseHandle
  const apps: Awaited<ReturnType<typeof buildApp>>[] = []
  /** Two instances of the app on one database and one Redis. */
  const pairOfInstances = async (rateLimitSyncMs: number) => {
    const config = testConfig({ redisUrl, rateLimitPerMinute: LIMIT, authRateLimitPerMinute: 3, rateLimitSyncMs })
    const pair = await Promise.all([0, 1].map(() => buildApp({ config, db: database.db, logger: false })))
    apps.push(...pair)
    return pair
  }

  beforeAll(async () => {
    redis = new Redis(redisUrl!)
    database = await createTestDatabase()
  })

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()))
    await database?.close()
    await redis?.quit()
  })

  it('adds what two counters counted in one Redis key per window, which expires after its window', async () => {
    const namespace = `${RATE_LIMIT_NAMESPACE}test-${randomInt(1e9)}-`
    const a = new SyncedWindowCounter({ backend: redisCounterBackend(redis), namespace, syncMs: 10_000 })
    const b = new SyncedWindowCounter({ backend: redisCounterBackend(redis), namespace, syncMs: 10_000 })
    for (let i = 0; i < 7; i++) a.incr('10.0.0.1', 60_000)
    for (let i = 0; i < 5; i++) b.incr('10.0.0.1', 60_000)
    b.incr('10.0.0.2', 60_000)
    await a.flush()
    await b.flush()
    const key = `${namespace}10.0.0.1:${windowEnd(Date.now(), 60_000)}`
    expect(Number(await redis.get(key))).toBe(12)
    expect(await redis.pttl(key)).toBeGreaterThan(0)
    expect(await redis.pttl(key)).toBeLessThanOrEqual(61_000)
    expect(b.incr('10.0.0.1', 60_000).current).toBe(13)
    expect(a.incr('10.0.0.1', 60_000).current).toBe(8)
    await redis.del(key, `${namespace}10.0.0.2:${windowEnd(Date.now(), 60_000)}`)
  })

  it('refuses, on both instances, a client that spread its requests over them, once each has synced after the shared count passed the limit', async () => {
    await awayFromMinuteEdge()
    const [a, b] = await pairOfInstances(SYNC_MS)
    const remoteAddress = someAddress()
    const get = async (app: typeof a) => (await app!.inject({ method: 'GET', url: '/api/v1/challenges', remoteAddress }))
    const statuses: number[] = []
    for (let i = 0; i < LIMIT; i++) statuses.push((await get(i % 2 ? b : a)).statusCode)
    expect(statuses).toEqual(Array(LIMIT).fill(200))
    // Each instance counted half the limit itself. An instance learns the shared count when it sends its own:
    // the one that synced last already refuses, the other may let one more through before its next sync.
    await pause(SYNC_MS * 4)
    const next = [(await get(a)).statusCode, (await get(b)).statusCode]
    expect(next).toContain(429)
    await pause(SYNC_MS * 4)
    const refusedA = await get(a)
    const refusedB = await get(b)
    expect([refusedA.statusCode, refusedB.statusCode]).toEqual([429, 429])
    expect(refusedA.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(Number(refusedB.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(refusedB.headers['retry-after'])).toBeLessThanOrEqual(60)
  })

  it('tells each answer how many requests remain, counting the other instance once this one has synced', async () => {
    await awayFromMinuteEdge()
    const [a, b] = await pairOfInstances(SYNC_MS)
    const remoteAddress = someAddress()
    const remaining = async (app: typeof a) => Number((await app!.inject({ method: 'GET', url: '/api/v1/challenges', remoteAddress })).headers['x-ratelimit-remaining'])
    expect(await remaining(a)).toBe(LIMIT - 1)
    expect(await remaining(a)).toBe(LIMIT - 2)
    await pause(SYNC_MS * 4)
    // b has sent nothing yet, so it knows only its own request; its sync brings a's two.
    expect(await remaining(b)).toBe(LIMIT - 1)
    await pause(SYNC_MS * 4)
    expect(await remaining(b)).toBe(LIMIT - 4)
    expect(await remaining(a)).toBe(LIMIT - 3)
  })

  it('counts every request in Redis at once with RATE_LIMIT_SYNC_MS=0: the limit is exact without waiting', async () => {
    const [a, b] = await pairOfInstances(0)
    const remoteAddress = someAddress()
    const statuses: number[] = []
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await (i % 2 ? b! : a!).inject({ method: 'GET', url: '/api/v1/challenges', remoteAddress })).statusCode)
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429])
  })

  it('keeps the per-route limits (registration, login) exact across instances with syncing on', async () => {
    const [a, b] = await pairOfInstances(SYNC_MS)
    const remoteAddress = someAddress()
    const statuses: number[] = []
    // An empty body is a 400, but the limit counts the attempt first.
    for (let i = 0; i < 4; i++) statuses.push((await (i % 2 ? b! : a!).inject({ method: 'POST', url: '/api/v1/auth/register', payload: {}, remoteAddress })).statusCode)
    expect(statuses).toEqual([400, 400, 400, 429])
  })
})
