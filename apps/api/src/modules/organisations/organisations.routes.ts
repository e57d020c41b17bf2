import { Type } from '@sinclair/typebox'
import { CreateOrganisationBody, IdParams, Member, Organisation, UpdateMemberBody, UpdateOrganisationBody } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { changeMemberRole, createOrganisation, getOrganisation, listMembers, listMyOrganisations, removeMember, updateOrganisation } from './organisations.service'

const tags = ['organisations']

/** Every route here requires a signed-in user; object-level rights are checked in the service. */
export async function organisationRoutes(app: App) {
  app.addHook('onRequest', app.authenticate)

  app.get(
    '/organisations',
    { schema: { tags, operationId: 'listMyOrganisations', summary: 'Organisations I belong to', security: bearerAuth, response: { 200: Type.Object({ items: Type.Array(Organisation) }), ...problemResponses(401) } } },
    async (request) => ({ items: await listMyOrganisations(app.db, requireActor(request)) }),
  )

  app.post(
    '/organisations',
    {
      schema: {
        tags,
        operationId: 'createOrganisation',
        summary: 'Register an enterprise (anyone) or a municipality (platform admins); the creator becomes its manager',
        security: bearerAuth,
        body: CreateOrganisationBody,
        response: { 201: Organisation, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await createOrganisation(app.db, requireActor(request), request.body)),
  )

  app.get(
    '/organisations/:organisationId',
    { schema: { tags, operationId: 'getOrganisation', summary: 'One organisation', security: bearerAuth, params: IdParams('organisationId'), response: { 200: Organisation, ...problemResponses(401, 404) } } },
    async (request) => getOrganisation(app.db, requireActor(request), request.params.organisationId),
  )

  app.patch(
    '/organisations/:organisationId',
    {
      schema: {
        tags,
        operationId: 'updateOrganisation',
        summary: 'Change name or KvK number',
        security: bearerAuth,
        params: IdParams('organisationId'),
        body: UpdateOrganisationBody,
        response: { 200: Organisation, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => updateOrganisation(app.db, requireActor(request), request.params.organisationId, request.body),
  )

  app.get(
    '/organisations/:organisationId/members',
    {
      schema: { tags, operationId: 'listMembers', summary: 'Members and their roles', security: bearerAuth, params: IdParams('organisationId'), response: { 200: Type.Object({ items: Type.Array(Member) }), ...problemResponses(401, 403, 404) } },
    },
    async (request) => ({ items: await listMembers(app.db, requireActor(request), request.params.organisationId) }),
  )

  app.patch(
    '/organisations/:organisationId/members/:userId',
    {
      schema: {
        tags,
        operationId: 'changeMemberRole',
        summary: 'Change a member’s role',
        security: bearerAuth,
        params: IdParams('organisationId', 'userId'),
        body: UpdateMemberBody,
        response: { 200: Member, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => changeMemberRole(app.db, requireActor(request), request.params.organisationId, request.params.userId, request.body.role),
  )

  app.delete(
    '/organisations/:organisationId/members/:userId',
    {
      schema: {
        tags,
        operationId: 'removeMember',
        summary: 'Remove a member',
        security: bearerAuth,
        params: IdParams('organisationId', 'userId'),
        response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeMember(app.db, requireActor(request), request.params.organisationId, request.params.userId)
      return reply.status(204).send(null)
    },
  )
}
