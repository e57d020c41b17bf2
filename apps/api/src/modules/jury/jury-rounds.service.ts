import { and, asc, eq, max, sql } from 'drizzle-orm'
import type { CreateJuryCriterionBody, CreateJuryRoundBody, JuryCriterion, JuryRound, UpdateJuryCriterionBody, UpdateJuryRoundBody } from '@opgave/contracts'
import { validateCriterion, validateSdgSelection } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { challengeCalendarUrl, challengeUrl, isChallengePublic } from '../challenges/challenges.service'
import { publishChallengeChange } from '../challenges/challenges.amendments'
import { criteriaChanges, criterionChange, type CriterionChange } from '../challenges/challenge-changes'
import type { ChallengeRow } from '../challenges/challenges.table'
import { authorizeJury, authorizeRound } from './jury.access'
import { juryErrors } from './jury.errors'
import { juryCriteria, juryRounds, juryScorecards, type JuryCriterionRow, type JuryRoundRow } from './jury.table'

export const toCriterion = (row: JuryCriterionRow): JuryCriterion => ({
  id: row.id,
  roundId: row.roundId,
  position: row.position,
  name: row.name,
  description: row.description,
  weight: row.weight,
  scaleMin: row.scaleMin,
  scaleMax: row.scaleMax,
  levelDescriptors: row.levelDescriptors,
  threshold: row.threshold,
  sdgGoals: row.sdgGoals,
  sdgTargets: row.sdgTargets,
  version: row.version,
})

export async function criteriaOf(db: DbOrTx, roundId: string): Promise<JuryCriterionRow[]> {
  return db.select().from(juryCriteria).where(eq(juryCriteria.roundId, roundId)).orderBy(asc(juryCriteria.position), asc(juryCriteria.createdAt), asc(juryCriteria.id))
}

/** Scoring has started once any scorecard of the round holds a score: criteria are frozen from then on. */
export async function criteriaLocked(db: DbOrTx, roundId: string): Promise<boolean> {
  const [row] = await db.select({ id: juryScorecards.id }).from(juryScorecards).where(and(eq(juryScorecards.roundId, roundId), eq(juryScorecards.hasScores, true))).limit(1)
  return row !== undefined
}

