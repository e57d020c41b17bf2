import { and, asc, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { Static } from '@sinclair/typebox'
import { budgetTotalCents, effectiveChallengeStatus, isInPeriod, weightSharesPercent } from '@opgave/domain'
import type { DbOrTx } from '../../db/client'
import { assessmentsOf } from '../jury/jury-assessment'
import { juryDecisions } from '../jury/jury.table'
import { organisations } from '../organisations/organisations.table'
import { impactDashboard, loadPublicChallenges, municipalityBySlug, parsePeriod, type ImpactDeps } from '../impact/impact.service'
import { awardedCents, loadPilots } from '../pilot-reports/pilots'
import { questions } from '../questions/questions.table'
import type { OpenChallenge, OpenCriterion, OpenDataQuery, OpenImpact, OpenImpactRow, OpenQuestion, OpenResult } from './open-data.schemas'

export interface OpenDataDeps extends ImpactDeps {
  publicUrl: string
}

type Scope = Pick<OpenDataQuery, 'municipality' | 'from' | 'to'>

/** Published challenges in scope, with their municipality (name, slug, licence). */
async function scopedChallenges(db: DbOrTx, scope: Scope) {
  const period = parsePeriod(scope)
  const municipality = scope.municipality ? await municipalityBySlug(db, scope.municipality) : null
  const rows = (await loadPublicChallenges(db, municipality?.id)).filter((c) => isInPeriod(c.row.publishedAt!, period))
  const ids = [...new Set(rows.map((c) => c.row.municipalityId))]
  const municipalities = ids.length === 0 ? [] : await db.select({ id: organisations.id, name: organisations.name, slug: organisations.slug, licence: organisations.openDataLicence }).from(organisations).where(inArray(organisations.id, ids))
  const of = (id: string) => {
    const m = municipalities.find((x) => x.id === id)!
    return { municipality: m.name, municipalitySlug: m.slug, licence: m.licence }
  }
  rows.sort((a, b) => a.row.publishedAt!.getTime() - b.row.publishedAt!.getTime() || a.row.id.localeCompare(b.row.id))
  return { rows, of }
}

export async function openChallenges(deps: OpenDataDeps, scope: Scope): Promise<Static<typeof OpenChallenge>[]> {
  const { rows, of } = await scopedChallenges(deps.db, scope)
  const now = deps.now()
  return rows.map(({ row, budgetLines }) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    ...of(row.municipalityId),
    status: effectiveChallengeStatus({ status: row.status, submissionDeadline: row.submissionDeadline! }, now),
    sdgGoals: row.sdgGoals,
    sdgTargets: row.sdgTargets,
    eligibleEnterpriseKinds: row.eligibleEnterpriseKinds,
    reservedArt282: row.reservedArt282,
    socialReturnPercent: row.socialReturnPercent,
    contractKind: row.contractKind,
    contractValueCents: row.contractValueCents,
    budgetTotalCents: budgetTotalCents(budgetLines),
    publishedAt: row.publishedAt!.toISOString(),
    submissionDeadline: row.submissionDeadline!.toISOString(),
    decisionAt: row.decisionAt?.toISOString() ?? null,
    url: `${deps.publicUrl}/uitdagingen/${row.id}`,
  }))
}

/** Published answers only (the nota van inlichtingen): never who asked, never unpublished or merged questions. */
export async function openQuestions(deps: OpenDataDeps, scope: Scope): Promise<Static<typeof OpenQuestion>[]> {
  const { rows, of } = await scopedChallenges(deps.db, scope)
  if (rows.length === 0) return []
  const published = await deps.db
    .select()
    .from(questions)
    .where(and(inArray(questions.challengeId, rows.map((c) => c.row.id)), isNotNull(questions.publishedAt), isNotNull(questions.number), isNull(questions.mergedIntoId)))
    .orderBy(asc(questions.challengeId), asc(questions.number))
  return rows.flatMap(({ row }) =>
    published
      .filter((q) => q.challengeId === row.id)
      .map((q) => ({
        challengeId: row.id,
        challengeTitle: row.title,
        ...of(row.municipalityId),
        number: q.number!,
        question: q.publicText ?? q.text,
        answer: q.answer ?? '',
        notaVersion: q.notaVersion!,
        publishedAt: q.publishedAt!.toISOString(),
      })),
  )
}

/** Each weight's share of the total in percent, one decimal (what "weight 3 of 7" means to a reader). */
export function roundedWeightShares(weights: readonly number[]): number[] {
  return weightSharesPercent(weights).map((share) => Math.round(share * 10) / 10)
}

