import { and, eq } from 'drizzle-orm'
import type { JuryAssignmentOverview, SwapJurorBody } from '@opgave/contracts'
import { assignJurors, explainAssignment, matchDetails, redactIdentity, statusAfterJuryAssignment, wholePanelAssignment, type AssignmentJuror, type AssignmentProposal, type JurorProposalPair } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { findJobAbout, OPEN_JOB_STATES, QUEUES, type JobQueue } from '../../jobs/queue'
import { recordAudit } from '../audit/audit.service'
import { challengeStatusAt } from '../challenges/challenges.service'
import { authorizeRound } from './jury.access'
import { juryErrors } from './jury.errors'
import { assignmentGoals, conflictMap, identityTerms, isConflicted, submittedProposalsOf, type JuryProposal } from './jury.proposals'
import { activeMembers, blindFor, proposalsOfRound, visibleProposalsOfRound } from './jury-round-proposals'
import { juryAssignments, juryRoundProposals, juryRounds, juryScorecards, type JuryMemberRow, type JuryRoundRow } from './jury.table'
import { challenges, type ChallengeRow } from '../challenges/challenges.table'
import { notifyFollowersAndApplicants } from '../challenges/challenges.followers'

interface SolverInputs {
  proposals: AssignmentProposal[]
  jurors: AssignmentJuror[]
  conflicts: JurorProposalPair[]
}

async function solverInputs(tx: DbOrTx, round: JuryRoundRow, challenge: ChallengeRow, proposals: JuryProposal[], members: JuryMemberRow[]): Promise<SolverInputs> {
  const map = await conflictMap(tx, round.challengeId, proposals)
  const conflicts: JurorProposalPair[] = []
  for (const [jurorId, inner] of map) for (const proposalId of inner.keys()) conflicts.push({ jurorId, proposalId })
  return {
    proposals: proposals.map((p) => ({ id: p.id, sdgGoals: assignmentGoals(p, challenge.sdgGoals) })),
    jurors: members.map((m) => ({ id: m.id, sdgExpertise: m.sdgExpertise, maxLoad: round.kind === 'pitch' ? proposals.length : round.maxLoad })),
    conflicts,
  }
}

/**
 * The proposals a round evaluates are fixed when it is assigned: round 1 takes every submitted
 * proposal (after the deadline nothing changes any more), later rounds what the shortlist put there.
 */
async function settleRoundProposals(tx: DbOrTx, round: JuryRoundRow): Promise<JuryProposal[]> {
  if (round.position === 1) {
    const submitted = await submittedProposalsOf(tx, round.challengeId)
    await tx.delete(juryRoundProposals).where(eq(juryRoundProposals.roundId, round.id))
    if (submitted.length > 0) await tx.insert(juryRoundProposals).values(submitted.map((p) => ({ roundId: round.id, proposalId: p.id })))
  }
  return proposalsOfRound(tx, round.id)
}

/**
 * Runs the optimal assignment (written rounds: k jurors per proposal, at most L each, no conflicts,
 * best SDG match) or gives the whole panel every proposal (pitch rounds). Pairs the chair set by
 * hand are kept. Refused once scoring has started: scorecards would lose their proposal.
 */
