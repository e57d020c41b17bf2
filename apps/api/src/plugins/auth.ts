import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import fp from 'fastify-plugin'
import jwt from '@fastify/jwt'
import cookie from '@fastify/cookie'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { authSessions } from '../modules/auth/auth.table'
import { users } from '../modules/users/users.table'
import { commonProblems } from '../lib/problem'
import { SessionCache } from '../modules/auth/session-cache'
import { listenForSessionChanges } from '../modules/auth/session-listener'
import { accessTokenVerifyOptions, createAccessTokenVerifier } from '../modules/auth/access-token-verifier'

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60
export const JWT_ISSUER = 'opgave'
export const JWT_AUDIENCE = 'opgave-api'

/** Who is calling. Roles are looked up per object by the policy module, never carried in the token. */
export interface Actor {
  userId: string
  sessionId: string
  isPlatformAdmin: boolean
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; sid: string }
    user: { sub: string; sid: string; iat: number; exp: number }
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
  }
  interface FastifyInstance {
    /** Hook (onRequest, preHandler): 401 unless a valid access token of an active user and live session is presented. */
    authenticate: (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void
    /** Hook (onRequest, preHandler): sets request.actor when a valid token is presented, otherwise leaves it null. */
    identify: (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void
    /**
     * The cache of positive session checks. Code that revokes a session or changes a user's access calls
     * `forgetSession` / `forgetUser` once its write has committed (the database triggers tell every other
     * instance, and this one again).
     */
    sessionCache: SessionCache
  }
}

/**
 * The actor must exist, be enabled, and hold a session that is neither revoked nor expired. A named prepared
 * statement: drizzle builds it once and PostgreSQL parses and plans it once per connection. It returns the
 * session's expiry too, which bounds how long a positive answer may be cached.
 */
function prepareSessionCheck(db: Database) {
  return db
    .select({ isPlatformAdmin: users.isPlatformAdmin, expiresAt: authSessions.expiresAt })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.id, sql.placeholder('sid')), eq(users.id, sql.placeholder('sub')), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, sql.placeholder('now')), isNull(users.disabledAt)))
    .limit(1)
    .prepare('auth_session_check')
}

export const authPlugin = fp(
  async (app: FastifyInstance, opts: { secret: string; db: Database; now: () => Date }) => {
    await app.register(cookie)
    await app.register(jwt, {
      secret: opts.secret,
      sign: { algorithm: 'HS256', expiresIn: `${ACCESS_TOKEN_TTL_SECONDS}s`, iss: JWT_ISSUER, aud: JWT_AUDIENCE },
      verify: accessTokenVerifyOptions({ issuer: JWT_ISSUER, audience: JWT_AUDIENCE }),
    })
    // @fastify/jwt signs; requests are verified here, without its per-request option merging and double
    // decoding, and with a cache of verified tokens (modules/auth/access-token-verifier.ts).
    const verifyAccessToken = createAccessTokenVerifier({ secret: opts.secret, issuer: JWT_ISSUER, audience: JWT_AUDIENCE })
    app.decorateRequest('actor', null)
    const sessionCheck = prepareSessionCheck(opts.db)
    // Logout and disabling take effect at once, on every instance: see modules/auth/session-cache.ts for
    // how the cache is kept exact (local eviction, LISTEN/NOTIFY from database triggers, bypassed while the
    // listener is down) and SECURITY.md ("sessions") for the figures. A miss is one indexed query.
    const cache = new SessionCache()
    const listener = await listenForSessionChanges(opts.db, cache, app.log)
    app.addHook('onClose', async () => listener.close())
    app.decorate('sessionCache', cache)

    /** The session behind verified claims, from the database: a cache miss. */
    const loadActor = async (sub: string, sid: string, now: Date): Promise<Actor | null> => {
      const epoch = cache.epoch
      const [row] = await sessionCheck.execute({ sid, sub, now })
      if (!row) return null
      cache.store(sid, sub, row, epoch)
      return { userId: sub, sessionId: sid, isPlatformAdmin: row.isPlatformAdmin }
    }

    /**
     * Sets request.actor from the bearer token, if any (`required`: 401 without one). A callback hook: with the
     * session in the cache, as for nearly every request, it finishes at once, without a promise (bench 1d).
     */
    const actorHook = (required: boolean) => (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const authorization = request.headers.authorization
      if (!authorization) return done(required ? commonProblems.unauthenticated('Log in to do this.') : undefined)
      const claims = verifyAccessToken(authorization)
      if (!claims) return done(commonProblems.unauthenticated('The access token is missing, invalid or expired.'))
      const now = opts.now()
      const hit = cache.lookup(claims.sid, claims.sub, now)
      if (hit) {
        request.actor = { userId: claims.sub, sessionId: claims.sid, isPlatformAdmin: hit.isPlatformAdmin }
        return done()
      }
      loadActor(claims.sub, claims.sid, now).then((actor) => {
        if (!actor) return done(commonProblems.unauthenticated('The session has ended. Please log in again.'))
        request.actor = actor
        done()
      }, done)
    }

    app.decorate('identify', actorHook(false))
    app.decorate('authenticate', actorHook(true))
  },
  { name: 'auth' },
)

/** For handlers behind `authenticate`: the actor is known to be there. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw commonProblems.unauthenticated('Log in to do this.')
  return request.actor
}
