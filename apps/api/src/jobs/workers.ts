import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/client'
import type { MaintenanceReport } from '../db/maintenance'
import { closeDueChallenges } from '../modules/challenges/challenges.closer'
import { createMailTransport, deliverEmail, relayPendingEmails } from '../modules/outbox/outbox.dispatcher'
import { computeResultsJob, type ResultsJob } from '../modules/jury/jury-results.service'
import { runAssignmentJob, type AssignmentJob } from '../modules/jury/jury-assignment.service'
import { sendDeadlineReminders } from './deadline-reminders'
import { QUEUES, type JobQueue } from './queue'

export interface WorkerDeps {
  db: Database
  queue: JobQueue
  now: () => Date
  publicUrl: string
  smtpUrl?: string
  mailFrom: string
  log: FastifyBaseLogger
  /** How often the periodic jobs are offered (closing challenges, deadline reminders). */
  tickSeconds: number
  /** The embedded database's autovacuum pass (DatabaseHandle.maintain); absent on PostgreSQL, which has its own. */
  maintainDatabase?: () => Promise<MaintenanceReport | null>
}

/** As often as autovacuum looks (autovacuum_naptime): a pass that finds nothing to do reads one view. */
const DATABASE_MAINTENANCE_SECONDS = 60

/** The outbox is relayed more often than the other periodic work: people wait for those emails. */
const OUTBOX_RELAY_SECONDS = 2

/**
 * Registers every worker on this instance. Any number of instances may do this: pg-boss hands each job
 * to one worker, and the jobs themselves are idempotent (row locks, unique rows), so a retried job or a
 * slow instance never does the work twice.
 */
export async function startWorkers(deps: WorkerDeps): Promise<void> {
  const { queue, db, log } = deps
  const transport = createMailTransport(deps.smtpUrl)
  await queue.work<{ emailId: string }>(QUEUES.emailSend, (job) => deliverEmail({ db, transport, from: deps.mailFrom, log }, job))
  await queue.work(QUEUES.outboxRelay, async () => {
    await relayPendingEmails(db, queue, deps.now())
  })
  await queue.work(QUEUES.closeChallenges, async () => {
    const closed = await closeDueChallenges({ db, now: deps.now, publicUrl: deps.publicUrl })
    if (closed.length > 0) log.info({ closed: closed.length }, 'closed challenges past their submission deadline')
  })
  await queue.work(QUEUES.deadlineReminders, async () => {
    const sent = await sendDeadlineReminders({ db, now: deps.now, publicUrl: deps.publicUrl })
    if (sent > 0) log.info({ reminders: sent }, 'deadline reminders queued')
  })
  await queue.work<ResultsJob>(QUEUES.juryResults, (job) => computeResultsJob(db, job.data))
  await queue.work<AssignmentJob>(QUEUES.juryAssignment, (job) => runAssignmentJob(db, job.data, deps.now()))
  const maintain = deps.maintainDatabase
  if (maintain) {
    await queue.work(QUEUES.databaseMaintenance, async () => {
      const report = await maintain()
      if (report && report.vacuumed.length + report.analyzed.length > 0) log.info(report, 'database maintenance: tables vacuumed and analysed')
    })
    queue.every(QUEUES.databaseMaintenance, DATABASE_MAINTENANCE_SECONDS)
  }
  queue.every(QUEUES.outboxRelay, Math.min(OUTBOX_RELAY_SECONDS, deps.tickSeconds))
  queue.every(QUEUES.closeChallenges, deps.tickSeconds)
  queue.every(QUEUES.deadlineReminders, deps.tickSeconds)
}
