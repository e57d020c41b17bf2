import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import { syncedRedisStore } from './rate-limit-store'

/** Key prefix in Redis; the per-route limits (login, registration, refresh) add their route to it. */
export const RATE_LIMIT_NAMESPACE = 'opgave-rate-limit-'

/**
 * The global per-IP request limit and the per-route limits that routes declare in `config.rateLimit`.
 * With REDIS_URL every instance counts in the same Redis keys, so a client spreading requests over
 * instances meets the same limit as on one. The global limit is counted in memory and added to Redis every
 * `syncMs` (rate-limit-store.ts: no Redis call per request; past the limit by at most what the instances
 * admit in one interval); the per-route limits, and all limits when `syncMs` is 0, count each request in
 * Redis. Without REDIS_URL the counts live in this process, which is right for one instance (PGlite,
 * `pnpm start`) and only for that. If Redis cannot be reached, requests are let through rather than
 * refused (availability first; the per-account login throttle is in PostgreSQL and keeps guarding passwords).
 */
export const rateLimitsPlugin = fp(
  async (app, opts: { max: number; redisUrl?: string; syncMs: number }) => {
    const redis = opts.redisUrl ? new Redis(opts.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, lazyConnect: false }) : undefined
    redis?.on('error', (error) => app.log.warn({ err: { message: error.message } }, 'rate limit store (Redis) unavailable'))
    // Without Redis @fastify/rate-limit counts in this process; with it, synced (rate-limit-store.ts) or per request.
    const shared = !redis
      ? {}
      : opts.syncMs > 0
        ? { store: syncedRedisStore(redis, RATE_LIMIT_NAMESPACE, opts.syncMs), skipOnError: true }
        : { redis, nameSpace: RATE_LIMIT_NAMESPACE, skipOnError: true }
    await app.register(rateLimit, { max: opts.max, timeWindow: 60_000, ...shared })
    if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => undefined)))
  },
  { name: 'rate-limits' },
)
