import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AnswerQuestionBody, AskQuestionBody, IdParams, InboxQuestion, MergeQuestionBody, MyQuestion, NotaVersion, NotaVersionParams, NotaVersionSummary, PublicQa, PublishQuestionsBody } from '@opgave/contracts'
import type { App } from '../../lib/typed-app'
import { bearerAuth, problemResponses } from '../../lib/route-schema'
import { requireActor } from '../../plugins/auth'
import { NOTA_CSP, notaCsv, notaFileName, notaHtml } from './questions.export'
import { answerQuestion, askQuestion, getNotaVersion, listInbox, listMyQuestions, listNotaVersions, mergeQuestion, publicQa, publishQuestions, type QuestionDeps } from './questions.service'

const tags = ['questions']
/** Anonymous, or signed in (staff may then also read a draft challenge's Q&A). */
const optionalAuth: Record<string, string[]>[] = [{}, { bearerAuth: [] }]

/**
 * Questions and answers (nota van inlichtingen).
 * Public context: the published Q&A and the nota versions (signed-in staff may also read them on drafts).
 * Signed-in context: asking, one's own questions, and the municipality's inbox, answers, merges and publication.
 */
export async function questionRoutes(app: App, opts: { now: () => Date; publicUrl: string }) {
  const deps: QuestionDeps = { db: app.db, now: opts.now, publicUrl: opts.publicUrl }

  await app.register(async (scope) => {
    const pub = scope.withTypeProvider<TypeBoxTypeProvider>()
    pub.addHook('onRequest', pub.identify)

    pub.get(
      '/challenges/:challengeId/qa',
      { schema: { tags, operationId: 'getPublicQa', summary: 'Published questions and answers of a challenge (no askers)', security: optionalAuth, params: IdParams('challengeId'), response: { 200: PublicQa, ...problemResponses(401, 404) } } },
      async (request) => publicQa(deps, request.actor, request.params.challengeId),
    )

    pub.get(
      '/challenges/:challengeId/nota',
      {
        schema: {
          tags,
          operationId: 'listNotaVersions',
          summary: 'Versions of the nota van inlichtingen',
          security: optionalAuth,
          params: IdParams('challengeId'),
          response: { 200: Type.Object({ items: Type.Array(NotaVersionSummary) }), ...problemResponses(401, 404) },
        },
      },
      async (request) => ({ items: await listNotaVersions(deps, request.actor, request.params.challengeId) }),
    )

    pub.get(
      '/challenges/:challengeId/nota/:version',
      { schema: { tags, operationId: 'getNotaVersion', summary: 'One version of the nota: every Q&A published up to and including it', security: optionalAuth, params: NotaVersionParams, response: { 200: NotaVersion, ...problemResponses(401, 404) } } },
      async (request) => getNotaVersion(deps, request.actor, request.params.challengeId, request.params.version),
    )

    pub.get(
      '/challenges/:challengeId/nota/:version/csv',
      {
        schema: {
          tags,
          operationId: 'downloadNotaCsv',
          summary: 'The nota as CSV (UTF-8 with BOM, opens in Excel)',
          security: optionalAuth,
          params: NotaVersionParams,
          response: { 200: { description: 'CSV, UTF-8 with byte-order mark', content: { 'text/csv': { schema: Type.String() } } }, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const nota = await getNotaVersion(deps, request.actor, request.params.challengeId, request.params.version)
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${notaFileName(nota, 'csv')}"`)
          .send(notaCsv(nota))
      },
    )

    pub.get(
      '/challenges/:challengeId/nota/:version/html',
      {
        schema: {
          tags,
          operationId: 'printNota',
          summary: 'The nota as a printable HTML page',
          security: optionalAuth,
          params: NotaVersionParams,
          response: { 200: { description: 'A printable HTML page', content: { 'text/html': { schema: Type.String() } } }, ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const nota = await getNotaVersion(deps, request.actor, request.params.challengeId, request.params.version)
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', NOTA_CSP)
          .header('content-disposition', `inline; filename="${notaFileName(nota, 'html')}"`)
          .send(notaHtml(nota))
      },
    )
  })

  await app.register(async (scope) => {
    const auth = scope.withTypeProvider<TypeBoxTypeProvider>()
    auth.addHook('onRequest', auth.authenticate)

    auth.post(
      '/challenges/:challengeId/questions',
      {
        schema: {
          tags,
          operationId: 'askQuestion',
          summary: 'Ask a question on behalf of your enterprise, until the questions deadline',
          security: bearerAuth,
          params: IdParams('challengeId'),
          body: AskQuestionBody,
          response: { 201: MyQuestion, ...problemResponses(401, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await askQuestion(deps, requireActor(request), request.params.challengeId, request.body)),
    )

    auth.get(
      '/challenges/:challengeId/questions/mine',
      {
        schema: {
          tags,
          operationId: 'listMyChallengeQuestions',
          summary: 'Questions my enterprises asked about this challenge, with their status',
          security: bearerAuth,
          params: IdParams('challengeId'),
          response: { 200: Type.Object({ items: Type.Array(MyQuestion) }), ...problemResponses(401, 404) },
        },
      },
      async (request) => ({ items: await listMyQuestions(deps, requireActor(request), request.params.challengeId) }),
    )

    auth.get(
      '/me/questions',
      { schema: { tags, operationId: 'listMyQuestions', summary: 'Questions my enterprises asked, on every challenge', security: bearerAuth, response: { 200: Type.Object({ items: Type.Array(MyQuestion) }), ...problemResponses(401) } } },
      async (request) => ({ items: await listMyQuestions(deps, requireActor(request)) }),
    )

    auth.get(
      '/challenges/:challengeId/questions',
      {
        schema: {
          tags,
          operationId: 'listQuestionInbox',
          summary: 'The municipality’s inbox: every question with asker and enterprise (admins, challenge managers)',
          security: bearerAuth,
          params: IdParams('challengeId'),
          response: { 200: Type.Object({ items: Type.Array(InboxQuestion) }), ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => ({ items: await listInbox(deps, requireActor(request), request.params.challengeId) }),
    )

    auth.put(
      '/questions/:questionId/answer',
      {
        schema: {
          tags,
          operationId: 'answerQuestion',
          summary: 'Write or change the answer and the anonymised public wording (before publication)',
          security: bearerAuth,
          params: IdParams('questionId'),
          body: AnswerQuestionBody,
          response: { 200: InboxQuestion, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => answerQuestion(deps, requireActor(request), request.params.questionId, request.body),
    )

    auth.post(
      '/questions/:questionId/merge',
      {
        schema: {
          tags,
          operationId: 'mergeQuestion',
          summary: 'Merge a duplicate into another question; it shares that answer and is not published separately',
          security: bearerAuth,
          params: IdParams('questionId'),
          body: MergeQuestionBody,
          response: { 200: InboxQuestion, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => mergeQuestion(deps, requireActor(request), request.params.questionId, request.body),
    )

    auth.post(
      '/challenges/:challengeId/questions/publish',
      {
        schema: {
          tags,
          operationId: 'publishQuestions',
          summary: 'Publish answered questions to everyone at once as a new version of the nota van inlichtingen',
          security: bearerAuth,
          params: IdParams('challengeId'),
          body: PublishQuestionsBody,
          response: { 201: NotaVersionSummary, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await publishQuestions(deps, requireActor(request), request.params.challengeId, request.body.questionIds)),
    )
  })
}