export async function runAssignment(db: Database, actor: Actor, roundId: string, now: Date): Promise<JuryAssignmentOverview> {
  return db.transaction(async (tx) => {
    const { round, challenge, member } = await authorizeRound(tx, actor, roundId, 'round.run', { lock: 'update' })
    assertAssignmentPossible(challenge, round, now)
    const status = challengeStatusAt(challenge, now)
    const [started] = await tx.select({ id: juryScorecards.id }).from(juryScorecards).where(and(eq(juryScorecards.roundId, roundId), eq(juryScorecards.hasScores, true))).limit(1)
    if (started) throw juryErrors.scoringStarted('Scoring has started; change single pairs with a swap instead.')
    const proposals = await settleRoundProposals(tx, round)
    if (proposals.length === 0) throw juryErrors.noProposals(round.position === 1 ? 'No submitted proposals.' : 'Shortlist proposals into this round first.')
    const members = await activeMembers(tx, round.challengeId)
    const inputs = await solverInputs(tx, round, challenge, proposals, members)
    const manual = await tx.select().from(juryAssignments).where(and(eq(juryAssignments.roundId, roundId), eq(juryAssignments.manual, true)))
    // Hand-made pairs are kept unless they no longer can be: proposal left the round, juror left the
    // jury, or a conflict arose since (e.g. the juror joined the proposing enterprise).
    const conflicted = new Set(inputs.conflicts.map((c) => `${c.jurorId}:${c.proposalId}`))
    const fixed = manual
      .filter((m) => inputs.proposals.some((p) => p.id === m.proposalId) && inputs.jurors.some((j) => j.id === m.memberId) && !conflicted.has(`${m.memberId}:${m.proposalId}`))
      .map((m) => ({ jurorId: m.memberId, proposalId: m.proposalId }))

    let pairs: { proposalId: string; jurorId: string }[]
    if (round.kind === 'pitch') {
      const panel = wholePanelAssignment({ proposalIds: inputs.proposals.map((p) => p.id), jurorIds: inputs.jurors.map((j) => j.id), conflicts: inputs.conflicts })
      if (!panel.ok) throw juryErrors.assignmentInfeasible(panel.message, 'conflicts', { proposalIds: panel.proposalIds })
      pairs = panel.assignments
    } else {
      const result = assignJurors({ ...inputs, k: round.jurorsPerProposal, fixed })
      if (!result.ok) throw juryErrors.assignmentInfeasible(result.message, result.reason, result.details)
      pairs = result.assignments
    }
    const explanation = explainAssignment({ ...inputs, assignments: pairs, fixed, k: round.kind === 'pitch' ? undefined : round.jurorsPerProposal })
    const before = await tx.delete(juryAssignments).where(eq(juryAssignments.roundId, roundId)).returning()
    await tx.delete(juryScorecards).where(eq(juryScorecards.roundId, roundId)) // only empty drafts can exist here
    const fixedKeys = new Set(fixed.map((f) => `${f.jurorId}:${f.proposalId}`))
    await tx.insert(juryAssignments).values(
      explanation.pairs.map((p) => ({ roundId, proposalId: p.proposalId, memberId: p.jurorId, matchScore: p.matchScore, sharedGoals: p.sharedGoals, manual: fixedKeys.has(`${p.jurorId}:${p.proposalId}`), explanation: p })),
    )
    const [updated] = await tx.update(juryRounds).set({ status: 'scoring', version: round.version + 1, updatedAt: new Date() }).where(eq(juryRounds.id, roundId)).returning()
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'jury_assignment.computed',
      entityType: 'jury_round',
      entityId: roundId,
      organisationId: challenge.municipalityId,
      before: before.map((b) => ({ proposalId: b.proposalId, memberId: b.memberId })),
      after: { pairs: pairs.length, fixed: fixed.length, valid: explanation.valid },
    })
    await startEvaluation(tx, actor, challenge, status, now)
    return overview(tx, updated!, member, [])
  })
}

/**
 * The first assignment starts the evaluation: a closed challenge moves to `in_evaluation` (audited and
 * announced like the municipality's own step). The version guard leaves a concurrent change alone.
 */
async function startEvaluation(tx: DbOrTx, actor: Actor, challenge: ChallengeRow, effective: ReturnType<typeof challengeStatusAt>, now: Date) {
  const next = statusAfterJuryAssignment(effective)
  if (next === null) return
  const [moved] = await tx
    .update(challenges)
    .set({ status: next, version: challenge.version + 1, updatedAt: now })
    .where(and(eq(challenges.id, challenge.id), eq(challenges.version, challenge.version)))
    .returning()
  if (!moved) return
  await recordAudit(tx, {
    actorId: actor.userId,
    action: 'challenge.startEvaluation',
    entityType: 'challenge',
    entityId: challenge.id,
    organisationId: challenge.municipalityId,
    before: { status: challenge.status, effectiveStatus: effective, version: challenge.version },
    after: { status: moved.status, version: moved.version, reason: 'jury_assignment' },
  })
  await notifyFollowersAndApplicants(tx, challenge.id, `Uitdaging wordt nu beoordeeld door de jury: ${moved.title}`, `De uitdaging "${moved.title}" wordt nu beoordeeld door de jury.`)
}

