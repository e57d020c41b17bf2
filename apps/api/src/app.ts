import fastJson, { type Schema } from 'fast-json-stringify'
import Fastify, { LogController, type FastifyServerOptions } from 'fastify'
import cors from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Config } from './config'
import type { Database } from './db/client'
import { authPlugin } from './plugins/auth'
import { databasePlugin } from './plugins/database'
import { requestLogPlugin } from './plugins/request-log'
import { createLogging } from './plugins/logging'
import { drainingPlugin } from './plugins/draining'
import { compressionPlugin } from './plugins/compression'
import { idempotencyPlugin, requestScopedDatabase } from './plugins/idempotency'
import { errorsPlugin, frameworkErrorHandler } from './plugins/errors'
import { metricsPlugin } from './plugins/metrics'
import { rateLimitsPlugin } from './plugins/rate-limits'
import { jobsPlugin } from './jobs/jobs.plugin'
import { jobRoutes } from './jobs/jobs.routes'
import { createJobQueue, type JobQueue } from './jobs/queue'
import { API_PREFIX, openapiPlugin } from './plugins/openapi'
import { securityHeadersPlugin } from './plugins/security-headers'
import { createValidatorCompiler } from './plugins/validation'
import { forSerialization } from './lib/serialization-schema'
import { webAppPlugin } from './plugins/web-app'
import { authRoutes } from './modules/auth/auth.routes'
import { healthRoutes } from './modules/health/health.routes'
import { invitationRoutes, organisationInvitationRoutes } from './modules/invitations/invitations.routes'
import { organisationRoutes } from './modules/organisations/organisations.routes'
import { outboxRoutes } from './modules/outbox/outbox.routes'
import { privacyRoutes } from './modules/privacy/privacy.routes'
import { questionRoutes } from './modules/questions/questions.routes'
import { enterpriseRoutes } from './modules/enterprises/enterprises.routes'
import { challengeRoutes, publicChallengeRoutes } from './modules/challenges/challenges.routes'
import { proposalRoutes } from './modules/proposals/proposals.routes'
import { juryRoutes } from './modules/jury/jury.routes'
import { ssoRoutes } from './modules/sso/sso.routes'
import { impactRoutes } from './modules/impact/impact.routes'
import { openDataRoutes } from './modules/open-data/open-data.routes'
import { pilotReportRoutes } from './modules/pilot-reports/pilot-reports.routes'
import { showcaseRoutes } from './modules/showcase/showcase.routes'
import { showcasePageRoutes } from './modules/showcase/showcase.page'
import { publicPageRoutes } from './modules/challenges/challenges.page'
import { partnerRoutes } from './modules/partners/partners.routes'
import { guidanceRoutes } from './modules/guidance/guidance.routes'
import { meetingRoutes } from './modules/meetings/meetings.routes'

export interface BuildAppOptions {
  config: Config
  db: Database
  /** The server clock; tests pass a fixed one. Deadlines are always decided with this, never a client's. */
  now?: () => Date
  logger?: FastifyServerOptions['logger']
  /** The background job queue; server.ts passes the one its workers use. Default: one on `db`, started on first use. */
  jobs?: JobQueue
}

export const BODY_LIMIT_BYTES = 1024 * 1024

