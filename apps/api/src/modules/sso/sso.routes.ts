import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { IdParams } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { ProblemError } from '../../lib/problem'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { setRefreshCookie } from '../auth/auth.routes'
import type { AuthDeps } from '../auth/auth.service'
import { sealer } from './sealed'
import { deleteSsoConfig, getSsoConfig, listSsoProviders, putSsoConfig, enabledConfigBySlug, type SsoConfigDeps } from './sso-config.service'
import { beginLogin, completeLogin, LOGIN_STATE_TTL_MS, type SsoLoginDeps } from './sso-login.service'
import { CallbackQuery, LoginQuery, PutSsoConfigBody, SlugParams, SsoConfig, SsoProvider } from './sso.schemas'
import { escapeHtml } from '../../lib/escape-html'

export const SSO_STATE_COOKIE = 'opgave_sso_state'
const SSO_COOKIE_PATH = '/api/v1/sso'
/** The web app's page that picks up the new session (it calls /auth/refresh with the cookie set here). */
export const WEB_SSO_LANDING = '/inloggen/sso'

const tags = ['sso']
const redirectResponse = (description: string) => ({ 302: Type.Null({ description }) })

/**
 * A browser that arrives here by navigation gets a small page (same status) that sends it on to the
 * web app's login page, which explains the problem code in the user's language. API clients get problem+json.
 */
function answerProblem(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  if (!(error instanceof ProblemError) || !(request.headers.accept ?? '').includes('text/html')) throw error
  const target = `/inloggen?ssoError=${encodeURIComponent(error.code)}`
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeHtml(target)}"><title>Inloggen mislukt</title></head><body><main><h1>Inloggen mislukt</h1><p lang="en">${escapeHtml(error.detail)} (${escapeHtml(error.code)})</p><p><a href="${escapeHtml(target)}">Terug naar inloggen</a></p></main></body></html>`
  return reply.status(error.status).type('text/html; charset=utf-8').send(html)
}

export async function ssoRoutes(app: App, opts: { now: () => Date; publicUrl: string; jwtSecret: string; authRateLimitPerMinute: number }) {
  const authRateLimit = { rateLimit: { max: opts.authRateLimitPerMinute, timeWindow: 60_000 } }
  const secrets = sealer(opts.jwtSecret, 'sso-client-secret')
  const configDeps: SsoConfigDeps = { db: app.db, sealer: secrets, publicUrl: opts.publicUrl, now: opts.now }
  const auth: AuthDeps = { db: app.db, now: opts.now, signAccessToken: (claims) => app.jwt.sign(claims) }
  const loginDeps: SsoLoginDeps = { db: app.db, auth, secrets, states: sealer(opts.jwtSecret, 'sso-login-state'), publicUrl: opts.publicUrl, now: opts.now }
  const clearState = (reply: FastifyReply) => reply.clearCookie(SSO_STATE_COOKIE, { path: SSO_COOKIE_PATH, httpOnly: true, secure: true, sameSite: 'lax' })

  app.get(
    '/sso/providers',
    {
      schema: {
        tags,
        operationId: 'listSsoProviders',
        summary: 'Municipalities whose staff can log in with single sign-on',
        response: { 200: Type.Object({ items: Type.Array(SsoProvider) }, { additionalProperties: false }), ...problemResponses() },
      },
    },
    async () => ({ items: await listSsoProviders(app.db) }),
  )

  app.get(
    '/sso/callback',
    {
      config: authRateLimit,
      schema: {
        tags,
        operationId: 'ssoCallback',
        summary: 'Where the identity provider sends the browser back; opens a session and redirects to the web app',
        description:
          'Checks state (bound to this browser by a sealed cookie), exchanges the code with the PKCE verifier and validates the ID token (JWKS signature, issuer, audience, nonce, expiry). Browsers get a page leading to `/inloggen?ssoError=<code>` on failure, with the same status.',
        querystring: CallbackQuery,
        response: { ...redirectResponse('Logged in: the refresh cookie is set; on to the web app'), ...problemResponses(401, 403, 404, 429, 502) },
      },
    },
    async (request, reply) => {
      try {
        const query = request.query as Record<string, string | undefined>
        const result = await completeLogin(loginDeps, query, request.cookies[SSO_STATE_COOKIE])
        clearState(reply)
        setRefreshCookie(reply, result.refreshToken)
        return reply.redirect(`${WEB_SSO_LANDING}?redirect=${encodeURIComponent(result.redirect)}`, 302)
      } catch (error) {
        clearState(reply)
        return answerProblem(request, reply, error)
      }
    },
  )

  app.get(
    '/sso/:orgSlug',
    {
      schema: {
        tags,
        operationId: 'getSsoProvider',
        summary: 'Whether the municipality offers single sign-on (for the login page)',
        params: SlugParams,
        response: { 200: SsoProvider, ...problemResponses(404) },
      },
    },
    async (request) => {
      const { organisation } = await enabledConfigBySlug(app.db, request.params.orgSlug)
      return { slug: organisation.slug, name: organisation.name }
    },
  )

  app.get(
    '/sso/:orgSlug/login',
    {
      config: authRateLimit,
      schema: {
        tags,
        operationId: 'startSsoLogin',
        summary: 'Start single sign-on: redirects to the municipality’s identity provider',
        params: SlugParams,
        querystring: LoginQuery,
        response: { ...redirectResponse('On to the identity provider (authorization code with PKCE S256, state and nonce)'), ...problemResponses(404, 429, 502) },
      },
    },
    async (request, reply) => {
      try {
        const started = await beginLogin(loginDeps, request.params.orgSlug, request.query.redirect)
        // Lax, not Strict: the identity provider's redirect back is a cross-site top-level navigation.
        reply.setCookie(SSO_STATE_COOKIE, started.stateCookie, { path: SSO_COOKIE_PATH, httpOnly: true, secure: true, sameSite: 'lax', maxAge: LOGIN_STATE_TTL_MS / 1000 })
        return reply.redirect(started.url, 302)
      } catch (error) {
        return answerProblem(request, reply, error)
      }
    },
  )

  await app.register(async (admin: App) => {
    admin.addHook('onRequest', app.authenticate)

    admin.get(
      '/organisations/:organisationId/sso',
      {
        schema: {
          tags,
          operationId: 'getSsoConfig',
          summary: 'The municipality’s single sign-on configuration (never the client secret)',
          security: bearerAuth,
          params: IdParams('organisationId'),
          response: { 200: SsoConfig, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => getSsoConfig(configDeps, requireActor(request), request.params.organisationId),
    )

    admin.put(
      '/organisations/:organisationId/sso',
      {
        schema: {
          tags,
          operationId: 'putSsoConfig',
          summary: 'Create or change the municipality’s single sign-on configuration',
          description: 'The client secret is stored encrypted and never returned; leave it out to keep the stored one. Changing an existing configuration needs its `version` (409 with `current` when stale).',
          security: bearerAuth,
          params: IdParams('organisationId'),
          body: PutSsoConfigBody,
          response: { 200: SsoConfig, 201: SsoConfig, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const { config, created } = await putSsoConfig(configDeps, requireActor(request), request.params.organisationId, request.body)
        return reply.status(created ? 201 : 200).send(config)
      },
    )

    admin.delete(
      '/organisations/:organisationId/sso',
      {
        schema: {
          tags,
          operationId: 'deleteSsoConfig',
          summary: 'Remove the municipality’s single sign-on configuration',
          security: bearerAuth,
          params: IdParams('organisationId'),
          response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deleteSsoConfig(configDeps, requireActor(request), request.params.organisationId)
        return reply.status(204).send(null)
      },
    )
  })
}
