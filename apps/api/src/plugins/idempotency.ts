import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { Type, type TSchema } from '@sinclair/typebox'
import { and, eq, lte, sql } from 'drizzle-orm'
import { Problem } from '@opgave/contracts'
import type { Database, Tx } from '../db/client'
import { queryRows } from '../db/client'
import { ProblemError } from '../lib/problem'
import { idempotencyKeys } from '../modules/idempotency/idempotency.table'

export const IDEMPOTENCY_HEADER = 'idempotency-key'
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
const PURGE_EVERY_MS = 60 * 60 * 1000

/** The shared schema of the header, documented on every operation that honours it. */
export const IdempotencyKeyHeader = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x21-\\x7E]+$',
  description:
    'Optional. A unique value per intended operation (a UUID is best). Retrying with the same key and body replays the stored answer ' +
    '(header `Idempotent-Replayed: true`) instead of creating twice; the same key with another request → 422 `idempotency.key_reused`; ' +
    'while the first request still runs → 409 `idempotency.in_progress`. Keys expire after 24 hours.',
})

// The transaction of the idempotent request in progress, if any: the database handle routes use joins it.
const requestTransaction = new AsyncLocalStorage<Tx>()

/**
 * The handle routes and services use. Inside an idempotent request every query, and every
 * `transaction()` (a savepoint then), runs in the request's transaction, so the work and the stored
 * answer commit together. Everywhere else it is the plain database.
 */
export function requestScopedDatabase(db: Database): Database {
  return new Proxy(db, {
    get(target, property) {
      const base = (requestTransaction.getStore() ?? target) as object
      const value: unknown = Reflect.get(base, property)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(base) : value
    },
  })
}

const errors = {
  inProgress: () =>
    new ProblemError(409, 'idempotency.in_progress', 'Request in progress', 'A request with this Idempotency-Key is still being processed. Retry shortly.', undefined, { 'Retry-After': '1' }),
  keyReused: () =>
    new ProblemError(422, 'idempotency.key_reused', 'Idempotency-Key reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.', [
      { field: `headers/${IDEMPOTENCY_HEADER}`, code: 'idempotency.key_reused', message: 'This key was used with another request body or operation.' },
    ]),
}

/** Key order does not change what a body means, so it does not change its hash. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]))
  }
  return value
}

export function requestHash(request: Pick<FastifyRequest, 'params' | 'query' | 'body'>): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical({ params: request.params ?? {}, query: request.query ?? {}, body: request.body ?? null })))
    .digest('hex')
}

/** A creating POST: answers 201 and needs a signed-in caller. Multipart uploads are streamed, not hashable up front: excluded. */
export function isCreatingOperation(route: Pick<RouteOptions, 'method' | 'schema'>): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method]
  const schema = route.schema as { response?: Record<string, unknown>; security?: unknown[]; consumes?: string[] } | undefined
  return methods.includes('POST') && !!schema?.response?.['201'] && !!schema.security?.length && !schema.consumes?.includes('multipart/form-data')
}

interface StoredAnswer {
  operation: string
  requestHash: string
  statusCode: number
  responseBody: unknown
  responseHeaders: Record<string, string>
}

/** Thrown to roll back: a finished request with this key was found; its answer is replayed. */
class Replay {
  constructor(readonly stored: StoredAnswer) {}
}

/** Thrown to roll back: the handler answered 4xx/5xx without throwing; that answer goes out, nothing is stored. */
class Unsuccessful {
  constructor(readonly payload: unknown) {}
}

/** Headers worth replaying; everything else is recomputed per response. */
const REPLAYED_HEADERS = ['location', 'etag']

