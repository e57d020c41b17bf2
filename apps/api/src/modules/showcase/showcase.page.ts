import type { FastifyInstance } from 'fastify'
import type { DbOrTx } from '../../db/client'
import { escapeHtml } from '../../lib/escape-html'
import { sendSpaPage } from '../../plugins/web-app'
import { listShowcase } from './showcase.service'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Open Graph and Twitter meta for one showcase item, placed in the web app's <head>. */
export function injectShowcaseMeta(indexHtml: string, meta: { title: string; description: string; url: string }): string {
  const tags = [
    `<meta property="og:type" content="article">`,
    `<meta property="og:site_name" content="Opgave">`,
    `<meta property="og:locale" content="nl_NL">`,
    `<meta property="og:title" content="${escapeHtml(meta.title)}">`,
    `<meta property="og:description" content="${escapeHtml(meta.description)}">`,
    `<meta property="og:url" content="${escapeHtml(meta.url)}">`,
    `<meta name="twitter:card" content="summary">`,
    `<meta name="description" content="${escapeHtml(meta.description)}">`,
  ].join('\n    ')
  const titled = indexHtml.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(meta.title)} – Opgave</title>`)
  return titled.replace('</head>', `    ${tags}\n  </head>`)
}

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)

/**
 * Shareable showcase pages: crawlers do not run the SPA, so the API serves index.html with the
 * item's Open Graph tags already in it. Anything not in the showcase gets the plain app.
 */
export async function showcasePageRoutes(app: FastifyInstance, opts: { db: DbOrTx; publicUrl: string }) {
  app.get<{ Params: { id: string } }>('/inspirerende-voorbeelden/:id', { schema: { hide: true } }, async (request, reply) => {
    const html = app.spaIndexHtml
    if (!html) return reply.callNotFound()
    const id = request.params.id
    const [item] = UUID.test(id) ? await listShowcase(opts.db, { ids: [id] }) : []
    const page = item
      ? injectShowcaseMeta(html, {
          title: `${item.enterprise.name}: ${item.proposal.title}`,
          description: shorten(`${item.proposal.summary} Winnaar van “${item.challenge.title}” bij ${item.municipality.name}.`, 300),
          url: `${opts.publicUrl}/inspirerende-voorbeelden/${item.id}`,
        })
      : html
    return sendSpaPage(reply, page)
  })
}
