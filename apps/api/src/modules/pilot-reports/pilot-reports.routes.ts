import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParams } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { CreatePilotReportBody, MyPilot, PilotReport, RejectBody, ReportForReview, ReviewBody, ReviewQuery } from './pilot-reports.schemas'
import { createReport, listMyPilots, listReportsForReview, reviewReport, type PilotReportDeps } from './pilot-reports.service'

const tags = ['pilot-reports']

/**
 * Pilot impact reporting: the winning enterprise reports on what it promised, the municipality's
 * account manager validates or rejects; only validated reports reach dashboards and the showcase.
 */
export async function pilotReportRoutes(app: App, opts: { now: () => Date }) {
  const deps: PilotReportDeps = { db: app.db, now: opts.now }
  await app.register(async (scope) => {
    const auth = scope.withTypeProvider<TypeBoxTypeProvider>()
    auth.addHook('onRequest', auth.authenticate)

    auth.get(
      '/me/pilots',
      { schema: { tags, operationId: 'listMyPilots', summary: 'Pilots my enterprises won, with their reports and showcase consent', security: bearerAuth, response: { 200: Type.Object({ items: Type.Array(MyPilot) }), ...problemResponses(401) } } },
      async (request) => ({ items: await listMyPilots(app.db, requireActor(request)) }),
    )

    auth.post(
      '/pilots/:proposalId/reports',
      {
        schema: {
          tags,
          operationId: 'createPilotReport',
          summary: 'Report on a pilot: promised indicators per SDG target (value, date, evidence) and social return realised in the period',
          security: bearerAuth,
          params: IdParams('proposalId'),
          body: CreatePilotReportBody,
          response: { 201: PilotReport, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => reply.status(201).send(await createReport(deps, requireActor(request), request.params.proposalId, request.body)),
    )

    auth.get(
      '/municipalities/:municipalityId/pilot-reports',
      {
        schema: {
          tags,
          operationId: 'listPilotReportsForReview',
          summary: 'Reports on the municipality’s pilots (account managers and admins)',
          security: bearerAuth,
          params: IdParams('municipalityId'),
          querystring: ReviewQuery,
          response: { 200: Type.Object({ items: Type.Array(ReportForReview) }), ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => ({ items: await listReportsForReview(app.db, requireActor(request), request.params.municipalityId, request.query.status) }),
    )

    auth.post(
      '/pilot-reports/:reportId/validate',
      { schema: { tags, operationId: 'validatePilotReport', summary: 'Validate a submitted report: it then counts on dashboards', security: bearerAuth, params: IdParams('reportId'), body: ReviewBody, response: { 200: PilotReport, ...problemResponses(401, 403, 404, 409) } } },
      async (request) => reviewReport(deps, requireActor(request), request.params.reportId, { version: request.body.version }),
    )

    auth.post(
      '/pilot-reports/:reportId/reject',
      { schema: { tags, operationId: 'rejectPilotReport', summary: 'Reject a submitted report with a reason the enterprise sees', security: bearerAuth, params: IdParams('reportId'), body: RejectBody, response: { 200: PilotReport, ...problemResponses(401, 403, 404, 409) } } },
      async (request) => reviewReport(deps, requireActor(request), request.params.reportId, { version: request.body.version, reason: request.body.reason }),
    )
  })
}
