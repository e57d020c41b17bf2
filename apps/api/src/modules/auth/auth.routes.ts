import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { LoginBody, Me, RegisterBody, SessionResponse, UpdateMeBody } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { commonProblems } from '../../lib/problem'
import { ACCESS_TOKEN_TTL_SECONDS, requireActor } from '../../plugins/auth'
import { getMe, updateMe } from '../users/users.service'
import { login, logout, refresh, register, type IssuedSession, type SessionDeps } from './auth.service'
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH, SESSION_TTL_MS } from './refresh-token'

export function setRefreshCookie(reply: FastifyReply, token: string) {
  reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  })
}

function sessionBody(reply: FastifyReply, issued: IssuedSession) {
  setRefreshCookie(reply, issued.refreshToken)
  return { accessToken: issued.accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user: issued.user }
}

export async function authRoutes(app: App, opts: { now: () => Date; authRateLimitPerMinute: number }) {
  // Registration, login and refresh also get a tight per-IP limit on top of the account throttle.
  const authRateLimit = { rateLimit: { max: opts.authRateLimitPerMinute, timeWindow: 60_000 } }
  const deps: SessionDeps = { db: app.db, now: opts.now, signAccessToken: (claims) => app.jwt.sign(claims), sessions: app.sessionCache }

  app.post(
    '/auth/register',
    {
      config: authRateLimit,
      schema: {
        tags: ['auth'],
        operationId: 'register',
        summary: 'Create an account and start a session',
        body: RegisterBody,
        response: { 201: SessionResponse, ...problemResponses(429) },
      },
    },
    async (request, reply) => reply.status(201).send(sessionBody(reply, await register(deps, request.body))),
  )

  app.post(
    '/auth/login',
    {
      config: authRateLimit,
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Log in with email address and password',
        description: 'Unknown accounts and wrong passwords get the same answer. The sixth failed attempt per account or IP within a minute gets 429 with Retry-After.',
        body: LoginBody,
        response: { 200: SessionResponse, ...problemResponses(401, 429) },
      },
    },
    async (request, reply) => sessionBody(reply, await login(deps, request.body, request.ip)),
  )

  app.post(
    '/auth/refresh',
    {
      config: authRateLimit,
      schema: {
        tags: ['auth'],
        operationId: 'refreshSession',
        summary: 'Exchange the refresh cookie for a new access token (the cookie is rotated)',
        response: { 200: SessionResponse, ...problemResponses(401, 429) },
      },
    },
    async (request, reply) => sessionBody(reply, await refresh(deps, request.cookies[REFRESH_COOKIE])),
  )

  app.post(
    '/auth/logout',
    {
      onRequest: app.identify,
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'End the session: the refresh token and access tokens of this session stop working',
        response: { 204: Type.Null({ description: 'Logged out' }), ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      await logout(deps, request.cookies[REFRESH_COOKIE], request.actor)
      reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, httpOnly: true, secure: true, sameSite: 'strict' })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/me',
    {
      onRequest: app.authenticate,
      schema: { tags: ['me'], operationId: 'getMe', summary: 'The signed-in user and their memberships', security: bearerAuth, response: { 200: Me, ...problemResponses(401) } },
    },
    async (request) => {
      const me = await getMe(app.db, requireActor(request).userId)
      if (!me) throw commonProblems.unauthenticated()
      return me
    },
  )

  app.patch(
    '/me',
    {
      onRequest: app.authenticate,
      schema: { tags: ['me'], operationId: 'updateMe', summary: 'Change name or language', security: bearerAuth, body: UpdateMeBody, response: { 200: Me, ...problemResponses(401) } },
    },
    async (request) => {
      const actor = requireActor(request)
      await updateMe(app.db, actor.userId, request.body)
      const me = await getMe(app.db, actor.userId)
      if (!me) throw commonProblems.unauthenticated()
      return me
    },
  )
}
