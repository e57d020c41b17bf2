import { and, eq, inArray } from 'drizzle-orm'
import type { RoundResults } from '@opgave/domain'
import type { Database } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { enqueueEmail } from '../outbox/outbox.service'
import { users } from '../users/users.table'
import { authorizeRound } from './jury.access'
import { getResults } from './jury-results.service'
import { activeMembers } from './jury-round-proposals'
import { juryAssignments, juryScorecards } from './jury.table'

/**
 * Reminds every juror with unsubmitted assigned scorecards in this round (chair). The mails go
 * through the outbox in the same transaction; the count lets the dashboard say how many were sent.
 */
export async function sendReminders(db: Database, actor: Actor, roundId: string, publicUrl: string): Promise<{ reminded: number }> {
  return db.transaction(async (tx) => {
    const { round, challenge } = await authorizeRound(tx, actor, roundId, 'round.run')
    if (round.status !== 'scoring' && round.status !== 'deliberation') return { reminded: 0 }
    const assignments = await tx.select().from(juryAssignments).where(eq(juryAssignments.roundId, roundId))
    const done = new Set(
      (await tx.select().from(juryScorecards).where(and(eq(juryScorecards.roundId, roundId), eq(juryScorecards.status, 'submitted')))).map((c) => `${c.memberId}:${c.proposalId}`),
    )
    const open = new Map<string, number>()
    for (const a of assignments) if (!done.has(`${a.memberId}:${a.proposalId}`)) open.set(a.memberId, (open.get(a.memberId) ?? 0) + 1)
    const members = (await activeMembers(tx, round.challengeId)).filter((m) => open.has(m.id) && m.userId)
    const people = members.length > 0 ? await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, members.map((m) => m.userId!))) : []
    const link = `${publicUrl.replace(/\/$/, '')}/jury/rondes/${roundId}`
    for (const m of members) {
      const to = people.find((p) => p.id === m.userId)?.email
      if (!to) continue
      const n = open.get(m.id)!
      await enqueueEmail(tx, {
        to,
        subject: `Herinnering jury: ${challenge.title} / Jury reminder`,
        text: [`U heeft nog ${n} beoordeling(en) open in "${round.name}" voor "${challenge.title}": ${link}`, '', `You still have ${n} scorecard(s) to submit in "${round.name}" for "${challenge.title}": ${link}`].join('\n'),
      })
    }
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_round.reminders_sent', entityType: 'jury_round', entityId: roundId, organisationId: challenge.municipalityId, after: { memberIds: members.map((m) => m.id) } })
    return { reminded: members.length }
  })
}

/** Spreadsheet programs run cells starting with = + - @ as formulas: prefix them so an export cannot. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return ''
  let text = typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value)
  if (/^[=+\-@\t\r]/.test(text) && typeof value !== 'number') text = `'${text}`
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The jury report: the latest results in rank order, with exactly the visibility of the results
 * endpoint (no conflicted proposals for jury members; blinded titles in a blind round).
 */
export async function resultsTable(db: Database, actor: Actor, roundId: string): Promise<(string | number | boolean | null)[][]> {
  const { results, proposalTitles } = await getResults(db, actor, roundId)
  const r = results as RoundResults
  const header = ['rank', 'tied', 'proposal_id', 'title', 'final_score', 'disagreement_sd', 'disagreement_flagged', 'threshold_failures', 'best_rank', 'worst_rank', 'jurors']
  const rows = r.proposals.map((p) => [
    p.rank,
    p.tied,
    p.proposalId,
    proposalTitles[p.proposalId] ?? '',
    Math.round(p.finalScore * 100) / 100,
    Math.round(p.disagreement.sd * 100) / 100,
    p.disagreement.flagged,
    p.thresholdFailures.length,
    p.stability?.bestRank ?? null,
    p.stability?.worstRank ?? null,
    p.jurorTotals.length,
  ])
  return [header, ...rows]
}

export const toCsv = (rows: (string | number | boolean | null)[][]) => rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
