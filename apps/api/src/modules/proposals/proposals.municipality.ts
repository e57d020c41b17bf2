import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { ChallengeProposals } from '@opgave/contracts'
import type { Database } from '../../db/client'
import type { Actor } from '../../plugins/auth'
import { isChallengePublic, municipalityRole } from '../challenges/challenges.service'
import { isMunicipalityStaff } from '../challenges/challenges.policy'
import { challenges } from '../challenges/challenges.table'
import { deadlinePassed, managedEnterpriseIds, managesAnyOf } from './proposals.access'
import { proposalErrors } from './proposals.errors'
import { proposals, proposalSubmissions } from './proposals.table'

/**
 * The municipality's view of a challenge's proposals. Sealed-bid rule: before the deadline staff
 * learn only how many are in; after it, the latest submission of each proposal still submitted.
 * Drafts and withdrawn proposals are never shown.
 */
export async function listChallengeProposals({ db, now }: { db: Database; now: () => Date }, actor: Actor, challengeId: string): Promise<ChallengeProposals> {
  const at = now()
  const [challenge] = await db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1)
  if (!challenge) throw proposalErrors.challengeNotFound()
  const staff = isMunicipalityStaff(actor, await municipalityRole(db, actor, challenge.municipalityId))
  if (!staff && !isChallengePublic(challenge)) throw proposalErrors.challengeNotFound()
  if (!staff) throw proposalErrors.forbidden('Only staff of the municipality see the proposals of its challenges.')

  const counts = await db
    .select({ status: proposals.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(proposals)
    .where(eq(proposals.challengeId, challengeId))
    .groupBy(proposals.status)
  const count = (...statuses: string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((sum, c) => sum + c.n, 0)
  const passed = deadlinePassed(challenge, at)
  const base = {
    challengeId,
    submissionDeadline: challenge.submissionDeadline?.toISOString() ?? null,
    deadlinePassed: passed,
    submittedCount: count('submitted'),
    draftCount: count('draft', 'withdrawn'),
  }
  if (!passed) return { ...base, items: [] }

  const submitted = await db.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.challengeId, challengeId), eq(proposals.status, 'submitted')))
  if (submitted.length === 0) return { ...base, items: [] }
  const rows = await db
    .select()
    .from(proposalSubmissions)
    .where(inArray(proposalSubmissions.proposalId, submitted.map((s) => s.id)))
    .orderBy(desc(proposalSubmissions.submittedAt))
  const latest = new Map<string, (typeof rows)[number]>()
  for (const row of rows) if (!latest.has(row.proposalId)) latest.set(row.proposalId, row)
  // Account managers see the proposals of their own enterprises only (lead or partner).
  const managed = await managedEnterpriseIds(db, actor, challenge.municipalityId)
  const items = [...latest.values()]
    .filter((row) => managesAnyOf(managed, [row.snapshot.leadEnterprise.id, ...row.snapshot.partners.map((p) => p.id)]))
    .sort((a, b) => a.snapshot.leadEnterprise.name.localeCompare(b.snapshot.leadEnterprise.name, 'nl') || a.proposalId.localeCompare(b.proposalId))
    .map((row) => ({
      proposalId: row.proposalId,
      submissionId: row.id,
      submittedAt: row.submittedAt.toISOString(),
      contentHash: row.contentHash,
      leadEnterprise: row.snapshot.leadEnterprise,
      partners: row.snapshot.partners,
      snapshot: row.snapshot,
    }))
  return { ...base, items }
}
