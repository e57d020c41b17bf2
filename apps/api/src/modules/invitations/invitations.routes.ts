import { Type } from '@sinclair/typebox'
import { CreateInvitationBody, IdParams, Invitation, InvitationPreview, InvitationToken, Me, StrictObject } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation, type InvitationDeps } from './invitations.service'

const TokenParams = StrictObject({ token: InvitationToken })

/** Managing an organisation's invitations: owners and admins. */
export async function organisationInvitationRoutes(app: App, opts: { now: () => Date; publicUrl: string }) {
  const deps: InvitationDeps = { db: app.db, now: opts.now, publicUrl: opts.publicUrl }
  const tags = ['organisations']
  app.addHook('onRequest', app.authenticate)

  app.get(
    '/organisations/:organisationId/invitations',
    {
      schema: { tags, operationId: 'listInvitations', summary: 'Open invitations', security: bearerAuth, params: IdParams('organisationId'), response: { 200: Type.Object({ items: Type.Array(Invitation) }), ...problemResponses(401, 403, 404) } },
    },
    async (request) => ({ items: await listInvitations(deps, requireActor(request), request.params.organisationId) }),
  )

  app.post(
    '/organisations/:organisationId/invitations',
    {
      schema: {
        tags,
        operationId: 'createInvitation',
        summary: 'Invite someone by email; the link is single-use and expires after 7 days',
        security: bearerAuth,
        params: IdParams('organisationId'),
        body: CreateInvitationBody,
        response: { 201: Invitation, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await createInvitation(deps, requireActor(request), request.params.organisationId, request.body)),
  )

  app.delete(
    '/organisations/:organisationId/invitations/:invitationId',
    {
      schema: {
        tags,
        operationId: 'revokeInvitation',
        summary: 'Revoke an open invitation',
        security: bearerAuth,
        params: IdParams('organisationId', 'invitationId'),
        response: { 204: Type.Null({ description: 'Revoked' }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeInvitation(deps, requireActor(request), request.params.organisationId, request.params.invitationId)
      return reply.status(204).send(null)
    },
  )
}

/** Following an invitation link: the token is the credential, so the preview needs no login. */
export async function invitationRoutes(app: App, opts: { now: () => Date; publicUrl: string }) {
  const deps: InvitationDeps = { db: app.db, now: opts.now, publicUrl: opts.publicUrl }
  const tags = ['invitations']

  app.get(
    '/invitations/:token',
    { schema: { tags, operationId: 'previewInvitation', summary: 'What an invitation link is for', params: TokenParams, response: { 200: InvitationPreview, ...problemResponses(404, 410) } } },
    async (request) => previewInvitation(deps, request.params.token),
  )

  app.post(
    '/invitations/:token/accept',
    {
      onRequest: app.authenticate,
      schema: { tags, operationId: 'acceptInvitation', summary: 'Join the organisation as the signed-in user, whose email must be the invited address', security: bearerAuth, params: TokenParams, response: { 200: Me, ...problemResponses(401, 403, 404, 409, 410) } },
    },
    async (request) => acceptInvitation(deps, requireActor(request), request.params.token),
  )
}
