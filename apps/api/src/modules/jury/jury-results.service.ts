import { createHash } from 'node:crypto'
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { RecordDecisionBody } from '@opgave/contracts'
import { canonicalJson, computeRoundResults, criterionFeedback, rankBand, redactIdentity, shortlist, type Criterion, type RoundResults, type Scorecard } from '@opgave/domain'
import { queryDriver, type Database, type DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { findJobAbout, OPEN_JOB_STATES, QUEUES, type JobQueue } from '../../jobs/queue'
import { recordAudit } from '../audit/audit.service'
import { challenges } from '../challenges/challenges.table'
import { challengeStatusAt, getChallengeRow } from '../challenges/challenges.service'
import { memberships, organisations } from '../organisations/organisations.table'
import { proposals } from '../proposals/proposals.table'
import { authorizeJury, authorizeRound } from './jury.access'
import { juryErrors } from './jury.errors'
import { identityTerms, type JuryProposal } from './jury.proposals'
import { criteriaOf } from './jury-rounds.service'
import { blindFor, visibleProposalsOfRound, visibleProposalTitlesOfRound } from './jury-round-proposals'
import { toDomainCriterion } from './jury-scorecards.service'
import { inputsHashOf } from './jury-inputs-hash'
import { juryDecisions, juryRoundProposals, juryRoundResults, juryRounds, juryScorecards, type JuryRoundRow } from './jury.table'

/**
 * The pipeline's inputs for a round: its criteria, options and every scorecard (the pipeline filters).
 * One row per scorecard, read as arrays (`rowMode: 'array'`), its scores as one text in criterion
 * order ("7,5,,9,6": empty for a criterion not scored): a round of 5,000 proposals × 40 jurors is
 * 200,000 cards, and full rows (comments, timestamps) as objects cost seconds; one text instead of a
 * float8 column per criterion leaves the driver fewer fields to parse (the query ~600 → ~470 ms;
 * bench/README.md, benchmark 3). With `marker`, the
 * same statement (one snapshot) also returns the cards digest of `inputsMarkerOf`, on one row only:
 * what is stored with a computation.
 */
export async function roundInputs(db: DbOrTx, round: JuryRoundRow, opts: { marker?: boolean } = {}) {
  const criteria = (await criteriaOf(db, round.id)).map(toDomainCriterion)
  const ids = criteria.map((k) => k.id)
  // ->> gives the stored JSON number's text, which Number() reads to the same double as a float8 cast would.
  const scoresText = ids.length > 0 ? sql`concat_ws(',', ${sql.join(ids.map((id) => sql`coalesce(scores -> ${id} ->> 'score', '')`), sql`, `)})` : sql`''`
  const digestColumn = opts.marker ? sql`case when row_number() over () = 1 then (${submittedCardsDigest(round.id)}) end` : sql`null`
  const rows = await queryDriver<(string | number | boolean | null)[]>(
    db,
    // uuid order is byte order, which for lowercase hex is the code-unit order the hash has always been taken in.
    sql`select member_id, proposal_id, status = 'submitted', ${digestColumn}, ${scoresText}
        from ${juryScorecards} where ${juryScorecards.roundId} = ${round.id} order by proposal_id, member_id`,
    { rowMode: 'array' },
  )
  const n = ids.length
  const scorecards: Scorecard[] = new Array(rows.length)
  let digest = EMPTY_DIGEST
  for (let r = 0; r < rows.length; r++) {
    const c = rows[r]!
    if (c[3] !== null) digest = c[3] as string
    const texts = (c[4] as string).split(',')
    const scores: Record<string, number | null> = {}
    for (let i = 0; i < n; i++) {
      const v = texts[i]
      scores[ids[i]!] = v === undefined || v === '' ? null : Number(v)
    }
    scorecards[r] = { jurorId: c[0] as string, proposalId: c[1] as string, submitted: c[2] === true, scores }
  }
  const options = { aggregation: round.aggregation, calibrate: round.calibrate, disagreementThreshold: round.disagreementThreshold, includeStability: true }
  // Only counted cards enter the hash: saving a draft does not make stored results stale.
  const inputsHash = inputsHashOf(criteria, options, scorecards.filter((s) => s.submitted), ids)
  return { criteria, scorecards, options, inputsHash, inputsMarker: inputsMarkerOf(criteria, options, digest) }
}

/**
 * A digest of the round's submitted cards: their number and the sum of a 64-bit hash of each card's
 * (id, version), order-free so that PostgreSQL needs no sort (a 200,000-card round: one scan, ~0.1–0.3 s,
 * against seconds for re-reading every card). Every write of a card bumps its version, a re-created card
 * gets a new id and neither ever returns to an earlier (id, version), so any change to the counted cards
 * changes a term of the sum; two changes cancelling out would need 64-bit hashes to collide exactly.
 */
const submittedCardsDigest = (roundId: string) =>
  sql`select count(*)::text || ':' || coalesce(sum(uuid_hash_extended(id, version)), 0)::text from jury_scorecards where round_id = ${roundId} and status = 'submitted'`
const EMPTY_DIGEST = '0:0'

/** The cheap "changed since computed" marker stored with a result: criteria and options as hashed, plus the cards digest. */
export function inputsMarkerOf(criteria: readonly Criterion[], options: object, cardsDigest: string): string {
  return createHash('sha256').update(canonicalJson({ criteria, options })).update(`\n${cardsDigest}`).digest('hex')
}

/**
 * Whether stored results are stale. The marker decides when nothing changed (the usual case); when it
 * differs (or an older result has none) the inputs hash decides, as it always did: a reopened card
 * resubmitted with the same scores leaves the results current.
 */
async function resultsStale(db: DbOrTx, round: JuryRoundRow, row: { inputsHash: string; inputsMarker: string | null }): Promise<boolean> {
  if (row.inputsMarker !== null) {
    const criteria = (await criteriaOf(db, round.id)).map(toDomainCriterion)
    const options = { aggregation: round.aggregation, calibrate: round.calibrate, disagreementThreshold: round.disagreementThreshold, includeStability: true }
    const [digest] = await queryDriver<[string]>(db, submittedCardsDigest(round.id), { rowMode: 'array' })
    if (inputsMarkerOf(criteria, options, digest?.[0] ?? EMPTY_DIGEST) === row.inputsMarker) return false
  }
  return (await roundInputs(db, round)).inputsHash !== row.inputsHash
}

/** Runs computeRoundResults on the round's scorecards and stores the outcome with its inputs hash. */
const assertResultsMayBeComputed = (round: JuryRoundRow) => {
  if (round.status !== 'deliberation' && round.status !== 'closed') throw juryErrors.roundState('Open deliberation first: results reveal the jurors’ scores.')
}

/** Computes and stores one round's results under the round's lock; the caller has checked who asks. */
async function storeRoundResults(tx: DbOrTx, round: JuryRoundRow, municipalityId: string, actorId: string) {
  assertResultsMayBeComputed(round)
  const { criteria, scorecards, options, inputsHash, inputsMarker } = await roundInputs(tx, round, { marker: true })
  if (criteria.length === 0) throw juryErrors.noResults('The round has no criteria.')
  const result = computeRoundResults({ criteria, scorecards, options })
  const [row] = await tx.insert(juryRoundResults).values({ roundId: round.id, result, inputsHash, inputsMarker, computedBy: actorId }).returning()
  await recordAudit(tx, { actorId, action: 'jury_results.computed', entityType: 'jury_round', entityId: round.id, organisationId: municipalityId, after: { resultId: row!.id, inputsHash } })
  return row!
}

export interface ResultsJob {
  roundId: string
  actorId: string
}

/**
 * The chair asks for results. Up to `backgroundFrom` scorecards they are computed in the request (201);
 * a larger round is handed to the job queue (202) — rank stability recomputes the ranking many times —
 * and the screen polls GET results until a newer computation appears.
 */
export async function computeResults(db: Database, actor: Actor, roundId: string, background?: { queue: JobQueue; backgroundFrom: number }) {
  const { round } = await authorizeRound(db, actor, roundId, 'round.run')
  assertResultsMayBeComputed(round)
  if (background) {
    const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(juryScorecards).where(eq(juryScorecards.roundId, roundId))
    if (n >= background.backgroundFrom) {
      // One computation per round at a time: a second click while one waits or runs gets that job.
      const pending = await findJobAbout(background.queue, QUEUES.juryResults, OPEN_JOB_STATES, 'roundId', roundId)
      if (pending) return { queued: true as const, jobId: pending.id }
      const jobId = await background.queue.send<ResultsJob>(QUEUES.juryResults, { roundId, actorId: actor.userId })
      return { queued: true as const, jobId }
    }
  }
  const stored = await db.transaction(async (tx) => {
    const access = await authorizeRound(tx, actor, roundId, 'round.run', { lock: 'update' })
    return storeRoundResults(tx, access.round, access.challenge.municipalityId, actor.userId)
  })
  return { queued: false as const, results: await getResults(db, actor, roundId, stored.id) }
}

/** The job: the chair's authority was checked when it was queued; the round's state is checked again. */
export async function computeResultsJob(db: Database, job: ResultsJob): Promise<void> {
  await db.transaction(async (tx) => {
    const [round] = await tx.select().from(juryRounds).where(eq(juryRounds.id, job.roundId)).for('update')
    if (!round) return
    const [challenge] = await tx.select({ municipalityId: challenges.municipalityId }).from(challenges).where(eq(challenges.id, round.challengeId))
    await storeRoundResults(tx, round, challenge!.municipalityId, job.actorId)
  })
}

async function latestResults(db: DbOrTx, roundId: string) {
  const [row] = await db.select().from(juryRoundResults).where(eq(juryRoundResults.roundId, roundId)).orderBy(desc(juryRoundResults.createdAt), desc(juryRoundResults.id)).limit(1)
  return row
}

/**
 * The latest computation (or a given one). A jury member never sees proposals they are conflicted
 * with, not even in the ranking; in a blind round titles are blinded for jury members.
 */
export async function getResults(db: Database, actor: Actor, roundId: string, resultId?: string) {
  const { round, member } = await authorizeRound(db, actor, roundId, 'results.read')
  const row = resultId ? (await db.select().from(juryRoundResults).where(and(eq(juryRoundResults.id, resultId), eq(juryRoundResults.roundId, roundId))))[0] : await latestResults(db, roundId)
  if (!row) throw juryErrors.noResults('No results have been computed for this round yet.')
  const blind = blindFor(round, member)
  // Blinded titles need every proposal's identity terms; otherwise ids and titles are all it takes.
  const visible = blind ? (await visibleProposalsOfRound(db, round, member)).visible : await visibleProposalTitlesOfRound(db, round, member)
  const allowed = new Set(visible.map((p) => p.id))
  const full = row.result as RoundResults
  const results: RoundResults = {
    ...full,
    proposals: full.proposals.filter((p) => allowed.has(p.proposalId)),
    unscoredProposalIds: full.unscoredProposalIds.filter((id) => allowed.has(id)),
    ignoredScorecardDetails: full.ignoredScorecardDetails.filter((d) => allowed.has(d.proposalId)),
  }
  const proposalTitles: Record<string, string> = {}
  for (const p of visible) proposalTitles[p.id] = blind ? redactIdentity({ value: p.title, hiddenKeys: [], identityTerms: await identityTerms(db, p as JuryProposal) }) : p.title
  return { id: row.id, roundId, computedAt: row.createdAt.toISOString(), inputsHash: row.inputsHash, stale: await resultsStale(db, round, row), results, proposalTitles }
}

/**
 * Moves the top N (or every proposal passing all thresholds) of this round's latest results into a
 * later round of the same challenge, and closes this round.
 */
export async function shortlistIntoNextRound(db: Database, actor: Actor, roundId: string, body: { nextRoundId: string; topN?: number }) {
  return db.transaction(async (tx) => {
    const { round, challenge } = await authorizeRound(tx, actor, roundId, 'round.run', { lock: 'update' })
    const [next] = await tx.select().from(juryRounds).where(and(eq(juryRounds.id, body.nextRoundId), eq(juryRounds.challengeId, round.challengeId))).for('update')
    if (!next) throw commonProblems.fieldInvalid('/nextRoundId', 'jury.round_unknown', 'Not a round of this challenge.')
    if (next.position <= round.position) throw commonProblems.fieldInvalid('/nextRoundId', 'jury.round_not_later', 'The next round must come after this one.')
    if (next.status !== 'setup') throw juryErrors.roundState('The next round has already started.')
    const latest = await latestResults(tx, roundId)
    if (!latest) throw juryErrors.noResults()
    const result = latest.result as RoundResults
    const ids = shortlist({ ranking: result.proposals, rule: body.topN !== undefined ? { kind: 'top_n', n: body.topN } : { kind: 'passing' } })
    await tx.delete(juryRoundProposals).where(eq(juryRoundProposals.roundId, next.id))
    if (ids.length > 0) await tx.insert(juryRoundProposals).values(ids.map((proposalId) => ({ roundId: next.id, proposalId })))
    await tx.update(juryRounds).set({ status: 'closed', version: round.version + 1, updatedAt: new Date() }).where(eq(juryRounds.id, roundId))
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_round.shortlisted', entityType: 'jury_round', entityId: roundId, organisationId: challenge.municipalityId, after: { nextRoundId: next.id, proposalIds: ids, resultId: latest.id, topN: body.topN ?? null } })
    return { nextRoundId: next.id, proposalIds: ids }
  })
}

const toDecision = (row: typeof juryDecisions.$inferSelect) => ({ challengeId: row.challengeId, winnerProposalIds: row.winnerProposalIds, motivation: row.motivation, version: row.version, updatedAt: row.updatedAt.toISOString() })

/** The chair records the winners and the motivation; the municipality publishes through the challenge lifecycle. */
export async function recordDecision(db: Database, actor: Actor, challengeId: string, body: RecordDecisionBody, now: Date) {
  return db.transaction(async (tx) => {
    const { challenge } = await authorizeJury(tx, actor, challengeId, 'round.run')
    const [before] = await tx.select().from(juryDecisions).where(eq(juryDecisions.challengeId, challengeId)).for('update')
    if ((before?.version ?? 0) !== body.version) throw commonProblems.staleVersion(before ? toDecision(before) : null)
    const status = challengeStatusAt(challenge, now)
    if (status === 'results_published' || status === 'archived') throw juryErrors.roundState('The results are already published; the decision can no longer change.')
    const evaluated = new Set((await tx.select({ proposalId: juryRoundProposals.proposalId }).from(juryRoundProposals).innerJoin(juryRounds, eq(juryRounds.id, juryRoundProposals.roundId)).where(eq(juryRounds.challengeId, challengeId))).map((r) => r.proposalId))
    const winners = [...new Set(body.winnerProposalIds)]
    const errors = body.winnerProposalIds.map((id, i) => ({ id, i })).filter(({ id }) => !evaluated.has(id)).map(({ i }) => ({ field: `/winnerProposalIds/${i}`, code: 'jury.proposal_not_evaluated', message: 'Not a proposal evaluated in this challenge.' }))
    if (errors.length > 0) throw commonProblems.validation(errors)
    const values = { winnerProposalIds: winners, motivation: body.motivation.trim(), decidedBy: actor.userId, updatedAt: new Date() }
    const [row] = before
      ? await tx.update(juryDecisions).set({ ...values, version: before.version + 1 }).where(eq(juryDecisions.challengeId, challengeId)).returning()
      : await tx.insert(juryDecisions).values({ ...values, challengeId }).onConflictDoNothing().returning()
    if (!row) throw commonProblems.staleVersion(null, 'A decision was recorded in the meantime. Reload to see it.')
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_decision.recorded', entityType: 'jury_decision', entityId: challengeId, organisationId: challenge.municipalityId, before: before ?? null, after: row })
    return toDecision(row!)
  })
}

/** Staff and the chair read the decision at any time; everyone may once the results are published. */
export async function getDecision(db: Database, actor: Actor | null, challengeId: string, now: Date) {
  const challenge = await getChallengeRow(db, challengeId)
  if (!challenge) throw juryErrors.notFound()
  const published = ['results_published', 'archived'].includes(challengeStatusAt(challenge, now))
  if (!published) {
    if (!actor) throw juryErrors.notFound()
    await authorizeJury(db, actor, challengeId, 'results.read')
  }
  const [row] = await db.select().from(juryDecisions).where(eq(juryDecisions.challengeId, challengeId))
  if (!row) throw juryErrors.notFound('No decision has been recorded.')
  if (!published) return toDecision(row)
  // Published results name the winners (the public page shows them); before that the ids suffice
  // and nothing here can undo a blind round for a chair.
  const found = row.winnerProposalIds.length > 0
    ? await db.select({ id: proposals.id, title: proposals.title, enterpriseName: organisations.name }).from(proposals).innerJoin(organisations, eq(organisations.id, proposals.leadEnterpriseId)).where(inArray(proposals.id, row.winnerProposalIds))
    : []
  const winners = row.winnerProposalIds.flatMap((id) => found.filter((f) => f.id === id).map((f) => ({ proposalId: f.id, title: f.title, enterpriseName: f.enterpriseName })))
  return { ...toDecision(row), winners }
}

/**
 * An applicant's feedback, for members of the lead enterprise once the results are published: per
 * round the mean score per criterion, the comments without juror names, and a rank band.
 */
export async function proposalFeedback(db: Database, actor: Actor, proposalId: string, now: Date) {
  const [proposal] = await db.select().from(proposals).where(eq(proposals.id, proposalId))
  const [membership] = proposal ? await db.select().from(memberships).where(and(eq(memberships.organisationId, proposal.leadEnterpriseId), eq(memberships.userId, actor.userId))) : []
  if (!proposal || !membership) throw juryErrors.notFound('No such proposal.')
  const challenge = await getChallengeRow(db, proposal.challengeId)
  if (!challenge || !['results_published', 'archived'].includes(challengeStatusAt(challenge, now))) throw juryErrors.resultsNotPublished()
  const roundIds = (await db.select({ roundId: juryRoundProposals.roundId }).from(juryRoundProposals).where(eq(juryRoundProposals.proposalId, proposalId))).map((r) => r.roundId)
  const rounds = roundIds.length > 0 ? await db.select().from(juryRounds).where(inArray(juryRounds.id, roundIds)).orderBy(juryRounds.position) : []
  const [decision] = await db.select().from(juryDecisions).where(eq(juryDecisions.challengeId, proposal.challengeId))
  const out = []
  for (const round of rounds) {
    const criteria = await criteriaOf(db, round.id)
    const cards = await db.select().from(juryScorecards).where(and(eq(juryScorecards.roundId, round.id), eq(juryScorecards.proposalId, proposalId), eq(juryScorecards.status, 'submitted')))
    const feedback = criterionFeedback({ criteria, scorecards: cards })
    const latest = await latestResults(db, round.id)
    const ranked = (latest?.result as RoundResults | undefined)?.proposals ?? []
    const mine = ranked.find((p) => p.proposalId === proposalId)
    out.push({
      roundId: round.id,
      name: round.name,
      rankBand: mine ? rankBand({ rank: mine.rank, ranked: ranked.length }) : null,
      criteria: criteria.map((c, i) => ({ criterionId: c.id, name: c.name, scaleMin: c.scaleMin, scaleMax: c.scaleMax, meanScore: feedback[i]!.meanScore, comments: feedback[i]!.comments })),
    })
  }
  return { proposalId, winner: decision?.winnerProposalIds.includes(proposalId) ?? false, rounds: out }
}
