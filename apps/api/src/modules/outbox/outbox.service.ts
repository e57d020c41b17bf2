import { desc } from 'drizzle-orm'
import type { Database, DbOrTx } from '../../db/client'
import { emailOutbox } from './outbox.table'

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
}

/** Queue an email in the caller's transaction: it is sent if and only if the change commits. */
export async function enqueueEmail(tx: DbOrTx, email: OutgoingEmail): Promise<void> {
  await tx.insert(emailOutbox).values(email)
}

export async function listOutbox(db: Database, limit = 200) {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit)
}
