import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { enqueueEmail } from '../outbox/outbox.service'
import { users } from '../users/users.table'
import { challengeFollowers } from './challenges.table'

/**
 * Emails every follower of a challenge through the outbox, in the caller's transaction: the mails
 * go out if and only if the change commits. Disabled accounts are skipped. Returns how many were queued.
 * Reused by the Q&A module when answers are published.
 */
export async function notifyFollowers(tx: DbOrTx, challengeId: string, subject: string, text: string): Promise<number> {
  const rows = await tx
    .select({ email: users.email, disabledAt: users.disabledAt })
    .from(challengeFollowers)
    .innerJoin(users, eq(users.id, challengeFollowers.userId))
    .where(eq(challengeFollowers.challengeId, challengeId))
  const recipients = rows.filter((r) => r.disabledAt === null)
  for (const r of recipients) await enqueueEmail(tx, { to: r.email, subject, text })
  return recipients.length
}
