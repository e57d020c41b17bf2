import { and, eq, inArray } from 'drizzle-orm'
import type { JuryScorecard, SaveScorecardBody } from '@opgave/contracts'
import { checkScorecard, hasAnyScore, jurorTotal, mayJurorSeeOtherScores, type Criterion } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { users } from '../users/users.table'
import { authorizeRound } from './jury.access'
import { juryErrors } from './jury.errors'
import { blindCopy, type JuryProposal } from './jury.proposals'
import { criteriaOf } from './jury-rounds.service'
import { activeMembers, blindFor, visibleProposalOfRound, visibleProposalsOfRound } from './jury-round-proposals'
import { juryAssignments, juryRounds, juryScorecards, type JuryCriterionRow, type JuryMemberRow, type JuryRoundRow, type JuryScorecardRow, type ScoreEntries } from './jury.table'

export const toDomainCriterion = (c: JuryCriterionRow): Criterion => ({ id: c.id, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax, threshold: c.threshold, sdgGoals: c.sdgGoals })

/** The live weighted total R (0–100) the juror sees while scoring; null until every criterion has a score. */
export function weightedTotal(criteria: readonly JuryCriterionRow[], scores: ScoreEntries): number | null {
  if (criteria.length === 0 || !checkScorecard({ criteria, scores }).complete) return null
  return jurorTotal({ criteria: criteria.map(toDomainCriterion), scores: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v.score])) })
}

function toScorecard(round: JuryRoundRow, proposalId: string, memberId: string, row: JuryScorecardRow | undefined, criteria: JuryCriterionRow[]): JuryScorecard {
  const scores = row?.scores ?? {}
  return {
    id: row?.id ?? null,
    roundId: round.id,
    proposalId,
    memberId,
    scores,
    status: row?.status ?? 'draft',
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    reopenedAt: row?.reopenedAt?.toISOString() ?? null,
    weightedTotal: weightedTotal(criteria, scores),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  }
}

/**
 * A juror's way into one proposal of a round: active member, assigned, not conflicted. Anything
 * else is 404 — a conflicted juror must not even learn the proposal is in the round.
 */
export async function jurorProposal(db: DbOrTx, actor: Actor, roundId: string, proposalId: string, lock?: 'share') {
  const access = await authorizeRound(db, actor, roundId, 'juror.score', { lock })
  const member = access.member!
  const [assigned] = await db.select({ proposalId: juryAssignments.proposalId }).from(juryAssignments).where(and(eq(juryAssignments.roundId, roundId), eq(juryAssignments.memberId, member.id), eq(juryAssignments.proposalId, proposalId)))
  const proposal = assigned ? await visibleProposalOfRound(db, access.round, member, proposalId) : undefined
  if (!proposal) throw juryErrors.notFound('No such proposal among your assignments.')
  return { ...access, member, proposal }
}

async function myCard(db: DbOrTx, roundId: string, proposalId: string, memberId: string, lock = false) {
  const q = db.select().from(juryScorecards).where(and(eq(juryScorecards.roundId, roundId), eq(juryScorecards.proposalId, proposalId), eq(juryScorecards.memberId, memberId)))
  const [row] = lock ? await q.for('update') : await q
  return row
}

/** What the juror may see of the applicant: names in an open round, nothing in a blind one. */
async function identityFields(db: DbOrTx, round: JuryRoundRow, member: JuryMemberRow, p: JuryProposal) {
  if (blindFor(round, member)) return { title: await blindCopy(db, p, p.title) }
  return { title: p.title, enterpriseName: p.leadEnterpriseName, partnerNames: p.partners.map((x) => x.name) }
}

export async function listMyProposals(db: Database, actor: Actor, roundId: string) {
  const { round, member } = await authorizeRound(db, actor, roundId, 'juror.score')
  const { visible } = await visibleProposalsOfRound(db, round, member)
  const assigned = new Set((await db.select({ proposalId: juryAssignments.proposalId }).from(juryAssignments).where(and(eq(juryAssignments.roundId, roundId), eq(juryAssignments.memberId, member!.id)))).map((a) => a.proposalId))
  const cards = await db.select().from(juryScorecards).where(and(eq(juryScorecards.roundId, roundId), eq(juryScorecards.memberId, member!.id)))
  const out = []
  for (const p of visible.filter((x) => assigned.has(x.id))) {
    const card = cards.find((c) => c.proposalId === p.id)
    out.push({ proposalId: p.id, ...(await identityFields(db, round, member!, p)), sdgGoals: p.impactGoals, scorecardStatus: card ? card.status : ('not_started' as const) })
  }
  return out
}

