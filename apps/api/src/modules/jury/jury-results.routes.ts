import { Readable } from 'node:stream'
import { Type } from '@sinclair/typebox'
import { IdParams, StrictObject, JuryDecision, JuryResultsQueued, JuryRoundResults, ProposalFeedback, RecordDecisionBody, ShortlistBody, ShortlistResponse } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { commonProblems } from '../../lib/problem'
import { resultsTable, scoresCsv, toCsv } from './jury-report.service'
import { writeXlsx } from './xlsx'
import { computeResults, getDecision, getResults, proposalFeedback, recordDecision, shortlistIntoNextRound } from './jury-results.service'

const tags = ['jury']
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Results, shortlist, decision and applicant feedback. */
export async function juryResultsRoutes(app: App, opts: { now: () => Date; backgroundFromScorecards: number }) {
  app.post(
    '/jury-rounds/:roundId/results',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        operationId: 'computeJuryResults',
        summary: 'Compute and store the round’s results (chair, after deliberation opened); large rounds are computed in the background (202)',
        security: bearerAuth,
        params: IdParams('roundId'),
        response: { 201: JuryRoundResults, 202: JuryResultsQueued, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const outcome = await computeResults(app.db, requireActor(request), request.params.roundId, { queue: app.jobs, backgroundFrom: opts.backgroundFromScorecards })
      return outcome.queued ? reply.status(202).send({ queued: true, jobId: outcome.jobId }) : reply.status(201).send(outcome.results)
    },
  )

  app.get(
    '/jury-rounds/:roundId/results',
    {
      onRequest: app.authenticate,
      schema: { tags, operationId: 'getJuryResults', summary: 'The latest results: ranking with ties, disagreement, alpha, stability, per-SDG scores', security: bearerAuth, params: IdParams('roundId'), response: { 200: JuryRoundResults, ...problemResponses(401, 403, 404, 409) } },
    },
    async (request) => getResults(app.db, requireActor(request), request.params.roundId),
  )

  app.get(
    '/jury-rounds/:roundId/results/export',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        operationId: 'exportJuryResults',
        summary: 'The jury report of the latest results as CSV or XLSX (same visibility as the results)',
        security: bearerAuth,
        params: IdParams('roundId'),
        querystring: StrictObject({
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
          detail: Type.Optional(Type.Union([Type.Literal('ranking'), Type.Literal('scores')], { default: 'ranking', description: 'ranking: one line per proposal; scores: every submitted score (proposal × juror × criterion), CSV only, streamed' })),
        }),
        response: {
          200: {
            description: 'The report: CSV (comma-separated, CRLF) or an XLSX workbook',
            content: { 'text/csv': { schema: Type.Unknown({ description: 'CSV text' }) }, [XLSX_TYPE]: { schema: Type.Unknown({ description: 'XLSX workbook (binary)' }) } },
          },
          ...problemResponses(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      if (request.query.detail === 'scores') {
        // Streamed batch by batch: a round's scores may run to a million lines. Access is checked first.
        const lines = await scoresCsv(app.db, requireActor(request), request.params.roundId)
        if (request.query.format === 'xlsx') throw commonProblems.fieldInvalid('/format', 'jury.scores_csv_only', 'The scores export is CSV only.')
        reply.header('cache-control', 'private, no-store').header('content-disposition', `attachment; filename="jury-scores-${request.params.roundId}.csv"`)
        // Byte mode: backpressure by size (16 KB), not by 16 whole CSV batches queued (object mode’s default).
        return reply.type('text/csv; charset=utf-8').send(Readable.from(lines, { objectMode: false }))
      }
      const rows = await resultsTable(app.db, requireActor(request), request.params.roundId)
      const name = `jury-report-${request.params.roundId}`
      reply.header('cache-control', 'private, no-store')
      if (request.query.format === 'xlsx') return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(writeXlsx({ sheetName: 'Jury', rows }))
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(rows))
    },
  )

  app.post(
    '/jury-rounds/:roundId/shortlist',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        operationId: 'shortlistJuryRound',
        summary: 'Move the top N (or all passing the thresholds) into a later round and close this one (chair)',
        security: bearerAuth,
        params: IdParams('roundId'),
        body: ShortlistBody,
        response: { 200: ShortlistResponse, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => shortlistIntoNextRound(app.db, requireActor(request), request.params.roundId, request.body),
  )

  app.put(
    '/challenges/:challengeId/jury-decision',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        operationId: 'recordJuryDecision',
        summary: 'Record the winners and the motivation (chair); version 0 for the first decision',
        security: bearerAuth,
        params: IdParams('challengeId'),
        body: RecordDecisionBody,
        response: { 200: JuryDecision, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => recordDecision(app.db, requireActor(request), request.params.challengeId, request.body, opts.now()),
  )

  app.get(
    '/challenges/:challengeId/jury-decision',
    {
      onRequest: app.identify,
      schema: { tags, operationId: 'getJuryDecision', summary: 'The decision: public once the results are published, before that for staff and the chair', params: IdParams('challengeId'), response: { 200: JuryDecision, ...problemResponses(401, 403, 404) } },
    },
    async (request) => getDecision(app.db, request.actor, request.params.challengeId, opts.now()),
  )

  app.get(
    '/proposals/:proposalId/feedback',
    {
      onRequest: app.authenticate,
      schema: { tags, operationId: 'getProposalFeedback', summary: 'The jury’s feedback for the lead enterprise, after the results are published: mean score per criterion, comments without names, rank band', security: bearerAuth, params: IdParams('proposalId'), response: { 200: ProposalFeedback, ...problemResponses(401, 404) } },
    },
    async (request) => proposalFeedback(app.db, requireActor(request), request.params.proposalId, opts.now()),
  )
}
