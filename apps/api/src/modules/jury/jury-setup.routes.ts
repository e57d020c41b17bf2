import { Type } from '@sinclair/typebox'
import {
  ChallengeAssessment,
  CreateJuryCriterionBody,
  CreateJuryRoundBody,
  IdParams,
  InviteJuryMemberBody,
  JuryCriterion,
  JuryInvitationPreview,
  JuryInvitationToken,
  JuryMember,
  JuryRound,
  MyJurySeat,
  StrictObject,
  UpdateJuryCriterionBody,
  UpdateJuryMemberBody,
  UpdateJuryRoundBody,
} from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { challengeAssessment } from './jury-assessment'
import { acceptInvitation, inviteMember, listMembers, mySeats, previewInvitation, removeMember, updateMember, type JuryDeps } from './jury-members.service'
import { createCriterion, createRound, deleteCriterion, getRound, listRounds, updateCriterion, updateRound } from './jury-rounds.service'

const tags = ['jury']

/** Setting up a jury: rounds, criteria and members. Object rights are checked in the services. */
export async function jurySetupRoutes(app: App, opts: { now: () => Date; publicUrl: string }) {
  const deps: JuryDeps = { db: app.db, now: opts.now, publicUrl: opts.publicUrl }

  app.get(
    '/challenges/:challengeId/assessment',
    {
      onRequest: app.identify,
      schema: {
        tags,
        operationId: 'getChallengeAssessment',
        summary: 'How proposals are judged: each round’s criteria, weights, scales and thresholds; visible with the challenge',
        security: [{}, ...bearerAuth],
        params: IdParams('challengeId'),
        response: { 200: ChallengeAssessment, ...problemResponses(401, 404) },
      },
    },
    async (request) => challengeAssessment(app.db, request.actor, request.params.challengeId),
  )

  await app.register(async (authed: App) => {
    authed.addHook('onRequest', app.authenticate)

    authed.get(
      '/challenges/:challengeId/rounds',
      { schema: { tags, operationId: 'listJuryRounds', summary: 'Evaluation rounds of a challenge, with their criteria', security: bearerAuth, params: IdParams('challengeId'), response: { 200: Type.Object({ items: Type.Array(JuryRound) }), ...problemResponses(401, 403, 404) } } },
      async (request) => ({ items: await listRounds(app.db, requireActor(request), request.params.challengeId) }),
    )

    authed.post(
      '/challenges/:challengeId/rounds',
      {
        schema: {
          tags,
          operationId: 'createJuryRound',
          summary: 'Add an evaluation round (municipality staff or the jury chair)',
          security: bearerAuth,
          params: IdParams('challengeId'),
          body: CreateJuryRoundBody,
          response: { 201: JuryRound, ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => reply.status(201).send(await createRound(app.db, requireActor(request), request.params.challengeId, request.body)),
    )

    authed.get(
      '/jury-rounds/:roundId',
      { schema: { tags, operationId: 'getJuryRound', summary: 'One round with its criteria', security: bearerAuth, params: IdParams('roundId'), response: { 200: JuryRound, ...problemResponses(401, 403, 404) } } },
      async (request) => getRound(app.db, requireActor(request), request.params.roundId),
    )

    authed.patch(
      '/jury-rounds/:roundId',
      {
        schema: {
          tags,
          operationId: 'updateJuryRound',
          summary: 'Change a round’s settings (blind review, k and L only during setup)',
          security: bearerAuth,
          params: IdParams('roundId'),
          body: UpdateJuryRoundBody,
          response: { 200: JuryRound, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => updateRound(app.db, requireActor(request), request.params.roundId, request.body),
    )

    authed.post(
      '/jury-rounds/:roundId/criteria',
      {
        schema: {
          tags,
          operationId: 'createJuryCriterion',
          summary: 'Add a criterion (locked once scoring starts)',
          security: bearerAuth,
          params: IdParams('roundId'),
          body: CreateJuryCriterionBody,
          response: { 201: JuryCriterion, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await createCriterion(app.db, deps, requireActor(request), request.params.roundId, request.body)),
    )

    authed.patch(
      '/jury-rounds/:roundId/criteria/:criterionId',
      {
        schema: {
          tags,
          operationId: 'updateJuryCriterion',
          summary: 'Change a criterion (locked once scoring starts)',
          security: bearerAuth,
          params: IdParams('roundId', 'criterionId'),
          body: UpdateJuryCriterionBody,
          response: { 200: JuryCriterion, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => updateCriterion(app.db, deps, requireActor(request), request.params.roundId, request.params.criterionId, request.body),
    )

    authed.delete(
      '/jury-rounds/:roundId/criteria/:criterionId',
      {
        schema: {
          tags,
          operationId: 'deleteJuryCriterion',
          summary: 'Remove a criterion (locked once scoring starts)',
          security: bearerAuth,
          params: IdParams('roundId', 'criterionId'),
          response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await deleteCriterion(app.db, deps, requireActor(request), request.params.roundId, request.params.criterionId)
        return reply.status(204).send(null)
      },
    )

    authed.get(
      '/challenges/:challengeId/jury-members',
      { schema: { tags, operationId: 'listJuryMembers', summary: 'The jury: invited and active members', security: bearerAuth, params: IdParams('challengeId'), response: { 200: Type.Object({ items: Type.Array(JuryMember) }), ...problemResponses(401, 403, 404) } } },
      async (request) => ({ items: await listMembers(deps, requireActor(request), request.params.challengeId) }),
    )

    authed.post(
      '/challenges/:challengeId/jury-members',
      {
        schema: {
          tags,
          operationId: 'inviteJuryMember',
          summary: 'Invite a jury member by email (with or without an account); single-use link valid 14 days',
          security: bearerAuth,
          params: IdParams('challengeId'),
          body: InviteJuryMemberBody,
          response: { 201: JuryMember, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await inviteMember(deps, requireActor(request), request.params.challengeId, request.body)),
    )

    authed.patch(
      '/challenges/:challengeId/jury-members/:memberId',
      {
        schema: {
          tags,
          operationId: 'updateJuryMember',
          summary: 'Mark the chair (the previous one steps down) or record SDG expertise',
          security: bearerAuth,
          params: IdParams('challengeId', 'memberId'),
          body: UpdateJuryMemberBody,
          response: { 200: JuryMember, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => updateMember(deps, requireActor(request), request.params.challengeId, request.params.memberId, request.body),
    )

    authed.delete(
      '/challenges/:challengeId/jury-members/:memberId',
      {
        schema: {
          tags,
          operationId: 'removeJuryMember',
          summary: 'Remove a jury member who has not scored yet',
          security: bearerAuth,
          params: IdParams('challengeId', 'memberId'),
          response: { 204: Type.Null({ description: 'Removed' }), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await removeMember(deps, requireActor(request), request.params.challengeId, request.params.memberId)
        return reply.status(204).send(null)
      },
    )

    authed.get(
      '/jury-seats',
      { schema: { tags, operationId: 'listMyJurySeats', summary: 'Juries I sit on, with their rounds', security: bearerAuth, response: { 200: Type.Object({ items: Type.Array(MyJurySeat) }), ...problemResponses(401) } } },
      async (request) => ({ items: await mySeats(app.db, requireActor(request)) }),
    )
  })

  const TokenParams = StrictObject({ token: JuryInvitationToken })
  app.get(
    '/jury-invitations/:token',
    { schema: { tags, operationId: 'previewJuryInvitation', summary: 'What a jury invitation link is for', params: TokenParams, response: { 200: JuryInvitationPreview, ...problemResponses(404, 410) } } },
    async (request) => previewInvitation(deps, request.params.token),
  )
  app.post(
    '/jury-invitations/:token/accept',
    {
      onRequest: app.authenticate,
      schema: { tags, operationId: 'acceptJuryInvitation', summary: 'Take the jury seat as the signed-in user, whose email must be the invited address', security: bearerAuth, params: TokenParams, response: { 200: JuryMember, ...problemResponses(401, 403, 404, 409, 410) } },
    },
    async (request) => acceptInvitation(deps, requireActor(request), request.params.token),
  )
}