export async function getProposalForJuror(db: Database, actor: Actor, roundId: string, proposalId: string) {
  const { round, member, proposal } = await jurorProposal(db, actor, roundId, proposalId)
  const blind = blindFor(round, member)
  const { title: _t, ...identity } = await identityFields(db, round, member, proposal)
  return {
    proposalId,
    roundId,
    blindReview: round.blindReview,
    ...identity,
    submittedAt: proposal.submittedAt?.toISOString() ?? null,
    snapshot: blind ? await blindCopy(db, proposal, proposal.snapshot) : proposal.snapshot,
  }
}

export async function getMyScorecard(db: Database, actor: Actor, roundId: string, proposalId: string): Promise<JuryScorecard> {
  const { round, member } = await jurorProposal(db, actor, roundId, proposalId)
  return toScorecard(round, proposalId, member.id, await myCard(db, roundId, proposalId, member.id), await criteriaOf(db, roundId))
}

function assertScoringOpen(round: JuryRoundRow) {
  if (round.status !== 'scoring' && round.status !== 'deliberation') throw juryErrors.roundNotOpen(`The round is in ${round.status}; scores can be saved while it is being scored or deliberated.`)
}

/**
 * Autosave. The body names the version it started from (0 for a first save); a stale version
 * changes nothing and returns the stored card in `current`, so two tabs never overwrite each other.
 * Drafts may be partial but never off the scale or about criteria that do not exist.
 */
export async function saveMyScorecard(db: Database, actor: Actor, roundId: string, proposalId: string, body: SaveScorecardBody): Promise<JuryScorecard> {
  return db.transaction(async (tx) => {
    // Share-lock the round: criteria changes (which take it for update) wait, so none slips in under a first score.
    const { round, member, challenge } = await jurorProposal(tx, actor, roundId, proposalId, 'share')
    assertScoringOpen(round)
    const criteria = await criteriaOf(tx, roundId)
    const before = await myCard(tx, roundId, proposalId, member.id, true)
    if ((before?.version ?? 0) !== body.version) throw commonProblems.staleVersion(toScorecard(round, proposalId, member.id, before, criteria))
    if (before?.status === 'submitted') throw juryErrors.scorecardSubmitted('This scorecard is submitted. Ask the chair to reopen it.')
    const scores: ScoreEntries = Object.fromEntries(Object.entries(body.scores).map(([id, e]) => [id, { score: e.score, comment: e.comment?.trim() || null }]))
    const check = checkScorecard({ criteria, scores })
    const errors = [
      ...check.unknown.map((id) => ({ field: `/scores/${id}`, code: 'jury.unknown_criterion', message: 'Not a criterion of this round.' })),
      ...check.outOfRange.map((id) => {
        const c = criteria.find((x) => x.id === id)!
        return { field: `/scores/${id}/score`, code: 'jury.score_out_of_scale', message: `The score must lie between ${c.scaleMin} and ${c.scaleMax}.` }
      }),
    ]
    if (errors.length > 0) throw commonProblems.validation(errors, 'Some scores are invalid.')
    const values = { scores, hasScores: hasAnyScore(scores), updatedAt: new Date() }
    const [row] = before
      ? await tx.update(juryScorecards).set({ ...values, version: before.version + 1 }).where(eq(juryScorecards.id, before.id)).returning()
      : await tx.insert(juryScorecards).values({ ...values, roundId, proposalId, memberId: member.id }).onConflictDoNothing().returning()
    // Two first saves at once (two tabs): the second finds the row the first inserted and is stale.
    if (!row) throw commonProblems.staleVersion(toScorecard(round, proposalId, member.id, await myCard(tx, roundId, proposalId, member.id), criteria))
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_scorecard.saved', entityType: 'jury_scorecard', entityId: row!.id, organisationId: challenge.municipalityId, before: before ? { scores: before.scores, version: before.version } : null, after: { scores, version: row!.version } })
    return toScorecard(round, proposalId, member.id, row, criteria)
  })
}