/** Builds the whole application. Tests import only this; server.ts only listens. */
export async function buildApp({ config, db, now = () => new Date(), logger, jobs }: BuildAppOptions) {
  // The production log (redaction, masked URLs, asynchronous stdout): see plugins/logging.ts.
  const logging = logger === undefined ? createLogging(config.logLevel) : undefined
  const app = Fastify({
    logger: logger ?? logging!.options,
    childLoggerFactory: logging?.childLoggerFactory,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: undefined,
    requestIdHeader: 'x-request-id',
    // One line per request from requestLogPlugin instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(createValidatorCompiler())
  // Response schemas as fast-json-stringify writes them without validating each union (lib/serialization-schema.ts).
  app.setSerializerCompiler(({ schema }) => fastJson(forSerialization(schema) as Schema))
  // The API speaks JSON (and multipart for uploads): a text/plain body is 415, not a string to validate.
  app.removeContentTypeParser('text/plain')

  await app.register(requestLogPlugin, { write: logging?.requestLine })
  app.decorate('flushLogs', logging?.flush ?? (async () => undefined))
  // Routes get a handle that joins an idempotent request's transaction (see plugins/idempotency.ts).
  await app.register(databasePlugin, { db: requestScopedDatabase(db) })
  await app.register(webAppPlugin, { distDir: config.webDistDir })
  await app.register(errorsPlugin)
  await app.register(securityHeadersPlugin)
  await app.register(drainingPlugin)
  await app.register(compressionPlugin)
  // Without CORS_ORIGINS no origin is allowed: @fastify/cors would then run on every request only to add nothing
  // (and answer preflights 404, as the not-found handler does without it), so it is not registered at all.
  if (config.corsOrigins.length > 0) await app.register(cors, { origin: config.corsOrigins, credentials: true })
  await app.register(rateLimitsPlugin, { max: config.rateLimitPerMinute, redisUrl: config.redisUrl, syncMs: config.rateLimitSyncMs })
  await app.register(authPlugin, { secret: config.jwtSecret, db, now })
  await app.register(idempotencyPlugin, { db, now })
  await app.register(openapiPlugin, { publicUrl: config.publicUrl })
  await app.register(jobsPlugin, { queue: jobs ?? createJobQueue({ db, log: app.log }) })
  await app.register(metricsPlugin, { token: config.metricsToken, db, now })

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { now })
      await api.register(authRoutes, { now, authRateLimitPerMinute: config.authRateLimitPerMinute })
      await api.register(organisationRoutes)
      await api.register(organisationInvitationRoutes, { now, publicUrl: config.publicUrl })
      await api.register(invitationRoutes, { now, publicUrl: config.publicUrl })
      await api.register(outboxRoutes)
      await api.register(jobRoutes)
      await api.register(privacyRoutes, { now })
      await api.register(publicChallengeRoutes, { now, publicUrl: config.publicUrl, db })
      await api.register(challengeRoutes, { now, publicUrl: config.publicUrl })
      await api.register(questionRoutes, { now, publicUrl: config.publicUrl })
      await api.register(enterpriseRoutes)
      await api.register(proposalRoutes, { now, publicUrl: config.publicUrl, dataDir: config.dataDir })
      await api.register(juryRoutes, { now, publicUrl: config.publicUrl, dataDir: config.dataDir, backgroundFromScorecards: config.juryBackgroundScorecards, backgroundFromPairs: config.juryBackgroundPairs })
      await api.register(ssoRoutes, { now, publicUrl: config.publicUrl, jwtSecret: config.jwtSecret, authRateLimitPerMinute: config.authRateLimitPerMinute })
      await api.register(impactRoutes, { now, annualBenefitCents: config.participatiewetAnnualBenefitCents })
      await api.register(openDataRoutes, { now, annualBenefitCents: config.participatiewetAnnualBenefitCents, publicUrl: config.publicUrl })
      await api.register(pilotReportRoutes, { now })
      await api.register(showcaseRoutes, { now })
      await api.register(partnerRoutes, { now, publicUrl: config.publicUrl })
      await api.register(guidanceRoutes, { now })
      await api.register(meetingRoutes, { now, publicUrl: config.publicUrl })
    },
    { prefix: API_PREFIX },
  )
  // Shareable showcase pages get their Open Graph tags server-side (crawlers do not run the SPA).
  await app.register(showcasePageRoutes, { db, publicUrl: config.publicUrl })
  // The public catalogue is rendered on the server, then hydrated in the browser.
  await app.register(publicPageRoutes, { db, now })

  return app
}

export type OpgaveApp = Awaited<ReturnType<typeof buildApp>>
