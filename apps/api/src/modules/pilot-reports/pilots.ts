import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm'
import type { PlannedImpact, SocialReturn } from '@opgave/contracts'
import type { DbOrTx } from '../../db/client'
import { challenges } from '../challenges/challenges.table'
import { juryDecisions } from '../jury/jury.table'
import { organisations } from '../organisations/organisations.table'
import { proposals, proposalSubmissions } from '../proposals/proposals.table'
import { pilotReports, type PilotReportRow } from './pilot-reports.table'

/** A decision names winners; from then on they run a pilot and report on it. */
export const DECIDED_STATUSES = ['decided', 'results_published', 'archived'] as const
/** Results are public (the winner may be shown) only from here on. */
export const RESULTS_PUBLIC_STATUSES = ['results_published', 'archived'] as const

/** A winning proposal of a decided challenge, with what it promised in its last submission. */
export interface Pilot {
  proposalId: string
  proposalTitle: string
  proposalSummary: string
  challenge: { id: string; title: string; summary: string; status: string; sdgGoals: number[]; contractValueCents: number | null; municipalityId: string; publishedAt: Date }
  municipality: { id: string; name: string; slug: string }
  enterprise: { id: string; name: string; slug: string; isSocialEnterprise: boolean; region: string | null }
  winnersOfChallenge: number
  requestedBudgetCents: number | null
  promisedImpact: PlannedImpact[]
  promisedSocialReturn: SocialReturn | null
}

export interface PilotFilter {
  municipalityId?: string
  proposalIds?: string[]
  /** Pilots led by one of these enterprises. */
  enterpriseIds?: string[]
  /** Only challenges whose results are published (everything public uses this). */
  resultsPublic?: boolean
}

export async function loadPilots(db: DbOrTx, filter: PilotFilter): Promise<Pilot[]> {
  const conditions: (SQL | undefined)[] = [
    inArray(challenges.status, filter.resultsPublic ? [...RESULTS_PUBLIC_STATUSES] : [...DECIDED_STATUSES]),
    isNotNull(challenges.publishedAt),
    sql`${proposals.id} = any(${juryDecisions.winnerProposalIds})`,
  ]
  if (filter.municipalityId) conditions.push(eq(challenges.municipalityId, filter.municipalityId))
  if (filter.proposalIds) conditions.push(filter.proposalIds.length > 0 ? inArray(proposals.id, filter.proposalIds) : sql`false`)
  if (filter.enterpriseIds) conditions.push(filter.enterpriseIds.length > 0 ? inArray(proposals.leadEnterpriseId, filter.enterpriseIds) : sql`false`)
  const rows = await db
    .select({ proposal: proposals, challenge: challenges, decision: juryDecisions, enterprise: organisations })
    .from(juryDecisions)
    .innerJoin(challenges, eq(challenges.id, juryDecisions.challengeId))
    .innerJoin(proposals, eq(proposals.challengeId, challenges.id))
    .innerJoin(organisations, eq(organisations.id, proposals.leadEnterpriseId))
    .where(and(...conditions))
    .orderBy(desc(challenges.publishedAt), asc(proposals.id))
  if (rows.length === 0) return []
  const municipalityIds = [...new Set(rows.map((r) => r.challenge.municipalityId))]
  const municipalities = await db.select({ id: organisations.id, name: organisations.name, slug: organisations.slug }).from(organisations).where(inArray(organisations.id, municipalityIds))
  const snapshots = await latestSnapshots(db, rows.map((r) => r.proposal.id))
  return rows.map(({ proposal, challenge, decision, enterprise }) => {
    const snapshot = snapshots.get(proposal.id)
    return {
      proposalId: proposal.id,
      proposalTitle: snapshot?.title ?? proposal.title,
      proposalSummary: snapshot?.summary ?? proposal.summary,
      challenge: {
        id: challenge.id,
        title: challenge.title,
        summary: challenge.summary,
        status: challenge.status,
        sdgGoals: challenge.sdgGoals,
        contractValueCents: challenge.contractValueCents,
        municipalityId: challenge.municipalityId,
        publishedAt: challenge.publishedAt!,
      },
      municipality: municipalities.find((m) => m.id === challenge.municipalityId)!,
      enterprise: { id: enterprise.id, name: enterprise.name, slug: enterprise.slug, isSocialEnterprise: enterprise.isSocialEnterprise, region: enterprise.region },
      winnersOfChallenge: decision.winnerProposalIds.length,
      requestedBudgetCents: snapshot ? snapshot.requestedBudgetCents : proposal.requestedBudgetCents,
      promisedImpact: snapshot?.plannedImpact ?? proposal.plannedImpact,
      promisedSocialReturn: snapshot ? snapshot.socialReturn : proposal.socialReturn,
    }
  })
}

/** What the jury judged: the last submitted version, not a later edit of the live row. */
async function latestSnapshots(db: DbOrTx, proposalIds: string[]) {
  const rows = await db
    .select({ proposalId: proposalSubmissions.proposalId, snapshot: proposalSubmissions.snapshot })
    .from(proposalSubmissions)
    .where(inArray(proposalSubmissions.proposalId, proposalIds))
    .orderBy(asc(proposalSubmissions.submittedAt))
  return new Map(rows.map((r) => [r.proposalId, r.snapshot]))
}

/** The amount a pilot was awarded: what it asked for, else the challenge's contract value shared by its winners. */
export function awardedCents(pilot: Pilot): number {
  if (pilot.requestedBudgetCents !== null) return pilot.requestedBudgetCents
  return Math.floor((pilot.challenge.contractValueCents ?? 0) / Math.max(1, pilot.winnersOfChallenge))
}

export async function validatedReportsOf(db: DbOrTx, proposalIds: string[]): Promise<Map<string, PilotReportRow[]>> {
  const map = new Map<string, PilotReportRow[]>()
  if (proposalIds.length === 0) return map
  const rows = await db
    .select()
    .from(pilotReports)
    .where(and(inArray(pilotReports.proposalId, proposalIds), eq(pilotReports.status, 'validated')))
    .orderBy(asc(pilotReports.submittedAt), asc(pilotReports.id))
  for (const row of rows) map.set(row.proposalId, [...(map.get(row.proposalId) ?? []), row])
  return map
}
