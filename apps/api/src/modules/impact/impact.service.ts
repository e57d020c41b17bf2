import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import { effectiveChallengeStatus, pilotProgress, socialBusinessCase, summariseImpact, isInPeriod, type ImpactInput, type ImpactPeriod } from '@opgave/domain'
import type { DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import { challengeBudgetLines, challenges } from '../challenges/challenges.table'
import { organisations } from '../organisations/organisations.table'
import { awardedCents, loadPilots, validatedReportsOf } from '../pilot-reports/pilots'
import { proposalPartners, proposals } from '../proposals/proposals.table'
import { impactErrors } from './impact.errors'
import type { ImpactDashboard, ImpactQuery, OpenDataLicence } from './impact.schemas'

export interface ImpactDeps {
  db: DbOrTx
  now: () => Date
  /** Participatiewet benefit saved per person placed, per year (config). */
  annualBenefitCents: number
}

export const BENEFIT_SOURCE =
  'Netto bijstandsnorm alleenstaande 21 jaar tot AOW-leeftijd per 1 januari 2025, € 1.345,45 per maand incl. vakantietoeslag (Normbedragen Participatiewet, SZW), × 12; instelbaar per installatie.'

const DAY = 86_400_000

export interface Municipality {
  id: string
  name: string
  slug: string
  openDataLicence: OpenDataLicence
}

export async function municipalityBySlug(db: DbOrTx, slug: string): Promise<Municipality> {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug, openDataLicence: organisations.openDataLicence })
    .from(organisations)
    .where(and(eq(organisations.slug, slug), eq(organisations.kind, 'municipality')))
  if (!row) throw impactErrors.municipalityNotFound(`No municipality with slug "${slug}".`)
  return row
}

/** `to` is a whole day: the period runs up to the start of the next one. */
export function parsePeriod(query: Pick<ImpactQuery, 'from' | 'to'>): ImpactPeriod {
  const from = query.from ? new Date(`${query.from}T00:00:00.000Z`) : undefined
  const to = query.to ? new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + DAY) : undefined
  if (from && Number.isNaN(from.getTime())) throw commonProblems.fieldInvalid('query/from', 'impact.invalid_date', 'from is not a valid date.')
  if (to && Number.isNaN(to.getTime())) throw commonProblems.fieldInvalid('query/to', 'impact.invalid_date', 'to is not a valid date.')
  if (from && to && from.getTime() >= to.getTime()) throw commonProblems.fieldInvalid('query/to', 'impact.period_reversed', 'to must be on or after from.')
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) }
}

/** Published challenges (never drafts) with their budget lines, of one municipality or all. */
export async function loadPublicChallenges(db: DbOrTx, municipalityId: string | undefined) {
  const rows = await db
    .select()
    .from(challenges)
    .where(and(ne(challenges.status, 'draft'), isNotNull(challenges.publishedAt), isNotNull(challenges.submissionDeadline), municipalityId ? eq(challenges.municipalityId, municipalityId) : undefined))
  const lines = rows.length === 0 ? [] : await db.select().from(challengeBudgetLines).where(inArray(challengeBudgetLines.challengeId, rows.map((r) => r.id)))
  return rows.map((row) => ({ row, budgetLines: lines.filter((l) => l.challengeId === row.id).sort((a, b) => a.position - b.position) }))
}