async function toRound(db: DbOrTx, row: JuryRoundRow): Promise<JuryRound> {
  return {
    id: row.id,
    challengeId: row.challengeId,
    position: row.position,
    kind: row.kind,
    name: row.name,
    blindReview: row.blindReview,
    calibrate: row.calibrate,
    aggregation: row.aggregation,
    disagreementThreshold: row.disagreementThreshold,
    jurorsPerProposal: row.jurorsPerProposal,
    maxLoad: row.maxLoad,
    status: row.status,
    deliberationOpenedAt: row.deliberationOpenedAt?.toISOString() ?? null,
    criteriaLocked: await criteriaLocked(db, row.id),
    criteria: (await criteriaOf(db, row.id)).map(toCriterion),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export async function createRound(db: Database, actor: Actor, challengeId: string, body: CreateJuryRoundBody): Promise<JuryRound> {
  return db.transaction(async (tx) => {
    const { challenge } = await authorizeJury(tx, actor, challengeId, 'round.manage')
    // Serialise position choice per challenge so two new rounds cannot both become round n.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`jury_rounds:${challengeId}`}))`)
    const [last] = await tx.select({ position: max(juryRounds.position) }).from(juryRounds).where(eq(juryRounds.challengeId, challengeId))
    const [row] = await tx
      .insert(juryRounds)
      .values({
        challengeId,
        position: (last?.position ?? 0) + 1,
        kind: body.kind,
        name: body.name.trim(),
        blindReview: body.blindReview ?? false,
        calibrate: body.calibrate ?? false,
        aggregation: body.aggregation ?? 'mean',
        disagreementThreshold: body.disagreementThreshold ?? 15,
        jurorsPerProposal: body.jurorsPerProposal ?? 3,
        maxLoad: body.maxLoad ?? 10,
      })
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_round.created', entityType: 'jury_round', entityId: row!.id, organisationId: challenge.municipalityId, after: row })
    return toRound(tx, row!)
  })
}

export async function listRounds(db: Database, actor: Actor, challengeId: string): Promise<JuryRound[]> {
  await authorizeJury(db, actor, challengeId, 'round.read')
  const rows = await db.select().from(juryRounds).where(eq(juryRounds.challengeId, challengeId)).orderBy(asc(juryRounds.position))
  return Promise.all(rows.map((r) => toRound(db, r)))
}

export async function getRound(db: Database, actor: Actor, roundId: string): Promise<JuryRound> {
  const { round } = await authorizeRound(db, actor, roundId, 'round.read')
  return toRound(db, round)
}

export async function updateRound(db: Database, actor: Actor, roundId: string, body: UpdateJuryRoundBody): Promise<JuryRound> {
  return db.transaction(async (tx) => {
    const { round, challenge } = await authorizeRound(tx, actor, roundId, 'round.manage', { lock: 'update' })
    if (round.version !== body.version) throw commonProblems.staleVersion(await toRound(tx, round))
    if (round.status === 'closed') throw juryErrors.roundState('A closed round can no longer be changed.')
    // Blind review decides what jurors have already seen, and k/L what was assigned: fixed after setup.
    for (const key of ['blindReview', 'jurorsPerProposal', 'maxLoad'] as const) {
      if (body[key] !== undefined && body[key] !== round[key] && round.status !== 'setup') {
        throw juryErrors.roundState(`${key} can be changed only before the jurors are assigned.`, [{ field: `/${key}`, code: 'jury.round_state', message: 'Fixed once jurors are assigned.' }])
      }
    }
    const { version: _version, ...changes } = body
    const [row] = await tx
      .update(juryRounds)
      .set({ ...changes, ...(changes.name !== undefined ? { name: changes.name.trim() } : {}), version: round.version + 1, updatedAt: new Date() })
      .where(eq(juryRounds.id, roundId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_round.updated', entityType: 'jury_round', entityId: roundId, organisationId: challenge.municipalityId, before: round, after: row })
    return toRound(tx, row!)
  })
}

type CriterionValues = Omit<CreateJuryCriterionBody, 'position'> & { scaleMin: number; scaleMax: number; levelDescriptors: { score: number; description: string }[]; threshold: number | null; sdgGoals: number[]; sdgTargets: string[] }

function assertValidCriterion(v: CriterionValues) {
  const errors: { field: string; code: string; message: string }[] = validateCriterion(v).map((p) => ({ field: p.field, code: p.code, message: p.message }))
  for (const p of validateSdgSelection({ goals: v.sdgGoals, targets: v.sdgTargets })) {
    errors.push({ field: `/${p.field === 'goals' ? 'sdgGoals' : 'sdgTargets'}/${p.index}`, code: p.code, message: `${p.code.replace('sdg.', '').replaceAll('_', ' ')}: ${p.value}` })
  }
  if (errors.length > 0) throw commonProblems.validation(errors, 'The criterion has invalid fields.')
}

/** The server's clock and the public address, for recording and announcing a change of criteria. */
export interface CriteriaChangeDeps {
  now: () => Date
  publicUrl: string
}

/**
 * A criterion of the round was added, changed or removed: the round records when (the challenge page shows
 * a change made after publication), and once the challenge is public its followers are told, as for any
 * change to the challenge (applicants write against these criteria): in its public change log and the one
 * mail that gathers changes.
 */
async function criteriaChanged(tx: DbOrTx, deps: CriteriaChangeDeps, round: JuryRoundRow, challenge: ChallengeRow, change: CriterionChange) {
  await tx.update(juryRounds).set({ criteriaChangedAt: deps.now() }).where(eq(juryRounds.id, round.id))
  if (!isChallengePublic(challenge)) return
  await publishChallengeChange(tx, challenge.id, criteriaChanges(challenge.title, challengeUrl(deps, challenge.id), challengeCalendarUrl(deps, challenge.id), change), deps.now())
}

async function lockedGuard(tx: DbOrTx, round: JuryRoundRow) {
  if (await criteriaLocked(tx, round.id)) throw juryErrors.criteriaLocked('Scoring has started in this round, so its criteria can no longer change: every juror must score against the same criteria.')
}

export async function createCriterion(db: Database, deps: CriteriaChangeDeps, actor: Actor, roundId: string, body: CreateJuryCriterionBody): Promise<JuryCriterion> {
  return db.transaction(async (tx) => {
    const { round, challenge } = await authorizeRound(tx, actor, roundId, 'round.manage', { lock: 'update' })
    await lockedGuard(tx, round)
    const values: CriterionValues = {
      name: body.name.trim(),
      description: body.description ?? '',
      weight: body.weight,
      scaleMin: body.scaleMin ?? 0,
      scaleMax: body.scaleMax ?? 10,
      levelDescriptors: [...(body.levelDescriptors ?? [])].sort((a, b) => a.score - b.score),
      threshold: body.threshold ?? null,
      sdgGoals: body.sdgGoals ?? [],
      sdgTargets: body.sdgTargets ?? [],
    }
    assertValidCriterion(values)
    const [last] = await tx.select({ position: max(juryCriteria.position) }).from(juryCriteria).where(eq(juryCriteria.roundId, roundId))
    const [row] = await tx
      .insert(juryCriteria)
      .values({ ...values, roundId, position: body.position ?? (last?.position ?? -1) + 1 })
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_criterion.created', entityType: 'jury_criterion', entityId: row!.id, organisationId: challenge.municipalityId, after: row })
    await criteriaChanged(tx, deps, round, challenge, criterionChange(round.name, null, row!))
    return toCriterion(row!)
  })
}

async function loadCriterion(tx: DbOrTx, roundId: string, criterionId: string) {
  const [row] = await tx.select().from(juryCriteria).where(and(eq(juryCriteria.id, criterionId), eq(juryCriteria.roundId, roundId))).for('update')
  if (!row) throw juryErrors.notFound('No such criterion in this round.')
  return row
}

export async function updateCriterion(db: Database, deps: CriteriaChangeDeps, actor: Actor, roundId: string, criterionId: string, body: UpdateJuryCriterionBody): Promise<JuryCriterion> {
  return db.transaction(async (tx) => {
    const { round, challenge } = await authorizeRound(tx, actor, roundId, 'round.manage', { lock: 'update' })
    const before = await loadCriterion(tx, roundId, criterionId)
    if (before.version !== body.version) throw commonProblems.staleVersion(toCriterion(before))
    await lockedGuard(tx, round)
    const { version: _v, position, ...rest } = body
    const values: CriterionValues = {
      name: rest.name?.trim() ?? before.name,
      description: rest.description ?? before.description,
      weight: rest.weight ?? before.weight,
      scaleMin: rest.scaleMin ?? before.scaleMin,
      scaleMax: rest.scaleMax ?? before.scaleMax,
      levelDescriptors: [...(rest.levelDescriptors ?? before.levelDescriptors)].sort((a, b) => a.score - b.score),
      threshold: rest.threshold !== undefined ? rest.threshold : before.threshold,
      sdgGoals: rest.sdgGoals ?? before.sdgGoals,
      sdgTargets: rest.sdgTargets ?? before.sdgTargets,
    }
    assertValidCriterion(values)
    const [row] = await tx
      .update(juryCriteria)
      .set({ ...values, position: position ?? before.position, version: before.version + 1, updatedAt: new Date() })
      .where(eq(juryCriteria.id, criterionId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_criterion.updated', entityType: 'jury_criterion', entityId: criterionId, organisationId: challenge.municipalityId, before, after: row })
    await criteriaChanged(tx, deps, round, challenge, criterionChange(round.name, before, row!))
    return toCriterion(row!)
  })
}

export async function deleteCriterion(db: Database, deps: CriteriaChangeDeps, actor: Actor, roundId: string, criterionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { round, challenge } = await authorizeRound(tx, actor, roundId, 'round.manage', { lock: 'update' })
    const before = await loadCriterion(tx, roundId, criterionId)
    await lockedGuard(tx, round)
    await tx.delete(juryCriteria).where(eq(juryCriteria.id, criterionId))
    await recordAudit(tx, { actorId: actor.userId, action: 'jury_criterion.deleted', entityType: 'jury_criterion', entityId: criterionId, organisationId: challenge.municipalityId, before })
    await criteriaChanged(tx, deps, round, challenge, criterionChange(round.name, before, null))
  })
}