async function overview(tx: DbOrTx, round: JuryRoundRow, member: JuryMemberRow | null, warnings: string[]): Promise<JuryAssignmentOverview> {
  const { visible } = await visibleProposalsOfRound(tx, round, member)
  const byId = new Map(visible.map((p) => [p.id, p]))
  const rows = await tx.select().from(juryAssignments).where(eq(juryAssignments.roundId, round.id))
  const shown = rows.filter((r) => byId.has(r.proposalId))
  const blind = blindFor(round, member)
  const titles = new Map<string, string>()
  for (const p of visible) titles.set(p.id, blind ? redactIdentity({ value: p.title, hiddenKeys: [], identityTerms: await identityTerms(tx, p) }) : p.title)
  const load = new Map<string, number>()
  for (const r of rows) load.set(r.memberId, (load.get(r.memberId) ?? 0) + 1)
  const maxLoad = round.kind === 'pitch' ? Math.max(visible.length, 1) : round.maxLoad
  const members = await activeMembers(tx, round.challengeId)
  const capacityWarnings: string[] = []
  if (round.kind === 'written' && round.status === 'setup') {
    // Before the first run the chair is warned early when the numbers cannot work out.
    const count = visible.length > 0 || round.position > 1 ? visible.length : (await submittedProposalsOf(tx, round.challengeId)).length
    const needed = round.jurorsPerProposal * count
    const capacity = members.length * Math.min(round.maxLoad, count)
    if (needed > capacity) capacityWarnings.push(`${count} proposals × k = ${round.jurorsPerProposal} need ${needed} reviews, but ${members.length} jurors × L = ${round.maxLoad} give at most ${capacity}.`)
    if (round.jurorsPerProposal > members.length) capacityWarnings.push(`k = ${round.jurorsPerProposal} is more than the ${members.length} active jurors.`)
  }
  return {
    roundId: round.id,
    assignments: shown
      .map((r) => ({ proposalId: r.proposalId, proposalTitle: titles.get(r.proposalId) ?? '', memberId: r.memberId, matchScore: r.matchScore, sharedGoals: r.sharedGoals, manual: r.manual, explanation: r.explanation }))
      .sort((a, b) => a.proposalTitle.localeCompare(b.proposalTitle) || a.proposalId.localeCompare(b.proposalId) || a.memberId.localeCompare(b.memberId)),
    loadPerJuror: members.map((m) => ({ memberId: m.id, load: load.get(m.id) ?? 0, maxLoad })),
    warnings: [
      ...warnings,
      ...capacityWarnings,
      ...members.filter((m) => (load.get(m.id) ?? 0) > maxLoad).map((m) => `Juror ${m.id} has ${load.get(m.id)} proposals, more than the maximum of ${maxLoad}.`),
    ],
  }
}

export async function getAssignments(db: Database, actor: Actor, roundId: string, queue?: JobQueue): Promise<JuryAssignmentOverview> {
  const { round, member } = await authorizeRound(db, actor, roundId, 'round.read_progress')
  const result = await overview(db, round, member, [])
  const background = queue ? await backgroundState(queue, round) : undefined
  return background ? { ...result, background } : result
}

export interface AssignmentJob {
  roundId: string
  actorId: string
  isPlatformAdmin: boolean
}

/** A waiting or running job for this round, or the last one that failed since the round last changed. */
async function backgroundState(queue: JobQueue, round: JuryRoundRow): Promise<JuryAssignmentOverview['background']> {
  const open = await findJobAbout(queue, QUEUES.juryAssignment, OPEN_JOB_STATES, 'roundId', round.id)
  if (open) return { state: open.state === 'active' ? 'running' : 'queued', message: null }
  const failed = await findJobAbout(queue, QUEUES.juryAssignment, ['failed'], 'roundId', round.id)
  if (failed && (failed.finishedAt ?? failed.createdAt) > round.updatedAt) return { state: 'failed', message: failed.error }
  return undefined
}

/**
 * Written rounds with at least `fromPairs` juror × proposal pairs are assigned by a background job:
 * the preconditions are checked here (so the chair hears about them at once), the solving happens in the
 * job, and the screen polls the overview's `background` state. Smaller rounds are assigned in the request.
 */
export async function requestAssignment(db: Database, actor: Actor, roundId: string, now: Date, background: { queue: JobQueue; fromPairs: number }) {
  const { round, challenge } = await authorizeRound(db, actor, roundId, 'round.run')
  if (round.kind === 'written') {
    const proposals = round.position === 1 ? (await submittedProposalsOf(db, round.challengeId)).length : (await proposalsOfRound(db, round.id)).length
    const jurors = (await activeMembers(db, round.challengeId)).length
    if (proposals * jurors >= background.fromPairs) {
      assertAssignmentPossible(challenge, round, now)
      const pending = await findJobAbout(background.queue, QUEUES.juryAssignment, OPEN_JOB_STATES, 'roundId', roundId)
      if (pending) return { queued: true as const, jobId: pending.id }
      const jobId = await background.queue.send<AssignmentJob>(QUEUES.juryAssignment, { roundId, actorId: actor.userId, isPlatformAdmin: actor.isPlatformAdmin })
      return { queued: true as const, jobId }
    }
  }
  return { queued: false as const, overview: await runAssignment(db, actor, roundId, now) }
}

/** The job: runs the assignment as the chair who asked (their rights are checked again); a refusal fails the job with its message. */
export async function runAssignmentJob(db: Database, job: AssignmentJob, now: Date): Promise<void> {
  await runAssignment(db, { userId: job.actorId, sessionId: 'background-job', isPlatformAdmin: job.isPlatformAdmin }, job.roundId, now)
}

