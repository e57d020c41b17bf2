import { Type } from '@sinclair/typebox'
import type { App } from '../lib/typed-app'
import { bearerAuth, problemResponses } from '../lib/route-schema'
import { commonProblems } from '../lib/problem'
import { requireActor } from '../plugins/auth'
import { JOB_STATES, QUEUE_NAMES, type JobState } from './queue'

const QueueNameSchema = Type.Union(QUEUE_NAMES.map((name) => Type.Literal(name)))
const Counts = Type.Object(Object.fromEntries(JOB_STATES.map((s) => [s, Type.Integer({ minimum: 0 })])) as Record<JobState, ReturnType<typeof Type.Integer>>)
const JobView = Type.Object({
  id: Type.String(),
  queue: Type.String(),
  state: Type.Union(JOB_STATES.map((s) => Type.Literal(s))),
  retryCount: Type.Integer(),
  retryLimit: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
})
/** What the admin screen filters on: waiting covers new jobs and jobs waiting for a retry. */
const VIEWS = { failed: ['failed'], waiting: ['created', 'retry'], active: ['active'] } as const satisfies Record<string, JobState[]>

/** Background jobs per queue, for platform admins: how many wait, run and failed, and the jobs themselves. */
export async function jobRoutes(app: App) {
  app.get(
    '/admin/jobs',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['admin'],
        operationId: 'listJobs',
        summary: 'Background job queues: counts per state and recent failed or waiting jobs (platform admins)',
        security: bearerAuth,
        querystring: Type.Object({
          state: Type.Union([Type.Literal('failed'), Type.Literal('waiting'), Type.Literal('active')], { default: 'failed' }),
          queue: Type.Optional(QueueNameSchema),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Object({ queues: Type.Array(Type.Object({ queue: Type.String(), counts: Counts })), items: Type.Array(JobView) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      if (!requireActor(request).isPlatformAdmin) throw commonProblems.forbidden('Only platform administrators can see the job queues.')
      const { state, queue, limit } = request.query
      const [queues, jobs] = [await app.jobs.counts(), await app.jobs.list({ queue, states: [...VIEWS[state]], limit })]
      return {
        queues,
        items: jobs.map((j) => ({
          id: j.id,
          queue: j.queue,
          state: j.state,
          retryCount: j.retryCount,
          retryLimit: j.retryLimit,
          createdAt: j.createdAt.toISOString(),
          startedAt: j.startedAt?.toISOString() ?? null,
          finishedAt: j.finishedAt?.toISOString() ?? null,
          error: j.error,
        })),
      }
    },
  )
}