/** The criteria of published challenges' jury rounds, as applicants read them on the challenge page. */
export async function openCriteria(deps: OpenDataDeps, scope: Scope): Promise<Static<typeof OpenCriterion>[]> {
  const { rows, of } = await scopedChallenges(deps.db, scope)
  const assessments = await assessmentsOf(deps.db, rows.map((c) => c.row))
  return rows.flatMap(({ row }) =>
    assessments.get(row.id)!.flatMap((round) => {
      const shares = roundedWeightShares(round.criteria.map((c) => c.weight))
      return round.criteria.map((c, i) => ({
        challengeId: row.id,
        challengeTitle: row.title,
        ...of(row.municipalityId),
        roundPosition: round.position,
        roundName: round.name,
        roundKind: round.kind,
        position: c.position,
        name: c.name,
        description: c.description,
        weight: c.weight,
        weightSharePercent: shares[i]!,
        scaleMin: c.scaleMin,
        scaleMax: c.scaleMax,
        threshold: c.threshold,
        levelDescriptors: c.levelDescriptors.map((d) => `${d.score}: ${d.description}`),
        sdgGoals: c.sdgGoals,
        sdgTargets: c.sdgTargets,
      }))
    }),
  )
}

/** Winners of challenges whose results are published: enterprises, never people. */
export async function openResults(deps: OpenDataDeps, scope: Scope): Promise<Static<typeof OpenResult>[]> {
  const { rows, of } = await scopedChallenges(deps.db, scope)
  const ids = new Set(rows.map((c) => c.row.id))
  const pilots = (await loadPilots(deps.db, { resultsPublic: true })).filter((p) => ids.has(p.challenge.id))
  if (pilots.length === 0) return []
  const decisions = await deps.db.select().from(juryDecisions).where(inArray(juryDecisions.challengeId, [...new Set(pilots.map((p) => p.challenge.id))]))
  return pilots.map((p) => {
    const decision = decisions.find((d) => d.challengeId === p.challenge.id)!
    return {
      challengeId: p.challenge.id,
      challengeTitle: p.challenge.title,
      ...of(p.challenge.municipalityId),
      sdgGoals: p.challenge.sdgGoals,
      winnerEnterprise: p.enterprise.name,
      winnerIsSocialEnterprise: p.enterprise.isSocialEnterprise,
      winnerProposalTitle: p.proposalTitle,
      awardedCents: awardedCents(p),
      motivation: decision.motivation,
      decidedAt: decision.createdAt.toISOString(),
    }
  })
}

export async function openImpact(deps: OpenDataDeps, scope: Scope): Promise<Static<typeof OpenImpact>> {
  const { scope: s, figures, socialBusinessCase } = await impactDashboard(deps, scope)
  return { scope: s, figures, socialBusinessCase }
}

/** The impact figures as one long table (dataset, category, value): the same numbers as the JSON. */
export function impactRows(impact: Static<typeof OpenImpact>): Static<typeof OpenImpactRow>[] {
  const f = impact.figures
  const b = impact.socialBusinessCase
  return [
    { dataset: 'challengeCount', category: '', value: f.challengeCount },
    ...f.challengesPerSdg.map((x) => ({ dataset: 'challengesPerSdg', category: String(x.sdg), value: x.challenges })),
    ...f.challengesPerStatus.map((x) => ({ dataset: 'challengesPerStatus', category: x.status, value: x.challenges })),
    { dataset: 'budgetTotalCents', category: '', value: f.budgetTotalCents },
    ...f.budgetPerSdg.map((x) => ({ dataset: 'budgetPerSdgCents', category: String(x.sdg), value: x.budgetCents })),
    ...f.budgetPerPortfolio.map((x) => ({ dataset: 'budgetPerPortfolioCents', category: x.portfolio, value: x.budgetCents })),
    { dataset: 'proposalsReceived', category: '', value: f.proposalsReceived },
    { dataset: 'enterprisesReached', category: '', value: f.enterprisesReached },
    { dataset: 'socialEnterprisesReached', category: '', value: f.socialEnterprisesReached },
    { dataset: 'reservedArt282Challenges', category: '', value: f.reservedArt282Challenges },
    ...Object.entries(f.socialReturn).map(([category, value]) => ({ dataset: 'socialReturn', category, value })),
    ...Object.entries(f.pilots).map(([category, value]) => ({ dataset: 'pilots', category, value })),
    { dataset: 'socialBusinessCase', category: 'jobsRealised', value: b.jobsRealised },
    { dataset: 'socialBusinessCase', category: 'annualBenefitCents', value: b.annualBenefitCents },
    { dataset: 'socialBusinessCase', category: 'estimatedAnnualSavingsCents', value: b.estimatedAnnualSavingsCents },
    { dataset: 'socialBusinessCase', category: 'spentCents', value: b.spentCents },
  ]
}
