import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, id } from '../../db/columns'

/** Every email is written here inside the transaction that caused it, so none is lost without a mail server. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('body_text').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'logged', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When the relay handed the row to the email.send job queue; a row queued long ago without result is handed over again. */
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    /** Not handed to the queue before this moment: a mail that gathers several changes waits for them to settle. */
    notBefore: timestamp('not_before', { withTimezone: true }),
    /** Mails with the same key to the same address, still waiting, become one (see enqueueCollapsibleEmails). */
    collapseKey: text('collapse_key'),
    /** What the collapsed mail says, kept structured so a later change can be merged into it. */
    collapseData: jsonb('collapse_data'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_outbox_status_idx').on(t.status, t.createdAt),
    // At most one waiting mail per key and address; a mail the relay has handed over no longer gathers changes.
    uniqueIndex('email_outbox_collapse_key')
      .on(t.collapseKey, t.to)
      .where(sql`${t.collapseKey} is not null and ${t.status} = 'pending' and ${t.queuedAt} is null`),
  ],
)