/**
 * `Idempotency-Key` on every creating POST (OWASP API4, crash safety). With the header, the handler runs
 * inside one transaction that also stores (caller, key, operation, request hash) → status and body.
 * A retry of a completed request replays the answer; a concurrent duplicate gets 409; the same key with
 * another request 422. Failures (4xx/5xx) roll everything back and store nothing, so the key can be retried.
 */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, opts: { db: Database; now: () => Date }) => {
    const { db, now } = opts
    let lastPurge = 0

    const lookup = async (callerId: string, key: string, at: Date, handle: Database | Tx = db) => {
      const [row] = await handle.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.callerId, callerId), eq(idempotencyKeys.key, key))).limit(1)
      return row && row.expiresAt > at ? row : undefined
    }

    const replay = (reply: FastifyReply, stored: StoredAnswer, operation: string, hash: string) => {
      if (stored.operation !== operation || stored.requestHash !== hash) throw errors.keyReused()
      reply.status(stored.statusCode).headers(stored.responseHeaders).header('idempotent-replayed', 'true')
      return reply.send(stored.responseBody ?? undefined)
    }

    const wrap = (handler: RouteHandlerMethod, operation: string): RouteHandlerMethod =>
      async function idempotentHandler(this: FastifyInstance, request, reply) {
        const key = request.headers[IDEMPOTENCY_HEADER]
        if (typeof key !== 'string') return handler.call(this, request, reply)
        const callerId = request.actor?.userId ?? 'anonymous'
        const hash = requestHash(request)
        const at = now()

        if (at.getTime() - lastPurge > PURGE_EVERY_MS) {
          lastPurge = at.getTime()
          await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, at))
        }
        const existing = await lookup(callerId, key, at)
        if (existing) return replay(reply, existing, operation, hash)

        let captured: { payload: unknown } | undefined
        let result: unknown
        try {
          result = await db.transaction(async (tx) => {
            // Another request with this key holds the lock: it is still running.
            const [lock] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtextextended(${`${callerId} ${key}`}, 0)) as locked`)
            if (!lock?.locked) throw errors.inProgress()
            // It may have finished between our first look and the lock.
            const done = await lookup(callerId, key, at, tx)
            if (done) throw new Replay(done)
            await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.callerId, callerId), eq(idempotencyKeys.key, key)))

            // The answer is stored before it is sent: hold back reply.send until the transaction commits.
            // A handler that returns `reply` only settles once the reply is sent (a reply is thenable),
            // so the held-back send itself marks the handler as done.
            let sent: () => void = () => undefined
            const sendCalled = new Promise<void>((resolve) => (sent = resolve))
            reply.send = function captureSend(this: FastifyReply, payload?: unknown) {
              captured = { payload }
              sent()
              return this
            } as FastifyReply['send']
            const handled = requestTransaction.run(tx, async () => ({ value: (await handler.call(this, request, reply)) as unknown }))
            handled.catch(() => undefined)
            const outcome = await Promise.race([handled, sendCalled])
            const payload = captured ? captured.payload : outcome?.value
            if (reply.statusCode >= 400) throw new Unsuccessful(payload)

            const responseHeaders: Record<string, string> = {}
            for (const name of REPLAYED_HEADERS) {
              const value = reply.getHeader(name)
              if (value !== undefined) responseHeaders[name] = String(value)
            }
            const responseBody = payload === undefined ? null : (JSON.parse(JSON.stringify(payload)) as unknown)
            await tx.insert(idempotencyKeys).values({
              callerId,
              key,
              operation,
              requestHash: hash,
              statusCode: reply.statusCode,
              responseBody,
              responseHeaders,
              createdAt: at,
              expiresAt: new Date(at.getTime() + IDEMPOTENCY_TTL_MS),
            })
            return payload
          })
        } catch (error) {
          Reflect.deleteProperty(reply, 'send')
          if (error instanceof Unsuccessful) return reply.send(error.payload)
          if (error instanceof Replay) return replay(reply, error.stored, operation, hash)
          throw error
        } finally {
          Reflect.deleteProperty(reply, 'send')
        }
        return reply.send(result)
      }

    app.addHook('onRoute', (route) => {
      if (!isCreatingOperation(route)) return
      const schema = route.schema as { headers?: TSchema & { properties?: Record<string, TSchema> }; response: Record<string, unknown> }
      const headers = schema.headers ?? Type.Object({})
      schema.headers = { ...headers, type: 'object', properties: { ...(headers.properties ?? {}), [IDEMPOTENCY_HEADER]: IdempotencyKeyHeader } } as TSchema
      schema.response = { ...schema.response, 409: schema.response['409'] ?? Problem, 422: schema.response['422'] ?? Problem }
      route.handler = wrap(route.handler, `POST ${route.url}`)
    })
  },
  { name: 'idempotency' },
)
