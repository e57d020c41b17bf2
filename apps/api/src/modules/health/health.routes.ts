import { Type } from '@sinclair/typebox'
import type { App } from '../../lib/typed-app'
import { problemResponses } from '../../lib/route-schema'
import { isDatabaseReachable } from '../../db/client'
import { commonProblems, defineProblem } from '../../lib/problem'
import { outboxBacklog } from '../outbox/outbox.service'

const queueDown = defineProblem(503, 'system.queue_down', 'Service unavailable')

const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]), database: Type.Union([Type.Literal('up'), Type.Literal('down')]) })
const Readiness = Type.Object({
  status: Type.Literal('ready'),
  database: Type.Literal('up'),
    /** Emails due and not yet sent (a backlog), how long the oldest has been due, those that wait by design (gathering changes), and failed ones. */
  queue: Type.Object({ pendingEmails: Type.Integer(), oldestPendingSeconds: Type.Union([Type.Integer(), Type.Null()]), scheduledEmails: Type.Integer(), failedEmails: Type.Integer() }),
  /** Background jobs (pg-boss): waiting = new or waiting for a retry. */
  jobs: Type.Object({ status: Type.Literal('up'), waiting: Type.Integer(), failed: Type.Integer() }),
})

export async function healthRoutes(app: App, opts: { now: () => Date }) {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: { tags: ['system'], operationId: 'getHealth', summary: 'Liveness and database reachability', response: { 200: Health, ...problemResponses(503) } },
    },
    async () => {
      const up = await isDatabaseReachable(app.db)
      if (!up) throw commonProblems.databaseDown('The database cannot be reached.')
      return { status: 'ok' as const, database: 'up' as const }
    },
  )

  // For load balancers: take an instance out of rotation when its database or its job queue is unreachable.
  app.get(
    '/health/ready',
    {
      config: { rateLimit: false },
      schema: { tags: ['system'], operationId: 'getReadiness', summary: 'Readiness: database and background queue', response: { 200: Readiness, ...problemResponses(503) } },
    },
    async () => {
      if (!(await isDatabaseReachable(app.db))) throw commonProblems.databaseDown('The database cannot be reached.')
      if (!(await app.jobs.ping())) throw queueDown('The background job queue cannot be reached.')
      const jobCounts = await app.jobs.counts()
      const jobs = { status: 'up' as const, waiting: 0, failed: 0 }
      for (const { counts } of jobCounts) {
        jobs.waiting += counts.created + counts.retry
        jobs.failed += counts.failed
      }
      const backlog = await outboxBacklog(app.db, opts.now())
      const queue = { pendingEmails: backlog.due, oldestPendingSeconds: backlog.oldestDueSeconds, scheduledEmails: backlog.scheduled, failedEmails: backlog.failed }
      return { status: 'ready' as const, database: 'up' as const, queue, jobs }
    },
  )
}
