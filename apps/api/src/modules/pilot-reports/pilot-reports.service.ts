import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { MembershipRole } from '@opgave/contracts'
import { eurosToCents, unpromisedIndicators } from '@opgave/domain'
import type { Database, DbOrTx } from '../../db/client'
import { commonProblems } from '../../lib/problem'
import type { Actor } from '../../plugins/auth'
import { recordAudit } from '../audit/audit.service'
import { municipalityRole } from '../challenges/challenges.service'
import { memberships, organisations } from '../organisations/organisations.table'
import { showcaseConsents } from '../showcase/showcase.table'
import { pilotReportErrors } from './pilot-reports.errors'
import { reportAccess, reviewAccess } from './pilot-reports.policy'
import type { CreatePilotReportBody, MyPilot, PilotReport, ReportForReview } from './pilot-reports.schemas'
import { pilotReports, type PilotReportRow } from './pilot-reports.table'
import { loadPilots, RESULTS_PUBLIC_STATUSES, type Pilot } from './pilots'

export interface PilotReportDeps {
  db: Database
  now: () => Date
}

export const toPilotReport = (row: PilotReportRow): PilotReport => ({
  id: row.id,
  proposalId: row.proposalId,
  periodStart: row.periodStart,
  periodEnd: row.periodEnd,
  indicators: row.indicators,
  jobsRealised: row.jobsRealised,
  hoursRealised: row.hoursRealised,
  amountRealisedCents: row.amountRealisedCents,
  notes: row.notes,
  status: row.status,
  rejectionReason: row.rejectionReason,
  submittedAt: row.submittedAt.toISOString(),
  reviewedAt: row.reviewedAt?.toISOString() ?? null,
  version: row.version,
})

const pilotRef = (p: Pilot) => ({
  proposalId: p.proposalId,
  proposalTitle: p.proposalTitle,
  challenge: { id: p.challenge.id, title: p.challenge.title, status: p.challenge.status },
  municipality: p.municipality,
  enterprise: { id: p.enterprise.id, name: p.enterprise.name },
  promisedImpact: p.promisedImpact,
  promisedSocialReturn: p.promisedSocialReturn,
})

export async function enterpriseRole(db: DbOrTx, actor: Actor, enterpriseId: string): Promise<MembershipRole | null> {
  const [row] = await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.organisationId, enterpriseId), eq(memberships.userId, actor.userId)))
  return row?.role ?? null
}

/** The pilot, if the caller is a member of its winning enterprise; otherwise 404. */
export async function loadOwnPilot(db: DbOrTx, actor: Actor, proposalId: string): Promise<{ pilot: Pilot; role: MembershipRole }> {
  const [pilot] = await loadPilots(db, { proposalIds: [proposalId] })
  const role = pilot ? await enterpriseRole(db, actor, pilot.enterprise.id) : null
  if (!pilot || reportAccess(role) !== 'allowed') throw pilotReportErrors.pilotNotFound()
  return { pilot, role: role! }
}

/** The pilots the caller's enterprises won, with every report (any status) and the showcase consent. */
export async function listMyPilots(db: DbOrTx, actor: Actor): Promise<MyPilot[]> {
  const mine = await db
    .select({ id: memberships.organisationId, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, actor.userId), eq(organisations.kind, 'enterprise')))
  const pilots = await loadPilots(db, { enterpriseIds: mine.map((m) => m.id) })
  if (pilots.length === 0) return []
  const ids = pilots.map((p) => p.proposalId)
  const reports = await db.select().from(pilotReports).where(inArray(pilotReports.proposalId, ids)).orderBy(desc(pilotReports.submittedAt), asc(pilotReports.id))
  const consents = await db.select().from(showcaseConsents).where(inArray(showcaseConsents.proposalId, ids))
  return pilots.map((p) => {
    const consent = consents.find((c) => c.proposalId === p.proposalId)
    return {
      ...pilotRef(p),
      reports: reports.filter((r) => r.proposalId === p.proposalId).map(toPilotReport),
      showcaseConsent: consent ? { consented: consent.consented, changedAt: consent.changedAt.toISOString() } : null,
      mayConsent: mine.find((m) => m.id === p.enterprise.id)?.role === 'owner',
      resultsPublic: (RESULTS_PUBLIC_STATUSES as readonly string[]).includes(p.challenge.status),
    }
  })
}

const today = (now: Date) => now.toISOString().slice(0, 10)

