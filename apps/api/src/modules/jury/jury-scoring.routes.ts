import { Type } from '@sinclair/typebox'
import {
  DeclareJuryConflictBody,
  IdParams,
  JuryAssignmentOverview,
  JuryAssignmentQueued,
  JuryConflict,
  JuryRound,
  JuryScorecard,
  ReopenScorecardBody,
  JurorProposal,
  JurorProposalDetail,
  OtherScorecard,
  RoundProgress,
  SaveScorecardBody,
  SubmitScorecardBody,
  SwapJurorBody,
} from '@opgave/contracts'
import { join } from 'node:path'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { contentDisposition } from '../documents/documents.routes'
import { createDocumentStorage } from '../documents/documents.storage'
import { jurorDocument } from './jury-documents.service'
import { sendReminders } from './jury-report.service'
import { getAssignments, requestAssignment, swapJuror } from './jury-assignment.service'
import { declareConflict, listConflicts } from './jury-conflicts.service'
import { getRound } from './jury-rounds.service'
import { getMyScorecard, getProposalForJuror, listMyProposals, listProposalScorecards, openDeliberation, reopenScorecard, roundProgress, saveMyScorecard, submitMyScorecard } from './jury-scorecards.service'

const tags = ['jury']
const RoundProposalParams = IdParams('roundId', 'proposalId')

