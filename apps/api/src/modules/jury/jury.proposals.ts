import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import type { SubmissionSnapshot } from '@opgave/contracts'
import { getSdgTarget, redactIdentity } from '@opgave/domain'
import type { DbOrTx } from '../../db/client'
import { memberships, organisations } from '../organisations/organisations.table'
import { proposalPartners, proposals, proposalSubmissions } from '../proposals/proposals.table'
import { users } from '../users/users.table'
import { juryConflicts, juryMembers } from './jury.table'

/**
 * The jury's only window on the proposals feature: what a round evaluates, who is behind each
 * proposal (for conflicts and blind review), and the submitted snapshot jurors read.
 */
export interface JuryProposal {
  id: string
  challengeId: string
  title: string
  leadEnterpriseId: string
  leadEnterpriseName: string
  /** Accepted partners only: invited or declining enterprises are no part of the proposal. */
  partners: { id: string; name: string }[]
  /** Goals of the planned impact targets in the submitted version; empty when none. */
  impactGoals: number[]
  submittedAt: Date | null
  snapshot: SubmissionSnapshot | null
}

async function hydrate(db: DbOrTx, rows: (typeof proposals.$inferSelect & { leadName: string })[]): Promise<JuryProposal[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const partnerRows = await db
    .select({ proposalId: proposalPartners.proposalId, id: organisations.id, name: organisations.name })
    .from(proposalPartners)
    .innerJoin(organisations, eq(organisations.id, proposalPartners.enterpriseId))
    .where(and(inArray(proposalPartners.proposalId, ids), eq(proposalPartners.status, 'accepted')))
  const submissionRows = await db
    .select({ proposalId: proposalSubmissions.proposalId, submittedAt: proposalSubmissions.submittedAt, snapshot: proposalSubmissions.snapshot })
    .from(proposalSubmissions)
    .where(inArray(proposalSubmissions.proposalId, ids))
    .orderBy(desc(proposalSubmissions.submittedAt))
  const latest = new Map<string, (typeof submissionRows)[number]>()
  for (const s of submissionRows) if (!latest.has(s.proposalId)) latest.set(s.proposalId, s)
  return rows.map((r) => {
    const submission = latest.get(r.id)
    const impact = submission?.snapshot.plannedImpact ?? r.plannedImpact
    const goals = new Set<number>()
    for (const i of impact) {
      const target = getSdgTarget(i.sdgTarget)
      if (target) goals.add(target.goal)
    }
    return {
      id: r.id,
      challengeId: r.challengeId,
      title: submission?.snapshot.title ?? r.title,
      leadEnterpriseId: r.leadEnterpriseId,
      leadEnterpriseName: r.leadName,
      partners: partnerRows.filter((p) => p.proposalId === r.id).map((p) => ({ id: p.id, name: p.name })),
      impactGoals: [...goals].sort((a, b) => a - b),
      submittedAt: submission?.submittedAt ?? null,
      snapshot: submission?.snapshot ?? null,
    }
  })
}

const selectProposals = (db: DbOrTx) =>
  db
    .select({ proposal: proposals, leadName: organisations.name })
    .from(proposals)
    .innerJoin(organisations, eq(organisations.id, proposals.leadEnterpriseId))

/** Submitted (not withdrawn, not draft) proposals of a challenge: what round 1 evaluates. */
export async function submittedProposalsOf(db: DbOrTx, challengeId: string): Promise<JuryProposal[]> {
  const rows = await selectProposals(db).where(and(eq(proposals.challengeId, challengeId), eq(proposals.status, 'submitted')))
  return hydrate(db, rows.map((r) => ({ ...r.proposal, leadName: r.leadName })))
}

export async function proposalsByIds(db: DbOrTx, ids: readonly string[]): Promise<JuryProposal[]> {
  if (ids.length === 0) return []
  const rows = await selectProposals(db).where(inArray(proposals.id, [...ids]))
  return hydrate(db, rows.map((r) => ({ ...r.proposal, leadName: r.leadName })))
}

