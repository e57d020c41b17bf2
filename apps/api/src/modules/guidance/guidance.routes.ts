import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { IdParams, StrictObject } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import {
  CreateGuidancePageBody,
  GuidanceIndex,
  GuidancePage,
  GuidancePreviewBody,
  GuidanceSlugParams,
  GuidanceVersionBody,
  PublicGuidancePage,
  RenderedGuidance,
  UpdateGuidancePageBody,
} from './guidance.schemas'
import {
  createGuidancePage,
  deleteGuidancePage,
  getGuidanceForStaff,
  getPublishedGuidance,
  listGuidanceForStaff,
  listPublishedGuidance,
  previewGuidance,
  setGuidanceStatus,
  updateGuidancePage,
  type GuidanceDeps,
} from './guidance.service'

const tags = ['guidance']
const MunicipalitySlugParams = StrictObject({ slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120 }) })

/**
 * Guidance pages in Markdown (a pocket guide for civil servants, a route map for entrepreneurs).
 * Public: the published pages of a municipality, rendered to safe HTML. Staff of the municipality
 * write, preview, publish and delete them; object rights are checked in the service.
 */
export async function guidanceRoutes(app: App, opts: { now: () => Date }) {
  const deps: GuidanceDeps = { db: app.db, now: opts.now }

  await app.register(async (scope) => {
    const pub = scope.withTypeProvider<TypeBoxTypeProvider>()
    pub.get(
      '/municipalities/by-slug/:slug/guidance',
      { schema: { tags, operationId: 'listPublishedGuidance', summary: 'The municipality’s published guidance pages (public)', params: MunicipalitySlugParams, response: { 200: GuidanceIndex, ...problemResponses(404) } } },
      async (request) => listPublishedGuidance(app.db, request.params.slug),
    )
    pub.get(
      '/municipalities/by-slug/:slug/guidance/:pageSlug',
      { schema: { tags, operationId: 'getPublishedGuidance', summary: 'One published guidance page, rendered to safe HTML with its headings (public; drafts are 404)', params: GuidanceSlugParams, response: { 200: PublicGuidancePage, ...problemResponses(404) } } },
      async (request) => getPublishedGuidance(app.db, request.params.slug, request.params.pageSlug),
    )
  })

  await app.register(async (scope) => {
    const auth = scope.withTypeProvider<TypeBoxTypeProvider>()
    auth.addHook('onRequest', auth.authenticate)

    auth.get(
      '/municipalities/:municipalityId/guidance',
      { schema: { tags, operationId: 'listGuidanceForStaff', summary: 'All guidance pages of the municipality, drafts included (its staff)', security: bearerAuth, params: IdParams('municipalityId'), response: { 200: Type.Object({ items: Type.Array(GuidancePage) }), ...problemResponses(401, 404) } } },
      async (request) => ({ items: await listGuidanceForStaff(app.db, requireActor(request), request.params.municipalityId) }),
    )

    auth.post(
      '/municipalities/:municipalityId/guidance',
      { schema: { tags, operationId: 'createGuidancePage', summary: 'Write a new guidance page, as a draft (admins and challenge managers)', security: bearerAuth, params: IdParams('municipalityId'), body: CreateGuidancePageBody, response: { 201: GuidancePage, ...problemResponses(401, 403, 404, 409) } } },
      async (request, reply) => reply.status(201).send(await createGuidancePage(deps, requireActor(request), request.params.municipalityId, request.body)),
    )

    auth.post(
      '/municipalities/:municipalityId/guidance/preview',
      { schema: { tags, operationId: 'previewGuidance', summary: 'Render Markdown as a guidance page would show it, without saving (admins and challenge managers)', security: bearerAuth, params: IdParams('municipalityId'), body: GuidancePreviewBody, response: { 200: RenderedGuidance, ...problemResponses(401, 403, 404) } } },
      async (request) => previewGuidance(app.db, requireActor(request), request.params.municipalityId, request.body.markdown),
    )

    auth.get(
      '/municipalities/:municipalityId/guidance/:pageId',
      { schema: { tags, operationId: 'getGuidanceForStaff', summary: 'One guidance page with its Markdown, draft or published (its staff)', security: bearerAuth, params: IdParams('municipalityId', 'pageId'), response: { 200: GuidancePage, ...problemResponses(401, 404) } } },
      async (request) => getGuidanceForStaff(app.db, requireActor(request), request.params.municipalityId, request.params.pageId),
    )

    auth.patch(
      '/municipalities/:municipalityId/guidance/:pageId',
      { schema: { tags, operationId: 'updateGuidancePage', summary: 'Change a guidance page (admins and challenge managers; version checked)', security: bearerAuth, params: IdParams('municipalityId', 'pageId'), body: UpdateGuidancePageBody, response: { 200: GuidancePage, ...problemResponses(401, 403, 404, 409) } } },
      async (request) => updateGuidancePage(deps, requireActor(request), request.params.municipalityId, request.params.pageId, request.body),
    )

    auth.post(
      '/municipalities/:municipalityId/guidance/:pageId/publish',
      { schema: { tags, operationId: 'publishGuidancePage', summary: 'Publish a draft guidance page (admins and challenge managers; version checked)', security: bearerAuth, params: IdParams('municipalityId', 'pageId'), body: GuidanceVersionBody, response: { 200: GuidancePage, ...problemResponses(401, 403, 404, 409) } } },
      async (request) => setGuidanceStatus(deps, requireActor(request), request.params.municipalityId, request.params.pageId, 'published', request.body.version),
    )

    auth.post(
      '/municipalities/:municipalityId/guidance/:pageId/unpublish',
      { schema: { tags, operationId: 'unpublishGuidancePage', summary: 'Take a published guidance page back to draft (admins and challenge managers; version checked)', security: bearerAuth, params: IdParams('municipalityId', 'pageId'), body: GuidanceVersionBody, response: { 200: GuidancePage, ...problemResponses(401, 403, 404, 409) } } },
      async (request) => setGuidanceStatus(deps, requireActor(request), request.params.municipalityId, request.params.pageId, 'draft', request.body.version),
    )

    auth.delete(
      '/municipalities/:municipalityId/guidance/:pageId',
      { schema: { tags, operationId: 'deleteGuidancePage', summary: 'Delete a guidance page (admins and challenge managers)', security: bearerAuth, params: IdParams('municipalityId', 'pageId'), response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses(401, 403, 404) } } },
      async (request, reply) => {
        await deleteGuidancePage(deps, requireActor(request), request.params.municipalityId, request.params.pageId)
        return reply.status(204).send(null)
      },
    )
  })
}