/** Submitting locks the card; only complete cards may be submitted (they are the only ones that count). */
export async function submitMyScorecard(db: Database, actor: Actor, roundId: string, proposalId: string, version: number, now: Date): Promise<JuryScorecard> {
  return db.transaction(async (tx) => {
    const { round, member, challenge } = await jurorProposal(tx, actor, roundId, proposalId, 'share')
    assertScoringOpen(round)
    const criteria = await criteriaOf(tx, roundId)
    const before = await myCard(tx, roundId, proposalId, member.id, true)
    if ((before?.version ?? 0) !== version) throw commonProblems.staleVersion(toScorecard(round, proposalId, member.id, before, criteria))
    if (before?.status === 'submitted') throw juryErrors.scorecardSubmitted()
    const check = checkScorecard({ criteria, scores: before?.scores ?? {} })
    if (!before || criteria.length === 0 || !check.complete) {
      const missing = before ? check.missing : criteria.map((c) => c.id)
      throw juryErrors.scorecardIncomplete(
        'Score every criterion before submitting.',
        missing.map((id) => ({ field: `/scores/${id}/score`, code: 'jury.score_missing', message: 'Give a score.' })),
      )
    }
    const [row] = await tx.update(juryScorecards).set({ status: 'submitted', submittedAt: now, version: before.version + 1, updatedAt: new Date() }).where(eq(juryScorecards.id, before.id)).returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_scorecard.submitted', entityType: 'jury_scorecard', entityId: row!.id, organisationId: challenge.municipalityId, after: { version: row!.version } })
    return toScorecard(round, proposalId, member.id, row, criteria)
  })
}

/** The chair reopens a submitted card (e.g. a typo found in deliberation); audited with the reason of the change. */
export async function reopenScorecard(db: Database, actor: Actor, roundId: string, scorecardId: string, reason: string, now: Date): Promise<JuryScorecard> {
  return db.transaction(async (tx) => {
    const { round, member: chair, challenge } = await authorizeRound(tx, actor, roundId, 'round.run')
    if (reason.length < 3) throw commonProblems.validation([{ field: '/reason', code: 'jury.reason_required', message: 'Give a reason of at least 3 characters.' }])
    const [card] = await tx.select().from(juryScorecards).where(and(eq(juryScorecards.id, scorecardId), eq(juryScorecards.roundId, roundId))).for('update')
    const { visible } = await visibleProposalsOfRound(tx, round, chair)
    if (!card || !visible.some((p) => p.id === card.proposalId)) throw juryErrors.notFound('No such scorecard in this round.')
    if (card.status !== 'submitted') throw juryErrors.roundState('Only a submitted scorecard can be reopened.')
    if (round.status === 'closed') throw juryErrors.roundState('The round is closed.')
    const [row] = await tx.update(juryScorecards).set({ status: 'draft', submittedAt: null, reopenedAt: now, version: card.version + 1, updatedAt: new Date() }).where(eq(juryScorecards.id, scorecardId)).returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_scorecard.reopened', entityType: 'jury_scorecard', entityId: scorecardId, organisationId: challenge.municipalityId, before: { status: 'submitted', submittedAt: card.submittedAt }, after: { status: 'draft', reason } })
    return toScorecard(round, card.proposalId, card.memberId, row, await criteriaOf(tx, roundId))
  })
}

/**
 * Every juror's card on one proposal. A juror sees them only once their own card is submitted and
 * the chair opened deliberation; other jurors are labelled, not named. Staff and the chair (when not
 * scoring this proposal themselves) see them from deliberation on, with member ids.
 */