/** Checks a report against the calendar and against what the winner promised; names the field. */
function reportProblems(pilot: Pilot, body: CreatePilotReportBody, now: Date) {
  if (body.periodStart > body.periodEnd) throw commonProblems.fieldInvalid('/periodEnd', 'pilot_reports.period_reversed', 'The period must end on or after its start.')
  if (body.periodEnd > today(now)) throw commonProblems.fieldInvalid('/periodEnd', 'pilot_reports.period_in_future', 'A report covers a period that has ended; the end date may not be in the future.')
  const unknown = unpromisedIndicators(pilot.promisedImpact, body.indicators)
  if (unknown.length > 0) throw commonProblems.fieldInvalid(`/indicators/${unknown[0]}/indicator`, 'pilot_reports.indicator_not_promised', 'Report only on the indicators (per SDG target) the winning proposal promised.')
  const future = body.indicators.findIndex((i) => i.measuredOn > today(now))
  if (future !== -1) throw commonProblems.fieldInvalid(`/indicators/${future}/measuredOn`, 'pilot_reports.measured_in_future', 'A measurement cannot be dated in the future.')
  const cents = eurosToCents(body.amountRealised)
  if (cents === undefined) throw commonProblems.fieldInvalid('/amountRealised', 'pilot_reports.invalid_amount', 'Give the amount in euros with at most two decimals.')
  return cents
}

export async function createReport({ db, now }: PilotReportDeps, actor: Actor, proposalId: string, body: CreatePilotReportBody): Promise<PilotReport> {
  return db.transaction(async (tx) => {
    const { pilot } = await loadOwnPilot(tx, actor, proposalId)
    const at = now()
    const amountRealisedCents = reportProblems(pilot, body, at)
    const [row] = await tx
      .insert(pilotReports)
      .values({
        proposalId,
        challengeId: pilot.challenge.id,
        enterpriseId: pilot.enterprise.id,
        periodStart: body.periodStart,
        periodEnd: body.periodEnd,
        indicators: body.indicators.map((i) => ({ ...i, evidence: i.evidence.trim() })),
        jobsRealised: body.jobsRealised,
        hoursRealised: body.hoursRealised,
        amountRealisedCents,
        notes: body.notes.trim(),
        submittedBy: actor.userId,
        submittedAt: at,
      })
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: 'pilot_report.submitted', entityType: 'pilot_report', entityId: row!.id, organisationId: pilot.enterprise.id, after: { proposalId, status: 'submitted', jobsRealised: row!.jobsRealised, hoursRealised: row!.hoursRealised, amountRealisedCents } })
    return toPilotReport(row!)
  })
}

/** The reports on the municipality's pilots, newest first, for its account managers. */
export async function listReportsForReview(db: DbOrTx, actor: Actor, municipalityId: string, status: PilotReport['status'] | undefined): Promise<ReportForReview[]> {
  const access = reviewAccess(await municipalityRole(db, actor, municipalityId), actor.isPlatformAdmin)
  if (access === 'unknown') throw pilotReportErrors.pilotNotFound('No pilots to review here.')
  if (access === 'forbidden') throw pilotReportErrors.forbidden('Only account managers and admins of the municipality review pilot reports.')
  const pilots = await loadPilots(db, { municipalityId })
  if (pilots.length === 0) return []
  const rows = await db
    .select()
    .from(pilotReports)
    .where(and(inArray(pilotReports.proposalId, pilots.map((p) => p.proposalId)), status ? eq(pilotReports.status, status) : undefined))
    .orderBy(desc(pilotReports.submittedAt), asc(pilotReports.id))
  return rows.map((r) => ({ ...pilotRef(pilots.find((p) => p.proposalId === r.proposalId)!), report: toPilotReport(r) }))
}

export async function reviewReport({ db, now }: PilotReportDeps, actor: Actor, reportId: string, decision: { version: number; reason?: string }): Promise<PilotReport> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(pilotReports).where(eq(pilotReports.id, reportId)).for('update')
    if (!row) throw pilotReportErrors.reportNotFound()
    const [pilot] = await loadPilots(tx, { proposalIds: [row.proposalId] })
    const access = pilot ? reviewAccess(await municipalityRole(tx, actor, pilot.challenge.municipalityId), actor.isPlatformAdmin) : 'unknown'
    if (access === 'unknown') throw pilotReportErrors.reportNotFound()
    if (access === 'forbidden') throw pilotReportErrors.forbidden('Only account managers and admins of the municipality review pilot reports.')
    if (row.version !== decision.version) throw commonProblems.staleVersion(toPilotReport(row))
    if (row.status !== 'submitted') throw pilotReportErrors.alreadyReviewed(`This report was already ${row.status}.`)
    const status = decision.reason === undefined ? 'validated' : 'rejected'
    const [updated] = await tx
      .update(pilotReports)
      .set({ status, rejectionReason: decision.reason?.trim() ?? null, reviewedBy: actor.userId, reviewedAt: now(), version: row.version + 1, updatedAt: now() })
      .where(eq(pilotReports.id, reportId))
      .returning()
    await recordAudit(tx, { actorId: actor.userId, action: `pilot_report.${status}`, entityType: 'pilot_report', entityId: reportId, organisationId: pilot!.challenge.municipalityId, before: { status: row.status, version: row.version }, after: { status, version: updated!.version } })
    return toPilotReport(updated!)
  })
}
