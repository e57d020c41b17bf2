import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import {
  AccountManagerAssignment,
  AssignAccountManagerBody,
  CreateRoutekaartEntryBody,
  EnterpriseContact,
  EnterpriseDirectoryEntry,
  EnterpriseProfile,
  EnterpriseSearchQuery,
  IdParams,
  ManagedEnterprise,
  Routekaart,
  RoutekaartEntry,
  StrictObject,
  UpdateEnterpriseProfileBody,
  UpdateRoutekaartEntryBody,
} from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { assignAccountManager, listAccountManagers, listManagedEnterprises, unassignAccountManager } from './account-managers.service'
import { getEnterpriseProfile, listEnterpriseContacts, searchEnterprises, updateEnterpriseProfile } from './enterprises.service'
import { createRoutekaartEntry, deleteRoutekaartEntry, getRoutekaart, updateRoutekaartEntry } from './routekaart.service'

const SlugParams = StrictObject({ slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120 }) })

/**
 * Enterprise profiles, account management and the routekaart.
 * Public: the routekaart of a municipality. Everything else needs a signed-in user; object rights
 * (member of the enterprise, admin of the municipality) are checked in the services.
 */
export async function enterpriseRoutes(app: App) {
  await app.register(async (scope) => {
    const pub = scope.withTypeProvider<TypeBoxTypeProvider>()
    pub.get(
      '/municipalities/by-slug/:slug/routekaart',
      { schema: { tags: ['routekaart'], operationId: 'getRoutekaart', summary: 'Who to contact at this municipality for which theme or SDG', params: SlugParams, response: { 200: Routekaart, ...problemResponses(404) } } },
      async (request) => getRoutekaart(app.db, request.params.slug),
    )
  })

  await app.register(async (scope) => {
    const auth = scope.withTypeProvider<TypeBoxTypeProvider>()
    auth.addHook('onRequest', auth.authenticate)
    const tags = ['enterprises']

    auth.get(
      '/enterprises',
      {
        schema: {
          tags,
          operationId: 'searchEnterprises',
          summary: 'Enterprise directory: search registered enterprises by name (directory fields only)',
          security: bearerAuth,
          querystring: EnterpriseSearchQuery,
          response: { 200: Type.Object({ items: Type.Array(EnterpriseDirectoryEntry) }), ...problemResponses(401) },
        },
      },
      async (request) => ({ items: await searchEnterprises(app.db, request.query) }),
    )

    auth.get(
      '/enterprises/:enterpriseId/profile',
      { schema: { tags, operationId: 'getEnterpriseProfile', summary: 'The enterprise profile (members)', security: bearerAuth, params: IdParams('enterpriseId'), response: { 200: EnterpriseProfile, ...problemResponses(401, 404) } } },
      async (request) => getEnterpriseProfile(app.db, requireActor(request), request.params.enterpriseId),
    )

    auth.patch(
      '/enterprises/:enterpriseId/profile',
      {
        schema: {
          tags,
          operationId: 'updateEnterpriseProfile',
          summary: 'Change the enterprise profile (owners)',
          security: bearerAuth,
          params: IdParams('enterpriseId'),
          body: UpdateEnterpriseProfileBody,
          response: { 200: EnterpriseProfile, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => updateEnterpriseProfile(app.db, requireActor(request), request.params.enterpriseId, request.body),
    )

    auth.get(
      '/enterprises/:enterpriseId/contacts',
      {
        schema: {
          tags,
          operationId: 'listEnterpriseContacts',
          summary: 'The enterprise’s contact person at each municipality (members)',
          security: bearerAuth,
          params: IdParams('enterpriseId'),
          response: { 200: Type.Object({ items: Type.Array(EnterpriseContact) }), ...problemResponses(401, 404) },
        },
      },
      async (request) => ({ items: await listEnterpriseContacts(app.db, requireActor(request), request.params.enterpriseId) }),
    )

    auth.get(
      '/me/managed-enterprises',
      {
        schema: {
          tags: ['account-management'],
          operationId: 'listManagedEnterprises',
          summary: 'Enterprises I am account manager for, with their questions to my municipality',
          security: bearerAuth,
          response: { 200: Type.Object({ items: Type.Array(ManagedEnterprise) }), ...problemResponses(401) },
        },
      },
      async (request) => ({ items: await listManagedEnterprises(app.db, requireActor(request)) }),
    )

    auth.get(
      '/municipalities/:municipalityId/account-managers',
      {
        schema: {
          tags: ['account-management'],
          operationId: 'listAccountManagers',
          summary: 'Which account manager looks after which enterprise (municipality staff)',
          security: bearerAuth,
          params: IdParams('municipalityId'),
          response: { 200: Type.Object({ items: Type.Array(AccountManagerAssignment) }), ...problemResponses(401, 404) },
        },
      },
      async (request) => ({ items: await listAccountManagers(app.db, requireActor(request), request.params.municipalityId) }),
    )

    auth.put(
      '/municipalities/:municipalityId/account-managers/:enterpriseId',
      {
        schema: {
          tags: ['account-management'],
          operationId: 'assignAccountManager',
          summary: 'Name the account manager for an enterprise (municipality admins)',
          security: bearerAuth,
          params: IdParams('municipalityId', 'enterpriseId'),
          body: AssignAccountManagerBody,
          response: { 200: AccountManagerAssignment, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => assignAccountManager(app.db, requireActor(request), request.params.municipalityId, request.params.enterpriseId, request.body.userId),
    )

    auth.delete(
      '/municipalities/:municipalityId/account-managers/:enterpriseId',
      {
        schema: {
          tags: ['account-management'],
          operationId: 'unassignAccountManager',
          summary: 'Remove the account manager of an enterprise (municipality admins)',
          security: bearerAuth,
          params: IdParams('municipalityId', 'enterpriseId'),
          response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await unassignAccountManager(app.db, requireActor(request), request.params.municipalityId, request.params.enterpriseId)
        return reply.status(204).send(null)
      },
    )

    auth.post(
      '/municipalities/:municipalityId/routekaart',
      {
        schema: {
          tags: ['routekaart'],
          operationId: 'createRoutekaartEntry',
          summary: 'Add a contact to the routekaart (municipality admins)',
          security: bearerAuth,
          params: IdParams('municipalityId'),
          body: CreateRoutekaartEntryBody,
          response: { 201: RoutekaartEntry, ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => reply.status(201).send(await createRoutekaartEntry(app.db, requireActor(request), request.params.municipalityId, request.body)),
    )

    auth.patch(
      '/municipalities/:municipalityId/routekaart/:entryId',
      {
        schema: {
          tags: ['routekaart'],
          operationId: 'updateRoutekaartEntry',
          summary: 'Change a routekaart entry (municipality admins; version checked)',
          security: bearerAuth,
          params: IdParams('municipalityId', 'entryId'),
          body: UpdateRoutekaartEntryBody,
          response: { 200: RoutekaartEntry, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => updateRoutekaartEntry(app.db, requireActor(request), request.params.municipalityId, request.params.entryId, request.body),
    )

    auth.delete(
      '/municipalities/:municipalityId/routekaart/:entryId',
      {
        schema: {
          tags: ['routekaart'],
          operationId: 'deleteRoutekaartEntry',
          summary: 'Remove a routekaart entry (municipality admins)',
          security: bearerAuth,
          params: IdParams('municipalityId', 'entryId'),
          response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deleteRoutekaartEntry(app.db, requireActor(request), request.params.municipalityId, request.params.entryId)
        return reply.status(204).send(null)
      },
    )
  })
}
