import { and, asc, eq, lte } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { recordAudit } from '../audit/audit.service'
import { notifyFollowersAndApplicants } from './challenges.followers'
import { challengeUrl } from './challenges.service'
import { challenges } from './challenges.table'

/**
 * Stores 'closed' for published challenges whose submission deadline has passed and tells their
 * followers. Requests never wait for this: `challengeStatusAt` already reports them closed. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so several API instances can run it at once without closing
 * (or emailing) twice. Runs as the challenges.close-due job (src/jobs/workers.ts). Returns the ids it closed.
 */
export async function closeDueChallenges(deps: { db: Database; now: () => Date; publicUrl: string }, batchSize = 50): Promise<string[]> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now()
    const due = await tx
      .select()
      .from(challenges)
      .where(and(eq(challenges.status, 'published'), lte(challenges.submissionDeadline, now)))
      .orderBy(asc(challenges.submissionDeadline))
      .limit(batchSize)
      .for('update', { skipLocked: true })
    for (const row of due) {
      await tx.update(challenges).set({ status: 'closed', version: row.version + 1, updatedAt: now }).where(eq(challenges.id, row.id))
      await recordAudit(tx, {
        actorId: null,
        action: 'challenge.close',
        entityType: 'challenge',
        entityId: row.id,
        organisationId: row.municipalityId,
        before: { status: row.status, version: row.version },
        after: { status: 'closed', version: row.version + 1, reason: 'submission_deadline_passed' },
      })
      await notifyFollowersAndApplicants(
        tx,
        row.id,
        `Inzendtermijn gesloten: ${row.title}`,
        `De inzendtermijn van de uitdaging "${row.title}" is voorbij. De beoordeling volgt.\n\n${challengeUrl(deps, row.id)}`,
      )
    }
    return due.map((r) => r.id)
  })
}
