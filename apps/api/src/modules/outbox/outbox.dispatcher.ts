import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../../db/client'
import { QUEUES, type Job, type JobQueue } from '../../jobs/queue'
import { emailOutbox } from './outbox.table'

/** A row handed to the queue this long ago and still pending is handed over again (its job was lost). */
const REQUEUE_AFTER_MS = 60 * 60 * 1000

export type MailTransport = { sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> }

/** SMTP_URL set → nodemailer over SMTP (e.g. smtp://mailpit:1025); unset → null: emails are only logged and kept for admins. */
export function createMailTransport(smtpUrl: string | undefined): MailTransport | null {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : null
}

/**
 * Hands pending outbox rows whose time has come (`notBefore`) to the email.send queue. Each job's id is the email's id, so handing a row
 * over twice (a retry after a crash) cannot create two jobs. Rows are claimed with SKIP LOCKED, so
 * relays on several instances never claim the same row. Returns how many were handed over.
 */
export async function relayPendingEmails(db: Database, queue: JobQueue, now = new Date(), batchSize = 100): Promise<number> {
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.status, 'pending'),
          or(isNull(emailOutbox.queuedAt), lt(emailOutbox.queuedAt, new Date(now.getTime() - REQUEUE_AFTER_MS))),
          or(isNull(emailOutbox.notBefore), lte(emailOutbox.notBefore, now)),
        ),
      )
      .orderBy(asc(emailOutbox.createdAt))
      .limit(batchSize)
      .for('update', { skipLocked: true })
    for (const row of rows) await tx.update(emailOutbox).set({ queuedAt: now }).where(eq(emailOutbox.id, row.id))
    return rows
  })
  // After the commit: PGlite has one connection, and a job must not start before its row says queued.
  for (const row of claimed) await queue.send(QUEUES.emailSend, { emailId: row.id }, { id: row.id })
  return claimed.length
}

/**
 * Sends one outbox email (the email.send job). The row lock plus the status check make it exactly once:
 * a second job for the same row waits for the first and then finds it sent. A failed attempt is stored
 * and thrown, so the queue retries it with backoff; after the last retry the row is marked failed.
 */
export async function deliverEmail(deps: { db: Database; transport: MailTransport | null; from: string; log: Pick<FastifyBaseLogger, 'info' | 'warn'> }, job: Job<{ emailId: string }>): Promise<void> {
  const failure = await deps.db.transaction(async (tx) => {
    const [email] = await tx.select().from(emailOutbox).where(eq(emailOutbox.id, job.data.emailId)).for('update')
    if (!email || email.status !== 'pending') return null
    if (!deps.transport) {
      deps.log.info({ emailId: email.id }, 'email logged (no SMTP_URL configured); platform admins can read it in the outbox')
      await tx.update(emailOutbox).set({ status: 'logged', sentAt: new Date() }).where(eq(emailOutbox.id, email.id))
      return null
    }
    try {
      await deps.transport.sendMail({ from: deps.from, to: email.to, subject: email.subject, text: email.text })
      await tx.update(emailOutbox).set({ status: 'sent', sentAt: new Date(), attempts: email.attempts + 1, lastError: null }).where(eq(emailOutbox.id, email.id))
      return null
    } catch (error) {
      const attempts = email.attempts + 1
      const last = job.retryCount >= job.retryLimit
      deps.log.warn({ emailId: email.id, attempts, final: last }, 'email delivery failed')
      await tx
        .update(emailOutbox)
        .set({ attempts, lastError: String(error).slice(0, 500), status: last ? 'failed' : 'pending' })
        .where(eq(emailOutbox.id, email.id))
      return error instanceof Error ? error : new Error(String(error))
    }
  })
  if (failure) throw failure
}
