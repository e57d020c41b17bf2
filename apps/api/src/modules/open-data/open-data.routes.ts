import { Type, type TSchema } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import type { App } from '../../lib/typed-app'
import { problemResponses } from '../../lib/route-schema'
import { toCsv } from './open-data.csv'
import { OpenChallenge, OpenCriterion, OpenDataList, OpenDataQuery, OpenImpact, OpenQuestion, OpenResult } from './open-data.schemas'
import { impactRows, openChallenges, openCriteria, openImpact, openQuestions, openResults, type OpenDataDeps } from './open-data.service'

const tags = ['open-data']

/** `?format=` wins; otherwise an Accept header that asks for CSV before JSON gets CSV. */
export function wantsCsv(query: Pick<OpenDataQuery, 'format'>, accept = ''): boolean {
  if (query.format) return query.format === 'csv'
  const csv = accept.indexOf('text/csv')
  const json = accept.indexOf('application/json')
  return csv !== -1 && (json === -1 || csv < json)
}

const both = (json: TSchema, description: string) => ({
  description,
  content: { 'application/json': { schema: json }, 'text/csv': { schema: Type.String({ description: 'CSV, UTF-8 with byte-order mark, header row of the JSON field names' }) } },
})

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="opgave-${name}.csv"`).send(csv)
}

/**
 * Public open data (no login): JSON or CSV, stable field names, no personal data, published
 * content only; each row names its municipality's licence (CC0-1.0 or CC-BY-4.0).
 */
export async function openDataRoutes(app: App, opts: { now: () => Date; annualBenefitCents: number; publicUrl: string }) {
  const deps: OpenDataDeps = { db: app.db, now: opts.now, annualBenefitCents: opts.annualBenefitCents, publicUrl: opts.publicUrl }
  const schema = (operationId: string, summary: string, item: TSchema) => ({
    tags,
    operationId,
    summary,
    querystring: OpenDataQuery,
    response: { 200: both(item, summary), ...problemResponses(404) },
  })

  app.get('/open-data/challenges', { schema: schema('openDataChallenges', 'Published challenges (never drafts), filtered by municipality and publication period', OpenDataList(OpenChallenge)) }, async (request, reply) => {
    const items = await openChallenges(deps, request.query)
    if (wantsCsv(request.query, request.headers.accept)) return sendCsv(reply, 'challenges', toCsv(Object.keys(OpenChallenge.properties) as (keyof (typeof items)[number])[], items))
    return { generatedAt: opts.now().toISOString(), items }
  })

  app.get('/open-data/questions', { schema: schema('openDataQuestions', 'Published questions and answers (nota van inlichtingen), without who asked', OpenDataList(OpenQuestion)) }, async (request, reply) => {
    const items = await openQuestions(deps, request.query)
    if (wantsCsv(request.query, request.headers.accept)) return sendCsv(reply, 'questions', toCsv(Object.keys(OpenQuestion.properties) as (keyof (typeof items)[number])[], items))
    return { generatedAt: opts.now().toISOString(), items }
  })

  app.get('/open-data/criteria', { schema: schema('openDataCriteria', 'How proposals are judged: the criteria of published challenges, with weights, shares, scales, minimums and SDGs', OpenDataList(OpenCriterion)) }, async (request, reply) => {
    const items = await openCriteria(deps, request.query)
    if (wantsCsv(request.query, request.headers.accept)) return sendCsv(reply, 'criteria', toCsv(Object.keys(OpenCriterion.properties) as (keyof (typeof items)[number])[], items))
    return { generatedAt: opts.now().toISOString(), items }
  })

  app.get('/open-data/results', { schema: schema('openDataResults', 'Published results: the winning enterprises of challenges whose results are public', OpenDataList(OpenResult)) }, async (request, reply) => {
    const items = await openResults(deps, request.query)
    if (wantsCsv(request.query, request.headers.accept)) return sendCsv(reply, 'results', toCsv(Object.keys(OpenResult.properties) as (keyof (typeof items)[number])[], items))
    return { generatedAt: opts.now().toISOString(), items }
  })

  app.get('/open-data/impact', { schema: schema('openDataImpact', 'Aggregate impact figures (as on the impact dashboard); CSV as dataset, category, value rows', OpenImpact) }, async (request, reply) => {
    const impact = await openImpact(deps, request.query)
    if (wantsCsv(request.query, request.headers.accept)) {
      const rows = impactRows(impact).map((r) => ({ ...r, licence: impact.scope.licence }))
      return sendCsv(reply, 'impact', toCsv(['dataset', 'category', 'value', 'licence'], rows))
    }
    return impact
  })
}
