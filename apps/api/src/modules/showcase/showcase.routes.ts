import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParams } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { Consent, ConsentBody, ShowcaseItem, ShowcaseQuery } from './showcase.schemas'
import { listShowcase, setShowcaseConsent, showcaseItem } from './showcase.service'

const tags = ['showcase']

/** "Inspirerende voorbeelden": public winners (with consent) and the owner's consent switch. */
export async function showcaseRoutes(app: App, opts: { now: () => Date }) {
  app.get(
    '/showcase',
    { schema: { tags, operationId: 'listShowcase', summary: 'Winners of published challenges whose enterprise consented, with their pilot results', querystring: ShowcaseQuery, response: { 200: Type.Object({ items: Type.Array(ShowcaseItem) }), ...problemResponses(404) } } },
    async (request) => ({ items: await listShowcase(app.db, request.query) }),
  )
  app.get(
    '/showcase/:id',
    { schema: { tags, operationId: 'getShowcaseItem', summary: 'One showcase item (404 without consent or published results)', params: IdParams('id'), response: { 200: ShowcaseItem, ...problemResponses(404) } } },
    async (request) => showcaseItem(app.db, request.params.id),
  )
  await app.register(async (scope) => {
    const auth = scope.withTypeProvider<TypeBoxTypeProvider>()
    auth.addHook('onRequest', auth.authenticate)
    auth.put(
      '/pilots/:proposalId/showcase-consent',
      {
        schema: {
          tags,
          operationId: 'setShowcaseConsent',
          summary: 'Give or withdraw consent to appear in the showcase (owner of the winning enterprise; audited)',
          security: bearerAuth,
          params: IdParams('proposalId'),
          body: ConsentBody,
          response: { 200: Consent, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => setShowcaseConsent(app.db, requireActor(request), request.params.proposalId, request.body.consented, opts.now()),
    )
  })
}
