import { and, asc, eq, lt } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../../db/client'
import { emailOutbox } from './outbox.table'

const MAX_ATTEMPTS = 5

/**
 * Delivers queued emails. Rows are claimed with FOR UPDATE SKIP LOCKED, so several API instances
 * can run this at once without sending an email twice. Without SMTP_URL emails are only logged
 * (recipient and subject; the body may hold a link) and stay readable for platform admins.
 */
export function createOutboxDispatcher({ db, smtpUrl, from, log, intervalMs = 2000 }: { db: Database; smtpUrl?: string; from: string; log: FastifyBaseLogger; intervalMs?: number }) {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined

  async function tick() {
    await db.transaction(async (tx) => {
      const batch = await tx
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, 'pending'), lt(emailOutbox.attempts, MAX_ATTEMPTS)))
        .orderBy(asc(emailOutbox.createdAt))
        .limit(20)
        .for('update', { skipLocked: true })
      for (const email of batch) {
        if (!transport) {
          log.info({ emailId: email.id, subject: email.subject }, 'email logged (no SMTP_URL configured); platform admins can read it in the outbox')
          await tx.update(emailOutbox).set({ status: 'logged', sentAt: new Date() }).where(eq(emailOutbox.id, email.id))
          continue
        }
        try {
          await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text })
          await tx.update(emailOutbox).set({ status: 'sent', sentAt: new Date(), attempts: email.attempts + 1 }).where(eq(emailOutbox.id, email.id))
        } catch (error) {
          const attempts = email.attempts + 1
          log.warn({ emailId: email.id, attempts }, 'email delivery failed')
          await tx
            .update(emailOutbox)
            .set({ attempts, lastError: String(error).slice(0, 500), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' })
            .where(eq(emailOutbox.id, email.id))
        }
      }
    })
  }

  return {
    start() {
      const loop = () => {
        running = tick()
          .catch((error: unknown) => log.error({ err: error }, 'outbox dispatch failed'))
          .finally(() => {
            timer = setTimeout(loop, intervalMs)
          })
      }
      loop()
    },
    async stop() {
      clearTimeout(timer)
      await running
      clearTimeout(timer)
    },
  }
}