/** Conflicts, assignment, scorecards and deliberation. Every route needs a login; rights are per object in the services. */
export async function juryScoringRoutes(app: App, opts: { now: () => Date; publicUrl: string; dataDir: string; backgroundFromPairs: number }) {
  const storage = createDocumentStorage(join(opts.dataDir, 'uploads'))
  app.addHook('onRequest', app.authenticate)

  app.get(
    '/challenges/:challengeId/jury-conflicts',
    { schema: { tags, operationId: 'listJuryConflicts', summary: 'Conflicts of interest: my own, or all (staff and chair)', security: bearerAuth, params: IdParams('challengeId'), response: { 200: Type.Object({ items: Type.Array(JuryConflict) }), ...problemResponses(401, 403, 404) } } },
    async (request) => ({ items: await listConflicts(app.db, requireActor(request), request.params.challengeId) }),
  )

  app.post(
    '/challenges/:challengeId/jury-conflicts',
    {
      schema: {
        tags,
        operationId: 'declareJuryConflict',
        summary: 'Declare a conflict of interest with a proposal (removes my assignment and scorecard for it)',
        security: bearerAuth,
        params: IdParams('challengeId'),
        body: DeclareJuryConflictBody,
        response: { 201: JuryConflict, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await declareConflict(app.db, requireActor(request), request.params.challengeId, request.body)),
  )

  app.post(
    '/jury-rounds/:roundId/assignment',
    {
      schema: {
        tags,
        operationId: 'runJuryAssignment',
        summary: 'Compute the optimal assignment (chair); 422 with the reason when none exists',
        security: bearerAuth,
        params: IdParams('roundId'),
        response: { 200: JuryAssignmentOverview, 202: JuryAssignmentQueued, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const outcome = await requestAssignment(app.db, requireActor(request), request.params.roundId, opts.now(), { queue: app.jobs, fromPairs: opts.backgroundFromPairs })
      return outcome.queued ? reply.status(202).send({ queued: true, jobId: outcome.jobId }) : reply.status(200).send(outcome.overview)
    },
  )

  app.get(
    '/jury-rounds/:roundId/assignments',
    { schema: { tags, operationId: 'listJuryAssignments', summary: 'Who scores what, and why (staff and chair)', security: bearerAuth, params: IdParams('roundId'), response: { 200: JuryAssignmentOverview, ...problemResponses(401, 403, 404) } } },
    async (request) => getAssignments(app.db, requireActor(request), request.params.roundId, app.jobs),
  )

  app.put(
    '/jury-rounds/:roundId/assignments',
    {
      schema: {
        tags,
        operationId: 'swapJuryAssignment',
        summary: 'Replace one juror on one proposal by hand (chair); never onto a conflict',
        security: bearerAuth,
        params: IdParams('roundId'),
        body: SwapJurorBody,
        response: { 200: JuryAssignmentOverview, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => swapJuror(app.db, requireActor(request), request.params.roundId, request.body),
  )

  app.post(
    '/jury-rounds/:roundId/deliberation',
    { schema: { tags, operationId: 'openJuryDeliberation', summary: 'Open deliberation (chair): jurors who submitted may now see each other’s scores', security: bearerAuth, params: IdParams('roundId'), response: { 200: JuryRound, ...problemResponses(401, 403, 404, 409) } } },
    async (request) => {
      const actor = requireActor(request)
      await openDeliberation(app.db, actor, request.params.roundId, opts.now())
      return getRound(app.db, actor, request.params.roundId)
    },
  )

  app.get(
    '/jury-rounds/:roundId/progress',
    { schema: { tags, operationId: 'getJuryRoundProgress', summary: 'Completion per juror and proposal (staff and chair)', security: bearerAuth, params: IdParams('roundId'), response: { 200: RoundProgress, ...problemResponses(401, 403, 404) } } },
    async (request) => roundProgress(app.db, requireActor(request), request.params.roundId),
  )

  app.get(
    '/jury-rounds/:roundId/my-proposals',
    { schema: { tags, operationId: 'listMyJuryProposals', summary: 'My assigned proposals in this round (identity hidden in blind rounds)', security: bearerAuth, params: IdParams('roundId'), response: { 200: Type.Object({ items: Type.Array(JurorProposal) }), ...problemResponses(401, 403, 404) } } },
    async (request) => ({ items: await listMyProposals(app.db, requireActor(request), request.params.roundId) }),
  )

  app.get(
    '/jury-rounds/:roundId/proposals/:proposalId',
    { schema: { tags, operationId: 'getJurorProposal', summary: 'The submitted proposal as I must judge it', security: bearerAuth, params: RoundProposalParams, response: { 200: JurorProposalDetail, ...problemResponses(401, 403, 404) } } },
    async (request) => getProposalForJuror(app.db, requireActor(request), request.params.roundId, request.params.proposalId),
  )

  app.get(
    '/jury-rounds/:roundId/proposals/:proposalId/scorecard',
    { schema: { tags, operationId: 'getMyScorecard', summary: 'My scorecard for this proposal (version 0 before the first save)', security: bearerAuth, params: RoundProposalParams, response: { 200: JuryScorecard, ...problemResponses(401, 403, 404) } } },
    async (request) => getMyScorecard(app.db, requireActor(request), request.params.roundId, request.params.proposalId),
  )

  app.put(
    '/jury-rounds/:roundId/proposals/:proposalId/scorecard',
    {
      schema: {
        tags,
        operationId: 'saveMyScorecard',
        summary: 'Autosave my scores and comments; a stale version gives 409 with the stored card in `current`',
        security: bearerAuth,
        params: RoundProposalParams,
        body: SaveScorecardBody,
        response: { 200: JuryScorecard, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => saveMyScorecard(app.db, requireActor(request), request.params.roundId, request.params.proposalId, request.body),
  )

  app.post(
    '/jury-rounds/:roundId/proposals/:proposalId/scorecard/submit',
    {
      schema: {
        tags,
        operationId: 'submitMyScorecard',
        summary: 'Submit my complete scorecard; it is locked afterwards',
        security: bearerAuth,
        params: RoundProposalParams,
        body: SubmitScorecardBody,
        response: { 200: JuryScorecard, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => submitMyScorecard(app.db, requireActor(request), request.params.roundId, request.params.proposalId, request.body.version, opts.now()),
  )

  app.get(
    '/jury-rounds/:roundId/proposals/:proposalId/scorecards',
    {
      schema: {
        tags,
        operationId: 'listProposalScorecards',
        summary: 'All submitted scorecards of a proposal: after my own submission and once deliberation is open',
        security: bearerAuth,
        params: RoundProposalParams,
        response: { 200: Type.Object({ items: Type.Array(OtherScorecard) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await listProposalScorecards(app.db, requireActor(request), request.params.roundId, request.params.proposalId) }),
  )

  app.post(
    '/jury-rounds/:roundId/scorecards/:scorecardId/reopen',
    {
      schema: { tags, operationId: 'reopenJuryScorecard', summary: 'Reopen a submitted scorecard with a reason (chair, audited)', security: bearerAuth, params: IdParams('roundId', 'scorecardId'), body: ReopenScorecardBody, response: { 200: JuryScorecard, ...problemResponses(401, 403, 404, 409) } },
    },
    async (request) => reopenScorecard(app.db, requireActor(request), request.params.roundId, request.params.scorecardId, request.body.reason.trim(), opts.now()),
  )

  app.post(
    '/jury-rounds/:roundId/reminders',
    {
      schema: { tags, operationId: 'remindJurors', summary: 'Email every juror with unsubmitted scorecards (chair)', security: bearerAuth, params: IdParams('roundId'), response: { 200: Type.Object({ reminded: Type.Integer() }), ...problemResponses(401, 403, 404) } },
    },
    async (request) => sendReminders(app.db, requireActor(request), request.params.roundId, opts.publicUrl),
  )

  app.get(
    '/jury-rounds/:roundId/proposals/:proposalId/documents/:documentId',
    {
      schema: {
        tags,
        operationId: 'downloadJurorDocument',
        summary: 'Download a document of the submitted proposal (assigned jurors; neutral file name in blind rounds)',
        security: bearerAuth,
        params: IdParams('roundId', 'proposalId', 'documentId'),
        response: { 200: Type.Unknown({ description: 'The file' }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const doc = await jurorDocument(app.db, requireActor(request), request.params.roundId, request.params.proposalId, request.params.documentId)
      return reply
        .header('content-type', doc.mediaType)
        .header('content-length', String(doc.sizeBytes))
        .header('content-disposition', contentDisposition(doc.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(storage.read(doc.storageKey))
    },
  )
}
