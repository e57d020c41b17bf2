import { Type } from '@sinclair/typebox'
import { Challenge, ChallengeAmendmentList, ChallengeCatalogueQuery, ChallengePage, ChallengeSummary, ChallengeTransitionBody, CreateChallengeBody, IdParams, UpdateChallengeBody, type ChallengeTransition } from '@opgave/contracts'
import type { Database } from '../../db/client'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { listPublicChallenges } from './challenges.catalogue'
import {
  challengeCalendar,
  createChallenge,
  getChallengeAmendments,
  followChallenge,
  getChallenge,
  listMunicipalityChallenges,
  transitionChallenge,
  unfollowChallenge,
  updateChallenge,
  type ChallengeDeps,
} from './challenges.service'

const tags = ['challenges']
type Options = { now: () => Date; publicUrl: string }
/** The catalogue prepares its query on the database itself, not on the request-scoped `app.db`. */
type PublicOptions = Options & { db: Database }

/** The public face: the catalogue and challenge pages, readable without an account. */
export async function publicChallengeRoutes(app: App, opts: PublicOptions) {
  const deps: ChallengeDeps = { db: app.db, now: opts.now, publicUrl: opts.publicUrl }
  // Optional login: a signed-in caller additionally sees drafts of their municipality and whether they follow.
  app.addHook('onRequest', app.identify)

  app.get(
    '/challenges',
    {
      schema: {
        tags,
        operationId: 'listChallenges',
        summary: 'Public catalogue of published challenges: filters, Dutch full-text search, cursor pagination',
        querystring: ChallengeCatalogueQuery,
        response: { 200: ChallengePage, ...problemResponses() },
      },
    },
    async (request) => listPublicChallenges(opts.db, request.query, opts.now()),
  )

  app.get(
    '/challenges/:challengeId',
    {
      schema: {
        tags,
        operationId: 'getChallenge',
        summary: 'One challenge: public once published; drafts only for the municipality’s staff',
        security: [{}, ...bearerAuth],
        params: IdParams('challengeId'),
        response: { 200: Challenge, ...problemResponses(401, 404) },
      },
    },
    async (request) => getChallenge(deps, request.actor, request.params.challengeId),
  )

  app.get(
    '/challenges/:challengeId/amendments',
    {
      schema: {
        tags,
        operationId: 'listChallengeAmendments',
        summary: 'What changed after publication, newest first: deadlines, money and terms with old and new value, texts and lists by name, criteria one by one with old and new weight and minimum',
        security: [{}, ...bearerAuth],
        params: IdParams('challengeId'),
        response: { 200: ChallengeAmendmentList, ...problemResponses(401, 404) },
      },
    },
    async (request) => ({ items: await getChallengeAmendments(deps, request.actor, request.params.challengeId) }),
  )

  app.get(
    '/challenges/:challengeId/ics',
    {
      schema: {
        tags,
        operationId: 'getChallengeCalendar',
        summary: 'The challenge’s questions deadline, submission deadline and expected decision as an iCalendar file (RFC 5545): one UID per date, SEQUENCE = version',
        security: [{}, ...bearerAuth],
        params: IdParams('challengeId'),
        response: { 200: { description: 'An iCalendar file with one VEVENT per date that is set (UTF-8, CRLF line endings, lines folded at 75 octets)', content: { 'text/calendar': { schema: Type.String() } } }, ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { ics, fileName } = await challengeCalendar(deps, request.actor, request.params.challengeId)
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-cache').send(ics)
    },
  )
}

const TRANSITION_PATHS: { path: string; transition: ChallengeTransition; operationId: string; summary: string }[] = [
  { path: 'publish', transition: 'publish', operationId: 'publishChallenge', summary: 'Publish a complete draft: questions and proposals open' },
  { path: 'start-evaluation', transition: 'startEvaluation', operationId: 'startChallengeEvaluation', summary: 'Start the jury evaluation of a closed challenge' },
  { path: 'decide', transition: 'decide', operationId: 'decideChallenge', summary: 'Record that the jury has decided' },
  { path: 'publish-results', transition: 'publishResults', operationId: 'publishChallengeResults', summary: 'Publish the results' },
  { path: 'archive', transition: 'archive', operationId: 'archiveChallenge', summary: 'Archive a challenge whose results are public, or discard a draft' },
]

/** Editing, the lifecycle and following: signed-in users; the municipality's rights are checked per challenge. */
export async function challengeRoutes(app: App, opts: Options) {
  const deps: ChallengeDeps = { db: app.db, now: opts.now, publicUrl: opts.publicUrl }
  app.addHook('onRequest', app.authenticate)

  app.get(
    '/municipalities/:municipalityId/challenges',
    {
      schema: {
        tags,
        operationId: 'listMunicipalityChallenges',
        summary: 'All challenges of a municipality, drafts included (its staff)',
        security: bearerAuth,
        params: IdParams('municipalityId'),
        response: { 200: Type.Object({ items: Type.Array(ChallengeSummary) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await listMunicipalityChallenges(deps, requireActor(request), request.params.municipalityId) }),
  )

  app.post(
    '/municipalities/:municipalityId/challenges',
    {
      schema: {
        tags,
        operationId: 'createChallenge',
        summary: 'Create a draft challenge (municipality admins and challenge managers)',
        security: bearerAuth,
        params: IdParams('municipalityId'),
        body: CreateChallengeBody,
        response: { 201: Challenge, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await createChallenge(deps, requireActor(request), request.params.municipalityId, request.body)),
  )

  app.patch(
    '/challenges/:challengeId',
    {
      schema: {
        tags,
        operationId: 'updateChallenge',
        summary: 'Change a draft or open challenge; names the version it started from (stale: 409 with the current state)',
        security: bearerAuth,
        params: IdParams('challengeId'),
        body: UpdateChallengeBody,
        response: { 200: Challenge, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => updateChallenge(deps, requireActor(request), request.params.challengeId, request.body),
  )

  for (const step of TRANSITION_PATHS) {
    app.post(
      `/challenges/:challengeId/${step.path}`,
      {
        schema: {
          tags,
          operationId: step.operationId,
          summary: step.summary,
          security: bearerAuth,
          params: IdParams('challengeId'),
          body: ChallengeTransitionBody,
          response: { 200: Challenge, ...problemResponses(401, 403, 404, 409, ...(step.transition === 'publish' ? [422] : [])) },
        },
      },
      async (request) => transitionChallenge(deps, requireActor(request), request.params.challengeId, step.transition, request.body.version),
    )
  }

  app.put(
    '/challenges/:challengeId/follow',
    {
      schema: {
        tags,
        operationId: 'followChallenge',
        summary: 'Follow a published challenge: get an email when it changes',
        security: bearerAuth,
        params: IdParams('challengeId'),
        response: { 204: Type.Null({ description: 'Following' }), ...problemResponses(401, 404, 409) },
      },
    },
    async (request, reply) => {
      await followChallenge(deps, requireActor(request), request.params.challengeId)
      return reply.status(204).send(null)
    },
  )

  app.delete(
    '/challenges/:challengeId/follow',
    {
      schema: {
        tags,
        operationId: 'unfollowChallenge',
        summary: 'Stop following a challenge',
        security: bearerAuth,
        params: IdParams('challengeId'),
        response: { 204: Type.Null({ description: 'No longer following' }), ...problemResponses(401, 404, 409) },
      },
    },
    async (request, reply) => {
      await unfollowChallenge(deps, requireActor(request), request.params.challengeId)
      return reply.status(204).send(null)
    },
  )
}