/** Reads the rows (public facts only) and lets the domain compute the dashboard. */
export async function impactDashboard(deps: ImpactDeps, query: ImpactQuery): Promise<ImpactDashboard> {
  const { db } = deps
  const now = deps.now()
  const period = parsePeriod(query)
  const municipality = query.municipality ? await municipalityBySlug(db, query.municipality) : null

  const challengeRows = await loadPublicChallenges(db, municipality?.id)
  const challengeIds = challengeRows.map((c) => c.row.id)
  const proposalRows =
    challengeIds.length === 0
      ? []
      : await db.select({ id: proposals.id, challengeId: proposals.challengeId, leadEnterpriseId: proposals.leadEnterpriseId }).from(proposals).where(and(inArray(proposals.challengeId, challengeIds), eq(proposals.status, 'submitted')))
  const partners =
    proposalRows.length === 0
      ? []
      : await db.select({ proposalId: proposalPartners.proposalId, enterpriseId: proposalPartners.enterpriseId }).from(proposalPartners).where(and(inArray(proposalPartners.proposalId, proposalRows.map((p) => p.id)), eq(proposalPartners.status, 'accepted')))
  const enterpriseIds = [...new Set([...proposalRows.map((p) => p.leadEnterpriseId), ...partners.map((p) => p.enterpriseId)])]
  const enterprises = enterpriseIds.length === 0 ? [] : await db.select({ id: organisations.id, isSocialEnterprise: organisations.isSocialEnterprise }).from(organisations).where(inArray(organisations.id, enterpriseIds))

  const pilots = await loadPilots(db, { municipalityId: municipality?.id, resultsPublic: true })
  const reports = await validatedReportsOf(db, pilots.map((p) => p.proposalId))

  const input: ImpactInput = {
    challenges: challengeRows.map(({ row, budgetLines }) => ({
      id: row.id,
      status: effectiveChallengeStatus({ status: row.status, submissionDeadline: row.submissionDeadline! }, now),
      publishedAt: row.publishedAt!,
      sdgGoals: row.sdgGoals,
      reservedArt282: row.reservedArt282,
      socialReturnPercent: row.socialReturnPercent,
      contractValueCents: row.contractValueCents,
      budgetLines: budgetLines.map((l) => ({ portfolio: l.portfolio, amountCents: l.amountCents })),
    })),
    proposals: proposalRows.map((p) => ({ challengeId: p.challengeId, leadEnterpriseId: p.leadEnterpriseId, partnerEnterpriseIds: partners.filter((x) => x.proposalId === p.id).map((x) => x.enterpriseId) })),
    enterprises,
    pilots: pilots.map((p) => ({
      proposalId: p.proposalId,
      challengeId: p.challenge.id,
      awardedCents: awardedCents(p),
      promisedJobs: p.promisedSocialReturn?.jobs ?? 0,
      promisedHours: p.promisedSocialReturn?.hours ?? 0,
      validatedReports: (reports.get(p.proposalId) ?? []).map((r) => ({ jobs: r.jobsRealised, hours: r.hoursRealised, amountCents: r.amountRealisedCents })),
    })),
  }
  const figures = summariseImpact(input, period)
  const inPeriod = new Set(challengeRows.filter((c) => isInPeriod(c.row.publishedAt!, period)).map((c) => c.row.id))

  const sourceIds = [...new Set(challengeRows.filter((c) => inPeriod.has(c.row.id)).map((c) => c.row.municipalityId))]
  const sources = municipality
    ? [municipality]
    : sourceIds.length === 0
      ? []
      : await db.select({ id: organisations.id, name: organisations.name, slug: organisations.slug, openDataLicence: organisations.openDataLicence }).from(organisations).where(inArray(organisations.id, sourceIds))
  sources.sort((a, b) => a.name.localeCompare(b.name, 'nl'))

  return {
    scope: {
      municipality: municipality ? { name: municipality.name, slug: municipality.slug } : null,
      from: query.from ?? null,
      to: query.to ?? null,
      licence: sources.every((s) => s.openDataLicence === 'CC0-1.0') ? 'CC0-1.0' : 'CC-BY-4.0',
      sources: sources.map((s) => ({ municipality: s.name, slug: s.slug, licence: s.openDataLicence })),
      generatedAt: now.toISOString(),
    },
    figures,
    socialBusinessCase: {
      ...socialBusinessCase({ jobsRealised: figures.socialReturn.realisedJobs, annualBenefitCents: deps.annualBenefitCents, spentCents: figures.pilots.awardedCents }),
      benefitSource: BENEFIT_SOURCE,
    },
    pilots: pilots
      .filter((p) => inPeriod.has(p.challenge.id))
      .map((p) => {
        const validated = reports.get(p.proposalId) ?? []
        return {
          proposalId: p.proposalId,
          challenge: { id: p.challenge.id, title: p.challenge.title },
          municipality: { name: p.municipality.name, slug: p.municipality.slug },
          enterprise: { name: p.enterprise.name, isSocialEnterprise: p.enterprise.isSocialEnterprise },
          awardedCents: awardedCents(p),
          validatedReports: validated.length,
          socialReturn: {
            committedJobs: p.promisedSocialReturn?.jobs ?? 0,
            committedHours: p.promisedSocialReturn?.hours ?? 0,
            realisedJobs: validated.reduce((a, r) => a + r.jobsRealised, 0),
            realisedHours: validated.reduce((a, r) => a + r.hoursRealised, 0),
            realisedAmountCents: validated.reduce((a, r) => a + r.amountRealisedCents, 0),
          },
          indicators: pilotProgress(p.promisedImpact, validated),
        }
      }),
  }
}
