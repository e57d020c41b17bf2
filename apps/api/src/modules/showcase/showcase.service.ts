import { and, eq, inArray } from 'drizzle-orm'
import { pilotProgress } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { municipalityBySlug } from '../impact/impact.service'
import { consentAccess } from '../pilot-reports/pilot-reports.policy'
import { enterpriseRole } from '../pilot-reports/pilot-reports.service'
import { pilotReportErrors } from '../pilot-reports/pilot-reports.errors'
import { loadPilots, validatedReportsOf, type Pilot } from '../pilot-reports/pilots'
import { showcaseErrors } from './showcase.errors'
import type { ShowcaseItem, ShowcaseQuery } from './showcase.schemas'
import { showcaseConsents } from './showcase.table'

/** Winners of challenges with published results whose enterprise consented; newest challenge first. */
export async function listShowcase(db: DbOrTx, query: ShowcaseQuery & { ids?: string[] }): Promise<ShowcaseItem[]> {
  const municipality = query.municipality ? await municipalityBySlug(db, query.municipality) : null
  const pilots = await loadPilots(db, { resultsPublic: true, municipalityId: municipality?.id, proposalIds: query.ids })
  if (pilots.length === 0) return []
  const consented = new Set(
    (await db.select({ id: showcaseConsents.proposalId }).from(showcaseConsents).where(and(inArray(showcaseConsents.proposalId, pilots.map((p) => p.proposalId)), eq(showcaseConsents.consented, true)))).map((r) => r.id),
  )
  const shown = pilots.filter(
    (p) => consented.has(p.proposalId) && (query.sdg === undefined || p.challenge.sdgGoals.includes(query.sdg)) && (query.socialEnterprise === undefined || p.enterprise.isSocialEnterprise === query.socialEnterprise),
  )
  const reports = await validatedReportsOf(db, shown.map((p) => p.proposalId))
  return shown.map((p) => toItem(p, reports.get(p.proposalId) ?? []))
}

function toItem(p: Pilot, validated: { jobsRealised: number; hoursRealised: number; amountRealisedCents: number; indicators: { sdgTarget: string; indicator: string; value: number; measuredOn: string }[] }[]): ShowcaseItem {
  return {
    id: p.proposalId,
    challenge: { id: p.challenge.id, title: p.challenge.title, summary: p.challenge.summary, sdgGoals: p.challenge.sdgGoals },
    municipality: { name: p.municipality.name, slug: p.municipality.slug },
    enterprise: { name: p.enterprise.name, isSocialEnterprise: p.enterprise.isSocialEnterprise, region: p.enterprise.region },
    proposal: { title: p.proposalTitle, summary: p.proposalSummary },
    results: {
      validatedReports: validated.length,
      indicators: pilotProgress(p.promisedImpact, validated),
      socialReturn: {
        committedJobs: p.promisedSocialReturn?.jobs ?? 0,
        committedHours: p.promisedSocialReturn?.hours ?? 0,
        realisedJobs: validated.reduce((a, r) => a + r.jobsRealised, 0),
        realisedHours: validated.reduce((a, r) => a + r.hoursRealised, 0),
        realisedAmountCents: validated.reduce((a, r) => a + r.amountRealisedCents, 0),
      },
    },
  }
}

export async function showcaseItem(db: DbOrTx, id: string): Promise<ShowcaseItem> {
  const [item] = await listShowcase(db, { ids: [id] })
  if (!item) throw showcaseErrors.notFound()
  return item
}

/** The winning enterprise's owner gives or withdraws consent; every change is audited. */
export async function setShowcaseConsent(db: Database, actor: Actor, proposalId: string, consented: boolean, now: Date) {
  return db.transaction(async (tx) => {
    const [pilot] = await loadPilots(tx, { proposalIds: [proposalId] })
    const access = consentAccess(pilot ? await enterpriseRole(tx, actor, pilot.enterprise.id) : null)
    if (!pilot || access === 'unknown') throw pilotReportErrors.pilotNotFound()
    if (access === 'forbidden') throw showcaseErrors.forbidden()
    const [before] = await tx.select().from(showcaseConsents).where(eq(showcaseConsents.proposalId, proposalId)).for('update')
    const [row] = await tx
      .insert(showcaseConsents)
      .values({ proposalId, consented, changedBy: actor.userId, changedAt: now })
      .onConflictDoUpdate({ target: showcaseConsents.proposalId, set: { consented, changedBy: actor.userId, changedAt: now } })
      .returning()
    await recordAudit(tx, {
      actorId: actor.userId,
      action: consented ? 'showcase.consent_given' : 'showcase.consent_withdrawn',
      entityType: 'proposal',
      entityId: proposalId,
      organisationId: pilot.enterprise.id,
      before: before ? { consented: before.consented } : null,
      after: { consented },
    })
    return { consented: row!.consented, changedAt: row!.changedAt.toISOString() }
  })
}
