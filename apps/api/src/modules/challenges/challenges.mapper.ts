import { and, asc, eq, sql } from 'drizzle-orm'
import type { Challenge, ChallengeSummary, ChallengeTransition, MembershipRole } from '@opgave/contracts'
import { budgetTotalCents, canTransitionChallenge, centsToEuros, renderMarkdown, type ChallengeAction as LifecycleAction } from '@opgave/domain'
import type { DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { organisations } from '../organisations/organisations.table'
import { challengeStatusAt } from './challenges.access'
import { canOnChallenges } from './challenges.policy'
import { challengeBudgetLines, challengeFollowers, challenges, type ChallengeRow } from './challenges.table'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** API step name → lifecycle action of the domain. `close` is not offered: closing happens by the clock. */
export const TRANSITIONS: Record<ChallengeTransition, LifecycleAction> = {
  publish: 'publish',
  startEvaluation: 'startEvaluation',
  decide: 'decide',
  publishResults: 'publishResults',
  archive: 'archive',
}

export interface MunicipalityRef {
  id: string
  name: string
  slug: string
}

/** The columns a summary reads: lists select only these (not the long texts or the search vector). */
export const summaryColumns = {
  id: challenges.id,
  slug: challenges.slug,
  title: challenges.title,
  summary: challenges.summary,
  status: challenges.status,
  sdgGoals: challenges.sdgGoals,
  eligibleEnterpriseKinds: challenges.eligibleEnterpriseKinds,
  reservedArt282: challenges.reservedArt282,
  contractKind: challenges.contractKind,
  contractValueCents: challenges.contractValueCents,
  questionsDeadline: challenges.questionsDeadline,
  submissionDeadline: challenges.submissionDeadline,
  publishedAt: challenges.publishedAt,
  version: challenges.version,
  updatedAt: challenges.updatedAt,
}
/** The sum of a challenge's budget lines in cents, as a column of a list query (indexed lookup per row). */
export const budgetTotalCentsSql = sql<number>`coalesce((select sum(${challengeBudgetLines.amountCents}) from ${challengeBudgetLines} where ${challengeBudgetLines.challengeId} = ${challenges.id}), 0)`.mapWith(Number)

export type ChallengeSummaryRow = Pick<ChallengeRow, keyof typeof summaryColumns>

export function toChallengeSummary(row: ChallengeSummaryRow, municipality: MunicipalityRef, budgetTotal: number, now: Date): ChallengeSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    status: challengeStatusAt(row, now),
    municipality,
    sdgGoals: row.sdgGoals,
    eligibleEnterpriseKinds: row.eligibleEnterpriseKinds as ChallengeSummary['eligibleEnterpriseKinds'],
    reservedArt282: row.reservedArt282,
    budgetTotal: centsToEuros(budgetTotal),
    contractKind: row.contractKind,
    contractValue: row.contractValueCents === null ? null : centsToEuros(row.contractValueCents),
    questionsDeadline: iso(row.questionsDeadline),
    submissionDeadline: iso(row.submissionDeadline),
    publishedAt: iso(row.publishedAt),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  }
}

export async function loadMunicipalityRef(db: DbOrTx, municipalityId: string): Promise<MunicipalityRef> {
  const [m] = await db.select({ id: organisations.id, name: organisations.name, slug: organisations.slug }).from(organisations).where(eq(organisations.id, municipalityId))
  return m!
}

/** The full public view of one challenge, with what the caller may do with it. */
export async function toChallenge(db: DbOrTx, row: ChallengeRow, viewer: { actor: Actor | null; role: MembershipRole | null }, now: Date): Promise<Challenge> {
  const lines = await db.select().from(challengeBudgetLines).where(eq(challengeBudgetLines.challengeId, row.id)).orderBy(asc(challengeBudgetLines.position))
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(challengeFollowers)
    .where(eq(challengeFollowers.challengeId, row.id))
  const following = viewer.actor
    ? (await db
        .select({ userId: challengeFollowers.userId })
        .from(challengeFollowers)
        .where(and(eq(challengeFollowers.challengeId, row.id), eq(challengeFollowers.userId, viewer.actor.userId)))
        .limit(1)).length > 0
    : false
  const status = challengeStatusAt(row, now)
  const mayTransition = canOnChallenges(viewer.actor, viewer.role, 'challenge.transition')
  return {
    ...toChallengeSummary(row, await loadMunicipalityRef(db, row.municipalityId), budgetTotalCents(lines), now),
    problemStatement: row.problemStatement,
    problemStatementHtml: renderMarkdown(row.problemStatement),
    desiredOutcome: row.desiredOutcome,
    desiredOutcomeHtml: renderMarkdown(row.desiredOutcome),
    sdgTargets: row.sdgTargets,
    eligibleRegions: row.eligibleRegions,
    socialReturnPercent: row.socialReturnPercent,
    budgetLines: lines.map((l) => ({ portfolio: l.portfolio, amount: centsToEuros(l.amountCents) })),
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    publishAt: iso(row.publishAt),
    decisionAt: iso(row.decisionAt),
    followerCount: n,
    following,
    canEdit: canOnChallenges(viewer.actor, viewer.role, 'challenge.edit') && isEditableStatus(row, now),
    allowedTransitions: mayTransition ? (Object.keys(TRANSITIONS) as ChallengeTransition[]).filter((t) => canTransitionChallenge(status, TRANSITIONS[t])) : [],
    createdAt: row.createdAt.toISOString(),
  }
}

/** Content can change while a challenge is a draft or open for proposals; once closed the rules are fixed. */
export function isEditableStatus(row: ChallengeRow, now: Date): boolean {
  const status = challengeStatusAt(row, now)
  return status === 'draft' || status === 'published'
}
