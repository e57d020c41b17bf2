import { Value } from '@sinclair/typebox/value'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ChallengeCatalogueQuery, ChallengePage } from '@opgave/contracts'
import type { Database } from '../../db/client'
import { pageAssetLinks, withServerRender } from '../../lib/spa-page'
import { sendSpaPage, type LoadedRenderer } from '../../plugins/web-app'
import { listPublicChallenges } from './challenges.catalogue'

type Options = { db: Database; now: () => Date }

/**
 * The catalogue page rendered on the server: its first page of challenges, fetched here with the same query
 * and serialised with the same schema as `GET /api/v1/challenges`, so the browser hydrates it from identical
 * data. Null when the query is one the API would refuse: the browser then renders the page and shows the
 * API's own answer.
 */
async function renderCatalogue(index: string, renderer: LoadedRenderer, opts: Options, request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
  const query = renderer.catalogueQuery(request.query as Record<string, unknown>)
  if (!Value.Check(ChallengeCatalogueQuery, query)) return null
  const page = JSON.parse(reply.serializeInput(await listPublicChallenges(opts.db, query, opts.now()), ChallengePage)) as unknown
  const rendered = await renderer.render(request.url, { catalogue: { query, page } })
  return rendered && withServerRender(index, { ...rendered, links: pageAssetLinks(renderer.manifest, rendered.modules, index) })
}

/**
 * Public pages the server renders (with the web build's renderer): they paint before any JavaScript has run,
 * read without it, and are what search engines see. Whatever goes wrong here, the visitor still gets the page,
 * rendered in the browser as before.
 */
export async function publicPageRoutes(app: FastifyInstance, opts: Options) {
  app.get('/uitdagingen', { schema: { hide: true } }, async (request, reply) => {
    const index = app.spaIndexHtml
    if (index === null) return reply.callNotFound()
    const renderer = app.spaRenderer
    if (renderer === null) return sendSpaPage(reply, index)
    try {
      return sendSpaPage(reply, (await renderCatalogue(index, renderer, opts, request, reply)) ?? index)
    } catch (err) {
      request.log.warn({ err }, 'server rendering of the catalogue failed; the browser renders it')
      return sendSpaPage(reply, index)
    }
  })
}