export async function listProposalScorecards(db: Database, actor: Actor, roundId: string, proposalId: string) {
  const access = await authorizeRound(db, actor, roundId, 'round.read')
  const { round, member, viewer } = access
  const { visible } = await visibleProposalsOfRound(db, round, member)
  if (!visible.some((p) => p.id === proposalId)) throw juryErrors.notFound('No such proposal in this round.')
  const cards = await db.select().from(juryScorecards).where(and(eq(juryScorecards.roundId, roundId), eq(juryScorecards.proposalId, proposalId)))
  const own = member ? cards.find((c) => c.memberId === member.id) : undefined
  const [assigned] = member ? await db.select().from(juryAssignments).where(and(eq(juryAssignments.roundId, roundId), eq(juryAssignments.proposalId, proposalId), eq(juryAssignments.memberId, member.id))) : []
  const deliberationOpen = round.status === 'deliberation' || round.status === 'closed'
  const manager = viewer.isPlatformAdmin || viewer.municipalityRole === 'admin' || viewer.municipalityRole === 'challenge_manager' || member?.isChair === true
  const allowed = assigned ? mayJurorSeeOtherScores({ ownScorecardSubmitted: own?.status === 'submitted', deliberationOpen }) : manager && deliberationOpen
  if (!allowed) throw juryErrors.scoresHidden()
  const criteria = await criteriaOf(db, roundId)
  const submitted = cards.filter((c) => c.status === 'submitted').sort((a, b) => a.memberId.localeCompare(b.memberId))
  const members = await activeMembers(db, round.challengeId)
  const userIds = members.map((m) => m.userId).filter((id): id is string => id !== null)
  const names = new Map(userIds.length > 0 ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u.name]) : [])
  return submitted.map((c, i) => {
    const m = members.find((x) => x.id === c.memberId)
    const mine = member && c.memberId === member.id
    return {
      juror: mine ? 'Ik / Me' : manager ? (m?.userId ? (names.get(m.userId) ?? `Jurylid ${i + 1}`) : `Jurylid ${i + 1}`) : `Jurylid ${i + 1}`,
      ...(manager || mine ? { memberId: c.memberId } : {}),
      scores: c.scores,
      weightedTotal: weightedTotal(criteria, c.scores),
      submittedAt: c.submittedAt?.toISOString() ?? null,
    }
  })
}

/** Completion per juror and proposal for the chair's dashboard: statuses only, never scores. */
export async function roundProgress(db: Database, actor: Actor, roundId: string) {
  const { round, member } = await authorizeRound(db, actor, roundId, 'round.read_progress')
  const { visible } = await visibleProposalsOfRound(db, round, member)
  const ids = new Set(visible.map((p) => p.id))
  const assignments = (await db.select().from(juryAssignments).where(eq(juryAssignments.roundId, roundId))).filter((a) => ids.has(a.proposalId))
  const cards = await db.select().from(juryScorecards).where(eq(juryScorecards.roundId, roundId))
  const items = assignments.map((a) => {
    const card = cards.find((c) => c.proposalId === a.proposalId && c.memberId === a.memberId)
    return { scorecardId: card?.id ?? null, proposalId: a.proposalId, memberId: a.memberId, status: card ? card.status : ('not_started' as const), submittedAt: card?.submittedAt?.toISOString() ?? null }
  })
  const count = (key: 'memberId' | 'proposalId') => {
    const m = new Map<string, { assigned: number; submitted: number }>()
    for (const it of items) {
      const e = m.get(it[key]) ?? { assigned: 0, submitted: 0 }
      e.assigned++
      if (it.status === 'submitted') e.submitted++
      m.set(it[key], e)
    }
    return m
  }
  return {
    roundId,
    status: round.status,
    items,
    perJuror: [...count('memberId')].map(([memberId, e]) => ({ memberId, ...e })),
    perProposal: [...count('proposalId')].map(([proposalId, e]) => ({ proposalId, ...e })),
  }
}

/** The chair opens deliberation: from now on jurors who submitted may see each other's scores. */
export async function openDeliberation(db: Database, actor: Actor, roundId: string, now: Date) {
  return db.transaction(async (tx) => {
    const { round, challenge } = await authorizeRound(tx, actor, roundId, 'round.run', { lock: 'update' })
    if (round.status !== 'scoring') throw juryErrors.roundState('Deliberation opens after scoring started.')
    const [row] = await tx.update(juryRounds).set({ status: 'deliberation', deliberationOpenedAt: now, version: round.version + 1, updatedAt: new Date() }).where(eq(juryRounds.id, roundId)).returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_round.deliberation_opened', entityType: 'jury_round', entityId: roundId, organisationId: challenge.municipalityId, before: { status: round.status }, after: { status: 'deliberation' } })
    return row!
  })
}
