import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Database } from '../db/client'
import { challengeFollowers, challenges } from '../modules/challenges/challenges.table'
import { memberships } from '../modules/organisations/organisations.table'
import { enqueueEmail } from '../modules/outbox/outbox.service'
import { proposals } from '../modules/proposals/proposals.table'
import { users } from '../modules/users/users.table'
import { dutchDateTime } from '../lib/dutch-format'
import { deadlineReminders } from './deadline-reminders.table'

/** Reminders go out this long before a deadline. */
export const REMINDER_LEAD_MS = 48 * 3600 * 1000

type Kind = 'questions' | 'submission'

/**
 * Reminds people of the questions deadline (followers) and the submission deadline (followers and
 * everyone in an enterprise with a draft proposal) of published challenges, once, within 48 hours
 * before it. The reminder row and the email are written in one transaction, and the row's primary key
 * (challenge, deadline, person) refuses a second one: a retried job or a second instance sends nothing
 * twice. Returns how many reminders it queued.
 */
export async function sendDeadlineReminders(deps: { db: Database; now: () => Date; publicUrl: string }): Promise<number> {
  const now = deps.now()
  const horizon = new Date(now.getTime() + REMINDER_LEAD_MS)
  const within = (column: AnyPgColumn) => and(gt(column, now), lte(column, horizon))
  const due = await deps.db
    .select({ id: challenges.id, title: challenges.title, questionsDeadline: challenges.questionsDeadline, submissionDeadline: challenges.submissionDeadline })
    .from(challenges)
    .where(and(eq(challenges.status, 'published'), or(isNull(challenges.publishAt), lte(challenges.publishAt, now)), or(within(challenges.questionsDeadline), within(challenges.submissionDeadline))))

  let queued = 0
  for (const challenge of due) {
    const deadlines: [Kind, Date | null][] = [
      ['questions', challenge.questionsDeadline],
      ['submission', challenge.submissionDeadline],
    ]
    for (const [kind, deadline] of deadlines) {
      if (!deadline || deadline <= now || deadline > horizon) continue
      queued += await remindOnce(deps, challenge, kind, deadline)
    }
  }
  return queued
}

async function remindOnce(deps: { db: Database; publicUrl: string }, challenge: { id: string; title: string }, kind: Kind, deadline: Date): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const followers = await tx.select({ userId: challengeFollowers.userId }).from(challengeFollowers).where(eq(challengeFollowers.challengeId, challenge.id))
    const drafters =
      kind === 'submission'
        ? await tx
            .select({ userId: memberships.userId })
            .from(proposals)
            .innerJoin(memberships, eq(memberships.organisationId, proposals.leadEnterpriseId))
            .where(and(eq(proposals.challengeId, challenge.id), eq(proposals.status, 'draft')))
        : []
    const candidates = [...new Set([...followers, ...drafters].map((r) => r.userId))]
    if (candidates.length === 0) return 0
    const inserted = await tx
      .insert(deadlineReminders)
      .values(candidates.map((userId) => ({ challengeId: challenge.id, kind, deadline, userId })))
      .onConflictDoNothing()
      .returning({ userId: deadlineReminders.userId })
    if (inserted.length === 0) return 0
    const people = await tx
      .select({ email: users.email, disabledAt: users.disabledAt })
      .from(users)
      .where(inArray(users.id, inserted.map((r) => r.userId)))
    const link = `${deps.publicUrl.replace(/\/$/, '')}/uitdagingen/${challenge.id}`
    const when = dutchDateTime(deadline)
    const [subject, nl, en] =
      kind === 'questions'
        ? [`Vragentermijn sluit binnenkort: ${challenge.title} / Questions deadline soon`, `U kunt nog tot ${when} vragen stellen over "${challenge.title}".`, `Questions about "${challenge.title}" can be asked until ${deadline.toISOString()}.`]
        : [`Inzendtermijn sluit binnenkort: ${challenge.title} / Submission deadline soon`, `Voorstellen voor "${challenge.title}" kunnen tot ${when} worden ingediend.`, `Proposals for "${challenge.title}" can be submitted until ${deadline.toISOString()}.`]
    let sent = 0
    for (const person of people) {
      if (person.disabledAt) continue
      await enqueueEmail(tx, { to: person.email, subject, text: [nl, link, '', en, link].join('\n') })
      sent++
    }
    return sent
  })
}
