import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { JuryScorecard, SaveScorecardBody } from '@opgave/contracts'
import { checkScorecard, hasAnyScore, jurorTotal, mayJurorSeeOtherScores, type Criterion } from '@opgave/domain'
import { queryDriver, type Database, type DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { withoutPersonalData } from '../audit/personal-data'
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

function toScorecard(round: Pick<JuryRoundRow, 'id'>, proposalId: string, memberId: string, row: JuryScorecardRow | undefined, criteria: JuryCriterionRow[]): JuryScorecard {
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

/** The juror opens a card (every autosave starts from its version): one read, as `saveMyScorecard` does. */
export async function getMyScorecard(db: Database, actor: Actor, roundId: string, proposalId: string): Promise<JuryScorecard> {
  const ctx = await cardContext(db, actor, roundId, proposalId, false)
  if (!ctx || !ctx[3]) {
    // Not theirs: the full check gives the 404/403 the rest of the API gives.
    await jurorProposal(db, actor, roundId, proposalId)
    throw juryErrors.notFound('No such proposal among your assignments.')
  }
  const [, , memberId, , criteriaJson, cardId, scores, cardStatus, submittedAt, reopenedAt, version, updatedAt] = ctx
  const criteria = parseCriteria(criteriaJson)
  const card = cardId ? cardOf(cardId, scores!, cardStatus!, submittedAt, reopenedAt, version!, updatedAt!) : undefined
  return toScorecard({ id: roundId }, proposalId, memberId!, card, criteria)
}

function assertScoringOpen(round: Pick<JuryRoundRow, 'status'>) {
  if (round.status !== 'scoring' && round.status !== 'deliberation') throw juryErrors.roundNotOpen(`The round is in ${round.status}; scores can be saved while it is being scored or deliberated.`)
}

/** The score entries as stored: comments trimmed, empty comments null. */
const normaliseScores = (body: SaveScorecardBody): ScoreEntries => Object.fromEntries(Object.entries(body.scores).map(([id, e]) => [id, { score: e.score, comment: e.comment?.trim() || null }]))

/** Drafts may be partial but never off the scale or about criteria that do not exist. */
function assertValidScores(criteria: readonly Pick<JuryCriterionRow, 'id' | 'scaleMin' | 'scaleMax'>[], scores: ScoreEntries) {
  const check = checkScorecard({ criteria, scores })
  const errors = [
    ...check.unknown.map((id) => ({ field: `/scores/${id}`, code: 'jury.unknown_criterion', message: 'Not a criterion of this round.' })),
    ...check.outOfRange.map((id) => {
      const c = criteria.find((x) => x.id === id)!
      return { field: `/scores/${id}/score`, code: 'jury.score_out_of_scale', message: `The score must lie between ${c.scaleMin} and ${c.scaleMax}.` }
    }),
  ]
  if (errors.length > 0) throw commonProblems.validation(errors, 'Some scores are invalid.')
}

/**
 * A round's criteria as one JSON text, in `criteriaOf` order, with what validation and totals need. Text,
 * so that the write can check in SQL that the criteria are still the ones the scores were validated against.
 */
const criteriaText = (roundId: SQL) =>
  sql`select json_agg(json_build_object('id', k.id, 'weight', k.weight, 'scaleMin', k.scale_min, 'scaleMax', k.scale_max, 'threshold', k.threshold, 'sdgGoals', k.sdg_goals) order by k.position, k.created_at, k.id)::text
      from jury_criteria k where k.round_id = ${roundId}`
const parseCriteria = (text: string | null): JuryCriterionRow[] => (text === null ? [] : (JSON.parse(text) as JuryCriterionRow[]))

/** What the autosave's one read returns (see `saveMyScorecard`), as an array row. */
type SaveContext = [
  status: JuryRoundRow['status'],
  municipalityId: string,
  memberId: string | null,
  allowed: boolean,
  /** The round's criteria as JSON text (`criteriaText`): parsed here, compared as text by the write. */
  criteria: string | null,
  cardId: string | null,
  scores: ScoreEntries | null,
  cardStatus: JuryScorecardRow['status'] | null,
  submittedAt: Date | null,
  reopenedAt: Date | null,
  version: number | null,
  updatedAt: Date | null,
]

/** The card the save answers with (columns in this order after `returning`). */
type SavedRow = [id: string, status: JuryScorecardRow['status'], submittedAt: Date | null, reopenedAt: Date | null, version: number, updatedAt: Date]

const cardOf = (id: string, scores: ScoreEntries, status: JuryScorecardRow['status'], submittedAt: Date | null, reopenedAt: Date | null, version: number, updatedAt: Date) =>
  ({ id, scores, status, submittedAt, reopenedAt, version, updatedAt }) as JuryScorecardRow

/**
 * One round trip for a juror's card: the round's status and municipality, the caller's active seat,
 * whether this one proposal is theirs to score (assigned — pitch rounds assign every proposal to the
 * whole panel —, in the round, and no conflict: declared, or the juror's user a member of the lead or an
 * accepted partner enterprise, the rules of `conflictMap`), the round's criteria and the current card.
 * `lock` share-locks the round row (criteria and status changes take it for update).
 */
async function cardContext(db: DbOrTx, actor: Actor, roundId: string, proposalId: string, lock: boolean): Promise<SaveContext | undefined> {
  const [row] = await queryDriver<SaveContext>(
    db,
    sql`select r.status, ch.municipality_id, m.id,
          m.id is not null
            and exists (select 1 from jury_assignments a where a.round_id = r.id and a.proposal_id = ${proposalId} and a.member_id = m.id)
            and exists (select 1 from jury_round_proposals rp join proposals p on p.id = rp.proposal_id join organisations o on o.id = p.lead_enterprise_id where rp.round_id = r.id and rp.proposal_id = ${proposalId})
            and not exists (select 1 from jury_conflicts jc where jc.challenge_id = r.challenge_id and jc.member_id = m.id and jc.proposal_id = ${proposalId})
            and not exists (
              select 1 from memberships ms join proposals p on p.id = ${proposalId}
              where ms.user_id = m.user_id
                and (ms.organisation_id = p.lead_enterprise_id
                  or exists (select 1 from proposal_partners pp join organisations po on po.id = pp.enterprise_id where pp.proposal_id = p.id and pp.status = 'accepted' and pp.enterprise_id = ms.organisation_id))),
          (${criteriaText(sql`r.id`)}),
          c.id, c.scores, c.status, c.submitted_at, c.reopened_at, c.version, c.updated_at
        from jury_rounds r
        join challenges ch on ch.id = r.challenge_id
        left join jury_members m on m.challenge_id = r.challenge_id and m.user_id = ${actor.userId} and m.accepted_at is not null and m.removed_at is null
        left join jury_scorecards c on c.round_id = r.id and c.proposal_id = ${proposalId} and c.member_id = m.id
        where r.id = ${roundId}
        order by m.created_at, m.id
        limit 1
        ${lock ? sql`for share of r` : sql``}`,
    { rowMode: 'array', name: lock ? 'jury_card_context_share' : 'jury_card_context' },
  )
  return row
}

/**
 * Autosave, the hot path of a pitch day (benchmark 2: 300 jurors at once). Four round trips in one
 * transaction — begin, one read, one write, commit — with the guarantees of `jurorProposal` and more:
 * - the read share-locks the round (criteria changes take it for update, so none slips in under a
 *   first score; status changes also lock it) and checks, for this one proposal only: the caller's
 *   active seat on the round's jury, the assignment (pitch rounds assign every proposal to the whole
 *   panel), the proposal in the round, and no conflict (declared, or the juror's user a member of the
 *   lead or an accepted partner enterprise: the same rules as `conflictMap`); it returns the round's
 *   criteria and the current card;
 * - anything not allowed is answered by the full check (`jurorProposal`), which gives the exact
 *   404/403 the rest of the API gives;
 * - the write names the version it read (`version = $expected and status = 'draft'`) and records the
 *   audit row in the same statement, so a write that lost a race changes nothing and answers 409 with
 *   the stored card. Every write of a card bumps its version, so the card read at that version is the
 *   audit's `before`.
 * The body names the version it started from (0 for a first save); a stale version changes nothing and
 * returns the stored card in `current`, so two tabs never overwrite each other.
 */
export async function saveMyScorecard(db: Database, actor: Actor, roundId: string, proposalId: string, body: SaveScorecardBody): Promise<JuryScorecard> {
  const round = { id: roundId }
  return db.transaction(async (tx) => {
    const ctx = await cardContext(tx, actor, roundId, proposalId, true)
    // Unknown round, no seat, not assigned, conflicted: the full check gives the answer the rest of the API gives.
    if (!ctx || !ctx[3]) {
      await jurorProposal(tx, actor, roundId, proposalId, 'share')
      throw juryErrors.notFound('No such proposal among your assignments.')
    }
    const [status, municipalityId, memberId, , criteriaJson, cardId, storedScores, cardStatus, submittedAt, reopenedAt, storedVersion, updatedAt] = ctx
    assertScoringOpen({ status })
    const criteria = parseCriteria(criteriaJson)
    const before = cardId ? cardOf(cardId, storedScores!, cardStatus!, submittedAt, reopenedAt, storedVersion!, updatedAt!) : undefined
    const member = memberId!
    if ((before?.version ?? 0) !== body.version) throw commonProblems.staleVersion(toScorecard(round, proposalId, member, before, criteria))
    if (before?.status === 'submitted') throw juryErrors.scorecardSubmitted('This scorecard is submitted. Ask the chair to reopen it.')
    const scores = normaliseScores(body)
    assertValidScores(criteria, scores)
    const version = (before?.version ?? 0) + 1
    const audit = sql`insert into audit_events (actor_id, action, entity_type, entity_id, organisation_id, before, after)
      select ${actor.userId}::uuid, 'jury_scorecard.saved', 'jury_scorecard', u.id::text, ${municipalityId}::uuid,
        ${before ? JSON.stringify(withoutPersonalData({ scores: before.scores, version: before.version }, 'jury_scorecard')) : null}::jsonb,
        ${JSON.stringify(withoutPersonalData({ scores, version }, 'jury_scorecard'))}::jsonb from u`
    const values = { scores: JSON.stringify(scores), hasScores: hasAnyScore(scores), now: new Date().toISOString() }
    // This statement runs after the read took the round's share lock, so it sees any criteria change that
    // committed while the read waited for that lock (the read's own snapshot predates it): scores
    // validated against criteria that are gone are not written.
    const unchanged = sql`(${criteriaText(sql`${roundId}::uuid`)}) is not distinct from ${criteriaJson}::text`
    const [row] = before
      ? await queryDriver<SavedRow>(
          tx,
          sql`with u as (update jury_scorecards set scores = ${values.scores}::jsonb, has_scores = ${values.hasScores}, version = ${version}, updated_at = ${values.now}::timestamptz
                where id = ${before.id} and version = ${before.version} and status = 'draft' and ${unchanged}
                returning id, status, submitted_at, reopened_at, version, updated_at),
              a as (${audit})
              select * from u`,
          { rowMode: 'array', name: 'jury_autosave_update' },
        )
      : await queryDriver<SavedRow>(
          tx,
          sql`with u as (insert into jury_scorecards (round_id, proposal_id, member_id, scores, has_scores, updated_at)
                select ${roundId}::uuid, ${proposalId}::uuid, ${member}::uuid, ${values.scores}::jsonb, ${values.hasScores}, ${values.now}::timestamptz
                where ${unchanged}
                on conflict do nothing
                returning id, status, submitted_at, reopened_at, version, updated_at),
              a as (${audit})
              select * from u`,
          { rowMode: 'array', name: 'jury_autosave_insert' },
        )
    // Lost a race (two tabs, two first saves at once; or the criteria changed): nothing changed; answer with the stored card.
    if (!row) {
      const now = await criteriaOf(tx, roundId)
      const current = toScorecard(round, proposalId, member, await myCard(tx, roundId, proposalId, member), now)
      throw commonProblems.staleVersion(current, current.version === body.version ? 'The round’s criteria changed in the meantime. Reload to see them.' : undefined)
    }
    return toScorecard(round, proposalId, member, cardOf(row[0], scores, row[1], row[2], row[3], row[4], row[5]), criteria)
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
