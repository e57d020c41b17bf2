import { Type } from '@sinclair/typebox'
import { StrictObject } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../auth/refresh-token'
import { deleteAccount, exportUserData } from './privacy.service'

const DataExport = Type.Object({
  exportedAt: Type.String({ format: 'date-time' }),
  user: Type.Unknown({ description: 'The account with its memberships' }),
  records: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown())), { description: 'Every row that refers to the user, keyed by table.column' }),
  actions: Type.Array(Type.Object({ action: Type.String(), entityType: Type.String(), entityId: Type.String(), at: Type.String({ format: 'date-time' }) })),
})

/** The user's AVG (GDPR) rights: a copy of their data, and erasure by anonymisation. */
export async function privacyRoutes(app: App, opts: { now: () => Date }) {
  app.get(
    '/me/data-export',
    {
      onRequest: app.authenticate,
      schema: { tags: ['me'], operationId: 'exportMyData', summary: 'Download everything Opgave holds about me (JSON)', security: bearerAuth, response: { 200: DataExport, ...problemResponses(401) } },
    },
    async (request, reply) => {
      reply.header('content-disposition', 'attachment; filename="opgave-mijn-gegevens.json"')
      return exportUserData(app.db, requireActor(request).userId)
    },
  )

  app.delete(
    '/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['me'],
        operationId: 'deleteMyAccount',
        summary: 'Delete my account: it is anonymised, contributions stay without my name',
        security: bearerAuth,
        // Re-authentication: the password, or for accounts without one (single sign-on) the account's email typed again.
        body: StrictObject({
          password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          confirmEmail: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
        }),
        response: { 204: Type.Null({ description: 'Account anonymised' }), ...problemResponses(401, 409) },
      },
    },
    async (request, reply) => {
      await deleteAccount(app.db, { userId: requireActor(request).userId, ...request.body, now: opts.now() }, app.sessionCache)
      reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, httpOnly: true, secure: true, sameSite: 'strict' })
      return reply.status(204).send(null)
    },
  )
}
