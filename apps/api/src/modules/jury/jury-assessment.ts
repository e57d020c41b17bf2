import { asc, inArray } from 'drizzle-orm'
import type { ChallengeAssessment } from '@opgave/contracts'
import type { DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { loadVisibleChallenge } from '../challenges/challenges.service'
import type { ChallengeRow } from '../challenges/challenges.table'
import { toCriterion } from './jury-rounds.service'
import { juryCriteria, juryRounds, type JuryCriterionRow, type JuryRoundRow } from './jury.table'

type AssessmentRound = ChallengeAssessment['rounds'][number]

/**
 * What applicants may know of a round: how they are judged, not how the jury works inside; and whether its
 * criteria changed after `publishedAt`, when some may have read them already.
 */
export function toAssessmentRound(round: JuryRoundRow, criteria: readonly JuryCriterionRow[], publishedAt: Date | null): AssessmentRound {
  const changedAt = round.criteriaChangedAt
  return {
    id: round.id,
    position: round.position,
    kind: round.kind,
    name: round.name,
    blindReview: round.blindReview,
    criteriaChangedAt: changedAt && publishedAt && changedAt > publishedAt ? changedAt.toISOString() : null,
    criteria: criteria
      .filter((c) => c.roundId === round.id)
      .map((c) => {
        const { roundId: _roundId, version: _version, ...shown } = toCriterion(c)
        return shown
      }),
  }
}

/**
 * The assessment of each given challenge, by id (no rounds: an empty list), in two queries for all of them.
 * Callers decide who may see which challenge; the challenge page and the open data read it.
 */
export async function assessmentsOf(db: DbOrTx, challenges: readonly Pick<ChallengeRow, 'id' | 'publishedAt'>[]): Promise<Map<string, AssessmentRound[]>> {
  const assessments = new Map(challenges.map((c) => [c.id, [] as AssessmentRound[]]))
  if (challenges.length === 0) return assessments
  const rounds = await db.select().from(juryRounds).where(inArray(juryRounds.challengeId, [...assessments.keys()])).orderBy(asc(juryRounds.position))
  const criteria =
    rounds.length === 0
      ? []
      : await db
          .select()
          .from(juryCriteria)
          .where(inArray(juryCriteria.roundId, rounds.map((r) => r.id)))
          .orderBy(asc(juryCriteria.position), asc(juryCriteria.createdAt), asc(juryCriteria.id))
  const publishedAt = new Map(challenges.map((c) => [c.id, c.publishedAt]))
  for (const round of rounds) assessments.get(round.challengeId)!.push(toAssessmentRound(round, criteria, publishedAt.get(round.challengeId) ?? null))
  return assessments
}

/**
 * How proposals to a challenge are judged, for its public page: visible with the challenge (anyone once
 * it is published, before that its municipality's staff), so every applicant knows the criteria and
 * their weights before writing.
 */
export async function challengeAssessment(db: DbOrTx, actor: Actor | null, challengeId: string): Promise<ChallengeAssessment> {
  const { row } = await loadVisibleChallenge(db, actor, challengeId)
  return { rounds: (await assessmentsOf(db, [row])).get(row.id)! }
}