function assertAssignmentPossible(challenge: ChallengeRow, round: JuryRoundRow, now: Date) {
  const status = challengeStatusAt(challenge, now)
  if (status !== 'closed' && status !== 'in_evaluation') throw juryErrors.challengeNotClosed(`The challenge is ${status}; proposals are evaluated after the submission deadline.`)
  if (round.status !== 'setup' && round.status !== 'scoring') throw juryErrors.roundState('Assignment is possible while the round is in setup or scoring.')
}

/**
 * The chair replaces one juror on one proposal. Never onto a conflict; beyond the juror's maximum
 * load only when the chair says so explicitly (and the overview then warns). A juror who already
 * scored the proposal is not swapped out: their work would silently disappear.
 */
export async function swapJuror(db: Database, actor: Actor, roundId: string, body: SwapJurorBody): Promise<JuryAssignmentOverview> {
  return db.transaction(async (tx) => {
    const { round, challenge, member } = await authorizeRound(tx, actor, roundId, 'round.run', { lock: 'update' })
    if (round.status !== 'scoring') throw juryErrors.roundState('Swaps are possible while the round is being scored.')
    const { visible, conflicts } = await visibleProposalsOfRound(tx, round, member)
    if (!visible.some((p) => p.id === body.proposalId)) throw juryErrors.notFound('No such proposal in this round.')
    const members = await activeMembers(tx, round.challengeId)
    const incoming = members.find((m) => m.id === body.addMemberId)
    if (!incoming) throw juryErrors.notFound('No such active jury member.')
    const rows = await tx.select().from(juryAssignments).where(eq(juryAssignments.roundId, roundId))
    const outgoing = rows.find((r) => r.proposalId === body.proposalId && r.memberId === body.removeMemberId)
    if (!outgoing) throw juryErrors.notAssigned('The juror to replace is not assigned to this proposal.')
    if (rows.some((r) => r.proposalId === body.proposalId && r.memberId === body.addMemberId)) throw juryErrors.alreadyAssigned()
    if (isConflicted(conflicts, incoming.id, body.proposalId)) throw juryErrors.conflictOfInterest('The juror you chose has a conflict of interest with this proposal.')
    const [scored] = await tx
      .select({ id: juryScorecards.id })
      .from(juryScorecards)
      .where(and(eq(juryScorecards.roundId, roundId), eq(juryScorecards.proposalId, body.proposalId), eq(juryScorecards.memberId, body.removeMemberId), eq(juryScorecards.hasScores, true)))
    if (scored) throw juryErrors.scoringStarted('This juror has already scored the proposal.')
    const load = rows.filter((r) => r.memberId === incoming.id).length
    const warnings: string[] = []
    if (round.kind === 'written' && load + 1 > round.maxLoad) {
      if (!body.allowOverload) throw juryErrors.maxLoadExceeded(`This juror already has ${load} proposals (maximum ${round.maxLoad}). Confirm to exceed it.`)
      warnings.push(`The swap gives this juror ${load + 1} proposals, above the maximum of ${round.maxLoad}.`)
    }
    await tx.delete(juryScorecards).where(and(eq(juryScorecards.roundId, roundId), eq(juryScorecards.proposalId, body.proposalId), eq(juryScorecards.memberId, body.removeMemberId)))
    await tx.delete(juryAssignments).where(and(eq(juryAssignments.roundId, roundId), eq(juryAssignments.proposalId, body.proposalId), eq(juryAssignments.memberId, body.removeMemberId)))
    const proposal = visible.find((p) => p.id === body.proposalId)!
    const match = matchDetails({ sdgGoals: assignmentGoals(proposal, challenge.sdgGoals), sdgExpertise: incoming.sdgExpertise })
    await tx.insert(juryAssignments).values({
      roundId,
      proposalId: body.proposalId,
      memberId: incoming.id,
      matchScore: match.matchScore,
      sharedGoals: match.sharedGoals,
      manual: true,
      explanation: { proposalId: body.proposalId, jurorId: incoming.id, matchScore: match.matchScore, sharedGoals: match.sharedGoals, jurorLoad: load + 1, jurorMaxLoad: round.maxLoad, conflictFree: true, fixed: true, swappedFor: body.removeMemberId },
    })
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'jury_assignment.swapped',
      entityType: 'jury_round',
      entityId: roundId,
      organisationId: challenge.municipalityId,
      before: { proposalId: body.proposalId, memberId: body.removeMemberId },
      after: { proposalId: body.proposalId, memberId: incoming.id, overload: warnings.length > 0 },
    })
    return overview(tx, round, member, warnings)
  })
}
