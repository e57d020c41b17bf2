import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParams } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { ContactBody, ContactResult, Partner, PartnerQuery, PartnerSuggestions } from './partners.schemas'
import { contactPartner, partnerSuggestions, searchPartners } from './partners.service'

const tags = ['partners']

/** The partner directory (signed-in users) and contact messages that arrive by email without revealing addresses. */
export async function partnerRoutes(app: App, opts: { now: () => Date; publicUrl: string }) {
  await app.register(async (scope) => {
    const auth = scope.withTypeProvider<TypeBoxTypeProvider>()
    auth.addHook('onRequest', auth.authenticate)
    auth.get(
      '/partners',
      { schema: { tags, operationId: 'searchPartners', summary: 'Partner directory: enterprises by SDG profile, kind, region and "looking for partners"', security: bearerAuth, querystring: PartnerQuery, response: { 200: Type.Object({ items: Type.Array(Partner) }), ...problemResponses(401) } } },
      async (request) => ({ items: await searchPartners(app.db, request.query) }),
    )
    auth.get(
      '/challenges/:challengeId/partner-suggestions',
      {
        schema: {
          tags,
          operationId: 'suggestPartnersForChallenge',
          summary: '"Find partners": enterprises whose SDG profile shares goals with a published challenge, best fit first',
          security: bearerAuth,
          params: IdParams('challengeId'),
          response: { 200: PartnerSuggestions, ...problemResponses(401, 404) },
        },
      },
      async (request) => partnerSuggestions(app.db, request.params.challengeId),
    )
    auth.post(
      '/partners/:enterpriseId/messages',
      {
        schema: {
          tags,
          operationId: 'contactPartner',
          summary: 'Send an enterprise a message on behalf of your enterprise; its owners get it by email, addresses stay hidden',
          security: bearerAuth,
          params: IdParams('enterpriseId'),
          body: ContactBody,
          response: { 202: ContactResult, ...problemResponses(401, 404, 429) },
        },
      },
      async (request, reply) => {
        await contactPartner({ db: app.db, now: opts.now, publicUrl: opts.publicUrl }, requireActor(request), request.params.enterpriseId, request.body)
        return reply.status(202).send({ status: 'queued' as const })
      },
    )
  })
}
