import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { Database } from '../../db/client'
import type { SessionCache } from './session-cache'

/** The channel the triggers of migration 0016_session_notify announce session and user changes on. */
export const SESSION_CHANNEL = 'opgave_auth'
const HEARTBEAT_MS = 10_000
const HEARTBEAT_TIMEOUT_MS = 5_000
const RETRY_MIN_MS = 250
const RETRY_MAX_MS = 10_000

interface Log {
  warn(obj: object, msg: string): void
  info(obj: object, msg: string): void
}

export interface SessionListener {
  close(): Promise<void>
}

/**
 * Keeps `cache` in step with the database: LISTEN on `opgave_auth` and evict what the triggers announce.
 * PostgreSQL: a dedicated connection (beside the pool; LISTEN needs a session of its own, so not through a
 * transaction-pooling proxy), checked every 10 s, reconnected with back-off; while it is down the cache is
 * bypassed and empty. PGlite: its in-process `listen`, which delivers before the writing query returns.
 * Any other client: the cache stays off (every request checks the database).
 */
export async function listenForSessionChanges(db: Database, cache: SessionCache, log: Log): Promise<SessionListener> {
  const client = (db as unknown as { $client?: unknown }).$client
  if (client instanceof pg.Pool) return listenOnPostgres(client, cache, log)
  if (client instanceof PGlite) {
    const unlisten = await client.listen(SESSION_CHANNEL, (payload) => cache.applyNotification(payload))
    cache.listenerUp()
    return {
      async close() {
        cache.listenerDown()
        if (!client.closed) await unlisten().catch(() => undefined)
      },
    }
  }
  log.warn({}, 'session cache off: unknown database client, every request checks its session in the database')
  return { close: async () => undefined }
}

async function listenOnPostgres(pool: pg.Pool, cache: SessionCache, log: Log): Promise<SessionListener> {
  const options = (pool as unknown as { options: pg.PoolConfig }).options
  let current: pg.Client | null = null
  let stopped = false
  let retryMs = RETRY_MIN_MS
  let retryTimer: NodeJS.Timeout | undefined

  const down = (client: pg.Client, reason: string) => {
    if (client !== current) return
    current = null
    cache.listenerDown()
    client.removeAllListeners('notification')
    client.end().catch(() => undefined)
    if (stopped) return
    log.warn({ reason, retryInMs: retryMs }, 'session listener down: sessions are checked in the database until it is back')
    schedule()
  }

  const schedule = () => {
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => void connect(), retryMs)
    retryTimer.unref()
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
  }

  const connect = async () => {
    if (stopped || current) return
    const client = new pg.Client({ ...options, keepAlive: true })
    client.on('error', (error) => down(client, error.message))
    client.on('end', () => down(client, 'connection ended'))
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANNEL) cache.applyNotification(message.payload)
    })
    try {
      current = client
      await client.connect()
      await client.query(`LISTEN ${SESSION_CHANNEL}`)
      if (current !== client || stopped) return
      // From here on every change is heard; what happened before is not in the (emptied) cache.
      cache.listenerUp()
      retryMs = RETRY_MIN_MS
    } catch (error) {
      down(client, (error as Error).message)
    }
  }

  const heartbeat = setInterval(() => {
    const client = current
    if (!client || !cache.active) return
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('heartbeat timed out')), HEARTBEAT_TIMEOUT_MS)
    })
    Promise.race([client.query('select 1'), timeout])
      .catch((error: Error) => down(client, error.message))
      .finally(() => clearTimeout(timer))
  }, HEARTBEAT_MS)
  heartbeat.unref()

  await connect()
  return {
    async close() {
      stopped = true
      clearInterval(heartbeat)
      clearTimeout(retryTimer)
      const client = current
      current = null
      cache.listenerDown()
      if (client) await client.end().catch(() => undefined)
    },
  }
}
