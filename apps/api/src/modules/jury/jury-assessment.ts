import { asc, eq, inArray } from 'drizzle-orm'
import type { ChallengeAssessment } from '@opgave/contracts'
import type { DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { challengeErrors } from '../challenges/challenges.errors'
import { isMunicipalityStaff } from '../challenges/challenges.policy'
import { getChallengeRow, isChallengePublic, municipalityRole } from '../challenges/challenges.service'
import { juryCriteria, juryRounds, type JuryCriterionRow, type JuryRoundRow } from './jury.table'

type AssessmentRound = ChallengeAssessment['rounds'][number]

/**
 * What applicants may know of a round: how they are judged, not how the jury works inside; and whether its
 * criteria changed after `publishedAt`, when some may have read them already.
 */
export function toAssessmentRound(round: JuryRoundRow, criteria: readonly JuryCriterionRow[], publishedAt: Date | null): AssessmentRound {
  const changedAfterPublication = round.criteriaChangedAt !== null && publishedAt !== null && round.criteriaChangedAt > publishedAt
  return {
    id: round.id,
    position: round.position,
    kind: round.kind,
    name: round.name,
    blindReview: round.blindReview,
    criteriaChangedAt: changedAfterPublication ? round.criteriaChangedAt!.toISOString() : null,
    criteria: criteria
      .filter((c) => c.roundId === round.id)
      .map((c) => ({
        id: c.id,
        position: c.position,
        name: c.name,
        description: c.description,
        weight: c.weight,
        scaleMin: c.scaleMin,
        scaleMax: c.scaleMax,
        levelDescriptors: c.levelDescriptors,
        threshold: c.threshold,
        sdgGoals: c.sdgGoals,
        sdgTargets: c.sdgTargets,
      })),
  }
}

/**
 * How proposals to a challenge are judged, for its public page: visible with the challenge (anyone once
 * it is published, before that its municipality's staff), so every applicant knows the criteria and
 * their weights before writing. Two queries, whatever the number of rounds.
 */
export async function challengeAssessment(db: DbOrTx, actor: Actor | null, challengeId: string): Promise<ChallengeAssessment> {
  const challenge = await getChallengeRow(db, challengeId)
  if (!challenge) throw challengeErrors.notFound()
  if (!isChallengePublic(challenge) && !isMunicipalityStaff(actor, await municipalityRole(db, actor, challenge.municipalityId))) throw challengeErrors.notFound()
  const rounds = await db.select().from(juryRounds).where(eq(juryRounds.challengeId, challengeId)).orderBy(asc(juryRounds.position))
  const criteria =
    rounds.length === 0
      ? []
      : await db
          .select()
          .from(juryCriteria)
          .where(inArray(juryCriteria.roundId, rounds.map((r) => r.id)))
          .orderBy(asc(juryCriteria.position), asc(juryCriteria.createdAt), asc(juryCriteria.id))
  return { rounds: rounds.map((round) => toAssessmentRound(round, criteria, challenge.publishedAt)) }
}
