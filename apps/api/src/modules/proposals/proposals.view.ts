import { and, asc, desc, eq } from 'drizzle-orm'
import type { DocumentMeta, Proposal, SubmissionReceipt } from '@opgave/contracts'
import type { DbOrTx } from '../../db/client'
import { challengeStatusAt } from '../challenges/challenges.service'
import type { ChallengeRow } from '../challenges/challenges.table'
import { documents } from '../documents/documents.table'
import { organisations } from '../organisations/organisations.table'
import { assertWindowOpen, mayEdit, mayLead, type ProposalAccess } from './proposals.access'
import { proposalPartners, proposalSubmissions, type ProposalRow, type ProposalSubmissionRow } from './proposals.table'

export const centsToEuros = (cents: number | null) => (cents === null ? null : cents / 100)

export const toReceipt = (row: ProposalSubmissionRow): SubmissionReceipt => ({
  proposalId: row.proposalId,
  submissionId: row.id,
  submittedAt: row.submittedAt.toISOString(),
  contentHash: row.contentHash,
})

export async function proposalDocuments(db: DbOrTx, proposalId: string): Promise<DocumentMeta[]> {
  const rows = await db
    .select()
    .from(documents)
    .where(and(eq(documents.ownerType, 'proposal'), eq(documents.ownerId, proposalId)))
    .orderBy(asc(documents.createdAt), asc(documents.id))
  return rows.map((d) => ({ id: d.id, name: d.originalName, mediaType: d.mediaType, sizeBytes: d.sizeBytes, sha256: d.sha256, uploadedAt: d.createdAt.toISOString() }))
}

export async function latestSubmission(db: DbOrTx, proposalId: string): Promise<ProposalSubmissionRow | undefined> {
  const [row] = await db.select().from(proposalSubmissions).where(eq(proposalSubmissions.proposalId, proposalId)).orderBy(desc(proposalSubmissions.submittedAt)).limit(1)
  return row
}

export async function enterpriseName(db: DbOrTx, id: string): Promise<string> {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id)).limit(1)
  return row?.name ?? ''
}

export async function partnersOf(db: DbOrTx, proposalId: string) {
  return db
    .select({ enterpriseId: proposalPartners.enterpriseId, name: organisations.name, status: proposalPartners.status, invitedAt: proposalPartners.invitedAt, respondedAt: proposalPartners.respondedAt })
    .from(proposalPartners)
    .innerJoin(organisations, eq(organisations.id, proposalPartners.enterpriseId))
    .where(eq(proposalPartners.proposalId, proposalId))
    .orderBy(asc(proposalPartners.invitedAt), asc(organisations.name))
}

const windowOpen = (challenge: ChallengeRow, now: Date) => {
  try {
    assertWindowOpen(challenge, now)
    return true
  } catch {
    return false
  }
}

/** The proposal as the caller may see it, with what they may do with it right now. */
export async function toProposal(db: DbOrTx, row: ProposalRow, challenge: ChallengeRow, access: ProposalAccess, now: Date): Promise<Proposal> {
  const [partners, docs, submission, leadName] = [await partnersOf(db, row.id), await proposalDocuments(db, row.id), await latestSubmission(db, row.id), await enterpriseName(db, row.leadEnterpriseId)]
  const open = windowOpen(challenge, now)
  return {
    id: row.id,
    challenge: {
      id: challenge.id,
      title: challenge.title,
      submissionDeadline: challenge.submissionDeadline?.toISOString() ?? null,
      status: challengeStatusAt(challenge, now),
      reservedArt282: challenge.reservedArt282,
      sdgGoals: challenge.sdgGoals,
      sdgTargets: challenge.sdgTargets,
      socialReturnRequired: (challenge.socialReturnPercent ?? 0) > 0,
    },
    leadEnterprise: { id: row.leadEnterpriseId, name: leadName },
    partners: partners.map((p) => ({ ...p, invitedAt: p.invitedAt.toISOString(), respondedAt: p.respondedAt?.toISOString() ?? null })),
    status: row.status,
    title: row.title,
    summary: row.summary,
    approach: row.approach,
    team: row.team,
    requestedBudget: centsToEuros(row.requestedBudgetCents),
    plannedImpact: row.plannedImpact,
    socialReturn: row.socialReturn ?? null,
    documents: docs,
    version: row.version,
    myAccess: access,
    canEdit: open && mayEdit(access) && row.status !== 'submitted',
    canSubmit: open && mayLead(access),
    receipt: submission ? toReceipt(submission) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}
