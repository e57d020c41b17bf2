import { Type } from '@sinclair/typebox'
import { OutboxEmail } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { commonProblems } from '../../lib/problem'
import { requireActor } from '../../plugins/auth'
import { listOutbox } from './outbox.service'

/** Without a mail server, platform admins read outgoing mail here (invitation links included). */
export async function outboxRoutes(app: App) {
  app.get(
    '/admin/outbox',
    {
      onRequest: app.authenticate,
      schema: { tags: ['admin'], operationId: 'listOutbox', summary: 'Recent outgoing emails (platform admins)', security: bearerAuth, response: { 200: Type.Object({ items: Type.Array(OutboxEmail) }), ...problemResponses(401, 403) } },
    },
    async (request) => {
      if (!requireActor(request).isPlatformAdmin) throw commonProblems.forbidden('Only platform administrators can read the outbox.')
      const rows = await listOutbox(app.db)
      return { items: rows.map((r) => ({ id: r.id, to: r.to, subject: r.subject, text: r.text, status: r.status, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null, notBefore: r.notBefore?.toISOString() ?? null })) }
    },
  )
}