/** Proposal goals for assignment: the planned impact targets' goals, else the challenge's goals. */
export const assignmentGoals = (p: JuryProposal, challengeGoals: readonly number[]) => (p.impactGoals.length > 0 ? p.impactGoals : [...challengeGoals])

/**
 * Conflicts of interest per member id → proposal ids: declared ones, plus automatic ones when the
 * member's user belongs to the lead or an accepted partner enterprise. Derived on every read, so a
 * juror who joins an enterprise later is conflicted from that moment on.
 */
export async function conflictMap(db: DbOrTx, challengeId: string, candidates: readonly JuryProposal[]): Promise<Map<string, Map<string, { source: 'declared' | 'membership'; reason: string; createdAt: Date | null }>>> {
  const out = new Map<string, Map<string, { source: 'declared' | 'membership'; reason: string; createdAt: Date | null }>>()
  const put = (memberId: string, proposalId: string, v: { source: 'declared' | 'membership'; reason: string; createdAt: Date | null }) => {
    const inner = out.get(memberId) ?? new Map()
    if (!inner.has(proposalId) || v.source === 'declared') inner.set(proposalId, v)
    out.set(memberId, inner)
  }
  const members = await db
    .select({ id: juryMembers.id, userId: juryMembers.userId })
    .from(juryMembers)
    .where(and(eq(juryMembers.challengeId, challengeId), isNotNull(juryMembers.userId)))
  const userIds = members.map((m) => m.userId).filter((id): id is string => id !== null)
  if (userIds.length > 0 && candidates.length > 0) {
    const orgRows = await db.select({ userId: memberships.userId, organisationId: memberships.organisationId }).from(memberships).where(inArray(memberships.userId, userIds))
    for (const m of members) {
      const orgs = new Set(orgRows.filter((o) => o.userId === m.userId).map((o) => o.organisationId))
      for (const p of candidates) {
        if (orgs.has(p.leadEnterpriseId) || p.partners.some((x) => orgs.has(x.id))) {
          put(m.id, p.id, { source: 'membership', reason: 'Member of the proposing or a partner enterprise', createdAt: null })
        }
      }
    }
  }
  const declared = await db.select().from(juryConflicts).where(eq(juryConflicts.challengeId, challengeId))
  for (const d of declared) put(d.memberId, d.proposalId, { source: 'declared', reason: d.reason, createdAt: d.createdAt })
  return out
}

export const isConflicted = (map: Awaited<ReturnType<typeof conflictMap>>, memberId: string, proposalId: string) => map.get(memberId)?.has(proposalId) ?? false

/** Keys that carry identity in a proposal or its snapshot: dropped whole in a blind round. */
const HIDDEN_KEYS = ['leadEnterprise', 'leadEnterpriseId', 'partners', 'submittedBy', 'uploadedBy', 'createdBy', 'enterpriseId'] as const

/**
 * Everything that could name the applicant: the enterprises' names and ids, and the names and emails
 * of their members (who may sign the text or appear in a file name).
 */
export async function identityTerms(db: DbOrTx, p: JuryProposal): Promise<string[]> {
  const orgIds = [p.leadEnterpriseId, ...p.partners.map((x) => x.id)]
  const people = await db.select({ name: users.name, email: users.email }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(inArray(memberships.organisationId, orgIds))
  return [p.leadEnterpriseName, ...p.partners.map((x) => x.name), ...orgIds, ...people.flatMap((u) => [u.name, u.email])]
}

/** A blind copy of any value a juror will see about this proposal. */
export async function blindCopy<T>(db: DbOrTx, p: JuryProposal, value: T): Promise<T> {
  return redactIdentity({ value, hiddenKeys: HIDDEN_KEYS, identityTerms: await identityTerms(db, p) })
}
