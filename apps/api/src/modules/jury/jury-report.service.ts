import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { RoundResults } from '@opgave/domain'
import { queryDriver, type Database } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { enqueueEmail } from '../outbox/outbox.service'
import { users } from '../users/users.table'
import { authorizeRound } from './jury.access'
import { getResults } from './jury-results.service'
import { juryErrors } from './jury.errors'
import { criteriaOf } from './jury-rounds.service'
import { activeMembers, visibleProposalTitlesOfRound } from './jury-round-proposals'
import { juryAssignments, juryMembers, juryScorecards } from './jury.table'

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

/**
 * Scorecards per read of the scores export: ~5,000 CSV lines (~0.5 MB) a batch. Small on purpose: a batch
 * still in use when the young generation is collected is promoted, and the process's memory grows with
 * the batch (1M scores, measured: +27 MB at 1,000 cards, +80 MB at 4,000, +156 MB at 10,000); the read
 * ahead hides the extra round trips.
 */
const SCORES_BATCH = 1000

/**
 * Every submitted score of the round, one CSV line per proposal × juror × criterion, streamed: the
 * cards are read in keyset-paged batches (round, proposal, member: the unique index's order), each
 * score and comment extracted in SQL and returned as array rows; the next batch is read while the
 * current one is turned into one CSV string, so at most two batches are in memory and 1M scores never
 * sit there at once (benchmark 5).
 * Same visibility as the results: after deliberation opened, conflicted proposals left out for jury
 * members, and jurors always as "Jurylid n" (their seat order), never by name.
 * Access is checked before the first line, so a refusal is still a problem+json answer.
 */
export async function scoresCsv(db: Database, actor: Actor, roundId: string, batchSize = SCORES_BATCH): Promise<AsyncIterable<string>> {
  const { round, member } = await authorizeRound(db, actor, roundId, 'results.read')
  if (round.status !== 'deliberation' && round.status !== 'closed') throw juryErrors.roundState('Scores are shown once deliberation is open.')
  const criteria = await criteriaOf(db, roundId)
  const allowed = new Set((await visibleProposalTitlesOfRound(db, round, member)).map((p) => p.id))
  const seats = await db.select({ id: juryMembers.id }).from(juryMembers).where(eq(juryMembers.challengeId, round.challengeId)).orderBy(asc(juryMembers.createdAt), asc(juryMembers.id))
  const jurorLabel = new Map(seats.map((m, i) => [m.id, `Jurylid ${i + 1}`]))
  const criterionCells = criteria.map((c) => `${c.id},${csvCell(c.name)},`)
  const n = criteria.length
  const columns = sql.join(
    criteria.map((c) => sql`, (scores -> ${c.id} ->> 'score')::float8, scores -> ${c.id} ->> 'comment'`),
    sql``,
  )
  type Row = (string | number | null)[]
  const batch = (after: Row | undefined) =>
    queryDriver<Row>(
      db,
      sql`select proposal_id, member_id${columns} from ${juryScorecards}
          where round_id = ${roundId} and status = 'submitted'
          ${after ? sql`and (proposal_id, member_id) > (${after[0]}::uuid, ${after[1]}::uuid)` : sql``}
          order by proposal_id, member_id limit ${batchSize}`,
      { rowMode: 'array' },
    )
  // One flat string per batch (joined, not concatenated: no rope of 20,000 pieces to flatten).
  const toCsvLines = (cards: Row[]) => {
    const lines: string[] = []
    for (const card of cards) {
      const proposalId = card[0] as string
      if (!allowed.has(proposalId)) continue
      const prefix = `${proposalId},${jurorLabel.get(card[1] as string) ?? 'Jurylid ?'},`
      for (let i = 0; i < n; i++) {
        const score = card[2 + 2 * i] as number | null
        const comment = card[3 + 2 * i] as string | null
        lines.push(`${prefix}${criterionCells[i]}${score === null ? '' : csvCell(score)},${comment === null ? '' : csvCell(comment)}\r\n`)
      }
    }
    return lines.join('')
  }
  return (async function* lines() {
    yield 'proposal_id,juror,criterion_id,criterion,score,comment\r\n'
    let cards = await batch(undefined)
    while (cards.length > 0) {
      // Read ahead: the database fetches the next batch while this one becomes CSV.
      const next = cards.length < batchSize ? undefined : batch(cards[cards.length - 1])
      next?.catch(() => undefined)
      const chunk = toCsvLines(cards)
      if (chunk.length > 0) yield chunk
      if (!next) return
      cards = await next
    }
  })()
}
